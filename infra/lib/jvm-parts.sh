# Starts and stops the JVM parts: the Kafka broker, the Connect worker, the schema registry.
# shellcheck shell=bash

KAFKA_HEAP=${KAFKA_HEAP:--Xms256m -Xmx512m}
CONNECT_HEAP=${CONNECT_HEAP:--Xms256m -Xmx768m}
REGISTRY_HEAP=${REGISTRY_HEAP:--Xms128m -Xmx384m}

kafka_java_opts() {
  echo "-Dlog4j2.configurationFile=$ROOT/infra/kafka/log4j2.properties -Dkafka.logs.dir=$LOGS"
}

kafka_data_dir() { echo "$STATE/kafka/data"; }

# The broker's config is infra/kafka/server.properties with only the data path made local.
write_kafka_config() {
  mkdir -p "$STATE/kafka"
  sed "s|^log.dirs=.*|log.dirs=$(kafka_data_dir)|" "$ROOT/infra/kafka/server.properties" \
    > "$STATE/kafka/server.properties"
}

kafka_stack_id() { cat "$(kafka_data_dir)/stack-id" 2>/dev/null || true; }

start_kafka() {
  if pid_alive kafka; then say "Kafka already runs (pid $(cat "$RUN/kafka.pid"))"; return 0; fi
  port_open 9092 && fail "port 9092 is taken by a process this stack did not start"
  write_kafka_config
  local cp="$STATE/kafka/lib/*"
  if [ ! -f "$(kafka_data_dir)/meta.properties" ]; then
    local cluster_id
    cluster_id=$(java -cp "$cp" kafka.tools.StorageTool random-uuid)
    # shellcheck disable=SC2046
    java $(kafka_java_opts) -cp "$cp" kafka.tools.StorageTool format -t "$cluster_id" \
      -c "$STATE/kafka/server.properties" --ignore-formatted >>"$LOGS/kafka.log" 2>&1 ||
      fail "formatting Kafka's storage failed; see $LOGS/kafka.log"
  fi
  say "starting Kafka $KAFKA_VERSION on 127.0.0.1:9092 (log: $LOGS/kafka.log)"
  # shellcheck disable=SC2046,SC2086
  start_daemon kafka "$LOGS/kafka.log" java $KAFKA_HEAP $(kafka_java_opts) -cp "$cp" \
    kafka.Kafka "$STATE/kafka/server.properties"
  wait_for Kafka 90 port_open 9092
}

connect_answers() {
  curl -fsS http://127.0.0.1:8083/connector-plugins |
    grep -q 'io.debezium.connector.postgresql.PostgresConnector'
}

start_connect() {
  if pid_alive connect; then
    say "Kafka Connect already runs (pid $(cat "$RUN/connect.pid"))"
    return 0
  fi
  port_open 8083 && fail "port 8083 is taken by a process this stack did not start"
  mkdir -p "$STATE/connect"
  { cat "$ROOT/infra/connect/worker.properties"; echo "plugin.path=$STATE/connect/plugins"; } \
    > "$STATE/connect/worker.properties"
  say "starting Kafka Connect with Debezium $DEBEZIUM_VERSION on 127.0.0.1:8083 \
(log: $LOGS/connect.log)"
  # shellcheck disable=SC2046,SC2086
  start_daemon connect "$LOGS/connect.log" java $CONNECT_HEAP $(kafka_java_opts) \
    -cp "$STATE/kafka/lib/*" org.apache.kafka.connect.cli.ConnectDistributed \
    "$STATE/connect/worker.properties"
  wait_for "Kafka Connect" 180 connect_answers
}

registry_answers() { curl -fsS http://127.0.0.1:8081/apis/ccompat/v7/subjects; }

start_registry() {
  if pid_alive registry; then
    say "Apicurio Registry already runs (pid $(cat "$RUN/registry.pid"))"
    return 0
  fi
  port_open 8081 && fail "port 8081 is taken by a process this stack did not start"
  local java21
  java21=$(java21_home) || fail "Apicurio Registry needs Java 21 or newer; set JAVA21_HOME"
  say "starting Apicurio Registry $APICURIO_VERSION on 127.0.0.1:8081 (log: $LOGS/registry.log)"
  local settings
  settings=$(grep -v -e '^#' -e '^$' "$ROOT/infra/registry/registry.env")
  # shellcheck disable=SC2086
  start_daemon registry "$LOGS/registry.log" env $settings "$java21/bin/java" $REGISTRY_HEAP \
    -Dapicurio.rules.global.compatibility=BACKWARD_TRANSITIVE \
    -jar "$STATE/apicurio/quarkus-run.jar"
  wait_for "Apicurio Registry" 180 registry_answers
}
