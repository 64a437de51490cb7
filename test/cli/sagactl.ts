import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ADMIN_TOKEN } from '../admin/admin-service';
import { REPO_ROOT, RunningService } from '../support/service-process';

const MAIN = path.join(REPO_ROOT, 'dist', 'cli', 'main.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The address and token of an admin service, as an operator would export them. */
export function sagactlEnv(admin: RunningService, token: string = ADMIN_TOKEN) {
  return { SAGACTL_URL: admin.url, SAGACTL_TOKEN: token };
}

/** A running sagactl (such as `tail -f`) whose output can be watched before it ends. */
export interface RunningCli {
  child: ChildProcess;
  output(): CliRun;
  /** Resolves with everything it printed once it exits. */
  exited: Promise<CliRun>;
}

/**
 * Starts the compiled CLI (make test builds it; so does `npx tsc -p tsconfig.json`). The
 * environment holds only what the test gives, so a developer's own SAGACTL_* never leak in.
 */
export function startSagactl(args: string[], env: Record<string, string> = {}): RunningCli {
  if (!existsSync(MAIN)) {
    throw new Error(`${MAIN} is missing: build first (npx tsc -p tsconfig.json)`);
  }
  const child = spawn(process.execPath, [MAIN, ...args], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => { stdout += chunk; });
  child.stderr!.on('data', (chunk) => { stderr += chunk; });
  const output = () => ({ code: child.exitCode, stdout, stderr });
  const exited = once(child, 'close').then(() => output());
  return { child, output, exited };
}

export function sagactl(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return startSagactl(args, env).exited;
}
