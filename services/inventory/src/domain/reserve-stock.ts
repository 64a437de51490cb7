import { FieldIssue } from '../../../../libs/errors/platform-error';
import { Product } from './product';
import { PricedLine, ShortLine, StockLine } from './reservation';

export type ReserveOutcome = 'reserved' | 'rejected' | 'already_decided';

export type ReservationDecision =
  | { outcome: 'reserved'; lines: PricedLine[]; amountCents: number }
  | { outcome: 'rejected'; shortLines: ShortLine[] };

const MAX_ORDER_LINES = 100;
const MAX_QUANTITY = 10000;

/**
 * The rules orders applies at intake, checked again before stock moves: a quantity below 1
 * or a sku named twice would corrupt the counts instead of failing one order.
 */
export function orderLineIssues(lines: readonly StockLine[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (lines.length < 1 || lines.length > MAX_ORDER_LINES) {
    issues.push({ field: 'lines', rule: `must have 1 to ${MAX_ORDER_LINES} order lines`,
      value: lines.length });
  }
  const seen = new Set<string>();
  lines.forEach((line, index) => {
    if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > MAX_QUANTITY) {
      issues.push({ field: `lines[${index}].quantity`,
        rule: `must be an integer from 1 to ${MAX_QUANTITY}`, value: line.quantity });
    }
    if (seen.has(line.sku)) {
      issues.push({ field: `lines[${index}].sku`, rule: 'must not repeat a sku of an earlier line',
        value: line.sku });
    }
    seen.add(line.sku);
  });
  return issues;
}

/**
 * All lines or none: every sku must exist with at least the requested units available. A
 * reservation is priced at each product's price of this moment.
 */
export function decideReservation(
  lines: readonly StockLine[],
  products: ReadonlyMap<string, Product>,
): ReservationDecision {
  const shortLines: ShortLine[] = [];
  const priced: PricedLine[] = [];
  for (const line of lines) {
    const product = products.get(line.sku);
    if (!product || product.available < line.quantity) {
      shortLines.push({ sku: line.sku, requested: line.quantity,
        available: product?.available ?? 0 });
    } else {
      priced.push({ sku: line.sku, quantity: line.quantity, unitPriceCents: product.priceCents });
    }
  }
  if (shortLines.length > 0) return { outcome: 'rejected', shortLines };

  const amountCents = priced.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0);
  return { outcome: 'reserved', lines: priced, amountCents };
}
