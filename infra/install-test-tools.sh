#!/usr/bin/env bash
# Puts the tools make test needs beyond Node on the PATH, from Debian's packages:
#   promtool (package prometheus) checks the alert rules, their unit tests and the metrics;
#   chromium drives the operator console in a headless browser test.
# Installing prometheus may start a Prometheus server; only a server that was not running
# before the install is stopped, by its pid. Usage: infra/install-test-tools.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
log="$(cd "$here/.." && pwd)/.infra/logs/install-test-tools.log"

say() { printf '[test-tools] %s\n' "$*"; }
fail() { printf '[test-tools] error: %s\n' "$*" >&2; exit 1; }

# command -> Debian package that provides it
declare -A package_of=([promtool]=prometheus [chromium]=chromium)
missing=()
for command in promtool chromium; do
  command -v "$command" >/dev/null || missing+=("${package_of[$command]}")
done
[ ${#missing[@]} -eq 0 ] && exit 0

as_root=()
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null && sudo -n true 2>/dev/null ||
    fail "missing ${missing[*]}; install as root: apt-get install ${missing[*]}"
  as_root=(sudo -n)
fi

install_packages() {
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y --no-install-recommends \
    "${missing[@]}" >>"$log" 2>&1
}

mkdir -p "$(dirname "$log")"
running_before=$(pgrep -x prometheus || true)
say "installing Debian's ${missing[*]} (log: $log)"
if ! install_packages; then
  say "install failed; refreshing the package lists and trying once more"
  "${as_root[@]}" apt-get update >>"$log" 2>&1 || true
  install_packages || { tail -n 20 "$log" >&2; fail "could not install ${missing[*]}"; }
fi

for pid in $(pgrep -x prometheus || true); do
  if ! grep -qx "$pid" <<<"$running_before"; then
    say "stopping the Prometheus server the package started (pid $pid)"
    "${as_root[@]}" kill "$pid" || true
  fi
done
for command in promtool chromium; do
  command -v "$command" >/dev/null || fail "installing ${package_of[$command]} gave no $command"
done
say "$(promtool --version 2>&1 | head -n 1); $(chromium --version 2>/dev/null | head -n 1)"
