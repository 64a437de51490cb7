import { Consumer, EachMessagePayload, Kafka, Partitioners, Producer } from 'kafkajs';
import { Pool, PoolClient } from 'pg';
import { withTransaction } from '../db/pool';
import { PlatformError } from '../errors/platform-error';
import { Logger } from '../logging/logger';
import { appendOutboxEvent } from '../outbox/append-outbox-event';
import { EventType, isEventType } from '../schemas/event-catalog';
import { EventCodec } from '../schemas/event-codec';
import { childTrace, formatTraceparent, parseTraceparent } from '../tracing/trace-context';
import { backoffMs, waitWithHeartbeats } from './backoff';
import { claimInboxEntry, recordInboxOutcome } from './claim-inbox-entry';
import { ConsumedEvent, headerText } from './consumed-event';
import { sendToDeadLetterTopic } from './dead-letter';
import { consumerMetrics } from './consumer-metrics';

export interface HandlerContext<P = Record<string, unknown>> {
  client: PoolClient;
  event: ConsumedEvent<P>;
  log: Logger;
  /** Appends an event caused by this one to the outbox, in this transaction. */
  emit(eventType: EventType, payload: object): Promise<string>;
}

/** Applies one event and names what it decided (`'reserved'`, `'already_released'`, ...). */
export type EventHandler = (context: HandlerContext<any>) => Promise<string>;
export type EventHandlers = Partial<Record<EventType, EventHandler>>;

export interface EventConsumerOptions {
  kafka: Kafka;
  pool: Pool;
  codec: EventCodec;
  log: Logger;
  groupId: string;
  topics: string[];
  handlers: EventHandlers;
  keepOutboxRows?: boolean;
  /** Tries per event before a retriable failure is dead-lettered. */
  maxAttempts?: number;
  retryBaseMs?: number;
  retryCapMs?: number;
  sessionTimeoutMs?: number;
  heartbeatIntervalMs?: number;
  partitionsConsumedConcurrently?: number;
}

class EventFailure extends PlatformError {}

/**
 * An idempotent consumer group member. Each event is applied in one transaction that claims
 * (group, event id) in the inbox, runs the handler and appends what it emits. kafkajs resolves
 * the offset only after that transaction commits, and auto-commit commits only resolved
 * offsets, so a crash or rebalance replays work at worst, never skips it.
 */
export class EventConsumer {
  private readonly consumer: Consumer;
  private readonly producer: Producer;
  private readonly metrics = consumerMetrics();
  private lastProgressAt = 0;
  private crashed: Error | null = null;
  private joined = false;

