import { createLogger } from '../../../libs/logging/logger';
import { runService } from '../../../libs/service/run-service';
import { readOrdersConfig } from './config';
import { orderSagaHandlers } from './consumers/saga-handlers';
import { startDeadlineSweeper } from './consumers/deadline-sweeper';
import { exportOverdueOrders } from './consumers/overdue-orders-metric';
import { cancelOrderRoute } from './http/cancel-order-route';
import { getOrderRoute } from './http/get-order-route';
import { listOverdueOrdersRoute } from './http/list-overdue-orders-route';
import { placeOrderRoute } from './http/place-order-route';

function main() {
  const config = readOrdersConfig();
  return runService({
    name: 'orders',
    config,
    producedEvents: ['OrderPlaced', 'OrderConfirmed', 'OrderRejected', 'OrderCancelled'],
    consumers: [{
      groupId: 'orders.saga',
      topics: ['inventory.events', 'payments.events'],
      handlers: orderSagaHandlers,
    }],
    routes(app, runtime) {
      app.post('/orders', placeOrderRoute({ pool: runtime.pool, codec: runtime.codec,
        log: runtime.log, deadlineMs: config.SAGA_DEADLINE_MS,
        keepOutboxRows: config.OUTBOX_KEEP_DAYS > 0 }));
      app.get('/orders/:orderId', getOrderRoute(runtime.pool));
      app.post('/orders/:orderId/cancel', cancelOrderRoute(runtime));
      app.get('/ops/orders/overdue', listOverdueOrdersRoute(runtime.pool));
    },
    background(runtime) {
      exportOverdueOrders(runtime);
      return startDeadlineSweeper(runtime, config.DEADLINE_SWEEP_INTERVAL_MS);
    },
  });
}

main().catch((error) => {
  createLogger('orders').fatal({ err: error }, 'orders service failed to start');
  process.exit(1);
});
