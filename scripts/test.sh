#!/usr/bin/env bash
# The README's second command, and what CI runs: installs what is missing,
# builds, and runs every test (format, unit, fake API, integration, fuzz
# smoke, alert rules, dashboards, deploy, end to end), then the unit, fake
# API and integration tests again under ASan+UBSan and TSan.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
scripts/build.sh

status=0
scripts/check-format.sh || status=1
(cd build && ctest --output-on-failure --timeout 300 -j2) || status=1
# A bounded fuzzing smoke: each libFuzzer target for a few seconds.
FUZZ_SECONDS=${FUZZ_SECONDS:-10} scripts/fuzz.sh || status=1
for check in tests/rules/check.sh tests/dashboards/check.sh \
  tests/deploy/check.sh tests/e2e/run.sh; do
  if [ -x "$check" ]; then
    echo "== $check"
    "$check" || status=1
  fi
done
scripts/test-sanitizers.sh || status=1
exit $status
