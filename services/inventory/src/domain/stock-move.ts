import { StockLine } from './reservation';

/**
 * The four ways units move between a product's counts. Each takes from one count what it
 * gives to another, so `available + reserved + sold` stays what PUT /products stocked.
 */
export type StockMove = 'reserve' | 'release' | 'sell' | 'restock';

/** What one move adds to each count of one sku (negative numbers take away). */
export interface StockDelta {
  sku: string;
  available: number;
  reserved: number;
  sold: number;
}

const UNIT_DELTAS: Record<StockMove, Omit<StockDelta, 'sku'>> = {
  reserve: { available: -1, reserved: 1, sold: 0 },
  release: { available: 1, reserved: -1, sold: 0 },
  sell: { available: 0, reserved: -1, sold: 1 },
  restock: { available: 1, reserved: 0, sold: -1 },
};

export function stockDeltas(move: StockMove, lines: readonly StockLine[]): StockDelta[] {
  const unit = UNIT_DELTAS[move];
  return lines.map((line) => ({
    sku: line.sku,
    available: unit.available * line.quantity,
    reserved: unit.reserved * line.quantity,
    sold: unit.sold * line.quantity,
  }));
}
