import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '../infra/tasks/free-port';
import { REPO_ROOT } from '../infra/tasks/platform-services';

export type SagaServiceName = 'orders' | 'payments' | 'inventory';

export interface BenchService {
  name: SagaServiceName;
  url: string;
  pid: number;
  /** SIGTERM and wait: the service commits its offsets and writes a CPU profile if asked. */
  stop(): Promise<void>;
}

export interface BenchServiceOptions {
  env: Record<string, string>;
  /** Extra node flags, such as `--cpu-prof`. */
  nodeArgs?: string[];
  logDir: string;
}

/**
 * Starts a compiled saga service on a free port and waits until it is ready. Its log goes
 * straight to a file, not through this process, so the bench's own CPU stays out of it.
 */
export async function startBenchService(name: SagaServiceName,
  options: BenchServiceOptions): Promise<BenchService> {
  const port = await freePort();
  mkdirSync(options.logDir, { recursive: true });
  const logFd = openSync(path.join(options.logDir, `bench-${name}.log`), 'a');
  const child = spawn(process.execPath,
    [...(options.nodeArgs ?? []), path.join('dist', 'services', name, 'src', 'main.js')],
    { cwd: REPO_ROOT, env: { ...process.env, ...options.env, PORT: String(port) },
      stdio: ['ignore', logFd, logFd] });
  closeSync(logFd);
  const url = `http://127.0.0.1:${port}`;
  const exited = once(child, 'exit');
  await waitUntilReady(url, child, name);
  return {
    name, url, pid: child.pid!,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

async function waitUntilReady(url: string, child: ChildProcess, name: string): Promise<void> {
  const deadline = Date.now() + 60000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`${name} was not ready within 60 s; see its bench log`);
}
