import http from 'node:http';

export interface OrderRequest {
  customerId: string;
  lines: { sku: string; quantity: number }[];
}

export interface PlacedOrder {
  orderId: string;
  /** When the request left this process (ms since the epoch). */
  sentAtMs: number;
}

export interface OfferResult {
  offeredPerSecond: number;
  startMs: number;
  endMs: number;
  accepted: PlacedOrder[];
  failed: number;
  /** Sends skipped because too many requests were already in flight: the intake fell behind. */
  skipped: number;
  acceptedPerSecond: number;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/**
 * Open loop: sends orders at a fixed rate whatever the answers do, so a slow platform shows up
 * as lag and latency rather than as a lower offered rate.
 */
export async function offerOrdersAtRate(ordersUrl: string, nextOrder: () => OrderRequest,
  ratePerSecond: number, seconds: number, maxInFlight = 400): Promise<OfferResult> {
  const accepted: PlacedOrder[] = [];
  const pending = new Set<Promise<void>>();
  let failed = 0;
  let skipped = 0;
  let due = 0;
  const startMs = Date.now();
  const endMs = startMs + seconds * 1000;
  while (Date.now() < endMs) {
    const shouldHaveSent = Math.floor(((Date.now() - startMs) * ratePerSecond) / 1000);
    for (; due < shouldHaveSent; due += 1) {
      if (pending.size >= maxInFlight) {
        skipped += 1;
        continue;
      }
      const sent = placeOrder(ordersUrl, nextOrder())
        .then((order) => { if (order) accepted.push(order); else failed += 1; })
        .finally(() => pending.delete(sent));
      pending.add(sent);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await Promise.all(pending);
  return { offeredPerSecond: ratePerSecond, startMs, endMs, accepted, failed, skipped,
    acceptedPerSecond: round(accepted.length / seconds) };
}

/** Closed loop: `concurrency` clients each send the next order as soon as one is answered. */
export async function placeOrdersFlatOut(ordersUrl: string, nextOrder: () => OrderRequest,
  concurrency: number, seconds: number): Promise<OfferResult> {
  const accepted: PlacedOrder[] = [];
  let failed = 0;
  const startMs = Date.now();
  const endMs = startMs + seconds * 1000;
  const client = async () => {
    while (Date.now() < endMs) {
      const order = await placeOrder(ordersUrl, nextOrder());
      if (order) accepted.push(order);
      else failed += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  const tookMs = Date.now() - startMs;
  return { offeredPerSecond: 0, startMs, endMs: Date.now(), accepted, failed, skipped: 0,
    acceptedPerSecond: round((accepted.length * 1000) / tookMs) };
}

/** POST /orders; the order id on a 202, null on any other answer or a transport error. */
function placeOrder(ordersUrl: string, order: OrderRequest): Promise<PlacedOrder | null> {
  const body = JSON.stringify(order);
  const sentAtMs = Date.now();
  return new Promise((resolve) => {
    const request = http.request(`${ordersUrl}/orders`, { method: 'POST', agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
    (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        if (response.statusCode !== 202) return resolve(null);
        const { orderId } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        resolve({ orderId, sentAtMs });
      });
      response.on('error', () => resolve(null));
    });
    request.on('error', () => resolve(null));
    request.end(body);
  });
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
