import { Command } from 'commander';
import { apiPath } from '../admin-client';
import { Saga } from '../api-types';
import { contextOf } from '../cli-context';
import { Output } from '../output';
import { table } from '../render/table';

/**
 * The events that undo an earlier step, and the step each undoes. The API names each event's
 * outcome but not whether it compensates, so the CLI keeps this short list itself.
 */
const COMPENSATES: Record<string, string> = {
  StockReleased: 'StockReserved',
  StockRestocked: 'StockSold',
  PaymentRefunded: 'PaymentCaptured',
};

export function sagaCommand(out: Output): Command {
  return new Command('saga')
    .summary('One order\'s events in causal order, and what it waits for')
    .description('One order\'s saga: every event across the services in causal order, with ' +
      'time, service, outcome and the compensations, and the steps it still waits for')
    .argument('<ORDER_ID>', 'the order id')
    .addHelpText('after', '\nWith --json, the body of GET /orders/{orderId}/saga as it is.')
    .action(async (orderId: string, _options, command) => {
      const { client, json } = contextOf(command);
      const answer = await client.get<Saga>(apiPath`/orders/${orderId}/saga`);
      if (json) return out.json(answer.text);
      const saga = answer.body;
      out.line(orderHeading(saga));
      const waiting = saga.waitingFor.map((w) => ['(waiting)', w.service,
        w.eventTypes.join(' or '), `to ${w.step}`, null, null]);
      out.line(table(['TIME', 'SERVICE', 'EVENT', 'OUTCOME', 'CAUSED BY', 'COMPENSATES'], [
        ...saga.events.map((e) => [e.occurredAt, e.service, e.eventType, e.outcome, e.causedBy,
          COMPENSATES[e.eventType]]), ...waiting]));
      if (waiting.length === 0) out.line('waiting for: nothing');
    });
}

function orderHeading(saga: Saga): string {
  const order = saga.order;
  if (!order) {
    return `order ${saga.orderId}: the orders service has no such order or did not answer`;
  }
  const reason = order.statusReason ? ` (${String(order.statusReason)})` : '';
  return `order ${saga.orderId}  ${String(order.status)}${reason}  customer ` +
    `${String(order.customerId)}  total ${String(order.totalCents)} cents  placed ` +
    `${String(order.createdAt)}`;
}
