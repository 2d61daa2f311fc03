"""Printing any page (Ctrl+P) gives a clean A4: a print style sheet and a small script, put into every page by
dashboard.py (``apply``).

The style sheet hides what belongs to the screen (the sidebar with the menu, Streamlit's header and status,
download buttons), lets the content use the paper's width, puts columns two by two (four tiles in a row would
break their words letter by letter), and keeps a tile, a chart or a table on one page. The script
(print.js) scales the charts, which are drawn for the screen's width, to the paper's width while printing.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import streamlit as st

MARKER = "integrationsmonitor-druck"  # the id of the element that carries the script

CSS = """
@media print {
  @page { size: A4 portrait; margin: 14mm 12mm; }
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
  [data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
  [data-testid="stStatusWidget"], [data-testid="stDownloadButton"], [data-testid="stSkipToContent"] {
    display: none !important;
  }
  [data-testid="stAppViewContainer"], [data-testid="stMain"] { margin: 0 !important; padding: 0 !important; }
  [data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 0 !important; }
  /* columns two by two, each kept whole on one page (an inline block is never split) */
  [data-testid="stHorizontalBlock"] { display: block !important; }
  [data-testid="stHorizontalBlock"] > [data-testid="stColumn"] {
    display: inline-block !important; width: calc(50% - 0.75rem) !important; min-width: 0 !important;
    margin: 0 0.5rem 0.75rem 0 !important; vertical-align: top; break-inside: avoid;
  }
  [data-testid="stMetric"], [data-testid="stPlotlyChart"], [data-testid="stDataFrame"], [data-testid="stTable"],
  [data-testid="stDeckGlJsonChart"] {
    break-inside: avoid;
  }
  /* a chart as high as print.js scales it, no longer as on the screen */
  [data-testid="stElementContainer"]:has([data-testid="stPlotlyChart"]), [data-testid="stPlotlyChart"],
  [data-testid="stPlotlyChart"] .js-plotly-plot, [data-testid="stPlotlyChart"] .plot-container {
    width: 100% !important; height: auto !important;
  }
  h1, h2, h3 { break-after: avoid; }
}
/* The element that carries print.js takes no room. */
[data-testid="stElementContainer"]:has(#MARKER) { display: none; }
""".replace("MARKER", MARKER)


@cache
def script() -> str:
    return Path(__file__).with_name("print.js").read_text(encoding="utf-8")


def apply() -> None:
    """Put the print style sheet and script into the page (dashboard.py, every run). Fixed texts of the app."""
    st.html(f"<style>{CSS}</style>")
    st.html(f'<span id="{MARKER}" hidden></span><script>{script()}</script>', unsafe_allow_javascript=True)
