#!/usr/bin/env bash
# Writes the pictures of the pages for the README (docs/screenshot-<page>.png): the browser tests of
# tests/e2e/test_screenshots.py with UPDATE_SCREENSHOT=1, on the demo data, in Debian's Chromium. Every page of
# the menu (monitor.roles.PAGES) but the login form, each as the first role that may open it (the mayor's pages
# as the mayor): a new page gets its picture on the next run. Arguments go to pytest (e.g. -k netzwerk).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
  echo "Für die Bilder wird Chromium benötigt: sudo apt-get install chromium" >&2
  exit 1
fi
bash scripts/setup.sh requirements-dev.txt
UPDATE_SCREENSHOT=1 exec .venv/bin/python -m pytest -q -p no:cacheprovider tests/e2e/test_screenshots.py "$@"
