import { Consumer, Kafka, Partitioners, Producer } from 'kafkajs';
import { Pool } from 'pg';
import { Logger } from '../logging/logger';
import { EventCodec } from '../schemas/event-codec';
import { EventHandlers } from './apply-event';
import { MessageProcessor } from './process-message';
import { releaseStrandedKeys } from './redrive-dead-letter';

export type { EventHandler, EventHandlers, HandlerContext } from './apply-event';

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
  /** Restarts one event may cause before it is dead-lettered without being applied. */
  maxCrashes?: number;
  sessionTimeoutMs?: number;
  heartbeatIntervalMs?: number;
  partitionsConsumedConcurrently?: number;
  /** The backoff jitter source (Math.random); tests pin it. */
  random?: () => number;
  /** How often stranded parked keys are looked for (releaseStrandedKeys). */
  strandedKeySweepMs?: number;
}

/**
 * An idempotent consumer group member. Each event is applied in one transaction that claims
 * (group, event id) in the inbox, runs the handler and appends what it emits. kafkajs resolves
 * the offset only after that transaction commits, and auto-commit commits only resolved
 * offsets, so a crash or rebalance replays work at worst, never skips it.
 */
export class EventConsumer {
  private readonly consumer: Consumer;
  private readonly producer: Producer;
  private readonly processor: MessageProcessor;
  private lastProgressAt = 0;
  private crashed: Error | null = null;
  private joined = false;
  private paused = false;
  private sweep: NodeJS.Timeout | null = null;

  constructor(private readonly options: EventConsumerOptions) {
    this.consumer = options.kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: options.sessionTimeoutMs ?? 30000,
      heartbeatInterval: options.heartbeatIntervalMs ?? 3000,
      maxWaitTimeInMs: 100,
    });
    this.producer = options.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    this.processor = new MessageProcessor({
      groupId: options.groupId,
      codec: options.codec,
      handlers: options.handlers,
      log: options.log,
      keepOutboxRows: options.keepOutboxRows ?? false,
      pool: options.pool,
      producer: this.producer,
      maxAttempts: options.maxAttempts ?? 5,
      retryBaseMs: options.retryBaseMs ?? 100,
      retryCapMs: options.retryCapMs ?? 5000,
      maxCrashes: options.maxCrashes ?? 2,
      random: options.random,
    });
    // Listeners are attached once: a consumer may be started again after a stop (a rebuild).
    const { consumer } = this;
    consumer.on(consumer.events.GROUP_JOIN, () => {
      this.joined = true;
      this.processor.resetPartitions();
    });
    consumer.on(consumer.events.FETCH, () => { this.lastProgressAt = Date.now(); });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.crashed = payload.restart ? null : payload.error;
      options.log.error({ err: payload.error, restart: payload.restart,
        consumerGroup: options.groupId }, 'consumer crashed');
    });
  }

  get groupId(): string {
    return this.options.groupId;
  }

  get applyContext() {
    const { options } = this;
    return { groupId: options.groupId, codec: options.codec, handlers: options.handlers,
      log: options.log, keepOutboxRows: options.keepOutboxRows ?? false,
      producer: this.producer };
  }

  async start(): Promise<void> {
    const { consumer, options } = this;
    await this.producer.connect();
    await consumer.connect();
    await this.logStartPosition();
    for (const topic of options.topics) await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommit: true,
      autoCommitInterval: 1000,
      partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 3,
      eachMessage: ({ topic, partition, message, heartbeat }) =>
        this.processor.process(topic, partition, message, heartbeat),
    });
    this.startStrandedKeySweep();
  }

  async stop(): Promise<void> {
    this.joined = false;
    if (this.sweep) clearInterval(this.sweep);
    this.sweep = null;
    // disconnect() waits for the in-flight handlers, commits resolved offsets and leaves.
    await this.consumer.disconnect();
    await this.producer.disconnect();
  }

  pause(): void {
    this.paused = true;
    this.consumer.pause(this.options.topics.map((topic) => ({ topic })));
  }

  resume(): void {
    this.paused = false;
    this.consumer.resume(this.options.topics.map((topic) => ({ topic })));
  }

  /** Joined, not paused, not crashed, and fetching within the last `withinMs`. */
  health(withinMs = 15000): { ok: boolean; reason?: string } {
    if (this.crashed) return { ok: false, reason: `crashed: ${this.crashed.message}` };
    if (!this.joined) return { ok: false, reason: 'not joined to its group yet' };
    if (this.paused) return { ok: false, reason: 'paused by an operator' };
    if (Date.now() - this.lastProgressAt > withinMs) {
      return { ok: false, reason: `no fetch for ${Date.now() - this.lastProgressAt} ms` };
    }
    return { ok: true };
  }

  /**
   * Now and then, releases the keys a halted release left parked with no open dead letter
   * (a retriable failure or a crash in the middle of a redrive's release). Without it those
   * keys, and every later event of theirs, would wait for an operator who has nothing to
   * redrive.
   */
  private startStrandedKeySweep(): void {
    const { options } = this;
    let running = false;
    this.sweep = setInterval(() => {
      if (running) return;
      running = true;
      releaseStrandedKeys(options.pool, this.applyContext)
        .then((applied) => {
          if (applied > 0) {
            options.log.warn({ consumerGroup: options.groupId, applied },
              'released events a halted release had left parked');
          }
        })
        .catch((error: unknown) => options.log.warn({ err: error,
          consumerGroup: options.groupId }, 'stranded parked keys not released; retrying later'))
        .finally(() => { running = false; });
    }, options.strandedKeySweepMs ?? 10000);
    this.sweep.unref();
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
}
