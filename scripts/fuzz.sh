#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (build-fuzz/) and runs each for
# FUZZ_SECONDS (default 20) from the seed corpus in tests/fuzz/corpus/.
# New inputs go to a temporary directory, never into the repository.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
command -v clang++ >/dev/null || {
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq \
    --no-install-recommends clang libclang-rt-dev
}
CXX=clang++ cmake -S . -B build-fuzz -DWEBEX_BUILD_FUZZERS=ON \
  -DWEBEX_BUILD_TESTS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target settings_parser_fuzz \
  config_loader_fuzz

seconds=${FUZZ_SECONDS:-20}
status=0
for target in settings_parser_fuzz config_loader_fuzz; do
  corpus=tests/fuzz/corpus/${target%%_*}
  work=$(mktemp -d)
  echo "== $target for ${seconds}s"
  if build-fuzz/tests/fuzz/$target -max_total_time="$seconds" \
    -rss_limit_mb=2048 -timeout=10 -artifact_prefix="$work/" \
    "$work" "$corpus" >"$work/log" 2>&1; then
    tail -n 1 "$work/log"
  else
    tail -n 40 "$work/log"
    echo "FAIL: $target (artifacts in $work)"
    status=1
    continue
  fi
  rm -rf "$work"
done
exit $status
