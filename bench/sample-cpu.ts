import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { Pool } from 'pg';

/** Cumulative CPU time of processes at one instant, in ms. */
export interface CpuSnapshot {
  atMs: number;
  byPart: Map<string, number>;
  /** Postgres processes by pid with the part each serves, summed into `byPart` per part. */
  postgres: Map<number, { part: string; ms: number }>;
}

/** Clock ticks per second of /proc's times (USER_HZ; 100 on Linux). */
const TICKS_PER_SECOND = 100;

/**
 * Where the machine's CPU goes: each named process; the Postgres backends that serve each of
 * them (matched by the client's TCP port); Postgres' WAL senders (Debezium's slots) and its
 * other processes; the bench itself; and the machine as a whole.
 */
export async function takeCpuSnapshot(pids: Map<string, number>, pool: Pool):
  Promise<CpuSnapshot> {
  const byPart = new Map<string, number>();
  for (const [name, pid] of pids) {
    const ms = processCpuMs(pid);
    if (ms !== null) byPart.set(name, ms);
  }
  const postgres = await postgresByPart(pids, pool);
  const own = process.cpuUsage();
  byPart.set('bench', (own.user + own.system) / 1000);
  byPart.set('machine', machineBusyMs());
  return { atMs: Date.now(), byPart, postgres };
}

/**
 * Cores each part used between two snapshots. A Postgres process that started in between
 * counts from zero; one that ended in between is lost (short-lived connections of others).
 */
export function coresUsed(from: CpuSnapshot, to: CpuSnapshot): Record<string, number> {
  const seconds = (to.atMs - from.atMs) / 1000;
  const usedMs = new Map<string, number>();
  for (const [name, ms] of to.byPart) {
    const before = from.byPart.get(name);
    if (before !== undefined) usedMs.set(name, ms - before);
  }
  for (const [pid, { part, ms }] of to.postgres) {
    const delta = ms - (from.postgres.get(pid)?.ms ?? 0);
    usedMs.set(part, (usedMs.get(part) ?? 0) + delta);
  }
  return Object.fromEntries([...usedMs].map(([name, ms]) =>
    [name, Math.round((ms / 1000 / seconds) * 100) / 100]));
}

async function postgresByPart(pids: Map<string, number>, pool: Pool) {
  const ownerOfPort = new Map<number, string>();
  const portOfInode = localPortsByInode();
  for (const [name, pid] of [...pids, ['bench', process.pid] as const]) {
    for (const inode of socketInodes(pid)) {
      const port = portOfInode.get(inode);
      if (port !== undefined) ownerOfPort.set(port, name);
    }
  }
  const { rows } = await pool.query<{ pid: number; client_port: number | null;
    backend_type: string }>('select pid, client_port, backend_type from pg_stat_activity');
  const postgres = new Map<number, { part: string; ms: number }>();
  for (const row of rows) {
    const ms = processCpuMs(row.pid);
    if (ms === null) continue;
    const owner = row.client_port === null ? undefined : ownerOfPort.get(row.client_port);
    const part = owner ? `postgres for ${owner}`
      : row.backend_type === 'walsender' ? 'postgres wal senders' : 'postgres other';
    postgres.set(row.pid, { part, ms });
  }
  return postgres;
}

function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command (which may hold spaces) start at state; utime, stime are 14, 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

function socketInodes(pid: number): string[] {
  try {
    return readdirSync(`/proc/${pid}/fd`).map((fd) => {
      try {
        return /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1] ?? '';
      } catch {
        return '';
      }
    }).filter(Boolean);
  } catch {
    return [];
  }
}

/** The local port of every TCP socket, by inode, from /proc/net/tcp and tcp6. */
function localPortsByInode(): Map<string, number> {
  const ports = new Map<string, number>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const lines = readFileSync(table, 'utf8').trim().split('\n').slice(1);
    for (const line of lines) {
      const columns = line.trim().split(/\s+/);
      ports.set(columns[9]!, parseInt(columns[1]!.split(':')[1]!, 16));
    }
  }
  return ports;
}

/** All non-idle time of all cores, from the first line of /proc/stat. */
function machineBusyMs(): number {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
  const [user, nice, system, , , irq, softirq, steal] = ticks.map(Number);
  return ((user! + nice! + system! + irq! + softirq! + steal!) * 1000) / TICKS_PER_SECOND;
}
