-- POST /orders without an Idempotency-Key: the order row, its lines and its OrderPlaced outbox
-- row (inserted, then deleted in the same transaction as the service does) commit together.
\set customer random(1, 500)
\set sku random(1, 200)
\set quantity random(1, 3)
begin;
insert into orders (order_id, customer_id, status, created_at, updated_at, deadline_at,
  traceparent)
values (gen_random_uuid(), 'c-' || :customer::text, 'PENDING', now(), now(),
  now() + interval '2 minutes', '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01')
returning order_id \gset
insert into order_lines (order_id, line_no, sku, quantity)
select :order_id, line_no, sku, quantity
from unnest(array['SKU-' || :sku::text], array[:quantity::int])
  with ordinality as line(sku, quantity, line_no);
insert into outbox (event_id, aggregate_type, aggregate_id, event_type, payload, correlation_id,
  causation_id, traceparent, occurred_at)
values (gen_random_uuid(), 'orders', :order_id, 'OrderPlaced', '\x00000000010a0b0c0d0e0f',
  :order_id, null, '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
  now() at time zone 'UTC')
returning event_id \gset
delete from outbox where event_id = :event_id;
commit;
