"""Plotly figure builders (pure): German labels and separators, categorical time axes.

Years and quarters go on the axis as text categories ("2016 Q3"), so they never print as "2,016"; numbers
use German separators (layout.separators=",." : decimal comma, thousands dot).
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


def base_layout(fig: go.Figure, height: int = 420) -> go.Figure:
    fig.update_layout(
        separators=SEPARATORS,
        height=height,
        margin=dict(l=8, r=8, t=8, b=8),
        font=dict(family=FONT, size=14),
        legend=dict(orientation="h", yanchor="top", y=-0.12, xanchor="left", x=0, title_text="", traceorder="normal"),
        hovermode="x unified",
    )
    return fig


def active_cases_trend(trend: pd.DataFrame) -> go.Figure:
    """Stacked area chart of active cases per quarter and target group, from monitor.overview.trend_frame
    (or overview.published_trend, whose withheld cells form one grey band).

    Only the first quarter of each year gets a tick, labelled with the year; the hover shows the quarter."""
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
    year_starts = [q for q in quarters if q.endswith("Q1")] or quarters[:1]
    base_layout(fig)
    fig.update_xaxes(
        type="category",
        categoryorder="array",
        categoryarray=quarters,
        tickmode="array",
        tickvals=year_starts,
        ticktext=[q.split(" ")[0] for q in year_starts],
        title_text=None,
        showgrid=False,
    )
    fig.update_yaxes(title_text=ui.CHART_ACTIVE, tickformat=",d", rangemode="tozero")
    return fig
