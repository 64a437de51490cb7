#!/usr/bin/env bash
# The local stack without Docker: Kafka (KRaft), Kafka Connect with Debezium, Apicurio Registry,
# and the machine's PostgreSQL. Usage: infra/stack.sh up|down|reset|status|restart PART
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib/common.sh
. "$here/lib/common.sh"
. "$here/lib/fetch.sh"
. "$here/lib/postgres.sh"
. "$here/lib/jvm-parts.sh"
. "$here/lib/prerequisites.sh"

JVM_PARTS=(connect registry kafka)

stop_jvm_parts() { local part; for part in "${JVM_PARTS[@]}"; do stop_daemon "$part"; done; }

wipe_kafka_state() {
  rm -rf "$(kafka_data_dir)" "$STATE/kafka/stack-id"
}

# Kafka's data (with Connect's offsets) and the databases (with the slots and the registry's
# schemas) are kept together or made new together; a half-old stack is reset and said so.
keep_state_in_step() {
  local kafka_id pg_id
  kafka_id=$(cat "$STATE/kafka/stack-id" 2>/dev/null || true)
  pg_id=$(postgres_stack_id)
  if [ -n "$kafka_id" ] && [ "$kafka_id" = "$pg_id" ]; then return 0; fi
  local any_db=0 db
  for db in "${STACK_DATABASES[@]}"; do database_exists "$db" && any_db=1; done
  if [ -n "$kafka_id" ] || [ "$any_db" = 1 ] || [ -d "$(kafka_data_dir)" ]; then
    if [ -z "$kafka_id" ]; then
      say "Kafka's data is new but PostgreSQL holds an older stack: resetting databases and slots"
    elif [ -z "$pg_id" ]; then
      say "the databases are new but Kafka's data is older: wiping Kafka's data"
    else
      say "Kafka's data and the databases belong to different stacks: resetting both"
    fi
    stop_jvm_parts
    drop_stack_databases
    wipe_kafka_state
  fi
  local id
  id=$(cat /proc/sys/kernel/random/uuid)
  mkdir -p "$STATE/kafka"
  create_databases
  mark_postgres_stack_id "$id"
  echo "$id" > "$STATE/kafka/stack-id"
}

up() {
  check_prerequisites
  fetch_stack
  ensure_logical_wal
  keep_state_in_step
  create_databases
  start_kafka
  start_registry
  start_connect
  say "infrastructure is up: Kafka 127.0.0.1:9092, Connect 127.0.0.1:8083, \
registry 127.0.0.1:8081/apis/ccompat/v7, PostgreSQL $PGHOST:$PGPORT; logs in $LOGS"
}

# The slots are dropped on down, so the connectors' stored positions must go with them: a
# position the new slot no longer holds fails the task on the next up (KIP-875 endpoints).
forget_connectors() {
  connect_answers || return 0
  local file name
  for file in "$ROOT"/debezium/*.json; do
    name=$(connector_field "$file" name)
    curl -fsS -o /dev/null "http://127.0.0.1:8083/connectors/$name" || continue
    curl -fsS -o /dev/null -X PUT "http://127.0.0.1:8083/connectors/$name/stop"
    for _ in $(seq 1 40); do
      curl -fsS -X DELETE "http://127.0.0.1:8083/connectors/$name/offsets" >/dev/null 2>&1 && break
      sleep 0.5
    done
    curl -fsS -o /dev/null -X DELETE "http://127.0.0.1:8083/connectors/$name"
    say "removed connector $name and its stored position"
  done
}

down() {
  forget_connectors
  stop_jvm_parts
  if postgres_ready; then drop_stack_slots; fi
  say "stopped what the stack started"
}

reset() {
  stop_jvm_parts
  if postgres_ready; then drop_stack_databases; fi
  wipe_kafka_state
  say "wiped Kafka's data, Connect's offsets, the slots and the databases"
}

status() {
  local part
  for part in kafka registry connect; do
    if pid_alive "$part"; then say "$part: running (pid $(cat "$RUN/$part.pid"))"
    else say "$part: stopped"; fi
  done
}

# restart PART: stops and starts one JVM part (fault tests use it); state is kept.
restart() {
  case "${1:-}" in
    kafka|registry|connect) stop_daemon "$1"; "start_$1" ;;
    *) fail "restart takes kafka, registry or connect (got '${1:-}')" ;;
  esac
}

case "${1:-}" in
  up) up ;;
  restart) restart "${2:-}" ;;
  down) down ;;
  reset) reset ;;
  status) status ;;
  *) echo "usage: $0 up|down|reset|status|restart PART" >&2; exit 2 ;;
esac
