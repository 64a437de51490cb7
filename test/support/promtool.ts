import { spawnSync } from 'node:child_process';
import { REPO_ROOT } from './service-process';

export interface PromtoolRun {
  status: number;
  output: string;
}

/** Runs promtool from the repository root; make test installs it (infra/install-test-tools.sh). */
export function promtool(args: string[], input?: string): PromtoolRun {
  const run = spawnSync('promtool', args, { cwd: REPO_ROOT, input, encoding: 'utf8' });
  if (run.error) {
    throw new Error(`promtool did not run (${run.error.message}); make test installs it with `
      + 'infra/install-test-tools.sh');
  }
  return { status: run.status ?? -1, output: `${run.stdout}${run.stderr}` };
}

/**
 * prom-client's default Node.js metrics name three gauges with `_total`, which `promtool check
 * metrics` reports (INFRA-NOTES, "promtool and prom-client"). These lines, exactly, are the
 * only findings the tests forgive; every other finding is about the project's own names.
 */
const KNOWN_DEFAULT_FINDINGS = new Set([
  'nodejs_active_handles_total non-counter metrics should not have "_total" suffix',
  'nodejs_active_requests_total non-counter metrics should not have "_total" suffix',
  'nodejs_active_resources_total non-counter metrics should not have "_total" suffix',
]);

/** The findings of `promtool check metrics` on an exposition, less prom-client's known ones. */
export function metricsFindings(exposition: string): string[] {
  const run = promtool(['check', 'metrics'], exposition);
  const findings = run.output.split('\n').map((line) => line.trim()).filter(Boolean);
  const own = findings.filter((line) => !KNOWN_DEFAULT_FINDINGS.has(line));
  if (run.status !== 0 && own.length === 0 && findings.length === 0) {
    return [`promtool check metrics failed with status ${run.status} and said nothing`];
  }
  return own;
}
