#!/usr/bin/env bash
# Renders the application icon (harness-workbench.svg, and harness-workbench-small.svg below 32 pixels)
# to the hicolor theme's PNG sizes with rsvg-convert (Debian package librsvg2-bin).
# usage: render-icons.sh [OUTDIR]   (default: the hicolor/ folder beside this script, which is committed)
# The icons test (tests/packaging) renders into a temporary folder and compares with the committed PNGs.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out=${1:-$here/hicolor}
command -v rsvg-convert >/dev/null || { echo "render-icons: rsvg-convert is missing; install librsvg2-bin" >&2; exit 2; }
for size in 16 22 24 32 48 64 128 256 512; do
  svg=$here/harness-workbench.svg
  [ "$size" -lt 32 ] && svg=$here/harness-workbench-small.svg
  mkdir -p "$out/${size}x${size}/apps"
  rsvg-convert --width "$size" --height "$size" "$svg" -o "$out/${size}x${size}/apps/harness-workbench.png"
done
echo "render-icons: wrote $out"
