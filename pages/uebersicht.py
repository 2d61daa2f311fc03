"""Übersicht: the mayor's cockpit. A thin view: read the filters, ask monitor.overview, render; at the end the
report of the shown Gemeinde and period as PDF (ui.report).

No SQL and no pandas logic here; every number arrives formatted and, where it is about people, suppressed
(monitor.overview). Nothing is rendered as Markdown except fixed texts from monitor.texts and formatted
numbers; no case-level row ever reaches an st.* call.
"""

from __future__ import annotations

import streamlit as st

from monitor import charts, overview
from monitor.texts import report as report_texts, ui
from ui import cache, figures, filters, measures, report, session

TILES_PER_ROW = 4


# --- the view ----------------------------------------------------------------------------------------------


def _tile(tile: overview.Tile, role: str | None) -> None:
    with st.container(border=True, height="stretch"):
        st.metric(
            tile.title,
            tile.value,
            delta=tile.change,
            delta_color=tile.change_color,
            delta_arrow=measures.ARROWS[tile.change_direction] if tile.change else "auto",
            delta_description=tile.change_description if tile.change else None,  # "…: besser", not colour alone
            help=tile.definition,
        )
        with st.container(horizontal=True, vertical_alignment="center", gap="small"):
            st.caption(tile.target_text, width="content")
            if tile.target is not None and not tile.suppressed:
                colour, icon = measures.STATUS_BADGES[tile.status]
                st.badge(tile.status_label, icon=icon, color=colour)
        if tile.suppressed:  # not "nicht bewertbar": that is for a missing denominator
            st.caption(tile.status_label)
        st.caption(tile.explanation)
        measures.link(tile.kpi_id, role)  # the KPI's own page, where it has one


def render() -> None:
    viewer = session.open_page("uebersicht", ui.OVERVIEW_TITLE)
    selection = filters.period_filter(viewer.scope, session.suppressed(viewer))
    if selection is None:
        return
    filters.header(selection)
    ags, period, pset = selection.ags, selection.period, selection.pset
    stamp = cache.targets_stamp()
    if pset is not None:
        tiles = overview.published_tiles(pset, ags, period, cache.targets(stamp))
    else:
        tiles = cache.tiles(selection.scope, selection.database, ags, selection.version, period, stamp)
    for start in range(0, len(tiles), TILES_PER_ROW):
        for column, tile in zip(st.columns(TILES_PER_ROW), tiles[start:start + TILES_PER_ROW]):
            with column:
                _tile(tile, viewer.role)
    if any(tile.shows_missing for tile in tiles):
        st.caption(ui.MISSING_TILES_NOTE)

    st.subheader(ui.TRENDS_TITLE)
    if pset is not None:
        trend = overview.published_trend(pset, ags)
    else:
        trend = cache.active_cases_trend(selection.scope, selection.database, ags, selection.version, selection.stand)
    if trend.empty:
        st.info(ui.TREND_EMPTY)
    else:
        figures.show(charts.active_cases_trend(trend), alt=ui.CHART_ALT, file_name=ui.CHART_FILE)
        st.caption(overview.trend_caption(trend, selection.stand))
    st.caption(ui.SUPPRESSED_NOTE)
    st.caption(ui.SOURCE_NOTE)

    st.subheader(report_texts.SECTION_TITLE)
    report.offer(selection)  # the PDF of this Gemeinde and period, for this viewer (ui.report)


render()
