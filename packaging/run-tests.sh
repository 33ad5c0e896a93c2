#!/usr/bin/env bash
# Installs what is missing, builds (warnings as errors) and runs every test inside a private D-Bus
# session with gnome-keyring's Secret Service unlocked, so keychain tests use the real keychain.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
preset=${HARNESS_PRESET:-release}

bash packaging/install-deps.sh
cmake --preset "$preset"
# The external agents the agent tests drive, pinned, into build/$preset/agents (no global install).
bash packaging/install-agents.sh "$root/build/$preset/agents"
cmake --build --preset "$preset" -j "$(nproc)"

exec dbus-run-session -- bash packaging/test-session.sh "$root/build/$preset"
