-- One saga step as a service's consumer runs it: claim (group, event id) in the inbox unless
-- the key waits behind a dead letter (one statement), lock and update the business row the
-- event moves, append the caused event to the outbox (append_outbox_event inserts and deletes
-- it), and record the handler's outcome on the inbox entry. Ids are made from a random number
-- in SQL, as the service makes them in its own process: no round trip for them.
\set sku random(1, 200)
\set quantity random(1, 3)
\set n random(1, 9000000000000000000)
begin;
with key_state as (
  select exists (select 1 from dead_letters where consumer_group = 'inventory.saga'
                   and message_key = md5(:n::text) and status = 'open')
      or exists (select 1 from parked_events where consumer_group = 'inventory.saga'
                   and message_key = md5(:n::text)) as blocked
), claim as (
  insert into inbox (consumer_group, event_id, event_type, topic, partition, "offset")
  select 'inventory.saga', md5(:n::text)::uuid, 'OrderPlaced', 'orders.events', :sku % 6, :n
  where not (select blocked from key_state)
  on conflict (consumer_group, event_id) do nothing
  returning 1
)
select (select blocked from key_state) as blocked, exists (select 1 from claim) as claimed;
select sku, price_cents, available, reserved, sold, stocked from products
where sku = any(array['SKU-' || :sku::text]) order by sku for update;
update products p set available = p.available + d.available, reserved = p.reserved + d.reserved,
  sold = p.sold + d.sold, updated_at = now()
from unnest(array['SKU-' || :sku::text], array[-:quantity::int], array[:quantity::int],
  array[0]) as d(sku, available, reserved, sold)
where p.sku = d.sku;
select append_outbox_event(md5('caused-' || :n::text)::uuid, 'inventory', md5(:n::text),
  'StockReserved', '\x00000000010a0b0c0d0e0f', md5(:n::text), md5(:n::text),
  '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', now(), false);
update inbox set outcome = 'reserved'
where consumer_group = 'inventory.saga' and event_id = md5(:n::text)::uuid;
commit;
