import { randomBytes } from 'node:crypto';
import { Kafka } from 'kafkajs';
import { databaseUrl } from '../../libs/config/platform-endpoints';
import { createPool } from '../../libs/db/pool';
import { deadLetterTopicOf } from '../../libs/kafka/consumer-groups';
import { topicWatermarks } from '../../libs/kafka/group-offsets';
import { EVENT_TOPIC_NAMES } from '../../libs/schemas/event-catalog';
import { migrateServiceDatabase } from '../support/migrate-database';
import { endpoints } from '../support/platform';
import { RunningService, startService } from '../support/service-process';

export const OPS_TOKEN = 'projection-test-ops-token';

/**
 * A projection of its own: a fresh database, its group under a random prefix (with that
 * group's dead-letter topic), so it neither sees nor disturbs the platform's projection.
 */
export class ScratchProjection {
  readonly name = `projection_t${randomBytes(5).toString('hex')}`;
  readonly prefix = `test.${this.name}.`;
  readonly groupId = `${this.prefix}projection.order-history`;
  readonly databaseUrl = databaseUrl(endpoints, this.name);
  private readonly admin = createPool({ connectionString: endpoints.PG_ADMIN_URL,
    maxConnections: 1, applicationName: 'test.projection' });
  service: RunningService | null = null;

  constructor(private readonly kafka: Kafka) {}

  /** Makes the database and, when asked, starts the group at the topics' current end. */
  async create(startAtTheEnd: boolean): Promise<void> {
    await this.admin.query(`create database ${this.name}`);
    await migrateServiceDatabase(this.databaseUrl, 'projection');
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await admin.createTopics({ waitForLeaders: true,
        topics: [{ topic: deadLetterTopicOf(this.groupId), numPartitions: 1 }] });
      if (!startAtTheEnd) return;
      for (const topic of EVENT_TOPIC_NAMES) {
        const partitions = (await topicWatermarks(admin, topic))
          .map((mark) => ({ partition: mark.partition, offset: mark.high }));
        await admin.setOffsets({ groupId: this.groupId, topic, partitions });
      }
    } finally {
      await admin.disconnect();
    }
  }

  async start(env: Record<string, string> = {}): Promise<RunningService> {
    this.service = await startService('projection', { DATABASE_URL: this.databaseUrl,
      CONSUMER_GROUP_PREFIX: this.prefix, OPS_TOKEN, ...env });
    return this.service;
  }

  async ops(method: 'GET' | 'POST', path: string) {
    const response = await fetch(`${this.service!.url}${path}`, { method,
      headers: { authorization: `Bearer ${OPS_TOKEN}`,
        ...(method === 'POST' ? { 'content-type': 'application/json' } : {}) },
      body: method === 'POST' ? '{}' : undefined });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  }

  async read(path: string) {
    const response = await fetch(`${this.service!.url}${path}`);
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  }

  async destroy(): Promise<void> {
    await this.service?.stop();
    await this.admin.query(`drop database if exists ${this.name} with (force)`);
    await this.admin.end();
    const admin = this.kafka.admin();
    await admin.connect();
    await admin.deleteGroups([this.groupId]).catch(() => undefined);
    await admin.deleteTopics({ topics: [deadLetterTopicOf(this.groupId)] }).catch(() => undefined);
    await admin.disconnect();
  }
}
