-- Up Migration
-- Every change requested through the admin API: who (the token's name, never the token), what
-- (method, route, parameters and body), when, the answer, and the state before and after. The
-- row is written before the change is made, so no change happens without one; a row whose
-- status stays null is a change that was begun and never answered (the process died).
create table audit_log (
  id bigserial primary key,
  at timestamptz not null default now(),
  actor text not null,
  method text not null,
  route text not null,
  params jsonb not null,
  status integer,
  before jsonb,
  after jsonb
);

create index audit_log_at on audit_log (at desc);

-- Down Migration
drop table audit_log;
