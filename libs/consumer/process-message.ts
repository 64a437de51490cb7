import { KafkaMessage } from 'kafkajs';
import { Pool, PoolClient } from 'pg';
import { withTransaction } from '../db/pool';
import { mapPgError } from '../db/map-pg-error';
import { DependencyUnavailableError, PlatformError } from '../errors/platform-error';
import { isEventType } from '../schemas/event-catalog';
import { ApplyContext, applyInTransaction, decodeEvent, KEY_BLOCKED } from './apply-event';
import { backoffMs, waitWithHeartbeats } from './backoff';
import { ConsumedEvent } from './consumed-event';
import { consumerMetrics } from './consumer-metrics';
import { sendToDeadLetterTopic } from './dead-letter';
import {
  clearAttempts,
  insertDeadLetter,
  insertParkedEvent,
  isKeyBlocked,
  lockKey,
  recordAttemptStarted,
} from './dead-letter-store';
import { StoredMessage, storeMessage } from './stored-message';

export interface ProcessorSettings extends ApplyContext {
  pool: Pool;
  maxAttempts: number;
  retryBaseMs: number;
  retryCapMs: number;
  /** Restarts a single event may cause before it is dead-lettered unapplied. */
  maxCrashes: number;
  /** The jitter source; tests pin it to make a wait predictable. */
  random?: () => number;
}

export class CrashLoopError extends PlatformError {}

/**
 * Decides the fate of one message: parked behind an open dead letter of its key, applied,
 * retried with backoff, or dead-lettered. Returning lets kafkajs resolve the offset, so every
 * path writes what it must (the business change, the parked row, the dead letter) first.
 */
export class MessageProcessor {
  private readonly metrics = consumerMetrics();
  /** Partitions whose events are tracked for crashes: those restarted and not yet past one. */
  private readonly careful = new Set<string>();
  private readonly seen = new Set<string>();

  constructor(private readonly settings: ProcessorSettings) {}

  /** A partition (re)assigned to this member starts careful: its first event may be a poison. */
  resetPartitions(): void {
    this.seen.clear();
  }

  async process(topic: string, partition: number, message: KafkaMessage,
    heartbeat: () => Promise<void>): Promise<void> {
    const { settings } = this;
    const eventType = message.headers?.eventType?.toString() ?? '';
    if (isEventType(eventType) && !settings.handlers[eventType]) {
      this.count(eventType, 'ignored');
      return;
    }
    const stored = storeMessage(topic, partition, message);
    const partitionId = `${topic}/${partition}`;
    if (!this.seen.has(partitionId)) {
      this.seen.add(partitionId);
      this.careful.add(partitionId);
    }
    const careful = this.careful.has(partitionId);
    if (careful && (await database(this.crashedTooOften(stored)))) return;

    const outcome = await this.applyWithRetries(stored, eventType, heartbeat);
    if (careful) {
      await database(clearAttempts(settings.pool, settings.groupId, stored));
      if (outcome !== 'duplicate') this.careful.delete(partitionId);
    }
  }

  private async crashedTooOften(stored: StoredMessage): Promise<boolean> {
    const { settings } = this;
    const attempts = await recordAttemptStarted(settings.pool, settings.groupId, stored);
    if (attempts <= settings.maxCrashes) return false;
    const error = new CrashLoopError('crash_loop',
      `the process stopped ${attempts - 1} times while applying this event`);
    const now = new Date();
    await this.deadLetter(stored, error, attempts, now);
    await clearAttempts(settings.pool, settings.groupId, stored);
    return true;
  }

