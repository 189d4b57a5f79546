#!/usr/bin/env bash
# Prints, one a line, the Debian packages that the runtime image needs for
# the given binaries: the owners of every shared library they load, and
# ca-certificates (libcurl checks the Webex API's certificate against it).
# The Dockerfile's build stage runs it, so the runtime list follows the
# build instead of being kept by hand. Fails on a file that is not a
# dynamic executable, or a library no package owns.
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: $0 BINARY..." >&2; exit 2; }

libraries() {
  local binary
  for binary in "$@"; do
    # ldd exits non-zero for anything that is not a dynamic executable.
    if ! ldd "$binary" >"$scratch"; then
      echo "$binary: not a dynamic executable" >&2
      return 1
    fi
    awk '$2 == "=>" && $3 ~ /^\// { print $3 }' "$scratch"
  done | sort -u
}

owner() { # the package owning a library, under its path or its real path
  local path found
  for path in "$1" "$(readlink -f "$1")"; do
    found=$(dpkg-query -S "$path" 2>/dev/null) || continue
    found=${found%%$'\n'*}
    echo "${found%%:*}"
    return 0
  done
  echo "$1: no Debian package owns it" >&2
  return 1
}

scratch=$(mktemp)
trap 'rm -f "$scratch"' EXIT
libs=$(libraries "$@")
{
  echo ca-certificates
  for lib in $libs; do owner "$lib" || exit 1; done
} | sort -u
