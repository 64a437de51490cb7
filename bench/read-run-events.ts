import { randomUUID } from 'node:crypto';
import { Kafka } from 'kafkajs';

/** One event of the run as Kafka holds it. */
export interface RunEvent {
  eventId: string;
  eventType: string;
  /** The order id. */
  key: string;
  /** The record timestamp: the outbox row's occurred_at (the Event Router sets it). */
  occurredAtMs: number;
}

/**
 * Reads every event written to the event topics between two sets of end offsets (keyed
 * `topic/partition`), through a throwaway group that never commits and is deleted after.
 */
export async function readRunEvents(kafka: Kafka, from: Map<string, string>,
  to: Map<string, string>, timeoutMs = 120000): Promise<Map<string, RunEvent>> {
  const events = new Map<string, RunEvent>();
  const waiting = new Set([...to].filter(([where, end]) => Number(end) > Number(from.get(where)))
    .map(([where]) => where));
  if (waiting.size === 0) return events;
  const groupId = `bench.read-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100, sessionTimeout: 30000 });
  let finish: (reason?: Error) => void = () => undefined;
  const done = new Promise<void>((resolve, reject) => {
    finish = (reason) => (reason ? reject(reason) : resolve());
  });
  const timer = setTimeout(() => finish(new Error(
    `reading the run's events timed out with ${waiting.size} partitions unread`)), timeoutMs);
  await consumer.connect();
  try {
    const topics = [...new Set([...to.keys()].map((where) => where.split('/')[0]!))];
    for (const topic of topics) await consumer.subscribe({ topic, fromBeginning: false });
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        const where = `${topic}/${partition}`;
        const eventId = message.headers?.id?.toString();
        if (eventId && Number(message.offset) < Number(to.get(where))) {
          events.set(eventId, { eventId, key: message.key?.toString() ?? '',
            eventType: message.headers?.eventType?.toString() ?? '',
            occurredAtMs: Number(message.timestamp) });
        }
        if (Number(message.offset) >= Number(to.get(where)) - 1) waiting.delete(where);
        if (waiting.size === 0) finish();
      },
    });
    for (const [where, offset] of from) {
      const [topic, partition] = where.split('/');
      consumer.seek({ topic: topic!, partition: Number(partition), offset });
    }
    await done;
  } finally {
    clearTimeout(timer);
    await consumer.disconnect();
    await deleteGroup(kafka, groupId);
  }
  return events;
}

async function deleteGroup(kafka: Kafka, groupId: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.deleteGroups([groupId]);
  } catch {
    // A group that never committed may be gone already; nothing of it is kept either way.
  } finally {
    await admin.disconnect();
  }
}
