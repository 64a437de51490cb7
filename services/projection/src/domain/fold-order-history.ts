/**
 * One order's history folded from its events. The fold sorts the events by (occurred at, event
 * id) first, so the result depends on which events were applied, not on the order they arrived
 * in across topics: the property that lets a replay from offset 0 reach the live state.
 */

export type HistoryStatus = 'UNKNOWN' | 'PENDING' | 'RESERVED' | 'CONFIRMED' | 'REJECTED'
  | 'CANCELLED';

export interface HistoryEvent {
  eventId: string;
  eventType: string;
  occurredAt: Date;
  payload: Record<string, unknown>;
}

export interface PricedLine {
  sku: string;
  quantity: number;
  unitPriceCents: number;
}

export interface OrderHistory {
  orderId: string;
  customerId: string | null;
  status: HistoryStatus;
  statusReason: string | null;
  totalCents: number | null;
  reservedCents: number | null;
  capturedCents: number;
  refundedCents: number;
  eventCount: number;
  firstEventAt: Date;
  lastEventAt: Date;
  lastEventType: string;
  placedAt: Date | null;
  settledAt: Date | null;
  /** The UTC day (YYYY-MM-DD) the order's lines count as sold; null while they do not. */
  salesDay: string | null;
  /** The lines inventory reserved, at its prices; empty until StockReserved is applied. */
  pricedLines: PricedLine[];
}

export function compareEvents(a: HistoryEvent, b: HistoryEvent): number {
  const byTime = a.occurredAt.getTime() - b.occurredAt.getTime();
  if (byTime !== 0) return byTime;
  return a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0;
}

export function foldOrderHistory(orderId: string, events: HistoryEvent[]): OrderHistory | null {
  if (events.length === 0) return null;
  const sorted = [...events].sort(compareEvents);
  const first = (type: string) => sorted.find((event) => event.eventType === type) ?? null;
  const sum = (type: string) => sorted.filter((event) => event.eventType === type)
    .reduce((total, event) => total + Number(event.payload.amountCents ?? 0), 0);
  const placed = first('OrderPlaced');
  const reserved = first('StockReserved');
  const settling = settlingEvent(first);
  const last = sorted[sorted.length - 1]!;

  return {
    orderId,
    customerId: textOf(placed?.payload.customerId ?? reserved?.payload.customerId),
    status: statusOf(first),
    statusReason: textOf(settling?.payload.reason),
    totalCents: numberOf(first('OrderConfirmed')?.payload.totalCents),
    reservedCents: numberOf(reserved?.payload.amountCents),
    capturedCents: sum('PaymentCaptured'),
    refundedCents: sum('PaymentRefunded'),
    eventCount: sorted.length,
    firstEventAt: sorted[0]!.occurredAt,
    lastEventAt: last.occurredAt,
    lastEventType: last.eventType,
    placedAt: placed?.occurredAt ?? null,
    settledAt: settling?.occurredAt ?? null,
    salesDay: salesDayOf(first, reserved),
    pricedLines: reserved ? pricedLinesOf(reserved.payload.lines) : [],
  };
}

type FirstOfType = (type: string) => HistoryEvent | null;

/** A cancel outranks a confirmation (a confirmed order may still be cancelled). */
function statusOf(first: FirstOfType): HistoryStatus {
  if (first('OrderCancelled')) return 'CANCELLED';
  if (first('OrderRejected')) return 'REJECTED';
  if (first('OrderConfirmed')) return 'CONFIRMED';
  if (first('StockReserved')) return 'RESERVED';
  if (first('OrderPlaced')) return 'PENDING';
  return 'UNKNOWN';
}

function settlingEvent(first: FirstOfType): HistoryEvent | null {
  return first('OrderCancelled') ?? first('OrderRejected') ?? first('OrderConfirmed');
}

/** Sold lines count on the day of the confirmation, unless the order was cancelled since. */
function salesDayOf(first: FirstOfType, reserved: HistoryEvent | null): string | null {
  const confirmed = first('OrderConfirmed');
  if (!confirmed || !reserved || first('OrderCancelled')) return null;
  return confirmed.occurredAt.toISOString().slice(0, 10);
}

function pricedLinesOf(lines: unknown): PricedLine[] {
  if (!Array.isArray(lines)) return [];
  return lines.map((line: Record<string, unknown>) => ({ sku: String(line.sku),
    quantity: Number(line.quantity), unitPriceCents: Number(line.unitPriceCents) }));
}

function textOf(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function numberOf(value: unknown): number | null {
  return value === undefined || value === null ? null : Number(value);
}
