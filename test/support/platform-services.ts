import { ServiceUrls } from '../../infra/tasks/load/run-load';
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
