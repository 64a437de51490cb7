import { randomUUID } from 'node:crypto';
import { Admin, Kafka, Producer } from 'kafkajs';
import { testKafka } from '../support/platform';

/**
 * Every kafkajs call the platform makes, against the pinned broker (Kafka 4.3.0, which removed
 * old protocol versions). If one of these fails, the broker pin is wrong.
 */
describe('kafkajs 2.2.4 against the pinned broker', () => {
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  const topic = `smoke-${randomUUID()}`;
  const groupId = `smoke.group-${randomUUID()}`;

  beforeAll(async () => {
    kafka = testKafka();
    admin = kafka.admin();
    producer = kafka.producer();
    await Promise.all([admin.connect(), producer.connect()]);
  });

  afterAll(async () => {
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await Promise.all([admin.disconnect(), producer.disconnect()]);
  });

  async function consumeAll(client: Kafka, group: string, name: string, count: number) {
    const consumer = client.consumer({ groupId: group, maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topic: name, fromBeginning: true });
    const values: string[] = [];
    await new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message }) => {
          values.push(message.value!.toString());
          if (values.length === count) resolve();
        },
      });
    });
    const described = await admin.describeGroups([group]);
    await consumer.disconnect();
    return { values, state: described.groups[0]!.state };
  }

  it('creates a topic with partitions and retention', async () => {
    const created = await admin.createTopics({
      topics: [{ topic, numPartitions: 3, configEntries: [{ name: 'retention.ms', value: '-1' }] }],
      waitForLeaders: true,
    });
    expect(created).toBe(true);
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(metadata.topics[0]!.partitions).toHaveLength(3);
  });

  it('produces and consumes in a group, then reports and moves the group offsets', async () => {
    const before = Date.now();
    await producer.send({
      topic,
      messages: Array.from({ length: 9 }, (_, i) => ({ key: `k-${i}`, value: `v-${i}` })),
    });

    const firstRead = await consumeAll(kafka, groupId, topic, 9);
    expect(firstRead.values.sort()).toEqual(Array.from({ length: 9 }, (_, i) => `v-${i}`).sort());
    expect(firstRead.state).toBe('Stable');

    const committed = await admin.fetchOffsets({ groupId, topics: [topic] });
    const total = committed[0]!.partitions.reduce((sum, p) => sum + Number(p.offset), 0);
    expect(total).toBe(9);

    await admin.resetOffsets({ groupId, topic, earliest: true });
    // kafkajs commits its "earliest" marker (-2); the group's next member reads from the start.
    const reread = await consumeAll(kafka, groupId, topic, 9);
    expect(reread.values).toHaveLength(9);

    await admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '1' }] });
    const set = await admin.fetchOffsets({ groupId, topics: [topic] });
    expect(set[0]!.partitions.find((p) => p.partition === 0)!.offset).toBe('1');

    const byTime = await admin.fetchTopicOffsetsByTimestamp(topic, before - 60000);
    expect(byTime.every((p) => p.offset === '0')).toBe(true);
    const ends = await admin.fetchTopicOffsets(topic);
    expect(ends.reduce((sum, p) => sum + Number(p.high), 0)).toBe(9);
  });
});
