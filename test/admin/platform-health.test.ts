import { randomUUID } from 'node:crypto';
import { Admin, Kafka } from 'kafkajs';
import { eventually } from '../support/eventually';
import { testKafka, testPool } from '../support/platform';
import { RunningService } from '../support/service-process';
import { createTopicWithMessages, dropTestTopic } from '../support/test-topic';
import { call, startAdmin } from './admin-service';

/** Samples of one metric, as `{labels} value` lines without the name. */
async function samples(admin: RunningService, metric: string): Promise<string[]> {
  const text = await (await fetch(`${admin.url}/metrics`)).text();
  return text.split('\n').filter((line) => line.startsWith(`${metric}{`))
    .map((line) => line.slice(metric.length));
}

describe('connectors, replication slots and lag metrics through the admin API', () => {
  let admin: RunningService;
  let kafka: Kafka;
  let kafkaAdmin: Admin;
  const topic = `test.admin-lag-${randomUUID()}`;
  const group = `test.admin-lag-${randomUUID()}`;

  beforeAll(async () => {
    kafka = testKafka();
    kafkaAdmin = kafka.admin();
    await kafkaAdmin.connect();
    await createTopicWithMessages(kafka, kafkaAdmin, topic,
      { partitions: 1, count: 3, writtenAt: Date.now() - 90000 });
    await kafkaAdmin.setOffsets({ groupId: group, topic, partitions: [{ partition: 0,
      offset: '1' }] });
    admin = await startAdmin();
  });

  afterAll(async () => {
    await admin?.stop();
    await dropTestTopic(kafkaAdmin, topic, [group]);
  });

  it('lists each connector and task with its state, and each slot with its lag in bytes',
    async () => {
      const connectors = await call(admin, 'GET', '/connectors');
      expect(connectors.body.connectors).toContainEqual(expect.objectContaining({
        connector: 'orders-outbox', state: 'RUNNING',
        tasks: [expect.objectContaining({ task: 0, state: 'RUNNING' })] }));
      const slots = await call(admin, 'GET', '/replication-slots');
      const slot = slots.body.slots.find((entry: { slot: string }) =>
        entry.slot === 'orders_outbox');
      expect(slot).toMatchObject({ database: 'orders', plugin: 'pgoutput' });
      expect(slot.lagBytes).toBeGreaterThanOrEqual(0);
    });

  it('answers 404 for a task restart of an unknown connector or task', async () => {
    expect((await call(admin, 'POST', `/connectors/no-such-${randomUUID()}/tasks/0/restart`))
      .status).toBe(404);
    expect((await call(admin, 'POST', '/connectors/orders-outbox/tasks/7/restart')).status)
      .toBe(404);
  });

  it('restarts a connector task: Debezium reconnects its slot and the task runs again',
    async () => {
      const pg = testPool('payments');
      const slotPid = async () => (await pg.query<{ pid: number | null }>(
        "select active_pid as pid from pg_replication_slots where slot_name = 'payments_outbox'"))
        .rows[0]?.pid ?? null;
      try {
        const before = await slotPid();
        expect(before).not.toBeNull();
        const restart = await call(admin, 'POST', '/connectors/payments-outbox/tasks/0/restart');
        expect(restart.status).toBe(202);
        expect(restart.body).toMatchObject({ connector: 'payments-outbox', task: 0,
          restartRequested: true });
        // A new task opens a new replication connection: another walsender holds the slot.
        await eventually(async () => {
          const after = await slotPid();
          expect(after).not.toBeNull();
          expect(after).not.toBe(before);
        }, 60000);
        await eventually(async () => {
          const connectors = await call(admin, 'GET', '/connectors');
          expect(connectors.body.connectors).toContainEqual(expect.objectContaining({
            connector: 'payments-outbox',
            tasks: [expect.objectContaining({ task: 0, state: 'RUNNING' })] }));
        }, 60000);
      } finally {
        await pg.end();
      }
    });

  it('exports lag in messages and seconds for every group, slots and connector state',
    async () => {
      await eventually(async () => {
        const labels = `{group="${group}",topic="${topic}",partition="0"}`;
        expect(await samples(admin, 'consumer_group_lag_messages')).toContain(`${labels} 2`);
        const age = (await samples(admin, 'consumer_group_lag_seconds'))
          .find((line) => line.startsWith(labels));
        // The oldest unconsumed message (offset 1) was written 89 seconds ago.
        expect(Number(age?.split(' ')[1])).toBeGreaterThanOrEqual(85);
        expect((await samples(admin, 'consumer_group_lag_seconds'))
          .some((line) => line.startsWith('{group="orders.saga"'))).toBe(true);
      }, 30000);
      expect(await samples(admin, 'replication_slot_active'))
        .toContain('{slot="orders_outbox"} 1');
      expect((await samples(admin, 'replication_slot_lag_bytes'))
        .some((line) => line.startsWith('{slot="orders_outbox"}'))).toBe(true);
      expect(await samples(admin, 'connector_state'))
        .toContain('{connector="orders-outbox",state="RUNNING"} 1');
      expect(await samples(admin, 'connector_task_state'))
        .toContain('{connector="orders-outbox",task="0",state="FAILED"} 0');
    });
});
