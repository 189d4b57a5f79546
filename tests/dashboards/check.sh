#!/usr/bin/env bash
# Checks the Grafana dashboards under dashboards/:
#   1. structure-check.js: panels, targets, variables, ids, gridPos, datasources
#   2. schema-check.js:    tsc against Grafana's @grafana/schema types
#   3. queries.txt is what list-queries.js prints (regenerate with
#      `node tests/dashboards/list-queries.js > tests/dashboards/queries.txt`)
#   4. promql-check.js:    every query parses and returns data (promtool)
#   5. provisioning files: YAML with the keys Grafana needs
# Installs the pinned npm packages (npm ci) when node_modules is missing or
# does not match package.json. Exits non-zero on any failure.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/tests/dashboards"
cd "$root"

command -v node >/dev/null 2>&1 || { echo "FAIL: node is not installed" >&2; exit 1; }
installed_ok() {
  node -e '
    const pkg = require("./package.json");
    for (const [name, want] of Object.entries(pkg.devDependencies || {})) {
      let have;
      try { have = require(`./node_modules/${name}/package.json`).version; } catch { process.exit(1); }
      if (have !== want) process.exit(1);
    }' 2>/dev/null
}
if ! installed_ok; then
  echo "--- npm ci (node_modules missing or out of date)"
  npm ci --no-audit --no-fund
fi

if ! command -v promtool >/dev/null 2>&1; then
  # Debian's prometheus package ships promtool.
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "promtool missing: installing Debian's prometheus package" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus) >&2
  fi
fi

passed=0
failed=0
step() {
  local name="$1"; shift
  echo "--- $name"
  if "$@"; then passed=$((passed + 1)); else echo "FAIL: $name" >&2; failed=$((failed + 1)); fi
}

queries_current() {
  local now
  now="$(node "$here/list-queries.js")" || return 1
  if [ "$now" != "$(cat "$here/queries.txt")" ]; then
    diff <(echo "$now") "$here/queries.txt" >&2 || true
    echo "queries.txt is stale: node tests/dashboards/list-queries.js > tests/dashboards/queries.txt" >&2
    return 1
  fi
  echo "queries.txt: $(wc -l <"$here/queries.txt") queries, up to date"
}

promql() {
  command -v promtool >/dev/null 2>&1 || { echo "promtool not found (apt-get install prometheus)" >&2; return 1; }
  node "$here/promql-check.js"
}

provisioning() {
  python3 - "$root/dashboards/provisioning" <<'PY'
import sys, yaml, os
base = sys.argv[1]
problems = []
ds = yaml.safe_load(open(os.path.join(base, "datasources", "prometheus.yml")))
if ds.get("apiVersion") != 1: problems.append("datasources: apiVersion is not 1")
entries = ds.get("datasources") or []
if not any(d.get("type") == "prometheus" and d.get("url") and d.get("name") for d in entries):
    problems.append("datasources: no prometheus datasource with name and url")
db = yaml.safe_load(open(os.path.join(base, "dashboards", "webex-callpark.yml")))
if db.get("apiVersion") != 1: problems.append("dashboards: apiVersion is not 1")
provs = db.get("providers") or []
if not any(p.get("type") == "file" and (p.get("options") or {}).get("path") for p in provs):
    problems.append("dashboards: no file provider with options.path")
for p in problems: print("  " + p, file=sys.stderr)
print("provisioning: " + ("OK" if not problems else "%d problem(s)" % len(problems)))
sys.exit(1 if problems else 0)
PY
}

step "structure check" node "$here/structure-check.js"
step "schema check (@grafana/schema + tsc)" node "$here/schema-check.js"
step "queries.txt up to date" queries_current
step "PromQL check (promtool)" promql
step "provisioning files" provisioning

echo "dashboards: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
