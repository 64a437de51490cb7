# Fetches the JVM parts from Maven Central into .infra (cached by Maven's local repository).
# shellcheck shell=bash

DEPENDENCY_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.8.1

fetch_stack() {
  local stamp="$STATE/fetched-$KAFKA_VERSION-$DEBEZIUM_VERSION-$APICURIO_VERSION"
  [ -f "$stamp" ] && return 0
  say "fetching Kafka $KAFKA_VERSION, Debezium $DEBEZIUM_VERSION and Apicurio $APICURIO_VERSION"
  rm -rf "$STATE/kafka/lib" "$STATE/connect/plugins" "$STATE/apicurio"
  mkdir -p "$STATE/kafka" "$STATE/connect/plugins" "$LOGS"
  # Without a project, the unpack goal leaves its markers in a folder named after an
  # unresolved property in the working directory; it runs in a throwaway one instead.
  local scratch
  scratch=$(mktemp -d)
  mvn -B -q -f "$ROOT/infra/java/pom.xml" "$DEPENDENCY_PLUGIN:copy-dependencies" \
    -Dkafka.version="$KAFKA_VERSION" -DoutputDirectory="$STATE/kafka/lib" \
    >"$LOGS/fetch.log" 2>&1 || fail "Maven could not fetch Kafka; see $LOGS/fetch.log"
  (cd "$scratch" && mvn -B -q "$DEPENDENCY_PLUGIN:unpack" \
    -Dartifact="io.debezium:debezium-connector-postgres:$DEBEZIUM_VERSION:tar.gz:plugin" \
    -DoutputDirectory="$STATE/connect/plugins" \
    >>"$LOGS/fetch.log" 2>&1) || fail "Maven could not fetch Debezium; see $LOGS/fetch.log"
  (cd "$scratch" && mvn -B -q "$DEPENDENCY_PLUGIN:unpack" \
    -Dartifact="io.apicurio:apicurio-registry-app:$APICURIO_VERSION:tar.gz:all" \
    -DoutputDirectory="$STATE/apicurio" \
    >>"$LOGS/fetch.log" 2>&1) || fail "Maven could not fetch Apicurio; see $LOGS/fetch.log"
  # The archives carry pax header folders that are not part of either distribution.
  rm -rf "$STATE/connect/plugins/PaxHeaders"* "$STATE/apicurio/PaxHeaders"*
  rm -rf "$scratch"
  touch "$stamp"
}
