-- POST /orders without an Idempotency-Key: the order row, its lines and its OrderPlaced event
-- (append_outbox_event inserts and deletes the outbox row, as the service does) commit together.
-- Ids are made from a random number in SQL, as the service makes them in its own process.
\set customer random(1, 500)
\set sku random(1, 200)
\set quantity random(1, 3)
\set n random(1, 9000000000000000000)
begin;
insert into orders (order_id, customer_id, status, status_reason, total_cents, created_at,
  updated_at, deadline_at, traceparent)
values (md5(:n::text)::uuid, 'c-' || :customer::text, 'PENDING', null, 100 * :quantity, now(),
  now(), now() + interval '2 minutes', '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
insert into order_lines (order_id, line_no, sku, quantity)
select md5(:n::text)::uuid, line_no, sku, quantity
from unnest(array['SKU-' || :sku::text], array[:quantity::int])
  with ordinality as line(sku, quantity, line_no);
select append_outbox_event(md5('event-' || :n::text)::uuid, 'orders', md5(:n::text)::uuid::text,
  'OrderPlaced', '\x00000000010a0b0c0d0e0f', md5(:n::text)::uuid::text, null,
  '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', now(), false);
commit;
