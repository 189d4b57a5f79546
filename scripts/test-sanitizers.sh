#!/usr/bin/env bash
# Builds into build-asan/ with AddressSanitizer, LeakSanitizer and
# UndefinedBehaviorSanitizer and runs the ctest suite there (the exporter
# processes the integration tests start are sanitized too).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
BUILD_DIR=build-asan scripts/build.sh -DCMAKE_BUILD_TYPE=Debug \
  "-DCMAKE_CXX_FLAGS=-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined"
cd build-asan
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
  UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --output-on-failure --timeout 300 -j2
