#!/usr/bin/env bash
# Accepted requests/s of the webhook adapters (acks=all) beside Kafka's own ProducerPerformance, same broker, same run.
#   channel-adapters/bench/webhook-bench.sh [seconds] [connections] [whatsapp|meta|both]
# Uses the broker at BENCH_KAFKA (default 127.0.0.1:19092), starting one there when none answers.
# ADAPTER_JAVA_OPTS adds JVM options to each adapter (a flight recording, say).
# Needs wrk, python3, a JDK; builds an adapter's jar when it is missing. Loopback only.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_TO_RUN=${1:-20}
CONNECTIONS=${2:-64}
case ${3:-both} in
  whatsapp|meta) ADAPTERS=("$3") ;;
  both) ADAPTERS=(whatsapp meta) ;;
  *) echo "usage: $0 [seconds] [connections] [whatsapp|meta|both]" >&2; exit 2 ;;
esac
BENCH_KAFKA=${BENCH_KAFKA:-127.0.0.1:19092}
WORK=$(mktemp -d /tmp/webhook-bench.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
for adapter in "${ADAPTERS[@]}"; do
  [ -f "channel-adapters/$adapter-adapter/target/quarkus-app/quarkus-run.jar" ] \
    || ./mvnw -q -B -ntp -pl "channel-adapters/$adapter-adapter" -am package -DskipTests
done
./mvnw -q -B -ntp -pl local-infra -am compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
./mvnw -q -B -ntp dependency:get -Dartifact=org.apache.kafka:kafka-tools:4.2.1 >/dev/null
M2=${MAVEN_REPO:-$HOME/.m2/repository}
TOOLS="local-infra/target/classes:$(cat local-infra/target/bench.classpath):$M2/org/apache/kafka/kafka-tools/4.2.1/kafka-tools-4.2.1.jar:$M2/net/sourceforge/argparse4j/argparse4j/0.7.0/argparse4j-0.7.0.jar"

host=${BENCH_KAFKA%:*}; port=${BENCH_KAFKA##*:}
if ! (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; then
  echo "starting a broker on $BENCH_KAFKA"
  java -Xmx1g -cp "$TOOLS" org.ascolto.localinfra.KafkaBroker "$WORK/kafka" "$port" >"$WORK/kafka.log" 2>&1 &
  PIDS+=($!)
  until grep -q "Kafka broker ready" "$WORK/kafka.log"; do sleep 1; done
fi

echo "== Kafka ProducerPerformance: 1 KB records, acks=all, 6 partitions"
java -cp "$TOOLS" org.apache.kafka.tools.TopicCommand --bootstrap-server "$BENCH_KAFKA" --create --if-not-exists \
  --topic bench.producer-performance --partitions 6 --replication-factor 1 >/dev/null 2>&1
producer_performance() {
  java -cp "$TOOLS" org.apache.kafka.tools.ProducerPerformance --topic bench.producer-performance --num-records "$1" \
    --record-size 1024 --throughput -1 --producer-props bootstrap.servers="$BENCH_KAFKA" acks=all 2>/dev/null | tail -n 1
}
producer_performance 100000 >/dev/null   # warm-up, so the broker is measured as warm as the adapters
producer_performance 200000 | tee "$WORK/perf.txt"
kafka_rate=$(awk '{for (i = 1; i <= NF; i++) if ($i ~ /^records\/sec/) print $(i-1)}' "$WORK/perf.txt")

# The contacts an adapter counted with this outcome, over all the channels it serves.
counted() {
  curl -fsS "http://127.0.0.1:$management/q/metrics" | awk -v channels="^($channels)\$" -v outcome="$1" '
    /^ascolto_adapter_contacts_total\{/ {
      match($0, /channel="[^"]*"/); channel = substr($0, RSTART + 9, RLENGTH - 10)
      if (channel ~ channels && $0 ~ "outcome=\"" outcome "\"") sum += $2
    }
    END { printf "%.0f", sum }'
}

# CPU seconds a process has used so far (user + system).
cpu_seconds() {
  awk -v ticks="$(getconf CLK_TCK)" '{print ($14 + $15) / ticks}' "/proc/$1/stat"
}

summary=()
for adapter in "${ADAPTERS[@]}"; do
  case $adapter in
    whatsapp) port=${BENCH_WHATSAPP_PORT:-18082} secret=local-whatsapp-app-secret channels=whatsapp ;;
    meta) port=${BENCH_META_PORT:-18083} secret=local-meta-app-secret channels='facebook|instagram' ;;
  esac
  url="http://127.0.0.1:$port/webhooks/$adapter"
  management=$((port + 1000))
  echo "== $adapter adapter on :$port, signed notifications, $CONNECTIONS connections, ${SECONDS_TO_RUN}s"
  python3 channel-adapters/bench/signed-bodies.py "$adapter" 250000 "$secret" "run$(date +%s)" > "$WORK/bodies.tsv"
  python3 channel-adapters/bench/signed-bodies.py "$adapter" 60000 "$secret" "warmup$(date +%s)" > "$WORK/warmup.tsv"
  # an adapter with a database of its own (the WhatsApp adapter's sent replies) finds it on the local PostgreSQL, as
  # ./ascolto's database_of and ensure_database make it (that script cannot be sourced: it runs a command)
  database=$(sed -n 's#^quarkus\.datasource\.jdbc\.url=.*/\([A-Za-z0-9_]*\)$#\1#p' "channel-adapters/$adapter-adapter/src/main/resources/application.properties")
  if [ -n "$database" ]; then
    psql -h 127.0.0.1 -U "${PGUSER:-postgres}" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$database'" | grep -q 1 \
      || psql -h 127.0.0.1 -U "${PGUSER:-postgres}" -d postgres -qc "CREATE DATABASE $database"
  fi
  # the citizens' data keys the adapter seals contacts with: a keyring database of the bench's own, its schema as the
  # case service migrates it (no case service runs here)
  psql -h 127.0.0.1 -U "${PGUSER:-postgres}" -d postgres -qc "DROP DATABASE IF EXISTS ascolto_bench_keyring WITH (FORCE)"
  psql -h 127.0.0.1 -U "${PGUSER:-postgres}" -d postgres -qc "CREATE DATABASE ascolto_bench_keyring"
  psql -h 127.0.0.1 -U "${PGUSER:-postgres}" -d ascolto_bench_keyring -q -f keyring/src/main/resources/db/keyring/V1__citizen_data_keys.sql
  # shellcheck disable=SC2086 # ADAPTER_JAVA_OPTS is a list of options
  # the local profile: its development webhook secrets are the ones the bodies are signed with
  QUARKUS_DATASOURCE_KEYRING_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/ascolto_bench_keyring QUARKUS_DATASOURCE_KEYRING_USERNAME="${PGUSER:-postgres}" \
  QUARKUS_PROFILE=local KAFKA_BOOTSTRAP_SERVERS=$BENCH_KAFKA QUARKUS_HTTP_PORT=$port QUARKUS_MANAGEMENT_PORT=$management java -Xmx512m ${ADAPTER_JAVA_OPTS:-} \
    -jar "channel-adapters/$adapter-adapter/target/quarkus-app/quarkus-run.jar" >"$WORK/$adapter.log" 2>&1 &
  adapter_pid=$!
  PIDS+=("$adapter_pid")
  until curl -fsS "http://127.0.0.1:$management/q/health/ready" >/dev/null 2>&1; do sleep 1; done
  # warm-up until the JIT has compiled the hot paths, with messages of its own
  wrk -t2 -c"$CONNECTIONS" -d10s -s channel-adapters/bench/signed-webhooks.lua "$url" -- "$WORK/warmup.tsv" 2 >/dev/null
  published_before=$(counted published)
  cpu_before=$(cpu_seconds "$adapter_pid")
  wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_TO_RUN}s" --latency -s channel-adapters/bench/signed-webhooks.lua "$url" \
    -- "$WORK/bodies.tsv" 2 | tee "$WORK/wrk.txt"
  cpu_after=$(cpu_seconds "$adapter_pid")
  published=$(( $(counted published) - published_before ))
  duplicates=$(counted duplicate)
  kill "$adapter_pid"
  wait "$adapter_pid" 2>/dev/null || true

  rate=$(awk '/^Requests\/sec/ {print $2}' "$WORK/wrk.txt")
  requests=$(awk '/requests in/ {print $1}' "$WORK/wrk.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$WORK/wrk.txt")
  refused=$(grep -E "Non-2xx|Socket errors" "$WORK/wrk.txt" | tr -s ' ' | paste -sd ';' || true)
  summary+=("$(printf '%-8s adapter: %9s accepted requests/s, p99 %s, ratio to ProducerPerformance %.2f; %s contacts published, %s duplicates; adapter CPU %.0f µs per request; %s' \
    "$adapter" "$rate" "$p99" "$(awk -v a="$rate" -v k="$kafka_rate" 'BEGIN {print a / k}')" "$published" "$duplicates" \
    "$(awk -v a="$cpu_before" -v b="$cpu_after" -v n="$requests" 'BEGIN {print (b - a) * 1e6 / n}')" "${refused:-every response 2xx}")")
done

echo "== Summary (2 shared cores: figures are noisy; $(uptime | sed 's/.*load/load/'))"
printf 'Kafka ProducerPerformance records/s: %s\n' "$kafka_rate"
printf '%s\n' "${summary[@]}"
