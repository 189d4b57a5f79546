#!/usr/bin/env bash
# Installs every Debian package the build, the demo and the tests use.
# Safe to run again: apt-get skips what is already there.
set -euo pipefail

packages=(
  build-essential cmake git pkg-config ca-certificates curl
  prometheus-cpp-dev libcivetweb-dev libmicrohttpd-dev libgnutls28-dev
  libcrypt-dev libcurl4-openssl-dev openssl
  libsimdjson-dev libyaml-cpp-dev libgtest-dev libgmock-dev
  libbenchmark-dev zlib1g-dev prometheus clang-format python3-yaml
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
    missing+=("$p")
done

# The deploy check uses systemd-analyze (Debian's systemd package).
command -v systemd-analyze >/dev/null 2>&1 || missing+=(systemd)

# The dashboard checks run on Node.js; keep one that is already there
# (this may be newer than Debian's), else take Debian's.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  missing+=(nodejs npm)
fi

if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq \
    --no-install-recommends "${missing[@]}"
fi
