import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from './service-process';

const run = promisify(execFile);

/** Restarts one JVM part of the local stack (TERM, then start and wait until it answers). */
export async function restartStackPart(part: 'kafka' | 'connect' | 'registry'): Promise<void> {
  await run(path.join(REPO_ROOT, 'infra', 'stack.sh'), ['restart', part], { cwd: REPO_ROOT });
}

/** SIGKILLs a JVM part the stack started, by the pid the stack recorded for it. */
export function killStackPart(part: 'kafka' | 'connect' | 'registry'): void {
  const pid = Number(readFileSync(path.join(REPO_ROOT, '.infra', 'run', `${part}.pid`), 'utf8'));
  process.kill(pid, 'SIGKILL');
}

/** Sums a counter's samples whose labels contain every given label. */
export async function readCounter(url: string, metric: string,
  labels: Record<string, string> = {}): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return text.split('\n')
    .filter((line) => line.startsWith(`${metric}{`) || line.startsWith(`${metric} `))
    .filter((line) => Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`)))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}
