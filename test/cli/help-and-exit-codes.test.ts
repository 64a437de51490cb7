import { Command } from 'commander';
import { Output } from '../../cli/output';
import { buildProgram } from '../../cli/program';
import { freePort } from '../support/service-process';
import { sagactl } from './sagactl';

const SECRET = 'cli-secret-token-4f9c2e71d0';

/** Every command's words, nested ones too: [], ['topics'], ['dlq'], ['dlq', 'list'], ... */
function commandPaths(command: Command, prefix: string[] = []): string[][] {
  return [prefix, ...command.commands.flatMap((sub) =>
    commandPaths(sub, [...prefix, sub.name()]))];
}

describe('sagactl without an admin API: help, usage errors, an unreachable API', () => {
  const paths = commandPaths(buildProgram(new Output(process.stdout, process.stderr, [])));

  it('answers --help on every command with its usage and description, exit 0', async () => {
    expect(paths.map((words) => words.join(' '))).toEqual(expect.arrayContaining(['topics',
      'tail', 'groups', 'lag', 'reset', 'dlq', 'dlq list', 'dlq show', 'dlq redrive',
      'dlq discard', 'saga', 'replay']));
    for (const words of paths) {
      const run = await sagactl([...words, '--help']);
      expect({ words, code: run.code, stderr: run.stderr }).toEqual({ words, code: 0, stderr: '' });
      expect(run.stdout).toMatch(new RegExp(`^Usage: ${['sagactl', ...words].join(' ')} `));
      expect(run.stdout.split('\n')[2]!.length).toBeGreaterThan(10);
    }
  });

  it('lists the exit codes and the environment in the top-level help', async () => {
    const { stdout } = await sagactl(['--help']);
    for (const line of [/^ {2}0 {2}success$/m, /^ {2}1 {2}any other failure/m,
      /^ {2}2 {2}usage error/m, /^ {2}3 {2}not found \(404\)/m,
      /^ {2}4 {2}unauthorized \(401\) or forbidden \(403\)/m,
      /^ {2}5 {2}the admin API is unreachable/m, /SAGACTL_URL/, /SAGACTL_TOKEN/]) {
      expect(stdout).toMatch(line);
    }
  });

  it('exits 2 with one line on stderr for a missing or bad argument or option', async () => {
    const cases: string[][] = [
      ['saga'],
      ['lag', 'a', 'b'],
      ['reset', 'inventory.saga'],
      ['reset', 'inventory.saga', '--to', 'sideways'],
      ['reset', 'inventory.saga', '--to', 'timestamp'],
      ['reset', 'inventory.saga', '--to', 'earliest', '--shift-by', '3'],
      ['tail', 'orders.events', '--limit', '0'],
      ['tail', 'orders.events', '--offset', '4'],
      ['dlq', 'discard', 'payments.saga', '1'],
      ['replay', 'no-such-projection'],
      ['no-such-command'],
      ['--url', 'ftp://127.0.0.1/', 'groups'],
    ];
    for (const args of cases) {
      const run = await sagactl([...args, '--token', SECRET]);
      expect({ args, code: run.code, stdout: run.stdout }).toEqual({ args, code: 2, stdout: '' });
      const lines = run.stderr.trimEnd().split('\n');
      expect({ args, lines }).toEqual({ args, lines: [expect.stringMatching(/^error: /)] });
      expect(run.stderr).not.toContain(SECRET);
    }
  });

  it('exits 2 with the usage on stderr when a command is missing', async () => {
    for (const args of [[], ['dlq']]) {
      const run = await sagactl(args);
      expect({ args, code: run.code, stdout: run.stdout }).toEqual({ args, code: 2, stdout: '' });
      expect(run.stderr).toMatch(new RegExp(`^Usage: ${['sagactl', ...args].join(' ')} `));
    }
  });

  it('exits 5 when nothing listens at the address, naming it, with no token in sight',
    async () => {
      const url = `http://127.0.0.1:${await freePort()}`;
      for (const [args, env] of [[['groups', '--url', url, '--token', SECRET], {}],
        [['lag', 'inventory.saga'], { SAGACTL_URL: url, SAGACTL_TOKEN: SECRET }]] as const) {
        const run = await sagactl([...args], env);
        expect(run.code).toBe(5);
        expect(run.stdout).toBe('');
        expect(run.stderr).toMatch(new RegExp(`^error: cannot reach the admin API at ${url} .*` +
          'ECONNREFUSED.*\\n$'));
        expect(run.stderr).not.toContain(SECRET);
      }
    });

  it('refuses a token a header cannot carry without echoing it', async () => {
    const run = await sagactl(['groups'], { SAGACTL_TOKEN: `${SECRET}\nsecond-line`,
      SAGACTL_URL: `http://127.0.0.1:${await freePort()}` });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: the token .* holds spaces or characters/);
    expect(run.stderr).not.toContain(SECRET);
  });
});
