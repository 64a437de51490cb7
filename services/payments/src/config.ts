import { z } from 'zod';
import { readConfig } from '../../../libs/config/read-config';
import { serviceConfigShape } from '../../../libs/service/service-config';

const configSchema = z.object(serviceConfigShape({ port: 3002, database: 'payments' }));

export type PaymentsConfig = z.infer<typeof configSchema>;

export function readPaymentsConfig(env: NodeJS.ProcessEnv = process.env): PaymentsConfig {
  return readConfig(configSchema, env);
}
