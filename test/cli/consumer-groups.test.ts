import { randomUUID } from 'node:crypto';
import { Admin, Kafka } from 'kafkajs';
import { ADMIN_TOKEN, call, READ_TOKEN, startAdmin } from '../admin/admin-service';
import { testKafka } from '../support/platform';
import { RunningService } from '../support/service-process';
import { createTopicWithMessages, dropTestTopic } from '../support/test-topic';
import { sagactl, sagactlEnv } from './sagactl';

/** Two partitions of five messages each, written a minute ago. */
const WRITTEN_AT = Date.now() - 60000;

interface PartitionLag {
  partition: number;
  committedOffset: string | null;
  lagSeconds: number | null;
}

describe('sagactl groups, lag and reset', () => {
  let admin: RunningService;
  let kafka: Kafka;
  let kafkaAdmin: Admin;
  const topic = `test.cli-groups-${randomUUID()}`;
  // No consumer ever joins it, so its offsets and lag move only when a test moves them.
  const group = `test.cli-groups-${randomUUID()}`;
  const env = () => sagactlEnv(admin);

  const committed = async () => ((await call(admin, 'GET', `/consumer-groups/${group}`)).body
    .partitions as PartitionLag[]).map((p) => [p.partition, p.committedOffset]);

  beforeAll(async () => {
    kafka = testKafka();
    kafkaAdmin = kafka.admin();
    await kafkaAdmin.connect();
    await createTopicWithMessages(kafka, kafkaAdmin, topic,
      { partitions: 2, count: 10, writtenAt: WRITTEN_AT });
    await kafkaAdmin.setOffsets({ groupId: group, topic, partitions: [
      { partition: 0, offset: '2' }, { partition: 1, offset: '5' }] });
    admin = await startAdmin();
  });

  afterAll(async () => {
    await admin?.stop();
    await dropTestTopic(kafkaAdmin, topic, [group]);
  });

  it('prints with lag GROUP --json the body GET /consumer-groups/{group} answers', async () => {
    const before = (await call(admin, 'GET', `/consumer-groups/${group}`)).body;
    const run = await sagactl(['lag', group, '--json'], env());
    const after = (await call(admin, 'GET', `/consumer-groups/${group}`)).body;
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const printed = JSON.parse(run.stdout);
    expect(run.stdout).toBe(`${JSON.stringify(printed)}\n`);
    // Lag in seconds is the age of the oldest unread message: it grows between two reads,
    // so the CLI's must lie between the API's before and after; everything else is equal.
    const steady = (body: any) => ({ ...body, lagSeconds: 'moving', partitions: body.partitions
      .map((p: PartitionLag) => ({ ...p, lagSeconds: 'moving' })) });
    expect(steady(printed)).toEqual(steady(before));
    expect(steady(printed)).toEqual(steady(after));
    const lags = (body: any) => [body.lagSeconds, ...body.partitions.map((p: PartitionLag) =>
      p.lagSeconds)] as number[];
    lags(printed).forEach((seconds, index) => {
      expect(seconds).toBeGreaterThanOrEqual(lags(before)[index]!);
      expect(seconds).toBeLessThanOrEqual(lags(after)[index]!);
    });
    expect(printed).toMatchObject({ group, state: 'Empty', lagMessages: 3, members: [] });
  });

  it('shows per partition committed, end, lag in messages and seconds in lag GROUP', async () => {
    const run = await sagactl(['lag', group], env());
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^${group} +Empty +0 members +lag 3 messages, ` +
      '\\d+\\.\\d s$'));
    expect(lines[1]).toMatch(/^TOPIC +PARTITION +COMMITTED +LOW +END +LAG +LAG \(S\) +MEMBER$/);
    const [, seconds] = new RegExp(`^${topic} +0 +2 +0 +5 +3 +(\\d+\\.\\d) +-$`)
      .exec(lines[2]!) ?? [];
    expect(Number(seconds)).toBeGreaterThanOrEqual(55);
    expect(lines[3]).toMatch(new RegExp(`^${topic} +1 +5 +0 +5 +0 +0\\.0 +-$`));
  });

  it('lists the group with its state, members and total lag in groups', async () => {
    const run = await sagactl(['groups'], env());
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^${group} +Empty +0 +3 +\\d+\\.\\d +${topic}$`, 'm'));
  });

  it('shows before and after in a reset without --apply, and changes nothing', async () => {
    const run = await sagactl(['reset', group, '--to', 'earliest'], env());
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(new RegExp(`^${topic} +0 +0 +5 +2 +0 +-2$`, 'm'));
    expect(run.stdout).toMatch(new RegExp(`^${topic} +1 +0 +5 +5 +0 +-5$`, 'm'));
    expect(run.stdout).toMatch(/^Dry run: nothing changed/m);
    expect(await committed()).toEqual([[0, '2'], [1, '5']]);

    const json = await sagactl(['reset', group, '--to', 'shift', '--shift-by', '-1', '--json'],
      env());
    expect(JSON.parse(json.stdout)).toMatchObject({ dryRun: true, partitions: [
      { partition: 0, before: '2', after: '1' }, { partition: 1, before: '5', after: '4' }] });
    expect(await committed()).toEqual([[0, '2'], [1, '5']]);
  });

  it('exits 4 when the read-only token applies a reset, and the offsets stay', async () => {
    const run = await sagactl(['reset', group, '--to', 'earliest', '--apply'],
      sagactlEnv(admin, READ_TOKEN));
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/^error: POST .* answered 403 Forbidden: the read-only token/);
    expect(`${run.stdout}${run.stderr}`).not.toContain(READ_TOKEN);
    expect(await committed()).toEqual([[0, '2'], [1, '5']]);
  });

  it('moves the offsets with --apply and the admin token', async () => {
    const run = await sagactl(['reset', group, '--to', 'offsets', '--offset', `${topic}:0=4`,
      '--apply'], env());
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^Applied: /m);
    expect(await committed()).toEqual([[0, '4'], [1, '5']]);
    await sagactl(['reset', group, '--to', 'offsets', '--offset', `${topic}:0=2`, '--apply'],
      env());
    expect(await committed()).toEqual([[0, '2'], [1, '5']]);
  });

  it('exits 3 for an unknown group and 4 for a wrong token, never printing the token',
    async () => {
      const unknown = await sagactl(['lag', `test.no-such-group-${randomUUID()}`], env());
      expect(unknown.code).toBe(3);
      expect(unknown.stderr)
        .toMatch(/^error: GET \/consumer-groups\/.* answered 404 Consumer group not found: /);

      const wrong = `${ADMIN_TOKEN}-but-not-quite`;
      for (const run of [await sagactl(['lag', group], sagactlEnv(admin, wrong)),
        await sagactl(['lag', group, '--token', wrong], { SAGACTL_URL: admin.url })]) {
        expect(run.code).toBe(4);
        expect(run.stdout).toBe('');
        expect(run.stderr).toMatch(/^error: GET .* answered 401 Unauthorized: .*\n$/);
        expect(run.stderr).not.toContain(wrong);
      }
      const none = await sagactl(['groups'], { SAGACTL_URL: admin.url });
      expect(none.code).toBe(4);
      expect(none.stderr).toMatch(/no token given: set SAGACTL_TOKEN or pass --token/);
    });
});
