-- Up Migration
-- Appends one event and, unless the service keeps rows for inspection, deletes it again: both
-- statements in one call, so writing an event costs the service one round trip, not two.
-- Debezium reads the insert from the WAL either way; the delete only keeps the table small.
create function append_outbox_event(
  p_event_id uuid,
  p_aggregate_type text,
  p_aggregate_id text,
  p_event_type text,
  p_payload bytea,
  p_correlation_id text,
  p_causation_id text,
  p_traceparent text,
  p_occurred_at timestamptz,
  p_keep_row boolean
) returns void
language sql
as $$
  insert into outbox (event_id, aggregate_type, aggregate_id, event_type, payload,
    correlation_id, causation_id, traceparent, occurred_at)
  values (p_event_id, p_aggregate_type, p_aggregate_id, p_event_type, p_payload,
    p_correlation_id, p_causation_id, p_traceparent, p_occurred_at at time zone 'UTC');
  delete from outbox where event_id = p_event_id and not p_keep_row;
$$;

-- Down Migration
drop function append_outbox_event(uuid, text, text, text, bytea, text, text, text, timestamptz,
  boolean);
