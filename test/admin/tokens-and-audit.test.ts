import { randomBytes, randomUUID } from 'node:crypto';
import { Admin, Kafka, Partitioners } from 'kafkajs';
import { databaseUrl } from '../../libs/config/platform-endpoints';
import { createPool } from '../../libs/db/pool';
import { migrateServiceDatabase } from '../support/migrate-database';
import { endpoints, testKafka } from '../support/platform';
import { freePort, RunningService } from '../support/service-process';
import { ADMIN_TOKEN, call, documentedOperations, READ_TOKEN, startAdmin } from './admin-service';

const EXAMPLE_PARAMS: Record<string, string> = {
  topic: 'orders.events', group: 'orders.saga', id: '1', orderId: randomUUID(),
  connector: 'orders-outbox', task: '0',
};

const withParams = (route: string) =>
  route.replace(/:(\w+)/g, (_match, name: string) => EXAMPLE_PARAMS[name] ?? 'x');

describe('the admin API\'s tokens and audit log', () => {
  let admin: RunningService;
  let kafka: Kafka;
  let kafkaAdmin: Admin;
  const topic = `test.admin-audit-${randomUUID()}`;
  const group = `test.admin-audit-${randomUUID()}`;
  const secured = documentedOperations().filter((op) => op.secured);
  // An audit log of its own, so changes other tests make elsewhere do not show in it.
  const database = `admin_t${randomBytes(5).toString('hex')}`;
  const server = createPool({ connectionString: endpoints.PG_ADMIN_URL, maxConnections: 1,
    applicationName: 'test.admin' });

  beforeAll(async () => {
    kafka = testKafka();
    kafkaAdmin = kafka.admin();
    await kafkaAdmin.connect();
    await kafkaAdmin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 2 }] });
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    await producer.send({ topic, messages: [0, 0, 1].map((partition) => ({ partition,
      value: 'x' })) });
    await producer.disconnect();
    await server.query(`create database ${database}`);
    await migrateServiceDatabase(databaseUrl(endpoints, database), 'admin');
    // Nothing listens there: the projection's rebuild meets a service that is down.
    admin = await startAdmin({ DATABASE_URL: databaseUrl(endpoints, database),
      PROJECTION_URL: `http://127.0.0.1:${await freePort()}` });
  });

  afterAll(async () => {
    await admin?.stop();
    await kafkaAdmin.deleteGroups([group]).catch(() => undefined);
    await kafkaAdmin.deleteTopics({ topics: [topic] });
    await kafkaAdmin.disconnect();
    await server.query(`drop database if exists ${database} with (force)`);
    await server.end();
  });

  it('answers 401 problem+json on every route without a token or with a wrong one', async () => {
    expect(secured.length).toBeGreaterThan(20);
    for (const op of secured) {
      for (const token of [null, 'not-a-token-of-this-service', `${ADMIN_TOKEN}x`]) {
        const answer = await call(admin, op.method, withParams(op.route), { token });
        expect({ route: op.route, status: answer.status, type: answer.type })
          .toEqual({ route: op.route, status: 401,
            type: 'application/problem+json; charset=utf-8' });
      }
    }
  });

  it('answers 403 to the read-only token on every change, and records nothing', async () => {
    const before = await call(admin, 'GET', '/audit?limit=1000');
    for (const op of secured.filter((entry) => entry.method === 'POST')) {
      const answer = await call(admin, op.method, withParams(op.route), { token: READ_TOKEN,
        body: { to: 'earliest' } });
      expect({ route: op.route, status: answer.status }).toEqual({ route: op.route, status: 403 });
    }
    const after = await call(admin, 'GET', '/audit?limit=1000', { token: READ_TOKEN });
    expect(after.status).toBe(200);
    expect(after.body.entries.length).toBe(before.body.entries.length);
  });

  it('writes every change to the audit log: who, what, when, before and after', async () => {
    const startedAt = Date.now();
    const created = await call(admin, 'POST', '/consumer-groups',
      { body: { group, topics: [topic], to: 'latest' } });
    expect(created.status).toBe(201);
    const reset = await call(admin, 'POST', `/consumer-groups/${group}/offsets`,
      { body: { to: 'earliest', apply: true } });
    expect(reset.status).toBe(200);
    const rebuild = await call(admin, 'POST', '/projection/rebuild');
    expect(rebuild.status).toBe(503);
    const restart = await call(admin, 'POST', '/connectors/no-such-connector/tasks/0/restart');
    expect(restart.status).toBe(404);

    const audit = await call(admin, 'GET', '/audit?actor=admin&limit=20', { token: READ_TOKEN });
    const entries = audit.body.entries.reverse();
    expect(entries.map((entry: any) => [entry.method, entry.route, entry.status])).toEqual([
      ['POST', '/consumer-groups', 201],
      ['POST', '/consumer-groups/:group/offsets', 200],
      ['POST', '/projection/rebuild', 503],
      ['POST', '/connectors/:connector/tasks/:task/restart', 404],
    ]);
    for (const entry of entries) {
      expect(entry.actor).toBe('admin');
      expect(Date.parse(entry.at)).toBeGreaterThanOrEqual(startedAt - 1000);
    }
    expect(entries[1].params).toMatchObject({ path: { group },
      body: { to: 'earliest', apply: true } });
    expect(entries[1].before).toEqual([{ topic, partition: 0, offset: '2' },
      { topic, partition: 1, offset: '1' }]);
    expect(entries[1].after).toEqual([{ topic, partition: 0, offset: '0' },
      { topic, partition: 1, offset: '0' }]);
    expect(entries[3].after).toMatchObject({ error: expect.stringContaining('no-such-connector') });
  });
});
