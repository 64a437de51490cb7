import { randomUUID } from 'node:crypto';
import { Kafka, Partitioners, Producer } from 'kafkajs';
import { Pool } from 'pg';
import {
  EventConsumer,
  EventConsumerOptions,
  EventHandlers,
} from '../../libs/consumer/event-consumer';
import { createPool } from '../../libs/db/pool';
import { deadLetterTopicOf } from '../../libs/kafka/consumer-groups';
import { createLogger } from '../../libs/logging/logger';
import { EventCodec } from '../../libs/schemas/event-codec';
import { freshCodec, testKafka, testPool } from './platform';

/**
 * A consumer group of its own on topics of its own, in the orders database (which has the
 * platform's inbox and dead-letter tables), for tests of the consumer runtime.
 */
export class TestConsumerBed {
  readonly topic = `test.events-${randomUUID()}`;
  readonly groupId = `test.runtime-${randomUUID()}`;
  readonly kafka: Kafka = testKafka();
  readonly pool: Pool;
  readonly codec: EventCodec = freshCodec();
  private readonly producer: Producer = this.kafka.producer({
    createPartitioner: Partitioners.DefaultPartitioner });
  private consumers: EventConsumer[] = [];

  /** `databaseUrl` lets a test route the consumer's database through a proxy it can cut. */
  constructor(databaseUrl?: string) {
    this.pool = databaseUrl ? createPool({ connectionString: databaseUrl, maxConnections: 5,
      applicationName: 'test-consumer' }) : testPool('orders');
  }

  async setUp(partitions = 2): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    await admin.createTopics({ waitForLeaders: true, topics: [
      { topic: this.topic, numPartitions: partitions },
      { topic: deadLetterTopicOf(this.groupId), numPartitions: 1 },
    ] });
    await admin.disconnect();
    await this.producer.connect();
    await this.codec.registerLatest(['OrderPlaced']);
  }

  async start(handlers: EventHandlers, options: Partial<EventConsumerOptions> = {}) {
    const consumer = new EventConsumer({ kafka: this.kafka, pool: this.pool, codec: this.codec,
      log: createLogger('test-consumer'), groupId: this.groupId, topics: [this.topic],
      handlers, retryBaseMs: 20, retryCapMs: 100, ...options });
    await consumer.start();
    this.consumers.push(consumer);
    return consumer;
  }

  /** Sends an OrderPlaced for `key`; returns its event id. */
  async send(key: string, options: { value?: Buffer; eventId?: string } = {}): Promise<string> {
    const eventId = options.eventId ?? randomUUID();
    const value = options.value ?? this.codec.encode('OrderPlaced', { orderId: key,
      customerId: 'c', lines: [{ sku: 'S', quantity: 1 }], placedAt: new Date() });
    await this.producer.send({ topic: this.topic, acks: -1, messages: [{ key, value,
      headers: { id: eventId, eventType: 'OrderPlaced', correlationId: key } }] });
    return eventId;
  }

  async tearDown(): Promise<void> {
    for (const consumer of this.consumers) await consumer.stop().catch(() => undefined);
    await this.producer.disconnect();
    for (const table of ['inbox', 'dead_letters', 'parked_events', 'consumer_attempts']) {
      await this.pool.query(`delete from ${table} where consumer_group = $1`, [this.groupId]);
    }
    const admin = this.kafka.admin();
    await admin.connect();
    await admin.deleteGroups([this.groupId]).catch(() => undefined);
    await admin.deleteTopics({ topics: [this.topic, deadLetterTopicOf(this.groupId)] })
      .catch(() => undefined);
    await admin.disconnect();
    await this.pool.end();
  }
}
