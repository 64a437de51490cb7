import { PoolClient } from 'pg';

export interface InboxEntry {
  consumerGroup: string;
  eventId: string;
  eventType: string;
  topic: string;
  partition: number;
  offset: string;
}

/**
 * Claims the event for the group inside the handler's transaction. False means the group
 * already applied it: a duplicate delivery to skip.
 */
export async function claimInboxEntry(client: PoolClient, entry: InboxEntry): Promise<boolean> {
  const result = await client.query(
    `insert into inbox (consumer_group, event_id, event_type, topic, partition, "offset")
     values ($1, $2, $3, $4, $5, $6)
     on conflict (consumer_group, event_id) do nothing`,
    [entry.consumerGroup, entry.eventId, entry.eventType, entry.topic, entry.partition, entry.offset],
  );
  return result.rowCount === 1;
}

export async function recordInboxOutcome(
  client: PoolClient,
  consumerGroup: string,
  eventId: string,
  outcome: string,
): Promise<void> {
  await client.query(
    'update inbox set outcome = $3 where consumer_group = $1 and event_id = $2',
    [consumerGroup, eventId, outcome],
  );
}

/** Deletes entries older than the retention; natural keys make older redeliveries harmless. */
export async function purgeInboxEntries(client: PoolClient, retentionDays: number): Promise<number> {
  const result = await client.query(
    `delete from inbox where processed_at < now() - make_interval(days => $1)`,
    [retentionDays],
  );
  return result.rowCount ?? 0;
}
