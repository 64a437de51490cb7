-- Up Migration
-- What Debezium streams: inserts into the outbox and nothing else. append_outbox_event deletes
-- each row in the transaction that wrote it; the WAL sender still decodes those deletes, but
-- Postgres no longer sends them, so Connect and the Event Router (which would drop them) never
-- see them. The publication is named after the database (`orders_outbox_pub` in `orders`), as
-- debezium/<service>-outbox.json names it, and the connectors do not create their own
-- (publication.autocreate.mode=disabled).
-- A stack that ran before this migration already has that publication, which the connector
-- created for every operation: it is altered, not replaced, because a slot that decodes older
-- WAL looks publications up as they were then, and a new one did not exist then.
do $$
declare
  pub_name text := current_database() || '_outbox_pub';
begin
  if exists (select 1 from pg_publication where pubname = pub_name) then
    execute format('alter publication %I set (publish = %L)', pub_name, 'insert');
  else
    execute format('create publication %I for table outbox with (publish = %L)',
      pub_name, 'insert');
  end if;
end
$$;

-- Down Migration
do $$
begin
  execute format('alter publication %I set (publish = %L)',
    current_database() || '_outbox_pub', 'insert, update, delete, truncate');
end
$$;
