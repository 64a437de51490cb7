import { Admin } from 'kafkajs';
import { HttpProblemError } from '../../../../libs/http/error-handler';
import { topicWatermarks } from '../../../../libs/kafka/group-offsets';

export interface PartitionOffsets {
  partition: number;
  lowOffset: string;
  endOffset: string;
  /** Messages held: end offset less low offset. */
  messages: number;
}

export interface TopicOffsets {
  topic: string;
  internal: boolean;
  partitions: PartitionOffsets[];
  messages: number;
}

/** Answers 404 for a topic the broker does not have (it never creates one on a read). */
export async function requireTopic(admin: Admin, topic: string): Promise<void> {
  const topics = await admin.listTopics();
  if (!topics.includes(topic)) {
    throw new HttpProblemError(404, 'topic-not-found', 'Topic not found',
      `the broker has no topic named ${JSON.stringify(topic)}`);
  }
}

export async function readTopicOffsets(admin: Admin, topic: string): Promise<TopicOffsets> {
  const partitions = (await topicWatermarks(admin, topic)).map((mark) => ({
    partition: mark.partition, lowOffset: mark.low, endOffset: mark.high,
    messages: Number(mark.high) - Number(mark.low),
  }));
  return { topic, internal: topic.startsWith('__'), partitions,
    messages: partitions.reduce((sum, entry) => sum + entry.messages, 0) };
}

// TODO(admin): sizes are message counts; bytes need DescribeLogDirs, which kafkajs 2.2.4 does
// not offer. Operators who need bytes read them from the broker's own tools until then.
export async function readAllTopicOffsets(admin: Admin): Promise<TopicOffsets[]> {
  const topics = (await admin.listTopics()).sort();
  return Promise.all(topics.map((topic) => readTopicOffsets(admin, topic)));
}

/** The partition's offsets, or 400 naming the partitions the topic has. */
export function partitionOf(offsets: TopicOffsets, partition: number): PartitionOffsets {
  const found = offsets.partitions.find((entry) => entry.partition === partition);
  if (!found) {
    throw new HttpProblemError(400, 'partition-out-of-range', 'Partition out of range',
      `topic ${offsets.topic} has partitions 0 to ${offsets.partitions.length - 1} ` +
      `(got ${partition})`);
  }
  return found;
}
