#!/usr/bin/env bash
# Analytics throughput bench: fills a broker of its own (port 49092) with N contacts, measures Kafka's own
# ConsumerPerformance on them, then starts the packaged analytics service (trusting a signing key of the bench's
# own) and reports how fast it counts them all, asking as an analyst.
# Usage: [STREAM_THREADS=3] [COMMIT_INTERVAL=1s] analytics-service/bench.sh [N=500000]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-500000}
PORT=49092
HTTP_PORT=18087
WORK=$(mktemp -d /tmp/analytics-bench.XXXXXX)
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

# -am: the project's own modules come from this build, never from the local repository (a fresh machine has none)
./mvnw -q -B -ntp -pl analytics-service -am package -DskipTests dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
INFRA_CP=local-infra/target/classes:$(cat local-infra/target/bench.classpath)
BENCH_CP=analytics-service/target/test-classes:analytics-service/target/classes:$(cat analytics-service/target/bench.classpath)

java -cp "$INFRA_CP" org.ascolto.localinfra.KafkaBroker "$WORK/kafka" $PORT > "$WORK/kafka.log" 2>&1 &
PIDS+=($!)
until grep -q 'Kafka broker ready' "$WORK/kafka.log"; do sleep 1; done

KAFKA_BOOTSTRAP_SERVERS=localhost:$PORT java -cp "$BENCH_CP" org.ascolto.analytics.bench.AnalyticsBench publish "$N"

echo "Kafka ConsumerPerformance on the same records:"
java -cp "$BENCH_CP" org.apache.kafka.tools.ConsumerPerformance --bootstrap-server localhost:$PORT \
  --topic crm.contacts.v2 --messages "$N" --group "consumer-performance-$$" 2>/dev/null

# a key pair of this run: the service verifies the analyst's token with its public half
IDENTITY_KEY=$(java -cp "$BENCH_CP" org.ascolto.analytics.bench.AnalyticsBench identity "$WORK/identity.pem")

MP_JWT_VERIFY_PUBLICKEY_LOCATION="file://$WORK/identity.pem" MP_JWT_VERIFY_ISSUER=https://identity.test/realms/ascolto \
ASCOLTO_ANALYTICS_STREAM_THREADS=${STREAM_THREADS:-3} ASCOLTO_ANALYTICS_COMMIT_INTERVAL=${COMMIT_INTERVAL:-1s} KAFKA_BOOTSTRAP_SERVERS=localhost:$PORT QUARKUS_HTTP_PORT=$HTTP_PORT QUARKUS_MANAGEMENT_PORT=$((HTTP_PORT + 1000)) ASCOLTO_ANALYTICS_APPLICATION_ID="analytics-bench-$$" \
  ASCOLTO_ANALYTICS_STATE_DIR="$WORK/state" java -jar analytics-service/target/quarkus-app/quarkus-run.jar > "$WORK/analytics.log" 2>&1 &
PIDS+=($!)
until curl -sf "http://127.0.0.1:$((HTTP_PORT + 1000))/q/health/live" > /dev/null; do sleep 0.5; done

java -Dascolto.test.identity.key="$IDENTITY_KEY" -cp "$BENCH_CP" org.ascolto.analytics.bench.AnalyticsBench await "$N" \
  "http://127.0.0.1:$HTTP_PORT/api/v1/stats/channels"
