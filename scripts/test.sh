#!/usr/bin/env bash
# Sets up the machine (see setup.sh), then runs every package's tests and prints one summary line.
# The server's tests use the MariaDB at CSBR_TEST_DATABASE_URL (default mysql://root@127.0.0.1:3306);
# each test file creates and drops its own database.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh --with-mariadb
rm -rf packages/*/reports apps/*/reports tooling/*/reports

status=0
pnpm test || status=$?
node scripts/test-summary.js || status=1
exit "$status"
