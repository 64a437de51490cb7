import { decideCancellation } from '../../services/inventory/src/domain/cancel-reservation';
import { Product } from '../../services/inventory/src/domain/product';
import { decideRelease } from '../../services/inventory/src/domain/release-stock';
import {
  decideReservation,
  orderLineIssues,
} from '../../services/inventory/src/domain/reserve-stock';
import { Reservation, ReservationStatus } from '../../services/inventory/src/domain/reservation';
import { decideSale } from '../../services/inventory/src/domain/sell-stock';
import { StockMove, stockDeltas } from '../../services/inventory/src/domain/stock-move';

const product = (sku: string, priceCents: number, available: number): Product =>
  ({ sku, priceCents, available, reserved: 0, sold: 0 });

const catalog = (...products: Product[]) => new Map(products.map((p) => [p.sku, p]));

const reservation = (status: ReservationStatus): Reservation => ({
  orderId: 'order-1',
  customerId: 'c-1',
  status,
  amountCents: 2500,
  lines: [{ sku: 'A', quantity: 2, unitPriceCents: 1000 }, { sku: 'B', quantity: 1,
    unitPriceCents: 500 }],
  createdAt: new Date(0),
  updatedAt: new Date(0),
});

const ALL_STATUSES: ReservationStatus[] = ['RESERVED', 'REJECTED', 'RELEASED', 'SOLD',
  'RESTOCKED', 'CANCELLED_BEFORE_RESERVATION'];
const UNPRICED_LINES = [{ sku: 'A', quantity: 2 }, { sku: 'B', quantity: 1 }];

/** Every reservation state but RESERVED, and no reservation at all. */
const NOT_RESERVED: [string, Reservation | null][] = [
  ...ALL_STATUSES.filter((s) => s !== 'RESERVED').map((s): [string, Reservation] =>
    [s, reservation(s)]),
  ['no reservation', null],
];

describe('deciding a reservation', () => {
  it('reserves every line at the current prices and sums the amount', () => {
    const decision = decideReservation([{ sku: 'A', quantity: 3 }, { sku: 'B', quantity: 2 }],
      catalog(product('A', 1999, 3), product('B', 250, 10)));

    expect(decision).toEqual({
      outcome: 'reserved',
      lines: [{ sku: 'A', quantity: 3, unitPriceCents: 1999 },
        { sku: 'B', quantity: 2, unitPriceCents: 250 }],
      amountCents: 3 * 1999 + 2 * 250,
    });
  });

  it('rejects the whole order and lists every short line, an unknown sku as 0 available', () => {
    const decision = decideReservation(
      [{ sku: 'A', quantity: 1 }, { sku: 'B', quantity: 5 }, { sku: 'GONE', quantity: 1 }],
      catalog(product('A', 100, 10), product('B', 100, 4)));

    expect(decision).toEqual({
      outcome: 'rejected',
      shortLines: [{ sku: 'B', requested: 5, available: 4 },
        { sku: 'GONE', requested: 1, available: 0 }],
    });
  });

  it('reserves a line that takes the last available unit', () => {
    const decision = decideReservation([{ sku: 'A', quantity: 4 }], catalog(product('A', 0, 4)));
    expect(decision).toEqual({ outcome: 'reserved',
      lines: [{ sku: 'A', quantity: 4, unitPriceCents: 0 }], amountCents: 0 });
  });

  it('finds no issue in order lines that follow the intake rules', () => {
    expect(orderLineIssues([{ sku: 'A', quantity: 1 }, { sku: 'B', quantity: 10000 }]))
      .toEqual([]);
  });

  it('names the field of a quantity below 1, a repeated sku and an empty order', () => {
    expect(orderLineIssues([{ sku: 'A', quantity: 0 }, { sku: 'A', quantity: 2 }])).toEqual([
      { field: 'lines[0].quantity', rule: 'must be an integer from 1 to 10000', value: 0 },
      { field: 'lines[1].sku', rule: 'must not repeat a sku of an earlier line', value: 'A' },
    ]);
    expect(orderLineIssues([])).toEqual([
      { field: 'lines', rule: 'must have 1 to 100 order lines', value: 0 },
    ]);
  });
});

describe('deciding a release on PaymentDeclined', () => {
  it('releases the lines of a RESERVED reservation', () => {
    expect(decideRelease(reservation('RESERVED')))
      .toEqual({ outcome: 'released', lines: UNPRICED_LINES });
  });

  it.each(NOT_RESERVED)('records nothing to release for %s', (_label, existing) => {
    expect(decideRelease(existing)).toEqual({ outcome: 'nothing_to_release' });
  });
});

describe('deciding what OrderCancelled gives back', () => {
  it('releases reserved stock', () => {
    expect(decideCancellation(reservation('RESERVED')))
      .toEqual({ outcome: 'released', lines: UNPRICED_LINES });
  });

  it('restocks sold stock', () => {
    expect(decideCancellation(reservation('SOLD')))
      .toEqual({ outcome: 'restocked', lines: UNPRICED_LINES });
  });

  it('records a cancel that overtook OrderPlaced', () => {
    expect(decideCancellation(null)).toEqual({ outcome: 'cancelled_before_reservation' });
  });

  it.each(['REJECTED', 'RELEASED', 'RESTOCKED', 'CANCELLED_BEFORE_RESERVATION'] as const)(
    'records nothing to release for %s',
    (status) => {
      expect(decideCancellation(reservation(status))).toEqual({ outcome: 'nothing_to_release' });
    },
  );
});

describe('deciding a sale on OrderConfirmed', () => {
  it('sells the lines of a RESERVED reservation', () => {
    expect(decideSale(reservation('RESERVED'))).toEqual({ outcome: 'sold', lines: UNPRICED_LINES });
  });

  it.each(NOT_RESERVED)('does not sell for %s', (_label, existing) => {
    expect(decideSale(existing)).toEqual({ outcome: 'not_reserved' });
  });
});

describe('moving stock', () => {
  it.each(['reserve', 'release', 'sell', 'restock'] as StockMove[])(
    '%s keeps available + reserved + sold unchanged',
    (move) => {
      for (const delta of stockDeltas(move, [{ sku: 'A', quantity: 7 }])) {
        expect(delta.available + delta.reserved + delta.sold).toBe(0);
        expect([delta.available, delta.reserved, delta.sold].filter((n) => n !== 0))
          .toHaveLength(2);
      }
    },
  );

  it('reserve takes from available what it gives to reserved', () => {
    expect(stockDeltas('reserve', [{ sku: 'A', quantity: 3 }]))
      .toEqual([{ sku: 'A', available: -3, reserved: 3, sold: 0 }]);
  });
});
