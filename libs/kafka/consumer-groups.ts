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

export function deadLetterTopicOf(group: string): string {
  return `${group}.dlq`;
}
