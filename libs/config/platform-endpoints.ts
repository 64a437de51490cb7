import { z } from 'zod';
import { listVar, readConfig, urlVar } from './read-config';

/** Where the shared infrastructure answers; every process reads the same variables. */
const endpointsSchema = z.object({
  KAFKA_BROKERS: listVar('127.0.0.1:9092'),
  CONNECT_URL: urlVar('http://127.0.0.1:8083'),
  SCHEMA_REGISTRY_URL: urlVar('http://127.0.0.1:8081/apis/ccompat/v7'),
  PG_ADMIN_URL: urlVar('postgres://postgres@127.0.0.1:5432/postgres'),
  TOPIC_PARTITIONS: z.coerce.number().int().min(1).max(100).default(6),
});

export type PlatformEndpoints = z.infer<typeof endpointsSchema>;

export function readPlatformEndpoints(env: NodeJS.ProcessEnv = process.env): PlatformEndpoints {
  return readConfig(endpointsSchema, env);
}

/** The URL of one of the stack's databases on the server PG_ADMIN_URL points at. */
export function databaseUrl(endpoints: PlatformEndpoints, database: string): string {
  const url = new URL(endpoints.PG_ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}
