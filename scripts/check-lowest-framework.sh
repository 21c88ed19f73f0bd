#!/usr/bin/env bash
# Builds and tests each first-party provider against the LOWEST @csbr/framework its peer range allows,
# from a packed tarball, outside the workspace: what a third party's CI would see on the oldest host the
# provider claims to support.
#
#   check-lowest-framework.sh <work dir> <versioned workspace copy> <framework tarball of that copy>
#
# The lowest version is semver's minimum of the peer range. When it is the version being released (the
# copy's framework version), the given tarball is it. An older version is rebuilt from its release tag
# (`@csbr/framework@<version>`, as `changeset publish` tags it); without that tag the check fails, because
# nothing could prove the provider still works there.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$1 release=$2 released_tgz=$3

semver_min() { # <range>
  node -e 'console.log(require(process.argv[1]).minVersion(process.argv[2]).version)' \
    "$root/packages/framework/node_modules/semver" "$1"
}

framework_tarball() { # <version>: prints a tarball of @csbr/framework at that version
  local version=$1 released
  released=$(node -p "require('$release/packages/framework/package.json').version")
  if [ "$version" = "$released" ]; then
    echo "$released_tgz"
    return
  fi
  local tag="@csbr/framework@$version" tree="$work/framework-$version"
  if ! git rev-parse -q --verify "refs/tags/$tag" >/dev/null; then
    echo "no release tag $tag: cannot build the lowest framework a provider's peer range allows" >&2
    return 1
  fi
  git worktree add -q --detach "$tree" "$tag" >&2
  (cd "$tree" && pnpm install --frozen-lockfile --filter @csbr/framework... >&2 \
    && pnpm --filter @csbr/framework build >&2 \
    && cd packages/framework && pnpm pack --pack-destination "$work/framework-tarballs" >/dev/null)
  git worktree remove --force "$tree" >&2
  ls "$work"/framework-tarballs/csbr-framework-"$version".tgz
}

link_modules() { # <node_modules> <destination>: links each package not already there, except the framework
  local from=$1 to=$2 entry target
  for entry in "$from"/* "$from"/@*/*; do
    # A scope folder (@types, …) is linked entry by entry.
    case "$entry" in "$from"/@*/*) ;; "$from"/@*) continue ;; esac
    [ "$entry" = "$from/@csbr/framework" ] && continue
    target="$to/${entry#"$from"/}"
    [ -e "$target" ] && continue
    mkdir -p "$(dirname "$target")"
    ln -s "$entry" "$target"
  done
}

for provider_dir in "$release"/packages/provider-*/; do
  name=$(node -p "require('${provider_dir}package.json').name")
  range=$(node -p "require('${provider_dir}package.json').peerDependencies['@csbr/framework']")
  lowest=$(semver_min "$range")
  tarball=$(framework_tarball "$lowest")
  echo "==> $name against @csbr/framework $lowest (the lowest of $range), from its tarball"

  # The provider's sources and tests, with its own dev tools, but @csbr/framework unpacked from the
  # tarball instead of the workspace link.
  short=$(basename "$provider_dir")
  checkout="$work/lowest/$short"
  mkdir -p "$checkout/node_modules/@csbr"
  (cd "$provider_dir" && tar --exclude=./node_modules --exclude=./dist --exclude=./reports -cf - .) | tar -xf - -C "$checkout"
  own_modules="$root/packages/$short/node_modules"
  link_modules "$own_modules" "$checkout/node_modules"
  # jest resolves the shared config's transformer (@swc/jest) from the provider's folder.
  link_modules "$root/tooling/jest-config/node_modules" "$checkout/node_modules"
  mkdir -p "$checkout/node_modules/@csbr/framework"
  tar -xzf "$tarball" -C "$checkout/node_modules/@csbr/framework" --strip-components=1
  # The framework's own runtime dependencies, as npm would install them beside it.
  for dependency in $(node -p "Object.keys(require('$checkout/node_modules/@csbr/framework/package.json').dependencies ?? {}).join(' ')"); do
    [ -e "$checkout/node_modules/$dependency" ] || ln -s "$root/packages/framework/node_modules/$dependency" "$checkout/node_modules/$dependency"
  done

  installed=$(node -p "require('$checkout/node_modules/@csbr/framework/package.json').version")
  [ "$installed" = "$lowest" ] || { echo "$name: expected framework $lowest, found $installed" >&2; exit 1; }
  (cd "$checkout" && node "$own_modules/typescript/bin/tsc" -p tsconfig.json --noEmit \
    && node "$own_modules/jest/bin/jest.js" --silent)
done
