import { Reservation, StockLine, stockLinesOf } from './reservation';

export type SellOutcome = 'sold' | 'not_reserved';

export type SaleDecision = { outcome: 'sold'; lines: StockLine[] } | { outcome: 'not_reserved' };

/** A confirmed order turns its reserved units into sold ones, once. */
export function decideSale(reservation: Reservation | null): SaleDecision {
  if (reservation?.status !== 'RESERVED') return { outcome: 'not_reserved' };
  return { outcome: 'sold', lines: stockLinesOf(reservation) };
}
