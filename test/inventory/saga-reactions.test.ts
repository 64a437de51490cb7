import { randomUUID } from 'node:crypto';
import { Kafka } from 'kafkajs';
import { Pool } from 'pg';
import { endOffsets, ReadMessage, readTopic } from '../../libs/kafka/read-topic';
import { EventCodec } from '../../libs/schemas/event-codec';
import { freshCodec, testKafka, testPool } from '../support/platform';
import { EventPublisher } from '../support/publish-event';
import { RunningService, startService } from '../support/service-process';

const WAIT_MS = 30000;
/** How long to keep reading for an event that must not come. */
const QUIET_MS = 2000;

interface Line {
  sku: string;
  quantity: number;
}

interface DecodedMessage {
  message: ReadMessage;
  eventType: string;
  payload: Record<string, unknown>;
}

describe('inventory in the saga', () => {
  let inventory: RunningService;
  let kafka: Kafka;
  let pool: Pool;
  let codec: EventCodec;
  let publisher: EventPublisher;
  let skusOfTest: string[] = [];

  beforeAll(async () => {
    inventory = await startService('inventory');
    kafka = testKafka();
    pool = testPool('inventory');
    codec = freshCodec();
    publisher = new EventPublisher(kafka, freshCodec());
  });

  afterAll(async () => {
    await inventory.stop();
    await publisher.close();
    await pool.end();
  });

  afterEach(async () => {
    const result = await pool.query(
      `select sku, stocked, available, reserved, sold from products
       where sku = any($1::text[]) and stocked <> available + reserved + sold`,
      [skusOfTest],
    );
    skusOfTest = [];
    expect(result.rows).toEqual([]);
  });

  async function newProduct(priceCents: number, available: number): Promise<string> {
    const sku = `SKU-${randomUUID()}`;
    const response = await fetch(`${inventory.url}/products/${sku}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ priceCents, available }),
    });
    expect(response.status).toBe(200);
    skusOfTest.push(sku);
    return sku;
  }

  async function productOf(sku: string) {
    const response = await fetch(`${inventory.url}/products/${sku}`);
    return response.json();
  }

  const placeOrder = (orderId: string, lines: Line[], eventId?: string) =>
    publisher.publish('OrderPlaced', orderId, { orderId, customerId: `c-${orderId}`, lines,
      placedAt: new Date() }, { eventId });

  const cancelOrder = (orderId: string, wasConfirmed: boolean) =>
    publisher.publish('OrderCancelled', orderId, { orderId, reason: 'customer', wasConfirmed,
      cancelledAt: new Date() });

  const declinePayment = (orderId: string) =>
    publisher.publish('PaymentDeclined', orderId, { orderId, reason: 'insufficient_funds' });

  const confirmOrder = (orderId: string, totalCents: number) =>
    publisher.publish('OrderConfirmed', orderId, { orderId, totalCents,
      confirmedAt: new Date() });

  async function waitFor<T>(read: () => Promise<T | null>, what: string): Promise<T> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const value = await read();
      if (value !== null) return value;
      if (Date.now() > deadline) throw new Error(`no ${what} within ${WAIT_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Polls GET /reservations/:orderId until the reservation has the status. */
  function reservationIn(orderId: string, status: string) {
    return waitFor(async () => {
      const response = await fetch(`${inventory.url}/reservations/${orderId}`);
      if (response.status !== 200) return null;
      const body = (await response.json()) as { status: string };
      return body.status === status ? (body as Record<string, unknown>) : null;
    }, `reservation ${status} for ${orderId}`);
  }

  /** What the consumer group recorded for one event, once it has applied it. */
  function outcomeOf(eventId: string) {
    return waitFor(async () => {
      const result = await pool.query<{ outcome: string }>(
        `select outcome from inbox where consumer_group = 'inventory.saga' and event_id = $1`,
        [eventId]);
      return result.rows[0]?.outcome ?? null;
    }, `inbox outcome of ${eventId}`);
  }

  /**
   * Reads the order's events on inventory.events until `count` arrived, then keeps reading a
   * little longer so that an event emitted once too often would be seen too.
   */
  async function inventoryEventsOf(from: Map<number, string>, orderId: string, count: number) {
    const ofOrder = (read: ReadMessage[]) => read.filter((m) => m.key === orderId);
    const first = ofOrder(await readTopic(kafka, 'inventory.events', { fromOffsets: from,
      until: (read) => ofOrder(read).length >= count, timeoutMs: WAIT_MS }));
    const extra = ofOrder(await readTopic(kafka, 'inventory.events', { fromOffsets: from,
      until: (read) => ofOrder(read).length > count, timeoutMs: QUIET_MS }));
    const messages = extra.length > first.length ? extra : first;
    return Promise.all(messages.map(async (message): Promise<DecodedMessage> => {
      const decoded = await codec.decode(message.value);
      return { message, eventType: decoded.eventType, payload: decoded.payload };
    }));
  }

  function expectCausedBy(decoded: DecodedMessage, eventId: string, orderId: string) {
    expect(decoded.message.headers).toMatchObject({ causationId: eventId,
      correlationId: orderId, eventType: decoded.eventType, id: expect.any(String) });
  }

  it('reserves every line at the current prices and publishes StockReserved with the amount',
    async () => {
      const [shirt, mug] = [await newProduct(1999, 10), await newProduct(500, 3)];
      const from = await endOffsets(kafka, 'inventory.events');
      const orderId = randomUUID();
      const placed = await placeOrder(orderId, [{ sku: shirt, quantity: 2 },
        { sku: mug, quantity: 3 }]);

      const reservation = await reservationIn(orderId, 'RESERVED');
      const amountCents = 2 * 1999 + 3 * 500;
      expect(reservation).toMatchObject({ orderId, customerId: `c-${orderId}`, amountCents });
      expect(reservation.lines).toEqual(expect.arrayContaining([
        { sku: shirt, quantity: 2, unitPriceCents: 1999 },
        { sku: mug, quantity: 3, unitPriceCents: 500 }]));
      expect(await productOf(shirt)).toMatchObject({ available: 8, reserved: 2, sold: 0 });
      expect(await productOf(mug)).toMatchObject({ available: 0, reserved: 3, sold: 0 });

      const [reserved, ...others] = await inventoryEventsOf(from, orderId, 1);
      expect(others).toEqual([]);
      expect(reserved!.eventType).toBe('StockReserved');
      expect(reserved!.payload).toEqual({ orderId, customerId: `c-${orderId}`, amountCents,
        lines: [{ sku: shirt, quantity: 2, unitPriceCents: 1999 },
          { sku: mug, quantity: 3, unitPriceCents: 500 }] });
      expectCausedBy(reserved!, placed.eventId, orderId);
    });

  it('rejects the whole order when one line is short, reserving nothing', async () => {
    const [plenty, scarce] = [await newProduct(100, 10), await newProduct(100, 1)];
    const unknown = `SKU-${randomUUID()}`;
    const from = await endOffsets(kafka, 'inventory.events');
    const orderId = randomUUID();
    const placed = await placeOrder(orderId, [{ sku: plenty, quantity: 2 },
      { sku: scarce, quantity: 2 }, { sku: unknown, quantity: 1 }]);

    const reservation = await reservationIn(orderId, 'REJECTED');
    expect(reservation).toMatchObject({ lines: [], amountCents: null });
    expect(await productOf(plenty)).toMatchObject({ available: 10, reserved: 0 });
    expect(await productOf(scarce)).toMatchObject({ available: 1, reserved: 0 });

    const [rejected, ...others] = await inventoryEventsOf(from, orderId, 1);
    expect(others).toEqual([]);
    expect(rejected!.eventType).toBe('StockRejected');
    expect(rejected!.payload).toEqual({ orderId, shortLines: [
      { sku: scarce, requested: 2, available: 1 },
      { sku: unknown, requested: 1, available: 0 }] });
    expectCausedBy(rejected!, placed.eventId, orderId);
  });

  it('releases once on PaymentDeclined and does nothing on the OrderCancelled that follows',
    async () => {
      const sku = await newProduct(700, 5);
      const from = await endOffsets(kafka, 'inventory.events');
      const orderId = randomUUID();
      await placeOrder(orderId, [{ sku, quantity: 4 }]);
      await reservationIn(orderId, 'RESERVED');

      const declined = await declinePayment(orderId);
      await reservationIn(orderId, 'RELEASED');
      const cancelled = await cancelOrder(orderId, false);

      expect(await outcomeOf(declined.eventId)).toBe('released');
      expect(await outcomeOf(cancelled.eventId)).toBe('nothing_to_release');
      expect(await productOf(sku)).toMatchObject({ available: 5, reserved: 0, sold: 0 });
      const events = await inventoryEventsOf(from, orderId, 2);
      expect(events.map((e) => e.eventType)).toEqual(['StockReserved', 'StockReleased']);
      expect(events[1]!.payload).toEqual({ orderId, lines: [{ sku, quantity: 4 }] });
      expectCausedBy(events[1]!, declined.eventId, orderId);
    });

  it('releases once on OrderCancelled and does nothing on the PaymentDeclined that follows',
    async () => {
      const sku = await newProduct(700, 5);
      const orderId = randomUUID();
      await placeOrder(orderId, [{ sku, quantity: 2 }]);
      await reservationIn(orderId, 'RESERVED');

      const cancelled = await cancelOrder(orderId, false);
      await reservationIn(orderId, 'RELEASED');
      const declined = await declinePayment(orderId);

      expect(await outcomeOf(cancelled.eventId)).toBe('released');
      expect(await outcomeOf(declined.eventId)).toBe('nothing_to_release');
      expect(await productOf(sku)).toMatchObject({ available: 5, reserved: 0, sold: 0 });
    });

  it('sells on OrderConfirmed, then restocks when the confirmed order is cancelled', async () => {
    const sku = await newProduct(1250, 6);
    const from = await endOffsets(kafka, 'inventory.events');
    const orderId = randomUUID();
    await placeOrder(orderId, [{ sku, quantity: 3 }]);
    await reservationIn(orderId, 'RESERVED');

    const confirmed = await confirmOrder(orderId, 3750);
    await reservationIn(orderId, 'SOLD');
    expect(await productOf(sku)).toMatchObject({ available: 3, reserved: 0, sold: 3 });

    const cancelled = await cancelOrder(orderId, true);
    await reservationIn(orderId, 'RESTOCKED');
    expect(await productOf(sku)).toMatchObject({ available: 6, reserved: 0, sold: 0 });

    const events = await inventoryEventsOf(from, orderId, 3);
    expect(events.map((e) => e.eventType))
      .toEqual(['StockReserved', 'StockSold', 'StockRestocked']);
    expect(events[1]!.payload).toEqual({ orderId });
    expectCausedBy(events[1]!, confirmed.eventId, orderId);
    expect(events[2]!.payload).toEqual({ orderId, lines: [{ sku, quantity: 3 }] });
    expectCausedBy(events[2]!, cancelled.eventId, orderId);
  });

  it('keeps reserved units when PUT sets the available count again', async () => {
    const sku = await newProduct(400, 5);
    const orderId = randomUUID();
    await placeOrder(orderId, [{ sku, quantity: 2 }]);
    await reservationIn(orderId, 'RESERVED');

    const put = await fetch(`${inventory.url}/products/${sku}`, { method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ priceCents: 450, available: 20 }) });
    expect(await put.json()).toMatchObject({ priceCents: 450, available: 20, reserved: 2 });
    await declinePayment(orderId);
    await reservationIn(orderId, 'RELEASED');
    expect(await productOf(sku)).toMatchObject({ available: 22, reserved: 0, sold: 0 });
  });

  it('does not sell an order it never reserved', async () => {
    const confirmed = await confirmOrder(randomUUID(), 100);
    expect(await outcomeOf(confirmed.eventId)).toBe('not_reserved');
  });

  it('records a cancel that overtook OrderPlaced, so the late OrderPlaced reserves nothing',
    async () => {
      const sku = await newProduct(300, 4);
      const from = await endOffsets(kafka, 'inventory.events');
      const orderId = randomUUID();

      const cancelled = await cancelOrder(orderId, false);
      const early = await reservationIn(orderId, 'CANCELLED_BEFORE_RESERVATION');
      expect(early).toMatchObject({ lines: [], customerId: null, amountCents: null });
      const placed = await placeOrder(orderId, [{ sku, quantity: 1 }]);

      expect(await outcomeOf(cancelled.eventId)).toBe('cancelled_before_reservation');
      expect(await outcomeOf(placed.eventId)).toBe('already_decided');
      expect(await productOf(sku)).toMatchObject({ available: 4, reserved: 0, sold: 0 });
      expect(await inventoryEventsOf(from, orderId, 0)).toEqual([]);
    });

  it('reserves once when the same OrderPlaced event is delivered twice', async () => {
    const sku = await newProduct(900, 10);
    const from = await endOffsets(kafka, 'inventory.events');
    const orderId = randomUUID();
    const eventId = randomUUID();
    await placeOrder(orderId, [{ sku, quantity: 2 }], eventId);
    await placeOrder(orderId, [{ sku, quantity: 2 }], eventId);
    // One key, one partition: once the later OrderConfirmed is applied, so is the duplicate.
    await confirmOrder(orderId, 1800);
    await reservationIn(orderId, 'SOLD');

    expect(await productOf(sku)).toMatchObject({ available: 8, reserved: 0, sold: 2 });
    const events = await inventoryEventsOf(from, orderId, 2);
    expect(events.map((e) => e.eventType)).toEqual(['StockReserved', 'StockSold']);
  });

  it('decides an order once when OrderPlaced comes again with a new event id', async () => {
    const sku = await newProduct(900, 10);
    const orderId = randomUUID();
    await placeOrder(orderId, [{ sku, quantity: 2 }]);
    await reservationIn(orderId, 'RESERVED');

    const replayed = await placeOrder(orderId, [{ sku, quantity: 2 }]);
    expect(await outcomeOf(replayed.eventId)).toBe('already_decided');
    expect(await productOf(sku)).toMatchObject({ available: 8, reserved: 2, sold: 0 });
  });

  it('dead-letters an OrderPlaced with a quantity below 1 instead of moving stock', async () => {
    const sku = await newProduct(100, 5);
    const from = await endOffsets(kafka, 'inventory.saga.dlq');
    const orderId = randomUUID();
    const placed = await placeOrder(orderId, [{ sku, quantity: 0 }]);

    const [dead] = await readTopic(kafka, 'inventory.saga.dlq', { fromOffsets: from,
      until: (read) => read.some((m) => m.key === orderId), timeoutMs: WAIT_MS })
      .then((read) => read.filter((m) => m.key === orderId));
    expect(dead!.headers).toMatchObject({ 'id': placed.eventId,
      'x-original-topic': 'orders.events', 'x-error-class': 'validation_failed',
      'x-attempts': '1' });
    expect(dead!.headers['x-error-message']).toContain('lines[0].quantity');
    const reservation = await fetch(`${inventory.url}/reservations/${orderId}`);
    expect(reservation.status).toBe(404);
    expect(await productOf(sku)).toMatchObject({ available: 5, reserved: 0 });
  });

  it('never reserves more than is available when many orders compete for one sku',
    async () => {
      const sku = await newProduct(100, 10);
      const orderIds = Array.from({ length: 25 }, () => randomUUID());
      await Promise.all(orderIds.map((orderId) => placeOrder(orderId, [{ sku, quantity: 1 }])));

      const statuses = await Promise.all(orderIds.map((orderId) => waitFor(async () => {
        const response = await fetch(`${inventory.url}/reservations/${orderId}`);
        return response.status === 200 ? ((await response.json()) as { status: string }).status
          : null;
      }, `reservation for ${orderId}`)));
      expect(statuses.filter((s) => s === 'RESERVED')).toHaveLength(10);
      expect(statuses.filter((s) => s === 'REJECTED')).toHaveLength(15);
      expect(await productOf(sku)).toMatchObject({ available: 0, reserved: 10, sold: 0 });
    });
});
