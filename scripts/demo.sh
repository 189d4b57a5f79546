#!/usr/bin/env bash
# The README's first command: installs what is missing, builds, starts the
# bundled fake Webex API on 127.0.0.1:9878 and the exporter on
# 127.0.0.1:9877 (config/demo.yaml), prints a sample of /metrics, and keeps
# both running until Ctrl-C. DEMO_SECONDS=N stops them after N seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
scripts/build.sh

port_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}
for port in 9877 9878; do
  if ! port_free "$port"; then
    echo "demo: 127.0.0.1:$port is in use; stop what holds it and retry" >&2
    exit 1
  fi
done

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

build/exporter/fake/webex-fake-api --listen 127.0.0.1:9878 --locations 12 \
  --token demo-token &
pids+=($!)

WEBEX_DEMO_TOKEN=demo-token build/exporter/webex-callpark-exporter \
  --config config/demo.yaml &
pids+=($!)

for _ in $(seq 1 100); do
  curl -sf http://127.0.0.1:9877/ready >/dev/null 2>&1 && break
  sleep 0.1
done
echo
echo "== http://127.0.0.1:9877/metrics, the series of one location =="
curl -s http://127.0.0.1:9877/metrics |
  grep -E 'location="Headquarters"|^webex_exporter_locations' |
  sed -E 's/org_id="[^"]*",location_id="[^"]*",//'
echo "(org_id and location_id labels cut here for width)"
echo "== the exporter is on http://127.0.0.1:9877/ (Ctrl-C stops) =="

if [ -n "${DEMO_SECONDS:-}" ]; then
  sleep "$DEMO_SECONDS"
else
  wait "${pids[1]}"
fi
