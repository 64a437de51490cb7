import { PoolClient } from 'pg';
import { StockLine } from '../domain/reservation';
import { StockMove, stockDeltas } from '../domain/stock-move';
import { lockProducts } from '../db/lock-products';
import { moveStock } from '../db/move-stock';

/** Locks the products of the lines (in sku order), then moves their units. */
export async function applyStockMove(
  client: PoolClient,
  move: StockMove,
  lines: readonly StockLine[],
): Promise<void> {
  await lockProducts(client, lines.map((line) => line.sku));
  await moveStock(client, stockDeltas(move, lines));
}
