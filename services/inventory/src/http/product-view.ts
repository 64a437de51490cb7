import { Product } from '../domain/product';

/** A product in the shape of the HTTP contract. */
export function productView(product: Product) {
  return {
    sku: product.sku,
    priceCents: product.priceCents,
    available: product.available,
    reserved: product.reserved,
    sold: product.sold,
  };
}
