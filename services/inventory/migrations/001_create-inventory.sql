-- Up Migration
-- Stock per sku. Handlers only move units between available, reserved and sold; `stocked` is
-- written by PUT /products alone, so `stocked = available + reserved + sold` is an invariant a
-- test can check from outside. It is deliberately not a check constraint: a constraint would
-- make a broken move fail its transaction instead of showing up as drift in the invariant.
create table products (
  sku text primary key,
  price_cents bigint not null
    constraint products_price_cents_not_negative check (price_cents >= 0),
  available integer not null
    constraint products_available_not_negative check (available >= 0),
  reserved integer not null
    constraint products_reserved_not_negative check (reserved >= 0),
  sold integer not null
    constraint products_sold_not_negative check (sold >= 0),
  stocked integer not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- One reservation per order: the natural key behind the inbox. A row exists once inventory
-- has decided anything about the order, so a late or repeated OrderPlaced is a no-op. The
-- order id is the event's key, taken as an opaque string: orders makes UUIDs, but inventory
-- does not need to reject an event over the shape of an id it only stores.
create table reservations (
  order_id text primary key,
  -- Unknown when the cancel overtook OrderPlaced (CANCELLED_BEFORE_RESERVATION).
  customer_id text,
  status text not null
    constraint reservations_status_known
    check (status in ('RESERVED', 'REJECTED', 'RELEASED', 'SOLD', 'RESTOCKED',
                      'CANCELLED_BEFORE_RESERVATION')),
  -- The priced amount of the reserved lines; null when nothing was ever reserved.
  amount_cents bigint
    constraint reservations_amount_cents_not_negative check (amount_cents >= 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- The lines of a reservation at the unit price of the moment it was made.
create table reservation_lines (
  order_id text not null references reservations (order_id),
  sku text not null references products (sku),
  quantity integer not null
    constraint reservation_lines_quantity_range check (quantity between 1 and 10000),
  unit_price_cents bigint not null
    constraint reservation_lines_unit_price_not_negative check (unit_price_cents >= 0),
  primary key (order_id, sku)
);

-- Down Migration
drop table reservation_lines;
drop table reservations;
drop table products;
