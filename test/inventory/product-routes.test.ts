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
  sku?: string;
  body: string;
  contentType?: string;
  status: number;
  field?: string;
  rule?: RegExp;
}

const stock = (overrides: Record<string, unknown>) =>
  JSON.stringify({ priceCents: 1999, available: 40, ...overrides });

const CASES: Case[] = [
  { name: 'malformed JSON', body: '{"priceCents": 1', status: 400 },
  { name: 'a JSON array instead of an object', body: '[]', status: 400, field: '(body)' },
  { name: 'a missing price', body: JSON.stringify({ available: 1 }), status: 400,
    field: 'priceCents', rule: /is required/ },
  { name: 'a missing available count', body: JSON.stringify({ priceCents: 1 }), status: 400,
    field: 'available', rule: /is required/ },
  { name: 'a negative price', body: stock({ priceCents: -1 }), status: 400,
    field: 'priceCents', rule: /integer from 0 to 100000000/ },
  { name: 'a fractional price', body: stock({ priceCents: 19.99 }), status: 400,
    field: 'priceCents', rule: /integer/ },
  { name: 'a price over 100000000', body: stock({ priceCents: 100000001 }), status: 400,
    field: 'priceCents', rule: /integer from 0 to 100000000/ },
  { name: 'a price given as a string', body: stock({ priceCents: '1999' }), status: 400,
    field: 'priceCents', rule: /integer/ },
  { name: 'a negative available count', body: stock({ available: -3 }), status: 400,
    field: 'available', rule: /integer from 0 to 100000000/ },
  { name: 'an available count over 100000000', body: stock({ available: 100000001 }),
    status: 400, field: 'available', rule: /integer from 0 to 100000000/ },
  { name: 'an extra field', body: stock({ reserved: 5 }), status: 400, field: 'reserved',
    rule: /not an allowed field/ },
  { name: 'a sku of 65 characters', sku: 'S'.repeat(65), body: stock({}), status: 400,
    field: 'sku', rule: /1 to 64 printable/ },
  { name: 'a control character in the sku', sku: 'A\u0007B', body: stock({}), status: 400,
    field: 'sku', rule: /printable/ },
  { name: 'a text/plain content type', body: stock({}), contentType: 'text/plain', status: 415 },
];

describe('PUT and GET /products/:sku', () => {
  let inventory: RunningService;
  let pool: Pool;

  beforeAll(async () => {
    inventory = await startService('inventory');
    pool = testPool('inventory');
  });

  afterAll(async () => {
    await inventory.stop();
    await pool.end();
  });

  const newSku = () => `SKU-${randomUUID()}`;
  const productUrl = (sku: string) => `${inventory.url}/products/${encodeURIComponent(sku)}`;

  async function putStock(sku: string, body: string, contentType = 'application/json') {
    const response = await fetch(productUrl(sku), {
      method: 'PUT',
      headers: { 'content-type': contentType },
      body,
    });
    const answer = (await response.json()) as Record<string, unknown>;
    return { status: response.status, headers: response.headers, body: answer };
  }

  it('creates a product with its price and available units and reads it back', async () => {
    const sku = newSku();
    const put = await putStock(sku, stock({ priceCents: 1999, available: 40 }));
    const expected = { sku, priceCents: 1999, available: 40, reserved: 0, sold: 0 };
    expect(put).toMatchObject({ status: 200, body: expected });

    const read = await fetch(productUrl(sku));
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual(expected);
    expect(await stockedOf(sku)).toBe(40);
  });

  it('sets a new price and available count on a second PUT, counting stocked anew', async () => {
    const sku = newSku();
    await putStock(sku, stock({ priceCents: 100, available: 5 }));
    const put = await putStock(sku, stock({ priceCents: 250, available: 12 }));

    expect(put.body).toEqual({ sku, priceCents: 250, available: 12, reserved: 0, sold: 0 });
    expect(await stockedOf(sku)).toBe(12);
  });

  it('accepts a sku of 64 printable characters with spaces and slashes', async () => {
    const sku = `A /${randomUUID()}`.padEnd(64, '~');
    const put = await putStock(sku, stock({ priceCents: 0, available: 0 }));
    expect(put.status).toBe(200);
    expect(put.body.sku).toBe(sku);
  });

  it.each(CASES)('answers $status for $name and writes nothing', async (testCase) => {
    const sku = testCase.sku ?? newSku();
    const put = await putStock(sku, testCase.body, testCase.contentType);
    const body = put.body as unknown as ProblemBody;

    expect(put.status).toBe(testCase.status);
    expect(put.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(body).toMatchObject({ status: testCase.status, type: expect.any(String),
      title: expect.any(String), detail: expect.any(String) });
    if (testCase.field) {
      const issue = body.errors?.find((e) => e.field === testCase.field);
      expect(issue).toBeDefined();
      if (testCase.rule) expect(issue!.rule).toMatch(testCase.rule);
      expect(body.detail).toContain(testCase.field);
    }
    expect(await stockedOf(sku)).toBeNull();
  });

  it('answers 404 problem+json for an unknown sku', async () => {
    const response = await fetch(productUrl(newSku()));
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('answers 404 problem+json for an unknown order and a malformed order id', async () => {
    for (const id of [randomUUID(), 'not-a-uuid', "1' or '1'='1"]) {
      const response = await fetch(`${inventory.url}/reservations/${encodeURIComponent(id)}`);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
  });

  async function stockedOf(sku: string): Promise<number | null> {
    const result = await pool.query<{ stocked: number }>(
      'select stocked from products where sku = $1', [sku]);
    return result.rows[0]?.stocked ?? null;
  }
});
