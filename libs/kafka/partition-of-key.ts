import { Partitioners } from 'kafkajs';

const partitioner = Partitioners.DefaultPartitioner();

/**
 * The partition a producer using kafkajs' DefaultPartitioner (murmur2, as Java's default
 * partitioner for keyed records) writes `key` to, in a topic of `partitionCount` partitions.
 * Calls kafkajs' own partitioner, so the two cannot drift apart.
 */
export function partitionOfKey(key: string, partitionCount: number): number {
  if (!Number.isInteger(partitionCount) || partitionCount < 1) {
    throw new RangeError(`partitionCount must be a positive integer (got ${partitionCount})`);
  }
  const partitionMetadata = Array.from({ length: partitionCount }, (_, partitionId) => ({
    partitionId, leader: 0, replicas: [0], isr: [0], partitionErrorCode: 0,
  }));
  return partitioner({ topic: 'any', partitionMetadata, message: { key, value: null } });
}
