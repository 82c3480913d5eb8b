#!/usr/bin/env bash
# Installs the system programs the test suites use, when they are missing.
# Debian packages only; needs root (as on CI and development machines).
set -euo pipefail

need=()
command -v age >/dev/null 2>&1 || need+=(age)
command -v unzip >/dev/null 2>&1 || need+=(unzip)
command -v tar >/dev/null 2>&1 || need+=(tar)

if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" >/dev/null
fi

# Fail loudly rather than let a suite skip.
for tool in age age-keygen unzip tar; do
  command -v "$tool" >/dev/null 2>&1 || { echo "setup: $tool is still missing" >&2; exit 1; }
done
