import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { call, startAdmin } from '../admin/admin-service';
import { OPS_TOKEN, ScratchProjection } from '../projection/scratch-projection';
import { testKafka } from '../support/platform';
import { freePort, REPO_ROOT, RunningService } from '../support/service-process';
import { sagactl, sagactlEnv } from './sagactl';

const run = promisify(execFile);

/** A replay reads every event on the three topics since the stack began. */
const REPLAY_TIMEOUT_S = 900;

/**
 * Replays a projection of the test's own (its database, its group), which the admin service
 * reaches as its PROJECTION_URL, so the platform's projection is never rebuilt.
 */
describe('sagactl replay', () => {
  let projection: ScratchProjection;
  let admin: RunningService;

  beforeAll(async () => {
    projection = new ScratchProjection(testKafka());
    await projection.create(true);
    await projection.start();
    admin = await startAdmin({ PROJECTION_URL: projection.service!.url, OPS_TOKEN });
  });

  afterAll(async () => {
    await admin?.stop();
    await projection?.destroy();
  });

  it('draws a progress bar on stderr when it is a terminal', async () => {
    // script(1) gives the CLI a terminal; --timeout ends the wait once the bar has been drawn.
    const command = `${process.execPath} dist/cli/main.js replay order-history ` +
      '--interval 200 --timeout 3';
    const answer: { stdout: string } = await run('script', ['-qec', command, '/dev/null'],
      { cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? '', ...sagactlEnv(admin) } })
      .catch((error: { stdout: string }) => error);
    expect(answer.stdout).toMatch(new RegExp('replaying order-history [\u2588\u2591]{40} ' +
      '\\d+% \\| \\d+/18 partitions caught up'));
    expect(answer.stdout).toMatch(/error: order-history had not caught up after 3 s/);
  });

  it('follows the replay until it has caught up and prints the final status with --json',
    async () => {
      const replay = await sagactl(['replay', 'order-history', '--json', '--timeout',
        String(REPLAY_TIMEOUT_S)], sagactlEnv(admin));
      // Without a terminal, stderr gets no bar.
      expect(replay).toMatchObject({ code: 0, stderr: '' });
      const final = JSON.parse(replay.stdout);
      expect(final).toMatchObject({ group: projection.groupId, caughtUp: true, percent: 100,
        rebuild: { phase: 'replaying', error: null } });
      expect(final.partitions).toHaveLength(18);
      expect((await call(admin, 'GET', '/projection/rebuild')).body.rebuild)
        .toEqual(final.rebuild);
    }, (REPLAY_TIMEOUT_S + 60) * 1000);

  it('prints the started rebuild per partition with --no-wait', async () => {
    const started = await sagactl(['replay', 'order-history', '--no-wait'], sagactlEnv(admin));
    expect(started).toMatchObject({ code: 0, stderr: '' });
    const lines = started.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^order-history \\(group ${projection.groupId}\\): ` +
      'replaying, \\d+%, requested \\S+Z$'));
    expect(lines[1]).toMatch(/^TOPIC +PARTITION +COMMITTED +TARGET +END +PERCENT$/);
    expect(lines.slice(2)).toHaveLength(18);
  });

  it('exits 5 when the projection service is down, and 2 for another projection', async () => {
    const down = await startAdmin({ PROJECTION_URL: `http://127.0.0.1:${await freePort()}` });
    try {
      const replay = await sagactl(['replay', 'order-history'], sagactlEnv(down));
      expect(replay.code).toBe(5);
      expect(replay.stderr).toMatch(/^error: POST \/projection\/rebuild answered 503 /);
    } finally {
      await down.stop();
    }
    expect((await sagactl(['replay', 'sales'], sagactlEnv(admin))).code).toBe(2);
  });
});
