"""Plotly figure builders (pure): German labels and separators, categorical time axes.

Years and quarters go on the axis as text categories ("2016 Q3"), so they never print as "2,016"; numbers
use German separators (layout.separators=",." : decimal comma, thousands dot). The figures are read, not
explored: no zooming or panning (fixed axes), so there is nothing to reset. plotly's own texts and the chart's
controls are German through the locale that ui.figures passes with each chart.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from monitor import codes, fmt
from monitor.texts import kontext as kontext_texts, ui

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


# --- the meeting mode: charts read from the back of a room -------------------------------------------------------

SLIDE_FONT_PX = 28  # the smallest text of a slide, axis labels included
SLIDE_TEXT = "#000000"
# Dark line colours, each with a contrast of at least 7:1 against white (WCAG AAA, as the slide's text: a line's
# direct label is written in its colour), told apart by the dash as well.
SLIDE_COLOURS = ("#003D7A", "#7A3300", "#00552B", "#6B1F5B", "#333333", "#5A4800")
SLIDE_DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")
SLIDE_LABEL_CHARS_PX = 13  # about the width of a character at SLIDE_FONT_PX, for the room of the direct labels
SLIDE_DECIMALS = {"count": 0, "share": 1, "mean": 1, "value": 1}
SLIDE_MAX_TICKS = 4  # year labels of 28 px that do not run into each other beside the lines' names


def _slide_value(value: float | None, kind: str) -> str:
    if value is None:
        return ui.SUPPRESSED
    if kind == "share":
        return fmt.percent(value, SLIDE_DECIMALS[kind])
    return fmt.number(value, SLIDE_DECIMALS[kind])


def _spread(positions: list[float], gap: float) -> list[float]:
    """Label heights at least `gap` apart, each as near its line's end as that allows (bottom to top)."""
    order = sorted(range(len(positions)), key=lambda i: positions[i])
    placed = list(positions)
    floor = None
    for i in order:
        placed[i] = positions[i] if floor is None else max(positions[i], floor + gap)
        floor = placed[i]
    return placed


