import { z } from 'zod';
import { intVar, readConfig } from '../../../libs/config/read-config';
import { serviceConfigShape } from '../../../libs/service/service-config';

const configSchema = z.object({
  ...serviceConfigShape({ port: 3004, database: 'projection' }),
  /**
   * Partitions applied at once. A replay reads every partition of three topics from offset 0;
   * one order's events are serialised by a lock, so any number is safe.
   */
  PROJECTION_CONCURRENT_PARTITIONS: intVar(18, 1, 100),
});

export type ProjectionConfig = z.infer<typeof configSchema>;

export function readProjectionConfig(env: NodeJS.ProcessEnv = process.env): ProjectionConfig {
  return readConfig(configSchema, env);
}
