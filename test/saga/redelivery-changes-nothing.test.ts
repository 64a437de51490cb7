import { Admin, Kafka } from 'kafkajs';
import { LoadShape, planLoad } from '../../infra/tasks/load/load-plan';
import {
  forEachConcurrently,
  placeLoad,
  requestJson,
  seedLoad,
  SettledOrder,
  waitUntilSettled,
} from '../../infra/tasks/load/run-load';
import { endOffsets } from '../../libs/kafka/read-topic';
import { eventually } from '../support/eventually';
import { testKafka } from '../support/platform';
import { RunningPlatform, startPlatform } from '../support/platform-services';
import { restartService } from '../support/service-process';
import { readCounter } from '../support/stack-control';

const GROUPS: Record<string, string[]> = {
  'orders.saga': ['inventory.events', 'payments.events'],
  'inventory.saga': ['orders.events', 'payments.events'],
  'payments.saga': ['inventory.events', 'orders.events'],
};
const TOPICS = ['orders.events', 'inventory.events', 'payments.events'];

describe('delivering every event of a run a second time', () => {
  let platform: RunningPlatform;
  let kafka: Kafka;
  let admin: Admin;

  beforeAll(async () => {
    platform = await startPlatform({ SAGA_DEADLINE_MS: '600000' });
    kafka = testKafka();
    admin = kafka.admin();
    await admin.connect();
  });

  afterAll(async () => {
    await platform.stop();
    await admin.disconnect();
  });

  it('changes nothing in orders, stock, wallets or payments', async () => {
    const shape: LoadShape = { orders: 150, customers: 20, skus: 10, outOfStockRatio: 0.1,
      shortWalletRatio: 0.1, cancelRatio: 0.1, seed: 7 };
    const plan = planLoad(shape);
    await seedLoad(plan, platform.urls);
    const start = new Map(await Promise.all(TOPICS.map(async (topic) =>
      [topic, await endOffsets(kafka, topic)] as const)));
    const placed = await placeLoad(plan, platform.urls, 20);
    const { settled } = await waitUntilSettled(placed, platform.urls, 120000);
    expect(settled).toHaveLength(shape.orders);
    await waitForNoLag();
    const before = await snapshot(plan.products.map((p) => p.sku),
      plan.wallets.map((w) => w.customerId), settled);

    await platform.stop();
    for (const [groupId, topics] of Object.entries(GROUPS)) {
      for (const topic of topics) {
        const partitions = [...start.get(topic)!].map(([partition, offset]) => ({ partition,
          offset }));
        await admin.setOffsets({ groupId, topic, partitions });
      }
    }
    platform.orders = await restartService(platform.orders);
    platform.payments = await restartService(platform.payments);
    platform.inventory = await restartService(platform.inventory);
    await waitForNoLag();

    const skipped = await Promise.all([platform.orders, platform.payments, platform.inventory]
      .map((service) => readCounter(service.url, 'consumer_events_handled_total',
        { outcome: 'duplicate' })));
    // Orders, inventory and payments each saw at least one event per order that reached them.
    expect(skipped[0]).toBeGreaterThanOrEqual(shape.orders);
    expect(skipped[2]).toBeGreaterThanOrEqual(shape.orders);
    expect(skipped[1]).toBeGreaterThan(0);
    const after = await snapshot(plan.products.map((p) => p.sku),
      plan.wallets.map((w) => w.customerId), settled);
    expect(after).toEqual(before);
  });

  async function waitForNoLag() {
    await eventually(async () => {
      for (const [groupId, topics] of Object.entries(GROUPS)) {
        for (const topic of topics) {
          const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
          const ends = await admin.fetchTopicOffsets(topic);
          for (const end of ends) {
            const done = committed!.partitions.find((p) => p.partition === end.partition);
            expect(Number(done?.offset ?? -1)).toBeGreaterThanOrEqual(Number(end.high));
          }
        }
      }
    }, 60000);
  }

  async function snapshot(skus: string[], customerIds: string[], orders: SettledOrder[]) {
    const state: Record<string, unknown> = {};
    const { urls } = platform;
    await forEachConcurrently(skus, 10, async (sku) => {
      state[`sku ${sku}`] = (await requestJson(`${urls.inventory}/products/${sku}`)).body;
    });
    await forEachConcurrently(customerIds, 10, async (id) => {
      state[`wallet ${id}`] = (await requestJson(`${urls.payments}/wallets/${id}`)).body;
    });
    await forEachConcurrently(orders, 20, async ({ orderId }) => {
      state[`order ${orderId}`] = (await requestJson(`${urls.orders}/orders/${orderId}`)).body;
      state[`payments ${orderId}`] =
        (await requestJson(`${urls.payments}/payments?orderId=${orderId}`)).body;
    });
    return state;
  }
});
