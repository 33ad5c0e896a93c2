#!/usr/bin/env bash
# Installs what is missing, builds (warnings as errors) and runs every test inside a private D-Bus
# session with gnome-keyring's Secret Service unlocked, so keychain tests use the real keychain.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
preset=${HARNESS_PRESET:-release}

bash packaging/install-deps.sh
cmake --preset "$preset"
# The external agents the agent tests drive, pinned, into build/$preset/agents (no global install). Their
# download overlaps the build (it waits on the network, the build on the processors); its output is shown
# once it ends, and a failure stops the run before any test.
agents_log=$root/build/$preset/install-agents.log
bash packaging/install-agents.sh "$root/build/$preset/agents" >"$agents_log" 2>&1 &
agents_pid=$!
build_status=0
cmake --build --preset "$preset" -j "$(nproc)" || build_status=$?
agents_status=0
wait "$agents_pid" || agents_status=$?
cat "$agents_log"
if [ "$agents_status" -ne 0 ]; then
  echo "run-tests: installing the external agents failed (exit $agents_status); see above." >&2
  exit "$agents_status"
fi
[ "$build_status" -eq 0 ] || exit "$build_status"

exec dbus-run-session -- bash packaging/test-session.sh "$root/build/$preset"
