import { randomUUID } from 'node:crypto';
import { Kafka, Partitioners, Producer } from 'kafkajs';
import { EVENT_TOPICS, EventType } from '../../libs/schemas/event-catalog';
import { EventCodec } from '../../libs/schemas/event-codec';

export interface PublishedEvent {
  eventId: string;
  topic: string;
  partition: number;
  offset: string;
}

/**
 * Puts an event on its topic exactly as Debezium would (wire-format value, order id key, the
 * envelope headers), for tests that drive one service without the others.
 */
export class EventPublisher {
  private readonly producer: Producer;
  private connected = false;

  constructor(kafka: Kafka, private readonly codec: EventCodec) {
    this.producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  }

  async publish(
    eventType: EventType,
    orderId: string,
    payload: object,
    options: { eventId?: string; causationId?: string | null } = {},
  ): Promise<PublishedEvent> {
    if (!this.connected) {
      await this.producer.connect();
      this.connected = true;
    }
    await this.codec.registerLatest([eventType]);
    const eventId = options.eventId ?? randomUUID();
    const topic = EVENT_TOPICS[eventType];
    const [meta] = await this.producer.send({
      topic,
      acks: -1,
      messages: [{
        key: orderId,
        value: this.codec.encode(eventType, payload),
        headers: {
          id: eventId,
          eventType,
          correlationId: orderId,
          ...(options.causationId ? { causationId: options.causationId } : {}),
        },
      }],
    });
    return { eventId, topic, partition: meta!.partition, offset: meta!.baseOffset ?? '0' };
  }

  async close(): Promise<void> {
    if (this.connected) await this.producer.disconnect();
  }
}
