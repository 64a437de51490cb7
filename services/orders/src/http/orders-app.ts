import express from 'express';
import { Logger } from '../../../../libs/logging/logger';
import { errorHandler, notFoundHandler } from '../../../../libs/http/error-handler';
import { healthRoutes, ReadinessCheck } from '../../../../libs/http/health-routes';
import { httpMetrics } from '../../../../libs/http/http-metrics';
import { jsonBody } from '../../../../libs/http/json-body';
import { getOrderRoute } from './get-order-route';
import { placeOrderRoute, PlaceOrderDeps } from './place-order-route';

export interface OrdersAppDeps extends PlaceOrderDeps {
  log: Logger;
  readiness: ReadinessCheck[];
}

export function createOrdersApp(deps: OrdersAppDeps) {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(httpMetrics());
  app.use(healthRoutes(deps.readiness));
  app.use(jsonBody());
  app.post('/orders', placeOrderRoute(deps));
  app.get('/orders/:orderId', getOrderRoute(deps.pool));
  app.use(notFoundHandler);
  app.use(errorHandler(deps.log));
  return app;
}
