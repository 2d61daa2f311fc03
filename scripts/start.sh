#!/usr/bin/env bash
# Sets up and starts the dashboard. On first start with an empty database the demo data are loaded.
# Database: DATABASE_URL, default an SQLite file under data/.
set -euo pipefail
cd "$(dirname "$0")/.."
# the PDF report: Chromium draws its charts, WeasyPrint needs Pango and a font (without them only the report fails)
bash scripts/system.sh chromium libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
bash scripts/setup.sh requirements.txt
exec .venv/bin/streamlit run app.py "$@"  # app.py serves dashboard.py as a German document
