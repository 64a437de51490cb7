-- Up Migration
-- Dead letters of this database's consumer groups, with the message bytes, so an operator can
-- list, redrive or discard them. The same message also goes to `<group>.dlq` on Kafka.
create table dead_letters (
  id bigserial primary key,
  consumer_group text not null,
  topic text not null,
  partition integer not null,
  "offset" bigint not null,
  message_key text,
  event_id text,
  event_type text,
  headers jsonb not null,
  value bytea,
  timestamp_ms bigint not null,
  error_class text not null,
  error_message text not null,
  attempts integer not null,
  first_failure_at timestamptz not null,
  last_failure_at timestamptz not null,
  status text not null default 'open'
    constraint dead_letters_status_known check (status in ('open', 'redriven', 'discarded')),
  discard_reason text,
  resolved_at timestamptz,
  constraint dead_letters_one_per_message unique (consumer_group, topic, partition, "offset")
);

-- While a key has an open dead letter, later events of that key in the group are parked.
create index dead_letters_open_by_key on dead_letters (consumer_group, message_key)
  where status = 'open';

create table parked_events (
  id bigserial primary key,
  consumer_group text not null,
  message_key text not null,
  topic text not null,
  partition integer not null,
  "offset" bigint not null,
  headers jsonb not null,
  value bytea,
  timestamp_ms bigint not null,
  parked_at timestamptz not null default now(),
  constraint parked_events_one_per_message unique (consumer_group, topic, partition, "offset")
);

create index parked_events_by_key on parked_events (consumer_group, message_key, id);

-- Attempts started and not finished, written only for the first events a partition delivers
-- after a (re)start: a process that keeps dying on one event is found here.
create table consumer_attempts (
  consumer_group text not null,
  topic text not null,
  partition integer not null,
  "offset" bigint not null,
  attempts integer not null,
  last_started_at timestamptz not null default now(),
  primary key (consumer_group, topic, partition, "offset")
);

-- Down Migration
drop table consumer_attempts;
drop table parked_events;
drop table dead_letters;
