#!/usr/bin/env bash
# Accepted requests/s of the WhatsApp adapter (acks=all) beside Kafka's own ProducerPerformance, same broker, same run.
#   channel-adapters/bench/webhook-bench.sh [seconds] [connections]
# Uses the broker at BENCH_KAFKA (default 127.0.0.1:19092), starting one there when none answers.
# Needs wrk, python3, a JDK; builds the adapter jar when it is missing. Loopback only.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_TO_RUN=${1:-20}
CONNECTIONS=${2:-64}
BENCH_KAFKA=${BENCH_KAFKA:-127.0.0.1:19092}
PORT=${BENCH_PORT:-18082}
SECRET=local-whatsapp-app-secret
WORK=$(mktemp -d /tmp/webhook-bench.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
JAR=channel-adapters/whatsapp-adapter/target/quarkus-app/quarkus-run.jar
[ -f "$JAR" ] || ./mvnw -q -o -B -ntp -pl channel-adapters/whatsapp-adapter package -DskipTests
./mvnw -q -o -B -ntp -pl local-infra dependency:build-classpath -Dmdep.outputFile="$WORK/kafka.classpath" >/dev/null
./mvnw -q -o -B -ntp dependency:get -Dartifact=org.apache.kafka:kafka-tools:4.2.1 >/dev/null
M2=${MAVEN_REPO:-$HOME/.m2/repository}
TOOLS="local-infra/target/classes:$(cat "$WORK/kafka.classpath"):$M2/org/apache/kafka/kafka-tools/4.2.1/kafka-tools-4.2.1.jar:$M2/net/sourceforge/argparse4j/argparse4j/0.7.0/argparse4j-0.7.0.jar"

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
java -cp "$TOOLS" org.apache.kafka.tools.ProducerPerformance --topic bench.producer-performance --num-records 200000 \
  --record-size 1024 --throughput -1 --producer-props bootstrap.servers="$BENCH_KAFKA" acks=all 2>/dev/null | tail -n 1 | tee "$WORK/perf.txt"

echo "== WhatsApp adapter on :$PORT, signed notifications, $CONNECTIONS connections, ${SECONDS_TO_RUN}s"
python3 channel-adapters/bench/signed-bodies.py 250000 "$SECRET" "run$(date +%s)" > "$WORK/bodies.tsv"
python3 channel-adapters/bench/signed-bodies.py 30000 "$SECRET" "warmup$(date +%s)" > "$WORK/warmup.tsv"
KAFKA_BOOTSTRAP_SERVERS=$BENCH_KAFKA QUARKUS_HTTP_PORT=$PORT java -Xmx512m -jar "$JAR" >"$WORK/adapter.log" 2>&1 &
PIDS+=($!)
until curl -fsS "http://127.0.0.1:$PORT/q/health/ready" >/dev/null 2>&1; do sleep 1; done
wrk -t2 -c"$CONNECTIONS" -d3s -s channel-adapters/bench/signed-webhooks.lua "http://127.0.0.1:$PORT/webhooks/whatsapp" \
  -- "$WORK/warmup.tsv" 2 >/dev/null   # warm-up, with messages of its own
published_before=$(curl -fsS "http://127.0.0.1:$PORT/q/metrics" | awk '/^ascolto_adapter_contacts_total\{channel="whatsapp",outcome="published"\}/ {print $2}')
wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_TO_RUN}s" --latency -s channel-adapters/bench/signed-webhooks.lua \
  "http://127.0.0.1:$PORT/webhooks/whatsapp" -- "$WORK/bodies.tsv" 2 | tee "$WORK/wrk.txt"
metrics=$(curl -fsS "http://127.0.0.1:$PORT/q/metrics")
published=$(awk '/^ascolto_adapter_contacts_total\{channel="whatsapp",outcome="published"\}/ {print $2}' <<<"$metrics")
duplicates=$(awk '/^ascolto_adapter_contacts_total\{channel="whatsapp",outcome="duplicate"\}/ {print $2}' <<<"$metrics")

adapter_rate=$(awk '/^Requests\/sec/ {print $2}' "$WORK/wrk.txt")
kafka_rate=$(awk '{for (i = 1; i <= NF; i++) if ($i ~ /^records\/sec/) print $(i-1)}' "$WORK/perf.txt")
echo "== Summary (2 shared cores: figures are noisy)"
printf 'WhatsApp adapter accepted requests/s: %s (contacts published during the run: %.0f, duplicates: %s)\n' \
  "$adapter_rate" "$(awk -v a="$published" -v b="${published_before:-0}" 'BEGIN {print a - b}')" "${duplicates:-0}"
printf 'Kafka ProducerPerformance records/s:  %s\n' "$kafka_rate"
awk -v a="$adapter_rate" -v k="$kafka_rate" 'BEGIN {printf "ratio adapter / ProducerPerformance:  %.2f\n", a / k}'
grep -E "Non-2xx|Socket errors" "$WORK/wrk.txt" || echo "every response was 2xx"
