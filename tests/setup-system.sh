#!/usr/bin/env bash
# Installs the system programs the test suites use, when they are missing.
# Debian packages only; needs root (as on CI and development machines).
#
# - age, age-keygen: interoperability with the reference (Go) implementation, both ways;
# - unzip, python3: a stock unzip and Python's zipfile must open a decrypted envelope;
# - tar: a stock tar must list and extract a bundle;
# - mount (util-linux): the "output disk full" test mounts a 1 MiB tmpfs.
# - tor, tor-gencert (tor), curl, ip and ss (iproute2), unshare (util-linux): the onion test
#   runs a private Tor network inside a loopback-only network namespace.
# - chromium, chromium-driver, node and npm: the browser test of the reporter's pages
#   (tests/browser/walk.mjs), with playwright-core and axe-core at the versions pinned in
#   tests/browser/package-lock.json (npm ci when tests/browser/node_modules is missing).
set -euo pipefail

need=()
command -v age >/dev/null 2>&1 || need+=(age)
command -v age-keygen >/dev/null 2>&1 || need+=(age)
command -v unzip >/dev/null 2>&1 || need+=(unzip)
command -v tar >/dev/null 2>&1 || need+=(tar)
command -v python3 >/dev/null 2>&1 || need+=(python3)
command -v mount >/dev/null 2>&1 || need+=(mount)
command -v tor >/dev/null 2>&1 || need+=(tor)
command -v tor-gencert >/dev/null 2>&1 || need+=(tor)
command -v curl >/dev/null 2>&1 || need+=(curl)
command -v ip >/dev/null 2>&1 || need+=(iproute2)
command -v ss >/dev/null 2>&1 || need+=(iproute2)
command -v unshare >/dev/null 2>&1 || need+=(util-linux)
[ -x /usr/bin/chromium ] || need+=(chromium chromium-driver)
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)

if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Another apt run on the machine holds the lock for a while: wait for it, don't fail.
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  # Debian's tor package starts a system tor (public network) on install: forbid service
  # starts for the install, and make sure none runs after it.
  guard=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    guard=1
  fi
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${need[@]}" >/dev/null
  if [ -n "$guard" ]; then rm -f /usr/sbin/policy-rc.d; fi
fi
if command -v systemctl >/dev/null 2>&1 && systemctl is-enabled tor >/dev/null 2>&1; then
  systemctl disable --now tor >/dev/null 2>&1 || true
fi

# Fail loudly rather than let a suite skip.
for tool in age age-keygen unzip tar python3 mount tor tor-gencert curl ip ss unshare node npm; do
  command -v "$tool" >/dev/null 2>&1 || { echo "setup: $tool is still missing" >&2; exit 1; }
done
[ -x /usr/bin/chromium ] || { echo "setup: /usr/bin/chromium is still missing" >&2; exit 1; }

browser_tests="$(dirname "$0")/browser"
if [ ! -d "$browser_tests/node_modules/playwright-core" ] || [ ! -d "$browser_tests/node_modules/axe-core" ]; then
  echo "setup: npm ci in tests/browser (playwright-core, axe-core)"
  (cd "$browser_tests" && npm ci --no-audit --no-fund)
fi
for pkg in playwright-core axe-core; do
  [ -d "$browser_tests/node_modules/$pkg" ] || { echo "setup: npm package $pkg is still missing" >&2; exit 1; }
done
