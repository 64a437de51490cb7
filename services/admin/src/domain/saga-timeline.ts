/** One order's saga as read from all three topics, in causal order, with what it waits for. */

export interface SagaEvent {
  eventId: string;
  eventType: string;
  topic: string;
  partition: number;
  offset: string;
  occurredAt: Date;
  causationId: string | null;
  payload: Record<string, unknown> | null;
}

export interface TimelineEntry extends SagaEvent {
  /** The service that published it: the topic's owner. */
  service: string;
  outcome: string;
  /** The event type of its cause, when the cause is on the timeline. */
  causedBy: string | null;
}

export interface WaitingStep {
  service: 'orders' | 'inventory' | 'payments';
  step: string;
  eventTypes: string[];
}

const OUTCOMES: Record<string, string> = {
  OrderPlaced: 'placed', StockReserved: 'reserved', StockRejected: 'out of stock',
  PaymentCaptured: 'captured', PaymentDeclined: 'declined', OrderConfirmed: 'confirmed',
  OrderRejected: 'rejected', OrderCancelled: 'cancelled', StockReleased: 'released',
  StockSold: 'sold', StockRestocked: 'restocked', PaymentRefunded: 'refunded',
};

/**
 * Causal order: every event after the event that caused it; among events whose causes are
 * already placed, the earliest first (time, then topic and offset). Redelivered copies of
 * one event id appear once, at their first offset.
 */
export function causalTimeline(events: SagaEvent[]): TimelineEntry[] {
  const unique = dedupe(events);
  const byId = new Map(unique.map((event) => [event.eventId, event]));
  const placed = new Set<string>();
  const waiting = [...unique];
  const timeline: TimelineEntry[] = [];
  while (waiting.length > 0) {
    const ready = waiting.filter((event) => !event.causationId || !byId.has(event.causationId) ||
      placed.has(event.causationId));
    // A cycle cannot come from real causation ids; break one by taking the earliest anyway.
    const next = (ready.length > 0 ? ready : waiting).sort(earliestFirst)[0]!;
    waiting.splice(waiting.indexOf(next), 1);
    placed.add(next.eventId);
    timeline.push({ ...next, service: next.topic.split('.')[0]!,
      outcome: outcomeOf(next), causedBy: byId.get(next.causationId ?? '')?.eventType ?? null });
  }
  return timeline;
}

function dedupe(events: SagaEvent[]): SagaEvent[] {
  const first = new Map<string, SagaEvent>();
  for (const event of [...events].sort(earliestFirst)) {
    if (!first.has(event.eventId)) first.set(event.eventId, event);
  }
  return [...first.values()];
}

function earliestFirst(a: SagaEvent, b: SagaEvent): number {
  return a.occurredAt.getTime() - b.occurredAt.getTime() || a.topic.localeCompare(b.topic) ||
    Number(a.offset) - Number(b.offset);
}

function outcomeOf(event: SagaEvent): string {
  const outcome = OUTCOMES[event.eventType] ?? event.eventType;
  const reason = event.payload?.reason;
  return typeof reason === 'string' ? `${outcome} (${reason})` : outcome;
}

/**
 * The steps the saga still waits for, from the events seen: the next step of the happy path,
 * or the compensations a cancel owes. Empty once the saga is complete.
 */
export function waitingSteps(eventTypes: Set<string>): WaitingStep[] {
  const has = (type: string) => eventTypes.has(type);
  if (!has('OrderPlaced')) return [];
  if (has('OrderCancelled')) return compensationsOwed(has);
  if (has('OrderRejected')) return [];
  if (has('StockRejected')) return [step('orders', 'reject the order', 'OrderRejected')];
  if (!has('StockReserved')) {
    return [step('inventory', 'reserve the stock', 'StockReserved', 'StockRejected')];
  }
  if (has('PaymentDeclined')) return [step('orders', 'cancel the order', 'OrderCancelled')];
  if (!has('PaymentCaptured')) {
    return [step('payments', 'charge the wallet', 'PaymentCaptured', 'PaymentDeclined')];
  }
  if (!has('OrderConfirmed')) return [step('orders', 'confirm the order', 'OrderConfirmed')];
  if (!has('StockSold')) return [step('inventory', 'sell the stock', 'StockSold')];
  return [];
}

function compensationsOwed(has: (type: string) => boolean): WaitingStep[] {
  const owed: WaitingStep[] = [];
  const stockBack = has('StockReleased') || has('StockRestocked');
  if (has('StockReserved') && !stockBack) {
    owed.push(has('StockSold') ? step('inventory', 'restock the sold stock', 'StockRestocked')
      : step('inventory', 'release the reserved stock', 'StockReleased', 'StockRestocked'));
  }
  if (has('PaymentCaptured') && !has('PaymentRefunded')) {
    owed.push(step('payments', 'refund the payment', 'PaymentRefunded'));
  }
  return owed;
}

function step(service: WaitingStep['service'], what: string, ...eventTypes: string[]) {
  return { service, step: what, eventTypes };
}
