/** What inventory has decided about one order; a row exists once anything was decided. */
export type ReservationStatus =
  | 'RESERVED'
  | 'REJECTED'
  | 'RELEASED'
  | 'SOLD'
  | 'RESTOCKED'
  | 'CANCELLED_BEFORE_RESERVATION';

export interface StockLine {
  sku: string;
  quantity: number;
}

export interface PricedLine extends StockLine {
  unitPriceCents: number;
}

/** A line that could not be reserved; an unknown sku has 0 available. */
export interface ShortLine {
  sku: string;
  requested: number;
  available: number;
}

export interface Reservation {
  orderId: string;
  /** Null when the cancel overtook OrderPlaced. */
  customerId: string | null;
  status: ReservationStatus;
  /** Null when nothing was ever reserved. */
  amountCents: number | null;
  lines: PricedLine[];
  createdAt: Date;
  updatedAt: Date;
}

/** The lines of a reservation without their prices, as the stock events carry them. */
export function stockLinesOf(reservation: Reservation): StockLine[] {
  return reservation.lines.map((line) => ({ sku: line.sku, quantity: line.quantity }));
}
