import { OrderHistory } from './fold-order-history';

/** What one order adds to, or takes from, one sku's sales on one day. */
export interface SalesDelta {
  sku: string;
  day: string;
  units: number;
  amountCents: number;
}

/**
 * The change to sales_by_sku_day when an order's history goes from `before` to `after`: its
 * old contribution taken out, its new one put in, netted per (sku, day). Sorted by sku and day
 * so concurrent transactions lock sales rows in the same order.
 */
export function salesChange(before: OrderHistory | null, after: OrderHistory): SalesDelta[] {
  const net = new Map<string, SalesDelta>();
  const add = (history: OrderHistory | null, sign: 1 | -1) => {
    if (!history?.salesDay) return;
    for (const line of history.pricedLines) {
      const key = `${line.sku}\u0000${history.salesDay}`;
      const delta = net.get(key) ?? { sku: line.sku, day: history.salesDay, units: 0,
        amountCents: 0 };
      delta.units += sign * line.quantity;
      delta.amountCents += sign * line.quantity * line.unitPriceCents;
      net.set(key, delta);
    }
  };
  add(before, -1);
  add(after, 1);
  return [...net.values()]
    .filter((delta) => delta.units !== 0 || delta.amountCents !== 0)
    .sort((a, b) => (a.sku === b.sku ? a.day.localeCompare(b.day) : a.sku < b.sku ? -1 : 1));
}
