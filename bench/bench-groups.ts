import { Admin, Kafka } from 'kafkajs';
import { readGroupProgress } from '../libs/kafka/group-offsets';
import { deadLetterTopicOf } from '../libs/kafka/consumer-groups';
import { EVENT_TOPIC_NAMES } from '../libs/schemas/event-catalog';
import { SagaServiceName } from './start-bench-service';

/** The saga groups and what they read, as the services' main.ts subscribe them. */
const SAGA_GROUP_TOPICS: Record<SagaServiceName, string[]> = {
  orders: ['inventory.events', 'payments.events'],
  payments: ['inventory.events', 'orders.events'],
  inventory: ['orders.events', 'payments.events'],
};

export const SAGA_SERVICES = Object.keys(SAGA_GROUP_TOPICS) as SagaServiceName[];

/**
 * The bench's own copies of the three saga groups (`<prefix><service>.saga`). They start at
 * the topics' end offsets, so they neither replay history nor take partitions from the groups
 * of services that tests or `make up` run, and are deleted with their dead-letter topics after.
 */
export class BenchGroups {
  private constructor(readonly prefix: string, private readonly admin: Admin) {}

  static async create(kafka: Kafka, prefix: string): Promise<BenchGroups> {
    const admin = kafka.admin();
    await admin.connect();
    const groups = new BenchGroups(prefix, admin);
    await admin.createTopics({ waitForLeaders: true, topics: SAGA_SERVICES.map((service) => ({
      topic: deadLetterTopicOf(groups.groupOf(service)), numPartitions: 1 })) });
    for (const service of SAGA_SERVICES) {
      for (const topic of SAGA_GROUP_TOPICS[service]) {
        const ends = await admin.fetchTopicOffsets(topic);
        await admin.setOffsets({ groupId: groups.groupOf(service), topic,
          partitions: ends.map((end) => ({ partition: end.partition, offset: end.high })) });
      }
    }
    return groups;
  }

  groupOf(service: SagaServiceName): string {
    return `${this.prefix}${service}.saga`;
  }

  get groupIds(): string[] {
    return SAGA_SERVICES.map((service) => this.groupOf(service));
  }

  /** Messages not yet committed by each group, from the broker's committed offsets. */
  async lag(): Promise<Record<SagaServiceName, number>> {
    const lag = {} as Record<SagaServiceName, number>;
    for (const service of SAGA_SERVICES) {
      const progress = await readGroupProgress(this.admin, this.groupOf(service),
        SAGA_GROUP_TOPICS[service]);
      lag[service] = progress.reduce((sum, partition) => sum + partition.lagMessages, 0);
    }
    return lag;
  }

  /** The end offset of every partition of the event topics: where the next event lands. */
  async eventTopicEnds(): Promise<Map<string, string>> {
    const ends = new Map<string, string>();
    for (const topic of EVENT_TOPIC_NAMES) {
      for (const end of await this.admin.fetchTopicOffsets(topic)) {
        ends.set(`${topic}/${end.partition}`, end.high);
      }
    }
    return ends;
  }

  /** Deletes the groups (their members must have left) and their dead-letter topics. */
  async remove(): Promise<void> {
    try {
      await this.admin.deleteGroups(this.groupIds);
      await this.admin.deleteTopics({ topics: this.groupIds.map(deadLetterTopicOf) });
    } finally {
      await this.admin.disconnect();
    }
  }
}
