#!/usr/bin/env bash
# Runs the platform's services under one supervisor that restarts a crashed one.
# Usage: infra/services.sh start|stop|status
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib/common.sh
. "$here/lib/common.sh"

SERVICES=(orders:3001 payments:3002 inventory:3003 projection:3004 admin:3000)

service_ready() { curl -fsS "http://127.0.0.1:$1/readyz" >/dev/null; }

start() {
  if pid_alive supervisor; then
    say "services already run under the supervisor (pid $(cat "$RUN/supervisor.pid"))"
    return 0
  fi
  local entry
  for entry in "${SERVICES[@]}"; do
    port_open "${entry#*:}" && fail "port ${entry#*:} (${entry%%:*}) is taken by another process"
  done
  cd "$ROOT"
  start_daemon supervisor "$LOGS/supervisor.log" node dist/infra/tasks/supervise.js
  for entry in "${SERVICES[@]}"; do
    wait_for "service ${entry%%:*}" 60 service_ready "${entry#*:}"
    say "${entry%%:*} is ready on 127.0.0.1:${entry#*:} (log: $LOGS/${entry%%:*}.log)"
  done
}

stop() {
  if pid_alive supervisor; then
    say "stopping the services that make up started"
    stop_daemon supervisor
  fi
}

status() {
  if pid_alive supervisor; then say "supervisor: running (pid $(cat "$RUN/supervisor.pid"))"
  else say "supervisor: stopped"; fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
