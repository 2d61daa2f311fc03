"""Übersicht: the mayor's cockpit. A thin view: read the filters, ask monitor.overview, render.

No SQL and no pandas logic here; every number arrives formatted and, where it is about people, suppressed
(monitor.overview). Nothing is rendered as Markdown except fixed texts from monitor.texts.ui and formatted
numbers; no case-level row ever reaches an st.* call.
"""

from __future__ import annotations

from datetime import date, timedelta

import streamlit as st

from monitor import charts, db, fmt, overview, published, queries, targets
from monitor.periods import Period
from monitor.texts import ui
from ui import figures, session

TILES_PER_ROW = 4
ARROWS = {"up": "up", "down": "down", "none": "off"}
STATUS_BADGES = {  # status -> (colour, icon)
    targets.MET: ("green", ":material/check_circle:"),
    targets.NOT_MET: ("red", ":material/cancel:"),
    targets.OPEN: ("orange", ":material/schedule:"),
    targets.NO_VALUE: ("gray", ":material/remove:"),
    targets.NO_TARGET: ("gray", ":material/remove:"),
}


# --- cached reads: keyed by the database and its data version, so that an import invalidates them -------


@st.cache_data(max_entries=16, show_spinner=False)
def _gemeinden(database: str, version: int) -> list[str]:
    return overview.by_name(queries.gemeinden(db.get_engine()))


@st.cache_data(max_entries=4, show_spinner=False)
def _source(database: str, ags: str, version: int):
    """Where the Gemeinde's figures come from: its typed frames and its archive (server side only; the page
    renders aggregates of them)."""
    return queries.load_source(db.get_engine(), ags)


@st.cache_data(max_entries=64, show_spinner=False)
def _periods(database: str, ags: str, version: int, quarterly: bool, today: date) -> list[Period]:
    return overview.period_options(_source(database, ags, version), quarterly, today)


@st.cache_data(max_entries=8, show_spinner=False)
def _targets(stamp: float | None):
    """data/ziele.csv, re-read when the file changes; (table, None) or (None, error message)."""
    try:
        return targets.load_targets(), None
    except targets.TargetsError as err:
        return None, str(err)


@st.cache_data(max_entries=4, show_spinner=ui.PUBLISHED_SPINNER)
def _published(database: str, version: int, today: date) -> published.PublishedSet:
    """The figures of the suppressed views, made safe as one set; once per data version and closed quarter."""
    return published.from_database(db.get_engine(), today)


def _published_set(database: str, version: int, today: date) -> published.PublishedSet:
    # keyed by the last closed quarter's end, not the day: the set only changes when a quarter closes
    return _published(database, version, published.last_closed_quarter(today).full_end + timedelta(days=1))


@st.cache_data(max_entries=128, show_spinner=False)
def _tiles(database: str, ags: str, version: int, period: Period, targets_stamp: float | None) -> list:
    table, _ = _targets(targets_stamp)
    return overview.build_overview(_source(database, ags, version), period, table, ags=ags)


@st.cache_data(max_entries=16, show_spinner=False)
def _trend(database: str, ags: str, version: int, until: date):
    return overview.trend_frame(_source(database, ags, version), until)


def _targets_stamp() -> float | None:
    path = targets.DEFAULT_PATH
    return path.stat().st_mtime if path.exists() else None


# --- the view ----------------------------------------------------------------------------------------------


def _tile(tile: overview.Tile) -> None:
    with st.container(border=True, height="stretch"):
        st.metric(
            tile.title,
            tile.value,
            delta=tile.change,
            delta_color=tile.change_color,
            delta_arrow=ARROWS[tile.change_direction] if tile.change else "auto",
            delta_description=tile.change_description if tile.change else None,  # "…: besser", not colour alone
            help=tile.definition,
        )
        with st.container(horizontal=True, vertical_alignment="center", gap="small"):
            st.caption(tile.target_text, width="content")
            if tile.target is not None and not tile.suppressed:
                colour, icon = STATUS_BADGES[tile.status]
                st.badge(tile.status_label, icon=icon, color=colour)
        if tile.suppressed:  # not "nicht bewertbar": that is for a missing denominator
            st.caption(tile.status_label)
        st.caption(tile.explanation)


