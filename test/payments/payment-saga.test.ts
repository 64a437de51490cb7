import { randomUUID } from 'node:crypto';
import { Kafka } from 'kafkajs';
import { Pool } from 'pg';
import { endOffsets, ReadMessage, readTopic } from '../../libs/kafka/read-topic';
import { EventCodec } from '../../libs/schemas/event-codec';
import { eventually } from '../support/eventually';
import { freshCodec, testKafka, testPool } from '../support/platform';
import { EventPublisher, PublishedEvent } from '../support/publish-event';
import { RunningService, startService } from '../support/service-process';

const GROUP = 'payments.saga';

interface PaymentView {
  paymentId: string;
  orderId: string;
  customerId: string | null;
  amountCents: number;
  status: string;
  reason: string | null;
  refundedCents: number;
}

interface EmittedEvent {
  eventType: string | null;
  headers: Record<string, string | null>;
  payload: Record<string, unknown>;
}

describe('payments in the saga', () => {
  let payments: RunningService;
  let kafka: Kafka;
  let pool: Pool;
  let codec: EventCodec;
  let publisher: EventPublisher;

  beforeAll(async () => {
    payments = await startService('payments');
    kafka = testKafka();
    pool = testPool('payments');
    codec = freshCodec();
    publisher = new EventPublisher(kafka, codec);
  });

  afterAll(async () => {
    await publisher.close();
    await payments.stop();
    await pool.end();
  });

  const newCustomer = () => `customer-${randomUUID()}`;
  const newOrder = () => `order-${randomUUID()}`;

  async function fundWallet(customerId: string, balanceCents: number) {
    const response = await fetch(`${payments.url}/wallets/${encodeURIComponent(customerId)}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ balanceCents }),
    });
    expect(response.status).toBe(200);
  }

  async function balanceOf(customerId: string): Promise<number | null> {
    const response = await fetch(`${payments.url}/wallets/${encodeURIComponent(customerId)}`);
    if (response.status === 404) return null;
    return ((await response.json()) as { balanceCents: number }).balanceCents;
  }

  async function paymentsOf(orderId: string): Promise<PaymentView[]> {
    const response = await fetch(`${payments.url}/payments?orderId=${orderId}`);
    expect(response.status).toBe(200);
    return (await response.json()) as PaymentView[];
  }

  function stockReserved(orderId: string, customerId: string, amountCents: number,
    options: { eventId?: string } = {}): Promise<PublishedEvent> {
    return publisher.publish('StockReserved', orderId, {
      orderId,
      customerId,
      lines: [{ sku: 'SKU-PAY', quantity: 2, unitPriceCents: amountCents / 2 }],
      amountCents,
    }, options);
  }

  function orderCancelled(orderId: string): Promise<PublishedEvent> {
    return publisher.publish('OrderCancelled', orderId, {
      orderId, reason: 'customer', wasConfirmed: false, cancelledAt: new Date(),
    });
  }

  /** What the group recorded for the event in its inbox, once it has applied it. */
  async function outcomeOf(event: PublishedEvent): Promise<string> {
    let outcome: string | undefined;
    await eventually(async () => {
      const result = await pool.query<{ outcome: string }>(
        'select outcome from inbox where consumer_group = $1 and event_id = $2',
        [GROUP, event.eventId]);
      expect(result.rows).toHaveLength(1);
      outcome = result.rows[0]!.outcome;
    }, 30000);
    return outcome!;
  }

  /** Waits until the group committed an offset past the event: it was handled or skipped. */
  async function consumedPast(event: PublishedEvent): Promise<void> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      await eventually(async () => {
        const [topic] = await admin.fetchOffsets({ groupId: GROUP, topics: [event.topic] });
        const committed = topic!.partitions.find((p) => p.partition === event.partition)!;
        expect(Number(committed.offset)).toBeGreaterThan(Number(event.offset));
      }, 30000);
    } finally {
      await admin.disconnect();
    }
  }

  /** Reads payments.events from `from` until `count` events of the order have arrived. */
  async function emittedFor(from: Map<number, string>, orderId: string, count: number) {
    const read = await readTopic(kafka, 'payments.events', {
      fromOffsets: from,
      until: (messages) => messages.filter((m) => m.key === orderId).length >= count,
      timeoutMs: 30000,
    });
    const mine = read.filter((message: ReadMessage) => message.key === orderId);
    return Promise.all(mine.map(async (message): Promise<EmittedEvent> => ({
      eventType: message.headers.eventType ?? null,
      headers: message.headers,
      payload: (await codec.decode(message.value)).payload,
    })));
  }

  /** The money invariant, read from payments' own rows: funded = balance + captured - refunded. */
  async function expectMoneyInvariant(customerId: string) {
    const result = await pool.query<{ funded: string; balance: string; captured: string;
      refunded: string }>(
      `select w.funded_cents as funded, w.balance_cents as balance,
              (select coalesce(sum(p.amount_cents), 0) from payments p
               where p.customer_id = w.customer_id and p.status in ('CAPTURED', 'REFUNDED'))
                as captured,
              (select coalesce(sum(r.amount_cents), 0) from refunds r
               join payments p on p.payment_id = r.payment_id
               where p.customer_id = w.customer_id) as refunded
       from wallets w
       where w.customer_id = $1`,
      [customerId]);
    const row = result.rows[0]!;
    expect(Number(row.funded))
      .toBe(Number(row.balance) + Number(row.captured) - Number(row.refunded));
  }

  it('captures the amount when the wallet balance covers it and publishes PaymentCaptured',
    async () => {
      const [customerId, orderId] = [newCustomer(), newOrder()];
      await fundWallet(customerId, 50000);
      const from = await endOffsets(kafka, 'payments.events');

      const reserved = await stockReserved(orderId, customerId, 12000);

      expect(await outcomeOf(reserved)).toBe('captured');
      expect(await balanceOf(customerId)).toBe(38000);
      const [payment] = await paymentsOf(orderId);
      expect(payment).toEqual({ paymentId: expect.any(String), orderId, customerId,
        amountCents: 12000, status: 'CAPTURED', reason: null, refundedCents: 0 });
      const [captured, ...others] = await emittedFor(from, orderId, 1);
      expect(others).toHaveLength(0);
      expect(captured).toMatchObject({
        eventType: 'PaymentCaptured',
        headers: { correlationId: orderId, causationId: reserved.eventId },
        payload: { orderId, paymentId: payment!.paymentId, amountCents: 12000 },
      });
      await expectMoneyInvariant(customerId);
    });

  it('declines with insufficient_funds and leaves the balance as it was when the wallet is short',
    async () => {
      const [customerId, orderId] = [newCustomer(), newOrder()];
      await fundWallet(customerId, 5000);
      const from = await endOffsets(kafka, 'payments.events');

      const reserved = await stockReserved(orderId, customerId, 5002);

      expect(await outcomeOf(reserved)).toBe('declined');
      expect(await balanceOf(customerId)).toBe(5000);
      expect(await paymentsOf(orderId)).toEqual([expect.objectContaining({
        customerId, amountCents: 5002, status: 'DECLINED', reason: 'insufficient_funds' })]);
      const [declined] = await emittedFor(from, orderId, 1);
      expect(declined).toMatchObject({
        eventType: 'PaymentDeclined',
        headers: { correlationId: orderId, causationId: reserved.eventId },
      });
      expect(declined!.payload).toEqual({ orderId, reason: 'insufficient_funds' });
      await expectMoneyInvariant(customerId);
    });

  it('declines with no_wallet when the customer has no wallet', async () => {
    const [customerId, orderId] = [newCustomer(), newOrder()];
    const from = await endOffsets(kafka, 'payments.events');

    const reserved = await stockReserved(orderId, customerId, 100);

    expect(await outcomeOf(reserved)).toBe('declined');
    expect(await balanceOf(customerId)).toBeNull();
    expect(await paymentsOf(orderId)).toEqual([expect.objectContaining({
      status: 'DECLINED', reason: 'no_wallet' })]);
    const [declined] = await emittedFor(from, orderId, 1);
    expect(declined!.eventType).toBe('PaymentDeclined');
    expect(declined!.payload).toEqual({ orderId, reason: 'no_wallet' });
  });

  it('refunds a captured payment once when OrderCancelled arrives twice with different ids',
    async () => {
      const [customerId, orderId] = [newCustomer(), newOrder()];
      await fundWallet(customerId, 30000);
      const from = await endOffsets(kafka, 'payments.events');
      expect(await outcomeOf(await stockReserved(orderId, customerId, 10000))).toBe('captured');

      const firstCancel = await orderCancelled(orderId);
      const secondCancel = await orderCancelled(orderId);

      expect(await outcomeOf(firstCancel)).toBe('refunded');
      expect(await outcomeOf(secondCancel)).toBe('nothing_to_refund');
      expect(await balanceOf(customerId)).toBe(30000);
      const [payment] = await paymentsOf(orderId);
      expect(payment).toMatchObject({ status: 'REFUNDED', amountCents: 10000,
        refundedCents: 10000 });
      const events = await emittedFor(from, orderId, 2);
      expect(events.map((event) => event.eventType))
        .toEqual(['PaymentCaptured', 'PaymentRefunded']);
      expect(events[1]).toMatchObject({
        headers: { correlationId: orderId, causationId: firstCancel.eventId },
        payload: { orderId, paymentId: payment!.paymentId, amountCents: 10000 },
      });
      await expectMoneyInvariant(customerId);
    });

  it('voids an order cancelled before its StockReserved, so the late StockReserved charges nothing',
    async () => {
      const [customerId, orderId] = [newCustomer(), newOrder()];
      await fundWallet(customerId, 20000);

      const cancel = await orderCancelled(orderId);
      expect(await outcomeOf(cancel)).toBe('voided_before_capture');
      const lateReserved = await stockReserved(orderId, customerId, 8000);

      expect(await outcomeOf(lateReserved)).toBe('already_decided');
      expect(await balanceOf(customerId)).toBe(20000);
      expect(await paymentsOf(orderId)).toEqual([{ paymentId: expect.any(String), orderId,
        customerId: null, amountCents: 0, status: 'VOIDED', reason: null, refundedCents: 0 }]);
      await expectMoneyInvariant(customerId);
    });

  it('charges once when the same StockReserved event is delivered twice', async () => {
    const [customerId, orderId] = [newCustomer(), newOrder()];
    await fundWallet(customerId, 10000);
    const from = await endOffsets(kafka, 'payments.events');

    const first = await stockReserved(orderId, customerId, 4000);
    const redelivered = await stockReserved(orderId, customerId, 4000,
      { eventId: first.eventId });
    await consumedPast(redelivered);

    expect(await outcomeOf(first)).toBe('captured');
    expect(await balanceOf(customerId)).toBe(6000);
    // The refund of a later cancel lands behind anything the redelivery could have emitted.
    expect(await outcomeOf(await orderCancelled(orderId))).toBe('refunded');
    const events = await emittedFor(from, orderId, 2);
    expect(events.map((event) => event.eventType)).toEqual(['PaymentCaptured', 'PaymentRefunded']);
    await expectMoneyInvariant(customerId);
  });

  it('charges nothing for a second StockReserved of the same order under a new event id',
    async () => {
      const [customerId, orderId] = [newCustomer(), newOrder()];
      await fundWallet(customerId, 10000);
      const from = await endOffsets(kafka, 'payments.events');

      const first = await stockReserved(orderId, customerId, 4000);
      const second = await stockReserved(orderId, customerId, 4000);

      expect(await outcomeOf(first)).toBe('captured');
      expect(await outcomeOf(second)).toBe('already_decided');
      expect(await balanceOf(customerId)).toBe(6000);
      expect(await paymentsOf(orderId)).toHaveLength(1);
      expect(await outcomeOf(await orderCancelled(orderId))).toBe('refunded');
      const events = await emittedFor(from, orderId, 2);
      expect(events.map((event) => event.eventType))
        .toEqual(['PaymentCaptured', 'PaymentRefunded']);
      await expectMoneyInvariant(customerId);
    });

  it('keeps funded = balance + captured - refunded when the balance is set between payments',
    async () => {
      const customerId = newCustomer();
      const [kept, refunded] = [newOrder(), newOrder()];
      await fundWallet(customerId, 10000);
      expect(await outcomeOf(await stockReserved(kept, customerId, 3000))).toBe('captured');
      expect(await outcomeOf(await stockReserved(refunded, customerId, 4000))).toBe('captured');
      await fundWallet(customerId, 7000);

      expect(await outcomeOf(await orderCancelled(refunded))).toBe('refunded');

      expect(await balanceOf(customerId)).toBe(11000);
      await expectMoneyInvariant(customerId);
    });

  it('charges no order twice and restores the balance when cancels race their StockReserved',
    async () => {
      const customerId = newCustomer();
      await fundWallet(customerId, 100000);
      const orderIds = Array.from({ length: 20 }, newOrder);

      const published = await Promise.all(orderIds.map((orderId) => Promise.all([
        stockReserved(orderId, customerId, 1000),
        orderCancelled(orderId),
      ])));

      for (const [reserved, cancel] of published) {
        expect(['captured', 'already_decided']).toContain(await outcomeOf(reserved));
        expect(['refunded', 'voided_before_capture']).toContain(await outcomeOf(cancel));
      }
      for (const orderId of orderIds) {
        const [payment] = await paymentsOf(orderId);
        expect(['REFUNDED', 'VOIDED']).toContain(payment!.status);
      }
      expect(await balanceOf(customerId)).toBe(100000);
      await expectMoneyInvariant(customerId);
    });
});
