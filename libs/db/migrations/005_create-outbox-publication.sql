-- Up Migration
-- What Debezium streams: inserts into the outbox and nothing else. append_outbox_event deletes
-- each row in the transaction that wrote it; published, every delete would cost the WAL sender,
-- Connect and the Event Router (which drops it) as much as the event itself. The connectors
-- name this publication and do not create their own (publication.autocreate.mode=disabled).
create publication outbox_events for table outbox with (publish = 'insert');

-- Down Migration
drop publication outbox_events;
