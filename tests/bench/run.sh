#!/usr/bin/env bash
# The performance benchmarks of README "Benchmarks": starts the fake API,
# the exporter and the peers it is compared with, all on 127.0.0.1, and
# prints each figure beside its reference. Needs a build (scripts/build.sh).
#
#   tests/bench/run.sh            # 10,000 locations
#   LOCATIONS=2000 tests/bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

sudo_cmd=""
[ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
# wrk is a plain program: install it.
command -v wrk >/dev/null ||
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq \
    --no-install-recommends wrk >/dev/null

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

# The servers it is compared with, from Debian's packages. Installing them
# would also start them as system services listening on every address, so
# an absent one is unpacked into the temporary directory instead.
debian_program() {  # PACKAGE PATH: prints the program's path
  if [ -x "$2" ]; then
    echo "$2"
    return
  fi
  mkdir -p "$tmp/debs/$1"
  (cd "$tmp/debs" && apt-get download -qq "$1" >/dev/null 2>&1) ||
    (cd "$tmp/debs" && $sudo_cmd apt-get download -qq "$1" >/dev/null)
  dpkg-deb -x "$tmp"/debs/"$1"_*.deb "$tmp/debs/$1"
  echo "$tmp/debs/$1$2"
}
node_exporter=$(debian_program prometheus-node-exporter \
  /usr/bin/prometheus-node-exporter)
nginx=$(debian_program nginx /usr/sbin/nginx)

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
wait_for_file() {
  for _ in $(seq 1 200); do [ -s "$1" ] && return 0; sleep 0.05; done
  echo "bench: $1 never appeared" >&2
  return 1
}
wait_for_url() {  # up to 10 s for a first answer
  for _ in $(seq 1 100); do
    curl -s -o /dev/null "$1" && return 0
    sleep 0.1
  done
  echo "bench: $1 never answered" >&2
  return 1
}
median_p99() {  # reads seconds, one per line; prints "median p99" in ms
  sort -n | awk '{v[NR]=$1} END {m=v[int((NR+1)/2)]; p=v[int(NR*0.99+0.999)];
    printf "%.1f %.1f\n", m*1000, p*1000}'
}
# One cycle's time is at the mercy of the other programs sharing the two
# cores (it varied by a fifth between runs), so each is run three times
# and the median reported, with the other two beside it.
cycle_times() {  # CONFIG: three --once runs; prints "median min max" in s
  for run in 1 2 3; do
    BENCH_TOKEN=bench "$bin" --config "$1" --once >"$tmp/once-$run.prom" \
      2>"$tmp/once-$run.log"
    awk '/^webex_exporter_poll_duration_seconds /{print $2}' \
      "$tmp/once-$run.prom"
  done | sort -n | awk '{v[NR]=$1} END {print v[2], v[1], v[3]}'
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

# wrk asks for the same settings URLs, in turn, over as many connections.
python3 - "$tmp" <<'PY'
import json, sys, urllib.parse
tmp = sys.argv[1]
with open(f"{tmp}/paths", "w") as out:
    for l in json.load(open(f"{tmp}/locations.json")):
        out.write("/v1/telephony/config/locations/"
                  f"{urllib.parse.quote(l['id'], safe='')}/callParks/settings\n")
PY
cat >"$tmp/paths.lua" <<'LUA'
local paths = {}
for line in io.lines(os.getenv("BENCH_PATHS")) do paths[#paths + 1] = line end
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i], {["Authorization"] = "Bearer bench"})
end
LUA

echo "== poll cycle, latency-bound (--once, three runs)"
read -r cycle cycle_min cycle_max < <(cycle_times "$tmp/bench.yaml")
ideal=$(awk -v n="$locations" -v l="$latency_ms" -v c="$concurrency" \
  'BEGIN{printf "%.3f", n*l/1000/c}')
awk -v c="$cycle" -v lo="$cycle_min" -v hi="$cycle_max" -v i="$ideal" \
  'BEGIN{printf "poll cycle: median %.3f s (%.3f to %.3f)   ideal %.3f s" \
  "   (%+.1f%%; target within 5%%)\n", c, lo, hi, i, (c/i-1)*100}'
# The floor the fake itself sets: wrk over as many connections.
BENCH_PATHS="$tmp/paths" wrk -t2 -c"$concurrency" -d5s -s "$tmp/paths.lua" \
  "http://127.0.0.1:$fake_port" >"$tmp/wrk-latency.out"
awk -v n="$locations" -v i="$ideal" '/^Requests\/sec:/{printf \
  "wrk, same fake and connections: %.0f requests/s, %d in %.3f s (%+.1f%%)\n", \
  $2, n, n/$2, (n/$2/i-1)*100}' "$tmp/wrk-latency.out"
series=$(grep -vc '^#' "$tmp/once-1.prom")
echo "series: $series, exposition: $(wc -c <"$tmp/once-1.prom") bytes"

echo "== poll throughput, CPU-bound: the fake answers at once"
"$fake" --listen 127.0.0.1:0 --locations "$locations" --token bench \
  --threads $((concurrency + 28)) --port-file "$tmp/fast.port" \
  2>"$tmp/fast.log" &
pids+=($!)
wait_for_file "$tmp/fast.port"
fast_port=$(cat "$tmp/fast.port")
sed "s|127.0.0.1:$fake_port|127.0.0.1:$fast_port|" "$tmp/bench.yaml" \
  >"$tmp/fast.yaml"
read -r fast_cycle fast_min fast_max < <(cycle_times "$tmp/fast.yaml")
BENCH_PATHS="$tmp/paths" wrk -t2 -c"$concurrency" -d10s -s "$tmp/paths.lua" \
  "http://127.0.0.1:$fast_port" >"$tmp/wrk.out"
