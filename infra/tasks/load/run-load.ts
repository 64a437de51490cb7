import { LoadPlan, PlannedOrder } from './load-plan';

export interface ServiceUrls {
  orders: string;
  payments: string;
  inventory: string;
}

export const DEFAULT_URLS: ServiceUrls = {
  orders: process.env.ORDERS_URL ?? 'http://127.0.0.1:3001',
  payments: process.env.PAYMENTS_URL ?? 'http://127.0.0.1:3002',
  inventory: process.env.INVENTORY_URL ?? 'http://127.0.0.1:3003',
};

export interface PlacedOrder {
  planned: PlannedOrder;
  orderId: string;
}

export interface SettledOrder extends PlacedOrder {
  status: string;
  statusReason: string | null;
  totalCents: number | null;
  sagaMs: number;
}

export async function requestJson(url: string, method = 'GET', body?: unknown,
  headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

const RETRY_FOR_MS = 120000;

/**
 * Sends a request until it gets a wanted status. A refused connection or a 503 means the
 * service is restarting: the request is sent again (with its Idempotency-Key, if any).
 */
async function expectStatus(url: string, method: string, body: unknown, wanted: number[],
  headers: Record<string, string> = {}) {
  const deadline = Date.now() + RETRY_FOR_MS;
  for (;;) {
    let answer: { status: number; body: unknown } | null = null;
    try {
      answer = await requestJson(url, method, body, headers);
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    if (answer && wanted.includes(answer.status)) return answer.body as Record<string, string>;
    if (answer && ![503, 409].includes(answer.status)) {
      throw new Error(`${method} ${url} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    }
    if (Date.now() > deadline) throw new Error(`${method} ${url} kept failing`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Runs `task` over `items` with at most `concurrency` in flight. */
export async function forEachConcurrently<T>(items: T[], concurrency: number,
  task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

export async function seedLoad(plan: LoadPlan, urls: ServiceUrls): Promise<void> {
  await forEachConcurrently(plan.products, 10, async (product) => {
    await expectStatus(`${urls.inventory}/products/${encodeURIComponent(product.sku)}`, 'PUT',
      { priceCents: product.priceCents, available: product.available }, [200]);
  });
  await forEachConcurrently(plan.wallets, 10, async (wallet) => {
    await expectStatus(`${urls.payments}/wallets/${encodeURIComponent(wallet.customerId)}`, 'PUT',
      { balanceCents: wallet.balanceCents }, [200]);
  });
}

/**
 * Places every order (each with its own Idempotency-Key, so a retry after a failure cannot
 * place it twice), then sends the planned cancels while the sagas are under way.
 */
export async function placeLoad(plan: LoadPlan, urls: ServiceUrls, concurrency: number,
  onPlaced: (count: number) => void = () => undefined) {
  const placed: PlacedOrder[] = [];
  await forEachConcurrently(plan.orders, concurrency, async (planned) => {
    const body = await expectStatus(`${urls.orders}/orders`, 'POST',
      { customerId: planned.customerId, lines: planned.lines }, [202],
      { 'idempotency-key': `${plan.runId}-${planned.ref}` });
    placed.push({ planned, orderId: body.orderId! });
    onPlaced(placed.length);
  });
  const cancels = placed.filter((order) => order.planned.cancel);
  await forEachConcurrently(cancels, concurrency, async (order) => {
    await expectStatus(`${urls.orders}/orders/${order.orderId}/cancel`, 'POST', {}, [202]);
  });
  return placed;
}

const SETTLED = new Set(['CONFIRMED', 'REJECTED', 'CANCELLED']);

/** Polls the unsettled orders until every one is settled or the time is up. */
export async function waitUntilSettled(placed: PlacedOrder[], urls: ServiceUrls,
  timeoutMs: number): Promise<{ settled: SettledOrder[]; unsettled: PlacedOrder[] }> {
  const settled = new Map<string, SettledOrder>();
  const deadline = Date.now() + timeoutMs;
  while (settled.size < placed.length && Date.now() < deadline) {
    const open = placed.filter((order) => !settled.has(order.orderId));
    await forEachConcurrently(open, 20, async (order) => {
      // While the orders service restarts, its orders are read again on the next round.
      const answer = await requestJson(`${urls.orders}/orders/${order.orderId}`).catch(() => null);
      const body = answer?.body;
      if (!SETTLED.has(body?.status)) return;
      settled.set(order.orderId, { ...order, status: body.status, statusReason: body.statusReason,
        totalCents: body.totalCents,
        sagaMs: Date.parse(body.updatedAt) - Date.parse(body.createdAt) });
    });
    if (settled.size < placed.length) await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { settled: [...settled.values()],
    unsettled: placed.filter((order) => !settled.has(order.orderId)) };
}
