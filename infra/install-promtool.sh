#!/usr/bin/env bash
# Puts promtool (from Debian's prometheus package) on the PATH: make test checks the alert
# rules, their unit tests and the services' metrics with it. Installing the package may start
# a Prometheus server; only a server that was not running before the install is stopped, by
# its pid. Usage: infra/install-promtool.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
log="$(cd "$here/.." && pwd)/.infra/logs/install-promtool.log"

say() { printf '[promtool] %s\n' "$*"; }
fail() { printf '[promtool] error: %s\n' "$*" >&2; exit 1; }

command -v promtool >/dev/null && exit 0

as_root=()
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null && sudo -n true 2>/dev/null ||
    fail "promtool is missing; install it as root: apt-get install prometheus"
  as_root=(sudo -n)
fi

install_package() {
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y --no-install-recommends \
    prometheus >>"$log" 2>&1
}

mkdir -p "$(dirname "$log")"
running_before=$(pgrep -x prometheus || true)
say "installing Debian's prometheus package for promtool (log: $log)"
if ! install_package; then
  say "install failed; refreshing the package lists and trying once more"
  "${as_root[@]}" apt-get update >>"$log" 2>&1 || true
  install_package || { tail -n 20 "$log" >&2; fail "could not install the prometheus package"; }
fi

for pid in $(pgrep -x prometheus || true); do
  if ! grep -qx "$pid" <<<"$running_before"; then
    say "stopping the Prometheus server the package started (pid $pid)"
    "${as_root[@]}" kill "$pid" || true
  fi
done
command -v promtool >/dev/null || fail "the prometheus package installed no promtool"
say "$(promtool --version 2>&1 | head -n 1)"
