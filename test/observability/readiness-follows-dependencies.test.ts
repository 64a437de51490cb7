import { randomBytes } from 'node:crypto';
import { Kafka } from 'kafkajs';
import { Pool } from 'pg';
import { databaseUrl } from '../../libs/config/platform-endpoints';
import { eventually } from '../support/eventually';
import { migrateServiceDatabase } from '../support/migrate-database';
import { endpoints, postJson, testKafka } from '../support/platform';
import { RunningService, startService } from '../support/service-process';

const TOPICS = ['inventory.events', 'orders.events'];
const OPS_TOKEN = `ops-${randomBytes(16).toString('hex')}`;

interface Readiness {
  status: string;
  checks: { name: string; ok: boolean; error?: string }[];
}

/**
 * A payments service on a database of its own, created for this suite, and in a consumer
 * group of its own that starts at the end of its topics: blocking that database or pausing
 * that group touches nothing another suite uses.
 */
describe('/readyz follows the database and the consumers', () => {
  const suffix = randomBytes(4).toString('hex');
  const database = `obs_ready_${suffix}`;
  const groupPrefix = `test-${suffix}.`;
  const groupId = `${groupPrefix}payments.saga`;
  let admin: Pool;
  let kafka: Kafka;
  let payments: RunningService;

  const readiness = async () => {
    const response = await fetch(`${payments.url}/readyz`);
    return { status: response.status, body: (await response.json()) as Readiness };
  };
  const check = (body: Readiness, name: string) =>
    body.checks.find((candidate) => candidate.name === name);
  const ops = (action: string, token?: string) => postJson(
    `${payments.url}/ops/consumers/${action}`, {},
    token === undefined ? {} : { authorization: `Bearer ${token}` });

  async function startGroupAtTheEnd() {
    const kafkaAdmin = kafka.admin();
    await kafkaAdmin.connect();
    try {
      for (const topic of TOPICS) {
        const offsets = await kafkaAdmin.fetchTopicOffsets(topic);
        await kafkaAdmin.setOffsets({ groupId, topic,
          partitions: offsets.map(({ partition, high }) => ({ partition, offset: high })) });
      }
    } finally {
      await kafkaAdmin.disconnect();
    }
  }

  async function allowConnections(allowed: boolean) {
    await admin.query(`alter database ${database} allow_connections ${allowed}`);
    if (!allowed) {
      await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity
        where datname = $1 and pid <> pg_backend_pid()`, [database]);
    }
  }

  beforeAll(async () => {
    admin = new Pool({ connectionString: endpoints.PG_ADMIN_URL, max: 2 });
    kafka = testKafka();
    await admin.query(`create database ${database}`);
    const url = databaseUrl(endpoints, database);
    await migrateServiceDatabase(url, 'payments');
    await startGroupAtTheEnd();
    payments = await startService('payments', { DATABASE_URL: url, OPS_TOKEN,
      CONSUMER_GROUP_PREFIX: groupPrefix, CONSUMER_MAX_ATTEMPTS: '100' });
  });

  afterAll(async () => {
    await payments?.stop();
    await admin.query(`alter database ${database} allow_connections true`).catch(() => undefined);
    await admin.query(`drop database if exists ${database} with (force)`);
    await admin.end();
    const kafkaAdmin = kafka.admin();
    await kafkaAdmin.connect();
    await kafkaAdmin.deleteGroups([groupId]).catch(() => undefined);
    await kafkaAdmin.disconnect();
  });

  it('refuses to pause consumers without the ops token, or with a wrong one', async () => {
    for (const token of [undefined, 'wrong-token', `${OPS_TOKEN.slice(0, -1)}x`]) {
      const answer = await ops('pause', token);
      expect(answer.status).toBe(401);
      expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(answer.body).toMatchObject({ status: 401, title: 'Unauthorized' });
    }
    expect((await readiness()).status).toBe(200);
  });

  it('turns unready while its consumer is paused, and ready again once resumed', async () => {
    expect((await readiness()).status).toBe(200);

    const paused = await ops('pause', OPS_TOKEN);
    expect(paused.status).toBe(200);
    expect(paused.body.consumers).toEqual([{ group: groupId, ok: false,
      reason: 'paused by an operator' }]);
    const unready = await readiness();
    expect(unready.status).toBe(503);
    expect(check(unready.body, `consumer ${groupId}`)).toMatchObject({ ok: false,
      error: 'paused by an operator' });
    expect(check(unready.body, 'postgres')).toMatchObject({ ok: true });
    expect((await fetch(`${payments.url}/healthz`)).status).toBe(200);

    expect((await ops('resume', OPS_TOKEN)).status).toBe(200);
    await eventually(async () => expect((await readiness()).status).toBe(200), 20000);
  });

  it('pauses one consumer group by name and answers 404 for a group it does not run', async () => {
    expect((await ops('payments.saga/pause', OPS_TOKEN)).status).toBe(404);
    expect((await ops(`${groupId}/pause`, OPS_TOKEN)).status).toBe(200);
    expect((await readiness()).status).toBe(503);
    expect((await ops(`${groupId}/resume`, OPS_TOKEN)).status).toBe(200);
    await eventually(async () => expect((await readiness()).status).toBe(200), 20000);
  });

  it('turns unready while its database refuses connections, and ready once it accepts',
    async () => {
    expect((await readiness()).status).toBe(200);

    await allowConnections(false);
    try {
      await eventually(async () => {
        const unready = await readiness();
        expect(unready.status).toBe(503);
        expect(check(unready.body, 'postgres')).toMatchObject({ ok: false });
      }, 20000);
      expect((await fetch(`${payments.url}/healthz`)).status).toBe(200);
    } finally {
      await allowConnections(true);
    }

    await eventually(async () => expect((await readiness()).status).toBe(200), 20000);
  });
});
