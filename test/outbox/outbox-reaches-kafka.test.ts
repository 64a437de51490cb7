import { randomUUID } from 'node:crypto';
import { Kafka } from 'kafkajs';
import { Pool } from 'pg';
import { withTransaction } from '../../libs/db/pool';
import { endOffsets, ReadMessage, readTopic } from '../../libs/kafka/read-topic';
import { appendOutboxEvent, NewOutboxEvent } from '../../libs/outbox/append-outbox-event';
import { EventCodec } from '../../libs/schemas/event-codec';
import { freshCodec, testKafka, testPool } from '../support/platform';

describe('an outbox event appended in a transaction', () => {
  let pool: Pool;
  let kafka: Kafka;
  let codec: EventCodec;

  beforeAll(async () => {
    pool = testPool('orders');
    kafka = testKafka();
    codec = freshCodec();
    await codec.registerLatest(['OrderPlaced', 'OrderConfirmed', 'OrderCancelled']);
  });

  afterAll(async () => {
    await pool.end();
  });

  function orderPlaced(orderId: string, occurredAt = new Date()): NewOutboxEvent {
    return {
      eventType: 'OrderPlaced',
      aggregateId: orderId,
      payload: { orderId, customerId: `c-${randomUUID()}`, lines: [{ sku: 'SKU-1', quantity: 2 }],
        placedAt: occurredAt },
      correlationId: orderId,
      causationId: null,
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      occurredAt,
    };
  }

  async function readKeys(from: Map<number, string>, keys: string[], expected: number) {
    const wanted = new Set(keys);
    const messages = await readTopic(kafka, 'orders.events', {
      fromOffsets: from,
      until: (read) => read.filter((m) => wanted.has(m.key ?? '')).length >= expected,
      timeoutMs: 20000,
    });
    return messages.filter((message: ReadMessage) => wanted.has(message.key ?? ''));
  }

  it('reaches orders.events once, keyed by the order id, with headers and occurred-at',
    async () => {
      const from = await endOffsets(kafka, 'orders.events');
      const orderId = randomUUID();
      const occurredAt = new Date(Date.now() - 1234);
      const event = orderPlaced(orderId, occurredAt);
      const eventId = await withTransaction(pool, (client) =>
        appendOutboxEvent(client, codec, event, { keepRows: false }));

      const [message, ...others] = await readKeys(from, [orderId], 1);
      expect(others).toHaveLength(0);
      expect(message!.key).toBe(orderId);
      expect(message!.timestamp).toBe(occurredAt.getTime());
      expect(message!.headers).toEqual({
        id: eventId,
        eventType: 'OrderPlaced',
        correlationId: orderId,
        causationId: null,
        traceparent: event.traceparent,
      });
      const decoded = await freshCodec().decode(message!.value);
      expect(decoded.eventType).toBe('OrderPlaced');
      // The payload omits the v2 field channel; the schema's default fills it in.
      expect(decoded.payload).toEqual({ ...event.payload, channel: 'api' });
      const left = await pool.query('select 1 from outbox where event_id = $1', [eventId]);
      expect(left.rowCount).toBe(0);
    });

  it('never reaches Kafka when its transaction rolls back', async () => {
    const from = await endOffsets(kafka, 'orders.events');
    const orderId = randomUUID();
    let rolledBackId = '';
    await expect(withTransaction(pool, async (client) => {
      rolledBackId = await appendOutboxEvent(client, codec, orderPlaced(orderId),
        { keepRows: false });
      throw new Error('the business write failed after the append');
    })).rejects.toThrow('the business write failed');
    // A later committed event of the same order lands on the same partition after it would have.
    const committedId = await withTransaction(pool, (client) =>
      appendOutboxEvent(client, codec, orderPlaced(orderId), { keepRows: false }));

    const messages = await readKeys(from, [orderId], 1);
    expect(messages.map((m) => m.headers.id)).toEqual([committedId]);
    expect(rolledBackId).not.toBe('');
  });

  it('arrives in commit order when one order appends several events in separate transactions',
    async () => {
      const from = await endOffsets(kafka, 'orders.events');
      const orderId = randomUUID();
      const ids: string[] = [];
      const types = ['OrderPlaced', 'OrderConfirmed', 'OrderCancelled'] as const;
      const payloads = [
        orderPlaced(orderId).payload,
        { orderId, totalCents: 1999, confirmedAt: new Date() },
        { orderId, reason: 'customer', wasConfirmed: true, cancelledAt: new Date() },
      ];
      for (const [index, eventType] of types.entries()) {
        ids.push(await withTransaction(pool, (client) => appendOutboxEvent(client, codec, {
          ...orderPlaced(orderId), eventType, payload: payloads[index]!,
          causationId: ids.at(-1) ?? null,
        }, { keepRows: false })));
      }

      const messages = await readKeys(from, [orderId], 3);
      expect(messages.map((m) => m.headers.id)).toEqual(ids);
      expect(messages.map((m) => m.headers.eventType)).toEqual([...types]);
      expect(new Set(messages.map((m) => m.partition)).size).toBe(1);
      expect(messages.map((m) => m.headers.causationId)).toEqual([null, ids[0], ids[1]]);
    });

  it('refuses a payload that does not match its schema, naming the field', async () => {
    const orderId = randomUUID();
    const bad = { ...orderPlaced(orderId), payload: { orderId, customerId: 'c', lines: [
      { sku: 'SKU-1', quantity: 'two' }], placedAt: new Date() } };
    await expect(withTransaction(pool, (client) =>
      appendOutboxEvent(client, codec, bad, { keepRows: false })))
      .rejects.toThrow(/lines\.0\.quantity must be an integer \(int\) \(got "two"\)/);
  });

  it('keeps the row for inspection when asked to', async () => {
    const eventId = await withTransaction(pool, (client) =>
      appendOutboxEvent(client, codec, orderPlaced(randomUUID()), { keepRows: true }));
    const kept = await pool.query('select event_type from outbox where event_id = $1', [eventId]);
    expect(kept.rows).toEqual([{ event_type: 'OrderPlaced' }]);
    await pool.query('delete from outbox where event_id = $1', [eventId]);
  });
});
