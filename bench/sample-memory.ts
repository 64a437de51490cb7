import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../infra/tasks/platform-services';

const run = promisify(execFile);

const JVM_PARTS = ['kafka', 'connect', 'registry'] as const;
type JvmPart = (typeof JVM_PARTS)[number];

export interface JvmHeap {
  /** Young plus old generation in use, the highest seen. */
  maxUsedMb: number;
  /** Old generation in use after the young collections: the long-lived set. */
  maxOldUsedMb: number;
  maxCommittedMb: number;
  samples: number;
}

/**
 * Samples the resident set of named processes once a second, keeping each name's peak. A name
 * may change pid (a service stopped and started again); its peak covers every pid it had.
 */
export class MemorySampler {
  private readonly pids = new Map<string, number>();
  private readonly peaksKb = new Map<string, number>();
  private readonly heaps = new Map<JvmPart, JvmHeap>();
  private timer: NodeJS.Timeout | null = null;

  watch(name: string, pid: number): void {
    this.pids.set(name, pid);
  }

  /** The processes watched now, by name. */
  watchedPids(): Map<string, number> {
    return new Map(this.pids);
  }

  /** Watches the JVM parts of the local stack by the pids `infra/stack.sh` recorded. */
  watchJvmParts(): void {
    for (const part of JVM_PARTS) this.watch(part, jvmPid(part));
  }

  start(intervalMs = 1000): void {
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.sample();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  sample(): void {
    for (const [name, pid] of this.pids) {
      const rssKb = statusKb(pid, 'VmRSS');
      if (rssKb !== null) this.peaksKb.set(name, Math.max(this.peaksKb.get(name) ?? 0, rssKb));
    }
  }

  /** Folds in a process's own high-water mark just before it stops. */
  recordHighWater(name: string, pid: number): void {
    const hwmKb = statusKb(pid, 'VmHWM');
    if (hwmKb !== null) this.peaksKb.set(name, Math.max(this.peaksKb.get(name) ?? 0, hwmKb));
  }

  /** Asks each JVM for its heap use (jstat of the JVM's own JDK); a few calls per run. */
  async sampleJvmHeaps(): Promise<void> {
    for (const part of JVM_PARTS) {
      const heap = await jstatHeap(jvmPid(part)).catch(() => null);
      if (!heap) continue;
      const seen = this.heaps.get(part) ?? { maxUsedMb: 0, maxOldUsedMb: 0, maxCommittedMb: 0,
        samples: 0 };
      this.heaps.set(part, { maxUsedMb: Math.max(seen.maxUsedMb, heap.usedMb),
        maxOldUsedMb: Math.max(seen.maxOldUsedMb, heap.oldUsedMb),
        maxCommittedMb: Math.max(seen.maxCommittedMb, heap.committedMb),
        samples: seen.samples + 1 });
    }
  }

  peakRssMb(): Record<string, number> {
    return Object.fromEntries([...this.peaksKb].map(([name, kb]) => [name, Math.round(kb / 1024)]));
  }

  jvmHeaps(): Record<string, JvmHeap> {
    return Object.fromEntries(this.heaps);
  }
}

const JVM_PORTS: Record<JvmPart, number> = { kafka: 9092, connect: 8083, registry: 8081 };

/**
 * The pid `infra/stack.sh` recorded for a part, or else the process listening on the part's
 * port (a stack started from another checkout of the repository records its pids there).
 */
function jvmPid(part: JvmPart): number {
  try {
    const pid = Number(readFileSync(path.join(REPO_ROOT, '.infra', 'run', `${part}.pid`), 'utf8'));
    if (existsSync(`/proc/${pid}`)) return pid;
  } catch {
    // No pid file: this checkout did not start the stack.
  }
  const pid = listeningPid(JVM_PORTS[part]);
  if (pid === null) throw new Error(`no process listens on ${JVM_PORTS[part]} for ${part}`);
  return pid;
}

function listeningPid(port: number): number | null {
  const listening = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').trim().split('\n').slice(1)) {
      const columns = line.trim().split(/\s+/);
      const state = columns[3];
      if (state === '0A' && parseInt(columns[1]!.split(':')[1]!, 16) === port) {
        listening.add(columns[9]!);
      }
    }
  }
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      for (const fd of readdirSync(`/proc/${entry}/fd`)) {
        const inode = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${entry}/fd/${fd}`))?.[1];
        if (inode && listening.has(inode)) return Number(entry);
      }
    } catch {
      // A process that ended, or one this user may not read.
    }
  }
  return null;
}

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Number(match[1]) : null;
  } catch {
    // The process has gone (a service between stop and start); its last sample stands.
    return null;
  }
}

/** `jstat -gc`: capacities (C) and use (U) of survivor, eden and old spaces, in KB. */
async function jstatHeap(pid: number) {
  const jstat = path.join(path.dirname(readlinkSync(`/proc/${pid}/exe`)), 'jstat');
  const { stdout } = await run(jstat, ['-gc', String(pid)]);
  const [header, values] = stdout.trim().split('\n').map((line) => line.trim().split(/\s+/));
  const column = (name: string) => Number(values![header!.indexOf(name)] ?? 0);
  const mb = (kb: number) => Math.round(kb / 1024);
  return {
    usedMb: mb(column('S0U') + column('S1U') + column('EU') + column('OU')),
    oldUsedMb: mb(column('OU')),
    committedMb: mb(column('S0C') + column('S1C') + column('EC') + column('OC')),
  };
}
