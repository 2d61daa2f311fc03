#!/usr/bin/env bash
# Sets up, checks the import contracts (.importlinter) and the lint rules (ruff.toml), and runs all tests:
# unit, page (AppTest) and browser (Playwright with Debian's Chromium). A broken contract or a lint finding
# fails the script before the tests run.
# With TEST_DATABASE_URL set (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test), every
# database test runs on PostgreSQL as well as on SQLite.
set -euo pipefail
cd "$(dirname "$0")/.."
# Chromium (browser tests, the report's charts), Pango and fonts (the report), pdftoppm (report pages as pictures)
bash scripts/system.sh --strict chromium libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core poppler-utils
# pg_dump and pg_restore for the backup test on PostgreSQL
if [ -n "${TEST_DATABASE_URL:-}" ] && ! command -v pg_restore >/dev/null 2>&1; then
  bash scripts/system.sh --strict postgresql-client
fi
bash scripts/setup.sh requirements-dev.txt
.venv/bin/lint-imports --no-logo
.venv/bin/ruff check .
exec .venv/bin/python -m pytest "$@"
