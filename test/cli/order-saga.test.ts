import { randomUUID } from 'node:crypto';
import { requestJson } from '../../infra/tasks/load/run-load';
import { call, OPS_TOKEN, READ_TOKEN, startAdmin } from '../admin/admin-service';
import { eventually } from '../support/eventually';
import { RunningPlatform, startPlatform } from '../support/platform-services';
import { restartService, RunningService } from '../support/service-process';
import { sagactl, sagactlEnv } from './sagactl';

describe('sagactl saga', () => {
  let platform: RunningPlatform;
  let admin: RunningService;
  const env = () => sagactlEnv(admin, READ_TOKEN);

  beforeAll(async () => {
    platform = await startPlatform({ SAGA_DEADLINE_MS: '120000', OPS_TOKEN });
    admin = await startAdmin({ ORDERS_URL: platform.urls.orders,
      PAYMENTS_URL: platform.urls.payments, INVENTORY_URL: platform.urls.inventory });
  });

  afterAll(async () => {
    await admin?.stop();
    await platform?.stop();
  });

  /** A product at 1000 cents and a customer whose wallet holds `balanceCents`. */
  async function stockAndWallet(balanceCents: number) {
    const sku = `SKU-${randomUUID()}`;
    const customerId = `c-${randomUUID()}`;
    await requestJson(`${platform.urls.inventory}/products/${sku}`, 'PUT',
      { priceCents: 1000, available: 5 });
    await requestJson(`${platform.urls.payments}/wallets/${customerId}`, 'PUT', { balanceCents });
    return { sku, customerId };
  }

  async function placeOrder(order: { sku: string; customerId: string }): Promise<string> {
    const placed = await requestJson(`${platform.urls.orders}/orders`, 'POST',
      { customerId: order.customerId, lines: [{ sku: order.sku, quantity: 1 }] });
    return placed.body.orderId as string;
  }

  async function settled(orderId: string, status: string) {
    await eventually(async () => {
      const saga = (await call(admin, 'GET', `/orders/${orderId}/saga`)).body;
      expect(saga.order).toMatchObject({ status });
      expect(saga.waitingFor).toEqual([]);
      expect(saga.events).toHaveLength(5);
    }, 60000);
  }

  it('prints with --json the body GET /orders/{id}/saga answers for a settled order',
    async () => {
      const orderId = await placeOrder(await stockAndWallet(5000));
      await settled(orderId, 'CONFIRMED');
      const run = await sagactl(['saga', orderId, '--json'], env());
      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(JSON.parse(run.stdout)).toEqual((await call(admin, 'GET',
        `/orders/${orderId}/saga`)).body);

      const table = await sagactl(['saga', orderId], env());
      const lines = table.stdout.trimEnd().split('\n');
      expect(lines[0]).toMatch(new RegExp(`^order ${orderId}  CONFIRMED  customer c-\\S+  ` +
        'total 1000 cents  placed \\S+$'));
      expect(lines[1]).toMatch(/^TIME +SERVICE +EVENT +OUTCOME +CAUSED BY +COMPENSATES$/);
      expect(lines.slice(2, 7).map((line) => line.split(/ {2,}/).slice(1))).toEqual([
        ['orders', 'OrderPlaced', 'placed', '-', '-'],
        ['inventory', 'StockReserved', 'reserved', 'OrderPlaced', '-'],
        ['payments', 'PaymentCaptured', 'captured', 'StockReserved', '-'],
        ['orders', 'OrderConfirmed', 'confirmed', 'PaymentCaptured', '-'],
        ['inventory', 'StockSold', 'sold', 'OrderConfirmed', '-']]);
      expect(lines[7]).toBe('waiting for: nothing');
    });

  it('names what a compensating event undoes', async () => {
    const orderId = await placeOrder(await stockAndWallet(500));
    await settled(orderId, 'CANCELLED');
    const run = await sagactl(['saga', orderId], env());
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^order \S+ {2}CANCELLED \(payment_declined\) /);
    expect(run.stdout).toMatch(
      / {2}inventory +StockReleased +released +(PaymentDeclined|OrderCancelled) +StockReserved$/m);
  });

  it('shows the step an unfinished saga waits for', async () => {
    const order = await stockAndWallet(5000);
    await platform.payments.stop();
    try {
      const orderId = await placeOrder(order);
      await eventually(async () => {
        const run = await sagactl(['saga', orderId], env());
        expect(run.stdout).toMatch(new RegExp('^\\(waiting\\) +payments +PaymentCaptured or ' +
          'PaymentDeclined +to charge the wallet +- +-$', 'm'));
      }, 30000);
    } finally {
      platform.payments = await restartService(platform.payments);
    }
  });

  it('exits 3 with the API\'s words for an order nobody has heard of', async () => {
    const orderId = randomUUID();
    const run = await sagactl(['saga', orderId], env());
    expect(run).toMatchObject({ code: 3, stdout: '' });
    expect(run.stderr).toBe(`error: GET /orders/${orderId}/saga answered 404 Order not found: ` +
      `no event on any topic is keyed by "${orderId}"\n`);
  });
});
