#!/usr/bin/env bash
# Pack-and-install smoke test: versions and packs the packages as a release would, installs the server from
# those tarballs outside the workspace (no symlinks, no workspace: ranges), installs a third-party provider
# into a plugin folder with npm, boots the server on a fresh MariaDB database and checks through the API
# that the bundled and the third-party providers both registered.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

work=$(mktemp -d)
database="csbr_smoke_$$"
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  mysql --protocol=tcp -h 127.0.0.1 -u root -e "DROP DATABASE IF EXISTS $database" || true
  rm -rf "$work"
}
trap cleanup EXIT

# Packages are packed as a release publishes them: versioned by their pending changesets. That
# happens in a copy of the workspace (with the built dist folders), so the working tree is untouched.
echo "==> versioning a copy of the workspace as a release would (changeset version)"
release="$work/release"
packages="packages/framework packages/provider-dummy packages/provider-veeam apps/server"
mkdir -p "$release"
git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$release"
ln -s "$root/node_modules" "$release/node_modules"
for pkg in $packages; do
  cp -r "$pkg/dist" "$release/$pkg/dist"
  ln -s "$root/$pkg/node_modules" "$release/$pkg/node_modules"
done
(cd "$release" && pnpm changeset version >/dev/null 2>&1)

echo "==> packing"
for pkg in $packages; do
  (cd "$release/$pkg" && pnpm pack --pack-destination "$work/tarballs" >/dev/null)
done
if tar -xOzf "$work"/tarballs/csbr-server-*.tgz package/package.json | grep -q 'workspace:'; then
  echo "the packed server still has workspace: ranges" >&2
  exit 1
fi

echo "==> installing the server from the tarballs, outside the workspace"
mkdir -p "$work/app" "$work/plugins"
(cd "$work/app" && npm init -y >/dev/null && npm install --no-fund --no-audit --loglevel=error "$work"/tarballs/*.tgz)

echo "==> installing a third-party provider into the plugin folder"
cp -r scripts/smoke/acme-provider "$work/acme-provider"
(cd "$work/plugins" && npm init -y >/dev/null && npm install --no-fund --no-audit --loglevel=error --install-links "$work/acme-provider")

echo "==> booting against MariaDB"
mysql --protocol=tcp -h 127.0.0.1 -u root -e "CREATE DATABASE $database"
port=$(node -e "const s=require('net').createServer().listen(0,()=>{console.log(s.address().port);s.close()})")
(cd "$work/app" && \
  DATABASE_URL="mysql://root@127.0.0.1:3306/$database" PORT="$port" CSBR_DATA_DIR="$work/data" \
  CSBR_PLUGIN_DIR="$work/plugins" CSBR_ADMIN_API_KEY=smoke-key CSBR_ADMIN_SECRET_KEY=smoke-secret \
  CSBR_SYNC_ENABLED=false exec node node_modules/@csbr/server/dist/main.js > "$work/server.log" 2>&1) &
# The subshell execs into node, so this is the server's own pid and the cleanup's kill stops it.
server_pid=$!
for _ in $(seq 1 60); do
  curl -sf "http://127.0.0.1:$port/health" >/dev/null && break
  sleep 1
done
curl -sf "http://127.0.0.1:$port/health" >/dev/null || { cat "$work/server.log" >&2; exit 1; }

echo "==> checking the providers through the API"
providers=$(CLOUDSTACK_ENDPOINT="http://127.0.0.1:$port/client/api" CLOUDSTACK_KEY=smoke-key \
  CLOUDSTACK_SECRET=smoke-secret cloudstack listBackupProviderDiagnostics)
node -e '
  const reply = JSON.parse(process.argv[1]);
  const registered = (reply.backupproviderdiagnostic || []).filter((d) => d.status === "registered");
  const names = registered.map((d) => `${d.providername} (${d.packagename}, ${d.source})`).sort();
  console.log(`registered: ${names.join(", ")}`);
  const want = ["acme", "dummy", "veeam"];
  if (want.some((name) => !registered.some((d) => d.providername === name))) process.exit(1);
' "$providers" || { echo "$providers" >&2; exit 1; }
echo "==> smoke test passed"
