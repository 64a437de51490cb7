import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { eventually } from '../support/eventually';
import { testPool } from '../support/platform';
import { placeOrder, RunningPlatform, startPlatform, stockAndWallet }
  from '../support/platform-services';
import { restartService, RunningService } from '../support/service-process';
import { call, OPS_TOKEN, startAdmin } from './admin-service';

interface SagaEntry {
  eventId: string;
  eventType: string;
  service: string;
  outcome: string;
  causationId: string | null;
  occurredAt: string;
}

describe('the saga of one order through the admin API', () => {
  let platform: RunningPlatform;
  let admin: RunningService;
  let orders: Pool;

  beforeAll(async () => {
    platform = await startPlatform({ SAGA_DEADLINE_MS: '120000', OPS_TOKEN });
    admin = await startAdmin({ ORDERS_URL: platform.urls.orders,
      PAYMENTS_URL: platform.urls.payments, INVENTORY_URL: platform.urls.inventory });
    orders = testPool('orders');
  });

  afterAll(async () => {
    await orders.end();
    await admin?.stop();
    await platform?.stop();
  });



  it('shows a declined order placed, reserved, declined, cancelled and released, in causal order',
    async () => {
      const orderId = await placeOrder(platform.urls, await stockAndWallet(platform.urls, 500));
      let saga: { events: SagaEntry[]; waitingFor: unknown[]; order: { status: string } } =
        { events: [], waitingFor: [{}], order: { status: '' } };
      await eventually(async () => {
        saga = (await call(admin, 'GET', `/orders/${orderId}/saga`)).body;
        expect(saga.waitingFor).toEqual([]);
        expect(saga.events).toHaveLength(5);
        expect(saga.order).toMatchObject({ status: 'CANCELLED',
          statusReason: 'payment_declined' });
      }, 60000);

      expect(saga.events.map((e) => e.eventType).sort()).toEqual(['OrderCancelled', 'OrderPlaced',
        'PaymentDeclined', 'StockReleased', 'StockReserved']);
      expect(saga.events[0]).toMatchObject({ eventType: 'OrderPlaced', service: 'orders',
        outcome: 'placed', causationId: null });
      expect(saga.events.slice(1, 3).map((e) => [e.eventType, e.service, e.outcome])).toEqual([
        ['StockReserved', 'inventory', 'reserved'], ['PaymentDeclined', 'payments',
          'declined (insufficient_funds)']]);
      saga.events.forEach((event, index) => {
        if (!event.causationId) return;
        const cause = saga.events.findIndex((other) => other.eventId === event.causationId);
        expect({ event: event.eventType, causeBefore: cause >= 0 && cause < index })
          .toEqual({ event: event.eventType, causeBefore: true });
      });
    });

  it('says which step an unfinished saga waits for', async () => {
    const order = await stockAndWallet(platform.urls, 5000);
    await platform.payments.stop();
    try {
      const orderId = await placeOrder(platform.urls, order);
      await eventually(async () => {
        const saga = (await call(admin, 'GET', `/orders/${orderId}/saga`)).body;
        expect(saga.waitingFor).toEqual([{ service: 'payments', step: 'charge the wallet',
          eventTypes: ['PaymentCaptured', 'PaymentDeclined'] }]);
      }, 30000);
    } finally {
      platform.payments = await restartService(platform.payments);
    }
  });

  it('lists an unsettled order among those past their deadline', async () => {
    const orderId = await placeOrder(platform.urls, await stockAndWallet(platform.urls, 5000));
    const client = await orders.connect();
    try {
      // Holding the row keeps the saga from settling it while the list is read.
      await client.query('begin');
      await client.query('select 1 from orders where order_id = $1 for update', [orderId]);
      const later = new Date(Date.now() + 3600000).toISOString();
      const answer = await call(admin, 'GET', `/orders/overdue?at=${later}`);
      expect(answer.status).toBe(200);
      expect(answer.body.orders).toContainEqual(expect.objectContaining({ orderId,
        status: 'PENDING' }));
      const now = await call(admin, 'GET', '/orders/overdue');
      expect(now.body.orders.map((o: { orderId: string }) => o.orderId)).not.toContain(orderId);
    } finally {
      await client.query('rollback');
      client.release();
    }
  });

  it('answers 404 for an order no topic has heard of', async () => {
    const answer = await call(admin, 'GET', `/orders/${randomUUID()}/saga`);
    expect(answer.status).toBe(404);
    expect(answer.type).toMatch(/^application\/problem\+json/);
  });
});
