#!/usr/bin/env bash
# The committed API report of @csbr/framework (packages/framework/api-report) must match its public
# API, and the check must catch a change nobody reported: on a copy of the built package with one
# export added to its declarations, the check has to fail.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "==> the framework's public API matches its committed report"
pnpm --filter @csbr/framework --silent api-report:check

echo "==> an unreported API change fails the check"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r packages/framework/{package.json,scripts,api-report,dist} "$work/"
ln -s "$(pwd)/packages/framework/node_modules" "$work/node_modules"
printf '\nexport declare const unreportedExport: number;\n' >> "$work/dist/index.d.ts"
if (cd "$work" && node scripts/api-report.js >"$work/check.log" 2>&1); then
  echo "the API report check accepted an unreported export" >&2
  exit 1
fi
grep -q 'differs from api-report/framework.api.md' "$work/check.log"
echo "refused, as it should be"
