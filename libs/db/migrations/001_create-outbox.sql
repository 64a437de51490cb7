-- Up Migration
-- The outbox: Debezium reads its inserts from the WAL and routes each row to
-- `<aggregate_type>.events`. Rows are deleted in the transaction that wrote them unless the
-- service keeps them for inspection, so the table stays small.
create table outbox (
  event_id uuid primary key,
  aggregate_type text not null
    constraint outbox_aggregate_type_known
    check (aggregate_type in ('orders', 'inventory', 'payments')),
  aggregate_id text not null,
  event_type text not null,
  payload bytea not null,
  correlation_id text not null,
  causation_id text,
  traceparent text,
  -- The occurred-at instant in UTC; a timestamp without zone so the Event Router can use it as
  -- the Kafka record's timestamp (it rejects timestamptz values).
  occurred_at timestamp(3) not null
);

create index outbox_occurred_at on outbox (occurred_at);

-- Down Migration
drop table outbox;
