import { randomBytes, randomUUID } from 'node:crypto';
import { Kafka } from 'kafkajs';
import { requestJson } from '../../infra/tasks/load/run-load';
import { endOffsets, ReadMessage, readTopic } from '../../libs/kafka/read-topic';
import { parseTraceparent } from '../../libs/tracing/trace-context';
import { eventually } from '../support/eventually';
import { startFakeCollector } from '../support/fake-otlp-collector';
import { testKafka } from '../support/platform';
import { RunningPlatform, startPlatform } from '../support/platform-services';
import { metricsFindings } from '../support/promtool';

const TOPICS = ['orders.events', 'inventory.events', 'payments.events'];
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** Every label value of a Prometheus text exposition. */
function labelValues(exposition: string): string[] {
  return exposition.split('\n').filter((line) => line && !line.startsWith('#'))
    .flatMap((line) => [...line.matchAll(/\w+="((?:[^"\\]|\\.)*)"/g)].map((match) => match[1]!));
}

/** The value of one series, or undefined when the exposition does not have it. */
function sample(exposition: string, name: string, labels: Record<string, string>) {
  const lines = exposition.split('\n').filter((line) => line.startsWith(`${name}{`));
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  const line = lines.find((candidate) => wanted.every((pair) => candidate.includes(pair)));
  return line === undefined ? undefined : Number(line.split(' ').pop());
}

