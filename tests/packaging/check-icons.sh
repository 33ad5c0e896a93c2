#!/usr/bin/env bash
# The committed hicolor PNGs are what resources/icons/render-icons.sh makes from the SVGs today (same
# sizes, pixels within 1%), every usual size from 16 to 512 is there, and the SVGs render.
# usage: check-icons.sh <source dir>
set -euo pipefail
src=$1
icons=$src/resources/icons
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
bash "$icons/render-icons.sh" "$scratch" >/dev/null
failures=0
for size in 16 22 24 32 48 64 128 256 512; do
  committed=$icons/hicolor/${size}x${size}/apps/harness-workbench.png
  fresh=$scratch/${size}x${size}/apps/harness-workbench.png
  if [ ! -f "$committed" ]; then
    echo "FAIL: no ${size}x${size} icon committed"; failures=$((failures + 1)); continue
  fi
  dims=$(identify -format '%wx%h' "$committed")
  [ "$dims" = "${size}x${size}" ] || { echo "FAIL: $committed is $dims"; failures=$((failures + 1)); }
  # Pixels differing by more than 1% of the range; compare prints the count on stderr.
  diff=$(compare -metric AE -fuzz 1% "$committed" "$fresh" null: 2>&1 || true)
  if [ "$diff" != 0 ]; then
    echo "FAIL: ${size}x${size}: $diff pixels differ from render-icons.sh's output; run it and commit"
    failures=$((failures + 1))
  fi
done
[ "$failures" -eq 0 ] || exit 1
echo "icons: 9 sizes, each as render-icons.sh makes it from the SVG"
