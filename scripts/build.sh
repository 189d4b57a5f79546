#!/usr/bin/env bash
# Configures and builds into build/ (or $BUILD_DIR). Arguments go to
# cmake's configure step; those after `--` go to the build step (e.g.
# `-- --target unit_tests`).
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${BUILD_DIR:-build}

configure_args=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
  configure_args+=("$1")
  shift
done
[ $# -gt 0 ] && shift

cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  "${configure_args[@]}" >/dev/null
cmake --build "$build_dir" -j"$(nproc)" "$@"
