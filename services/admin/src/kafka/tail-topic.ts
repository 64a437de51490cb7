import { randomUUID } from 'node:crypto';
import { Kafka } from 'kafkajs';
import { endOffsets, ReadMessage, toReadMessage } from '../../../../libs/kafka/read-topic';

export interface Tail {
  stop(): Promise<void>;
}

/**
 * Follows a topic from its end: every message written after this resolves (of one partition,
 * when given) goes to `onMessage`. The reader seeks to the end offsets read before it starts,
 * so nothing written in between is missed. A throwaway group that never commits, deleted when
 * the tail stops.
 */
export async function tailTopic(kafka: Kafka, topic: string, partition: number | undefined,
  onMessage: (message: ReadMessage) => Promise<void>): Promise<Tail> {
  const groupId = `tool.tail-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 250, sessionTimeout: 10000 });
  const ends = await endOffsets(kafka, topic);
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: false });
  await consumer.run({
    autoCommit: false,
    eachMessage: async (payload) => {
      if (partition !== undefined && payload.partition !== partition) return;
      await onMessage(toReadMessage(topic, payload.partition, payload.message));
    },
  });
  for (const [from, offset] of ends) consumer.seek({ topic, partition: from, offset });
  let stopped: Promise<void> | null = null;
  return {
    stop() {
      stopped ??= (async () => {
        await consumer.disconnect();
        await deleteGroupQuietly(kafka, groupId);
      })();
      return stopped;
    },
  };
}

async function deleteGroupQuietly(kafka: Kafka, groupId: string): Promise<void> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.deleteGroups([groupId]);
  } catch {
    // A group that never committed may be gone already; nothing is kept for it either way.
  } finally {
    await admin.disconnect();
  }
}