  constructor(private readonly options: EventConsumerOptions) {
    this.consumer = options.kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: options.sessionTimeoutMs ?? 30000,
      heartbeatInterval: options.heartbeatIntervalMs ?? 3000,
      maxWaitTimeInMs: 100,
    });
    this.producer = options.kafka.producer({
      createPartitioner: Partitioners.DefaultPartitioner,
      idempotent: false,
    });
  }

  get groupId(): string {
    return this.options.groupId;
  }

  async start(): Promise<void> {
    const { consumer, options } = this;
    consumer.on(consumer.events.GROUP_JOIN, () => { this.joined = true; });
    consumer.on(consumer.events.FETCH, () => { this.lastProgressAt = Date.now(); });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.crashed = payload.restart ? null : payload.error;
      this.options.log.error({ err: payload.error, restart: payload.restart,
        consumerGroup: options.groupId }, 'consumer crashed');
    });
    await this.producer.connect();
    await consumer.connect();
    await this.logStartPosition();
    for (const topic of options.topics) await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommit: true,
      autoCommitInterval: 1000,
      partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 3,
      eachMessage: (payload) => this.handleMessage(payload),
    });
  }

  async stop(): Promise<void> {
    // disconnect() waits for the in-flight handlers, commits resolved offsets and leaves.
    await this.consumer.disconnect();
    await this.producer.disconnect();
  }

  pause(): void {
    this.consumer.pause(this.options.topics.map((topic) => ({ topic })));
  }

  resume(): void {
    this.consumer.resume(this.options.topics.map((topic) => ({ topic })));
  }

  /** Joined, not crashed, and fetching within the last `withinMs`. */
  health(withinMs = 15000): { ok: boolean; reason?: string } {
    if (this.crashed) return { ok: false, reason: `crashed: ${this.crashed.message}` };
    if (!this.joined) return { ok: false, reason: 'not joined to its group yet' };
    if (Date.now() - this.lastProgressAt > withinMs) {
      return { ok: false, reason: `no fetch for ${Date.now() - this.lastProgressAt} ms` };
    }
    return { ok: true };
  }

  /** A group with no committed offset starts from the earliest offset: reading again is safe. */
  private async logStartPosition(): Promise<void> {
    const admin = this.options.kafka.admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchOffsets({ groupId: this.options.groupId,
        topics: this.options.topics });
      const fresh = offsets.flatMap((entry) => entry.partitions
        .filter((p) => Number(p.offset) < 0).map((p) => `${entry.topic}/${p.partition}`));
      if (fresh.length > 0) {
        this.options.log.info({ consumerGroup: this.options.groupId, partitions: fresh },
          'no committed offset; starting from the earliest offset');
      }
    } finally {
      await admin.disconnect();
    }
  }

  private async handleMessage({ topic, partition, message, heartbeat }: EachMessagePayload) {
    const { options } = this;
    const base = { consumerGroup: options.groupId, topic, partition, offset: message.offset };
    const eventType = headerText(message, 'eventType') ?? '';
    if (isEventType(eventType) && !options.handlers[eventType]) {
      this.metrics.handled.inc({ group: options.groupId, event_type: eventType, outcome: 'ignored' });
      return;
    }
    const firstFailureAt = new Date();
    for (let attempt = 1; ; attempt += 1) {
      const stopTimer = this.metrics.duration.startTimer({ group: options.groupId });
      try {
        const outcome = await this.applyOnce(topic, partition, message);
        stopTimer();
        this.metrics.handled.inc({ group: options.groupId, event_type: eventType, outcome });
        return;
      } catch (error) {
        stopTimer();
        const failure = error instanceof Error ? error : new Error(String(error));
        const retriable = failure instanceof PlatformError && failure.retriable;
        const log = options.log.child({ ...base, eventType, attempt });
        if (retriable && attempt < (options.maxAttempts ?? 5)) {
          const waitMs = backoffMs(attempt, options.retryBaseMs ?? 100, options.retryCapMs ?? 5000);
          log.warn({ err: failure, waitMs }, 'event failed; retrying');
          this.metrics.retries.inc({ group: options.groupId });
          await waitWithHeartbeats(waitMs, 1000, heartbeat);
          continue;
        }
        log.error({ err: failure }, 'event dead-lettered');
        await sendToDeadLetterTopic(this.producer, options.groupId, { topic, partition, message },
          { error: failure, attempts: attempt, firstFailureAt, lastFailureAt: new Date() });
        this.metrics.deadLetters.inc({ group: options.groupId });
        return;
      }
    }
  }

  private async applyOnce(topic: string, partition: number, message: EachMessagePayload['message']) {
    const { options } = this;
    const event = await this.toConsumedEvent(topic, partition, message);
    const handler = options.handlers[event.eventType];
    if (!handler) return 'ignored';
    const log = options.log.child({ consumerGroup: options.groupId, eventId: event.eventId,
      correlationId: event.correlationId, topic, partition, offset: message.offset });

    return withTransaction(options.pool, async (client) => {
      const claimed = await claimInboxEntry(client, { consumerGroup: options.groupId,
        eventId: event.eventId, eventType: event.eventType, topic, partition,
        offset: message.offset });
      if (!claimed) {
        log.debug('duplicate delivery skipped');
        return 'duplicate';
      }
      const trace = formatTraceparent(childTrace(parseTraceparent(event.traceparent)));
      const emit = (eventType: EventType, payload: object) => appendOutboxEvent(client,
        options.codec, { eventType, aggregateId: event.key, payload,
          correlationId: event.correlationId, causationId: event.eventId, traceparent: trace,
          occurredAt: new Date() }, { keepRows: options.keepOutboxRows ?? false });
      const outcome = await handler({ client, event, log, emit });
      await recordInboxOutcome(client, options.groupId, event.eventId, outcome);
      log.debug({ eventType: event.eventType, outcome }, 'event applied');
      return outcome;
    });
  }

  private async toConsumedEvent(topic: string, partition: number,
    message: EachMessagePayload['message']): Promise<ConsumedEvent> {
    const eventId = headerText(message, 'id');
    const key = message.key?.toString('utf8');
    if (!eventId || !key) {
      throw new EventFailure('missing_envelope', 'the message has no id header or no key', {
        context: { topic, partition, offset: message.offset },
      });
    }
    const decoded = await this.options.codec.decode(message.value);
    return {
      eventId,
      eventType: decoded.eventType,
      payload: decoded.payload,
      key,
      topic,
      partition,
      offset: message.offset,
      correlationId: headerText(message, 'correlationId') ?? key,
      causationId: headerText(message, 'causationId'),
      traceparent: headerText(message, 'traceparent'),
      occurredAt: new Date(Number(message.timestamp)),
    };
  }
}
