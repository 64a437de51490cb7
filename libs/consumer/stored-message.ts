import { IHeaders, KafkaMessage } from 'kafkajs';

/** A Kafka message as kept in the database (dead letters, parked events), bytes unchanged. */
export interface StoredMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  /** Header values as UTF-8 text; null for a header without a value. */
  headers: Record<string, string | null>;
  value: Buffer | null;
  timestampMs: number;
}

export function storeMessage(
  topic: string,
  partition: number,
  message: KafkaMessage,
): StoredMessage {
  const headers: Record<string, string | null> = {};
  for (const [name, raw] of Object.entries(message.headers ?? {})) {
    const first = Array.isArray(raw) ? raw[0] : raw;
    headers[name] = first === undefined || first === null ? null : first.toString();
  }
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key?.toString('utf8') ?? null,
    headers,
    value: message.value,
    timestampMs: Number(message.timestamp),
  };
}

/** Back to the shape kafkajs hands to eachMessage, for applying a stored message. */
export function toKafkaMessage(stored: StoredMessage): KafkaMessage {
  const headers: IHeaders = {};
  for (const [name, value] of Object.entries(stored.headers)) {
    if (value !== null) headers[name] = Buffer.from(value);
  }
  return {
    key: stored.key === null ? null : Buffer.from(stored.key),
    value: stored.value,
    timestamp: String(stored.timestampMs),
    attributes: 0,
    offset: stored.offset,
    headers,
  } as KafkaMessage;
}
