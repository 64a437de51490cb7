import { PoolClient } from 'pg';

export interface InboxEntry {
  consumerGroup: string;
  eventId: string;
  eventType: string;
  topic: string;
  partition: number;
  offset: string;
}

export type ClaimResult = 'claimed' | 'duplicate' | 'key_blocked';

/**
 * Claims the event for the group inside the handler's transaction: 'duplicate' means the group
 * already applied it. With `unlessKeyBlocked`, an open dead letter or parked events of the key
 * win over the claim ('key_blocked', nothing written), checked in the same round trip because
 * it is asked of every event and almost always false.
 */
export async function claimInboxEntry(client: PoolClient, entry: InboxEntry,
  unlessKeyBlocked: string | null = null): Promise<ClaimResult> {
  const result = await client.query<{ blocked: boolean; claimed: boolean }>(
    `with key_state as (
       select $7::text is not null and (
                exists (select 1 from dead_letters where consumer_group = $1
                          and message_key = $7 and status = 'open')
                or exists (select 1 from parked_events where consumer_group = $1
                             and message_key = $7)) as blocked
     ), claim as (
       insert into inbox (consumer_group, event_id, event_type, topic, partition, "offset")
       select $1, $2::uuid, $3, $4, $5::integer, $6::bigint
       where not (select blocked from key_state)
       on conflict (consumer_group, event_id) do nothing
       returning 1
     )
     select (select blocked from key_state) as blocked, exists (select 1 from claim) as claimed`,
    [entry.consumerGroup, entry.eventId, entry.eventType, entry.topic, entry.partition,
      entry.offset, unlessKeyBlocked],
  );
  const row = result.rows[0]!;
  if (row.blocked) return 'key_blocked';
  return row.claimed ? 'claimed' : 'duplicate';
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
export async function purgeInboxEntries(
  client: PoolClient,
  retentionDays: number,
): Promise<number> {
  const result = await client.query(
    `delete from inbox where processed_at < now() - make_interval(days => $1)`,
    [retentionDays],
  );
  return result.rowCount ?? 0;
}