describe('one order, one trace, and the metrics it leaves', () => {
  let platform: RunningPlatform;
  let kafka: Kafka;
  let collector: Awaited<ReturnType<typeof startFakeCollector>>;
  let ordersPlaced = 0;

  beforeAll(async () => {
    collector = await startFakeCollector();
    platform = await startPlatform({ SAGA_DEADLINE_MS: '60000',
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_BSP_SCHEDULE_DELAY: '200' });
    kafka = testKafka();
  });

  afterAll(async () => {
    await platform?.stop();
    await collector?.stop();
  });

  async function placeConfirmedOrder(traceparent: string) {
    const sku = `SKU-${randomUUID()}`;
    const customerId = `c-${randomUUID()}`;
    const { urls } = platform;
    expect((await requestJson(`${urls.inventory}/products/${sku}`, 'PUT',
      { priceCents: 500, available: 10 })).status).toBe(200);
    expect((await requestJson(`${urls.payments}/wallets/${customerId}`, 'PUT',
      { balanceCents: 10000 })).status).toBe(200);
    const placed = await requestJson(`${urls.orders}/orders`, 'POST',
      { customerId, lines: [{ sku, quantity: 2 }] }, { traceparent });
    expect(placed.status).toBe(202);
    ordersPlaced += 1;
    return placed.body.orderId as string;
  }

  /** The order's events on all three topics, once its last saga step (StockSold) is there. */
  async function eventsOfOrder(from: Map<string, Map<number, string>>, orderId: string) {
    let events: ReadMessage[] = [];
    await eventually(async () => {
      events = [];
      for (const topic of TOPICS) {
        const read = await readTopic(kafka, topic, { fromOffsets: from.get(topic)!,
          timeoutMs: 1500, until: () => false });
        events.push(...read.filter((message) => message.key === orderId));
      }
      expect(events.map((event) => event.headers.eventType)).toContain('StockSold');
    }, 40000);
    return events;
  }

  /** Places an order under a new trace and returns the trace and the order's five events. */
  async function tracedOrder() {
    const traceId = randomBytes(16).toString('hex');
    const requestSpanId = randomBytes(8).toString('hex');
    const from = new Map(await Promise.all(TOPICS.map(async (topic) =>
      [topic, await endOffsets(kafka, topic)] as const)));
    const orderId = await placeConfirmedOrder(`00-${traceId}-${requestSpanId}-01`);
    return { traceId, requestSpanId, events: await eventsOfOrder(from, orderId) };
  }

  it('carries the trace id of the HTTP request on every event, each with its own span',
    async () => {
      const { traceId, requestSpanId, events } = await tracedOrder();

      expect(events.map((event) => event.headers.eventType).sort()).toEqual(['OrderConfirmed',
        'OrderPlaced', 'PaymentCaptured', 'StockReserved', 'StockSold']);
      const traces = events.map((event) => parseTraceparent(event.headers.traceparent));
      expect(traces.map((trace) => trace?.traceId)).toEqual(events.map(() => traceId));
      const spanIds = traces.map((trace) => trace!.spanId);
      expect(new Set(spanIds).size).toBe(events.length);
      expect(spanIds).not.toContain(requestSpanId);
    });

  it('exports the spans of one order to an OTLP collector, as one tree', async () => {
    const { traceId, requestSpanId, events } = await tracedOrder();

    // The order's five events come from the request and four handlings; a fifth handling
    // (orders on StockReserved) emits nothing. Each span's parent is in the tree.
    const spansOf = () => collector.spans.filter((span) => span.traceId === traceId);
    await eventually(async () => expect(spansOf().length).toBeGreaterThanOrEqual(6), 20000);
    const spans = spansOf();
    const ids = new Set([requestSpanId, ...spans.map((span) => span.spanId)]);
    expect(spans.filter((span) => !ids.has(span.parentSpanId ?? ''))).toEqual([]);
    expect(spans.filter((span) => span.parentSpanId === requestSpanId))
      .toEqual([expect.objectContaining({ service: 'orders', name: 'POST /orders' })]);
    expect(new Set(spans.map((span) => span.service)))
      .toEqual(new Set(['orders', 'inventory', 'payments']));
    const eventSpans = events.map((event) => parseTraceparent(event.headers.traceparent)!.spanId);
    expect(eventSpans.filter((spanId) => !ids.has(spanId))).toEqual([]);
  });

  it('starts a new trace for a request without a traceparent, and keeps it to the end',
    async () => {
    const from = new Map(await Promise.all(TOPICS.map(async (topic) =>
      [topic, await endOffsets(kafka, topic)] as const)));
    const orderId = await placeConfirmedOrder('not-a-traceparent');
    const events = await eventsOfOrder(from, orderId);

    const traceIds = new Set(events.map((event) =>
      parseTraceparent(event.headers.traceparent)?.traceId));
    expect(traceIds.size).toBe(1);
    expect([...traceIds][0]).toMatch(/^[0-9a-f]{32}$/);
  });

  describe('after that traffic, each service\'s /metrics', () => {
    const scrape = async (url: string) => (await fetch(`${url}/metrics`)).text();

    beforeAll(async () => {
      const { urls } = platform;
      // A known route with an id, an unknown path with an id, and a 404 problem.
      await requestJson(`${urls.orders}/orders/${randomUUID()}`);
      await requestJson(`${urls.orders}/no-such-route/${randomUUID()}`);
    });

    it('passes promtool check metrics, but for prom-client\'s one known default finding',
      async () => {
      for (const service of [platform.orders, platform.payments, platform.inventory]) {
        const findings = metricsFindings(await scrape(service.url));
        expect({ service: service.name, findings }).toEqual({ service: service.name,
          findings: [] });
      }
    });

    it('has no label value that looks like an id (uuid)', async () => {
      for (const service of [platform.orders, platform.payments, platform.inventory]) {
        const values = labelValues(await scrape(service.url));
        expect(values.length).toBeGreaterThan(10);
        expect({ service: service.name, ids: values.filter((value) => UUID.test(value)) })
          .toEqual({ service: service.name, ids: [] });
      }
    });

    it('labels HTTP requests by route pattern, and unknown paths as unmatched', async () => {
      const orders = await scrape(platform.orders.url);
      const count = 'http_request_duration_seconds_count';
      expect(sample(orders, count, { route: '/orders/:orderId', status: '404' }))
        .toBeGreaterThanOrEqual(1);
      expect(sample(orders, count, { route: '/orders', method: 'POST', status: '202' }))
        .toBeGreaterThanOrEqual(2);
      expect(sample(orders, count, { route: 'unmatched', status: '404' }))
        .toBeGreaterThanOrEqual(1);
    });

    // Only OrderPlaced, written by this suite's HTTP requests, is exact: another member of a
    // group may take some partitions, and a group may work off events older than this suite.
    it('counts events out where the outbox appends them, in every service', async () => {
      const appended = 'outbox_events_appended_total';
      const [orders, payments, inventory] = await Promise.all([platform.orders,
        platform.payments, platform.inventory].map((service) => scrape(service.url)));
      expect(sample(orders!, appended, { event_type: 'OrderPlaced' })).toBe(ordersPlaced);
      const written: [string, string][] = [[orders!, 'OrderConfirmed'],
        [inventory!, 'StockReserved'], [inventory!, 'StockSold'], [payments!, 'PaymentCaptured']];
      for (const [exposition, eventType] of written) {
        const count = sample(exposition, appended, { event_type: eventType });
        expect({ eventType, count }).toEqual({ eventType, count: expect.any(Number) });
        expect(count).toBeGreaterThanOrEqual(1);
      }
    });

    it('counts events in per group, saga outcomes, and orders past their deadline', async () => {
      const orders = await scrape(platform.orders.url);
      const inventory = await scrape(platform.inventory.url);
      expect(sample(inventory, 'consumer_events_handled_total',
        { group: 'inventory.saga', event_type: 'OrderPlaced' })).toBeGreaterThanOrEqual(1);
      expect(sample(orders, 'consumer_handler_duration_seconds_count', { group: 'orders.saga' }))
        .toBeGreaterThanOrEqual(1);
      expect(sample(orders, 'saga_outcomes_total', { status: 'CONFIRMED', reason: 'none' }))
        .toBeGreaterThanOrEqual(1);
      expect(sample(orders, 'saga_duration_seconds_count', { status: 'CONFIRMED' }))
        .toBeGreaterThanOrEqual(1);
      expect(orders).toMatch(/^saga_orders_unsettled_past_deadline \d+$/m);
    });
  });
});
