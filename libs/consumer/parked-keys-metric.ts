import { Pool } from 'pg';
import { Logger } from '../logging/logger';
import { consumerMetrics } from './consumer-metrics';
import { listParkedKeys } from './dead-letter-store';

const REFRESH_MS = 15000;

/**
 * Keeps `consumer_parked_keys{group}` at the number of keys each group holds back behind a dead
 * letter, read from the database (the parked rows outlive any one process).
 */
export function startParkedKeysMetric(pool: Pool, groups: string[], log: Logger) {
  const { parkedKeys } = consumerMetrics();
  const refresh = async () => {
    try {
      const keys = await listParkedKeys(pool);
      for (const group of groups) {
        parkedKeys.set({ group }, keys.filter((entry) => entry.consumerGroup === group).length);
      }
    } catch (error) {
      // The gauge keeps its last value until the next refresh reaches the database.
      log.warn({ err: error }, 'parked keys could not be counted');
    }
  };
  void refresh();
  const timer = setInterval(() => void refresh(), REFRESH_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
