import { Request, Response } from 'express';
import { Pool } from 'pg';
import { Logger } from '../../../../libs/logging/logger';
import { validateInput } from '../../../../libs/http/validate-input';
import { upsertProduct } from '../db/upsert-product';
import { putProductSchema, skuParamSchema } from './product-request-schema';
import { productView } from './product-view';

/** PUT /products/:sku sets the price and the available units, creating the product if new. */
export function putProductRoute(pool: Pool, log: Logger) {
  return async (req: Request, res: Response) => {
    const { sku } = validateInput(skuParamSchema, { sku: req.params.sku });
    const { priceCents, available } = validateInput(putProductSchema, req.body);

    const product = await upsertProduct(pool, { sku, priceCents, available });

    log.info({ sku, available }, 'product stock set');
    res.json(productView(product));
  };
}
