import { PoolClient } from 'pg';
import { onCommit } from '../../../../libs/db/pool';
import { counter, histogram } from '../../../../libs/metrics/metrics-registry';
import { EventType } from '../../../../libs/schemas/event-catalog';
import { Order } from '../domain/order';
import { Decision, isSettled } from '../domain/order-transitions';
import { updateOrderStatus } from './update-order-status';

export type Emit = (eventType: EventType, payload: object) => Promise<string>;

const sagaOutcomes = counter('saga_outcomes_total', 'Orders settled, by status and reason',
  ['status', 'reason']);
const sagaDuration = histogram('saga_duration_seconds', 'Time from order placed to settled',
  ['status'], [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300]);

/** Writes a decision's status change and its event in the caller's transaction. */
export async function applyOrderDecision(
  client: PoolClient,
  order: Order,
  decision: Decision,
  emit: Emit,
  now: Date,
): Promise<string> {
  if (decision.kind === 'no_op') return decision.outcome;
  await updateOrderStatus(client, order.orderId, decision, now);
  if (decision.event) await emit(decision.event.eventType, decision.event.payload);
  if (isSettled(decision.status)) {
    const settledAfterSeconds = (now.getTime() - order.createdAt.getTime()) / 1000;
    onCommit(client, () => {
      sagaOutcomes.inc({ status: decision.status, reason: decision.statusReason ?? 'none' });
      sagaDuration.observe({ status: decision.status }, settledAfterSeconds);
    });
  }
  return decision.outcome;
}
