import { randomUUID } from 'node:crypto';
import { Kafka } from 'kafkajs';
import { requestJson } from '../../infra/tasks/load/run-load';
import { endOffsets, readTopic } from '../../libs/kafka/read-topic';
import { eventually } from '../support/eventually';
import { testKafka } from '../support/platform';
import { RunningPlatform, startPlatform } from '../support/platform-services';
import { startService } from '../support/service-process';

const TOPICS = ['orders.events', 'inventory.events', 'payments.events'];

describe('the order saga across orders, inventory and payments', () => {
  let platform: RunningPlatform;
  let kafka: Kafka;

  beforeAll(async () => {
    platform = await startPlatform({ SAGA_DEADLINE_MS: '60000' });
    kafka = testKafka();
  });

  afterAll(async () => {
    await platform.stop();
  });

  async function setUp(stock: number, balanceCents: number, priceCents = 1000) {
    const sku = `SKU-${randomUUID()}`;
    const customerId = `c-${randomUUID()}`;
    const { urls } = platform;
    expect((await requestJson(`${urls.inventory}/products/${sku}`, 'PUT',
      { priceCents, available: stock })).status).toBe(200);
    expect((await requestJson(`${urls.payments}/wallets/${customerId}`, 'PUT',
      { balanceCents })).status).toBe(200);
    return { sku, customerId };
  }

  async function place(customerId: string, sku: string, quantity: number) {
    const placed = await requestJson(`${platform.urls.orders}/orders`, 'POST',
      { customerId, lines: [{ sku, quantity }] });
    expect(placed.status).toBe(202);
    return placed.body.orderId as string;
  }

  const order = async (id: string) =>
    (await requestJson(`${platform.urls.orders}/orders/${id}`)).body;
  const product = async (sku: string) =>
    (await requestJson(`${platform.urls.inventory}/products/${sku}`)).body;
  const wallet = async (customerId: string) =>
    (await requestJson(`${platform.urls.payments}/wallets/${customerId}`)).body;

  async function settled(orderId: string) {
    let body: { status: string } = { status: '' };
    await eventually(async () => {
      body = await order(orderId);
      expect(['CONFIRMED', 'REJECTED', 'CANCELLED']).toContain(body.status);
    }, 30000);
    return body;
  }

  /** The event types of one order on all topics, once `count` of them have arrived. */
  async function eventTypes(from: Map<string, Map<number, string>>, orderId: string,
    count: number) {
    const types: string[] = [];
    await eventually(async () => {
      types.length = 0;
      for (const topic of TOPICS) {
        const read = await readTopic(kafka, topic, { fromOffsets: from.get(topic)!,
          timeoutMs: 1500, until: () => false });
        types.push(...read.filter((m) => m.key === orderId).map((m) => m.headers.eventType!));
      }
      expect(types.length).toBeGreaterThanOrEqual(count);
    }, 30000);
    return types.sort();
  }

  async function offsetsNow() {
    return new Map(await Promise.all(TOPICS.map(async (topic) =>
      [topic, await endOffsets(kafka, topic)] as const)));
  }

  it('confirms an order: stock sold, wallet charged, five events', async () => {
    const { sku, customerId } = await setUp(10, 10000);
    const from = await offsetsNow();
    const orderId = await place(customerId, sku, 3);

    expect(await settled(orderId)).toMatchObject({ status: 'CONFIRMED', totalCents: 3000 });
    await eventually(async () =>
      expect(await product(sku)).toMatchObject({ available: 7, reserved: 0, sold: 3 }));
    expect(await wallet(customerId)).toMatchObject({ balanceCents: 7000 });
    expect(await eventTypes(from, orderId, 5)).toEqual(['OrderConfirmed', 'OrderPlaced',
      'PaymentCaptured', 'StockReserved', 'StockSold']);
  });

  it('rejects an order with a short line: stock untouched, nothing charged', async () => {
    const { sku, customerId } = await setUp(2, 10000);
    const orderId = await place(customerId, sku, 3);

    expect(await settled(orderId)).toMatchObject({ status: 'REJECTED',
      statusReason: 'out_of_stock' });
    expect(await product(sku)).toMatchObject({ available: 2, reserved: 0, sold: 0 });
    expect(await wallet(customerId)).toMatchObject({ balanceCents: 10000 });
    const payments = await requestJson(`${platform.urls.payments}/payments?orderId=${orderId}`);
    expect(payments.body).toEqual([]);
  });

  it('cancels an order whose payment is declined and releases its stock', async () => {
    const { sku, customerId } = await setUp(5, 500);
    const from = await offsetsNow();
    const orderId = await place(customerId, sku, 1);

    expect(await settled(orderId)).toMatchObject({ status: 'CANCELLED',
      statusReason: 'payment_declined' });
    await eventually(async () =>
      expect(await product(sku)).toMatchObject({ available: 5, reserved: 0, sold: 0 }));
    expect(await wallet(customerId)).toMatchObject({ balanceCents: 500 });
    expect(await eventTypes(from, orderId, 5)).toEqual(['OrderCancelled', 'OrderPlaced',
      'PaymentDeclined', 'StockReleased', 'StockReserved']);
  });

  it('refunds and restocks an order cancelled after it was confirmed', async () => {
    const { sku, customerId } = await setUp(4, 9000);
    const orderId = await place(customerId, sku, 2);
    expect(await settled(orderId)).toMatchObject({ status: 'CONFIRMED' });
    await eventually(async () => expect((await product(sku)).sold).toBe(2));

    const cancel = await requestJson(`${platform.urls.orders}/orders/${orderId}/cancel`,
      'POST', {});
    expect(cancel.status).toBe(202);
    await eventually(async () =>
      expect(await product(sku)).toMatchObject({ available: 4, reserved: 0, sold: 0 }));
    await eventually(async () =>
      expect(await wallet(customerId)).toMatchObject({ balanceCents: 9000 }));
    const payments = await requestJson(`${platform.urls.payments}/payments?orderId=${orderId}`);
    expect(payments.body).toMatchObject([{ status: 'REFUNDED', amountCents: 2000 }]);
  });

  it('restores stock and money when a cancel lands while payments is held back', async () => {
    const { sku, customerId } = await setUp(6, 9000);
    await platform.payments.stop();
    let orderId = '';
    try {
      orderId = await place(customerId, sku, 2);
      await eventually(async () => expect((await order(orderId)).status).toBe('RESERVED'));
      const cancel = await requestJson(`${platform.urls.orders}/orders/${orderId}/cancel`,
        'POST', {});
      expect(cancel.status).toBe(202);
      await eventually(async () =>
        expect(await product(sku)).toMatchObject({ available: 6, reserved: 0 }));
    } finally {
      platform.payments = await startService('payments');
      platform.urls.payments = platform.payments.url;
    }
    // Payments sees StockReserved and OrderCancelled in either order: voided or refunded.
    await eventually(async () => {
      const payments = await requestJson(`${platform.urls.payments}/payments?orderId=${orderId}`);
      expect(['VOIDED', 'REFUNDED']).toContain(payments.body[0]?.status);
    }, 30000);
    expect(await wallet(customerId)).toMatchObject({ balanceCents: 9000 });
    expect(await product(sku)).toMatchObject({ available: 6, reserved: 0, sold: 0 });
  });
});
