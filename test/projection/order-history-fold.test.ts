import { randomUUID } from 'node:crypto';
import {
  foldOrderHistory,
  HistoryEvent,
} from '../../services/projection/src/domain/fold-order-history';
import { salesChange } from '../../services/projection/src/domain/sales-change';

const at = (second: number) => new Date(Date.UTC(2026, 11, 4, 10, 0, second));

function event(eventType: string, second: number, payload: Record<string, unknown> = {}):
  HistoryEvent {
  return { eventId: randomUUID(), eventType, occurredAt: at(second), payload };
}

const reserved = (second: number) => event('StockReserved', second, { customerId: 'c-1',
  amountCents: 2500, lines: [{ sku: 'A', quantity: 2, unitPriceCents: 1000 },
    { sku: 'B', quantity: 1, unitPriceCents: 500 }] });

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, index) => permutations([...items.slice(0, index),
    ...items.slice(index + 1)]).map((rest) => [item, ...rest]));
}

/** Applies events one at a time, as the consumer does, summing each step's sales change. */
function applyInOrder(events: HistoryEvent[]) {
  const sales = new Map<string, number>();
  let history = null;
  for (let i = 0; i < events.length; i += 1) {
    const next = foldOrderHistory('o-1', events.slice(0, i + 1))!;
    for (const delta of salesChange(history, next)) {
      sales.set(`${delta.sku}/${delta.day}`, (sales.get(`${delta.sku}/${delta.day}`) ?? 0) +
        delta.amountCents);
    }
    history = next;
  }
  return { history, sales: [...sales].filter(([, cents]) => cents !== 0).sort() };
}

describe('folding an order history from its events', () => {
  const confirmedThenCancelled = [
    event('OrderPlaced', 1, { customerId: 'c-1', lines: [] }), reserved(2),
    event('PaymentCaptured', 3, { amountCents: 2500 }),
    event('OrderConfirmed', 4, { totalCents: 2500 }), event('StockSold', 5),
    event('OrderCancelled', 6, { reason: 'customer', wasConfirmed: true }),
    event('PaymentRefunded', 7, { amountCents: 2500 }), event('StockRestocked', 8),
  ];

  it('reaches the same history and sales whatever order the events arrive in', () => {
    const sample = [event('OrderPlaced', 1, { customerId: 'c-1', lines: [] }), reserved(2),
      event('PaymentCaptured', 3, { amountCents: 2500 }),
      event('OrderConfirmed', 4, { totalCents: 2500 }), event('StockSold', 5)];
    const results = permutations(sample).map(applyInOrder);
    for (const result of results) expect(result).toEqual(results[0]);
    expect(results[0]!.sales).toEqual([['A/2026-12-04', 2000], ['B/2026-12-04', 500]]);
  });

  it('takes a confirmed order out of sales once it is cancelled, in any arrival order', () => {
    const results = permutations(confirmedThenCancelled.slice(0, 6)).slice(0, 200)
      .map(applyInOrder);
    for (const result of results) {
      expect(result.sales).toEqual([]);
      expect(result.history).toEqual(results[0]!.history);
    }
    expect(results[0]!.history).toMatchObject({ status: 'CANCELLED', statusReason: 'customer',
      totalCents: 2500, salesDay: null });
  });

  it('names the status, reason, money and last event of a cancelled confirmed order', () => {
    expect(foldOrderHistory('o-1', confirmedThenCancelled)).toMatchObject({
      customerId: 'c-1', status: 'CANCELLED', statusReason: 'customer', reservedCents: 2500,
      capturedCents: 2500, refundedCents: 2500, eventCount: 8, lastEventType: 'StockRestocked',
      placedAt: at(1), settledAt: at(6), firstEventAt: at(1), lastEventAt: at(8),
    });
  });

  it('shows an order whose OrderPlaced has not been read yet by the events it has', () => {
    expect(foldOrderHistory('o-1', [reserved(2)])).toMatchObject({ status: 'RESERVED',
      placedAt: null });
    expect(foldOrderHistory('o-1', [event('StockSold', 2)])).toMatchObject({ status: 'UNKNOWN' });
  });

  it('counts nothing sold before both the confirmation and the reserved prices are known', () => {
    const confirmed = foldOrderHistory('o-1', [event('OrderConfirmed', 4, { totalCents: 1 })])!;
    expect(salesChange(null, confirmed)).toEqual([]);
  });
});
