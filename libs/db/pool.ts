import { Pool, PoolClient } from 'pg';
import { mapPgError } from './map-pg-error';

export type { Pool, PoolClient };

export interface PoolOptions {
  connectionString: string;
  maxConnections: number;
  applicationName: string;
  /** How long a caller waits for a free connection or a new one before giving up. */
  connectTimeoutMs?: number;
}

export function createPool(options: PoolOptions): Pool {
  const pool = new Pool({
    connectionString: options.connectionString,
    max: options.maxConnections,
    application_name: options.applicationName,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
    idleTimeoutMillis: 30000,
  });
  // An idle client that loses its server emits here; the next checkout gets a fresh one.
  pool.on('error', () => undefined);
  return pool;
}

/** Work to run once the transaction a client is in has committed, per client. */
const afterCommit = new WeakMap<PoolClient, (() => void)[]>();

/**
 * Runs `action` after the commit of the withTransaction that `client` belongs to, and never
 * when it rolls back: for counters that must count only what really happened. A client
 * outside withTransaction runs it at once.
 */
export function onCommit(client: PoolClient, action: () => void): void {
  const pending = afterCommit.get(client);
  if (pending) pending.push(action);
  else action();
}

/**
 * Runs `work` in one transaction: committed when it resolves, rolled back when it throws.
 * Errors leave as platform errors with their retry decision made (see map-pg-error).
 */
export async function withTransaction<T>(
  pool: Pool,
  work: (client: PoolClient) => Promise<T>,
): Promise<T> {
  let client: PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw mapPgError(error);
  }
  let broken = false;
  // A connection lost between two statements is reported here, not thrown; without a
  // listener the event would end the process. The next statement fails and rolls back.
  const onLostConnection = () => { broken = true; };
  client.on('error', onLostConnection);
  const committed: (() => void)[] = [];
  afterCommit.set(client, committed);
  try {
    await client.query('begin');
    const result = await work(client);
    await client.query('commit');
    afterCommit.delete(client);
    for (const action of committed) action();
    return result;
  } catch (error) {
    broken = (await rollbackQuietly(client)) || broken;
    throw mapPgError(error);
  } finally {
    afterCommit.delete(client);
    client.off('error', onLostConnection);
    client.release(broken);
  }
}

/** Returns true when the connection is unusable and must not go back to the pool. */
async function rollbackQuietly(client: PoolClient): Promise<boolean> {
  try {
    await client.query('rollback');
    return false;
  } catch {
    // The rollback failed because the connection is gone; the pool discards it.
    return true;
  }
}
