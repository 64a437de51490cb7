import { Reservation, StockLine, stockLinesOf } from './reservation';

export type ReleaseOutcome = 'released' | 'nothing_to_release';

export type ReleaseDecision =
  | { outcome: 'released'; lines: StockLine[] }
  | { outcome: 'nothing_to_release' };

/**
 * A declined payment gives reserved units back. Only a RESERVED reservation has any, so a
 * release that already happened (or a cancel that came first) is a recorded no-op.
 */
export function decideRelease(reservation: Reservation | null): ReleaseDecision {
  if (reservation?.status !== 'RESERVED') return { outcome: 'nothing_to_release' };
  return { outcome: 'released', lines: stockLinesOf(reservation) };
}
