import { ITopicConfig } from 'kafkajs';
import { readPlatformEndpoints } from '../../libs/config/platform-endpoints';
import { createKafka } from '../../libs/kafka/create-kafka';
import { EVENT_TOPIC_NAMES } from '../../libs/schemas/event-catalog';
import { CONSUMER_GROUPS, deadLetterTopicOf } from '../../libs/kafka/consumer-groups';

/** Event topics and dead-letter topics keep everything: replays start from offset 0. */
const UNLIMITED_RETENTION = [
  { name: 'retention.ms', value: '-1' },
  { name: 'retention.bytes', value: '-1' },
];

export async function createTopics(): Promise<string[]> {
  const endpoints = readPlatformEndpoints();
  const kafka = createKafka('stack.create-topics', endpoints.KAFKA_BROKERS);
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const wanted = [...EVENT_TOPIC_NAMES, ...CONSUMER_GROUPS.map(deadLetterTopicOf)];
    const missing: ITopicConfig[] = wanted
      .filter((topic) => !existing.has(topic))
      .map((topic) => ({
        topic,
        numPartitions: endpoints.TOPIC_PARTITIONS,
        replicationFactor: 1,
        configEntries: UNLIMITED_RETENTION,
      }));
    if (missing.length > 0) await admin.createTopics({ topics: missing, waitForLeaders: true });
    return missing.map((entry) => entry.topic);
  } finally {
    await admin.disconnect();
  }
}

if (require.main === module) {
  createTopics()
    .then((created) => console.log(`[stack] topics created: ${created.join(', ') || 'none new'}`))
    .catch((error) => {
      console.error(`[stack] error: creating topics failed: ${error.message}`);
      process.exit(1);
    });
}
