import { randomUUID } from 'node:crypto';
import { Admin, Consumer, Kafka } from 'kafkajs';
import { eventually } from '../support/eventually';
import { testKafka } from '../support/platform';
import { RunningService } from '../support/service-process';
import { createTopicWithMessages, dropTestTopic } from '../support/test-topic';
import { call, startAdmin } from './admin-service';

/** Two partitions of five messages each, written a minute ago and one second apart. */
const WRITTEN_AT = Date.now() - 60000;

describe('consumer groups through the admin API', () => {
  let admin: RunningService;
  let kafka: Kafka;
  let kafkaAdmin: Admin;
  let member: Consumer | null = null;
  const topic = `test.admin-groups-${randomUUID()}`;
  const group = `test.admin-groups-${randomUUID()}`;

  const committed = async () => (await kafkaAdmin.fetchOffsets({ groupId: group,
    topics: [topic] }))[0]!.partitions.map((p) => [p.partition, p.offset])
    .sort((a, b) => Number(a[0]) - Number(b[0]));

  beforeAll(async () => {
    kafka = testKafka();
    kafkaAdmin = kafka.admin();
    await kafkaAdmin.connect();
    await createTopicWithMessages(kafka, kafkaAdmin, topic,
      { partitions: 2, count: 10, writtenAt: WRITTEN_AT });
    admin = await startAdmin();
  });

  afterAll(async () => {
    await member?.disconnect();
    await admin?.stop();
    await dropTestTopic(kafkaAdmin, topic, [group]);
  });

  it('shows an active group\'s member, offsets and lag in messages and seconds', async () => {
    await kafkaAdmin.setOffsets({ groupId: group, topic, partitions: [
      { partition: 0, offset: '2' }, { partition: 1, offset: '5' }] });
    member = kafka.consumer({ groupId: group, maxWaitTimeInMs: 100 });
    await member.connect();
    await member.subscribe({ topic });
    // Reads but never commits, so the committed offsets and the lag stay where the test put them.
    await member.run({ autoCommit: false, eachMessage: async () => undefined });

    await eventually(async () => {
      const view = await call(admin, 'GET', `/consumer-groups/${group}`);
      expect(view.body).toMatchObject({ group, state: 'Stable', lagMessages: 3 });
      expect(view.body.members[0].assignment).toEqual([{ topic, partitions: [0, 1] }]);
      const [p0, p1] = view.body.partitions;
      expect(p0).toMatchObject({ partition: 0, committedOffset: '2', endOffset: '5',
        lagMessages: 3 });
      expect(p0.lagSeconds).toBeGreaterThanOrEqual(50);
      expect(p0.lagSeconds).toBeLessThan(120);
      expect(p1).toMatchObject({ partition: 1, lagMessages: 0, lagSeconds: 0 });
    }, 30000);
  });

  it('refuses to apply a reset while the group has an active member, with a clear message',
    async () => {
      const answer = await call(admin, 'POST', `/consumer-groups/${group}/offsets`,
        { body: { to: 'earliest', apply: true } });
      expect(answer.status).toBe(409);
      expect(answer.type).toMatch(/^application\/problem\+json/);
      expect(answer.body.detail).toMatch(/1 active member\(s\).*stop its consumers/);
      expect(await committed()).toEqual([[0, '2'], [1, '5']]);
    });

  it('shows before and after per partition in a dry run, and changes nothing', async () => {
    const answer = await call(admin, 'POST', `/consumer-groups/${group}/offsets`,
      { body: { to: 'earliest' } });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ dryRun: true, partitions: [
      { topic, partition: 0, before: '2', after: '0' },
      { topic, partition: 1, before: '5', after: '0' }] });
    expect(await committed()).toEqual([[0, '2'], [1, '5']]);
  });

  it('moves the offsets when applied to a group without members', async () => {
    await member!.disconnect();
    member = null;
    const reset = (body: object) => call(admin, 'POST', `/consumer-groups/${group}/offsets`,
      { body: { ...body, apply: true } });

    expect((await reset({ to: 'earliest' })).body).toMatchObject({ dryRun: false });
    expect(await committed()).toEqual([[0, '0'], [1, '0']]);
    await reset({ to: 'shift', shiftBy: 4 });
    expect(await committed()).toEqual([[0, '4'], [1, '4']]);
    await reset({ to: 'shift', shiftBy: 10 });
    expect(await committed()).toEqual([[0, '5'], [1, '5']]);
    await reset({ to: 'offsets', offsets: [{ topic, partition: 1, offset: 2 }] });
    expect(await committed()).toEqual([[0, '5'], [1, '2']]);
    // Partition 0 holds messages 0, 2, 4, 6, 8 and partition 1 messages 1, 3, 5, 7, 9: the first
    // at or after message 3's time is message 4 (offset 2) and message 3 (offset 1).
    await reset({ to: 'timestamp', timestamp: new Date(WRITTEN_AT + 3000).toISOString() });
    expect(await committed()).toEqual([[0, '2'], [1, '1']]);
    await reset({ to: 'latest' });
    expect(await committed()).toEqual([[0, '5'], [1, '5']]);
  });

  it('answers 4xx problem+json for an unknown group or topic, a bad offset or a future time',
    async () => {
      const reset = (target: string, body: object) => call(admin, 'POST',
        `/consumer-groups/${target}/offsets`, { body });
      const cases: [Promise<{ status: number; type: string | null }>, number][] = [
        [call(admin, 'GET', `/consumer-groups/test.no-such-group-${randomUUID()}`), 404],
        [reset(`test.no-such-group-${randomUUID()}`, { to: 'earliest' }), 404],
        [reset(group, { to: 'earliest', topics: [`no-such-topic-${randomUUID()}`] }), 404],
        [reset(group, { to: 'offsets', offsets: [{ topic, partition: 0, offset: 6 }] }), 400],
        [reset(group, { to: 'offsets', offsets: [{ topic, partition: 7, offset: 0 }] }), 400],
        [reset(group, { to: 'timestamp', timestamp: new Date(Date.now() + 60000).toISOString() }),
          400],
        [reset(group, { to: 'sideways' }), 400],
        [reset(group, { to: 'shift' }), 400],
        [call(admin, 'POST', '/consumer-groups', { body: { group, topics: [topic],
          to: 'earliest' } }), 409],
      ];
      for (const [answer, status] of cases) {
        const { status: got, type } = await answer;
        expect({ got, type })
          .toEqual({ got: status, type: expect.stringMatching(/problem\+json/) });
      }
      expect(await committed()).toEqual([[0, '5'], [1, '5']]);
    });

  it('refuses offsets that name one partition twice, naming the second, and moves nothing',
    async () => {
      const answer = await call(admin, 'POST', `/consumer-groups/${group}/offsets`,
        { body: { to: 'offsets', apply: true, offsets: [{ topic, partition: 0, offset: 1 },
          { topic, partition: 0, offset: 3 }] } });
      expect(answer.status).toBe(400);
      expect(answer.body.errors).toEqual([{ field: 'offsets[1]',
        rule: 'must not name a partition twice', value: { topic, partition: 0 } }]);
      expect(await committed()).toEqual([[0, '5'], [1, '5']]);
    });
});
