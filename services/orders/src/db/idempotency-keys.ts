import { PoolClient } from 'pg';

/**
 * Takes a transaction-scoped lock on the key without waiting. False means another request
 * with the same key is still in flight.
 */
export async function tryLockIdempotencyKey(client: PoolClient, key: string): Promise<boolean> {
  const result = await client.query<{ locked: boolean }>(
    'select pg_try_advisory_xact_lock(hashtextextended($1, 0)) as locked',
    [key],
  );
  return result.rows[0]!.locked;
}

export interface IdempotencyRecord {
  requestHash: string;
  orderId: string;
}

export async function findIdempotencyKey(
  client: PoolClient,
  key: string,
): Promise<IdempotencyRecord | null> {
  const result = await client.query<{ request_hash: string; order_id: string }>(
    'select request_hash, order_id from idempotency_keys where idempotency_key = $1',
    [key],
  );
  const row = result.rows[0];
  return row ? { requestHash: row.request_hash, orderId: row.order_id } : null;
}

export async function insertIdempotencyKey(
  client: PoolClient,
  key: string,
  record: IdempotencyRecord,
): Promise<void> {
  await client.query(
    'insert into idempotency_keys (idempotency_key, request_hash, order_id) values ($1, $2, $3)',
    [key, record.requestHash, record.orderId],
  );
}
