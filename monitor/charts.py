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
    is always labelled. Given years ("2016"), every (second, ...) year."""
    if all(" " not in q for q in quarters):
        starts = list(quarters)
    else:
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
    base_layout(fig)
    _year_axis(fig, quarters)
    fig.update_yaxes(title_text=ui.CHART_ACTIVE, tickformat=",d", rangemode="tozero")
    return fig


def _year_axis(fig: go.Figure, periods: list[str]) -> None:
    """A categorical time axis of period labels that shows whole years: every year, or for quarters the first
    quarter of each year, labelled with the year (year_ticks)."""
    ticks = year_ticks(periods)
    fig.update_xaxes(
        type="category",
        categoryorder="array",
        categoryarray=periods,
        tickmode="array",
        tickvals=ticks,
        ticktext=[t.split(" ")[0] for t in ticks],
        tickangle=0,
        automargin=True,
        title_text=None,
        showgrid=False,
    )


# Lines of a trend (monitor.views.model.Trend): one colour each, in this order (Okabe-Ito, as the groups above).
LINE_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00")


def line_trend(trend) -> go.Figure:
    """A line chart of a trend (monitor.views.model.Trend): one line per part over the closed years or quarters,
    with markers, so that a single period is a point. A withheld or missing value is a gap, never a 0. Shares are
    drawn in percent. The axis shows whole years: every year, or for quarters the first quarter of each year,
    labelled with the year (year_ticks)."""
    fig = go.Figure()
    periods = list(trend.periods)
    scale = 100.0 if trend.kind == "share" else 1.0
    for i, series in enumerate(trend.series):
        colour = LINE_COLOURS[i % len(LINE_COLOURS)]
        fig.add_trace(go.Scatter(
            x=periods,
            y=[None if v is None else v * scale for v in series.values],
            name=series.label,
            mode="lines+markers",
            connectgaps=False,
            line=dict(width=2, color=colour),
            marker=dict(size=6, color=colour),
            hovertemplate=ui.LINE_HOVER[trend.kind],
        ))
    base_layout(fig, height=360)
    fig.update_layout(showlegend=True)
    _year_axis(fig, periods)
    fig.update_yaxes(title_text=ui.AXIS_UNITS[trend.kind], rangemode="tozero",
                     tickformat=",d" if trend.kind == "count" else None)
    return fig


def referral_sankey(flow) -> go.Figure:
    """A Sankey diagram of a referral flow (monitor.views.netzwerk.Flow): from the integration officers to the
    partners; the withheld ones as one grey band."""
    colours = [LINE_COLOURS[0]] + [HIDDEN_COLOUR if name == ui.HIDDEN_GROUPS else LINE_COLOURS[1 + i % 5]
                                   for i, name in enumerate(flow.nodes[1:])]
    fig = go.Figure(go.Sankey(
        node=dict(label=list(flow.nodes), color=colours, pad=12, thickness=16),
        link=dict(source=[s for s, _, _ in flow.links], target=[t for _, t, _ in flow.links],
                  value=[v for _, _, v in flow.links],
                  hovertemplate=ui.FLOW_HOVER),
    ))
    return base_layout(fig, height=max(240, 40 * len(flow.nodes)))


def course_funnel(funnel) -> go.Figure:
    """A funnel chart of the course stages (monitor.views.sprachkurse.Funnel), each bar labelled with its count."""
    names, values = [n for n, _ in funnel.stages], [v for _, v in funnel.stages]
    fig = go.Figure(go.Funnel(y=names, x=values, textinfo="value", marker=dict(color=LINE_COLOURS[0]),
                              hovertemplate=ui.FUNNEL_HOVER, connector=dict(line=dict(color=HIDDEN_COLOUR))))
    return base_layout(fig, height=max(240, 56 * len(names)))


def course_type_stages(by_type) -> go.Figure:
    """The course stages by course type (monitor.views.sprachkurse.Funnel.by_type): horizontal bars, one colour per
    course type, the stages from top to bottom, each bar labelled with its count."""
    fig = go.Figure()
    for i, (label, stages) in enumerate(by_type):
        fig.add_trace(go.Bar(y=[stage for stage, _ in stages], x=[count for _, count in stages], name=label,
                             orientation="h", text=[count for _, count in stages], textposition="auto",
                             marker=dict(color=LINE_COLOURS[i % len(LINE_COLOURS)]),
                             hovertemplate=ui.STAGE_HOVER.format(name=label)))
    fig.update_layout(barmode="group")
    fig.update_yaxes(autorange="reversed")
    return base_layout(fig, height=max(280, 40 * sum(len(stages) for _, stages in by_type) + 120))
