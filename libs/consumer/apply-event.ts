import { Producer } from 'kafkajs';
import { PoolClient } from 'pg';
import { onCommit } from '../db/pool';
import { PlatformError } from '../errors/platform-error';
import { Logger } from '../logging/logger';
import { appendOutboxEvent } from '../outbox/append-outbox-event';
import { EventType } from '../schemas/event-catalog';
import { EventCodec } from '../schemas/event-codec';
import { recordSpan } from '../tracing/span-export';
import { childTrace, formatTraceparent, parseTraceparent } from '../tracing/trace-context';
import { claimInboxEntry, recordInboxOutcome } from './claim-inbox-entry';
import { ConsumedEvent } from './consumed-event';
import { StoredMessage } from './stored-message';

export interface HandlerContext<P = Record<string, unknown>> {
  client: PoolClient;
  event: ConsumedEvent<P>;
  log: Logger;
  /** Appends an event caused by this one to the outbox, in this transaction. */
  emit(eventType: EventType, payload: object): Promise<string>;
}

/** Applies one event and names what it decided (`'reserved'`, `'already_released'`, ...). */
// The payload type is each handler's own; the map below holds handlers of every payload.
export type EventHandler = (context: HandlerContext<any>) => Promise<string>;
export type EventHandlers = Partial<Record<EventType, EventHandler>>;

/** What applying an event needs, whether it comes from Kafka or from a redrive. */
export interface ApplyContext {
  groupId: string;
  codec: EventCodec;
  handlers: EventHandlers;
  log: Logger;
  keepOutboxRows: boolean;
  /** Copies what is dead-lettered to `<group>.dlq`, during a redrive's release too. */
  producer: Producer;
}

export class EventEnvelopeError extends PlatformError {}

/** Reads the envelope from the headers and decodes the value with the registry. */
export async function decodeEvent(codec: EventCodec, message: StoredMessage):
  Promise<ConsumedEvent> {
  const eventId = message.headers.id;
  if (!eventId || !message.key) {
    throw new EventEnvelopeError('missing_envelope', 'the message has no id header or no key', {
      context: { topic: message.topic, partition: message.partition, offset: message.offset },
    });
  }
  const decoded = await codec.decode(message.value);
  return {
    eventId,
    eventType: decoded.eventType,
    payload: decoded.payload,
    key: message.key,
    topic: message.topic,
    partition: message.partition,
    offset: message.offset,
    correlationId: message.headers.correlationId ?? message.key,
    causationId: message.headers.causationId ?? null,
    traceparent: message.headers.traceparent ?? null,
    occurredAt: new Date(message.timestampMs),
  };
}

/** Returned instead of an outcome when the event's key waits behind a dead letter. */
export const KEY_BLOCKED = 'key_blocked';

export interface ApplyOptions {
  /**
   * Leave the event unapplied (KEY_BLOCKED) when its key has an open dead letter or parked
   * events. The consumer asks it; a redrive, which applies exactly those, does not.
   */
  unlessKeyBlocked?: boolean;
}

/**
 * Claims (group, event id) in the inbox, runs the handler and appends what it emits, all in
 * the caller's transaction. Returns 'duplicate' when the group already applied the event.
 */
export async function applyInTransaction(client: PoolClient, context: ApplyContext,
  event: ConsumedEvent, options: ApplyOptions = {}): Promise<string> {
  const handler = context.handlers[event.eventType];
  if (!handler) return 'ignored';
  const startMs = Date.now();
  // The span of this handling: its trace id goes into the logs and, as the parent of what
  // the handler emits, into the traceparent of every event it writes.
  const parent = parseTraceparent(event.traceparent);
  const trace = childTrace(parent);
  const log = context.log.child({ consumerGroup: context.groupId, eventId: event.eventId,
    correlationId: event.correlationId, topic: event.topic, partition: event.partition,
    offset: event.offset, traceId: trace.traceId });
  const claim = await claimInboxEntry(client, { consumerGroup: context.groupId,
    eventId: event.eventId, eventType: event.eventType, topic: event.topic,
    partition: event.partition, offset: event.offset },
  options.unlessKeyBlocked ? event.key : null);
  if (claim === 'key_blocked') return KEY_BLOCKED;
  if (claim === 'duplicate') {
    log.debug('duplicate delivery skipped');
    return 'duplicate';
  }
  const emit = (eventType: EventType, payload: object) => appendOutboxEvent(client,
    context.codec, { eventType, aggregateId: event.key, payload,
      correlationId: event.correlationId, causationId: event.eventId,
      traceparent: formatTraceparent(trace),
      occurredAt: new Date() }, { keepRows: context.keepOutboxRows });
  const outcome = await handler({ client, event, log, emit });
  await recordInboxOutcome(client, context.groupId, event.eventId, outcome);
  onCommit(client, () => recordSpan({ traceId: trace.traceId, spanId: trace.spanId,
    parentSpanId: parent?.spanId ?? null,
    name: `${context.groupId} process ${event.eventType}`, kind: 'consumer', startMs,
    endMs: Date.now(), attributes: { 'messaging.system': 'kafka',
      'messaging.consumer.group.name': context.groupId, 'messaging.destination.name': event.topic,
      'messaging.kafka.offset': Number(event.offset), 'handler.outcome': outcome } }));
  log.debug({ eventType: event.eventType, outcome }, 'event applied');
  return outcome;
}
