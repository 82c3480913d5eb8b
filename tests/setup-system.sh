#!/usr/bin/env bash
# Installs the system programs the test suites use, when they are missing.
# Debian packages only; needs root (as on CI and development machines).
#
# - age, age-keygen: interoperability with the reference (Go) implementation, both ways;
# - unzip, python3: a stock unzip and Python's zipfile must open a decrypted envelope;
# - tar: a stock tar must list and extract a bundle;
# - mount (util-linux): the "output disk full" test mounts a 1 MiB tmpfs.
set -euo pipefail

need=()
command -v age >/dev/null 2>&1 || need+=(age)
command -v age-keygen >/dev/null 2>&1 || need+=(age)
command -v unzip >/dev/null 2>&1 || need+=(unzip)
command -v tar >/dev/null 2>&1 || need+=(tar)
command -v python3 >/dev/null 2>&1 || need+=(python3)
command -v mount >/dev/null 2>&1 || need+=(mount)

if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Another apt run on the machine holds the lock for a while: wait for it, don't fail.
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${need[@]}" >/dev/null
fi

# Fail loudly rather than let a suite skip.
for tool in age age-keygen unzip tar python3 mount; do
  command -v "$tool" >/dev/null 2>&1 || { echo "setup: $tool is still missing" >&2; exit 1; }
done
