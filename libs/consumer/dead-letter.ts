import { IHeaders, Producer } from 'kafkajs';
import { deadLetterTopicOf } from '../kafka/consumer-groups';
import { StoredMessage } from './stored-message';

export interface DeadLetterFailure {
  error: Error & { code?: string };
  attempts: number;
  firstFailureAt: Date;
  lastFailureAt: Date;
}

const MAX_ERROR_MESSAGE = 1000;

/**
 * Writes the message, byte for byte with its key and original headers, to `<group>.dlq` with
 * where it came from and why it failed. Awaited before the offset moves past the message.
 */
export async function sendToDeadLetterTopic(
  producer: Producer,
  group: string,
  message: StoredMessage,
  failure: DeadLetterFailure,
): Promise<void> {
  const headers: IHeaders = {};
  for (const [name, value] of Object.entries(message.headers)) {
    if (value !== null) headers[name] = value;
  }
  Object.assign(headers, {
    'x-original-topic': message.topic,
    'x-original-partition': String(message.partition),
    'x-original-offset': message.offset,
    'x-original-timestamp': String(message.timestampMs),
    'x-error-class': failure.error.code ?? failure.error.name,
    'x-error-message': failure.error.message.slice(0, MAX_ERROR_MESSAGE),
    'x-attempts': String(failure.attempts),
    'x-first-failure-at': failure.firstFailureAt.toISOString(),
    'x-last-failure-at': failure.lastFailureAt.toISOString(),
  });
  await producer.send({
    topic: deadLetterTopicOf(group),
    acks: -1,
    messages: [{ key: message.key, value: message.value, headers,
      timestamp: String(message.timestampMs) }],
  });
}
