import { z } from 'zod';
import { intVar, readConfig, urlVar } from '../../../libs/config/read-config';
import { serviceConfigShape } from '../../../libs/service/service-config';

const token = (defaultValue: string) => z.string()
  .min(16, { message: 'must be at least 16 characters' }).default(defaultValue);

const configSchema = z.object({
  ...serviceConfigShape({ port: 3000, database: 'admin' }),
  /** May read and change; changes are audited under the name `admin`. */
  ADMIN_TOKEN: token('local-admin-token-change-me'),
  /** May only read; audited reads are not kept, changes answer 403. */
  ADMIN_READ_TOKEN: token('local-read-token-change-me'),
  CONNECT_URL: urlVar('http://127.0.0.1:8083'),
  /** Reads pg_replication_slots and the WAL position on the server every database lives on. */
  PG_ADMIN_URL: urlVar('postgres://postgres@127.0.0.1:5432/postgres'),
  ORDERS_URL: urlVar('http://127.0.0.1:3001'),
  PAYMENTS_URL: urlVar('http://127.0.0.1:3002'),
  INVENTORY_URL: urlVar('http://127.0.0.1:3003'),
  PROJECTION_URL: urlVar('http://127.0.0.1:3004'),
  /** How long a computed lag, slot or connector reading serves scrapes and API answers. */
  OBSERVATION_CACHE_MS: intVar(5000, 0, 600000),
  /** Most messages one request reads from a partition (a key search, a saga). */
  MAX_SCAN_MESSAGES: intVar(50000, 100, 10000000),
}).refine((config) => config.ADMIN_TOKEN !== config.ADMIN_READ_TOKEN, {
  path: ['ADMIN_READ_TOKEN'], message: 'must differ from ADMIN_TOKEN',
});

export type AdminConfig = z.infer<typeof configSchema>;

export function readAdminConfig(env: NodeJS.ProcessEnv = process.env): AdminConfig {
  return readConfig(configSchema, env);
}
