import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { testPool } from '../support/platform';
import { RunningService, startService } from '../support/service-process';

interface ProblemBody {
  status: number;
  detail: string;
  errors?: { field: string; rule: string; value: unknown }[];
}

interface Case {
  name: string;
  body: string;
  contentType?: string;
  status: number;
  field?: string;
  rule?: RegExp;
}

const line = (sku: string, quantity: unknown = 1) => ({ sku, quantity });
const order = (overrides: Record<string, unknown>) =>
  JSON.stringify({ customerId: 'c-1', lines: [line('SKU-A')], ...overrides });

const CASES: Case[] = [
  { name: 'malformed JSON', body: '{"customerId": "c-1", "lines": [', status: 400 },
  { name: 'a JSON array instead of an object', body: '[]', status: 400, field: '(body)' },
  { name: 'a missing customer id', body: JSON.stringify({ lines: [line('A')] }), status: 400,
    field: 'customerId', rule: /is required/ },
  { name: 'a customer id of the wrong type', body: order({ customerId: 42 }), status: 400,
    field: 'customerId', rule: /string/ },
  { name: 'an empty customer id', body: order({ customerId: '' }), status: 400,
    field: 'customerId', rule: /1 to 64/ },
  { name: 'a customer id of 65 characters', body: order({ customerId: 'c'.repeat(65) }),
    status: 400, field: 'customerId', rule: /1 to 64/ },
  { name: 'a control character in a sku', body: order({ lines: [line('A\u0007B')] }),
    status: 400, field: 'lines[0].sku', rule: /printable/ },
  { name: 'no order lines', body: order({ lines: [] }), status: 400, field: 'lines',
    rule: /1 to 100/ },
  { name: '101 order lines',
    body: order({ lines: Array.from({ length: 101 }, (_, i) => line(`SKU-${i}`)) }),
    status: 400, field: 'lines', rule: /1 to 100/ },
  { name: 'a quantity of 0', body: order({ lines: [line('A', 0)] }), status: 400,
    field: 'lines[0].quantity', rule: /integer from 1 to 10000/ },
  { name: 'a negative quantity', body: order({ lines: [line('A', -2)] }), status: 400,
    field: 'lines[0].quantity', rule: /integer from 1 to 10000/ },
  { name: 'a quantity of 10001', body: order({ lines: [line('A', 10001)] }), status: 400,
    field: 'lines[0].quantity', rule: /integer from 1 to 10000/ },
  { name: 'a fractional quantity', body: order({ lines: [line('A', 1.5)] }), status: 400,
    field: 'lines[0].quantity', rule: /integer/ },
  { name: 'a quantity given as a string', body: order({ lines: [line('A', '2')] }), status: 400,
    field: 'lines[0].quantity', rule: /integer/ },
  { name: 'a sku repeated in two lines', body: order({ lines: [line('A'), line('A')] }),
    status: 400, field: 'lines[1].sku', rule: /repeat/ },
  { name: 'an extra field', body: order({ coupon: 'FREE' }), status: 400, field: 'coupon',
    rule: /not an allowed field/ },
  { name: 'an extra field in a line', body: order({ lines: [{ sku: 'A', quantity: 1, price: 1 }] }),
    status: 400, field: 'lines[0].price', rule: /not an allowed field/ },
  { name: 'a __proto__ key', body: '{"customerId":"c-1","lines":[{"sku":"A","quantity":1}],' +
    '"__proto__":{"admin":true}}', status: 400, field: '__proto__', rule: /not an allowed field/ },
  { name: 'a constructor key in a line',
    body: '{"customerId":"c-1","lines":[{"sku":"A","quantity":1,"constructor":{"x":1}}]}',
    status: 400, field: 'lines[0].constructor', rule: /not an allowed field/ },
  { name: 'a body over 64 KiB', body: order({ customerId: 'c-1', pad: 'x'.repeat(70000) }),
    status: 413 },
  { name: 'a text/plain content type', body: order({}), contentType: 'text/plain', status: 415 },
  { name: 'a form content type', body: 'customerId=c-1', contentType:
    'application/x-www-form-urlencoded', status: 415 },
];

describe('POST /orders with bad input', () => {
  let orders: RunningService;
  let pool: Pool;

  beforeAll(async () => {
    orders = await startService('orders');
    pool = testPool('orders');
  });

  afterAll(async () => {
    await orders.stop();
    await pool.end();
  });

  it.each(CASES)('answers $status for $name and writes nothing', async (testCase) => {
    const before = await countRows(pool);
    const response = await fetch(`${orders.url}/orders`, {
      method: 'POST',
      headers: { 'content-type': testCase.contentType ?? 'application/json',
        'idempotency-key': randomUUID() },
      body: testCase.body,
    });
    const body = (await response.json()) as ProblemBody;

    expect(response.status).toBe(testCase.status);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(body).toMatchObject({ status: testCase.status, type: expect.any(String),
      title: expect.any(String), detail: expect.any(String) });
    if (testCase.field) {
      const issue = body.errors?.find((e) => e.field === testCase.field);
      expect(issue).toBeDefined();
      if (testCase.rule) expect(issue!.rule).toMatch(testCase.rule);
      expect(body.detail).toContain(testCase.field);
    }
    expect(await countRows(pool)).toEqual(before);
  });

  it('answers 404 problem+json for an unknown order and for a malformed order id', async () => {
    for (const id of [randomUUID(), 'not-a-uuid', "1' or '1'='1"]) {
      const response = await fetch(`${orders.url}/orders/${encodeURIComponent(id)}`);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
  });

  it('answers 400 for an Idempotency-Key with control characters', async () => {
    const response = await fetch(`${orders.url}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'a b' },
      body: order({}),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as ProblemBody).errors![0]!.field).toBe('Idempotency-Key');
  });
});

async function countRows(pool: Pool) {
  const result = await pool.query(`select
    (select count(*) from orders)::int as orders,
    (select count(*) from order_lines)::int as lines,
    (select count(*) from idempotency_keys)::int as keys,
    (select count(*) from outbox)::int as outbox`);
  return result.rows[0];
}
