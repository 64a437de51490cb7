import { z } from 'zod';
import { intVar, readConfig } from '../../../libs/config/read-config';
import { serviceConfigShape } from '../../../libs/service/service-config';

const configSchema = z.object({
  ...serviceConfigShape({ port: 3001, database: 'orders' }),
  /** An order not settled this long after it was placed is cancelled with timed_out. */
  SAGA_DEADLINE_MS: intVar(120000, 1000, 86400000),
  DEADLINE_SWEEP_INTERVAL_MS: intVar(1000, 100, 600000),
});

export type OrdersConfig = z.infer<typeof configSchema>;

export function readOrdersConfig(env: NodeJS.ProcessEnv = process.env): OrdersConfig {
  return readConfig(configSchema, env);
}
