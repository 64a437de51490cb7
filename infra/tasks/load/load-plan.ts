import { randomUUID } from 'node:crypto';

/**
 * A load whose every order has an outcome fixed by its own input, so a run with faults can be
 * compared with a fault-free one: out-of-stock skus have no stock at all, short wallets have
 * nothing, other skus and wallets have more than all orders could take, and only orders that
 * would confirm are cancelled by their customer.
 */
export interface LoadShape {
  orders: number;
  customers: number;
  skus: number;
  /** Fractions of skus and customers set up to fail, and of orders cancelled. */
  outOfStockRatio: number;
  shortWalletRatio: number;
  cancelRatio: number;
  seed: number;
}

export type ExpectedOutcome =
  | { status: 'CONFIRMED'; statusReason: null }
  | { status: 'REJECTED'; statusReason: 'out_of_stock' }
  | { status: 'CANCELLED'; statusReason: 'payment_declined' | 'customer' };

export interface PlannedOrder {
  ref: number;
  customerId: string;
  lines: { sku: string; quantity: number }[];
  cancel: boolean;
  amountCents: number;
  expected: ExpectedOutcome;
}

export interface LoadPlan {
  runId: string;
  products: { sku: string; priceCents: number; available: number }[];
  wallets: { customerId: string; balanceCents: number }[];
  orders: PlannedOrder[];
}

const PLENTY = 1_000_000;
const RICH_WALLET_CENTS = 1_000_000_000;

export function planLoad(shape: LoadShape): LoadPlan {
  const random = seededRandom(shape.seed);
  const runId = randomUUID().slice(0, 8);
  const products = Array.from({ length: shape.skus }, (_, i) => ({
    sku: `LOAD-${runId}-SKU-${i}`,
    priceCents: 100 + Math.floor(random() * 9900),
    available: i < Math.round(shape.skus * shape.outOfStockRatio) ? 0 : PLENTY,
  }));
  const wallets = Array.from({ length: shape.customers }, (_, i) => ({
    customerId: `load-${runId}-c-${i}`,
    balanceCents: i < Math.round(shape.customers * shape.shortWalletRatio) ? 0 : RICH_WALLET_CENTS,
  }));
  const orders = Array.from({ length: shape.orders }, (_, ref) =>
    planOrder(ref, products, wallets, shape.cancelRatio, random));
  return { runId, products, wallets, orders };
}

function planOrder(
  ref: number,
  products: LoadPlan['products'],
  wallets: LoadPlan['wallets'],
  cancelRatio: number,
  random: () => number,
): PlannedOrder {
  const wallet = wallets[Math.floor(random() * wallets.length)]!;
  const lineCount = 1 + Math.floor(random() * Math.min(3, products.length));
  const picked = new Set<number>();
  while (picked.size < lineCount) picked.add(Math.floor(random() * products.length));
  const lines = [...picked].map((index) => ({ sku: products[index]!.sku,
    quantity: 1 + Math.floor(random() * 3) }));
  const amountCents = lines.reduce((sum, line) =>
    sum + line.quantity * products.find((p) => p.sku === line.sku)!.priceCents, 0);
  const outOfStock = lines.some((line) =>
    products.find((p) => p.sku === line.sku)!.available === 0);
  const short = wallet.balanceCents < amountCents;
  const cancel = !outOfStock && !short && random() < cancelRatio;
  const expected: ExpectedOutcome = outOfStock
    ? { status: 'REJECTED', statusReason: 'out_of_stock' }
    : short ? { status: 'CANCELLED', statusReason: 'payment_declined' }
      : cancel ? { status: 'CANCELLED', statusReason: 'customer' }
        : { status: 'CONFIRMED', statusReason: null };
  return { ref, customerId: wallet.customerId, lines, cancel, amountCents, expected };
}

/** Deterministic numbers from a seed (mulberry32), so a plan can be rebuilt exactly. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