def slide_trend(trend, height: int = 440) -> go.Figure:
    """A trend (monitor.views.model.Trend) for a slide: the lines of line_trend, thick, in dark colours with
    dashes, every text at least SLIDE_FONT_PX in black; instead of a legend each line is named at its end with its
    last value ("Aktive Fälle 123", "•" where withheld), so that nothing needs hovering."""
    periods = list(trend.periods)
    scale = 100.0 if trend.kind == "share" else 1.0
    fig = go.Figure()
    ends = []
    for i, series in enumerate(trend.series):
        colour, dash = SLIDE_COLOURS[i % len(SLIDE_COLOURS)], SLIDE_DASHES[i % len(SLIDE_DASHES)]
        y = [None if v is None else v * scale for v in series.values]
        fig.add_trace(go.Scatter(x=periods, y=y, name=series.label, mode="lines+markers", connectgaps=False,
                                 line=dict(width=5, color=colour, dash=dash), marker=dict(size=12, color=colour),
                                 hoverinfo="skip"))
        last = next((j for j in range(len(y) - 1, -1, -1) if y[j] is not None), None)
        value = series.values[-1] if series.values else None
        ends.append((series.label, colour, y[last] if last is not None else 0.0,
                     _slide_value(value, trend.kind)))
    top = max([v * scale for s in trend.series for v in s.values if v is not None] + [1.0]) * 1.15
    heights = _spread([e[2] for e in ends], top * 0.14)  # a 28 px line in a plot of about 250 px
    for (label, colour, _, value), y in zip(ends, heights):
        # x as the category's index: a period's label ("2025") would be read as the 2025th category
        fig.add_annotation(x=len(periods) - 1, y=y, xref="x", yref="y", text=f"{label} {value}", showarrow=False,
                           xanchor="left", xshift=16, font=dict(color=colour, size=SLIDE_FONT_PX))
    right = SLIDE_LABEL_CHARS_PX * max((len(f"{e[0]} {e[3]}") for e in ends), default=0) + 24
    fig.update_layout(
        separators=SEPARATORS, height=height, showlegend=False, hovermode=False, dragmode=False,
        margin=dict(l=8, r=right, t=16, b=8), paper_bgcolor="#FFFFFF", plot_bgcolor="#FFFFFF",
        font=dict(family=FONT, size=SLIDE_FONT_PX, color=SLIDE_TEXT),
    )
    _year_axis(fig, periods)
    ticks = fig.layout.xaxis.tickvals
    if len(ticks) > SLIDE_MAX_TICKS:  # every n-th, the newest always
        ticks = ticks[::-1][::-(-len(ticks) // SLIDE_MAX_TICKS)][::-1]
        fig.update_xaxes(tickvals=ticks, ticktext=[t.split(" ")[0] for t in ticks])
    fig.update_xaxes(fixedrange=True, tickfont=dict(size=SLIDE_FONT_PX, color=SLIDE_TEXT), linecolor=SLIDE_TEXT)
    fig.update_yaxes(fixedrange=True, rangemode="tozero", range=[0, top], gridcolor="#BBBBBB",
                     tickfont=dict(size=SLIDE_FONT_PX, color=SLIDE_TEXT), nticks=5,
                     tickformat=",d" if trend.kind == "count" else None,
                     title=dict(text=ui.AXIS_UNITS[trend.kind], font=dict(size=SLIDE_FONT_PX, color=SLIDE_TEXT)))
    return fig


# --- the page Kontext: official statistics ----------------------------------------------------------------------

CENSUS_COLOUR = "#555555"


def population_line(chart) -> go.Figure:
    """A region's population over the reference dates (monitor.views.kontext.PopulationChart): one line with
    markers on a categorical axis of years; where the series crosses the census 2011, a dashed vertical line
    between the last date before it and the first after it, labelled "Zensus 2011: Bruch der Zeitreihe"."""
    labels = list(chart.labels)
    fig = go.Figure(go.Scatter(x=labels, y=list(chart.values), name=chart.region, mode="lines+markers",
                               line=dict(width=2, color=LINE_COLOURS[0]), marker=dict(size=6, color=LINE_COLOURS[0]),
                               hovertemplate=kontext_texts.HOVER_POPULATION))
    base_layout(fig, height=360)
    fig.update_layout(showlegend=False, margin=dict(l=8, r=8, t=36, b=8))
    _year_axis(fig, labels)
    fig.update_yaxes(title_text=kontext_texts.COL_POPULATION, tickformat=",d")
    index = chart.census_index
    if index is not None:
        # x as the category's index (a year's label would be read as the 2011th category), half-way between
        fig.add_vline(x=index - 0.5, line=dict(color=CENSUS_COLOUR, width=2, dash="dash"))
        fig.add_annotation(x=index - 0.5, y=1, xref="x", yref="paper", yanchor="bottom",
                           text=kontext_texts.CENSUS_LABEL, showarrow=False, font=dict(color=CENSUS_COLOUR, size=13))
    return fig


def comparison_bars(comparison) -> go.Figure:
    """A figure of several regions side by side (monitor.views.kontext.Comparison): per 1,000 inhabitants or a
    share in percent, each bar labelled with its value; a region without a value has no bar, never a 0."""
    share = comparison.kind == "share"
    bars = [b for b in comparison.bars if b.value is not None]
    fig = go.Figure(go.Bar(x=[b.region for b in bars], y=[b.value * (100 if share else 1) for b in bars],
                           text=[comparison.text(b.value) for b in bars], textposition="auto",
                           marker=dict(color=LINE_COLOURS[0]),
                           hovertemplate=kontext_texts.HOVER_SHARE if share else kontext_texts.HOVER_PER_THOUSAND))
    base_layout(fig, height=320)
    fig.update_layout(showlegend=False)
    fig.update_xaxes(type="category", title_text=None)
    fig.update_yaxes(title_text=kontext_texts.UNIT_SHARE if share else kontext_texts.UNIT_PER_THOUSAND,
                     rangemode="tozero")
    return fig
