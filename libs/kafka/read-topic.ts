import { randomUUID } from 'node:crypto';
import { IHeaders, Kafka, KafkaMessage } from 'kafkajs';

export interface ReadMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  timestamp: number;
  headers: Record<string, string | null>;
  /** When this reader received it (ms since the epoch). */
  receivedAt: number;
}

export interface ReadOptions {
  /** Start per partition; partitions not named start at their end (only new messages). */
  fromOffsets: Map<number, string>;
  /** Stops as soon as this returns true for the messages gathered so far. */
  until: (messages: ReadMessage[]) => boolean;
  timeoutMs: number;
}

/** The end offset of every partition: where the next message of each will be written. */
export async function endOffsets(kafka: Kafka, topic: string): Promise<Map<number, string>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return new Map(offsets.map((entry) => [entry.partition, entry.high]));
  } finally {
    await admin.disconnect();
  }
}

/**
 * Reads a topic from given offsets through a throwaway consumer group that never commits,
 * and deletes that group afterwards (kafkajs has no consumer without a group).
 */
export async function readTopic(
  kafka: Kafka,
  topic: string,
  options: ReadOptions,
): Promise<ReadMessage[]> {
  const groupId = `tool.read-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100, sessionTimeout: 10000 });
  const messages: ReadMessage[] = [];
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const timer = setTimeout(finish, options.timeoutMs);
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: false });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        messages.push(toReadMessage(topic, partition, message));
        if (options.until(messages)) finish();
      },
    });
    for (const [partition, offset] of options.fromOffsets) {
      consumer.seek({ topic, partition, offset });
    }
    if (options.until(messages)) finish();
    await done;
  } finally {
    clearTimeout(timer);
    await consumer.disconnect();
    await deleteGroupQuietly(kafka, groupId);
  }
  return messages;
}

async function deleteGroupQuietly(kafka: Kafka, groupId: string): Promise<void> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.deleteGroups([groupId]);
  } catch {
    // A group that never committed may already be gone; nothing is kept for it either way.
  } finally {
    await admin.disconnect();
  }
}

export function toReadMessage(
  topic: string,
  partition: number,
  message: KafkaMessage,
): ReadMessage {
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key?.toString('utf8') ?? null,
    value: message.value,
    timestamp: Number(message.timestamp),
    headers: decodeHeaders(message.headers ?? {}),
    receivedAt: Date.now(),
  };
}

function decodeHeaders(headers: IHeaders): Record<string, string | null> {
  const decoded: Record<string, string | null> = {};
  for (const [name, value] of Object.entries(headers)) {
    const first = Array.isArray(value) ? value[0] : value;
    decoded[name] = first === undefined || first === null ? null : first.toString();
  }
  return decoded;
}
