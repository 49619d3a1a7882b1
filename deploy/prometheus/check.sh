#!/usr/bin/env bash
# Validates the Prometheus config, the alert rules and their unit tests (promtool: apt-get install prometheus).
set -euo pipefail
cd "$(dirname "$0")"
promtool check config prometheus.yml
promtool check rules alerts.yml
promtool test rules alerts.test.yml
