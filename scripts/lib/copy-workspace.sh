# Shared by the CI scripts: copy_workspace <destination> copies the files git knows (tracked, and
# untracked but not ignored) of the workspace into <destination>, and links the root's
# node_modules, so tools like changesets run on the copy without touching the working tree.
copy_workspace() {
  local destination=$1
  mkdir -p "$destination"
  git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$destination"
  ln -s "$(pwd)/node_modules" "$destination/node_modules"
}
