import { readPlatformEndpoints } from '../../libs/config/platform-endpoints';
import { createKafka } from '../../libs/kafka/create-kafka';
import { endOffsets, readTopic } from '../../libs/kafka/read-topic';
import { EventCodec } from '../../libs/schemas/event-codec';

const ORDERS_URL = process.env.ORDERS_URL ?? 'http://127.0.0.1:3001';

const SAMPLE_ORDERS = [
  { customerId: 'demo-ada', lines: [{ sku: 'TSHIRT-M', quantity: 2 }] },
  { customerId: 'demo-grace',
    lines: [{ sku: 'MUG-BLUE', quantity: 1 }, { sku: 'CAP-RED', quantity: 3 }] },
  { customerId: 'demo-linus', lines: [{ sku: 'SOCKS-L', quantity: 5 }] },
];

/** The main job, small: place sample orders and show each one's event as read from Kafka. */
async function demo() {
  const endpoints = readPlatformEndpoints();
  const kafka = createKafka('stack.demo', endpoints.KAFKA_BROKERS);
  const codec = EventCodec.connect(endpoints.SCHEMA_REGISTRY_URL);
  const start = await endOffsets(kafka, 'orders.events');

  const orderIds: string[] = [];
  for (const order of SAMPLE_ORDERS) {
    const response = await fetch(`${ORDERS_URL}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(order),
    });
    const body = (await response.json()) as { orderId: string; status: string };
    if (response.status !== 202) throw new Error(`POST /orders answered ${response.status}`);
    console.log(`[demo] placed order ${body.orderId} for ${order.customerId}: ${body.status}`);
    orderIds.push(body.orderId);
  }

  const wanted = new Set(orderIds);
  const messages = await readTopic(kafka, 'orders.events', {
    fromOffsets: start,
    until: (read) => orderIds.every((id) => read.some((found) => found.key === id)),
    timeoutMs: 30000,
  });
  for (const message of messages.filter((read) => wanted.has(read.key ?? ''))) {
    const decoded = await codec.decode(message.value);
    console.log(JSON.stringify({
      topic: message.topic,
      partition: message.partition,
      offset: message.offset,
      key: message.key,
      timestamp: new Date(message.timestamp).toISOString(),
      headers: message.headers,
      schemaId: decoded.schemaId,
      eventType: decoded.eventType,
      payload: decoded.payload,
    }, null, 2));
  }
  const missing = orderIds.filter((id) => !messages.some((found) => found.key === id));
  if (missing.length > 0) throw new Error(`no event on orders.events for ${missing.join(', ')}`);
}

demo().catch((error) => {
  console.error(`[demo] error: ${error.message}`);
  process.exit(1);
});
