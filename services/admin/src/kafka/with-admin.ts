import { Admin, Kafka } from 'kafkajs';
import { DependencyUnavailableError, PlatformError } from '../../../../libs/errors/platform-error';

/**
 * Runs `work` with a connected kafkajs admin client and disconnects it afterwards. A broker
 * that cannot be reached becomes DependencyUnavailableError (503); errors of ours pass.
 */
export async function withAdmin<T>(kafka: Kafka, work: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    return await work(admin);
  } catch (error) {
    throw asKafkaError(error);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

export function asKafkaError(error: unknown): unknown {
  if (error instanceof PlatformError) return error;
  const name = (error as Error | undefined)?.name ?? '';
  const kafkaError = name.startsWith('KafkaJS');
  const retriable = (error as { retriable?: boolean }).retriable === true;
  if (kafkaError && (retriable || /Connection|NumberOfRetriesExceeded|Timeout/.test(name))) {
    return new DependencyUnavailableError('kafka', error);
  }
  return error;
}
