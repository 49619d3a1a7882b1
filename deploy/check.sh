#!/usr/bin/env bash
# Checks the deployment descriptors without a Docker engine or a cluster: the Prometheus alerts pass their unit tests
# (deploy/prometheus/check.sh), docker-compose.yml is valid,
# deploy/k8s renders, and both match the code (services, ports, variables, probes, topics, scrape targets) and the
# AsyncAPI document (each service's Kafka user and ACLs), with their security (credentials, NetworkPolicies, pod security,
# compose reachable from this host only).
# Installs docker-compose, kubectl and prometheus (promtool) from Debian when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

install_missing() { # command, Debian package
  command -v "$1" >/dev/null && return 0
  echo "deploy/check: installing $2 from Debian"
  local sudo=()
  [ "$(id -u)" = 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get install -y -q "$2" >/dev/null || { "${sudo[@]}" apt-get update -q >/dev/null && "${sudo[@]}" apt-get install -y -q "$2" >/dev/null; }
}
install_missing docker-compose docker-compose
install_missing kubectl kubectl
install_missing promtool prometheus

deploy/prometheus/check.sh

# docker-compose depends on python3-yaml, so the system python has it even when another python3 comes first.
python=python3
$python -c 'import yaml' 2>/dev/null || python=/usr/bin/python3

rendered=$(mktemp -d)
trap 'rm -rf "$rendered"' EXIT
# .env.example's placeholders stand in for the credentials, which have no defaults (a developer's own .env is never read)
docker-compose --env-file .env.example --profile observability config > "$rendered/compose.yml"
kubectl kustomize deploy/k8s > "$rendered/k8s.yml"
status=0
$python deploy/descriptors_match_code.py "$rendered/compose.yml" "$rendered/k8s.yml" || status=1
$python deploy/security_matches_contract.py "$rendered/compose.yml" "$rendered/k8s.yml" || status=1
[ "$status" = 0 ] || exit 1
echo "deploy/check: every alert passes its promtool unit test, docker-compose.yml is valid, deploy/k8s renders ($(grep -c '^kind:' "$rendered/k8s.yml") resources), both match the code, every committing Kafka consumer lifts SmallRye's 60 s age limit;" \
  "Kafka users, ACLs, credentials, NetworkPolicies and pod security match the AsyncAPI document; compose publishes on 127.0.0.1 only"
