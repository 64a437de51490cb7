import { Kafka } from 'kafkajs';
import { endOffsets, Follower, followTopic, ReadMessage } from '../../../../libs/kafka/read-topic';

export type Tail = Follower;

/**
 * Follows a topic from its end: every message written after this resolves (of one partition,
 * when given) goes to `onMessage`. The reader seeks to the end offsets read before it starts,
 * so nothing written in between is missed.
 */
export async function tailTopic(kafka: Kafka, topic: string, partition: number | undefined,
  onMessage: (message: ReadMessage) => Promise<void>): Promise<Tail> {
  const ends = await endOffsets(kafka, topic);
  return followTopic(kafka, topic, ends, async (message) => {
    if (partition === undefined || message.partition === partition) await onMessage(message);
  }, { purpose: 'tail', maxWaitTimeInMs: 250 });
}
