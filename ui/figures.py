"""Charts on a page: a plotly figure (monitor.charts) shown with German controls.

The plotly.js that Streamlit bundles knows only English; ``config`` hands it the German locale of
monitor.texts.controls with every chart, so that plotly's own texts (the button's tooltip, notices, hover labels)
and its number and date formats are German. Of the mode bar only the one button that helps is left: the chart as
a picture (PNG), e.g. for a council presentation. The figures have fixed axes (monitor.charts), so there is no
zoom to reset; Streamlit's own fullscreen button is not shown (its label is English).
"""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from monitor.texts import controls

LOCALE = "de"
BUTTONS = [["toImage"]]  # plotly's mode bar: only "Diagramm als Bild (PNG) herunterladen"


def config(file_name: str) -> dict:
    """plotly's configuration of a chart: German locale, the mode bar's one button, `file_name` (without .png)
    for the picture."""
    return {
        "locale": LOCALE,
        "locales": {LOCALE: {"dictionary": controls.PLOTLY_DICTIONARY, "format": controls.PLOTLY_FORMAT}},
        "modeBarButtons": BUTTONS,  # replaces all of plotly's buttons and Streamlit's fullscreen button
        "displaylogo": False,
        "scrollZoom": False,
        "doubleClick": False,
        "toImageButtonOptions": {"format": "png", "filename": file_name, "scale": 2},
    }


def show(figure: go.Figure, *, alt: str, file_name: str) -> None:
    """The figure, as wide as the page, with German controls; `alt` describes it for screen readers."""
    st.plotly_chart(figure, config=config(file_name), alt=alt, width="stretch")
