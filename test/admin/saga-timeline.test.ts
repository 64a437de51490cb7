import {
  causalTimeline,
  SagaEvent,
  waitingSteps,
} from '../../services/admin/src/domain/saga-timeline';

const event = (eventId: string, eventType: string, topic: string, second: number,
  causationId: string | null, offset = '0'): SagaEvent => ({ eventId, eventType, topic,
  partition: 0, offset, occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, second)), causationId,
  payload: null });

describe('ordering one order\'s events causally', () => {
  it('puts each event after its cause even when its clock says it came first', () => {
    const timeline = causalTimeline([
      event('c', 'PaymentDeclined', 'payments.events', 1, 'b'),
      event('b', 'StockReserved', 'inventory.events', 2, 'a'),
      event('a', 'OrderPlaced', 'orders.events', 3, null),
    ]);
    expect(timeline.map((e) => [e.eventType, e.service, e.causedBy])).toEqual([
      ['OrderPlaced', 'orders', null], ['StockReserved', 'inventory', 'OrderPlaced'],
      ['PaymentDeclined', 'payments', 'StockReserved']]);
  });

  it('shows an event delivered twice once, at its first offset', () => {
    const timeline = causalTimeline([event('a', 'OrderPlaced', 'orders.events', 1, null, '7'),
      event('a', 'OrderPlaced', 'orders.events', 1, null, '9')]);
    expect(timeline.map((e) => e.offset)).toEqual(['7']);
  });
});

describe('the steps a saga waits for', () => {
  const waiting = (...types: string[]) => waitingSteps(new Set(types))
    .map((step) => `${step.service}: ${step.eventTypes.join('|')}`);

  it('follows the happy path one step at a time', () => {
    expect(waiting('OrderPlaced')).toEqual(['inventory: StockReserved|StockRejected']);
    expect(waiting('OrderPlaced', 'StockReserved'))
      .toEqual(['payments: PaymentCaptured|PaymentDeclined']);
    expect(waiting('OrderPlaced', 'StockReserved', 'PaymentCaptured'))
      .toEqual(['orders: OrderConfirmed']);
    expect(waiting('OrderPlaced', 'StockReserved', 'PaymentCaptured', 'OrderConfirmed'))
      .toEqual(['inventory: StockSold']);
    expect(waiting('OrderPlaced', 'StockReserved', 'PaymentCaptured', 'OrderConfirmed',
      'StockSold')).toEqual([]);
  });

  it('waits for every compensation a cancel owes, and nothing a step never took', () => {
    expect(waiting('OrderPlaced', 'StockReserved', 'PaymentCaptured', 'OrderConfirmed',
      'StockSold', 'OrderCancelled')).toEqual(['inventory: StockRestocked',
      'payments: PaymentRefunded']);
    expect(waiting('OrderPlaced', 'OrderCancelled')).toEqual([]);
    expect(waiting('OrderPlaced', 'StockRejected', 'OrderRejected')).toEqual([]);
  });
});
