#!/usr/bin/env bash
# Runs the README's quick start and walkthrough exactly as written, on a fresh clone of this repository's
# HEAD, with Debian's `cloudstack` CLI, and checks every command's exit code and the result its `# …`
# comment shows (scripts/lib/check-readme.js says how comments are read). Only `bash scripts/test.sh`
# is left out: .ci/run runs it last.
#
# The README's server listens on port 8080, so 8080 must be free: this script stops at once when it is
# not. CSBR_README_PORT=<port> runs the same commands with 127.0.0.1:8080 replaced by that port (for a
# machine where 8080 is taken; CI runs on 8080, as the README is written).
set -euo pipefail
cd "$(dirname "$0")/.."

port="${CSBR_README_PORT:-8080}"

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if port_in_use "$port"; then
  echo "check-readme: port $port is already in use, and the README's server must listen there." >&2
  echo "  Stop what listens on it (ss -ltnp 'sport = :$port' shows it) or set CSBR_README_PORT to another port." >&2
  exit 1
fi
for tool in cloudstack jq curl git node; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "check-readme: the README needs '$tool' (apt-get install -y cs jq curl git); it is not installed." >&2
    exit 1
  fi
done

node scripts/lib/readme-results.selftest.js

work=$(mktemp -d "${TMPDIR:-/tmp}/csbr-readme-clone.XXXXXX")
cleanup() { rm -rf "$work"; }
trap cleanup EXIT

echo "==> a fresh clone of $(git rev-parse --short HEAD) (uncommitted changes are not in it)"
git clone --quiet --no-hardlinks . "$work/csbr"

status=0
node scripts/lib/check-readme.js "$work/csbr" "$port" || status=$?

# The README's last step stops its server; nothing may be left listening.
if port_in_use "$port"; then
  echo "check-readme: something still listens on port $port after the README's last step (did scripts/start.sh" >&2
  echo "  hand over to the server with exec?):" >&2
  ss -ltnp "sport = :$port" >&2 2>/dev/null || true
  status=1
fi
exit "$status"
