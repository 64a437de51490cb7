-- Up Migration
-- The trace of the request that placed the order, so steps the service starts on its own
-- (a timeout, a customer's cancel) continue the order's trace.
alter table orders add column traceparent text;

-- Down Migration
alter table orders drop column traceparent;
