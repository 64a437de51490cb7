import { createHash } from 'node:crypto';
import { Pool } from 'pg';
import { ORDER_HISTORY_COLUMNS } from './find-order-history';

export interface ProjectionDigest {
  orders: number;
  salesRows: number;
  sha256: string;
}

/**
 * A hash of every order history row (of customers whose id starts with `customerPrefix`) and
 * every sales row (of skus starting with `skuPrefix`), in key order: equal digests mean equal
 * answers. Rows are streamed through the hash in one repeatable-read snapshot.
 */
export async function digestProjection(pool: Pool, customerPrefix: string, skuPrefix: string):
  Promise<ProjectionDigest> {
  const client = await pool.connect();
  try {
    await client.query('begin isolation level repeatable read read only');
    const orders = await client.query(
      `select ${ORDER_HISTORY_COLUMNS} from order_history
       where left(coalesce(customer_id, ''), length($1)) = $1
       order by order_id`,
      [customerPrefix],
    );
    const sales = await client.query(
      `select sku, to_char(day, 'YYYY-MM-DD') as day, units, amount_cents
       from sales_by_sku_day where left(sku, length($1)) = $1
       order by sku, day`,
      [skuPrefix],
    );
    await client.query('commit');
    const hash = createHash('sha256');
    for (const row of [...orders.rows, ...sales.rows]) hash.update(`${JSON.stringify(row)}\n`);
    return { orders: orders.rowCount ?? 0, salesRows: sales.rowCount ?? 0,
      sha256: hash.digest('hex') };
  } finally {
    client.release();
  }
}
