-- The tables the limit runs write, shaped like the services' own (orders, order lines, products,
-- inbox, outbox) in a scratch database the bench creates and drops. Indexes and constraints
-- that cost a write in a service database are here too.
create table orders (
  order_id uuid primary key,
  customer_id text not null,
  status text not null,
  status_reason text,
  total_cents bigint,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  deadline_at timestamptz not null,
  traceparent text
);
create index orders_unsettled_by_deadline on orders (deadline_at)
  where status in ('PENDING', 'RESERVED');

create table order_lines (
  order_id uuid not null references orders (order_id),
  line_no integer not null,
  sku text not null,
  quantity integer not null,
  primary key (order_id, line_no)
);

create table products (
  sku text primary key,
  available integer not null,
  reserved integer not null,
  updated_at timestamptz not null default now()
);
insert into products (sku, available, reserved)
select 'SKU-' || n, 1000000000, 0 from generate_series(1, 200) as n;

create table outbox (
  event_id uuid primary key,
  aggregate_type text not null,
  aggregate_id text not null,
  event_type text not null,
  payload bytea not null,
  correlation_id text not null,
  causation_id text,
  traceparent text,
  occurred_at timestamp(3) not null
);
create index outbox_occurred_at on outbox (occurred_at);

create table inbox (
  consumer_group text not null,
  event_id uuid not null,
  event_type text not null,
  topic text not null,
  partition integer not null,
  "offset" bigint not null,
  outcome text,
  processed_at timestamptz not null default now(),
  primary key (consumer_group, event_id)
);
create index inbox_processed_at on inbox (processed_at);
