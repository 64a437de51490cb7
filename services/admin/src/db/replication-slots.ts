import { Pool } from 'pg';

export interface ReplicationSlot {
  slot: string;
  plugin: string | null;
  database: string | null;
  active: boolean;
  restartLsn: string | null;
  confirmedFlushLsn: string | null;
  /** WAL written since the slot's consumer confirmed: what Postgres must keep for it. */
  lagBytes: number | null;
}

export async function readReplicationSlots(pool: Pool): Promise<ReplicationSlot[]> {
  const result = await pool.query<{ slot_name: string; plugin: string | null;
    database: string | null; active: boolean; restart_lsn: string | null;
    confirmed_flush_lsn: string | null; lag_bytes: string | null }>(
    `select slot_name, plugin, database, active, restart_lsn::text,
            confirmed_flush_lsn::text,
            pg_wal_lsn_diff(pg_current_wal_lsn(),
                            coalesce(confirmed_flush_lsn, restart_lsn))::bigint as lag_bytes
     from pg_replication_slots
     order by slot_name`,
  );
  return result.rows.map((row) => ({ slot: row.slot_name, plugin: row.plugin,
    database: row.database, active: row.active, restartLsn: row.restart_lsn,
    confirmedFlushLsn: row.confirmed_flush_lsn,
    lagBytes: row.lag_bytes === null ? null : Number(row.lag_bytes) }));
}
