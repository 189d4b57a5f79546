#!/usr/bin/env bash
# The performance benchmarks of README "Benchmarks": starts the fake API,
# the exporter and the peers it is compared with, all on 127.0.0.1, and
# prints each figure beside its reference. Needs a build (scripts/build.sh).
#
#   tests/bench/run.sh            # 10,000 locations
#   LOCATIONS=2000 tests/bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

# The peer it is compared with, from Debian (its service is not started).
if ! command -v prometheus-node-exporter >/dev/null; then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq \
    --no-install-recommends prometheus-node-exporter
fi

locations=${LOCATIONS:-10000}
latency_ms=50
concurrency=100
bin=build/exporter/webex-callpark-exporter
fake=build/exporter/fake/webex-fake-api
tmp=$(mktemp -d)
pids=()
cleanup() {
  local status=$?
  if [ "$status" -ne 0 ]; then
    for log in "$tmp"/*.log; do
      echo "--- $log" >&2
      tail -n 5 "$log" >&2
    done
  fi
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
wait_for_file() {
  for _ in $(seq 1 200); do [ -s "$1" ] && return 0; sleep 0.05; done
  echo "bench: $1 never appeared" >&2
  return 1
}
median_p99() {  # reads seconds, one per line; prints "median p99" in ms
  sort -n | awk '{v[NR]=$1} END {m=v[int((NR+1)/2)]; p=v[int(NR*0.99+0.999)];
    printf "%.1f %.1f\n", m*1000, p*1000}'
}
scrape_times() {  # URL [extra curl args]: 20 timed fetches
  local url=$1; shift
  for _ in $(seq 1 20); do
    curl -s -o /dev/null -w '%{time_total}\n' --max-time 30 "$@" "$url"
  done
}

echo "== setup: fake API with $locations locations, ${latency_ms} ms latency"
"$fake" --listen 127.0.0.1:0 --locations "$locations" --token bench \
  --latency-ms "$latency_ms" --threads $((concurrency + 28)) \
  --port-file "$tmp/fake.port" 2>"$tmp/fake.log" &
pids+=($!)
wait_for_file "$tmp/fake.port"
fake_port=$(cat "$tmp/fake.port")
curl -s "http://127.0.0.1:$fake_port/_fake/locations" >"$tmp/locations.json"

python3 - "$tmp" "$fake_port" "$concurrency" <<'PY'
import json, sys
tmp, port, concurrency = sys.argv[1], sys.argv[2], sys.argv[3]
locations = json.load(open(f"{tmp}/locations.json"))
with open(f"{tmp}/bench.yaml", "w") as out:
    out.write(f"webex:\n  base_url: http://127.0.0.1:{port}/v1\n"
              f"  token_env: BENCH_TOKEN\n  max_concurrency: {concurrency}\n"
              "  requests_per_second: 0\n  timeout: 10s\n"
              "poll:\n  interval: 20s\n  jitter: 0%\n"
              "expected: {recall_time: 45s, option: ALERT_HUNT_GROUP_ONLY}\n"
              "orgs:\n  - locations:\n")
    for l in locations:
        out.write(f"      - {{id: {l['id']}, name: {json.dumps(l['name'])}}}\n")
PY

echo "== poll cycle, latency-bound (--once)"
BENCH_TOKEN=bench "$bin" --config "$tmp/bench.yaml" --once \
  >"$tmp/once.prom" 2>"$tmp/once.log"
cycle=$(awk '/^webex_exporter_poll_duration_seconds /{print $2}' "$tmp/once.prom")
ideal=$(awk -v n="$locations" -v l="$latency_ms" -v c="$concurrency" \
  'BEGIN{printf "%.3f", n*l/1000/c}')
awk -v c="$cycle" -v i="$ideal" 'BEGIN{printf \
  "poll cycle: %.3f s   ideal %.3f s   (%+.1f%%; target within 5%%)\n", \
  c, i, (c/i-1)*100}'
series=$(grep -vc '^#' "$tmp/once.prom")
echo "series: $series, exposition: $(wc -c <"$tmp/once.prom") bytes"

echo "== memory and scrape, serving (3 cycles)"
BENCH_TOKEN=bench "$bin" --config "$tmp/bench.yaml" \
  --web.listen-address 127.0.0.1:0 2>"$tmp/serve.log" &
exporter_pid=$!
pids+=("$exporter_pid")
for _ in $(seq 1 100); do
  grep -q 'msg=listening' "$tmp/serve.log" && break
  sleep 0.1
done
port=$(sed -n 's/.*msg=listening .*port=\([0-9]*\).*/\1/p' "$tmp/serve.log")
sleep 45  # three 20 s cycles start at 0, 20 and 40 s
rss_kb=$(awk '/VmRSS/{print $2}' "/proc/$exporter_pid/status")
awk -v r="$rss_kb" 'BEGIN{printf \
  "resident set after 3 cycles: %.1f MiB   (target at most 64 MiB)\n", r/1024}'

read -r ex_med ex_p99 < <(scrape_times "http://127.0.0.1:$port/metrics" |
  median_p99)
read -r exz_med exz_p99 < <(scrape_times "http://127.0.0.1:$port/metrics" \
  --compressed | median_p99)
gzip_bytes=$(curl -s -H 'Accept-Encoding: gzip' \
  "http://127.0.0.1:$port/metrics" | wc -c)

mkdir -p "$tmp/textfile"
curl -s "http://127.0.0.1:$port/metrics" |
  grep -v '^webex_exporter_\|^# .* webex_exporter_' \
    >"$tmp/textfile/webex.prom" || true
ne_port=$(free_port)
prometheus-node-exporter --collector.disable-defaults --collector.textfile \
  --collector.textfile.directory="$tmp/textfile" \
  --web.listen-address="127.0.0.1:$ne_port" 2>"$tmp/ne.log" &
pids+=($!)
for _ in $(seq 1 100); do
  curl -s -o /dev/null "http://127.0.0.1:$ne_port/metrics" && break
  sleep 0.1
done
read -r ne_med ne_p99 < <(scrape_times "http://127.0.0.1:$ne_port/metrics" |
  median_p99)
ne_rss=$(awk '/VmRSS/{print $2}' "/proc/${pids[-1]}/status")

printf 'scrape /metrics plain: median %s ms, p99 %s ms\n' "$ex_med" "$ex_p99"
printf 'scrape /metrics gzip: median %s ms, p99 %s ms, %s bytes\n' \
  "$exz_med" "$exz_p99" "$gzip_bytes"
printf 'node_exporter textfile, same series: median %s ms, p99 %s ms, %.0f MiB\n' \
  "$ne_med" "$ne_p99" "$(awk -v r="$ne_rss" 'BEGIN{print r/1024}')"
awk -v a="$ex_med" -v b="$ne_med" 'BEGIN{printf \
  "exporter median / node_exporter median: %.1f%%   (target at most 5%%)\n", \
  a/b*100}'
if command -v nginx >/dev/null; then
  echo "nginx: not compared yet"
else
  echo "nginx: not installed; the static-file comparison is not run"
fi
