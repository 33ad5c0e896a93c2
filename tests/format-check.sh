#!/usr/bin/env bash
# Every tracked C++ file (git ls-files '*.cpp' '*.h') must be formatted as .clang-format says; lists the
# files that are not. Fix with: clang-format -i <files>. Usage: tests/format-check.sh <source dir>
set -uo pipefail
src=${1:?source directory}
if ! command -v clang-format >/dev/null; then
  echo "format-check: clang-format is not installed: run packaging/install-deps.sh" >&2
  exit 1
fi
if ! files=$(git -C "$src" ls-files -z '*.cpp' '*.h' | tr '\0' '\n') || [ -z "$files" ]; then
  echo "format-check: $src is not a git checkout with C++ files (the check formats what git tracks)" >&2
  exit 1
fi
cd "$src" || exit 1
# Files deleted in the work tree but still in the index are not checked.
mapfile -t existing < <(printf '%s\n' "$files" | while IFS= read -r f; do [ -f "$f" ] && printf '%s\n' "$f"; done)
# --dry-run --Werror reports each unformatted place as "<file>:<line>:<col>: error: ..." on stderr.
report=$(printf '%s\0' "${existing[@]}" | xargs -0 -n 100 clang-format --dry-run --Werror --ferror-limit=1 2>&1)
status=$?
unformatted=$(printf '%s\n' "$report" | sed -n 's/^\(.*\):[0-9][0-9]*:[0-9][0-9]*: error: .*/\1/p' | sort -u)
if [ -n "$unformatted" ]; then
  echo "format-check: these files are not formatted as .clang-format says (run clang-format -i on them):" >&2
  printf '%s\n' "$unformatted" | sed 's/^/  /' >&2
  exit 1
fi
if [ $status -ne 0 ]; then
  echo "format-check: clang-format failed:" >&2
  printf '%s\n' "$report" >&2
  exit 1
fi
echo "format-check: ${#existing[@]} C++ files formatted ($(clang-format --version))"
