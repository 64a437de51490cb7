import { Kafka } from 'kafkajs';
import { HttpProblemError } from '../../../../libs/http/error-handler';
import { partitionOfKey } from '../../../../libs/kafka/partition-of-key';
import { ReadMessage } from '../../../../libs/kafka/read-topic';
import { OffsetRange, readOffsetRanges } from './read-offset-ranges';
import { partitionOf, readTopicOffsets, requireTopic, TopicOffsets } from './topic-catalog';
import { withAdmin } from './with-admin';

export interface MessageQuery {
  topic: string;
  partition?: number;
  offset?: number;
  timestampMs?: number;
  key?: string;
  limit: number;
}

export interface FoundMessages {
  /** How the messages were chosen, and the partitions read. */
  mode: 'offset' | 'timestamp' | 'key' | 'latest';
  partitions: number[];
  messages: ReadMessage[];
}

const READ_TIMEOUT_MS = 15000;

/**
 * Messages by partition and offset, from a timestamp, by key (reading only the partition the
 * key maps to), or the latest ones; never more than `limit`, never past `maxScan` per search.
 */
export async function findMessages(kafka: Kafka, query: MessageQuery, maxScan: number):
  Promise<FoundMessages> {
  const { offsets, byTimestamp } = await withAdmin(kafka, async (admin) => {
    await requireTopic(admin, query.topic);
    const topicOffsets = await readTopicOffsets(admin, query.topic);
    const timed = query.timestampMs === undefined ? null
      : await admin.fetchTopicOffsetsByTimestamp(query.topic, query.timestampMs);
    return { offsets: topicOffsets, byTimestamp: timed };
  });
  const { mode, ranges, keep } = plan(query, offsets, byTimestamp, maxScan);
  const limit = mode === 'key' ? query.limit : Math.min(query.limit, maxScan);
  const messages = await readOffsetRanges(kafka, query.topic, ranges,
    { keep, limit: mode === 'offset' || mode === 'key' ? limit : maxScan,
      timeoutMs: READ_TIMEOUT_MS });
  return { mode, partitions: ranges.map((range) => range.partition),
    messages: choose(mode, messages, query.limit) };
}

function plan(query: MessageQuery, offsets: TopicOffsets,
  byTimestamp: { partition: number; offset: string }[] | null, maxScan: number) {
  const partitions = query.partition === undefined ? offsets.partitions
    : [partitionOf(offsets, query.partition)];
  if (query.key !== undefined) {
    const mark = partitionOf(offsets, partitionOfKey(query.key, offsets.partitions.length));
    const from = Math.max(Number(mark.lowOffset), query.offset ?? 0);
    const to = Math.min(Number(mark.endOffset), from + maxScan);
    const key = query.key;
    return { mode: 'key' as const, ranges: [{ partition: mark.partition, from, to }],
      keep: (message: ReadMessage) => message.key === key };
  }
  if (byTimestamp) {
    const ranges = partitions.map((mark) => {
      const from = Number(byTimestamp.find((entry) => entry.partition === mark.partition)!.offset);
      return { partition: mark.partition, from, to: Math.min(Number(mark.endOffset),
        from + query.limit) };
    });
    return { mode: 'timestamp' as const, ranges, keep: undefined };
  }
  if (query.offset !== undefined) {
    const mark = partitions[0]!;
    return { mode: 'offset' as const, ranges: [offsetRange(mark, query.offset, query.limit)],
      keep: undefined };
  }
  return { mode: 'latest' as const, keep: undefined, ranges: partitions.map((mark) => ({
    partition: mark.partition, from: Math.max(Number(mark.lowOffset),
      Number(mark.endOffset) - query.limit), to: Number(mark.endOffset) })) };
}

function offsetRange(mark: { partition: number; lowOffset: string; endOffset: string },
  offset: number, limit: number): OffsetRange {
  const low = Number(mark.lowOffset);
  const end = Number(mark.endOffset);
  if (offset < low || offset > end) {
    throw new HttpProblemError(400, 'offset-out-of-range', 'Offset out of range',
      `partition ${mark.partition} holds offsets ${low} to ${end - 1} (got ${offset})`);
  }
  return { partition: mark.partition, from: offset, to: Math.min(end, offset + limit) };
}

/** In offset order for one partition; by time across partitions (latest: the newest). */
function choose(mode: FoundMessages['mode'], messages: ReadMessage[], limit: number) {
  const byTime = [...messages].sort((a, b) => a.timestamp - b.timestamp ||
    a.partition - b.partition || Number(a.offset) - Number(b.offset));
  if (mode === 'latest') return byTime.slice(-limit);
  return byTime.slice(0, limit);
}
