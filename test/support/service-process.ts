import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '../../infra/tasks/free-port';

export { freePort };

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts', 'logs');

export interface RunningService {
  name: string;
  url: string;
  port: number;
  env: Record<string, string>;
  child: ChildProcess;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
  /** SIGKILL: a crash, as far as the service can tell. */
  kill(): Promise<void>;
}

/** Starts a compiled service (make test builds first) on a free port and waits until ready. */
export async function startService(
  name: string,
  env: Record<string, string> = {},
  fixedPort?: number,
): Promise<RunningService> {
  const port = fixedPort ?? (await freePort());
  mkdirSync(ARTIFACTS, { recursive: true });
  const log = createWriteStream(path.join(ARTIFACTS, `${name}-${port}.log`), { flags: 'a' });
  const child = spawn(process.execPath, [path.join('dist', 'services', name, 'src', 'main.js')], {
    cwd: REPO_ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const url = `http://127.0.0.1:${port}`;
  await waitUntilReady(url, child, name);
  const exited = once(child, 'exit');
  const signal = async (sig: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(sig);
    await exited;
  };
  return { name, url, port, env, child, stop: () => signal('SIGTERM'),
    kill: () => signal('SIGKILL') };
}

/** Starts a stopped or killed service again on the same port with the same settings. */
export function restartService(service: RunningService): Promise<RunningService> {
  return startService(service.name, service.env, service.port);
}

async function waitUntilReady(url: string, child: ChildProcess, name: string) {
  const deadline = Date.now() + 30000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`${name} was not ready within 30 s`);
}
