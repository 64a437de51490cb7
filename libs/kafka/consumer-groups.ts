/**
 * Every consumer group of the platform, named `<service>.<purpose>`. `make up` creates each
 * group's dead-letter topic, `<group>.dlq`, up front because the broker never auto-creates.
 */
export const CONSUMER_GROUPS = [
  'inventory.saga',
  'payments.saga',
  'orders.saga',
  'projection.order-history',
] as const;

export type ConsumerGroup = (typeof CONSUMER_GROUPS)[number];

/**
 * The topics each platform group reads. A group that never committed is forgotten by the
 * broker once its members leave, yet still owes every event of these topics.
 */
export const GROUP_TOPICS: Record<ConsumerGroup, readonly string[]> = {
  'inventory.saga': ['orders.events', 'payments.events'],
  'payments.saga': ['inventory.events', 'orders.events'],
  'orders.saga': ['inventory.events', 'payments.events'],
  'projection.order-history': ['orders.events', 'inventory.events', 'payments.events'],
};

export function deadLetterTopicOf(group: string): string {
  return `${group}.dlq`;
}
