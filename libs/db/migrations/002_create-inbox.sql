-- Up Migration
-- The inbox: one row per (consumer group, event id) applied, written in the transaction that
-- applies the event. The group is part of the key, so a new group replaying history is not
-- taken for duplicates of another group's work. Rows are purged after the retention days.
create table inbox (
  consumer_group text not null,
  event_id uuid not null,
  event_type text not null,
  topic text not null,
  partition integer not null,
  "offset" bigint not null,
  -- What the handler decided, including recorded no-ops such as a release with nothing reserved.
  outcome text,
  processed_at timestamptz not null default now(),
  primary key (consumer_group, event_id)
);

create index inbox_processed_at on inbox (processed_at);

-- Down Migration
drop table inbox;
