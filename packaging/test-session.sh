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
  # TLS (tests/unit/store/tst_storetls.cpp): a throw-away CA and a server certificate for 127.0.0.1 and
  # localhost, and a role (harness_tls) that may connect only over TLS with a password (scram-sha-256).
  # User harness keeps its trust access for every other test. Without openssl the TLS variables stay
  # unset and the TLS tests fail saying so.
  tls_ready=0
  if command -v openssl >/dev/null 2>&1; then
    pgtls="$scratch/pgtls"
    mkdir -p "$pgtls"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
      -subj "/CN=Harness test CA" -addext "basicConstraints=critical,CA:TRUE" \
      -addext "keyUsage=critical,keyCertSign,cRLSign" -keyout "$pgtls/ca.key" -out "$pgtls/ca.crt" 2>/dev/null
    openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "/CN=127.0.0.1" \
      -keyout "$pgtls/server.key" -out "$pgtls/server.csr" 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' >"$pgtls/server.ext"
    openssl x509 -req -in "$pgtls/server.csr" -CA "$pgtls/ca.crt" -CAkey "$pgtls/ca.key" -CAcreateserial \
      -days 2 -extfile "$pgtls/server.ext" -out "$pgtls/server.crt" 2>/dev/null
    rm -f "$pgtls/ca.key" "$pgtls/server.csr" # nobody signs anything else with this CA
    chmod 600 "$pgtls/server.key"
    [ "$(id -u)" -eq 0 ] && chown postgres "$pgtls/server.key" "$pgtls/server.crt"
    printf "ssl = on\nssl_cert_file = '%s'\nssl_key_file = '%s'\n" "$pgtls/server.crt" "$pgtls/server.key" \
      >>"$pgdata/postgresql.conf"
    # First match wins: harness_tls over TLS with its password, refused without TLS; everyone else as before.
    cat >"$pgdata/pg_hba.conf" <<'HBA'
local    all  all                        trust
hostssl  all  harness_tls  127.0.0.1/32  scram-sha-256
hostssl  all  harness_tls  ::1/128       scram-sha-256
host     all  harness_tls  0.0.0.0/0     reject
host     all  harness_tls  ::/0          reject
host     all  all          127.0.0.1/32  trust
host     all  all          ::1/128       trust
HBA
    tls_ready=1
  else
    echo "test-session: openssl is missing, so PostgreSQL serves no TLS (the TLS store tests will fail)" >&2
  fi
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pgdata" -o "-c listen_addresses=127.0.0.1 -p $pgport -k $pgdata" \
    -l "$pgdata/postgres.log" -w start >/dev/null
  "${as_pg[@]}" "$pg_bin/createdb" -h 127.0.0.1 -p "$pgport" -U harness harness_test
  export HARNESS_TEST_PG="postgres://harness@127.0.0.1:$pgport/harness_test"
  trap '"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pgdata" -m fast stop >/dev/null 2>&1 || true' EXIT
  echo "test-session: PostgreSQL on 127.0.0.1:$pgport"
  if [ "$tls_ready" -eq 1 ]; then
    # The password carries the leak canary (tests/leak-check.sh): it must never reach a file either.
    HARNESS_TEST_PG_PASSWORD="pw-$(printf '%s' 68776c65616b63616e617279 | xxd -r -p 2>/dev/null || printf hwleakcanary)-$(openssl rand -hex 12)"
    "$pg_bin/psql" -q -h 127.0.0.1 -p "$pgport" -U harness -d harness_test -v ON_ERROR_STOP=1 \
      -v pw="$HARNESS_TEST_PG_PASSWORD" >/dev/null <<'SQL'
CREATE ROLE harness_tls LOGIN PASSWORD :'pw';
CREATE DATABASE harness_tls OWNER harness_tls;
SQL
    export HARNESS_TEST_PG_PASSWORD
    export HARNESS_TEST_PG_TLS="postgres://harness_tls@127.0.0.1:$pgport/harness_tls"
    export HARNESS_TEST_PG_CA="$pgtls/ca.crt"
    # Every other PostgreSQL test connects as before, without TLS (libpq's default "prefer" would now
    # handshake on each of their many connections); the TLS tests name their sslmode in the URL.
    export PGSSLMODE=disable
    echo "test-session: PostgreSQL also serves TLS (CA $pgtls/ca.crt; role harness_tls over TLS only)"
  fi
fi

cd "$build"
status=0
ctest --output-on-failure --timeout 600 -j "$(nproc)" "$@" || status=$?

# CTest's summary stays the last line: the self-check (harness check) and the leak check are CTest
# tests too (tests/CMakeLists.txt), the leak check ordered after every other test.
exit $status
