#!/usr/bin/env bash
# Checks the deploy files under deploy/ (systemd, Docker, compose,
# Kubernetes) offline, with no Docker daemon and no cluster:
#  - the systemd unit passes `systemd-analyze verify` (with the binary
#    pointed at this build) and asks for the sandboxing the README promises;
#  - check_deploy.py parses every file under deploy/ and cross-checks what
#    each deploy depends on (ports, mounted paths, rules, images);
#  - every exporter config a deploy mounts passes --check-config, compose's
#    Prometheus config with the rules it mounts passes promtool, and
#    compose.yaml passes `docker-compose config`;
#  - the image's runtime package list comes out of this build's binaries;
#  - test_check_deploy.py shows that each check fails when broken;
#  - compose_smoke.py runs compose's fake API and exporter on loopback.
# Ends with `deploy: N passed, M failed`; exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/../.."

build=${BUILD_DIR:-build}
case "$build" in /*) ;; *) build="$PWD/$build" ;; esac
binary=$build/exporter/webex-callpark-exporter
unit=deploy/systemd/webex-callpark-exporter.service
# Debian's interpreter, which python3-yaml serves (install-deps.sh); no
# __pycache__ left in the tree.
python=/usr/bin/python3
export PYTHONDONTWRITEBYTECODE=1
passed=0
failed=0
check() {
  if "$@"; then passed=$((passed + 1)); else
    echo "FAIL: $*" >&2
    failed=$((failed + 1))
  fi
}
fails() { ! "$@" >/dev/null 2>&1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The unit, with the binary pointed at this build; and a copy pointing at
# a binary that does not exist, which verify must reject.
sed "s|/usr/local/bin/webex-callpark-exporter|$binary|g" "$unit" \
  >"$tmp/webex-callpark-exporter.service"
check systemd-analyze verify "$tmp/webex-callpark-exporter.service"
sed "s|/usr/local/bin/webex-callpark-exporter|$tmp/missing|g" "$unit" \
  >"$tmp/missing-binary.service"
check fails systemd-analyze verify "$tmp/missing-binary.service"
for setting in NoNewPrivileges=yes ProtectSystem=strict \
  "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX" \
  User=webex-callpark-exporter "CapabilityBoundingSet="; do
  check grep -qxF "$setting" "$unit"
done
check grep -q -- '--config /etc/webex-callpark-exporter/config.yaml' "$unit"
check grep -q '^WEBEX_TOKEN=' deploy/systemd/webex-callpark-exporter.default

mkdir "$tmp/out"
check "$python" tests/deploy/check_deploy.py . --out "$tmp/out"

# image, compose, Deployment, StatefulSet.
configs=("$tmp"/out/config-*.yaml)
check test "${#configs[@]}" -eq 4
for config in "${configs[@]}"; do
  check "$binary" --check-config --config "$config"
done
check promtool check config "$tmp/out/prometheus/prometheus.yml"
# A socket that does not exist proves that the validation needs no daemon.
check env DOCKER_HOST="unix://$tmp/no-daemon.sock" \
  docker-compose -f deploy/docker/compose.yaml config -q

# What the image's runtime stage would install for these binaries: the
# libraries' packages, installed here, and no development package.
runtime_packages() {
  deploy/docker/runtime-packages.sh "$binary" \
    "$build/exporter/fake/webex-fake-api" >"$tmp/runtime-packages.txt" &&
    grep -qx libcurl4 "$tmp/runtime-packages.txt" &&
    grep -qx ca-certificates "$tmp/runtime-packages.txt" &&
    ! grep -q -- '-dev$' "$tmp/runtime-packages.txt" &&
    xargs -a "$tmp/runtime-packages.txt" dpkg-query -W >/dev/null
}
check runtime_packages

check env BUILD_DIR="$build" "$python" tests/deploy/test_check_deploy.py
check "$python" tests/deploy/compose_smoke.py "$build"

echo "deploy: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