  private async applyWithRetries(stored: StoredMessage, eventType: string,
    heartbeat: () => Promise<void>): Promise<string> {
    const { settings } = this;
    const firstFailureAt = new Date();
    let counted = 0;
    for (let attempt = 1; ; attempt += 1) {
      const stopTimer = this.metrics.duration.startTimer({ group: settings.groupId });
      try {
        const outcome = await this.applyOnce(stored);
        stopTimer();
        this.count(eventType, outcome);
        return outcome;
      } catch (error) {
        stopTimer();
        const failure = error instanceof Error ? error : new Error(String(error));
        const retriable = failure instanceof PlatformError && failure.retriable;
        // An unreachable database or broker is no fault of this event: it waits, uncounted,
        // rather than sending every event of an outage to the dead-letter topic.
        if (!(failure instanceof DependencyUnavailableError)) counted += 1;
        if (!retriable || counted >= settings.maxAttempts) {
          await this.deadLetter(stored, failure, attempt, firstFailureAt);
          return 'dead_lettered';
        }
        const waitMs = backoffMs(attempt, settings.retryBaseMs, settings.retryCapMs,
          settings.random);
        settings.log.warn({ err: failure, waitMs, attempt, ...where(settings.groupId, stored) },
          'event failed; retrying');
        this.metrics.retries.inc({ group: settings.groupId });
        await waitWithHeartbeats(waitMs, 1000, heartbeat);
      }
    }
  }

  /**
   * One attempt: the key's block check rides on the inbox claim, so the usual event costs no
   * extra round trip; a blocked key's event is parked under the key's lock instead.
   */
  private async applyOnce(stored: StoredMessage): Promise<string> {
    const { settings } = this;
    let event: ConsumedEvent;
    try {
      event = await decodeEvent(settings.codec, stored);
    } catch (error) {
      // Behind an open dead letter an event waits its turn, decodable or not.
      const key = stored.key;
      if (!key || !(await database(isKeyBlocked(settings.pool, settings.groupId, key)))) {
        throw error;
      }
      const parked = await withTransaction(settings.pool, (client) =>
        parkInTransaction(client, settings.groupId, stored, key));
      if (!parked) throw error;
      return this.parked(stored);
    }
    const outcome = await withTransaction(settings.pool, async (client) => {
      const applied = await applyInTransaction(client, settings, event,
        { unlessKeyBlocked: true });
      if (applied !== KEY_BLOCKED) return applied;
      if (await parkInTransaction(client, settings.groupId, stored, event.key)) return 'parked';
      // Released between the claim and the lock: the key is free again.
      return applyInTransaction(client, settings, event);
    });
    return outcome === 'parked' ? this.parked(stored) : outcome;
  }

  private parked(stored: StoredMessage): 'parked' {
    this.settings.log.info(where(this.settings.groupId, stored),
      'event parked behind a dead letter');
    return 'parked';
  }

  private async deadLetter(stored: StoredMessage, error: Error & { code?: string },
    attempts: number, firstFailureAt: Date): Promise<void> {
    const { settings } = this;
    const lastFailureAt = new Date();
    await sendToDeadLetterTopic(settings.producer, settings.groupId, stored,
      { error, attempts, firstFailureAt, lastFailureAt });
    await database(insertDeadLetter(settings.pool, { consumerGroup: settings.groupId,
      message: stored, errorClass: error.code ?? error.name,
      errorMessage: error.message.slice(0, 1000), attempts, firstFailureAt, lastFailureAt }));
    this.metrics.deadLetters.inc({ group: settings.groupId });
    settings.log.error({ err: error, attempts, ...where(settings.groupId, stored) },
      'event dead-lettered');
  }

  private count(eventType: string, outcome: string): void {
    this.metrics.handled.inc({ group: this.settings.groupId,
      event_type: isEventType(eventType) ? eventType : 'unknown', outcome });
  }
}

/** Statements outside withTransaction leave with their retry decision made, like those inside. */
/** Parks the event if its key is still blocked once the key's lock is held. */
async function parkInTransaction(client: PoolClient, group: string, stored: StoredMessage,
  key: string): Promise<boolean> {
  await lockKey(client, group, key);
  if (!(await isKeyBlocked(client, group, key))) return false;
  await insertParkedEvent(client, group, stored);
  return true;
}

function database<T>(statement: Promise<T>): Promise<T> {
  return statement.catch((error: unknown) => {
    throw mapPgError(error);
  });
}

function where(consumerGroup: string, stored: StoredMessage) {
  return { consumerGroup, topic: stored.topic, partition: stored.partition,
    offset: stored.offset, eventId: stored.headers.id ?? null,
    correlationId: stored.headers.correlationId ?? null };
}
