#!/usr/bin/env bash
# Routing service benchmarks (run from anywhere; they build what they need).
#   routing-service/bench.sh classify            JMH: one classification on one thread (ClassificationBenchmark)
#   routing-service/bench.sh sealing [REGEX]     JMH: opening a sealed contact and sealing its routed record, beside
#                                                 the same in clear (SealingBenchmark; a keyring database of its own
#                                                 at PGHOST:PGPORT)
#   routing-service/bench.sh throughput [N]      the packaged service end to end on a broker of its own (port 29092):
#                                                 Kafka's ProducerPerformance (1 KB, acks=all) first, then N contacts
#                                                 (default 100000) consumed, classified and produced with acks=all,
#                                                 measured after BENCH_WARMUP more (default 300000: C2 compiles for
#                                                 about 35 s on 2 shared cores), with the service's and the broker's
#                                                 CPU per contact and the load average; SERVICE_JAVA_OPTS go to the
#                                                 service's JVM (a JFR recording, say). The contacts are sealed, of
#                                                 BENCH_CITIZENS citizens (default 5000: the keys stay in the service's
#                                                 cache; 100000: more than its 10,000, so every contact's key is read
#                                                 from the database), with a keyring database of their own at PGHOST:PGPORT
#                                                 (default 127.0.0.1:5432, as PGUSER, default postgres)
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "$0")/.."
PORT=${BENCH_KAFKA_PORT:-29092}
N=${2:-100000}
WARMUP=${BENCH_WARMUP:-300000}
MVN=(./mvnw -B -q -ntp)

# With -am: the project's own modules come from the reactor, never from the local repository, where they are not.
test_classpath() {
  "${MVN[@]}" -pl routing-service -am test-compile >&2
  echo "routing-service/target/test-classes:routing-service/target/classes:$(cat routing-service/target/test.classpath)"
}

classify() {
  local classpath
  classpath=$(test_classpath)
  java -cp "$classpath" org.ascolto.routing.domain.ClassificationBenchmark
}

sealing() {
  local classpath
  classpath=$(test_classpath)
  java -cp "$classpath" org.ascolto.routing.messaging.SealingBenchmark "${@:2}"
}

# Global, so the EXIT trap still sees them after the function returns.
work=""
pids=()

throughput() {
  work=$(mktemp -d /tmp/ascolto-routing-bench.XXXXXX)
  trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null; rm -rf "$work"' EXIT
  "${MVN[@]}" -pl routing-service -am package -DskipTests >&2
  local test_cp tools_cp
  # the tests' classpath has the local broker (local-infra) too
  test_cp=$(test_classpath)
  tools_cp=$("${MVN[@]}" -f routing-service/bench/pom.xml dependency:build-classpath -Dmdep.outputFile=/dev/stdout)

  java -cp "$test_cp" org.ascolto.localinfra.KafkaBroker "$work/kafka" "$PORT" >"$work/broker.log" 2>&1 &
  pids+=($!)
  until grep -q "broker ready" "$work/broker.log"; do
    kill -0 "${pids[0]}" 2>/dev/null || { cat "$work/broker.log"; exit 1; }
    sleep 1
  done
  echo "== Kafka ProducerPerformance, same broker, same run: 200000 records of 1 KB, acks=all"
  java -cp "$tools_cp" org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$PORT" --create \
    --topic bench.reference --partitions 6 --replication-factor 1 >>"$work/tools.log" 2>&1
  java -cp "$tools_cp" org.apache.kafka.tools.ProducerPerformance --topic bench.reference --num-records 200000 \
    --record-size 1024 --throughput -1 --producer-props "bootstrap.servers=127.0.0.1:$PORT" acks=all 2>>"$work/tools.log" | tail -n 1

  keyring="ascolto_bench_keyring_$$"
  psql -h "${PGHOST:-127.0.0.1}" -p "${PGPORT:-5432}" -U "${PGUSER:-postgres}" -d postgres -qc "CREATE DATABASE $keyring"
  trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null; rm -rf "$work";
    psql -h "${PGHOST:-127.0.0.1}" -p "${PGPORT:-5432}" -U "${PGUSER:-postgres}" -d postgres -qc "DROP DATABASE IF EXISTS $keyring WITH (FORCE)"' EXIT
  local keyring_url="jdbc:postgresql://${PGHOST:-127.0.0.1}:${PGPORT:-5432}/$keyring"
  ASCOLTO_KEYRING_MASTER_KEY=$(head -c 32 /dev/urandom | base64)
  export ASCOLTO_KEYRING_MASTER_KEY
  echo "== routing service: $N contacts after $WARMUP to warm up, of ${BENCH_CITIZENS:-5000} citizens, sealed"
  java -cp "$test_cp" org.ascolto.routing.messaging.RoutingThroughputBench load "127.0.0.1:$PORT" $((WARMUP + N)) \
    "$keyring_url" "${BENCH_CITIZENS:-5000}"
  KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$PORT QUARKUS_HTTP_PORT=0 QUARKUS_MANAGEMENT_PORT=0 QUARKUS_LOG_LEVEL=WARN \
    QUARKUS_DATASOURCE_KEYRING_JDBC_URL="$keyring_url" QUARKUS_DATASOURCE_KEYRING_USERNAME="${PGUSER:-postgres}" \
    QUARKUS_DATASOURCE_KEYRING_PASSWORD="${PGPASSWORD:-}" \
    java ${SERVICE_JAVA_OPTS:-} -jar routing-service/target/quarkus-app/quarkus-run.jar >"$work/routing.log" 2>&1 &
  pids+=($!)
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  java -cp "$test_cp" org.ascolto.routing.messaging.RoutingThroughputBench measure "127.0.0.1:$PORT" "$WARMUP" "$N" "${pids[1]}" "${pids[0]}"
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
}

case "${1:-}" in
  classify) classify ;;
  sealing) sealing "$@" ;;
  throughput) throughput ;;
  *) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
