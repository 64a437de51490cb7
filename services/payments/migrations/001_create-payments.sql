-- Up Migration
-- One wallet per customer. funded_cents is the money put in through PUT /wallets, kept apart
-- from the balance so that funded = balance + captured - refunded can be checked on its own.
create table wallets (
  customer_id text primary key,
  balance_cents bigint not null constraint wallets_balance_not_negative check (balance_cents >= 0),
  funded_cents bigint not null,
  created_at timestamptz not null,
  updated_at timestamptz not null
);

-- One payment per order: the order id is the natural key, so no order is charged twice even
-- when the inbox no longer remembers the event. VOIDED marks an order cancelled before any
-- charge, so a StockReserved that arrives later charges nothing.
create table payments (
  order_id text primary key,
  payment_id uuid not null constraint payments_payment_id_unique unique,
  -- Unknown for a VOIDED marker: the cancel does not carry the customer.
  customer_id text,
  amount_cents bigint not null constraint payments_amount_not_negative check (amount_cents >= 0),
  status text not null
    constraint payments_status_known
    check (status in ('CAPTURED', 'DECLINED', 'REFUNDED', 'VOIDED')),
  decline_reason text,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  constraint payments_customer_known check (customer_id is not null or status = 'VOIDED'),
  constraint payments_reason_iff_declined
    check ((status = 'DECLINED') = (decline_reason is not null))
);

create index payments_by_customer on payments (customer_id);

-- One refund per payment: the payment id is the natural key.
create table refunds (
  payment_id uuid primary key references payments (payment_id),
  amount_cents bigint not null constraint refunds_amount_not_negative check (amount_cents >= 0),
  refunded_at timestamptz not null
);

-- Down Migration
drop table refunds;
drop table payments;
drop table wallets;
