import { Kafka } from 'kafkajs';
import { partitionOfKey } from '../../../../libs/kafka/partition-of-key';
import { ReadMessage } from '../../../../libs/kafka/read-topic';
import { EVENT_TOPIC_NAMES } from '../../../../libs/schemas/event-catalog';
import { readOffsetRanges } from './read-offset-ranges';
import { readTopicOffsets } from './topic-catalog';
import { withAdmin } from './with-admin';

/** Events of one order may be written a little before the order row's created-at. */
const CLOCK_MARGIN_MS = 5 * 60 * 1000;
const READ_TIMEOUT_MS = 20000;

/**
 * Every message keyed by the order id on the three event topics, reading only the partition
 * the key maps to in each, from shortly before the order was placed when that is known.
 */
export async function readOrderEvents(kafka: Kafka, orderId: string, placedAt: Date | null,
  maxScan: number): Promise<ReadMessage[]> {
  const ranges = await withAdmin(kafka, (admin) => Promise.all(EVENT_TOPIC_NAMES.map(
    async (topic) => {
      const offsets = await readTopicOffsets(admin, topic);
      const partition = partitionOfKey(orderId, offsets.partitions.length);
      const mark = offsets.partitions.find((entry) => entry.partition === partition)!;
      let from = Number(mark.lowOffset);
      if (placedAt) {
        const timed = await admin.fetchTopicOffsetsByTimestamp(topic,
          placedAt.getTime() - CLOCK_MARGIN_MS);
        from = Math.max(from, Number(timed.find((e) => e.partition === partition)!.offset));
      }
      const to = Number(mark.endOffset);
      return { topic, range: { partition, from: Math.max(from, to - maxScan), to } };
    })));
  const read = await Promise.all(ranges.map(({ topic, range }) =>
    readOffsetRanges(kafka, topic, [range], { keep: (message) => message.key === orderId,
      limit: maxScan, timeoutMs: READ_TIMEOUT_MS })));
  return read.flat();
}
