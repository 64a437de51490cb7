import { Admin, Kafka, Partitioners } from 'kafkajs';

export interface SpacedMessages {
  partitions: number;
  count: number;
  /** The first message's timestamp; each next one is a second later. */
  writtenAt: number;
}

/**
 * Creates a topic of the test's own holding `count` messages `m0`, `m1`, ... written round
 * robin over its partitions, one second apart: known offsets and ages for lag in messages and
 * in seconds.
 */
export async function createTopicWithMessages(kafka: Kafka, admin: Admin, topic: string,
  spec: SpacedMessages): Promise<void> {
  await admin.createTopics({ waitForLeaders: true,
    topics: [{ topic, numPartitions: spec.partitions }] });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    await producer.send({ topic, messages: Array.from({ length: spec.count }, (_, i) => ({
      partition: i % spec.partitions, value: `m${i}`,
      timestamp: String(spec.writtenAt + i * 1000) })) });
  } finally {
    await producer.disconnect();
  }
}

/** Deletes what a test made on the broker, its groups first, and disconnects the admin. */
export async function dropTestTopic(admin: Admin, topic: string, groups: string[] = []):
  Promise<void> {
  if (groups.length > 0) await admin.deleteGroups(groups).catch(() => undefined);
  await admin.deleteTopics({ topics: [topic] });
  await admin.disconnect();
}
