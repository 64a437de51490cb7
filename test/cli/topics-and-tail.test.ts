import { randomUUID } from 'node:crypto';
import { Admin, Kafka, Partitioners, Producer } from 'kafkajs';
import { call, READ_TOKEN, startAdmin } from '../admin/admin-service';
import { eventually } from '../support/eventually';
import { testKafka } from '../support/platform';
import { RunningService } from '../support/service-process';
import { dropTestTopic } from '../support/test-topic';
import { sagactl, sagactlEnv, startSagactl } from './sagactl';

describe('sagactl topics and tail', () => {
  let admin: RunningService;
  let kafka: Kafka;
  let kafkaAdmin: Admin;
  let producer: Producer;
  const topic = `test.cli-tail-${randomUUID()}`;
  // Reads need only the read-only token.
  const env = () => sagactlEnv(admin, READ_TOKEN);

  beforeAll(async () => {
    kafka = testKafka();
    kafkaAdmin = kafka.admin();
    await kafkaAdmin.connect();
    await kafkaAdmin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 2 }] });
    producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    // Not Avro: the CLI shows why each value does not decode.
    await producer.send({ topic, messages: Array.from({ length: 6 }, (_, i) => ({
      partition: i % 2, key: `k${i}`, value: `m${i}`, headers: { note: `n${i}` } })) });
    admin = await startAdmin();
  });

  afterAll(async () => {
    await admin?.stop();
    await producer.disconnect();
    await dropTestTopic(kafkaAdmin, topic);
  });

  it('lists the topic with its partitions and messages, and one topic\'s offsets', async () => {
    const all = await sagactl(['topics'], env());
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(/^TOPIC +PARTITIONS +MESSAGES$/m);
    expect(all.stdout).toMatch(new RegExp(`^${topic} +2 +6$`, 'm'));
    expect(all.stdout).not.toMatch(/^__consumer_offsets /m);

    const one = await sagactl(['topics', topic], env());
    expect(one.stdout.trimEnd().split('\n')).toEqual([`${topic}: 6 messages`,
      expect.stringMatching(/^PARTITION +LOW +END +MESSAGES$/),
      expect.stringMatching(/^ +0 +0 +3 +3$/), expect.stringMatching(/^ +1 +0 +3 +3$/)]);

    const json = await sagactl(['topics', topic, '--json'], env());
    expect(JSON.parse(json.stdout)).toEqual((await call(admin, 'GET', `/topics/${topic}`)).body);
  });

  it('prints one line per message, and with --json the API\'s body', async () => {
    const run = await sagactl(['tail', topic, '--partition', '1', '--limit', '2', '--headers'],
      env());
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(new RegExp(`^\\S+Z  ${topic}/1@2  key=k5  undecodable \\(.+\\)  ` +
      'headers=\\{"note":"n5"\\}$'));

    // Placed by the key's hash, as the API's key search expects.
    await producer.send({ topic, messages: [{ key: 'by-key', value: 'k' }] });
    const byKey = await sagactl(['tail', topic, '--key', 'by-key', '--json'], env());
    const answer = await call(admin, 'GET', `/topics/${topic}/messages?key=by-key`,
      { token: READ_TOKEN });
    expect(JSON.parse(byKey.stdout)).toEqual(answer.body);
    expect(answer.body.messages.map((m: { key: string }) => m.key)).toEqual(['by-key']);
  });

  it('shows control characters in keys as escapes, and with --json the API\'s body', async () => {
    const key = 'a\u0000b\u001b[31mc\u007f\u009b\u202e\n"\\';
    await producer.send({ topic, messages: [{ partition: 1, key, value: 'c' }] });
    const run = await sagactl(['tail', topic, '-p', '1', '-n', '1'], env());
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout.split('\n')).toEqual([expect.stringContaining(
      '  key=a\\u0000b\\u001b[31mc\\u007f\\u009b\\u202e\\n\\"\\\\  undecodable'), '']);
    expect(run.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);

    const json = await sagactl(['tail', topic, '-p', '1', '-n', '1', '--json'], env());
    const answer = await call(admin, 'GET', `/topics/${topic}/messages?partition=1&limit=1`,
      { token: READ_TOKEN });
    expect(JSON.parse(json.stdout)).toEqual(answer.body);
    expect(answer.body.messages[0].key).toBe(key);
  });

  it('exits 3 for a topic the broker does not have', async () => {
    const run = await sagactl(['tail', `test.no-such-topic-${randomUUID()}`], env());
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/^error: GET \/topics\/.* answered 404 Topic not found: /);
  });

  it('follows new messages with -f until interrupted, then exits 0', async () => {
    const tail = startSagactl(['tail', topic, '-f', '--json'], env());
    try {
      // The stream starts reading a moment after the CLI starts: write until it shows one.
      let sent = 0;
      await eventually(async () => {
        await producer.send({ topic,
          messages: [{ partition: 0, key: 'new', value: `f${sent++}` }] });
        expect(tail.output().stdout).toContain('"key":"new"');
      }, 30000);
    } finally {
      tail.child.kill('SIGINT');
    }
    const run = await tail.exited;
    expect(run).toMatchObject({ code: 0, stderr: '' });
    for (const line of run.stdout.trimEnd().split('\n')) {
      expect(JSON.parse(line)).toMatchObject({ topic, partition: 0, key: 'new' });
    }
  });
});
