import { KafkaMessage } from 'kafkajs';
import { EventType } from '../schemas/event-catalog';

/** One event as a handler sees it: decoded payload plus the envelope from the headers. */
export interface ConsumedEvent<P = Record<string, unknown>> {
  eventId: string;
  eventType: EventType;
  payload: P;
  key: string;
  topic: string;
  partition: number;
  offset: string;
  correlationId: string;
  causationId: string | null;
  traceparent: string | null;
  occurredAt: Date;
}

export function headerText(message: KafkaMessage, name: string): string | null {
  const value = message.headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === null ? null : first.toString();
}
