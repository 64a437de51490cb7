import { HandlerContext } from '../../../../libs/consumer/event-consumer';
import { ValidationError } from '../../../../libs/errors/platform-error';
import {
  decideReservation,
  orderLineIssues,
  ReservationDecision,
  ReserveOutcome,
} from '../domain/reserve-stock';
import { StockLine } from '../domain/reservation';
import { stockDeltas } from '../domain/stock-move';
import { insertReservation } from '../db/insert-reservation';
import { lockOrder } from '../db/lock-order';
import { lockProducts } from '../db/lock-products';
import { lockReservation } from '../db/find-reservation';
import { moveStock } from '../db/move-stock';

interface OrderPlacedPayload {
  orderId: string;
  customerId: string;
  lines: StockLine[];
  placedAt: Date;
}

type Context = HandlerContext<OrderPlacedPayload>;

/**
 * OrderPlaced: reserves every line of the order or none. The reservation row (RESERVED or
 * REJECTED) is written either way, so a redelivery or a replay decides nothing a second time.
 */
export async function reserveStock(ctx: Context): Promise<ReserveOutcome> {
  const { client, event } = ctx;
  const { orderId } = event.payload;
  const lines = event.payload.lines.map((line) => ({ sku: line.sku, quantity: line.quantity }));
  const issues = orderLineIssues(lines);
  if (issues.length > 0) throw new ValidationError(issues, { orderId, eventType: 'OrderPlaced' });

  await lockOrder(client, orderId);
  if (await lockReservation(client, orderId)) return 'already_decided';

  const products = await lockProducts(client, lines.map((line) => line.sku));
  const decision = decideReservation(lines, products);

  if (decision.outcome === 'reserved') await recordReservation(ctx, decision);
  else await recordRejection(ctx, decision);
  return decision.outcome;
}

async function recordReservation(
  ctx: Context,
  decision: Extract<ReservationDecision, { outcome: 'reserved' }>,
): Promise<void> {
  const { orderId, customerId } = ctx.event.payload;
  await moveStock(ctx.client, stockDeltas('reserve', decision.lines));
  await insertReservation(ctx.client, { orderId, customerId, status: 'RESERVED',
    amountCents: decision.amountCents }, decision.lines);
  await ctx.emit('StockReserved', { orderId, customerId, lines: decision.lines,
    amountCents: decision.amountCents });
  ctx.log.info({ orderId, amountCents: decision.amountCents }, 'stock reserved');
}

async function recordRejection(
  ctx: Context,
  decision: Extract<ReservationDecision, { outcome: 'rejected' }>,
): Promise<void> {
  const { orderId, customerId } = ctx.event.payload;
  await insertReservation(ctx.client, { orderId, customerId, status: 'REJECTED',
    amountCents: null });
  await ctx.emit('StockRejected', { orderId, shortLines: decision.shortLines });
  ctx.log.info({ orderId, shortSkus: decision.shortLines.length }, 'stock rejected');
}
