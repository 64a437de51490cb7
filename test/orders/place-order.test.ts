import { randomUUID } from 'node:crypto';
import { Kafka } from 'kafkajs';
import { Pool } from 'pg';
import { endOffsets, readTopic } from '../../libs/kafka/read-topic';
import { freshCodec, postJson, testKafka, testPool } from '../support/platform';
import { RunningService, startService } from '../support/service-process';

describe('POST /orders', () => {
  let orders: RunningService;
  let kafka: Kafka;
  let pool: Pool;

  beforeAll(async () => {
    orders = await startService('orders');
    kafka = testKafka();
    pool = testPool('orders');
  });

  afterAll(async () => {
    await orders.stop();
    await pool.end();
  });

  const request = () => ({
    customerId: `c-${randomUUID()}`,
    lines: [{ sku: 'TSHIRT-M', quantity: 2 }, { sku: 'MUG', quantity: 1 }],
  });

  it('answers 202 with a pending order that GET returns in the contract shape', async () => {
    const body = request();
    const placed = await postJson(`${orders.url}/orders`, body);
    expect(placed.status).toBe(202);
    expect(placed.body).toEqual({ orderId: expect.any(String), status: 'PENDING' });
    expect(placed.headers.get('location')).toBe(`/orders/${placed.body.orderId}`);

    const read = await fetch(`${orders.url}/orders/${placed.body.orderId}`);
    const order = (await read.json()) as { createdAt: string };
    expect(order).toEqual({
      orderId: placed.body.orderId,
      customerId: body.customerId,
      status: 'PENDING',
      statusReason: null,
      lines: body.lines,
      totalCents: null,
      createdAt: expect.stringMatching(/Z$/),
      updatedAt: order.createdAt,
    });
  });

  it('publishes OrderPlaced with the trace of the request', async () => {
    const from = await endOffsets(kafka, 'orders.events');
    const traceId = randomUUID().replace(/-/g, '');
    const body = request();
    const placed = await postJson(`${orders.url}/orders`, body, {
      traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
    });
    const [message] = await readTopic(kafka, 'orders.events', {
      fromOffsets: from,
      until: (read) => read.some((m) => m.key === placed.body.orderId),
      timeoutMs: 20000,
    }).then((read) => read.filter((m) => m.key === placed.body.orderId));

    expect(message!.headers.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    const decoded = await freshCodec().decode(message!.value);
    expect(decoded.payload).toMatchObject({ orderId: placed.body.orderId, ...body });
  });

  it('returns the same order for a retried Idempotency-Key and 422 for another body', async () => {
    const key = randomUUID();
    const body = request();
    const first = await postJson(`${orders.url}/orders`, body, { 'idempotency-key': key });
    const retry = await postJson(`${orders.url}/orders`, body, { 'idempotency-key': key });
    const other = await postJson(`${orders.url}/orders`, request(), { 'idempotency-key': key });

    expect(first.status).toBe(202);
    expect(retry.status).toBe(202);
    expect(retry.body.orderId).toBe(first.body.orderId);
    expect(other.status).toBe(422);
    const placed = await pool.query('select count(*)::int as n from orders where customer_id = $1',
      [body.customerId]);
    expect(placed.rows[0].n).toBe(1);
  });

  it('answers 409 while a request with the same Idempotency-Key is in flight', async () => {
    const key = randomUUID();
    const holder = await pool.connect();
    try {
      // Stands in for the first request's open transaction, which holds this lock.
      await holder.query('begin');
      await holder.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [key]);
      const second = await postJson(`${orders.url}/orders`, request(), { 'idempotency-key': key });
      expect(second.status).toBe(409);
      expect(second.headers.get('content-type')).toMatch(/problem\+json/);
    } finally {
      await holder.query('rollback');
      holder.release();
    }
    const after = await postJson(`${orders.url}/orders`, request(), { 'idempotency-key': key });
    expect(after.status).toBe(202);
  });

  it('publishes all of 500 orders placed concurrently, each once', async () => {
    const from = await endOffsets(kafka, 'orders.events');
    const orderIds = new Set<string>();
    const reading = readTopic(kafka, 'orders.events', {
      fromOffsets: from,
      until: (read) => orderIds.size === 500 &&
        read.filter((m) => orderIds.has(m.key ?? '')).length >= 500,
      timeoutMs: 60000,
    });
    const started = Date.now();
    await runConcurrently(500, 25, async () => {
      const placed = await postJson(`${orders.url}/orders`, request());
      expect(placed.status).toBe(202);
      orderIds.add(placed.body.orderId);
    });
    const intakeMs = Date.now() - started;
    const messages = (await reading).filter((m) => orderIds.has(m.key ?? ''));

    expect(messages).toHaveLength(500);
    expect(new Set(messages.map((m) => m.key)).size).toBe(500);
    const delays = messages.map((m) => m.receivedAt - m.timestamp).sort((a, b) => a - b);
    console.log(`500 orders: intake ${intakeMs} ms (${Math.round(500000 / intakeMs)} orders/s); ` +
      `occurred-at to consumer p50 ${percentile(delays, 0.5)} ms, ` +
      `p99 ${percentile(delays, 0.99)} ms`);
  });
});

async function runConcurrently(total: number, concurrency: number, task: () => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < total) {
      next += 1;
      await task();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}