wrk_rps=$(awk '/^Requests\/sec:/{print $2}' "$tmp/wrk.out")
awk -v n="$locations" -v c="$fast_cycle" -v lo="$fast_min" -v hi="$fast_max" \
  -v w="$wrk_rps" 'BEGIN{printf "poll throughput: median %.0f requests/s" \
  " (%d in %.3f s; %.3f to %.3f)   wrk %.0f requests/s" \
  "   (%.0f%%; target at least 70%%)\n", n/c, n, c, lo, hi, w, n/c/w*100}'
kill "${pids[-1]}"

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
# Three 20 s cycles start at 0, 20 and 40 s and last some 5.3 s each: the
# scrapes (some 6 s in all) come between the third and the fourth.
sleep 47
rss_kb=$(awk '/VmRSS/{print $2}' "/proc/$exporter_pid/status")
awk -v r="$rss_kb" 'BEGIN{printf \
  "resident set after 3 cycles: %.1f MiB   (target at most 64 MiB)\n", r/1024}'

read -r ex_med ex_p99 < <(scrape_times "http://127.0.0.1:$port/metrics" |
  median_p99)
read -r exz_med exz_p99 < <(scrape_times "http://127.0.0.1:$port/metrics" \
  --compressed | median_p99)
gzip_bytes=$(curl -s -H 'Accept-Encoding: gzip' \
  "http://127.0.0.1:$port/metrics" | wc -c)
# The most the exporter ever held: start-up, the cycles and the scrapes.
peak_kb=$(awk '/VmHWM/{print $2}' "/proc/$exporter_pid/status")

mkdir -p "$tmp/textfile"
curl -s "http://127.0.0.1:$port/metrics" |
  grep -v '^webex_exporter_\|^# .* webex_exporter_' \
    >"$tmp/textfile/webex.prom" || true
ne_port=$(free_port)
"$node_exporter" --collector.disable-defaults --collector.textfile \
  --collector.textfile.directory="$tmp/textfile" \
  --web.listen-address="127.0.0.1:$ne_port" 2>"$tmp/ne.log" &
pids+=($!)
wait_for_url "http://127.0.0.1:$ne_port/metrics"
read -r ne_med ne_p99 < <(scrape_times "http://127.0.0.1:$ne_port/metrics" |
  median_p99)
ne_rss=$(awk '/VmRSS/{print $2}' "/proc/${pids[-1]}/status")

printf 'peak resident set, after 40 scrapes: %.1f MiB\n' \
  "$(awk -v r="$peak_kb" 'BEGIN{print r/1024}')"
printf 'scrape /metrics plain: median %s ms, p99 %s ms\n' "$ex_med" "$ex_p99"
printf 'scrape /metrics gzip: median %s ms, p99 %s ms, %s bytes\n' \
  "$exz_med" "$exz_p99" "$gzip_bytes"
printf 'node_exporter textfile, same series: median %s ms, p99 %s ms, %.0f MiB\n' \
  "$ne_med" "$ne_p99" "$(awk -v r="$ne_rss" 'BEGIN{print r/1024}')"
awk -v a="$ex_med" -v b="$ne_med" 'BEGIN{printf \
  "exporter median / node_exporter median: %.1f%%   (target at most 5%%)\n", \
  a/b*100}'

# nginx serving the very same bytes as static files, the copying limit:
# metrics, and metrics.gz (gzip -1, zlib's level the exporter uses) for
# clients that accept gzip.
mkdir -p "$tmp/static" "$tmp/nginx-temp"
curl -s "http://127.0.0.1:$port/metrics" >"$tmp/static/metrics"
gzip -1 -k "$tmp/static/metrics"
chmod a+rx "$tmp" "$tmp/static"  # nginx's workers drop root for nobody
chmod a+r "$tmp/static"/*
nginx_port=$(free_port)
cat >"$tmp/nginx.conf" <<NGINX
daemon off;
worker_processes 2;
pid $tmp/nginx.pid;
error_log $tmp/nginx.log;
events { worker_connections 64; }
http {
  access_log off;
  sendfile on;
  gzip_static on;
  types { }
  default_type "text/plain; version=0.0.4; charset=utf-8";
  client_body_temp_path $tmp/nginx-temp;
  proxy_temp_path $tmp/nginx-temp;
  fastcgi_temp_path $tmp/nginx-temp;
  uwsgi_temp_path $tmp/nginx-temp;
  scgi_temp_path $tmp/nginx-temp;
  server {
    listen 127.0.0.1:$nginx_port;
    root $tmp/static;
  }
}
NGINX
"$nginx" -p "$tmp" -e "$tmp/nginx.log" -c "$tmp/nginx.conf" &
pids+=($!)
wait_for_url "http://127.0.0.1:$nginx_port/metrics"
read -r ng_med ng_p99 < <(scrape_times "http://127.0.0.1:$nginx_port/metrics" |
  median_p99)
read -r ngz_med ngz_p99 < <(scrape_times \
  "http://127.0.0.1:$nginx_port/metrics" --compressed | median_p99)
printf 'nginx, same bytes as static files: plain median %s ms, p99 %s ms; gzip median %s ms, p99 %s ms\n' \
  "$ng_med" "$ng_p99" "$ngz_med" "$ngz_p99"
awk -v a="$ex_med" -v b="$ng_med" -v c="$exz_med" -v d="$ngz_med" 'BEGIN{
  printf "exporter / nginx median: plain %.1fx, gzip %.1fx   (target within 3x)\n",
  a/b, c/d}'
