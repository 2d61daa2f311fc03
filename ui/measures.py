"""The measure pages on screen: the page frame (role check, title, filters) and the rendering of a page model
(monitor.views.model.PageModel: cards, tables, trends, each number already formatted and, for the suppressed
views, taken from the published set). A page is then: ``start``, build the model (``model``), ``render``.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from monitor import charts, fmt, roles, targets, views
from monitor.subgroups import Subgroup
from monitor.texts import netzwerk as netzwerk_texts, sprachkurse as sprachkurse_texts, ui
from monitor.views.model import Card, PageModel, PageSpec, Table, published_model
from monitor.views.netzwerk import Flow
from monitor.views.sprachkurse import Funnel
from ui import cache, downloads, figures, filters, session, tables

STATUS_BADGES = {  # status -> (colour, icon)
    targets.MET: ("green", ":material/check_circle:"),
    targets.NOT_MET: ("red", ":material/cancel:"),
    targets.OPEN: ("orange", ":material/schedule:"),
    targets.NO_VALUE: ("gray", ":material/remove:"),
    targets.NO_TARGET: ("gray", ":material/remove:"),
}
ARROWS = {"up": "up", "down": "down", "none": "off"}
CARDS_PER_ROW = 3


def start(spec: PageSpec) -> tuple[filters.Selection, Subgroup] | None:
    """The role check, the page's title and introduction, the filters; None (after a German hint) when there is
    nothing to show."""
    viewer = session.open_page(spec.name, spec.title)
    st.markdown(spec.intro)
    selection = filters.period_filter(viewer.scope, session.suppressed(viewer))
    if selection is None:
        return None
    filters.header(selection)
    subgroup = filters.subgroup_filter(selection, spec.case_based)
    return selection, subgroup


def model(spec: PageSpec, selection: filters.Selection, subgroup: Subgroup) -> PageModel | None:
    """The page's figures: exact ones (cached), or those of the published set. None when the exact source cannot
    answer the period (a subgroup of an archived period): a German hint says so."""
    if not selection.exact:
        table = cache.targets(cache.targets_stamp())
        return published_model(spec, selection.pset, selection.ags, selection.period, selection.quarterly, table)
    built = cache.exact_page(selection.scope, spec, selection.database, selection.ags, selection.version,
                             selection.period, selection.quarterly, subgroup, cache.targets_stamp(),
                             selection.closed_until)
    if built is None:
        st.info(ui.FILTER_ARCHIVED, icon=":material/info:")
    return built


def card(item: Card) -> None:
    tile = item.tile
    with st.container(border=True, height="stretch"):
        st.metric(tile.title, tile.value, delta=tile.change, delta_color=tile.change_color,
                  delta_arrow=ARROWS[tile.change_direction] if tile.change else "auto",
                  delta_description=tile.change_description if tile.change else None)
        st.caption(item.definition)  # visible, not only on hover
        if item.lines:
            st.markdown("\n".join(f"- {line.label}: **{line.value}**" for line in item.lines))
        with st.container(horizontal=True, vertical_alignment="center", gap="small"):
            st.caption(item.target, width="content")
            if tile.target is not None and not tile.suppressed:
                colour, icon = STATUS_BADGES[tile.status]
                st.badge(tile.status_label, icon=icon, color=colour)
        if tile.suppressed:  # why there is no value and no status
            st.caption(tile.status_label)


def table(item: Table, exact: bool) -> None:
    """A table of the page with its notes and its downloads (CSV, XLSX: ui.downloads)."""
    tables.show(item.shown, name=item.name, exact=exact, download=item.download,
                key=downloads.file_stem(item.name))
    for note in item.notes:
        st.caption(note)


def render(page: PageModel, after_cards: Callable[[PageModel], None] | None = None, breakdowns: bool = True) -> None:
    """Cards, breakdown tables, the period's figures as a table, the trends, and the notes the page needs;
    ``after_cards`` draws what a page shows of its own (the courses' funnel) right under the cards; without
    ``breakdowns`` the page shows its breakdowns itself there (the map's table)."""
    for start_at in range(0, len(page.cards), CARDS_PER_ROW):
        row = page.cards[start_at:start_at + CARDS_PER_ROW]
        for column, item in zip(st.columns(len(row)), row):
            with column:
                card(item)
    if page.withheld:
        st.caption(ui.SUPPRESSED_NOTE)
    if page.missing:
        st.caption(ui.MISSING_TILES_NOTE)
    if after_cards is not None:
        after_cards(page)
    for breakdown in page.breakdowns if breakdowns else ():
        st.subheader(breakdown.title)
        table(breakdown.table, page.exact)
    if page.years_only:
        st.caption(ui.YEARS_ONLY_NOTE.format(titles=", ".join(page.years_only)))
    with st.expander(ui.FIGURES_EXPANDER):
        table(page.figures, page.exact)
    st.header(ui.TREND_SECTION)
    if not page.trends:
        st.info(ui.TREND_NONE, icon=":material/info:")
    else:
        st.caption(ui.TREND_CLOSED[page.trends[0].quarterly].format(stand=fmt.date_de(page.stand)))
    for trend in page.trends:
        st.subheader(trend.title)
        figures.show(charts.line_trend(trend), alt=trend.alt, file_name=downloads.file_stem(trend.title))
        if trend.has_gaps:
            st.caption(ui.TREND_GAPS)
        with st.expander(ui.TREND_TABLE_EXPANDER):
            table(trend.table, page.exact)
    st.caption(ui.SOURCE_NOTE)


def show(spec: PageSpec, after_cards: Callable[[PageModel], None] | None = None, breakdowns: bool = True
         ) -> PageModel | None:
    """A whole measure page: role check, filters, figures, render. The page model it rendered, or None when there
    was nothing to show."""
    chosen = start(spec)
    if chosen is None:
        return None
    selection, subgroup = chosen
    page = model(spec, selection, subgroup)
    if page is not None:
        render(page, after_cards, breakdowns)
    return page


def flow(item: Flow | None) -> None:
    """The referral flow as a Sankey diagram (monitor.views.netzwerk.referral_flow); nothing without one."""
    if item is None:
        return
    st.subheader(netzwerk_texts.FLOW_TITLE)
    figures.show(charts.referral_sankey(item), alt=netzwerk_texts.FLOW_ALT, file_name=netzwerk_texts.FLOW_FILE)


def funnel(item: Funnel | None) -> None:
    """The funnel from entitlement to the DTZ (monitor.views.sprachkurse.funnel) with its note on what each stage
    counts, and the stages by course type; a German hint without any."""
    st.subheader(sprachkurse_texts.FUNNEL_TITLE)
    st.caption(sprachkurse_texts.FUNNEL_NOTE)
    if item is None:
        st.info(sprachkurse_texts.FUNNEL_NONE)
        return
    if item.stages:
        figures.show(charts.course_funnel(item), alt=item.alt, file_name=sprachkurse_texts.FUNNEL_FILE)
    if item.by_type:
        st.subheader(sprachkurse_texts.TYPE_TITLE)
        figures.show(charts.course_type_stages(item.by_type), alt=item.by_type_alt,
                     file_name=sprachkurse_texts.TYPE_FILE)


def link(kpi_id: str, role: str | None) -> None:
    """Under a tile of the overview: the way to the KPI's own page, if it has one the viewer may open."""
    page = views.page_of(kpi_id)
    if page is None or role is None or not roles.may_open(role, page):
        return
    title, _ = ui.MEASURE_PAGE_MENU[page]
    try:
        st.page_link(f"pages/{page}.py", label=ui.TILE_LINK.format(page=title), icon=ui.TILE_LINK_ICON)
    except StreamlitPageNotFoundError:  # the page runs outside the app's menu (dashboard.py): nowhere to link to
        pass
