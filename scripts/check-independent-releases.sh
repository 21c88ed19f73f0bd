#!/usr/bin/env bash
# Proves that packages are released independently: on a copy of the workspace with only one
# changeset, `changeset status` bumps only the package that changeset names. A provider change bumps
# that provider alone; a framework minor bumps the framework alone: no provider whose peer range still
# includes it, and not the starter (it reads the installed framework's version when it runs).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/copy-workspace.sh

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
copy_workspace "$work/repo"
# `changeset status` compares with the base branch: the copy gets a repository of its own.
(cd "$work/repo" && git init -q -b main && git add -A && git -c user.name=ci -c user.email=ci@localhost commit -qm base)

released_by() { # <package> <bump>: the packages `changeset status` would release for that one changeset
  rm -f "$work"/repo/.changeset/*.md
  printf -- "---\n'%s': %s\n---\n\nA change to %s alone.\n" "$1" "$2" "$1" > "$work/repo/.changeset/only-one.md"
  (cd "$work/repo" && pnpm changeset status --output="$work/status.json" >/dev/null 2>&1)
  node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).releases.filter((r) => r.type !== "none").map((r) => r.name).sort().join(" "))' "$work/status.json"
}

expect() { # <description> <actual> <expected>
  if [ "$2" != "$3" ]; then
    echo "independent releases: $1 released [$2], expected [$3]" >&2
    exit 1
  fi
  echo "$1 releases: $2"
}

expect "a provider-dummy patch" "$(released_by @csbr/provider-dummy patch)" "@csbr/provider-dummy"
expect "a framework minor" "$(released_by @csbr/framework minor)" "@csbr/framework"
