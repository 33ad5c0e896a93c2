#!/usr/bin/env bash
# Regenerates demo.qrc from the files under project/ (run after adding a file to the demo).
set -euo pipefail
cd "$(dirname "$0")"
{
  echo '<!DOCTYPE RCC>'
  echo '<RCC version="1.0">'
  echo '  <qresource prefix="/demo">'
  echo '    <file>task.json</file>'
  (cd project && find . -type f ! -path '*/__pycache__/*' ! -path '*/.pytest_cache/*' | sort | sed 's#^\./#    <file>project/#; s#$#</file>#')
  echo '  </qresource>'
  echo '</RCC>'
} > demo.qrc
