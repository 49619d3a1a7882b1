#!/usr/bin/env bash
# Validates the Prometheus config, the alert rules and their unit tests (promtool: apt-get install prometheus), and
# that every alert has a unit test.
set -euo pipefail
cd "$(dirname "$0")"
promtool check config prometheus.yml
promtool check rules alerts.yml
promtool test rules alerts.test.yml
untested=$(comm -23 <(sed -n 's/^ *- alert: *//p' alerts.yml | sort -u) <(sed -n 's/^ *alertname: *//p' alerts.test.yml | sort -u))
if [ -n "$untested" ]; then
  echo "deploy/prometheus/check: alerts without a unit test in alerts.test.yml: $untested" >&2
  exit 1
fi
