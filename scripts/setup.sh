#!/usr/bin/env bash
# Prepares a fresh Debian machine with Node.js 20 for csbr: the pinned pnpm, the real CloudStack client used
# by the end-to-end tests, a running MariaDB, the workspace dependencies from the lockfile, and a build.
# Safe to run again: every step skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

pnpm_version=$(node -p "require('./package.json').packageManager.split('@')[1]")
if [ "$(pnpm --version 2>/dev/null || true)" != "$pnpm_version" ]; then
  echo "==> installing pnpm $pnpm_version (corepack cannot verify signatures here, so npm installs it)"
  npm install -g --no-fund --no-audit "pnpm@$pnpm_version"
fi

# The README's walkthrough (and scripts/check-readme.sh) also needs jq and curl.
if [ "${CSBR_SKIP_SYSTEM_PACKAGES:-}" != "1" ] && ! { command -v cloudstack && command -v jq && command -v curl; } >/dev/null 2>&1; then
  echo "==> installing Debian's CloudStack client (cs, python3-cs), jq and curl"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq cs python3-cs jq curl >/dev/null
fi

if [ "${1:-}" = "--with-mariadb" ]; then
  bash scripts/ensure-mariadb.sh
fi

echo "==> installing dependencies from the lockfile"
pnpm install --frozen-lockfile

echo "==> building"
pnpm build
