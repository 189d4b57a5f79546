#!/usr/bin/env bash
# Checks the Prometheus rules and config under deploy/prometheus:
#   1. promtool check config  (prometheus.yml, which also loads the rule files)
#   2. promtool check rules   (every rules/*.yml)
#   3. promtool test rules    (every tests/*.yml)
#   4. coverage: every alert has a test where it fires (with labels and
#      annotations checked) and one where it must stay quiet; every alert has
#      severity, summary and description; per-location alerts name the
#      location in their summary.
# Exits non-zero on any failure.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
prom="$root/deploy/prometheus"

if ! command -v promtool >/dev/null 2>&1; then
  # Debian's prometheus package ships promtool.
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "promtool missing: installing Debian's prometheus package" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus) >&2
  fi
  command -v promtool >/dev/null 2>&1 || { echo "FAIL: promtool not found (apt-get install prometheus)" >&2; exit 1; }
fi
python3 -c 'import yaml' 2>/dev/null || { echo "FAIL: python3 with PyYAML is needed (apt-get install python3-yaml)" >&2; exit 1; }

shopt -s nullglob
rule_files=("$prom"/rules/*.yml)
test_files=("$prom"/tests/*.yml)
[ ${#rule_files[@]} -gt 0 ] || { echo "FAIL: no rule files in $prom/rules" >&2; exit 1; }
[ ${#test_files[@]} -gt 0 ] || { echo "FAIL: no rule tests in $prom/tests" >&2; exit 1; }

passed=0
failed=0
step() {
  local name="$1"; shift
  echo "--- $name"
  if "$@"; then passed=$((passed + 1)); else echo "FAIL: $name" >&2; failed=$((failed + 1)); fi
}

step "promtool check config prometheus.yml" promtool check config "$prom/prometheus.yml"
step "promtool check rules" promtool check rules "${rule_files[@]}"
for t in "${test_files[@]}"; do
  step "promtool test rules $(basename "$t")" promtool test rules "$t"
done
step "alert coverage and annotations" python3 - "${#rule_files[@]}" "${rule_files[@]}" "${test_files[@]}" <<'PY'
import sys, yaml
n = int(sys.argv[1])
rule_files, test_files = sys.argv[2:2 + n], sys.argv[2 + n:]
alerts = {}
problems = []
for f in rule_files:
    for g in (yaml.safe_load(open(f)) or {}).get("groups", []):
        for r in g.get("rules", []):
            if "alert" not in r:
                continue
            name = r["alert"]
            alerts[name] = r
            sev = (r.get("labels") or {}).get("severity")
            if sev not in ("critical", "warning", "info"):
                problems.append(f"{name}: labels.severity is {sev!r}")
            ann = r.get("annotations") or {}
            for key in ("summary", "description"):
                if not str(ann.get(key, "")).strip():
                    problems.append(f"{name}: annotations.{key} missing")
            if "webex_callpark_" in r["expr"] and "$labels.location" not in ann.get("summary", ""):
                problems.append(f"{name}: per-location alert whose summary does not name {{{{ $labels.location }}}}")
fires, quiet = {}, {}
for f in test_files:
    for t in (yaml.safe_load(open(f)) or {}).get("tests", []):
        for a in t.get("alert_rule_test", []) or []:
            name = a["alertname"]
            exp = a.get("exp_alerts") or []
            if name not in alerts:
                problems.append(f"{f}: test for unknown alert {name}")
            if exp:
                if all(e.get("exp_annotations") and (e.get("exp_labels") or {}).get("severity") for e in exp):
                    fires[name] = True
                else:
                    problems.append(f"{f}: {name} fire case without exp_labels.severity and exp_annotations")
            else:
                quiet[name] = True
for name in sorted(alerts):
    if name not in fires:
        problems.append(f"{name}: no test where it fires")
    if name not in quiet:
        problems.append(f"{name}: no test where it must not fire")
for p in problems:
    print("  " + p)
print(f"  {len(alerts)} alerts, each with a firing and a quiet test" if not problems else f"  {len(problems)} problem(s)")
sys.exit(1 if problems else 0)
PY

echo "rules: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
