#!/usr/bin/env bash
# Installs every Debian package the build, the demo and the tests use.
# Safe to run again: apt-get skips what is already there.
#
# `install-deps.sh build` installs only what building the exporter and the
# fake API needs (no tests, no tools): the container image's build stage
# runs it, so that the image and a developer's machine share one list.
set -euo pipefail

build_packages=(
  build-essential cmake git pkg-config ca-certificates
  prometheus-cpp-dev libcivetweb-dev libmicrohttpd-dev libgnutls28-dev
  libcrypt-dev libcurl4-openssl-dev
  libsimdjson-dev libyaml-cpp-dev libre2-dev zlib1g-dev
)
# docker-compose (Compose v1, Python) validates deploy/docker/compose.yaml
# offline; it needs no Docker daemon for `docker-compose config`.
test_packages=(
  curl openssl libgtest-dev libgmock-dev libbenchmark-dev prometheus
  clang-format python3-yaml docker-compose
)

case "${1:-all}" in
  build) packages=("${build_packages[@]}") ;;
  all) packages=("${build_packages[@]}" "${test_packages[@]}") ;;
  *)
    echo "usage: $0 [build|all]" >&2
    exit 2
    ;;
esac

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
    missing+=("$p")
done

if [ "${1:-all}" = all ]; then
  # The deploy check uses systemd-analyze (Debian's systemd package).
  command -v systemd-analyze >/dev/null 2>&1 || missing+=(systemd)

  # The dashboard checks run on Node.js; keep one that is already there
  # (this may be newer than Debian's), else take Debian's.
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    missing+=(nodejs npm)
  fi
fi

if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq \
    --no-install-recommends "${missing[@]}"
fi
