#!/usr/bin/env bash
# After the whole test suite: no test API key may be found in any database file, settings file or log the
# tests left behind. Test keys (tests/unit/agents/testkeys.h) all carry one canary marker, assembled at
# run time so no binary holds it; this script searches for that marker.
# Usage: tests/leak-check.sh <scratch dir (HOME, XDG dirs, PostgreSQL data)> <build dir (CTest logs)>
set -uo pipefail
scratch=${1:?scratch directory}
build=${2:?build directory}
marker=$(printf '%s' 68776c65616b63616e617279 | xxd -r -p 2>/dev/null || printf 'hwleakcanary')

# Files that contain the marker, read as bytes (SQLite pages, PostgreSQL heap files and WAL are binary).
search() {
  find "$@" -xdev -type f -size -200M -print0 2>/dev/null | xargs -0 -r grep -a -l -F -- "$marker" 2>/dev/null
}

# The search must be able to find a key at all: plant one in a throw-away file first.
selftest=$(mktemp -d)
printf 'api_key=sk-%s-selftest\n' "$marker" >"$selftest/settings.conf"
if [ -z "$(search "$selftest")" ]; then
  echo "leak-check: the search itself is broken (a planted key was not found)" >&2
  rm -rf "$selftest"
  exit 1
fi
rm -rf "$selftest"

places=("$scratch")
[ -d "$build/Testing" ] && places+=("$build/Testing")
# Databases, settings and logs the tests wrote into the build tree (not the programs, which hold no key).
mapfile -d '' build_files < <(find "$build" -xdev -type f \( -name '*.sqlite*' -o -name '*.db' -o -name '*.db-wal' \
  -o -name '*.conf' -o -name '*.ini' -o -name '*.json' -o -name '*.jsonl' -o -name '*.log' -o -name '*.txt' \) \
  -not -path '*/CMakeFiles/*' -print0 2>/dev/null)

found=$( { search "${places[@]}"; [ ${#build_files[@]} -gt 0 ] && printf '%s\0' "${build_files[@]}" | \
  xargs -0 -r grep -a -l -F -- "$marker" 2>/dev/null; } | sort -u)

searched=$( { find "${places[@]}" -xdev -type f 2>/dev/null; printf '%s\n' "${build_files[@]}"; } | sort -u | grep -c . )
if [ -n "$found" ]; then
  echo "leak-check: a test API key was found in these files (it must never be written anywhere):" >&2
  echo "$found" | sed 's/^/  /' >&2
  exit 1
fi
echo "leak-check: no test API key in $searched files (scratch home, XDG dirs, databases, settings, CTest logs)"
