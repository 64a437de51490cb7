import { randomUUID } from 'node:crypto';
import { requestJson, ServiceUrls } from '../../infra/tasks/load/run-load';
import { RunningService, startService } from './service-process';

export interface RunningPlatform {
  orders: RunningService;
  payments: RunningService;
  inventory: RunningService;
  urls: ServiceUrls;
  stop(): Promise<void>;
}

/** Starts the three saga services on free ports; `env` applies to all, `perService` to one. */
export async function startPlatform(
  env: Record<string, string> = {},
  perService: Partial<Record<'orders' | 'payments' | 'inventory', Record<string, string>>> = {},
): Promise<RunningPlatform> {
  const [orders, payments, inventory] = await Promise.all([
    startService('orders', { ...env, ...perService.orders }),
    startService('payments', { ...env, ...perService.payments }),
    startService('inventory', { ...env, ...perService.inventory }),
  ]);
  const platform: RunningPlatform = {
    orders: orders!,
    payments: payments!,
    inventory: inventory!,
    urls: { orders: orders!.url, payments: payments!.url, inventory: inventory!.url },
    async stop() {
      await Promise.all([platform.orders.stop(), platform.payments.stop(),
        platform.inventory.stop()]);
    },
  };
  return platform;
}

export interface OrderSetup {
  sku: string;
  customerId: string;
}

/** A new sku with 5 units at 10.00 and a new customer whose wallet holds `balanceCents`. */
export async function stockAndWallet(urls: ServiceUrls, balanceCents: number):
  Promise<OrderSetup> {
  const sku = `SKU-${randomUUID()}`;
  const customerId = `c-${randomUUID()}`;
  await requestJson(`${urls.inventory}/products/${sku}`, 'PUT',
    { priceCents: 1000, available: 5 });
  await requestJson(`${urls.payments}/wallets/${customerId}`, 'PUT', { balanceCents });
  return { sku, customerId };
}

/** Places one unit of the sku for the customer; returns the order id the service answered. */
export async function placeOrder(urls: ServiceUrls, order: OrderSetup): Promise<string> {
  const placed = await requestJson(`${urls.orders}/orders`, 'POST',
    { customerId: order.customerId, lines: [{ sku: order.sku, quantity: 1 }] });
  if (placed.status !== 202) {
    throw new Error(`POST /orders answered ${placed.status}: ${JSON.stringify(placed.body)}`);
  }
  return placed.body.orderId as string;
}
