import { randomUUID } from 'node:crypto';
import { PoolClient } from 'pg';
import { onCommit } from '../db/pool';
import { PlatformError } from '../errors/platform-error';
import { counter } from '../metrics/metrics-registry';
import { aggregateTypeOf, EventType, isEventType } from '../schemas/event-catalog';
import { EventCodec } from '../schemas/event-codec';

/** Events out: every event a service writes, counted once its transaction commits. */
const appended = counter('outbox_events_appended_total',
  'Outbox events committed, by event type', ['event_type']);

export interface NewOutboxEvent {
  eventType: EventType;
  /** The order id: the Kafka key, so all events of one order share a partition. */
  aggregateId: string;
  payload: object;
  correlationId: string;
  /** The event that caused this one; null for the first event of a saga. */
  causationId: string | null;
  traceparent: string | null;
  occurredAt: Date;
  eventId?: string;
}

export interface OutboxOptions {
  /** Keep rows after the commit for inspection; the keep-days purge removes them later. */
  keepRows: boolean;
}

/**
 * Appends one event inside the caller's transaction. The payload is encoded first, so a bad
 * event fails this transaction instead of the CDC stream.
 */
export async function appendOutboxEvent(
  client: PoolClient,
  codec: EventCodec,
  event: NewOutboxEvent,
  options: OutboxOptions,
): Promise<string> {
  if (!isEventType(event.eventType)) {
    throw new PlatformError('unknown_event_type', `unknown event type ${event.eventType}`, {
      context: { eventType: String(event.eventType) },
    });
  }
  const eventId = event.eventId ?? randomUUID();
  const payload = codec.encode(event.eventType, event.payload);

  await client.query(
    'select append_outbox_event($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
    [
      eventId,
      aggregateTypeOf(event.eventType),
      event.aggregateId,
      event.eventType,
      payload,
      event.correlationId,
      event.causationId,
      event.traceparent,
      event.occurredAt.toISOString(),
      options.keepRows,
    ],
  );
  onCommit(client, () => appended.inc({ event_type: event.eventType }));
  return eventId;
}

/** Removes kept rows older than the keep-days setting; returns how many went. */
export async function purgeOutboxRows(client: PoolClient, keepDays: number): Promise<number> {
  const result = await client.query(
    `delete from outbox
     where occurred_at < (now() at time zone 'UTC') - make_interval(days => $1)`,
    [keepDays],
  );
  return result.rowCount ?? 0;
}
