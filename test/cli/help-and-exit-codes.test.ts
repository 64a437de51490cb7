import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AdminClient, TIMEOUT_MS } from '../../cli/admin-client';
import { Output } from '../../cli/output';
import { buildProgram } from '../../cli/program';
import { freePort, REPO_ROOT } from '../support/service-process';
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

  it('says an empty token is empty, exit 2', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    for (const [args, env] of [[['groups'], { SAGACTL_TOKEN: '', SAGACTL_URL: url }],
      [['groups', '--token', ''], { SAGACTL_URL: url }]] as const) {
      const run = await sagactl([...args], env);
      expect({ args, code: run.code, stdout: run.stdout }).toEqual({ args, code: 2, stdout: '' });
      expect(run.stderr).toBe('error: the token (--token or SAGACTL_TOKEN) is empty; set it, ' +
        'or leave it out for the health checks alone\n');
    }
  });

  it('refuses an address with a password, a query or a fragment, never echoing the password',
    async () => {
      const port = await freePort();
      const cases: [string, RegExp][] = [
        [`http://user:s3cretpw@127.0.0.1:${port}`, /must not hold a user or password/],
        [`http://s3cretpw@127.0.0.1:${port}/`, /must not hold a user or password/],
        [`http://127.0.0.1:${port}/?token=s3cretpw`, /must not hold a query string/],
        [`http://127.0.0.1:${port}/#s3cretpw`, /must not hold a query string or a fragment/],
        [`s3cretpw:x@127.0.0.1:${port}`, /must be an http:\/\/ or https:\/\/ address\n$/],
      ];
      for (const [url, rule] of cases) {
        for (const [args, env] of [[['topics', '--url', url], {}],
          [['topics'], { SAGACTL_URL: url }]] as const) {
          const run = await sagactl([...args], env);
          expect({ url, code: run.code, stdout: run.stdout }).toEqual({ url, code: 2, stdout: '' });
          expect(run.stderr).toMatch(/^error: --url \(or SAGACTL_URL\) .*\n$/);
          expect(run.stderr).toMatch(rule);
          expect(run.stderr).not.toMatch(/s3cretpw|user:/);
        }
      }
      const shown = await sagactl(['topics', '--url', `http://user:s3cretpw@127.0.0.1:${port}/a`]);
      expect(shown.stderr).toContain(`(http://127.0.0.1:${port}/a)`);
    });

  it('never quotes a password from the address in an error', async () => {
    const client = new AdminClient(`http://user:s3cretpw@127.0.0.1:${await freePort()}`, SECRET);
    const error = await client.get('/topics').catch((failure: Error) => failure);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/^cannot reach the admin API at http:\/\/127/);
    expect((error as Error).message).not.toMatch(/s3cretpw|user:/);
  });

  it('refuses, exit 2, values the API would refuse or misread, naming option, rule and value',
    async () => {
      // Nothing listens here: a value let through would end in exit 5 instead.
      const env = { SAGACTL_URL: `http://127.0.0.1:${await freePort()}`, SAGACTL_TOKEN: SECRET };
      const cases: [string[], RegExp][] = [
        [['tail', 'orders.events', '--since', '-5'],
          /^error: option '--since <time>' argument '-5' is invalid\. must be epoch milli/],
        [['tail', 'orders.events', '--since', '2024-02-30T00:00:00Z'],
          /option '--since <time>' argument '2024-02-30T00:00:00Z' .* ISO 8601 instant/],
        [['tail', 'orders.events', '--since', '2024-01-01'], /--since .* with seconds/],
        [['tail', 'orders.events', '--since', '2024-01-01T10:00:00'], /--since .* Z or an/],
        [['tail', 'orders.events', '--since', '1e3'], /--since .*\(an integer of at least 0\)/],
        [['reset', 'g', '--to', 'timestamp', '--timestamp', '2024-01-01T24:00:00Z'],
          /option '--timestamp <time>' argument '2024-01-01T24:00:00Z' is invalid/],
        [['reset', 'g', '--to', 'offsets', '--offset', 'orders.events:0=99999999999999999999999'],
          /argument 'orders\.events:0=9+' is invalid\. its OFFSET must be an integer from 0/],
        [['reset', 'g', '--to', 'offsets', '--offset', 'orders.events:100001=0'],
          /its PARTITION must be an integer from 0 to 100000/],
        [['tail', 'orders.events', '-p', '0', '--offset', '99999999999999999999'],
          /option '--offset <n>' .* must be an integer from 0 to 9007199254740991/],
        [['dlq', 'discard', 'payments.saga', '1', '--reason', ' \t '],
          /^error: --reason must be 1 to 500 characters once the blanks around it are trimmed/],
        [['dlq', 'discard', 'payments.saga', '1', '--reason', 'x'.repeat(501)], /--reason/],
      ];
      for (const [args, message] of cases) {
        const run = await sagactl(args, env);
        expect({ args, code: run.code, stdout: run.stdout }).toEqual({ args, code: 2, stdout: '' });
        expect(run.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(message)]);
      }
      for (const args of [['tail', 'orders.events', '--since', '2024-02-29T23:59:59.5+05:30'],
        ['tail', 'orders.events', '--since', '0'],
        ['reset', 'g', '--to', 'timestamp', '--timestamp', '2024-12-31T23:59:59.999Z'],
        ['reset', 'g', '--to', 'offsets', '--offset', 'orders.events:100000=9007199254740991'],
        ['dlq', 'discard', 'payments.saga', '1', '--reason', ` ${'x'.repeat(500)}\n`]]) {
        expect({ args, code: (await sagactl(args, env)).code }).toEqual({ args, code: 5 });
      }
    });

  it('gives in the docs the time exit 5 waits for an answer', () => {
    const docs = readFileSync(path.join(REPO_ROOT, 'docs', 'cli.md'), 'utf8');
    expect(docs).toContain(`did not answer within ${TIMEOUT_MS / 1000} s`);
  });
});
