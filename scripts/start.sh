#!/usr/bin/env bash
# Quick start: installs what is missing, builds, and runs the server on the embedded database
# (a sql.js file in apps/server/data) unless DATABASE_URL points at MySQL/MariaDB.
# The last step is `exec`: the server replaces this script, so Ctrl-C, `kill <pid of this script>`
# and systemd reach the server itself.
set -euo pipefail
cd "$(dirname "$0")/.."

CSBR_SKIP_SYSTEM_PACKAGES=1 bash scripts/setup.sh
cd apps/server
exec node dist/main.js
