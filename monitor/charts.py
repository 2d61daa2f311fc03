"""Plotly figure builders (pure): German labels and separators, categorical time axes.

Years and quarters go on the axis as text categories ("2016 Q3"), so they never print as "2,016"; numbers
use German separators (layout.separators=",." : decimal comma, thousands dot). The figures are read, not
explored: no zooming or panning (fixed axes), so there is nothing to reset. plotly's own texts and the chart's
controls are German through the locale that ui.figures passes with each chart.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from monitor import codes
from monitor.texts import ui

SEPARATORS = ",."  # plotly: decimal separator first, then the thousands separator
# Colour-blind safe qualitative palette (Okabe-Ito), one colour per target group in code-list order.
GROUP_COLOURS = dict(zip(codes.TARGET_GROUPS, ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00",
                                                "#F0E442")))
OTHER_COLOUR = "#999999"
HIDDEN_COLOUR = "#D9D9D9"  # the band of cells not shown to the public and the council
FONT = "Source Sans, sans-serif"  # Streamlit's bundled font; nothing is fetched from elsewhere
MAX_YEAR_TICKS = 6  # year labels on a time axis: whole years, upright, few enough for a phone (390 px)


def base_layout(fig: go.Figure, height: int = 420) -> go.Figure:
    fig.update_layout(
        separators=SEPARATORS,
        height=height,
        margin=dict(l=8, r=8, t=8, b=8),
        font=dict(family=FONT, size=14),
        legend=dict(orientation="h", yanchor="top", y=-0.12, xanchor="left", x=0, title_text="", traceorder="normal"),
        hovermode="x unified",
        dragmode=False,
    )
    fig.update_xaxes(fixedrange=True)
    fig.update_yaxes(fixedrange=True)
    return fig


def year_ticks(quarters: list[str]) -> list[str]:
    """The quarters ("2016 Q1") that get a year label: the first quarter of every year, or of every second
    (third, ...) year when there are more than MAX_YEAR_TICKS years, counted back from the newest year so that it
    is always labelled."""
    starts = [q for q in quarters if q.endswith("Q1")] or quarters[:1]
    step = -(-len(starts) // MAX_YEAR_TICKS)  # ceiling division
    return starts[::-1][::step][::-1]


def active_cases_trend(trend: pd.DataFrame) -> go.Figure:
    """Stacked area chart of active cases per quarter and target group, from monitor.overview.trend_frame
    (or overview.published_trend, whose withheld cells form one grey band).

    Only the first quarter of a year gets a tick (year_ticks), labelled upright with the whole year; the hover
    shows the quarter."""
    fig = go.Figure()
    quarters = list(dict.fromkeys(trend["label"]))
    groups = list(dict.fromkeys(trend["group"]))
    for group in groups:
        rows = trend[trend["group"] == group].set_index("label")
        colour = HIDDEN_COLOUR if group == "hidden" else GROUP_COLOURS.get(group, OTHER_COLOUR)
        # a quarter without a published value for a group (withheld, or a gap) has no point: never a 0
        present = [q for q in quarters if q in rows.index and not pd.isna(rows.at[q, "active"])]
        fig.add_trace(go.Scatter(
            x=present,
            y=[int(rows.at[q, "active"]) for q in present],
            name=str(rows["group_label"].iloc[0]),
            mode="lines",
            line=dict(width=0.5, color=colour),
            fillcolor=colour,
            stackgroup="active",
            hovertemplate=ui.CHART_HOVER,
        ))
    year_starts = year_ticks(quarters)
    base_layout(fig)
    fig.update_xaxes(
        type="category",
        categoryorder="array",
        categoryarray=quarters,
        tickmode="array",
        tickvals=year_starts,
        ticktext=[q.split(" ")[0] for q in year_starts],
        tickangle=0,
        automargin=True,
        title_text=None,
        showgrid=False,
    )
    fig.update_yaxes(title_text=ui.CHART_ACTIVE, tickformat=",d", rangemode="tozero")
    return fig