def render() -> None:
    viewer = session.require("uebersicht")
    suppress = session.suppressed(viewer)
    engine = db.get_engine()
    database = engine.url.render_as_string(hide_password=True)
    version = queries.data_version(engine)
    today = date.today()

    st.title(ui.OVERVIEW_TITLE)
    session.show_flash()
    if session.meeting_view():
        st.caption(ui.MEETING_VIEW_ON)
    pset = _published_set(database, version, today) if suppress else None
    keys = overview.by_name(pset.gemeinden) if pset is not None else _gemeinden(database, version)
    if not keys:
        st.info(ui.NO_DATA, icon=":material/info:")
        return

    filters = st.columns([3, 2, 3, 2] if len(keys) > 1 else [2, 3, 5], vertical_alignment="bottom")
    if len(keys) > 1:
        ags = filters[0].selectbox(ui.GEMEINDE, keys, format_func=overview.gemeinde_name, key="ags")
        filters = filters[1:]
    else:
        ags = keys[0]
    granularity = filters[0].radio(ui.GRANULARITY, [ui.YEAR, ui.QUARTER], horizontal=True, key="granularity")
    quarterly = granularity == ui.QUARTER
    if pset is not None:  # closed periods only, newest first
        options = [p for p in pset.periods_of(quarterly) if pset.has(ags, p)]
    else:
        options = _periods(database, ags, version, quarterly, today)
    if not options:
        st.info(ui.NO_CLOSED_PERIOD if pset is not None else ui.NO_DATA, icon=":material/info:")
        return
    # Default: for exact figures the running year (quarter) up to the data stand against the same span before
    # (see overview.default_period); for the suppressed views the newest closed period.
    default = options[0] if pset is not None else overview.default_period(options)
    period = filters[1].selectbox(ui.PERIOD, options, index=options.index(default), format_func=lambda p: p.label,
                                  help=ui.PERIOD_HELP_CLOSED if pset is not None else ui.PERIOD_HELP,
                                  key=f"period-{ags}-{'q' if quarterly else 'y'}")
    stand = pset.stand if pset is not None else options[0].end
    st.caption(ui.HEADER_LINE.format(gemeinde=overview.gemeinde_name(ags), period=period.label,
                                     stand=fmt.date_de(stand)))
    if pset is not None:
        st.caption(ui.CLOSED_PERIODS_NOTE)

    stamp = _targets_stamp()
    targets_table, targets_error = _targets(stamp)
    if targets_error:
        st.warning(ui.TARGETS_INVALID, icon=":material/warning:")
        st.text(targets_error)

    if pset is not None:
        tiles = overview.published_tiles(pset, ags, period, targets_table)
    else:
        tiles = _tiles(database, ags, version, period, stamp)
    for start in range(0, len(tiles), TILES_PER_ROW):
        for column, tile in zip(st.columns(TILES_PER_ROW), tiles[start:start + TILES_PER_ROW]):
            with column:
                _tile(tile)
    if any(tile.shows_missing for tile in tiles):
        st.caption(ui.MISSING_TILES_NOTE)

    st.subheader(ui.TRENDS_TITLE)
    trend = overview.published_trend(pset, ags) if pset is not None else _trend(database, ags, version, stand)
    if trend.empty:
        st.info(ui.TREND_EMPTY)
    else:
        figures.show(charts.active_cases_trend(trend), alt=ui.CHART_ALT, file_name=ui.CHART_FILE)
        st.caption(overview.trend_caption(trend, stand))
    st.caption(ui.SUPPRESSED_NOTE)
    st.caption(ui.SOURCE_NOTE)


render()
