# Shared by the stack scripts: locations, logging and small process helpers.
# shellcheck shell=bash

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
STATE="$ROOT/.infra"
RUN="$STATE/run"
LOGS="$STATE/logs"
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
export PGHOST PGPORT PGUSER

KAFKA_VERSION=4.3.0
DEBEZIUM_VERSION=3.6.1.Final
APICURIO_VERSION=3.3.3
SERVICE_DATABASES=(orders payments inventory projection admin)
STACK_DATABASES=("${SERVICE_DATABASES[@]}" registry)

say() { printf '[stack] %s\n' "$*"; }
fail() { printf '[stack] error: %s\n' "$*" >&2; exit 1; }

psql_q() { psql -X -q -v ON_ERROR_STOP=1 -At "$@"; }

# pid_alive NAME: true when the pid file of NAME names a running process.
pid_alive() {
  local file="$RUN/$1.pid"
  [ -f "$file" ] && kill -0 "$(cat "$file")" 2>/dev/null
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait_for WHAT SECONDS COMMAND...: polls COMMAND every half second until it succeeds.
wait_for() {
  local what=$1 seconds=$2; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    if [ $SECONDS -ge $deadline ]; then
      fail "$what did not answer within ${seconds}s; see its log under $LOGS"
    fi
    sleep 0.5
  done
}

# start_daemon NAME LOGFILE COMMAND...: starts COMMAND in its own session, records its pid.
start_daemon() {
  local name=$1 log=$2; shift 2
  mkdir -p "$RUN" "$LOGS"
  setsid "$@" >>"$log" 2>&1 < /dev/null &
  echo $! > "$RUN/$name.pid"
}

# stop_daemon NAME: stops the process recorded for NAME (TERM, then KILL after 30 s).
stop_daemon() {
  local name=$1 file="$RUN/$1.pid" pid
  [ -f "$file" ] || return 0
  pid=$(cat "$file")
  if kill -0 "$pid" 2>/dev/null; then
    say "stopping $name (pid $pid)"
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -KILL -- "-$pid" 2>/dev/null
  fi
  rm -f "$file"
}

java21_home() {
  local candidate
  for candidate in "${JAVA21_HOME:-}" /usr/lib/jvm/*; do
    [ -x "$candidate/bin/java" ] || continue
    local major
    major=$("$candidate/bin/java" -version 2>&1 |
      sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then echo "$candidate"; return 0; fi
  done
  return 1
}

# connector_field FILE PATH: a field of a debezium/*.json file; PATH is `name` or
# `config.<key>` (the key may itself contain dots, such as slot.name).
connector_field() {
  node -e 'const c = JSON.parse(require("fs").readFileSync(process.argv[1]));
    const p = process.argv[2];
    console.log(p.startsWith("config.") ? c.config[p.slice(7)] : c[p]);' "$1" "$2"
}
