#!/usr/bin/env bash
# The package smoke test (test/package/: pack, install per cloud, bin, plan, examples, exports,
# policy packs) under each supported Node major: `npm test` runs it for 20, 22 and 24.
#
#   bash scripts/test-node-versions.sh            # 20 22 24
#   bash scripts/test-node-versions.sh 22         # one version
#
# Node binaries come from the npm registry's `node` package (`npm i node@22`), installed once into
# $TENANTRY_NODE_CACHE (default ~/.cache/tenantry/node/<major>). The tarball is packed once, here,
# and handed to every Node version with one working directory of this run's own (mktemp), where the
# projects are installed once and which is removed at the end: concurrent runs (two worktrees, CI
# and a developer) never share a directory. Installs copy a read-only template of each cloud's
# dependencies (test/package/projects.ts), made once per set of package versions.
set -euo pipefail
cd "$(dirname "$0")/.."

versions=("$@")
[ ${#versions[@]} -eq 0 ] && versions=(20 22 24)
cache="${TENANTRY_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tenantry/node}"

out="$(mktemp -d -t tenantry-pack.XXXXXX)"
work="$(mktemp -d -t tenantry-package-test.XXXXXX)"
trap 'rm -rf "$out" "$work"' EXIT
echo "packing tenantry (npm pack builds it) ..."
npm pack --silent --pack-destination "$out" >/dev/null
tarball="$(ls "$out"/*.tgz)"

for major in "${versions[@]}"; do
  dir="$cache/$major"
  if [ ! -x "$dir/node_modules/.bin/node" ]; then
    echo "installing Node $major from the npm registry's node package into $dir ..."
    npm install --prefix "$dir" --no-audit --no-fund --loglevel=error "node@$major" >/dev/null
  fi
  bin="$dir/node_modules/.bin"
  echo "== Node $("$bin/node" --version)"
  PATH="$bin:$PATH" TENANTRY_TARBALL="$tarball" TENANTRY_PACKAGE_DIR="$work" "$bin/node" node_modules/vitest/vitest.mjs run --config vitest.package.config.ts
done
