import { LoadPlan } from './load-plan';
import { forEachConcurrently, requestJson, ServiceUrls, SettledOrder } from './run-load';

export interface InvariantReport {
  ok: boolean;
  failures: string[];
  checked: { orders: number; skus: number; customers: number; payments: number };
}

interface Payment {
  orderId: string;
  customerId: string | null;
  amountCents: number;
  status: string;
  refundedCents: number;
}

/** How long the steps after an order settles may take before the checks call them missing. */
const DOWNSTREAM_SETTLE_MS = 30000;

/**
 * The invariants of the design, checked through the services' own APIs after a load:
 * outcomes as planned, stock conserved and nothing left reserved, money conserved, and no
 * order charged twice. An order settles in orders first; inventory's sale or release and
 * payments' refund follow it through Kafka, so the stock and money checks are read again
 * until they hold or `settleMs` has passed, and the last reading's failures are reported.
 */
export async function checkInvariants(plan: LoadPlan, settled: SettledOrder[],
  urls: ServiceUrls, settleMs = DOWNSTREAM_SETTLE_MS): Promise<InvariantReport> {
  const failures: string[] = [];
  for (const order of settled) {
    const { expected } = order.planned;
    if (order.status !== expected.status || order.statusReason !== expected.statusReason) {
      failures.push(`order ${order.orderId}: ${order.status}/${order.statusReason}, ` +
        `planned ${expected.status}/${expected.statusReason}`);
    }
  }
  if (settled.length < plan.orders.length) {
    failures.push(`${plan.orders.length - settled.length} orders did not settle`);
  }
  const deadline = Date.now() + settleMs;
  for (;;) {
    const downstream: string[] = [];
    const payments = await readPayments(settled, urls, downstream);
    await checkStock(plan, settled, urls, downstream);
    await checkMoney(plan, payments, urls, downstream);
    if (downstream.length === 0 || Date.now() >= deadline) {
      failures.push(...downstream);
      return { ok: failures.length === 0, failures,
        checked: { orders: settled.length, skus: plan.products.length,
          customers: plan.wallets.length, payments: payments.length } };
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function readPayments(settled: SettledOrder[], urls: ServiceUrls, failures: string[]) {
  const payments: Payment[] = [];
  await forEachConcurrently(settled, 20, async (order) => {
    const { body } = await requestJson(`${urls.payments}/payments?orderId=${order.orderId}`);
    const found = (body ?? []) as Payment[];
    if (found.length > 1) failures.push(`order ${order.orderId} has ${found.length} payments`);
    const captured = found.filter((p) => p.status === 'CAPTURED' || p.status === 'REFUNDED');
    if (order.status === 'CONFIRMED' &&
      !(captured.length === 1 && captured[0]!.amountCents === order.planned.amountCents &&
        captured[0]!.status === 'CAPTURED')) {
      failures.push(`confirmed order ${order.orderId} has no capture of its amount`);
    }
    if (order.status !== 'CONFIRMED' && found.some((p) => p.status === 'CAPTURED')) {
      failures.push(`${order.status} order ${order.orderId} is still charged`);
    }
    payments.push(...found);
  });
  return payments;
}

async function checkStock(plan: LoadPlan, settled: SettledOrder[], urls: ServiceUrls,
  failures: string[]) {
  const soldPerSku = new Map<string, number>();
  for (const order of settled.filter((o) => o.status === 'CONFIRMED')) {
    for (const line of order.planned.lines) {
      soldPerSku.set(line.sku, (soldPerSku.get(line.sku) ?? 0) + line.quantity);
    }
  }
  await forEachConcurrently(plan.products, 10, async (product) => {
    const sku = encodeURIComponent(product.sku);
    const { body } = await requestJson(`${urls.inventory}/products/${sku}`);
    const total = body.available + body.reserved + body.sold;
    if (total !== product.available) {
      failures.push(`sku ${product.sku}: available+reserved+sold = ${total}, ` +
        `stocked ${product.available}`);
    }
    if (body.available < 0) failures.push(`sku ${product.sku}: available ${body.available} < 0`);
    if (body.reserved !== 0) failures.push(`sku ${product.sku}: ${body.reserved} still reserved`);
    const sold = soldPerSku.get(product.sku) ?? 0;
    if (body.sold !== sold) {
      failures.push(`sku ${product.sku}: sold ${body.sold}, expected ${sold}`);
    }
  });
}

async function checkMoney(plan: LoadPlan, payments: Payment[], urls: ServiceUrls,
  failures: string[]) {
  await forEachConcurrently(plan.wallets, 10, async (wallet) => {
    const customer = encodeURIComponent(wallet.customerId);
    const { body } = await requestJson(`${urls.payments}/wallets/${customer}`);
    const mine = payments.filter((p) => p.customerId === wallet.customerId);
    const captured = mine.filter((p) => p.status === 'CAPTURED' || p.status === 'REFUNDED')
      .reduce((sum, p) => sum + p.amountCents, 0);
    const refunded = mine.reduce((sum, p) => sum + (p.refundedCents ?? 0), 0);
    if (body.balanceCents + captured - refunded !== wallet.balanceCents) {
      failures.push(`customer ${wallet.customerId}: balance ${body.balanceCents} + captured ` +
        `${captured} - refunded ${refunded} != funded ${wallet.balanceCents}`);
    }
  });
}
