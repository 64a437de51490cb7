import { randomUUID } from 'node:crypto';
import { Kafka } from 'kafkajs';
import { endOffsets, ReadMessage, readTopic } from '../../libs/kafka/read-topic';
import { EventPublisher } from '../support/publish-event';
import { freshCodec, postJson, testKafka } from '../support/platform';
import { RunningService, startService } from '../support/service-process';
import { eventually } from '../support/eventually';

interface OrderBody {
  orderId: string;
  status: string;
  statusReason: string | null;
  totalCents: number | null;
}

describe('the orders service in the saga', () => {
  let orders: RunningService;
  let kafka: Kafka;
  let publisher: EventPublisher;

  beforeAll(async () => {
    orders = await startService('orders', { SAGA_DEADLINE_MS: '60000' });
    kafka = testKafka();
    publisher = new EventPublisher(kafka, freshCodec());
  });

  afterAll(async () => {
    await orders.stop();
    await publisher.close();
  });

  /** Places an order; `from` is taken before it, so every event of the order comes after. */
  async function placeOrder(): Promise<{ orderId: string; from: Map<number, string> }> {
    const from = await endOffsets(kafka, 'orders.events');
    const placed = await postJson(`${orders.url}/orders`, {
      customerId: `c-${randomUUID()}`, lines: [{ sku: `SKU-${randomUUID()}`, quantity: 1 }],
    });
    return { orderId: placed.body.orderId, from };
  }

  const getOrder = async (orderId: string) =>
    (await (await fetch(`${orders.url}/orders/${orderId}`)).json()) as OrderBody;

  async function orderEvents(from: Map<number, string>, orderId: string, count: number) {
    const read = await readTopic(kafka, 'orders.events', { fromOffsets: from, timeoutMs: 20000,
      until: (all) => all.filter((m) => m.key === orderId).length >= count });
    return read.filter((m: ReadMessage) => m.key === orderId);
  }

  it('confirms on PaymentCaptured and emits OrderConfirmed caused by the capture', async () => {
    const { orderId, from } = await placeOrder();
    await publisher.publish('StockReserved', orderId, { orderId, customerId: 'c', amountCents: 1500,
      lines: [{ sku: 'A', quantity: 1, unitPriceCents: 1500 }] });
    await eventually(async () => expect((await getOrder(orderId)).status).toBe('RESERVED'));
    const capture = await publisher.publish('PaymentCaptured', orderId,
      { orderId, paymentId: randomUUID(), amountCents: 1500 });

    await eventually(async () => expect(await getOrder(orderId)).toMatchObject({
      status: 'CONFIRMED', totalCents: 1500, statusReason: null }));
    const [placed, confirmed] = await orderEvents(from, orderId, 2);
    expect(placed!.headers.eventType).toBe('OrderPlaced');
    expect(confirmed!.headers).toMatchObject({ eventType: 'OrderConfirmed',
      causationId: capture.eventId, correlationId: orderId });
  });

  it('rejects with out_of_stock on StockRejected', async () => {
    const { orderId } = await placeOrder();
    await publisher.publish('StockRejected', orderId,
      { orderId, shortLines: [{ sku: 'A', requested: 1, available: 0 }] });
    await eventually(async () => expect(await getOrder(orderId)).toMatchObject({
      status: 'REJECTED', statusReason: 'out_of_stock' }));
  });

  it('cancels with payment_declined on PaymentDeclined, and ignores a late capture', async () => {
    const { orderId, from } = await placeOrder();
    await publisher.publish('PaymentDeclined', orderId, { orderId, reason: 'insufficient_funds' });
    await eventually(async () => expect(await getOrder(orderId)).toMatchObject({
      status: 'CANCELLED', statusReason: 'payment_declined' }));
    await publisher.publish('PaymentCaptured', orderId,
      { orderId, paymentId: randomUUID(), amountCents: 10 });
    const events = await orderEvents(from, orderId, 2);
    const decoded = await freshCodec().decode(events[1]!.value);
    expect(decoded).toMatchObject({ eventType: 'OrderCancelled',
      payload: { reason: 'payment_declined', wasConfirmed: false } });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await getOrder(orderId)).status).toBe('CANCELLED');
  });

  it('applies an event delivered twice with the same id once', async () => {
    const { orderId, from } = await placeOrder();
    const eventId = randomUUID();
    const capture = { orderId, paymentId: randomUUID(), amountCents: 700 };
    await publisher.publish('PaymentCaptured', orderId, capture, { eventId });
    await publisher.publish('PaymentCaptured', orderId, capture, { eventId });
    await publisher.publish('StockRejected', orderId, { orderId, shortLines: [] });
    await eventually(async () => expect((await getOrder(orderId)).status).toBe('CONFIRMED'));
    const events = await readTopic(kafka, 'orders.events', { fromOffsets: from, timeoutMs: 3000,
      until: () => false });
    expect(events.filter((m) => m.key === orderId).map((m) => m.headers.eventType))
      .toEqual(['OrderPlaced', 'OrderConfirmed']);
  });

  it('lets a customer cancel a confirmed order, and answers 409 for a second cancel', async () => {
    const { orderId, from } = await placeOrder();
    await publisher.publish('PaymentCaptured', orderId,
      { orderId, paymentId: randomUUID(), amountCents: 900 });
    await eventually(async () => expect((await getOrder(orderId)).status).toBe('CONFIRMED'));

    const cancel = await postJson(`${orders.url}/orders/${orderId}/cancel`, {});
    expect(cancel.status).toBe(202);
    expect(cancel.body).toMatchObject({ status: 'CANCELLED', statusReason: 'customer' });
    const again = await postJson(`${orders.url}/orders/${orderId}/cancel`, {});
    expect(again.status).toBe(409);
    const events = await orderEvents(from, orderId, 3);
    expect(events.map((m) => m.headers.eventType)).toEqual(['OrderPlaced', 'OrderConfirmed',
      'OrderCancelled']);
    expect((await freshCodec().decode(events[2]!.value)).payload)
      .toMatchObject({ reason: 'customer', wasConfirmed: true });
  });

  it('answers 404 for a cancel of an unknown order', async () => {
    expect((await postJson(`${orders.url}/orders/${randomUUID()}/cancel`, {})).status).toBe(404);
  });
});

describe('the saga deadline', () => {
  it('cancels an order not settled in time with timed_out', async () => {
    const orders = await startService('orders', { SAGA_DEADLINE_MS: '1500',
      DEADLINE_SWEEP_INTERVAL_MS: '200' });
    try {
      const placed = await postJson(`${orders.url}/orders`, {
        customerId: `c-${randomUUID()}`, lines: [{ sku: `SKU-${randomUUID()}`, quantity: 1 }] });
      await eventually(async () => {
        const order = (await (await fetch(`${orders.url}/orders/${placed.body.orderId}`)).json());
        expect(order).toMatchObject({ status: 'CANCELLED', statusReason: 'timed_out' });
      }, 15000);
    } finally {
      await orders.stop();
    }
  });
});
