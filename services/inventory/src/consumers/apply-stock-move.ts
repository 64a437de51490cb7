import { PoolClient } from 'pg';
import { StockLine } from '../domain/reservation';
import { StockMove, stockDeltas } from '../domain/stock-move';
import { moveStock } from '../db/move-stock';

/** Moves the units of the lines; the products are locked in sku order by the same statement. */
export async function applyStockMove(
  client: PoolClient,
  move: StockMove,
  lines: readonly StockLine[],
): Promise<void> {
  await moveStock(client, stockDeltas(move, lines));
}
