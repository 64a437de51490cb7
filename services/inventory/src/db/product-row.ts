import { Product } from '../domain/product';

export interface ProductRow {
  sku: string;
  /** bigint: pg hands it out as a string. */
  price_cents: string;
  available: number;
  reserved: number;
  sold: number;
}

export const PRODUCT_COLUMNS = 'sku, price_cents, available, reserved, sold';

export function toProduct(row: ProductRow): Product {
  return {
    sku: row.sku,
    priceCents: Number(row.price_cents),
    available: row.available,
    reserved: row.reserved,
    sold: row.sold,
  };
}
