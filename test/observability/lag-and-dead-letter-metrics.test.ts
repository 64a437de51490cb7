import { randomUUID } from 'node:crypto';
import { endOffsets } from '../../libs/kafka/read-topic';
import { startAdmin } from '../admin/admin-service';
import { eventually } from '../support/eventually';
import { freshCodec, testKafka } from '../support/platform';
import { EventPublisher } from '../support/publish-event';
import { restartService, RunningService, startService } from '../support/service-process';
import { readCounter } from '../support/stack-control';

const GROUP = 'payments.saga';

/** The largest lag in seconds the admin service exports for the group, over its partitions. */
async function lagSeconds(admin: RunningService): Promise<number> {
  const text = await (await fetch(`${admin.url}/metrics`)).text();
  return text.split('\n').filter((line) =>
    line.startsWith(`consumer_group_lag_seconds{group="${GROUP}"`))
    .reduce((max, line) => Math.max(max, Number(line.split(' ').pop())), 0);
}

async function dlqSize(): Promise<number> {
  const ends = await endOffsets(testKafka(), `${GROUP}.dlq`);
  return [...ends.values()].reduce((sum, offset) => sum + Number(offset), 0);
}

describe('lag and dead-letter metrics', () => {
  let admin: RunningService;
  let payments: RunningService;
  let publisher: EventPublisher;

  beforeAll(async () => {
    admin = await startAdmin();
    payments = await startService('payments');
    publisher = new EventPublisher(testKafka(), freshCodec());
  });

  afterAll(async () => {
    await Promise.all([admin.stop(), payments.stop()]);
    await publisher.close();
  });

  const stockReserved = (orderId: string, amountCents: number) => ({ orderId,
    customerId: `c-${randomUUID()}`, lines: [{ sku: 'S', quantity: 1, unitPriceCents: 1 }],
    amountCents });

  it('shows the lag in seconds of a stopped consumer growing, and zero once it is back',
    async () => {
      await eventually(async () => expect(await lagSeconds(admin)).toBe(0), 60000);
      await payments.stop();
      const orderId = randomUUID();
      await publisher.publish('StockReserved', orderId, stockReserved(orderId, 100));

      let first = 0;
      await eventually(async () => {
        first = await lagSeconds(admin);
        expect(first).toBeGreaterThan(0);
      }, 30000);
      await new Promise((resolve) => setTimeout(resolve, 2500));
      expect(await lagSeconds(admin)).toBeGreaterThan(first);

      payments = await restartService(payments);
      await eventually(async () => expect(await lagSeconds(admin)).toBe(0), 60000);
    });

  it('counts exactly the dead letters that the dead-letter topic gains', async () => {
    const counted = () => readCounter(payments.url, 'consumer_dead_letters_total',
      { group: GROUP });
    const [countBefore, topicBefore] = [await counted(), await dlqSize()];
    for (let i = 0; i < 3; i += 1) {
      const orderId = randomUUID();
      await publisher.publish('StockReserved', orderId, stockReserved(orderId, -5));
    }
    await eventually(async () => expect(await dlqSize()).toBe(topicBefore + 3), 30000);
    expect(await counted()).toBe(countBefore + 3);
  });
});
