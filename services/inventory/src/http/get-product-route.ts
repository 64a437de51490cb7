import { Request, Response } from 'express';
import { Pool } from 'pg';
import { HttpProblemError } from '../../../../libs/http/error-handler';
import { findProduct } from '../db/find-product';
import { productView } from './product-view';

/** GET /products/:sku: price and stock counts of one sku. */
export function getProductRoute(pool: Pool) {
  return async (req: Request, res: Response) => {
    const sku = String(req.params.sku);
    const product = await findProduct(pool, sku);
    if (!product) {
      throw new HttpProblemError(404, 'product-not-found', 'Product not found',
        `no product with sku ${JSON.stringify(sku)}`);
    }
    res.json(productView(product));
  };
}
