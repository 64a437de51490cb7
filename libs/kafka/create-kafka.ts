import { Kafka, logLevel, LogEntry } from 'kafkajs';
import { createLogger } from '../logging/logger';

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/** A kafkajs client that logs through pino, with the namespace kafkajs gives each entry. */
export function createKafka(clientId: string, brokers: string[]): Kafka {
  const log = createLogger('kafkajs');
  return new Kafka({
    clientId,
    brokers,
    logLevel: logLevel.WARN,
    retry: { initialRetryTime: 200, retries: 8 },
    logCreator: () => (entry: LogEntry) => {
      const { message, ...fields } = entry.log;
      log[LEVELS[entry.level] ?? 'info']({ namespace: entry.namespace, ...fields }, message);
    },
  });
}
