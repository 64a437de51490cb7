import { Kafka } from 'kafkajs';
import { Pool } from 'pg';
import { databaseUrl, readPlatformEndpoints } from '../../libs/config/platform-endpoints';
import { createKafka } from '../../libs/kafka/create-kafka';
import { EventCodec } from '../../libs/schemas/event-codec';

export const endpoints = readPlatformEndpoints();

export function testKafka(): Kafka {
  return createKafka('test', endpoints.KAFKA_BROKERS);
}

export function testPool(database: string): Pool {
  return new Pool({ connectionString: databaseUrl(endpoints, database), max: 5 });
}

/** A codec with an empty cache, as a freshly started consumer would have. */
export function freshCodec(): EventCodec {
  return EventCodec.connect(endpoints.SCHEMA_REGISTRY_URL);
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers,
    body: text ? JSON.parse(text) : null };
}
