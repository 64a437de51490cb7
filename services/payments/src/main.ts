import { createLogger } from '../../../libs/logging/logger';
import { runService } from '../../../libs/service/run-service';
import { readPaymentsConfig } from './config';
import { capturePayment } from './consumers/capture-payment';
import { refundPayment } from './consumers/refund-payment';
import { getWalletRoute } from './http/get-wallet-route';
import { listPaymentsRoute } from './http/list-payments-route';
import { putWalletRoute } from './http/put-wallet-route';

function main() {
  const config = readPaymentsConfig();
  return runService({
    name: 'payments',
    config,
    producedEvents: ['PaymentCaptured', 'PaymentDeclined', 'PaymentRefunded'],
    consumers: [{
      groupId: 'payments.saga',
      topics: ['inventory.events', 'orders.events'],
      handlers: { StockReserved: capturePayment, OrderCancelled: refundPayment },
    }],
    routes(app, runtime) {
      app.put('/wallets/:customerId', putWalletRoute(runtime.pool, runtime.log));
      app.get('/wallets/:customerId', getWalletRoute(runtime.pool));
      app.get('/payments', listPaymentsRoute(runtime.pool));
    },
  });
}

main().catch((error) => {
  createLogger('payments').fatal({ err: error }, 'payments service failed to start');
  process.exit(1);
});
