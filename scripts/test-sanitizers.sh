#!/usr/bin/env bash
# Builds into build-asan/ with AddressSanitizer, LeakSanitizer and
# UndefinedBehaviorSanitizer and runs the ctest suite there (the exporter
# processes the integration tests start are sanitized too); then the same
# with ThreadSanitizer in build-tsan/ for the unit and integration tests.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
BUILD_DIR=build-asan scripts/build.sh -DCMAKE_BUILD_TYPE=Debug \
  "-DCMAKE_CXX_FLAGS=-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined"
cd build-asan
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
  UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --output-on-failure --timeout 300 -j2

# ThreadSanitizer over the threaded parts (the unit tests, and the
# integration tests, which run the exporter binary itself under TSan).
cd ..
BUILD_DIR=build-tsan scripts/build.sh -DCMAKE_BUILD_TYPE=Debug \
  "-DCMAKE_CXX_FLAGS=-fsanitize=thread -fno-omit-frame-pointer"
export TSAN_OPTIONS="halt_on_error=1 suppressions=$PWD/tests/tsan.supp"
build-tsan/tests/unit_tests --gtest_brief=1
build-tsan/tests/integration/integration_tests --gtest_brief=1
