#!/usr/bin/env bash
# Pack-and-install smoke test: versions and packs the packages as a release would, tests each first-party
# provider against the lowest framework its peer range allows, installs the server from
# those tarballs outside the workspace (no symlinks, no workspace: ranges); scaffolds a provider with the
# starter (@csbr/create-provider), builds it and runs its contract suite against the framework tarball, and
# packs it; installs it, a minimal third-party provider, a broken package and one written for a future
# contract into a plugin folder with npm; boots the server on a fresh MariaDB database and checks through the
# `cloudstack` CLI which providers registered, why the others were refused, and the starter's lifecycle.
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
packages="packages/framework packages/provider-dummy packages/provider-veeam packages/create-provider apps/server"
source scripts/lib/copy-workspace.sh
copy_workspace "$release"
for pkg in $packages; do
  cp -r "$pkg/dist" "$release/$pkg/dist"
  ln -s "$root/$pkg/node_modules" "$release/$pkg/node_modules"
done
# Quiet when it works; its own words when it does not (e.g. a changeset that mixes the private server with
# a published package, which changesets refuses).
if ! version_log=$(cd "$release" && pnpm changeset version 2>&1); then
  echo "$version_log" >&2
  exit 1
fi

echo "==> every provider's marker, contract range and peer range agree (at their release versions)"
node scripts/check-provider-packages.js "$release"

echo "==> packing"
for pkg in $packages; do
  destination="$work/tarballs"
  [ "$pkg" = packages/create-provider ] && destination="$work/starter"
  (cd "$release/$pkg" && pnpm pack --pack-destination "$destination" >/dev/null)
done
framework_tgz=$(ls "$work"/tarballs/csbr-framework-*.tgz)
if tar -xOzf "$work"/tarballs/csbr-server-*.tgz package/package.json | grep -q 'workspace:'; then
  echo "the packed server still has workspace: ranges" >&2
  exit 1
fi

echo "==> each first-party provider built and tested against the lowest framework its peer range allows"
bash scripts/check-lowest-framework.sh "$work" "$release" "$framework_tgz"

echo "==> installing the server from the tarballs, outside the workspace"
mkdir -p "$work/app" "$work/plugins"
(cd "$work/app" && npm init -y >/dev/null && npm install --no-fund --no-audit --loglevel=error "$work"/tarballs/*.tgz)

echo "==> scaffolding a provider with the starter, then building and testing it against the framework tarball"
npm_quiet=(--no-fund --no-audit --loglevel=error)
(cd "$work" && npm exec "${npm_quiet[@]}" --yes --package="$framework_tgz" --package="$(ls "$work"/starter/*.tgz)" \
  -- create-provider starter-demo --dir "$work/starter-demo")
(cd "$work/starter-demo" && npm install "${npm_quiet[@]}" --save-dev "$framework_tgz" && npm install "${npm_quiet[@]}" \
  && npm run build --silent && npm test --silent && npm pack --silent --pack-destination "$work/starter" >/dev/null)

echo "==> installing third-party providers into the plugin folder (the starter's, a minimal one, a broken one, a future one)"
cp -r scripts/smoke/acme-provider "$work/acme-provider"
cp -r scripts/smoke/refused-providers "$work/refused"
(cd "$work/plugins" && npm init -y >/dev/null && npm install "${npm_quiet[@]}" --install-links "$framework_tgz" \
  "$work"/starter/csbr-provider-starter-demo-*.tgz "$work/acme-provider" "$work/refused/broken" "$work/refused/future")

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

echo "==> checking the providers and the starter's lifecycle through the cloudstack CLI"
CLOUDSTACK_ENDPOINT="http://127.0.0.1:$port/client/api" CLOUDSTACK_KEY=smoke-key CLOUDSTACK_SECRET=smoke-secret \
  node scripts/smoke/check-plugin-dir-providers.js
echo "==> smoke test passed"
