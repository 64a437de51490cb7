import { Pool, PoolClient } from 'pg';
import { StoredMessage } from './stored-message';

type Db = Pool | PoolClient;

export type DeadLetterStatus = 'open' | 'redriven' | 'discarded';

export interface DeadLetterRecord {
  id: string;
  consumerGroup: string;
  message: StoredMessage;
  eventId: string | null;
  eventType: string | null;
  errorClass: string;
  errorMessage: string;
  attempts: number;
  firstFailureAt: Date;
  lastFailureAt: Date;
  status: DeadLetterStatus;
  discardReason: string | null;
  parkedCount: number;
}

export interface NewDeadLetter {
  consumerGroup: string;
  message: StoredMessage;
  errorClass: string;
  errorMessage: string;
  attempts: number;
  firstFailureAt: Date;
  lastFailureAt: Date;
}

/** Records a dead letter; a second record of the same message (a redelivery) updates it. */
export async function insertDeadLetter(db: Db, letter: NewDeadLetter): Promise<void> {
  const { message } = letter;
  await db.query(
    `insert into dead_letters (consumer_group, topic, partition, "offset", message_key, event_id,
       event_type, headers, value, timestamp_ms, error_class, error_message, attempts,
       first_failure_at, last_failure_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
     on conflict (consumer_group, topic, partition, "offset") do update
       set error_class = excluded.error_class, error_message = excluded.error_message,
           attempts = dead_letters.attempts + excluded.attempts,
           last_failure_at = excluded.last_failure_at`,
    [letter.consumerGroup, message.topic, message.partition, message.offset, message.key,
      message.headers.id ?? null, message.headers.eventType ?? null,
      JSON.stringify(message.headers), message.value, message.timestampMs, letter.errorClass,
      letter.errorMessage, letter.attempts, letter.firstFailureAt, letter.lastFailureAt],
  );
}

/** True when the key has an open dead letter or parked events in the group. */
export async function isKeyBlocked(db: Db, group: string, key: string): Promise<boolean> {
  const result = await db.query<{ blocked: boolean }>(
    `select exists (select 1 from dead_letters
                    where consumer_group = $1 and message_key = $2 and status = 'open')
         or exists (select 1 from parked_events where consumer_group = $1 and message_key = $2)
       as blocked`,
    [group, key],
  );
  return result.rows[0]!.blocked;
}

/** Serialises parking and draining of one key, for the rest of the transaction. */
export async function lockKey(client: PoolClient, group: string, key: string): Promise<void> {
  await client.query('select pg_advisory_xact_lock(hashtextextended($1, 7))', [`${group}/${key}`]);
}

export async function insertParkedEvent(client: PoolClient, group: string,
  message: StoredMessage): Promise<void> {
  await client.query(
    `insert into parked_events (consumer_group, message_key, topic, partition, "offset", headers,
       value, timestamp_ms)
     values ($1, $2, $3, $4, $5, $6, $7, $8)
     on conflict (consumer_group, topic, partition, "offset") do nothing`,
    [group, message.key, message.topic, message.partition, message.offset,
      JSON.stringify(message.headers), message.value, message.timestampMs],
  );
}

/** The oldest parked event of the key, locked; null when none is left. */
export async function takeNextParkedEvent(client: PoolClient, group: string, key: string):
  Promise<{ id: string; message: StoredMessage } | null> {
  const result = await client.query<MessageRow & { id: string }>(
    `select id, topic, partition, "offset", message_key, headers, value, timestamp_ms
     from parked_events where consumer_group = $1 and message_key = $2
     order by id limit 1 for update`,
    [group, key],
  );
  const row = result.rows[0];
  return row ? { id: String(row.id), message: toStoredMessage(row) } : null;
}

export async function deleteParkedEvent(client: PoolClient, id: string): Promise<void> {
  await client.query('delete from parked_events where id = $1', [id]);
}

export async function findDeadLetter(db: Db, id: string): Promise<DeadLetterRecord | null> {
  const result = await db.query<DeadLetterRow>(`${SELECT_DEAD_LETTERS} where d.id = $1`, [id]);
  return result.rows[0] ? toDeadLetter(result.rows[0]) : null;
}

export async function lockDeadLetter(client: PoolClient, id: string):
  Promise<DeadLetterRecord | null> {
  await client.query('select 1 from dead_letters where id = $1 for update', [id]);
  return findDeadLetter(client, id);
}

export interface DeadLetterFilter {
  status?: DeadLetterStatus;
  group?: string;
  key?: string;
  eventType?: string;
  errorClass?: string;
  limit: number;
}

