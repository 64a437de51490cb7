import { PoolClient } from 'pg';
import { PricedLine, ReservationStatus } from '../domain/reservation';

export interface NewReservation {
  orderId: string;
  customerId: string | null;
  status: ReservationStatus;
  amountCents: number | null;
}

export async function insertReservation(
  client: PoolClient,
  reservation: NewReservation,
): Promise<void> {
  await client.query(
    `insert into reservations (order_id, customer_id, status, amount_cents)
     values ($1, $2, $3, $4)`,
    [reservation.orderId, reservation.customerId, reservation.status, reservation.amountCents],
  );
}

export async function insertReservationLines(
  client: PoolClient,
  orderId: string,
  lines: readonly PricedLine[],
): Promise<void> {
  await client.query(
    `insert into reservation_lines (order_id, sku, quantity, unit_price_cents)
     select $1, sku, quantity, unit_price_cents
     from unnest($2::text[], $3::int[], $4::bigint[]) as line(sku, quantity, unit_price_cents)`,
    [
      orderId,
      lines.map((line) => line.sku),
      lines.map((line) => line.quantity),
      lines.map((line) => line.unitPriceCents),
    ],
  );
}
