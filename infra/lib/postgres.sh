# The machine's PostgreSQL: logical WAL, one database per service, the stack's slots.
# shellcheck shell=bash

postgres_ready() { psql_q -d postgres -c 'select 1' >/dev/null 2>&1; }

ensure_logical_wal() {
  postgres_ready || fail "PostgreSQL does not answer on $PGHOST:$PGPORT; start it first \
(on Debian: pg_ctlcluster --skip-systemctl-redirect 15 main start)"
  local level
  level=$(psql_q -d postgres -c 'show wal_level')
  [ "$level" = logical ] && return 0
  say "PostgreSQL has wal_level=$level; setting logical and restarting it once"
  psql_q -d postgres -c 'alter system set wal_level = logical'
  local cluster version
  version=$(psql_q -d postgres -c 'show server_version_num' | cut -c1-2)
  cluster=${PG_CLUSTER:-main}
  command -v pg_ctlcluster >/dev/null ||
    fail "restart PostgreSQL by hand so that wal_level=logical takes effect, then run again"
  pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" restart
  wait_for PostgreSQL 60 postgres_ready
  level=$(psql_q -d postgres -c 'show wal_level')
  [ "$level" = logical ] || fail "wal_level is still $level after the restart"
}

database_exists() {
  [ "$(psql_q -d postgres -c "select 1 from pg_database where datname = '$1'")" = 1 ]
}

create_databases() {
  local db
  for db in "${STACK_DATABASES[@]}"; do
    database_exists "$db" && continue
    psql_q -d postgres -c "create database \"$db\"" && say "created database $db"
  done
}

# The stack id ties Kafka's data to the databases: both are new together or old together.
postgres_stack_id() {
  database_exists orders || return 0
  psql_q -d postgres -c "select shobj_description(oid, 'pg_database') from pg_database
    where datname = 'orders'" | sed -n 's/^stack:\(.*\)$/\1/p'
}

mark_postgres_stack_id() {
  psql_q -d postgres -c "comment on database orders is 'stack:$1'"
}

stack_slots() {
  local file
  for file in "$ROOT"/debezium/*.json; do
    connector_field "$file" config.slot.name
  done
}

drop_stack_slots() {
  local slot
  for slot in $(stack_slots); do
    local count
    count=$(psql_q -d postgres -c "select count(*) from pg_replication_slots
      where slot_name = '$slot'")
    if [ "$count" = 1 ]; then
      psql_q -d postgres -c "select pg_terminate_backend(active_pid) from pg_replication_slots
        where slot_name = '$slot' and active_pid is not null" >/dev/null
      psql_q -d postgres -c "select pg_drop_replication_slot('$slot')" >/dev/null &&
        say "dropped slot $slot"
    fi
  done
}

drop_stack_databases() {
  local db
  drop_stack_slots
  for db in "${STACK_DATABASES[@]}"; do
    if database_exists "$db"; then
      psql_q -d postgres -c "drop database \"$db\" with (force)" && say "dropped database $db"
    fi
  done
}
