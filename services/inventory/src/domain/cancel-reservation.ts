import { Reservation, StockLine, stockLinesOf } from './reservation';

export type CancelOutcome =
  | 'released'
  | 'restocked'
  | 'cancelled_before_reservation'
  | 'nothing_to_release';

export type CancelDecision =
  | { outcome: 'released' | 'restocked'; lines: StockLine[] }
  | { outcome: 'cancelled_before_reservation' | 'nothing_to_release' };

/**
 * A cancelled order gives back what it holds: reserved units are released, sold units are
 * restocked. With no reservation yet, the cancel overtook OrderPlaced and is recorded so that
 * the late OrderPlaced reserves nothing. Anything else was already given back or never taken.
 */
export function decideCancellation(reservation: Reservation | null): CancelDecision {
  if (reservation === null) return { outcome: 'cancelled_before_reservation' };
  if (reservation.status === 'RESERVED') {
    return { outcome: 'released', lines: stockLinesOf(reservation) };
  }
  if (reservation.status === 'SOLD') {
    return { outcome: 'restocked', lines: stockLinesOf(reservation) };
  }
  return { outcome: 'nothing_to_release' };
}
