import { randomUUID } from 'node:crypto';
import { RunningService, startService } from '../support/service-process';

interface ProblemBody {
  status: number;
  errors?: { field: string; rule: string; value: unknown }[];
}

interface Answer {
  status: number;
  contentType: string;
  body: unknown;
}

async function send(url: string, method: string, body?: string, contentType = 'application/json') {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': contentType },
    body,
  });
  const text = await response.text();
  return { status: response.status, contentType: response.headers.get('content-type') ?? '',
    body: text ? JSON.parse(text) : null } as Answer;
}

function expectProblem(answer: Answer, status: number, field?: string, rule?: RegExp) {
  expect(answer.status).toBe(status);
  expect(answer.contentType).toMatch(/^application\/problem\+json/);
  const problem = answer.body as ProblemBody;
  expect(problem.status).toBe(status);
  if (field) {
    expect(problem.errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ field, ...(rule ? { rule: expect.stringMatching(rule) } : {}) }),
    ]));
  }
}

interface BadWallet {
  name: string;
  path?: string;
  body: string;
  contentType?: string;
  status: number;
  field?: string;
  rule?: RegExp;
}

const balance = (balanceCents: unknown) => JSON.stringify({ balanceCents });

const BAD_WALLETS: BadWallet[] = [
  { name: 'a negative balance', body: balance(-1), status: 400, field: 'balanceCents',
    rule: /integer from 0 to 1000000000000/ },
  { name: 'a fractional balance', body: balance(1.5), status: 400, field: 'balanceCents',
    rule: /integer/ },
  { name: 'a balance given as a string', body: balance('100'), status: 400,
    field: 'balanceCents', rule: /integer/ },
  { name: 'a balance over 10^12 cents', body: balance(1_000_000_000_001), status: 400,
    field: 'balanceCents', rule: /integer from 0 to 1000000000000/ },
  { name: 'a missing balance', body: '{}', status: 400, field: 'balanceCents',
    rule: /is required/ },
  { name: 'an extra field', body: JSON.stringify({ balanceCents: 1, currency: 'EUR' }),
    status: 400, field: 'currency', rule: /not an allowed field/ },
  { name: 'a JSON array instead of an object', body: '[]', status: 400, field: '(body)' },
  { name: 'malformed JSON', body: '{"balanceCents": ', status: 400 },
  { name: 'a text/plain content type', body: balance(1), contentType: 'text/plain', status: 415 },
  { name: 'a customer id of 65 characters', path: 'c'.repeat(65), body: balance(1),
    status: 400, field: 'customerId', rule: /1 to 64 printable/ },
  { name: 'a control character in the customer id', path: 'c%07x', body: balance(1),
    status: 400, field: 'customerId', rule: /1 to 64 printable/ },
];

describe('wallets and payments over HTTP', () => {
  let payments: RunningService;

  beforeAll(async () => {
    payments = await startService('payments');
  });

  afterAll(async () => {
    await payments.stop();
  });

  const walletUrl = (customerId: string) =>
    `${payments.url}/wallets/${encodeURIComponent(customerId)}`;

  it('sets a wallet balance with PUT and reads it back with GET', async () => {
    const customerId = `customer-${randomUUID()}`;
    const created = await send(walletUrl(customerId), 'PUT', balance(50000));
    const replaced = await send(walletUrl(customerId), 'PUT', balance(1234));
    const read = await send(walletUrl(customerId), 'GET');

    expect(created).toMatchObject({ status: 200, body: { customerId, balanceCents: 50000 } });
    expect(replaced).toMatchObject({ status: 200, body: { customerId, balanceCents: 1234 } });
    expect(read).toMatchObject({ status: 200, body: { customerId, balanceCents: 1234 } });
  });

  it('accepts any printable customer id, spaces included, and the limits 0 and 10^12', async () => {
    const customerId = `a b/${randomUUID()}`;
    const empty = await send(walletUrl(customerId), 'PUT', balance(0));
    const full = await send(walletUrl(`${customerId}-max`), 'PUT', balance(1_000_000_000_000));

    expect(empty.body).toEqual({ customerId, balanceCents: 0 });
    expect(full.body).toEqual({ customerId: `${customerId}-max`, balanceCents: 1_000_000_000_000 });
  });

  it('answers 404 problem+json for the wallet of an unknown customer', async () => {
    expectProblem(await send(walletUrl(`customer-${randomUUID()}`), 'GET'), 404);
  });

  it.each(BAD_WALLETS)('refuses a PUT with $name and writes nothing', async (bad) => {
    const customerId = bad.path ?? `customer-${randomUUID()}`;
    const url = bad.path ? `${payments.url}/wallets/${bad.path}` : walletUrl(customerId);
    expectProblem(await send(url, 'PUT', bad.body, bad.contentType), bad.status, bad.field,
      bad.rule);
    if (!bad.path) expectProblem(await send(walletUrl(customerId), 'GET'), 404);
  });

  it('refuses a GET of a wallet with an invalid customer id, naming the field', async () => {
    expectProblem(await send(`${payments.url}/wallets/${'c'.repeat(65)}`, 'GET'), 400,
      'customerId', /1 to 64 printable/);
  });

  it('lists no payments for an order payments has not seen', async () => {
    const answer = await send(`${payments.url}/payments?orderId=order-${randomUUID()}`, 'GET');
    expect(answer).toMatchObject({ status: 200, body: [] });
  });

  it.each([
    ['a missing orderId', '', /is required/],
    ['an empty orderId', '?orderId=', /1 to 64 printable/],
    ['an orderId of 65 characters', `?orderId=${'o'.repeat(65)}`, /1 to 64 printable/],
    ['an orderId given twice', '?orderId=a&orderId=b', /string/],
    ['a control character in the orderId', '?orderId=a%07b', /1 to 64 printable/],
  ])('refuses GET /payments with %s, naming the field', async (_name, query, rule) => {
    expectProblem(await send(`${payments.url}/payments${query}`, 'GET'), 400, 'orderId', rule);
  });
});
