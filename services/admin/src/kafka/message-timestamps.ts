import { Kafka } from 'kafkajs';
import { readOffsetRanges } from './read-offset-ranges';

export interface OffsetRef {
  topic: string;
  partition: number;
  offset: number;
}

const MAX_CACHED = 20000;
const READ_TIMEOUT_MS = 10000;

const refKey = (ref: OffsetRef) => `${ref.topic}\u0000${ref.partition}\u0000${ref.offset}`;

/**
 * The timestamps of the messages at given offsets: how old the oldest event a group has not
 * consumed is. A message's timestamp never changes, so each is read from Kafka once and kept.
 */
export class MessageTimestamps {
  private readonly known = new Map<string, number>();

  constructor(private readonly kafka: Kafka) {}

  /** Timestamp in ms of each found message; a missing one (deleted, a gap) is left out. */
  async timestampsAt(refs: OffsetRef[]): Promise<Map<string, number>> {
    const missing = refs.filter((ref) => !this.known.has(refKey(ref)));
    const topics = [...new Set(missing.map((ref) => ref.topic))];
    await Promise.all(topics.map((topic) =>
      this.readTopicRefs(topic, missing.filter((ref) => ref.topic === topic))));
    const found = new Map<string, number>();
    for (const ref of refs) {
      const timestamp = this.known.get(refKey(ref));
      if (timestamp !== undefined) found.set(refKey(ref), timestamp);
    }
    return found;
  }

  timestampOf(found: Map<string, number>, ref: OffsetRef): number | undefined {
    return found.get(refKey(ref));
  }

  /** One message per partition per round, because a group's reader sits at one offset. */
  private async readTopicRefs(topic: string, refs: OffsetRef[]): Promise<void> {
    const queues = new Map<number, number[]>();
    for (const ref of refs) queues.set(ref.partition, [...(queues.get(ref.partition) ?? []),
      ref.offset]);
    for (const queue of queues.values()) queue.sort((a, b) => a - b);
    while ([...queues.values()].some((queue) => queue.length > 0)) {
      const ranges = [...queues].filter(([, queue]) => queue.length > 0)
        .map(([partition, queue]) => ({ partition, from: queue[0]!, to: queue.shift()! + 1 }));
      const messages = await readOffsetRanges(this.kafka, topic, ranges,
        { limit: ranges.length, timeoutMs: READ_TIMEOUT_MS });
      if (this.known.size > MAX_CACHED) this.known.clear();
      for (const message of messages) {
        this.known.set(refKey({ topic, partition: message.partition,
          offset: Number(message.offset) }), message.timestamp);
      }
    }
  }
}
