import { Pool, PoolClient } from 'pg';
import { PricedLine, Reservation, ReservationStatus } from '../domain/reservation';

interface ReservationRow {
  order_id: string;
  customer_id: string | null;
  status: ReservationStatus;
  amount_cents: string | null;
  created_at: Date;
  updated_at: Date;
  lines: PricedLine[];
}

const RESERVATION_COLUMNS = `r.order_id, r.customer_id, r.status, r.amount_cents,
  r.created_at, r.updated_at,
  (select coalesce(json_agg(json_build_object('sku', l.sku, 'quantity', l.quantity,
                                              'unitPriceCents', l.unit_price_cents)
                            order by l.sku), '[]')
   from reservation_lines l
   where l.order_id = r.order_id) as lines`;

export async function findReservation(
  db: Pool | PoolClient,
  orderId: string,
): Promise<Reservation | null> {
  const result = await db.query<ReservationRow>(
    `select ${RESERVATION_COLUMNS}
     from reservations r
     where r.order_id = $1`,
    [orderId],
  );
  const row = result.rows[0];
  return row ? toReservation(row) : null;
}

/** Reads the order's reservation and locks its row until the transaction ends. */
export async function lockReservation(
  client: PoolClient,
  orderId: string,
): Promise<Reservation | null> {
  const result = await client.query<ReservationRow>(
    `select ${RESERVATION_COLUMNS}
     from reservations r
     where r.order_id = $1
     for update of r`,
    [orderId],
  );
  const row = result.rows[0];
  return row ? toReservation(row) : null;
}

function toReservation(row: ReservationRow): Reservation {
  return {
    orderId: row.order_id,
    customerId: row.customer_id,
    status: row.status,
    amountCents: row.amount_cents === null ? null : Number(row.amount_cents),
    lines: row.lines,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
