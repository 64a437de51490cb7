import { PoolClient } from 'pg';
import { PricedLine, ReservationStatus } from '../domain/reservation';

export interface NewReservation {
  orderId: string;
  customerId: string | null;
  status: ReservationStatus;
  amountCents: number | null;
}

/** The reservation and its lines (none for a rejection), in one statement. */
export async function insertReservation(
  client: PoolClient,
  reservation: NewReservation,
  lines: readonly PricedLine[] = [],
): Promise<void> {
  await client.query(
    `with reservation as (
       insert into reservations (order_id, customer_id, status, amount_cents)
       values ($1, $2, $3, $4)
     )
     insert into reservation_lines (order_id, sku, quantity, unit_price_cents)
     select $1, sku, quantity, unit_price_cents
     from unnest($5::text[], $6::int[], $7::bigint[]) as line(sku, quantity, unit_price_cents)`,
    [
      reservation.orderId,
      reservation.customerId,
      reservation.status,
      reservation.amountCents,
      lines.map((line) => line.sku),
      lines.map((line) => line.quantity),
      lines.map((line) => line.unitPriceCents),
    ],
  );
}
