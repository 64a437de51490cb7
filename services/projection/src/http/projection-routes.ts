import { Express, Request, Response } from 'express';
import { Pool } from 'pg';
import { validateInput } from '../../../../libs/http/validate-input';
import { ProjectionRebuilder } from '../consumers/rebuild-projection';
import { digestProjection } from '../db/digest-projection';
import { findSalesOfDay } from '../db/find-sales-of-day';
import { getOrderHistoryRoute } from './get-order-history-route';
import { digestQuerySchema, salesQuerySchema } from './projection-query-schemas';

/** Read endpoints, and the rebuild under /ops (the service's operations token guards it). */
export function projectionRoutes(app: Express, pool: Pool, rebuilder: ProjectionRebuilder) {
  app.get('/order-history/:orderId', getOrderHistoryRoute(pool));

  app.get('/sales', async (req: Request, res: Response) => {
    const { day, skuPrefix } = validateInput(salesQuerySchema, req.query);
    res.json({ day, skus: await findSalesOfDay(pool, day, skuPrefix) });
  });

  app.get('/projection/digest', async (req: Request, res: Response) => {
    const { customerPrefix, skuPrefix } = validateInput(digestQuerySchema, req.query);
    res.json({ customerPrefix, skuPrefix,
      ...(await digestProjection(pool, customerPrefix, skuPrefix)) });
  });

  app.post('/ops/projection/rebuild', async (_req: Request, res: Response) => {
    await rebuilder.rebuild();
    res.status(202).json(await rebuilder.progress());
  });

  app.get('/ops/projection/rebuild', async (_req: Request, res: Response) => {
    res.json(await rebuilder.progress());
  });
}
