#!/usr/bin/env bash
# Writes the example pages of the PDF report for docs/bericht.md (docs/bericht-seite-<n>.png): the public report
# of the last closed year on the demo data, in a database of its own, its first pages at 60 dpi (pdftoppm).
# Usage: bash scripts/report_examples.sh [YEAR] [PAGES]   defaults: last year, 3 pages
set -euo pipefail
cd "$(dirname "$0")/.."
year="${1:-$(($(date +%Y) - 1))}"
pages="${2:-3}"
bash scripts/system.sh --strict chromium libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core poppler-utils
bash scripts/setup.sh requirements.txt
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export DATABASE_URL="sqlite:///$work/demo.db"
.venv/bin/python -m monitor demo >/dev/null 2>&1
.venv/bin/python -m monitor report --year "$year" --out "$work/bericht.pdf"
pdftoppm -png -r 60 -f 1 -l "$pages" "$work/bericht.pdf" "$work/seite"
rm -f docs/bericht-seite-*.png
for picture in "$work"/seite-*.png; do
  number="$(basename "$picture" .png | sed 's/^seite-0*//')"
  cp "$picture" "docs/bericht-seite-$number.png"
done
ls -l docs/bericht-seite-*.png
