#!/usr/bin/env bash
# Runs inside dbus-run-session (see run-tests.sh): unlocks a throw-away gnome-keyring, starts a
# PostgreSQL server on loopback for the store tests, runs CTest, then checks that no test key leaked.
set -euo pipefail
build=$1; shift  # further arguments go to ctest (e.g. -R <regex>)
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# A QSKIP fails its test unless the test is on the allow-list (tests/CMakeLists.txt, written at configure).
if [ -s "$build/skip-allow-list.txt" ]; then
  echo "test-session: tests allowed to skip (a skip fails any other test):"
  sed 's/^/  /' "$build/skip-allow-list.txt"
elif [ -f "$build/skip-allow-list.txt" ]; then
  echo "test-session: no test is allowed to skip (allow-list in tests/CMakeLists.txt is empty)"
else
  echo "test-session: $build/skip-allow-list.txt is missing: configure the build again" >&2
  exit 1
fi

scratch=$(mktemp -d /tmp/harness-tests.XXXXXX)
chmod 755 "$scratch"
export HOME="$scratch/home" XDG_DATA_HOME="$scratch/home/.local/share" XDG_CONFIG_HOME="$scratch/home/.config"
export XDG_RUNTIME_DIR="$scratch/runtime"
mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
export HARNESS_TEST_SCRATCH="$scratch"
# Sanitizer builds (the asan preset): Graphviz's own leaks are not ours (see the file).
export LSAN_OPTIONS="suppressions=$root/tests/lsan-suppressions.txt:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"

# The Secret Service: a new login keyring with an empty password, unlocked for this session. The
# password line must end in a newline: with no bytes at all on stdin the daemon creates no "login"
# collection and every store fails with "Object does not exist at path .../collection/login".
eval "$(printf '\n' | gnome-keyring-daemon --unlock --components=secrets)"
eval "$(gnome-keyring-daemon --start --components=secrets)"
export GNOME_KEYRING_CONTROL SSH_AUTH_SOCK 2>/dev/null || true
echo "test-session: Secret Service started (D-Bus $DBUS_SESSION_BUS_ADDRESS)"

# PostgreSQL on loopback, owned by the postgres user when we are root (initdb refuses root).
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ]; then
  pgdata="$scratch/pgdata"
  pgport=${HARNESS_PG_PORT:-55432}
  as_pg=()
  if [ "$(id -u)" -eq 0 ]; then as_pg=(runuser -u postgres --); fi
  mkdir -p "$pgdata" && chown "$( [ "$(id -u)" -eq 0 ] && echo postgres || id -un)" "$pgdata"
  "${as_pg[@]}" "$pg_bin/initdb" -D "$pgdata" -A trust -U harness >/dev/null
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pgdata" -o "-c listen_addresses=127.0.0.1 -p $pgport -k $pgdata" \
    -l "$pgdata/postgres.log" -w start >/dev/null
  "${as_pg[@]}" "$pg_bin/createdb" -h 127.0.0.1 -p "$pgport" -U harness harness_test
  export HARNESS_TEST_PG="postgres://harness@127.0.0.1:$pgport/harness_test"
  trap '"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pgdata" -m fast stop >/dev/null 2>&1 || true' EXIT
  echo "test-session: PostgreSQL on 127.0.0.1:$pgport"
fi

cd "$build"
status=0
ctest --output-on-failure --timeout 600 -j "$(nproc)" "$@" || status=$?

# CTest's summary stays the last line: the self-check (harness check) and the leak check are CTest
# tests too (tests/CMakeLists.txt), the leak check ordered after every other test.
exit $status
