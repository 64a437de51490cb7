import { z } from 'zod';
import { readConfig } from '../../../libs/config/read-config';
import { serviceConfigShape } from '../../../libs/service/service-config';

const configSchema = z.object({
  ...serviceConfigShape({ port: 3003, database: 'inventory' }),
});

export type InventoryConfig = z.infer<typeof configSchema>;

export function readInventoryConfig(env: NodeJS.ProcessEnv = process.env): InventoryConfig {
  return readConfig(configSchema, env);
}
