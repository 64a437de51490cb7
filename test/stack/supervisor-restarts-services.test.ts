import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eventually } from '../support/eventually';
import { REPO_ROOT } from '../support/service-process';

describe('the supervisor make up runs the services under', () => {
  it('restarts a service that was killed, and stops it on SIGTERM', async () => {
    const logDir = mkdtempSync(path.join(os.tmpdir(), 'supervisor-'));
    const supervisor = spawn(process.execPath, [path.join('dist', 'infra', 'tasks',
      'supervise.js')], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, SUPERVISE_SERVICES: 'orders', STACK_LOG_DIR: logDir,
        LOG_LEVEL: 'info', CONSUMER_SESSION_TIMEOUT_MS: '6000' } });
    let output = '';
    supervisor.stdout!.on('data', (chunk) => { output += chunk; });
    try {
      const firstPid = await startedPid(() => output, 1);
      await eventually(async () => expect((await fetch('http://127.0.0.1:3001/readyz')).ok)
        .toBe(true), 30000);

      process.kill(firstPid, 'SIGKILL');
      const secondPid = await startedPid(() => output, 2);
      expect(secondPid).not.toBe(firstPid);
      expect(output).toMatch(/orders exited \(code null, signal SIGKILL\)/);
      await eventually(async () => expect((await fetch('http://127.0.0.1:3001/readyz')).ok)
        .toBe(true), 30000);
    } finally {
      supervisor.kill('SIGTERM');
      await once(supervisor, 'exit');
    }
    await expect(fetch('http://127.0.0.1:3001/healthz')).rejects.toThrow();
    expect(readFileSync(path.join(logDir, 'orders.log'), 'utf8')).toContain('service listening');
    rmSync(logDir, { recursive: true, force: true });
  }, 90000);
});

async function startedPid(output: () => string, nth: number): Promise<number> {
  let pid = 0;
  await eventually(async () => {
    const starts = [...output().matchAll(/started orders \(pid (\d+)\)/g)];
    expect(starts.length).toBeGreaterThanOrEqual(nth);
    pid = Number(starts[nth - 1]![1]);
  }, 30000);
  return pid;
}
