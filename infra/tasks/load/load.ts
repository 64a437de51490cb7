import { parseArgs } from 'node:util';
import { checkInvariants } from './check-invariants';
import { LoadShape, planLoad } from './load-plan';
import { DEFAULT_URLS, placeLoad, seedLoad, ServiceUrls, waitUntilSettled } from './run-load';

export interface LoadResult {
  orders: number;
  placeMs: number;
  settleMs: number;
  ordersPerSecond: number;
  outcomes: Record<string, number>;
  sagaP50Ms: number;
  sagaP99Ms: number;
  invariants: Awaited<ReturnType<typeof checkInvariants>>;
}

/** The main job at volume: seed, place, cancel some, wait until all settle, check invariants. */
export async function runLoad(shape: LoadShape, urls: ServiceUrls, options: {
  concurrency: number; settleTimeoutMs: number; }): Promise<LoadResult> {
  const plan = planLoad(shape);
  await seedLoad(plan, urls);
  const started = Date.now();
  const placed = await placeLoad(plan, urls, options.concurrency);
  const placeMs = Date.now() - started;
  const { settled } = await waitUntilSettled(placed, urls, options.settleTimeoutMs);
  const settleMs = Date.now() - started;

  const outcomes: Record<string, number> = {};
  for (const order of settled) {
    const name = `${order.status}${order.statusReason ? `/${order.statusReason}` : ''}`;
    outcomes[name] = (outcomes[name] ?? 0) + 1;
  }
  const sagaTimes = settled.filter((o) => !o.planned.cancel).map((o) => o.sagaMs)
    .sort((a, b) => a - b);
  return {
    orders: placed.length,
    placeMs,
    settleMs,
    ordersPerSecond: Math.round((settled.length / settleMs) * 1000 * 10) / 10,
    outcomes,
    sagaP50Ms: percentile(sagaTimes, 0.5),
    sagaP99Ms: percentile(sagaTimes, 0.99),
    invariants: await checkInvariants(plan, settled, urls),
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

export function printLoadResult(result: LoadResult): void {
  console.log(`[load] ${result.orders} orders placed in ${result.placeMs} ms, all settled ` +
    `after ${result.settleMs} ms: ${result.ordersPerSecond} orders/s`);
  for (const [outcome, count] of Object.entries(result.outcomes).sort()) {
    console.log(`[load]   ${outcome.padEnd(28)} ${count}`);
  }
  console.log(`[load] saga latency (placed to settled, cancels excluded): ` +
    `p50 ${result.sagaP50Ms} ms, p99 ${result.sagaP99Ms} ms`);
  const { invariants } = result;
  console.log(`[load] invariants over ${invariants.checked.orders} orders, ` +
    `${invariants.checked.skus} skus, ${invariants.checked.customers} customers: ` +
    `${invariants.ok ? 'all hold' : `${invariants.failures.length} broken`}`);
  for (const failure of invariants.failures.slice(0, 20)) console.log(`[load]   ${failure}`);
}

async function main() {
  const { values } = parseArgs({ options: {
    orders: { type: 'string', default: '200' },
    customers: { type: 'string', default: '40' },
    skus: { type: 'string', default: '20' },
    concurrency: { type: 'string', default: '20' },
    seed: { type: 'string', default: String(Date.now() % 100000) },
  } });
  const number = (name: keyof typeof values) => {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value < 1) {
      throw new Error(`--${name} must be a positive integer (got ${JSON.stringify(values[name])})`);
    }
    return value;
  };
  const result = await runLoad({ orders: number('orders'), customers: number('customers'),
    skus: number('skus'), outOfStockRatio: 0.1, shortWalletRatio: 0.1, cancelRatio: 0.1,
    seed: number('seed') }, DEFAULT_URLS,
  { concurrency: number('concurrency'), settleTimeoutMs: 300000 });
  printLoadResult(result);
  if (!result.invariants.ok) process.exit(1);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(`[load] error: ${error.message}`);
    process.exit(2);
  });
}
