import { ReadMessage } from '../../../../libs/kafka/read-topic';
import { EventCodec } from '../../../../libs/schemas/event-codec';

export interface MessageView {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  timestamp: string;
  headers: Record<string, string | null>;
  /** The Avro value decoded through the registry; null when it does not decode. */
  value: { schemaId: number; eventType: string; payload: Record<string, unknown> } | null;
  /** Why the value did not decode, with its bytes in base64 so nothing is hidden. */
  undecodable: { reason: string; base64: string | null } | null;
}

/** A message as an operator reads it: headers as text, the value decoded when it can be. */
export async function viewMessage(codec: EventCodec, message: ReadMessage): Promise<MessageView> {
  const base = { topic: message.topic, partition: message.partition, offset: message.offset,
    key: message.key, timestamp: new Date(message.timestamp).toISOString(),
    headers: message.headers };
  if (message.value === null) return { ...base, value: null, undecodable: null };
  try {
    const decoded = await codec.decode(message.value);
    return { ...base, value: decoded, undecodable: null };
  } catch (error) {
    return { ...base, value: null, undecodable: { reason: (error as Error).message,
      base64: message.value.toString('base64') } };
  }
}
