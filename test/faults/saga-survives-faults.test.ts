import { randomUUID } from 'node:crypto';
import { checkInvariants } from '../../infra/tasks/load/check-invariants';
import { LoadShape, planLoad } from '../../infra/tasks/load/load-plan';
import {
  placeLoad,
  requestJson,
  seedLoad,
  waitUntilSettled,
} from '../../infra/tasks/load/run-load';
import { eventually } from '../support/eventually';
import { freshCodec, testKafka } from '../support/platform';
import { EventPublisher } from '../support/publish-event';
import { RunningPlatform, startPlatform } from '../support/platform-services';
import { restartService, startService } from '../support/service-process';
import { killStackPart, readCounter, restartStackPart } from '../support/stack-control';

/**
 * 1,000-order loads with one fault each. Every order's outcome follows from its own input
 * (see load-plan), so a fault-free run settles each order as planned; after a fault the same
 * must hold, with no timeout, the stock and money invariants, and no order paid twice.
 */
const ORDERS = 1000;
const OPS_TOKEN = 'fault-tests-ops-token';
const FAULT_AFTER_PLACED = 300;

describe('the saga under faults', () => {
  let platform: RunningPlatform;

  beforeAll(async () => {
    platform = await startPlatform({ SAGA_DEADLINE_MS: '600000', OPS_TOKEN });
  });

  afterAll(async () => {
    await platform.stop();
  });

  const shape = (seed: number): LoadShape => ({ orders: ORDERS, customers: 100, skus: 40,
    outOfStockRatio: 0.1, shortWalletRatio: 0.1, cancelRatio: 0.1, seed });

  /** Duplicates counted by members stopped on purpose; a killed member's count is lost. */
  let retiredDuplicates = 0;

  const duplicatesOf = (url: string) =>
    readCounter(url, 'consumer_events_handled_total', { outcome: 'duplicate' }).catch(() => 0);

  async function duplicates(): Promise<number> {
    const counts = await Promise.all([platform.orders, platform.payments, platform.inventory]
      .map((service) => duplicatesOf(service.url)));
    return counts.reduce((sum, n) => sum + n, retiredDuplicates);
  }

  async function loadWithFault(name: string, seed: number, fault: () => Promise<void>) {
    const plan = planLoad(shape(seed));
    await seedLoad(plan, platform.urls);
    const before = await duplicates();
    let faultDone: Promise<void> | null = null;
    const started = Date.now();
    const placed = await placeLoad(plan, platform.urls, 20, (count) => {
      if (count === FAULT_AFTER_PLACED) faultDone = fault();
    });
    await faultDone;
    const { settled } = await waitUntilSettled(placed, platform.urls, 300000);
    const seconds = (Date.now() - started) / 1000;
    const report = await checkInvariants(plan, settled, platform.urls);
    console.log(`${name}: ${settled.length}/${ORDERS} settled in ${seconds.toFixed(1)} s ` +
      `(${Math.round(ORDERS / seconds)} orders/s), ` +
      `${(await duplicates()) - before} duplicate deliveries skipped, ` +
      `${report.failures.length} invariant failures`);

    expect(report.failures).toEqual([]);
    expect(settled).toHaveLength(ORDERS);
    expect(settled.filter((order) => order.statusReason === 'timed_out')).toHaveLength(0);
  }

  it('settles every order as planned without faults', async () => {
    await loadWithFault('no fault', 101, async () => undefined);
  });

  it('settles every order as planned when payments is SIGKILLed and restarted', async () => {
    await loadWithFault('payments SIGKILL', 102, async () => {
      await platform.payments.kill();
      await new Promise((resolve) => setTimeout(resolve, 2000));
      platform.payments = await restartService(platform.payments);
    });
  });

  it('settles every order as planned when Kafka Connect is SIGKILLed and restarted', async () => {
    await loadWithFault('Connect SIGKILL', 103, async () => {
      killStackPart('connect');
      await restartStackPart('connect');
    });
  });

  it('settles every order as planned when the Kafka broker restarts', async () => {
    await loadWithFault('broker restart', 104, async () => {
      await restartStackPart('kafka');
    });
  });

  it('settles every order as planned across a rebalance of two inventory members', async () => {
    await loadWithFault('rebalance', 105, async () => {
      const second = await startService('inventory', platform.inventory.env);
      await new Promise((resolve) => setTimeout(resolve, 5000));
      retiredDuplicates += await duplicatesOf(platform.inventory.url);
      await platform.inventory.stop();
      platform.inventory = second;
      platform.urls.inventory = second.url;
    });
  });

  it('settles every other order while one order key is parked', async () => {
    const publisher = new EventPublisher(testKafka(), freshCodec());
    const stuck = randomUUID();
    try {
      await publisher.publish('OrderPlaced', stuck, { orderId: stuck, customerId: 'c',
        lines: [{ sku: 'SKU-PARKED', quantity: 0 }], placedAt: new Date() });
      await publisher.publish('OrderCancelled', stuck, { orderId: stuck, reason: 'customer',
        wasConfirmed: false, cancelledAt: new Date() });
      await eventually(async () => {
        const parked = await requestJson(`${platform.urls.inventory}/ops/parked-keys`, 'GET',
          undefined, { authorization: `Bearer ${OPS_TOKEN}` });
        expect(parked.body.some((entry: { key: string }) => entry.key === stuck)).toBe(true);
      });
      await loadWithFault('one key parked', 106, async () => undefined);
    } finally {
      await publisher.close();
    }
  });
});
