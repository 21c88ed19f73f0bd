#!/usr/bin/env bash
# Quick start: installs what is missing, builds, and starts the server on the embedded database
# (a sql.js file under ./data) unless DATABASE_URL points at MySQL/MariaDB.
set -euo pipefail
cd "$(dirname "$0")/.."

CSBR_SKIP_SYSTEM_PACKAGES=1 bash scripts/setup.sh
exec pnpm start
