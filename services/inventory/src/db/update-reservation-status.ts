import { PoolClient } from 'pg';
import { ReservationStatus } from '../domain/reservation';

export async function updateReservationStatus(
  client: PoolClient,
  orderId: string,
  status: ReservationStatus,
): Promise<void> {
  await client.query(
    `update reservations
     set status = $2, updated_at = now()
     where order_id = $1`,
    [orderId, status],
  );
}
