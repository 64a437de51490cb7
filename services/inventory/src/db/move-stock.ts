import { PoolClient } from 'pg';
import { PlatformError } from '../../../../libs/errors/platform-error';
import { StockDelta } from '../domain/stock-move';

/**
 * Locks the products of the deltas in sku order (so two handlers with overlapping skus cannot
 * deadlock; a no-op for locks the transaction already holds) and adds each delta to their
 * counts, in one statement. A sku without a product means a reservation names stock that is
 * not there, which no retry will change.
 */
export async function moveStock(client: PoolClient, deltas: readonly StockDelta[]): Promise<void> {
  const result = await client.query(
    `with locked as (
       select sku from products where sku = any($1::text[]) order by sku for update
     )
     update products p
     set available = p.available + d.available,
         reserved = p.reserved + d.reserved,
         sold = p.sold + d.sold,
         updated_at = now()
     from unnest($1::text[], $2::int[], $3::int[], $4::int[]) as d(sku, available, reserved, sold)
     join locked on locked.sku = d.sku
     where p.sku = d.sku`,
    [
      deltas.map((delta) => delta.sku),
      deltas.map((delta) => delta.available),
      deltas.map((delta) => delta.reserved),
      deltas.map((delta) => delta.sold),
    ],
  );
  if (result.rowCount !== deltas.length) {
    throw new PlatformError('stock_move_incomplete',
      `moved stock of ${result.rowCount} products instead of ${deltas.length}`,
      { context: { expected: deltas.length, moved: result.rowCount } });
  }
}
