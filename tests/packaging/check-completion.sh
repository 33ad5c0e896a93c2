#!/usr/bin/env bash
# The bash completion of `harness`: sourced into a bash, it completes a few prefixes as a user would
# type them, and it offers every command and every --flag that `harness --help` names.
# usage: check-completion.sh <completion file> <harness executable>
set -euo pipefail
completion=$1 harness=$2
# shellcheck disable=SC1090
source "$completion"
failures=0
complete_line() { # the words of a command line, the last one being completed
  COMP_WORDS=("$@")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMPREPLY=()
  _harness
  echo "${COMPREPLY[*]}"
}
expect() { # expect "<wanted>" words...
  local wanted=$1
  shift
  local got
  got=$(complete_line "$@")
  if [ "$got" != "$wanted" ]; then
    echo "FAIL: \"$*\" completes to \"$got\", expected \"$wanted\""
    failures=$((failures + 1))
  else
    echo "ok:   \"$*\" -> $got"
  fi
}
expect "run runner resume reject" harness r
expect "discard demo" harness d
expect "add accept-subtasks" harness task a
expect "verify export" harness audit ""
expect "--approve --agent" harness run T1 --a
expect "auto prompt wait" harness run T1 --approve ""
expect "text json sarif" harness check --format ""
expect "jsonl csv" harness audit export --format ""
expect "--feedback" harness reject A1 --f
expect "--keep" harness demo --
expect "approve accept abort audit" harness --repo /tmp a
expect "--repo --store --version --help" harness -

# Every command and flag of `harness --help` (its Commands section) is offered.
help=$("$harness" --help)
commands=$(printf '%s\n' "$help" | sed -n '/^Commands:/,/^$/p' | grep -E '^  [a-z]' |
  sed -E 's/^  //; s/  +.*//; s/ \| /\n/g' | awk '{print $1}' | sort -u)
[ -n "$commands" ] || { echo "FAIL: no commands found in harness --help"; exit 1; }
for c in $commands; do
  got=$(complete_line harness "$c")
  if ! printf '%s\n' $got | grep -qx -- "$c"; then
    echo "FAIL: the command \"$c\" of harness --help is not completed (got: $got)"
    failures=$((failures + 1))
  fi
done
# Flags: each usage line of the Commands section, with its command (and task/audit subcommand).
while IFS= read -r line; do
  usage=$(printf '%s\n' "$line" | sed -E 's/^  //; s/  +[a-z].*$//')
  while IFS= read -r part; do
    part=$(printf '%s\n' "$part" | sed -E 's/^ +//')
    read -r word sub _ <<<"$part"
    words=(harness "$word")
    if [ "$word" = task ] || [ "$word" = audit ]; then words+=("$sub"); fi
    for flag in $(printf '%s\n' "$part" | grep -oE -- '--[a-z][a-z-]*' | sort -u); do
      got=$(complete_line "${words[@]}" "--")
      if ! printf '%s\n' $got | grep -qx -- "$flag"; then
        echo "FAIL: \"${words[*]} $flag\" (harness --help) is not completed (got: $got)"
        failures=$((failures + 1))
      fi
    done
  done < <(printf '%s\n' "$usage" | sed 's/ | /\n/g')
done < <(printf '%s\n' "$help" | sed -n '/^Commands:/,/^$/p' | grep -E '^  [a-z]')
echo "checked $(echo $commands | wc -w) commands of harness --help"
[ "$failures" -eq 0 ] || { echo "$failures completion check(s) failed"; exit 1; }
