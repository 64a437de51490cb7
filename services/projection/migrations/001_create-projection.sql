-- Up Migration
-- The projection's read model, built only from orders.events, inventory.events and
-- payments.events. Each order's row is folded from the set of its events sorted by
-- (occurred at, event id), never from the order they arrived in across topics, so a replay
-- from offset 0 reaches the same rows as the live run.

-- Every event applied, with its decoded payload: the input of the fold, one row per event.
create table order_events (
  order_id text not null,
  event_id uuid not null,
  event_type text not null,
  occurred_at timestamptz not null,
  payload jsonb not null,
  primary key (order_id, event_id)
);

create table order_history (
  order_id text primary key,
  customer_id text,
  status text not null,
  status_reason text,
  total_cents bigint,
  reserved_cents bigint,
  captured_cents bigint not null,
  refunded_cents bigint not null,
  event_count integer not null,
  first_event_at timestamptz not null,
  last_event_at timestamptz not null,
  last_event_type text not null,
  placed_at timestamptz,
  settled_at timestamptz,
  -- The UTC day this order's lines count in sales_by_sku_day; null while they do not count.
  sales_day date
);

-- Units and cents sold per sku and UTC day of confirmation, at the prices inventory reserved
-- them for; an order cancelled after its confirmation no longer counts.
create table sales_by_sku_day (
  sku text not null,
  day date not null,
  units bigint not null,
  amount_cents bigint not null,
  primary key (sku, day)
);

-- Down Migration
drop table sales_by_sku_day;
drop table order_history;
drop table order_events;
