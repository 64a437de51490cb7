import { Pool } from 'pg';
import { withTransaction } from '../db/pool';
import { DependencyUnavailableError, PlatformError } from '../errors/platform-error';
import { ApplyContext, applyInTransaction, decodeEvent } from './apply-event';
import { sendToDeadLetterTopic } from './dead-letter';
import { claimInboxEntry, recordInboxOutcome } from './claim-inbox-entry';
import {
  deleteParkedEvent,
  findStrandedKeys,
  insertDeadLetter,
  lockDeadLetter,
  lockKey,
  recordRedriveFailure,
  resolveDeadLetter,
  takeNextParkedEvent,
} from './dead-letter-store';

export type RedriveResult = 'applied' | 'already_applied' | 'failed';

export interface RedriveReport {
  id: string;
  result: RedriveResult;
  error?: string;
  followersApplied: number;
}

export class DeadLetterStateError extends PlatformError {}

/**
 * Applies a dead letter through the group's handlers (the inbox makes a second application a
 * no-op), then its key's parked followers in the order they arrived.
 */
export async function redriveDeadLetter(pool: Pool, context: ApplyContext, id: string):
  Promise<RedriveReport> {
  let key: string | null = null;
  let result: RedriveResult;
  try {
    result = await withTransaction(pool, async (client) => {
      const letter = await openLetter(client, id, context.groupId);
      key = letter.message.key;
      if (key) await lockKey(client, context.groupId, key);
      const outcome = await applyInTransaction(client, context,
        await decodeEvent(context.codec, letter.message));
      await resolveDeadLetter(client, id, 'redriven', null);
      return outcome === 'duplicate' ? 'already_applied' : 'applied';
    });
  } catch (error) {
    if (error instanceof DeadLetterStateError) throw error;
    await recordRedriveFailure(pool, id, error as Error);
    return { id, result: 'failed', error: (error as Error).message, followersApplied: 0 };
  }
  const followersApplied = key ? await releaseParked(pool, context, key) : 0;
  return { id, result, followersApplied };
}

/**
 * Gives up on a dead letter with a reason, then releases its key's parked followers. The
 * inbox records the event as handled ('discarded'), so a redelivery of it, parked behind the
 * letter or arriving later, is skipped as a duplicate instead of applied after all.
 */
export async function discardDeadLetter(pool: Pool, context: ApplyContext, id: string,
  reason: string): Promise<{ id: string; status: 'discarded'; followersApplied: number }> {
  const key = await withTransaction(pool, async (client) => {
    const letter = await openLetter(client, id, context.groupId);
    if (letter.message.key) await lockKey(client, context.groupId, letter.message.key);
    await resolveDeadLetter(client, id, 'discarded', reason);
    const { message, eventId, eventType } = letter;
    if (eventId && UUID.test(eventId)) {
      const claim = await claimInboxEntry(client, { consumerGroup: context.groupId, eventId,
        eventType: eventType ?? 'unknown', topic: message.topic, partition: message.partition,
        offset: message.offset });
      // Applied meanwhile through another delivery: its outcome stands.
      if (claim === 'claimed') {
        await recordInboxOutcome(client, context.groupId, eventId, 'discarded');
      }
    }
    return letter.message.key;
  });
  const followersApplied = key ? await releaseParked(pool, context, key) : 0;
  return { id, status: 'discarded', followersApplied };
}

async function openLetter(client: Parameters<typeof lockDeadLetter>[0], id: string,
  group: string) {
  const letter = await lockDeadLetter(client, id);
  if (!letter || letter.consumerGroup !== group) {
    throw new DeadLetterStateError('dead_letter_not_found', `no dead letter ${id} in ${group}`);
  }
  if (letter.status !== 'open') {
    throw new DeadLetterStateError('dead_letter_resolved', `dead letter ${id} is ${letter.status}`);
  }
  return letter;
}

/**
 * Applies the key's parked events oldest first, each in its own transaction under the key's
 * lock; a redelivery of an event the group already handled is skipped, not counted. A follower
 * that fails becomes the key's new dead letter, in the table and on `<group>.dlq` like any
 * other, and the rest stay parked. The copy is sent before the transaction commits: when
 * Kafka cannot take it, the follower stays parked for a later try (releaseStrandedKeys).
 */
export async function releaseParked(pool: Pool, context: ApplyContext, key: string):
  Promise<number> {
  let applied = 0;
  for (;;) {
    const step = await withTransaction(pool, async (client) => {
      await lockKey(client, context.groupId, key);
      const next = await takeNextParkedEvent(client, context.groupId, key);
      if (!next) return 'done' as const;
      await deleteParkedEvent(client, next.id);
      try {
        await client.query('savepoint follower');
        const outcome = await applyInTransaction(client, context,
          await decodeEvent(context.codec, next.message));
        return outcome === 'duplicate' ? 'skipped' as const : 'applied' as const;
      } catch (error) {
        // A retriable failure leaves the follower parked (the whole step rolls back).
        if (error instanceof PlatformError && error.retriable) throw error;
        await client.query('rollback to savepoint follower');
        const failure = error as Error & { code?: string };
        const now = new Date();
        await insertDeadLetter(client, { consumerGroup: context.groupId, message: next.message,
          errorClass: failure.code ?? failure.name,
          errorMessage: failure.message.slice(0, 1000), attempts: 1,
          firstFailureAt: now, lastFailureAt: now });
        await sendToDeadLetterTopic(context.producer, context.groupId, next.message,
          { error: failure, attempts: 1, firstFailureAt: now, lastFailureAt: now })
          .catch((sendError: unknown) => {
            throw new DependencyUnavailableError('the dead-letter topic', sendError);
          });
        return 'failed' as const;
      }
    }).catch((error: unknown) => {
      if (error instanceof PlatformError && error.retriable) return 'retry_later' as const;
      throw error;
    });
    if (step === 'skipped') continue;
    if (step !== 'applied') return applied;
    applied += 1;
  }
}

/**
 * Releases the keys a release left stranded (parked events, no open dead letter), each as a
 * redrive would have; the consumer runs it now and then. Returns the events applied.
 */
export async function releaseStrandedKeys(pool: Pool, context: ApplyContext): Promise<number> {
  let applied = 0;
  for (const key of await findStrandedKeys(pool, context.groupId)) {
    applied += await releaseParked(pool, context, key);
  }
  return applied;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
