import { Kafka } from 'kafkajs';
import { ReadMessage, readTopic } from '../../../../libs/kafka/read-topic';

/** Offsets `from` (inclusive) to `to` (exclusive) of one partition. */
export interface OffsetRange {
  partition: number;
  from: number;
  to: number;
}

export interface RangeReadOptions {
  /** Keep only these messages (a key search); all by default. */
  keep?: (message: ReadMessage) => boolean;
  /** Stop once this many were kept. */
  limit: number;
  timeoutMs: number;
}

/**
 * Reads the given ranges of a topic through a throwaway group (libs/kafka/read-topic) and
 * stops as soon as every range has been read to its end or enough messages were kept.
 */
export async function readOffsetRanges(kafka: Kafka, topic: string, ranges: OffsetRange[],
  options: RangeReadOptions): Promise<ReadMessage[]> {
  const open = ranges.filter((range) => range.from < range.to);
  if (open.length === 0) return [];
  const remaining = new Map(open.map((range) => [range.partition, range]));
  const kept: ReadMessage[] = [];
  let seen = 0;
  const until = (messages: ReadMessage[]) => {
    for (; seen < messages.length; seen += 1) {
      const message = messages[seen]!;
      const range = remaining.get(message.partition);
      const offset = Number(message.offset);
      if (!range || offset < range.from || offset >= range.to) continue;
      if (!options.keep || options.keep(message)) kept.push(message);
      if (offset >= range.to - 1) remaining.delete(message.partition);
    }
    return remaining.size === 0 || kept.length >= options.limit;
  };
  await readTopic(kafka, topic, {
    fromOffsets: new Map(open.map((range) => [range.partition, String(range.from)])),
    until,
    timeoutMs: options.timeoutMs,
  });
  return kept.slice(0, options.limit);
}
