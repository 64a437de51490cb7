import { Pool, PoolClient } from 'pg';
import { Product } from '../domain/product';
import { PRODUCT_COLUMNS, ProductRow, toProduct } from './product-row';

export interface ProductStockLevel {
  sku: string;
  priceCents: number;
  available: number;
}

/**
 * Sets the price and the available units, creating the product when it is new. Reserved and
 * sold units stay as they are; `stocked` becomes the new total so the stock invariant holds.
 */
export async function upsertProduct(
  db: Pool | PoolClient,
  level: ProductStockLevel,
): Promise<Product> {
  const result = await db.query<ProductRow>(
    `insert into products as p (sku, price_cents, available, reserved, sold, stocked)
     values ($1, $2, $3, 0, 0, $3)
     on conflict (sku) do update
       set price_cents = excluded.price_cents,
           available = excluded.available,
           stocked = excluded.available + p.reserved + p.sold,
           updated_at = now()
     returning ${PRODUCT_COLUMNS}`,
    [level.sku, level.priceCents, level.available],
  );
  return toProduct(result.rows[0]!);
}
