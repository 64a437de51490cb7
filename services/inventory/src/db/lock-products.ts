import { PoolClient } from 'pg';
import { Product } from '../domain/product';
import { PRODUCT_COLUMNS, ProductRow, toProduct } from './product-row';

/**
 * Locks the products that exist among `skus` until the transaction ends, in sku order, so two
 * handlers that need overlapping skus always lock them in the same order and cannot deadlock.
 */
export async function lockProducts(
  client: PoolClient,
  skus: readonly string[],
): Promise<Map<string, Product>> {
  const result = await client.query<ProductRow>(
    `select ${PRODUCT_COLUMNS}
     from products
     where sku = any($1::text[])
     order by sku
     for update`,
    [skus],
  );
  return new Map(result.rows.map((row) => [row.sku, toProduct(row)]));
}
