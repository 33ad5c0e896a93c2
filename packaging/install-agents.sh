#!/usr/bin/env bash
# Installs the external coding agents (Agent Client Protocol adapters for Claude Code, Codex, Gemini CLI,
# opencode) and the MCP packages at the versions pinned in packaging/agents/package-lock.json into a
# prefix of their own (default build/<preset>/agents), then checks that each one runs here.
#
# usage: packaging/install-agents.sh [prefix]      (prefix default: build/${HARNESS_PRESET:-dev}/agents)
#        HARNESS_AGENTS_CHECK=1 packaging/install-agents.sh   re-runs the checks even when nothing changed
# Idempotent: when the prefix already holds exactly the pinned lock file and its checks passed, it returns
# at once. Nothing is installed globally; the tests find the agents through HARNESS_AGENTS_DIR or the
# build folder's agents/ (tests/common/agentinstall.h).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
prefix=${1:-$root/build/${HARNESS_PRESET:-dev}/agents}
pins=$root/packaging/agents

for tool in node npm; do
  if ! command -v "$tool" >/dev/null; then
    echo "install-agents: '$tool' is not installed. Run packaging/install-deps.sh first (it installs Node.js and npm)." >&2
    exit 2
  fi
done
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "install-agents: Node.js $(node --version) is too old: Gemini CLI and the ACP adapters need Node.js 20 or newer." >&2
  exit 2
fi

mkdir -p "$prefix"
prefix=$(cd "$prefix" && pwd)
stamp=$prefix/.installed
want=$(sha256sum "$pins/package-lock.json" | cut -d' ' -f1)

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -z "${HARNESS_AGENTS_CHECK:-}" ]; then
  echo "install-agents: the pinned agents are already installed in $prefix."
  exit 0
fi

start=$(date +%s)
rm -f "$stamp"
cp "$pins/package.json" "$pins/package-lock.json" "$prefix/"
if [ ! -f "$prefix/node_modules/.package-lock.json" ] || ! cmp -s "$pins/package-lock.json" "$prefix/installed-lock.json"; then
  echo "install-agents: installing the pinned tree into $prefix"
  # `npm ci` refuses this lock file: opencode-ai names a package per platform as optional, and the lock
  # can record only those the registry serves for this version (linux x64 ones). `npm install` with the
  # committed lock and --no-save installs the same pinned versions and integrity hashes.
  npm install --prefix "$prefix" --no-save --no-audit --no-fund --loglevel=error
  cp "$pins/package-lock.json" "$prefix/installed-lock.json"
fi

# Each agent must run on this machine: the ACP adapters answer an initialize request on stdin (codex-acp
# is a native binary per platform, opencode too), the others print their version.
bin=$prefix/node_modules/.bin
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
failed=0
check_acp() { # name, command...
  local name=$1; shift
  local out
  if out=$(HOME=$scratch IS_SANDBOX=1 node "$pins/acp-initialize.mjs" 60 "$@" 2>&1 </dev/null); then
    echo "install-agents: $name answers ACP initialize: $out"
  else
    echo "install-agents: $name does not answer ACP initialize: $out" >&2
    failed=1
  fi
}
check_version() { # name, command...
  local name=$1; shift
  local out
  if out=$(HOME=$scratch timeout 60 "$@" --version 2>&1 </dev/null); then
    echo "install-agents: $name --version: $(printf '%s' "$out" | tail -n 1)"
  else
    echo "install-agents: $name --version failed: $(printf '%s' "$out" | tail -n 3)" >&2
    failed=1
  fi
}
check_acp claude-agent-acp "$bin/claude-agent-acp"
check_acp codex-acp "$bin/codex-acp"
check_acp "opencode acp" "$bin/opencode" acp
check_acp "gemini --experimental-acp" "$bin/gemini" --experimental-acp
check_version gemini "$bin/gemini"
check_version opencode "$bin/opencode"
if ! node -e 'require.resolve("@modelcontextprotocol/sdk/server/index.js", {paths: [process.argv[1]]}); require.resolve("@agentclientprotocol/sdk", {paths: [process.argv[1]]})' "$prefix"; then
  echo "install-agents: @modelcontextprotocol/sdk or @agentclientprotocol/sdk is not resolvable in $prefix" >&2
  failed=1
fi
if [ ! -x "$bin/mcp-server-filesystem" ]; then
  echo "install-agents: mcp-server-filesystem is missing from $bin" >&2
  failed=1
fi

if [ "$failed" -ne 0 ]; then
  echo "install-agents: some agents do not run here (see above); remove $prefix and run this script again." >&2
  exit 1
fi
echo "$want" >"$stamp"
echo "install-agents: done in $(($(date +%s) - start)) s."
