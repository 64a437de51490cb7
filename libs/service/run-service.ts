import { once } from 'node:events';
import { Server } from 'node:http';
import express, { Express } from 'express';
import { Kafka } from 'kafkajs';
import { Pool } from 'pg';
import { deadLetterOpsRoutes } from '../consumer/dead-letter-ops-routes';
import { EventConsumer, EventHandlers } from '../consumer/event-consumer';
import { startParkedKeysMetric } from '../consumer/parked-keys-metric';
import { purgeInboxEntries } from '../consumer/claim-inbox-entry';
import { createPool, withTransaction } from '../db/pool';
import { errorHandler, notFoundHandler } from '../http/error-handler';
import { healthRoutes, ReadinessCheck } from '../http/health-routes';
import { httpMetrics } from '../http/http-metrics';
import { jsonBody } from '../http/json-body';
import { requireBearerToken } from '../http/ops-auth';
import { createKafka } from '../kafka/create-kafka';
import { createLogger, Logger } from '../logging/logger';
import { purgeOutboxRows } from '../outbox/append-outbox-event';
import { EventType } from '../schemas/event-catalog';
import { EventCodec } from '../schemas/event-codec';
import { startSpanExport } from '../tracing/span-export';
import { consumerOpsRoutes } from './consumer-ops-routes';
import { ServiceConfig } from './service-config';

/** What a service's own code gets to work with. */
export interface ServiceRuntime {
  name: string;
  config: ServiceConfig;
  pool: Pool;
  codec: EventCodec;
  kafka: Kafka;
  log: Logger;
}

export interface ConsumerSpec {
  /** `<service>.<purpose>`; its dead letters go to `<group>.dlq`. */
  groupId: string;
  topics: string[];
  handlers: EventHandlers;
  /** Partitions applied at once (3 by default); a replaying read model wants all of them. */
  partitionsConsumedConcurrently?: number;
}

/** Something that runs beside the HTTP server and consumers, such as a deadline sweeper. */
export interface BackgroundTask {
  stop(): Promise<void>;
}

export interface ServiceSpec {
  name: string;
  config: ServiceConfig;
  producedEvents: readonly EventType[];
  consumers?: ConsumerSpec[];
  routes(app: Express, runtime: ServiceRuntime, consumers: EventConsumer[]): void;
  background?(runtime: ServiceRuntime): BackgroundTask;
}

const PURGE_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Starts a service the same way everywhere: pool, registry, consumers, HTTP with health and
 * metrics, periodic purges, and a graceful stop on SIGTERM (consumers leave their group after
 * committing what the database committed).
 */
export async function runService(spec: ServiceSpec): Promise<void> {
  const log = createLogger(spec.name);
  const runtime = connectRuntime(spec, log);
  const spans = startSpanExport({ endpoint: spec.config.OTEL_EXPORTER_OTLP_ENDPOINT,
    serviceName: spec.name, scheduleDelayMs: spec.config.OTEL_BSP_SCHEDULE_DELAY, log });
  await runtime.codec.registerLatest(spec.producedEvents);

  const consumers = (spec.consumers ?? []).map((consumer) => new EventConsumer({
    ...consumer,
    groupId: `${spec.config.CONSUMER_GROUP_PREFIX}${consumer.groupId}`,
    kafka: runtime.kafka,
    pool: runtime.pool,
    codec: runtime.codec,
    log,
    keepOutboxRows: spec.config.OUTBOX_KEEP_DAYS > 0,
    maxAttempts: spec.config.CONSUMER_MAX_ATTEMPTS,
    retryBaseMs: spec.config.CONSUMER_RETRY_BASE_MS,
    retryCapMs: spec.config.CONSUMER_RETRY_CAP_MS,
    sessionTimeoutMs: spec.config.CONSUMER_SESSION_TIMEOUT_MS,
  }));
  for (const consumer of consumers) await consumer.start();
  const parkedKeys = startParkedKeysMetric(runtime.pool,
    consumers.map((consumer) => consumer.groupId), log);
  const background = spec.background?.(runtime);
  const purge = setInterval(() => void purgeOldRows(runtime), PURGE_INTERVAL_MS);
  void purgeOldRows(runtime);

  const server = await listen(spec, runtime, consumers);
  log.info({ host: spec.config.HTTP_HOST, port: spec.config.PORT }, 'service listening');

  const stop = async (signal: string) => {
    log.info({ signal }, 'service stopping');
    clearInterval(purge);
    server.close();
    parkedKeys.stop();
    await background?.stop();
    await Promise.all(consumers.map((consumer) => consumer.stop()));
    await spans.stop();
    await runtime.pool.end();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

function connectRuntime(spec: ServiceSpec, log: Logger): ServiceRuntime {
  const { config } = spec;
  return {
    name: spec.name,
    config,
    log,
    pool: createPool({ connectionString: config.DATABASE_URL, maxConnections: config.DB_POOL_MAX,
      applicationName: spec.name }),
    codec: EventCodec.connect(config.SCHEMA_REGISTRY_URL),
    kafka: createKafka(spec.name, config.KAFKA_BROKERS),
  };
}

async function listen(spec: ServiceSpec, runtime: ServiceRuntime, consumers: EventConsumer[]) {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(httpMetrics());
  app.use(healthRoutes(readinessChecks(runtime, consumers)));
  // The token is checked before the body, so an unauthenticated call never learns more.
  app.use('/ops', requireBearerToken(spec.config.OPS_TOKEN));
  app.use(jsonBody());
  app.use(deadLetterOpsRoutes(runtime.pool, consumers.map((consumer) => consumer.applyContext)));
  app.use(consumerOpsRoutes(consumers));
  spec.routes(app, runtime, consumers);
  app.use(notFoundHandler);
  app.use(errorHandler(runtime.log));
  const server: Server = app.listen(spec.config.PORT, spec.config.HTTP_HOST);
  await once(server, 'listening');
  return server;
}

function readinessChecks(runtime: ServiceRuntime, consumers: EventConsumer[]): ReadinessCheck[] {
  return [
    { name: 'postgres', check: async () => void (await runtime.pool.query('select 1')) },
    { name: 'schema-registry', check: () => runtime.codec.ping() },
    ...consumers.map((consumer) => ({
      name: `consumer ${consumer.groupId}`,
      check: async () => {
        const health = consumer.health();
        if (!health.ok) throw new Error(health.reason);
      },
    })),
  ];
}

async function purgeOldRows(runtime: ServiceRuntime): Promise<void> {
  const { config, log, pool } = runtime;
  try {
    const inbox = await withTransaction(pool, (client) =>
      purgeInboxEntries(client, config.INBOX_RETENTION_DAYS));
    const outbox = config.OUTBOX_KEEP_DAYS > 0
      ? await withTransaction(pool, (client) => purgeOutboxRows(client, config.OUTBOX_KEEP_DAYS))
      : 0;
    if (inbox + outbox > 0) log.info({ inbox, outbox }, 'purged old inbox and outbox rows');
  } catch (error) {
    // The next hourly run tries again; nothing depends on the purge being on time.
    log.warn({ err: error }, 'purge failed');
  }
}
