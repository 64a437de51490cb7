import { randomBytes, randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { claimInboxEntry } from '../../libs/consumer/claim-inbox-entry';
import { HandlerContext } from '../../libs/consumer/event-consumer';
import { databaseUrl } from '../../libs/config/platform-endpoints';
import { createPool, withTransaction } from '../../libs/db/pool';
import { createLogger } from '../../libs/logging/logger';
import { EventType } from '../../libs/schemas/event-catalog';
import { projectOrderEvent } from '../../services/projection/src/consumers/project-order-event';
import { digestProjection } from '../../services/projection/src/db/digest-projection';
import { migrateServiceDatabase } from '../support/migrate-database';
import { endpoints } from '../support/platform';

interface TestEvent {
  eventId: string;
  eventType: EventType;
  topic: string;
  second: number;
  payload: Record<string, unknown>;
}

const log = createLogger('test.projection');

describe('projecting one event into the read model', () => {
  const name = `projection_t${randomBytes(5).toString('hex')}`;
  const admin = createPool({ connectionString: endpoints.PG_ADMIN_URL, maxConnections: 1,
    applicationName: 'test.projection' });
  let pool: Pool;

  beforeAll(async () => {
    await admin.query(`create database ${name}`);
    await migrateServiceDatabase(databaseUrl(endpoints, name), 'projection');
    pool = createPool({ connectionString: databaseUrl(endpoints, name), maxConnections: 3,
      applicationName: 'test.projection' });
  });

  afterAll(async () => {
    await pool.end();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  function sagaOf(orderId: string, customerId: string, sku: string): TestEvent[] {
    const e = (eventType: EventType, topic: string, second: number, payload: object) =>
      ({ eventId: randomUUID(), eventType, topic, second, payload: { orderId, ...payload } });
    return [
      e('OrderPlaced', 'orders.events', 1, { customerId, lines: [{ sku, quantity: 2 }] }),
      e('StockReserved', 'inventory.events', 2, { customerId, amountCents: 1800,
        lines: [{ sku, quantity: 2, unitPriceCents: 900 }] }),
      e('PaymentCaptured', 'payments.events', 3, { paymentId: 'p', amountCents: 1800 }),
      e('OrderConfirmed', 'orders.events', 4, { totalCents: 1800 }),
      e('StockSold', 'inventory.events', 5, {}),
      e('OrderCancelled', 'orders.events', 6, { reason: 'customer', wasConfirmed: true }),
      e('StockRestocked', 'inventory.events', 7, { lines: [{ sku, quantity: 2 }] }),
      e('PaymentRefunded', 'payments.events', 8, { paymentId: 'p', amountCents: 1800 }),
    ];
  }

  async function project(event: TestEvent, orderId: string) {
    return withTransaction(pool, (client) => projectOrderEvent({ client, log,
      emit: async () => 'unused',
      event: { eventId: event.eventId, eventType: event.eventType, payload: event.payload,
        key: orderId, topic: event.topic, partition: 0, offset: '0', correlationId: orderId,
        causationId: null, traceparent: null,
        occurredAt: new Date(Date.UTC(2026, 0, 2, 3, 4, event.second)) },
    } as HandlerContext));
  }

  /** Topics arrive in any interleaving; each topic keeps its own order, as Kafka does. */
  function interleave(events: TestEvent[], topicOrder: string[]): TestEvent[] {
    return topicOrder.flatMap((topic) => events.filter((event) => event.topic === topic));
  }

  it('leaves the same rows whichever topic\'s events are applied first', async () => {
    const orders = ['orders.events', 'inventory.events', 'payments.events'];
    const digests: string[] = [];
    const topicOrders = [orders, [...orders].reverse(), [orders[1]!, orders[2]!, orders[0]!]];
    for (const topicOrder of topicOrders) {
      const runId = randomUUID().slice(0, 8);
      for (const cut of [4, 8]) {
        const orderId = `order-${runId}-${cut}`;
        const events = sagaOf(orderId, `cust-${runId}`, `SKU-${runId}`).slice(0, cut);
        for (const event of interleave(events, topicOrder)) await project(event, orderId);
      }
      const digest = await digestProjection(pool, `cust-${runId}`, `SKU-${runId}`);
      const sales = await pool.query('select units, amount_cents from sales_by_sku_day ' +
        'where sku = $1', [`SKU-${runId}`]);
      expect(sales.rows).toEqual([{ units: '2', amount_cents: '1800' }]);
      digests.push(JSON.stringify((await pool.query(
        `select status, status_reason, event_count, last_event_type, sales_day from order_history
         where customer_id = $1 order by order_id`, [`cust-${runId}`])).rows));
      expect(digest.orders).toBe(2);
    }
    expect(new Set(digests).size).toBe(1);
  });

  it('takes an event another group applied for new work of this group, not a duplicate',
    async () => {
      const eventId = randomUUID();
      const claim = (consumerGroup: string) => withTransaction(pool, (client) =>
        claimInboxEntry(client, { consumerGroup, eventId, eventType: 'OrderPlaced',
          topic: 'orders.events', partition: 0, offset: '0' }));
      expect(await claim('projection.order-history')).toBe('claimed');
      expect(await claim('projection.replay-2')).toBe('claimed');
      expect(await claim('projection.order-history')).toBe('duplicate');
    });

  it('skips an event the order\'s history already holds', async () => {
    const orderId = `order-${randomUUID()}`;
    const [placed] = sagaOf(orderId, 'c', `SKU-${randomUUID()}`);
    expect(await project(placed!, orderId)).toBe('projected');
    expect(await project(placed!, orderId)).toBe('already_projected');
    const row = await pool.query('select event_count from order_history where order_id = $1',
      [orderId]);
    expect(row.rows).toEqual([{ event_count: 1 }]);
  });
});
