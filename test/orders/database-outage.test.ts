import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { postJson, testPool } from '../support/platform';
import { RunningService, startService } from '../support/service-process';
import { TcpProxy } from '../support/tcp-proxy';

describe('the orders service when its database goes away', () => {
  const proxy = new TcpProxy(5432);
  let orders: RunningService;
  let pool: Pool;

  beforeAll(async () => {
    await proxy.start();
    orders = await startService('orders', {
      DATABASE_URL: `postgres://postgres@127.0.0.1:${proxy.port}/orders` });
    pool = testPool('orders');
  });

  afterAll(async () => {
    await orders.stop();
    await proxy.cut();
    await pool.end();
  });

  it('answers 503 with Retry-After, writes nothing, and recovers when it is back', async () => {
    const customerId = `c-${randomUUID()}`;
    const body = { customerId, lines: [{ sku: 'MUG', quantity: 1 }] };
    await proxy.cut();

    const started = Date.now();
    const during = await postJson(`${orders.url}/orders`, body);
    expect(during.status).toBe(503);
    expect(during.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(during.headers.get('content-type')).toMatch(/problem\+json/);
    expect(Date.now() - started).toBeLessThan(10000);
    const ready = await fetch(`${orders.url}/readyz`);
    expect(ready.status).toBe(503);

    await proxy.restore();
    const after = await postJson(`${orders.url}/orders`, body);
    expect(after.status).toBe(202);
    const rows = await pool.query('select count(*)::int as n from orders where customer_id = $1',
      [customerId]);
    expect(rows.rows[0].n).toBe(1);
  });
});