export async function listDeadLetters(db: Db, filter: DeadLetterFilter):
  Promise<DeadLetterRecord[]> {
  const result = await db.query<DeadLetterRow>(
    `${SELECT_DEAD_LETTERS}
     where ($1::text is null or d.status = $1) and ($2::text is null or d.consumer_group = $2)
       and ($3::text is null or d.message_key = $3) and ($4::text is null or d.event_type = $4)
       and ($5::text is null or d.error_class = $5)
     order by d.id limit $6`,
    [filter.status ?? null, filter.group ?? null, filter.key ?? null, filter.eventType ?? null,
      filter.errorClass ?? null, filter.limit],
  );
  return result.rows.map(toDeadLetter);
}

export async function resolveDeadLetter(client: PoolClient, id: string,
  status: Exclude<DeadLetterStatus, 'open'>, discardReason: string | null): Promise<void> {
  await client.query(
    `update dead_letters set status = $2, discard_reason = $3, resolved_at = now()
     where id = $1`,
    [id, status, discardReason],
  );
}

export async function recordRedriveFailure(db: Db, id: string, error: Error & { code?: string }) {
  await db.query(
    `update dead_letters set attempts = attempts + 1, last_failure_at = now(),
       error_class = $2, error_message = $3 where id = $1`,
    [id, error.code ?? error.name, error.message.slice(0, 1000)],
  );
}

/**
 * Keys of the group with parked events but no open dead letter: a release that stopped
 * halfway (a retriable failure, a crash) left them, and nothing else would ever release them.
 */
export async function findStrandedKeys(db: Db, group: string): Promise<string[]> {
  const result = await db.query<{ message_key: string }>(
    `select distinct p.message_key from parked_events p
     where p.consumer_group = $1
       and not exists (select 1 from dead_letters d where d.consumer_group = p.consumer_group
                         and d.message_key = p.message_key and d.status = 'open')`,
    [group],
  );
  return result.rows.map((row) => row.message_key);
}

export interface ParkedKey {
  consumerGroup: string;
  key: string;
  count: number;
  oldestParkedAt: Date;
}

export async function listParkedKeys(db: Db): Promise<ParkedKey[]> {
  const result = await db.query(
    `select consumer_group, message_key, count(*)::int as count, min(parked_at) as oldest
     from parked_events group by consumer_group, message_key order by oldest`,
  );
  return result.rows.map((row) => ({ consumerGroup: row.consumer_group, key: row.message_key,
    count: row.count, oldestParkedAt: row.oldest }));
}

const SELECT_DEAD_LETTERS = `
  select d.*, (select count(*)::int from parked_events p
               where p.consumer_group = d.consumer_group and p.message_key = d.message_key)
           as parked_count
  from dead_letters d`;

interface MessageRow {
  topic: string;
  partition: number;
  offset: string;
  message_key: string | null;
  headers: Record<string, string | null>;
  value: Buffer | null;
  timestamp_ms: string;
}

function toStoredMessage(row: MessageRow): StoredMessage {
  return { topic: row.topic, partition: row.partition, offset: String(row.offset),
    key: row.message_key, headers: row.headers, value: row.value,
    timestampMs: Number(row.timestamp_ms) };
}

interface DeadLetterRow extends MessageRow {
  id: string;
  consumer_group: string;
  event_id: string | null;
  event_type: string | null;
  error_class: string;
  error_message: string;
  attempts: number;
  first_failure_at: Date;
  last_failure_at: Date;
  status: DeadLetterStatus;
  discard_reason: string | null;
  parked_count: number;
}

function toDeadLetter(row: DeadLetterRow): DeadLetterRecord {
  return {
    id: String(row.id),
    consumerGroup: row.consumer_group,
    message: toStoredMessage(row),
    eventId: row.event_id,
    eventType: row.event_type,
    errorClass: row.error_class,
    errorMessage: row.error_message,
    attempts: row.attempts,
    firstFailureAt: row.first_failure_at,
    lastFailureAt: row.last_failure_at,
    status: row.status,
    discardReason: row.discard_reason,
    parkedCount: row.parked_count,
  };
}

/** Counts an attempt started on a message; returns how many were started so far. */
export async function recordAttemptStarted(db: Db, group: string, message: StoredMessage):
  Promise<number> {
  const result = await db.query<{ attempts: number }>(
    `insert into consumer_attempts (consumer_group, topic, partition, "offset", attempts)
     values ($1, $2, $3, $4, 1)
     on conflict (consumer_group, topic, partition, "offset") do update
       set attempts = consumer_attempts.attempts + 1, last_started_at = now()
     returning attempts`,
    [group, message.topic, message.partition, message.offset],
  );
  return result.rows[0]!.attempts;
}

export async function clearAttempts(db: Db, group: string, message: StoredMessage): Promise<void> {
  await db.query(
    `delete from consumer_attempts
     where consumer_group = $1 and topic = $2 and partition = $3 and "offset" = $4`,
    [group, message.topic, message.partition, message.offset],
  );
}
