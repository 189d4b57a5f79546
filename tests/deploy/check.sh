#!/usr/bin/env bash
# Checks the deploy files: the systemd unit passes `systemd-analyze verify`
# (with the binary pointed at this build) and asks for the sandboxing the
# README promises; the Kubernetes example is consistent and its config
# loads.
set -euo pipefail
cd "$(dirname "$0")/../.."

unit=deploy/systemd/webex-callpark-exporter.service
binary=$PWD/build/exporter/webex-callpark-exporter
passed=0
failed=0
check() {
  if "$@"; then passed=$((passed + 1)); else
    echo "FAIL: $*" >&2
    failed=$((failed + 1))
  fi
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sed "s|/usr/local/bin/webex-callpark-exporter|$binary|g" "$unit" \
  >"$tmp/webex-callpark-exporter.service"
check systemd-analyze verify "$tmp/webex-callpark-exporter.service"

for setting in NoNewPrivileges=yes ProtectSystem=strict \
  "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX" \
  User=webex-callpark-exporter "CapabilityBoundingSet="; do
  check grep -qxF "$setting" "$unit"
done
check grep -q -- '--config /etc/webex-callpark-exporter/config.yaml' "$unit"
check grep -q '^WEBEX_TOKEN=' deploy/systemd/webex-callpark-exporter.default

# The Kubernetes example (see check_kubernetes.py), and the config it
# mounts passes --check-config.
check /usr/bin/python3 tests/deploy/check_kubernetes.py \
  deploy/kubernetes/statefulset-sharded.yaml "$tmp/k8s-config.yaml"
check env WEBEX_TOKEN=x "$binary" --check-config \
  --config "$tmp/k8s-config.yaml"

echo "deploy: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
