import { PoolClient } from 'pg';
import { HistoryEvent } from '../domain/fold-order-history';

export async function findOrderEvents(client: PoolClient, orderId: string):
  Promise<HistoryEvent[]> {
  const result = await client.query<{ event_id: string; event_type: string; occurred_at: Date;
    payload: Record<string, unknown> }>(
    `select event_id, event_type, occurred_at, payload from order_events
     where order_id = $1`,
    [orderId],
  );
  return result.rows.map((row) => ({ eventId: row.event_id, eventType: row.event_type,
    occurredAt: row.occurred_at, payload: row.payload }));
}

export async function insertOrderEvent(client: PoolClient, orderId: string,
  event: HistoryEvent): Promise<void> {
  await client.query(
    `insert into order_events (order_id, event_id, event_type, occurred_at, payload)
     values ($1, $2, $3, $4, $5)`,
    [orderId, event.eventId, event.eventType, event.occurredAt, JSON.stringify(event.payload)],
  );
}
