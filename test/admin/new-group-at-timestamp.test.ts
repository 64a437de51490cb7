import { randomUUID } from 'node:crypto';
import { Admin, Kafka } from 'kafkajs';
import { requestJson } from '../../infra/tasks/load/run-load';
import { endOffsets, readTopic } from '../../libs/kafka/read-topic';
import { eventually } from '../support/eventually';
import { testKafka } from '../support/platform';
import { RunningService, startService } from '../support/service-process';
import { call, startAdmin } from './admin-service';

const GAP_MS = 1500;

describe('a new consumer group started at a chosen position', () => {
  let orders: RunningService;
  let admin: RunningService;
  let kafka: Kafka;
  let kafkaAdmin: Admin;
  const group = `test.replay-${randomUUID()}`;

  beforeAll(async () => {
    kafka = testKafka();
    kafkaAdmin = kafka.admin();
    await kafkaAdmin.connect();
    orders = await startService('orders', { SAGA_DEADLINE_MS: '600000' });
    admin = await startAdmin({ ORDERS_URL: orders.url });
  });

  afterAll(async () => {
    await admin?.stop();
    await orders?.stop();
    await kafkaAdmin.deleteGroups([group]).catch(() => undefined);
    await kafkaAdmin.disconnect();
  });

  async function placeBatch(size: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < size; i += 1) {
      const placed = await requestJson(`${orders.url}/orders`, 'POST', { customerId:
        `c-${randomUUID()}`, lines: [{ sku: `SKU-${randomUUID()}`, quantity: 1 }] });
      expect(placed.status).toBe(202);
      ids.push(placed.body.orderId);
    }
    return ids;
  }

  /** Waits until every order's OrderPlaced is on orders.events. */
  async function onKafka(from: Map<number, string>, orderIds: string[]) {
    await eventually(async () => {
      const read = await readTopic(kafka, 'orders.events', { fromOffsets: from, timeoutMs: 3000,
        until: (messages) => orderIds.every((id) => messages.some((m) => m.key === id)) });
      expect(orderIds.filter((id) => !read.some((m) => m.key === id))).toEqual([]);
    }, 30000);
  }

  it('reads only the second batch when started at a time between two batches', async () => {
    const from = await endOffsets(kafka, 'orders.events');
    const first = await placeBatch(3);
    await onKafka(from, first);
    await new Promise((resolve) => setTimeout(resolve, GAP_MS));
    const between = new Date();
    await new Promise((resolve) => setTimeout(resolve, GAP_MS));
    const second = await placeBatch(3);
    await onKafka(from, second);

    const created = await call(admin, 'POST', '/consumer-groups', { body: { group,
      topics: ['orders.events'], to: 'timestamp', timestamp: between.toISOString() } });
    expect(created.status).toBe(201);
    const placedKeys = await readGroupFromItsCommit(group, [...first, ...second]);
    expect(second.filter((id) => !placedKeys.has(id))).toEqual([]);
    expect(first.filter((id) => placedKeys.has(id))).toEqual([]);
  });

  /** Joins the group as its first member and collects the keys of the OrderPlaced it reads. */
  async function readGroupFromItsCommit(groupId: string, wanted: string[]) {
    const keys = new Set<string>();
    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
    await consumer.connect();
    // fromBeginning would only matter without a commit; the admin API committed one.
    await consumer.subscribe({ topic: 'orders.events', fromBeginning: true });
    await consumer.run({ autoCommit: false, eachMessage: async ({ message }) => {
      if (message.headers?.eventType?.toString() === 'OrderPlaced') {
        keys.add(message.key!.toString());
      }
    } });
    try {
      await eventually(async () => {
        expect(wanted.filter((id) => keys.has(id)).length).toBeGreaterThanOrEqual(3);
      }, 30000);
      // Anything of the first batch would have come before the second, in offset order.
      await new Promise((resolve) => setTimeout(resolve, 1000));
    } finally {
      await consumer.disconnect();
    }
    return keys;
  }
});
