import { createLogger } from '../../../libs/logging/logger';
import { runService } from '../../../libs/service/run-service';
import { readInventoryConfig } from './config';
import { cancelReservation } from './consumers/cancel-reservation';
import { releaseStockOfDeclinedPayment } from './consumers/release-stock';
import { reserveStock } from './consumers/reserve-stock';
import { sellStock } from './consumers/sell-stock';
import { inventoryRoutes } from './http/inventory-routes';

const INVENTORY_EVENTS = [
  'StockReserved',
  'StockRejected',
  'StockReleased',
  'StockSold',
  'StockRestocked',
] as const;

async function main() {
  await runService({
    name: 'inventory',
    config: readInventoryConfig(),
    producedEvents: INVENTORY_EVENTS,
    consumers: [{
      groupId: 'inventory.saga',
      topics: ['orders.events', 'payments.events'],
      handlers: {
        OrderPlaced: reserveStock,
        PaymentDeclined: releaseStockOfDeclinedPayment,
        OrderCancelled: cancelReservation,
        OrderConfirmed: sellStock,
      },
    }],
    routes: inventoryRoutes,
  });
}

main().catch((error) => {
  createLogger('inventory').fatal({ err: error }, 'inventory service failed to start');
  process.exit(1);
});
