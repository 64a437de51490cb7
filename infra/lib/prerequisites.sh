# Checks what the stack needs on the machine and says how to get what is missing.
# shellcheck shell=bash

check_prerequisites() {
  local missing=()
  local java_major
  java_major=$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)
  if [ -z "$java_major" ] || [ "$java_major" -lt 17 ]; then
    missing+=("Java 17 or newer as 'java' (Debian: apt-get install openjdk-17-jdk-headless)")
  fi
  java21_home >/dev/null ||
    missing+=("a JDK 21 or newer for the registry \
(install one under /usr/lib/jvm or set JAVA21_HOME)")
  command -v mvn >/dev/null || missing+=("Maven (Debian: apt-get install maven)")
  local node_major
  node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
  [ "$node_major" -ge 20 ] || missing+=("Node.js 20 or newer with npm")
  command -v psql >/dev/null ||
    missing+=("the PostgreSQL client psql (Debian: apt-get install postgresql-client)")
  command -v curl >/dev/null || missing+=("curl (Debian: apt-get install curl)")
  if [ ${#missing[@]} -gt 0 ]; then
    printf '[stack] missing prerequisite: %s\n' "${missing[@]}" >&2
    exit 1
  fi
}
