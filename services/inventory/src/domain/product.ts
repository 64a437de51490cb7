/** One sku's price and where its units are: available, reserved for an order, or sold. */
export interface Product {
  sku: string;
  priceCents: number;
  available: number;
  reserved: number;
  sold: number;
}
