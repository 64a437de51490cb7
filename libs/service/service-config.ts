import { z } from 'zod';
import { intVar, listVar, urlVar } from '../config/read-config';

/** The settings every service has; a service's config.ts extends these with its own. */
export function serviceConfigShape(defaults: { port: number; database: string }) {
  return {
    PORT: intVar(defaults.port, 1, 65535),
    /**
     * Loopback unless told otherwise: a container sets 0.0.0.0 so its published port
     * reaches it.
     */
    HTTP_HOST: z.string().trim().min(1, { message: 'must name an address' }).default('127.0.0.1'),
    DATABASE_URL: urlVar(`postgres://postgres@127.0.0.1:5432/${defaults.database}`),
    DB_POOL_MAX: intVar(10, 1, 100),
    SCHEMA_REGISTRY_URL: urlVar('http://127.0.0.1:8081/apis/ccompat/v7'),
    KAFKA_BROKERS: listVar('127.0.0.1:9092'),
    /** 0 deletes outbox rows in the transaction that wrote them. */
    OUTBOX_KEEP_DAYS: intVar(0, 0, 365),
    INBOX_RETENTION_DAYS: intVar(30, 1, 3650),
    /** Tries per event before a retriable failure is dead-lettered. */
    CONSUMER_MAX_ATTEMPTS: intVar(5, 1, 100),
    CONSUMER_RETRY_BASE_MS: intVar(100, 1, 60000),
    CONSUMER_RETRY_CAP_MS: intVar(5000, 1, 600000),
    CONSUMER_SESSION_TIMEOUT_MS: intVar(30000, 6000, 300000),
    /**
     * Put before every consumer group name (`<prefix><service>.<purpose>`), so a second copy
     * of a service on a scratch database does not take partitions from the real group. Its
     * `<prefix><group>.dlq` topics must exist before an event is dead-lettered. Empty in
     * production.
     */
    CONSUMER_GROUP_PREFIX: z.string()
      .regex(/^[a-z0-9._-]{0,40}$/, { message: 'must be up to 40 of a-z 0-9 . _ -' }).default(''),
    /** An OpenTelemetry collector's OTLP/HTTP base URL; unset or empty exports no spans. */
    OTEL_EXPORTER_OTLP_ENDPOINT: z.preprocess((value) => (value === '' ? undefined : value),
      z.url({ message: 'must be a URL' }).optional()),
    /** How long finished spans wait in a batch before they are sent. */
    OTEL_BSP_SCHEDULE_DELAY: intVar(5000, 50, 60000),
    /** Token for the service's own operations endpoints (dead letters, parked keys). */
    OPS_TOKEN: z.string().min(16, { message: 'must be at least 16 characters' })
      .default('local-ops-token-change-me'),
  };
}

const sharedSchema = z.object(serviceConfigShape({ port: 1, database: 'x' }));
export type ServiceConfig = z.infer<typeof sharedSchema>;
