import { Pool, PoolClient } from 'pg';
import { Product } from '../domain/product';
import { PRODUCT_COLUMNS, ProductRow, toProduct } from './product-row';

export async function findProduct(db: Pool | PoolClient, sku: string): Promise<Product | null> {
  const result = await db.query<ProductRow>(
    `select ${PRODUCT_COLUMNS}
     from products
     where sku = $1`,
    [sku],
  );
  const row = result.rows[0];
  return row ? toProduct(row) : null;
}
