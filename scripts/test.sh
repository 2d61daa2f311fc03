#!/usr/bin/env bash
# Sets up, checks the import contracts (.importlinter) and the lint rules (ruff.toml), and runs all tests:
# unit, page (AppTest) and browser (Playwright with Debian's Chromium). A broken contract or a lint finding
# fails the script before the tests run.
# With TEST_DATABASE_URL set (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test), every
# database test runs on PostgreSQL as well as on SQLite.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "Für die Browser-Tests wird Chromium benötigt: sudo apt-get install chromium" >&2
    exit 1
  fi
fi
bash scripts/setup.sh requirements-dev.txt
.venv/bin/lint-imports --no-logo
.venv/bin/ruff check .
exec .venv/bin/python -m pytest "$@"
