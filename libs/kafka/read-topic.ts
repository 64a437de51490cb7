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

export interface Follower {
  /** Leaves and deletes the throwaway group; a second call waits for the first. */
  stop(): Promise<void>;
}

/**
 * Hands every message of a topic, from given offsets per partition (the others from their
 * end), to `onMessage`, through a throwaway consumer group that never commits and is deleted
 * when the follower stops (kafkajs has no consumer without a group).
 */
export async function followTopic(kafka: Kafka, topic: string, fromOffsets: Map<number, string>,
  onMessage: (message: ReadMessage) => Promise<void> | void,
  options: { purpose: string; maxWaitTimeInMs: number }): Promise<Follower> {
  const groupId = `tool.${options.purpose}-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: options.maxWaitTimeInMs,
    sessionTimeout: 10000 });
  let stopped: Promise<void> | null = null;
  const stop = () => {
    stopped ??= (async () => {
      await consumer.disconnect();
      await deleteGroupQuietly(kafka, groupId);
    })();
    return stopped;
  };
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: false });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        await onMessage(toReadMessage(topic, partition, message));
      },
    });
  } catch (error) {
    await stop();
    throw error;
  }
  for (const [partition, offset] of fromOffsets) consumer.seek({ topic, partition, offset });
  return { stop };
}

/** Reads a topic from given offsets until `until` holds or the time is up. */
export async function readTopic(
  kafka: Kafka,
  topic: string,
  options: ReadOptions,
): Promise<ReadMessage[]> {
  const messages: ReadMessage[] = [];
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const timer = setTimeout(finish, options.timeoutMs);
  try {
    const follower = await followTopic(kafka, topic, options.fromOffsets, (message) => {
      messages.push(message);
      if (options.until(messages)) finish();
    }, { purpose: 'read', maxWaitTimeInMs: 100 });
    try {
      if (options.until(messages)) finish();
      await done;
    } finally {
      await follower.stop();
    }
  } finally {
    clearTimeout(timer);
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
