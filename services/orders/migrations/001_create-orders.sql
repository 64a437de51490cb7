-- Up Migration
create table orders (
  order_id uuid primary key,
  customer_id text not null,
  status text not null
    constraint orders_status_known
    check (status in ('PENDING', 'RESERVED', 'CONFIRMED', 'REJECTED', 'CANCELLED')),
  status_reason text,
  total_cents bigint,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  -- An order not settled by then is cancelled with reason timed_out.
  deadline_at timestamptz not null
);

create index orders_unsettled_by_deadline on orders (deadline_at)
  where status in ('PENDING', 'RESERVED');

create table order_lines (
  order_id uuid not null references orders (order_id),
  line_no integer not null,
  sku text not null,
  quantity integer not null
    constraint order_lines_quantity_range check (quantity between 1 and 10000),
  primary key (order_id, line_no)
);

-- A retried POST /orders with the same Idempotency-Key returns the order it made the first time.
create table idempotency_keys (
  idempotency_key text primary key,
  request_hash text not null,
  order_id uuid not null references orders (order_id),
  created_at timestamptz not null default now()
);

-- Down Migration
drop table idempotency_keys;
drop table order_lines;
drop table orders;
