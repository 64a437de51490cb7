import { z } from 'zod';
import { intVar, listVar, readConfig, urlVar } from '../../../libs/config/read-config';

const configSchema = z.object({
  PORT: intVar(3001, 1, 65535),
  DATABASE_URL: urlVar('postgres://postgres@127.0.0.1:5432/orders'),
  DB_POOL_MAX: intVar(10, 1, 100),
  SCHEMA_REGISTRY_URL: urlVar('http://127.0.0.1:8081/apis/ccompat/v7'),
  KAFKA_BROKERS: listVar('127.0.0.1:9092'),
  /** 0 deletes outbox rows in the transaction that wrote them. */
  OUTBOX_KEEP_DAYS: intVar(0, 0, 365),
  SAGA_DEADLINE_MS: intVar(120000, 1000, 86400000),
});

export type OrdersConfig = z.infer<typeof configSchema>;

export function readOrdersConfig(env: NodeJS.ProcessEnv = process.env): OrdersConfig {
  return readConfig(configSchema, env);
}
