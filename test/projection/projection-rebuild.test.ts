import { Kafka } from 'kafkajs';
import { LoadShape, planLoad } from '../../infra/tasks/load/load-plan';
import {
  placeLoad,
  requestJson,
  seedLoad,
  waitUntilSettled,
} from '../../infra/tasks/load/run-load';
import { eventually } from '../support/eventually';
import { testKafka } from '../support/platform';
import { RunningPlatform, startPlatform } from '../support/platform-services';
import { ScratchProjection } from './scratch-projection';

/** A rebuild replays every event on the three topics since the stack began. */
const REPLAY_TIMEOUT_MS = 15 * 60 * 1000;

describe('rebuilding the projection from offset 0', () => {
  let platform: RunningPlatform;
  let kafka: Kafka;
  let projection: ScratchProjection;

  beforeAll(async () => {
    kafka = testKafka();
    projection = new ScratchProjection(kafka);
    await projection.create(true);
    await projection.start();
    platform = await startPlatform({ SAGA_DEADLINE_MS: '120000' });
  });

  afterAll(async () => {
    await platform?.stop();
    await projection?.destroy();
  });

  it('answers the same after a rebuild as before it, after a load with cancellations',
    async () => {
      const shape: LoadShape = { orders: 40, customers: 8, skus: 5, outOfStockRatio: 0.2,
        shortWalletRatio: 0.2, cancelRatio: 0.3, seed: 11 };
      const plan = planLoad(shape);
      await seedLoad(plan, platform.urls);
      const placed = await placeLoad(plan, platform.urls, 10);
      const { settled } = await waitUntilSettled(placed, platform.urls, 120000);
      expect(settled).toHaveLength(shape.orders);
      expect(new Set(settled.map((order) => order.status)))
        .toEqual(new Set(['CONFIRMED', 'REJECTED', 'CANCELLED']));

      const live = await quietAnswers(plan.runId, settled.map((order) => order.orderId));
      for (const order of settled) {
        expect(live.histories[order.orderId]).toMatchObject({ status: order.status,
          statusReason: order.statusReason });
      }
      expect(live.digest.orders).toBe(shape.orders);
      expect(live.sales.skus.length).toBeGreaterThan(0);

      const started = await projection.ops('POST', '/ops/projection/rebuild');
      expect(started.status).toBe(202);
      expect(started.body).toMatchObject({ rebuild: { phase: 'replaying' }, caughtUp: false });
      await eventually(async () => {
        const progress = await projection.ops('GET', '/ops/projection/rebuild');
        expect(progress.body).toMatchObject({ caughtUp: true, percent: 100 });
      }, REPLAY_TIMEOUT_MS);

      const rebuilt = await quietAnswers(plan.runId, settled.map((order) => order.orderId));
      expect(rebuilt).toEqual(live);
    }, REPLAY_TIMEOUT_MS + 240000);

  it('refuses to rebuild while another member is in its group, and keeps reading', async () => {
    const intruder = kafka.consumer({ groupId: projection.groupId, maxWaitTimeInMs: 100 });
    await intruder.connect();
    await intruder.subscribe({ topic: 'orders.events' });
    // Reads without committing: the offsets stay the projection's.
    await intruder.run({ autoCommit: false, eachMessage: async () => undefined });
    try {
      const refused = await projection.ops('POST', '/ops/projection/rebuild');
      expect(refused.status).toBe(409);
      expect(refused.body.detail).toMatch(/still has 1 member\(s\).*stop every other/);
      const progress = await projection.ops('GET', '/ops/projection/rebuild');
      expect(progress.body.rebuild).toMatchObject({ phase: 'failed' });
    } finally {
      await intruder.disconnect();
    }
    await eventually(async () => {
      expect((await projection.read('/readyz')).status).toBe(200);
    }, 60000);
  });

  /** The projection's answers about this load, once two reads a while apart agree. */
  async function quietAnswers(runId: string, orderIds: string[]) {
    const read = async () => {
      const digest = await projection.read(`/projection/digest?customerPrefix=load-${runId}-` +
        `&skuPrefix=LOAD-${runId}-`);
      const day = new Date().toISOString().slice(0, 10);
      const sales = await projection.read(`/sales?day=${day}&skuPrefix=LOAD-${runId}-`);
      const histories: Record<string, unknown> = {};
      for (const orderId of orderIds) {
        histories[orderId] = (await requestJson(`${projection.service!.url}/order-history/` +
          orderId)).body;
      }
      return { digest: digest.body, sales: sales.body, histories };
    };
    let answers = await read();
    await eventually(async () => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const again = await read();
      const same = JSON.stringify(again) === JSON.stringify(answers);
      answers = again;
      expect(same).toBe(true);
      expect(answers.digest.orders).toBe(orderIds.length);
    }, 120000);
    return answers;
  }
});
