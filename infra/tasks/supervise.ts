import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { PLATFORM_SERVICES, PlatformService, REPO_ROOT } from './platform-services';

const LOG_DIR = process.env.STACK_LOG_DIR ?? path.join(REPO_ROOT, '.infra', 'logs');
const FIRST_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 30000;
/** A service that stayed up this long is healthy again; its next crash restarts at once. */
const STABLE_AFTER_MS = 60000;

interface Supervised {
  service: PlatformService;
  child: ChildProcess | null;
  backoffMs: number;
  startedAt: number;
}

let stopping = false;
/** SUPERVISE_SERVICES=orders,payments runs only those (all of them when unset). */
const only = process.env.SUPERVISE_SERVICES?.split(',').map((name) => name.trim());
const supervised: Supervised[] = PLATFORM_SERVICES.filter((service) =>
  !only || only.includes(service.name)).map((service) => ({
  service,
  child: null,
  backoffMs: FIRST_BACKOFF_MS,
  startedAt: 0,
}));

function log(message: string) {
  console.log(`${new Date().toISOString()} [supervisor] ${message}`);
}

function start(entry: Supervised) {
  const out = createWriteStream(path.join(LOG_DIR, `${entry.service.name}.log`), { flags: 'a' });
  const child = spawn(process.execPath, [entry.service.entry], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: String(entry.service.port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  entry.child = child;
  entry.startedAt = Date.now();
  log(`started ${entry.service.name} (pid ${child.pid}) on port ${entry.service.port}`);
  child.on('exit', (code, signal) => onExit(entry, code, signal));
}

function onExit(entry: Supervised, code: number | null, signal: NodeJS.Signals | null) {
  entry.child = null;
  if (stopping) return;
  const upMs = Date.now() - entry.startedAt;
  if (upMs > STABLE_AFTER_MS) entry.backoffMs = FIRST_BACKOFF_MS;
  log(`${entry.service.name} exited (code ${code}, signal ${signal}) after ${upMs} ms; ` +
    `restarting in ${entry.backoffMs} ms`);
  setTimeout(() => stopping || start(entry), entry.backoffMs);
  entry.backoffMs = Math.min(entry.backoffMs * 2, MAX_BACKOFF_MS);
}

function stopAll(signal: NodeJS.Signals) {
  stopping = true;
  log(`received ${signal}; stopping services`);
  const running = supervised.filter((entry) => entry.child);
  if (running.length === 0) process.exit(0);
  for (const entry of running) {
    entry.child!.once('exit', () => {
      if (supervised.every((other) => !other.child)) process.exit(0);
    });
    entry.child!.kill('SIGTERM');
  }
  setTimeout(() => process.exit(0), 15000).unref();
}

mkdirSync(LOG_DIR, { recursive: true });
process.on('SIGTERM', () => stopAll('SIGTERM'));
process.on('SIGINT', () => stopAll('SIGINT'));
supervised.forEach(start);
