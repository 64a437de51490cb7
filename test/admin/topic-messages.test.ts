import { randomUUID } from 'node:crypto';
import { Admin, Kafka, Partitioners, Producer } from 'kafkajs';
import { partitionOfKey } from '../../libs/kafka/partition-of-key';
import { freshCodec, testKafka } from '../support/platform';
import { RunningService } from '../support/service-process';
import { dropTestTopic } from '../support/test-topic';
import { ADMIN_TOKEN, call, startAdmin } from './admin-service';

describe('reading topics through the admin API', () => {
  let admin: RunningService;
  let kafka: Kafka;
  let kafkaAdmin: Admin;
  let producer: Producer;
  const topic = `test.admin-browse-${randomUUID()}`;
  const keys = Array.from({ length: 200 }, (_, i) => `order-${i}-${randomUUID()}`);
  const observed = new Map<string, number>();

  beforeAll(async () => {
    kafka = testKafka();
    kafkaAdmin = kafka.admin();
    await kafkaAdmin.connect();
    await kafkaAdmin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 6 }] });
    producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const codec = freshCodec();
    await codec.registerLatest(['OrderPlaced']);
    for (const key of keys) {
      const [meta] = await producer.send({ topic, messages: [{ key, headers: { eventType:
        'OrderPlaced', id: randomUUID() }, value: codec.encode('OrderPlaced', { orderId: key,
        customerId: 'c-1', lines: [{ sku: 'A', quantity: 1 }], placedAt: new Date() }) }] });
      observed.set(key, meta!.partition);
    }
    admin = await startAdmin();
  });

  afterAll(async () => {
    await admin?.stop();
    await producer.disconnect();
    await dropTestTopic(kafkaAdmin, topic);
  });

  it('maps a key to the partition kafkajs\' default partitioner (murmur2) wrote it to', () => {
    for (const key of keys) expect([key, partitionOfKey(key, 6)]).toEqual([key, observed.get(key)]);
  });

  it('lists the topic with its partitions, offsets and sizes', async () => {
    const answer = await call(admin, 'GET', `/topics/${topic}`);
    expect(answer.body).toMatchObject({ topic, messages: 200 });
    expect(answer.body.partitions).toHaveLength(6);
    const listed = await call(admin, 'GET', '/topics');
    expect(listed.body.topics.map((t: { topic: string }) => t.topic)).toContain(topic);
  });

  it('finds a key\'s messages reading only the partition the key maps to, Avro decoded',
    async () => {
      const key = keys[17]!;
      const answer = await call(admin, 'GET', `/topics/${topic}/messages?key=${key}`);
      expect(answer.body).toMatchObject({ mode: 'key', partitions: [observed.get(key)] });
      expect(answer.body.messages).toHaveLength(1);
      expect(answer.body.messages[0]).toMatchObject({ key, partition: observed.get(key),
        headers: { eventType: 'OrderPlaced' },
        value: { eventType: 'OrderPlaced', payload: { orderId: key, customerId: 'c-1' } } });
    });

  it('reads by partition and offset, and from a timestamp', async () => {
    const partition = observed.get(keys[0]!)!;
    const byOffset = await call(admin, 'GET',
      `/topics/${topic}/messages?partition=${partition}&offset=0&limit=3`);
    expect(byOffset.body.messages.map((m: { offset: string }) => m.offset))
      .toEqual(['0', '1', '2']);
    expect(byOffset.body.messages[0].key).toBe(keys[0]);

    const when = byOffset.body.messages[1].timestamp;
    const byTime = await call(admin, 'GET',
      `/topics/${topic}/messages?partition=${partition}&timestamp=${when}&limit=2`);
    expect(byTime.body.mode).toBe('timestamp');
    expect(Date.parse(byTime.body.messages[0].timestamp)).toBeGreaterThanOrEqual(Date.parse(when));
  });

  it('answers 4xx problem+json for an unknown topic, a bad offset, a future time or a bad path',
    async () => {
      const future = new Date(Date.now() + 3600000).toISOString();
      const cases: [string, number][] = [
        [`/topics/no-such-topic-${randomUUID()}`, 404],
        [`/topics/no-such-topic-${randomUUID()}/messages`, 404],
        [`/topics/${topic}/messages?partition=0&offset=99999`, 400],
        [`/topics/${topic}/messages?partition=9&offset=0`, 400],
        [`/topics/${topic}/messages?offset=3`, 400],
        [`/topics/${topic}/messages?timestamp=${future}`, 400],
        [`/topics/${topic}/messages?limit=0`, 400],
        [`/topics/${topic}/messages?colour=red`, 400],
        ['/topics/%ZZ/messages', 400],
      ];
      for (const [route, status] of cases) {
        const answer = await call(admin, 'GET', route);
        expect({ route, status: answer.status, type: answer.type }).toEqual({ route, status,
          type: expect.stringMatching(/^application\/problem\+json/) });
      }
    });

  it('streams new messages of a topic as server-sent events', async () => {
    const abort = new AbortController();
    const giveUp = setTimeout(() => abort.abort(), 30000);
    const response = await fetch(`${admin.url}/topics/${topic}/tail`, { signal: abort.signal,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = response.body!.getReader();
    let text = '';
    const readUntil = async (pattern: RegExp) => {
      while (!pattern.test(text)) text += new TextDecoder().decode((await reader.read()).value);
    };
    try {
      await readUntil(/event: ready/);
      const key = `tail-${randomUUID()}`;
      await producer.send({ topic, messages: [{ key, value: 'plain bytes' }] });
      await readUntil(new RegExp(`"key":"${key}"`));
      const event = text.split('\n\n').find((chunk) => chunk.includes(key))!;
      expect(event).toMatch(/^event: message/);
      const data = JSON.parse(event.split('\n').find((line) => line.startsWith('data: '))!
        .slice(6));
      expect(data).toMatchObject({ topic, key, value: null,
        undecodable: { base64: Buffer.from('plain bytes').toString('base64') } });
    } finally {
      clearTimeout(giveUp);
      abort.abort();
    }
  });
});
