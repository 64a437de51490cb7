/**
 * Which topic each event type is published on. The outbox derives the aggregate type (the
 * column Debezium's Event Router routes on) from here, so a typo fails the write, not the CDC.
 */
export const EVENT_TOPICS = {
  OrderPlaced: 'orders.events',
  OrderConfirmed: 'orders.events',
  OrderRejected: 'orders.events',
  OrderCancelled: 'orders.events',
  StockReserved: 'inventory.events',
  StockRejected: 'inventory.events',
  StockReleased: 'inventory.events',
  StockSold: 'inventory.events',
  StockRestocked: 'inventory.events',
  PaymentCaptured: 'payments.events',
  PaymentDeclined: 'payments.events',
  PaymentRefunded: 'payments.events',
} as const;

export type EventType = keyof typeof EVENT_TOPICS;
export type EventTopic = (typeof EVENT_TOPICS)[EventType];

export const EVENT_TOPIC_NAMES: readonly EventTopic[] = [
  'orders.events',
  'inventory.events',
  'payments.events',
];

/** The outbox's aggregate-type values; the connector routes `<type>` to `<type>.events`. */
export const AGGREGATE_TYPES = ['orders', 'inventory', 'payments'] as const;
export type AggregateType = (typeof AGGREGATE_TYPES)[number];

export function isEventType(name: string): name is EventType {
  return Object.prototype.hasOwnProperty.call(EVENT_TOPICS, name);
}

export function aggregateTypeOf(eventType: EventType): AggregateType {
  return EVENT_TOPICS[eventType].replace(/\.events$/, '') as AggregateType;
}
