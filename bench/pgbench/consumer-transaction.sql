-- One saga step: claim (group, event id) in the inbox, lock and update the business row the
-- event moves, append the caused event to the outbox (inserted, then deleted in the same
-- transaction), and record the handler's outcome on the inbox entry.
\set sku random(1, 200)
\set quantity random(1, 3)
begin;
insert into inbox (consumer_group, event_id, event_type, topic, partition, "offset")
values ('inventory.saga', gen_random_uuid(), 'OrderPlaced', 'orders.events', :sku % 6, :sku)
on conflict (consumer_group, event_id) do nothing
returning event_id \gset
select sku, available, reserved from products where sku = 'SKU-' || :sku::text for update;
update products set available = available - :quantity, reserved = reserved + :quantity,
  updated_at = now()
where sku = 'SKU-' || :sku::text;
insert into outbox (event_id, aggregate_type, aggregate_id, event_type, payload, correlation_id,
  causation_id, traceparent, occurred_at)
values (gen_random_uuid(), 'inventory', :event_id, 'StockReserved', '\x00000000010a0b0c0d0e0f',
  :event_id, :event_id, '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
  now() at time zone 'UTC')
returning event_id as caused_id \gset
delete from outbox where event_id = :caused_id;
update inbox set outcome = 'reserved'
where consumer_group = 'inventory.saga' and event_id = :event_id;
commit;
