// #/saga/<orderId>: one order's saga as a timeline, every event of the order on every topic
// in causal order, with the service that published it, its time and outcome; compensations
// and the steps that turn the saga back look different, and the end says what it waits for.

import { getJson } from './api.js';
import {
  badge, facts, fill, formatTime, h, refreshButton, viewHref, viewLink,
} from './dom.js';

export const title = 'Saga of an order';

/**
 * What a step does to the saga. The API names each event's service and outcome but not this,
 * so it follows from the event type: compensations undo an earlier step, setbacks turn the
 * saga from its happy path.
 */
const KINDS = {
  StockReleased: 'compensation',
  StockRestocked: 'compensation',
  PaymentRefunded: 'compensation',
  StockRejected: 'setback',
  PaymentDeclined: 'setback',
  OrderRejected: 'setback',
  OrderCancelled: 'setback',
};

const KIND_LABELS = { compensation: 'compensation', setback: 'turns back' };

export async function render(ctx) {
  const [orderId] = ctx.params;
  const timeline = h('div', { testid: 'saga' });
  fill(ctx.root,
    h('div', { className: 'heading' }, h('h1', {}, 'Saga of an order'),
      orderId === undefined ? null : refreshButton(ctx)),
    orderForm(ctx, orderId ?? ''),
    timeline);
  if (orderId === undefined) {
    fill(timeline, h('p', { className: 'muted' }, 'Enter an order id (the key of its events) ' +
      'to see every event of its saga, across the orders, inventory and payments topics.'));
    return;
  }
  fill(timeline, h('p', { className: 'muted' }, 'Reading the topics…'));
  let saga;
  try {
    saga = await getJson(['orders', orderId, 'saga']);
  } catch (error) {
    fill(timeline, ctx.problem(error));
    return;
  }
  fill(timeline, orderFacts(saga), timelineList(saga));
}

function orderForm(ctx, value) {
  const input = h('input', { testid: 'saga-order-id', attrs: { type: 'text', required: true,
    placeholder: 'order id', 'aria-label': 'Order id', spellcheck: 'false', size: 40 } });
  input.value = value;
  const form = h('form', { className: 'filters', testid: 'saga-form' },
    h('label', {}, 'Order', input),
    h('button', { attrs: { type: 'submit' }, testid: 'saga-submit' }, 'Show'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const id = input.value.trim();
    if (id) ctx.navigate(viewHref('saga', id));
  });
  return form;
}

function orderFacts(saga) {
  const { order } = saga;
  if (!order) {
    return h('p', { className: 'message warning', testid: 'saga-no-order' },
      'The orders service does not know this order or did not answer; the events below are ' +
      'what the topics hold for its key.');
  }
  return facts([
    ['Order', h('code', {}, saga.orderId)],
    ['Status', h('span', { testid: 'saga-order-status' }, badge(order.status,
      order.status === 'CONFIRMED' ? 'good' : /REJECTED|CANCELLED/.test(order.status) ? 'bad'
        : 'neutral'), order.statusReason ? ` ${order.statusReason}` : '')],
    ['Customer', order.customerId ?? '—'],
    ['Total', order.totalCents === undefined ? '—' : `${(order.totalCents / 100).toFixed(2)}`],
    ['Placed', formatTime(order.createdAt)],
    ['Last change', formatTime(order.updatedAt)],
  ], 'saga-order');
}

function timelineList(saga) {
  const start = saga.events.length > 0 ? Date.parse(saga.events[0].occurredAt) : 0;
  return h('ol', { className: 'timeline', testid: 'saga-timeline' },
    saga.events.map((event) => stepItem(event, start)),
    saga.waitingFor.length === 0
      ? h('li', { className: 'step done', testid: 'saga-complete' },
        h('div', { className: 'when' }, ''),
        h('div', { className: 'what' }, h('strong', {}, 'Complete'),
          ' — no step is owed any more.'))
      : saga.waitingFor.map(waitingItem));
}

function stepItem(event, start) {
  const kind = KINDS[event.eventType] ?? 'forward';
  const elapsed = Date.parse(event.occurredAt) - start;
  return h('li', { className: `step ${kind}`, testid: 'saga-step', data: {
    eventType: event.eventType, service: event.service, kind, eventId: event.eventId } },
  h('div', { className: 'when' },
    h('time', { testid: 'saga-time', attrs: { datetime: event.occurredAt } },
      formatTime(event.occurredAt)),
    h('span', { className: 'muted' }, elapsed > 0 ? `+${(elapsed / 1000).toFixed(3)} s` : '')),
  h('div', { className: 'what' },
    h('span', { className: `service service-${event.service}`, testid: 'saga-service' },
      event.service),
    h('strong', { testid: 'saga-event-type' }, event.eventType),
    h('span', { className: 'outcome', testid: 'saga-outcome' }, event.outcome),
    KIND_LABELS[kind] ? badge(KIND_LABELS[kind], kind) : null,
    h('div', { className: 'small muted' },
      event.causedBy ? `caused by ${event.causedBy} · ` : '',
      viewLink(`${event.topic} partition ${event.partition} offset ${event.offset}`,
        ['topics', event.topic, { partition: event.partition, offset: event.offset,
          limit: 1 }]))));
}

function waitingItem(step) {
  return h('li', { className: 'step waiting', testid: 'saga-waiting',
    data: { service: step.service, eventTypes: step.eventTypes.join(' ') } },
  h('div', { className: 'when' }, 'now'),
  h('div', { className: 'what' },
    h('span', { className: `service service-${step.service}` }, step.service),
    h('strong', {}, `waiting to ${step.step}`),
    h('span', { className: 'muted' }, ` (${step.eventTypes.join(' or ')})`)));
}
