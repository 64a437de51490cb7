import { Express } from 'express';
import { ServiceRuntime } from '../../../../libs/service/run-service';
import { getProductRoute } from './get-product-route';
import { getReservationRoute } from './get-reservation-route';
import { putProductRoute } from './put-product-route';

export function inventoryRoutes(app: Express, runtime: ServiceRuntime): void {
  app.put('/products/:sku', putProductRoute(runtime.pool, runtime.log));
  app.get('/products/:sku', getProductRoute(runtime.pool));
  app.get('/reservations/:orderId', getReservationRoute(runtime.pool));
}
