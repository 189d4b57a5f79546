#!/usr/bin/env bash
# Builds into build-asan/ with AddressSanitizer, LeakSanitizer and
# UndefinedBehaviorSanitizer and runs the ctest suite there (the exporter
# processes the integration tests start are sanitized too); then the same
# with ThreadSanitizer in build-tsan/ for the unit and integration tests.
# scripts/test.sh runs this after the plain suite.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh

# Line tables are all a sanitizer report needs (file:line in each frame),
# and compile about a tenth faster than full debug information.
lines_only=-DCMAKE_CXX_FLAGS_DEBUG=-g1
# Only what the runs below use: the benchmarks would only cost build time.
test_targets=(unit_tests integration_tests fake_api_test
  settings_parser_replay config_loader_replay
  webex-callpark-exporter webex-fake-api)

echo "== AddressSanitizer, LeakSanitizer, UndefinedBehaviorSanitizer"
BUILD_DIR=build-asan scripts/build.sh -DCMAKE_BUILD_TYPE=Debug "$lines_only" \
  "-DCMAKE_CXX_FLAGS=-fsanitize=address,undefined -fno-omit-frame-pointer \
-fno-sanitize-recover=undefined" \
  -- --target "${test_targets[@]}"
(cd build-asan &&
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
  UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --output-on-failure --timeout 300 -j2)

# ThreadSanitizer over the threaded parts (the unit tests, and the
# integration tests, which run the exporter binary itself under TSan).
echo "== ThreadSanitizer"
BUILD_DIR=build-tsan scripts/build.sh -DCMAKE_BUILD_TYPE=Debug "$lines_only" \
  "-DCMAKE_CXX_FLAGS=-fsanitize=thread -fno-omit-frame-pointer" \
  -- --target unit_tests integration_tests
export TSAN_OPTIONS="halt_on_error=1 suppressions=$PWD/tests/tsan.supp"
build-tsan/tests/unit_tests --gtest_brief=1
build-tsan/tests/integration/integration_tests --gtest_brief=1
