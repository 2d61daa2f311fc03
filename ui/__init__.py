"""The presentation layer beside pages/: what the pages share, above the domain (monitor) and the import (etl).
With dashboard.py and pages/, the only code that imports Streamlit.

- session: who is looking: login state, the role check every page makes, messages kept for the next run.
- uploads: what the upload page shows of etl's import report and of the stored imports, as plain data.
- german: German everywhere: the page as a German document (app.py), German for Streamlit's own controls.
- figures: a plotly figure on a page, with German controls.
- tables: a table on a page, sized to fit, its "–"/"•" explained, with downloads.
- downloads: a table as CSV and XLSX for Excel, marked "Nur für den Dienstgebrauch" for exact figures.
- report: the overview's report as PDF (monitor.report), built when asked for, public or internal by the viewer.

ui may import monitor and etl; neither of them imports ui or Streamlit (the contracts in .importlinter).
"""
