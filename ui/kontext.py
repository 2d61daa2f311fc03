"""The page Kontext on screen (monitor.views.kontext builds what it shows, monitor.charts draws the charts): the
note that these are official statistics, the filters of the Gemeinde's own figures, and each part of the page
with its chart, the table under it (a plain HTML table: read by screen readers and printed whole), its notes,
the lines of its sources and its downloads."""

from __future__ import annotations

from datetime import date

import streamlit as st

from monitor import charts, context as ctx, db, fmt, maps, overview
from monitor.published import Figures
from monitor.texts import karte as karte_texts, kontext as texts
from monitor.views import kontext as view, vergleich
from monitor.views.model import Table
from ui import cache, downloads, figures as figure_ui, filters, session, tables


@st.cache_data(max_entries=64, show_spinner=False)
def _data(database: str, files: tuple[int, ...], ags: str) -> view.ContextData:
    """The official series of the Gemeinde, its Kreis and Land, read again when a context file is imported or
    removed (`files`: the ids of the stored files)."""
    return view.load(db.get_engine(), ags)


@st.cache_data(max_entries=64, show_spinner=False)
def _populations(database: str, files: tuple[int, ...], gemeinden: tuple[str, ...], day: date) -> dict:
    return vergleich.populations(db.get_engine(), list(gemeinden), day)


def populations(database: str, gemeinden: tuple[str, ...], day: date) -> dict:
    """The Gemeinden's populations for the comparison (vergleich.populations), read again when a context file is
    imported or removed."""
    return _populations(database, _stored_files(), gemeinden, day)


def _stored_files() -> tuple[int, ...]:
    return tuple(int(i) for i in ctx.files(db.get_engine())["id"])


def data(database: str, ags: str) -> view.ContextData:
    return _data(database, _stored_files(), ags)


def own_figures(selection: filters.Selection) -> dict[str, Figures]:
    """The KPIs of the Gemeinde's own figures: the published set's in the suppressed views, else exact."""
    if not selection.exact:
        found = selection.pset.get(selection.ags, selection.period)
        return {kpi: found[kpi] for kpi in view.OWN_KPIS if kpi in found}
    return cache.own_counts(selection.scope, selection.database, [selection.ags], selection.version,
                            selection.period, view.OWN_KPIS)[selection.ags]


def _compared_figures(selection: filters.Selection, keys: list[str]
                      ) -> tuple[dict[str, dict[str, Figures] | None], list[str]]:
    """The Gemeinden's own figures for the comparison: as ``own_figures``; None for a Gemeinde whose published
    set has nothing for the period. And the Gemeinden whose sets of this data version are still being built (the
    view shows the sets published until then, or "wird berechnet", and reloads itself)."""
    if selection.exact:
        return cache.own_counts(selection.scope, selection.database, keys, selection.version, selection.period,
                                view.OWN_KPIS), []
    compared, pending = {}, []
    for ags in keys:
        if ags == selection.ags:  # the Gemeinde of the page: its set as the page shows it
            pset, current = selection.pset, not selection.updating
        else:
            pset, current = cache.built_published_set(selection.scope, selection.database, selection.version, ags,
                                                      selection.today)
        if not current:
            pending.append(ags)
        found = pset.get(ags, selection.period) if pset is not None and pset.has(ags, selection.period) else None
        compared[ags] = None if found is None else {kpi: found[kpi] for kpi in view.OWN_KPIS if kpi in found}
    return compared, pending


def compared(selection: filters.Selection) -> vergleich.Comparison | None:
    """Section "Die Gemeinden im Vergleich" for a viewer who may see several Gemeinden: the figure to shade the
    map by, the map with its legend, the table, notes and downloads. The comparison shown, or None (one Gemeinde)."""
    if selection.exact:
        keys = cache.gemeinden(selection.scope, selection.database, selection.version)
    else:  # the Gemeinden of the published set only
        keys = cache.offered(selection.scope, selection.database, selection.version, selection.today)
    if len(keys) < 2:
        return None
    st.header(texts.COMPARE_SECTION.format(period=selection.period.label))
    st.markdown(texts.COMPARE_INTRO)
    figure = st.selectbox(texts.COMPARE_FIGURE, list(view.OWN_FIGURES), format_func=texts.OWN_SHORT.get,
                          key="compare_figure")
    figures, pending = _compared_figures(selection, keys)
    if pending:
        st.info(texts.COMPARE_PENDING, icon=":material/update:")
        if not selection.updating:  # else the line under the filters reloads the page first (ui.filters.header)
            filters.reload_when_ready(selection, pending)
    bases = populations(selection.database, tuple(keys), selection.period.end)
    entries = [vergleich.Entry(ags, overview.gemeinde_name(ags), figures[ags], *(bases[ags] or (None, None)),
                               ags in pending) for ags in keys]
    comparison = vergleich.build(entries, selection.period, selection.exact, figure)
    areas = vergleich.areas(comparison)
    left, right = st.columns([3, 2])
    with left:
        if areas:
            alt = texts.COMPARE_MAP_ALT.format(figure=texts.OWN_SHORT[figure], period=selection.period.label)
            st.pydeck_chart(maps.comparison_deck(comparison, areas), height=maps.MAP_HEIGHT_PX, alt=alt)
            st.caption(karte_texts.ATTRIBUTION)
        else:
            st.info(texts.COMPARE_NO_BOUNDARY, icon=":material/info:")
    with right:
        st.markdown(f"**{texts.COMPARE_LEGEND_TITLE}**")
        for colour, text in comparison.legend:
            st.markdown(f'<span style="display:inline-block;width:1.2em;height:1em;vertical-align:middle;'
                        f'background:rgb({colour[0]},{colour[1]},{colour[2]})"></span> {text}',
                        unsafe_allow_html=True)
        st.caption(texts.COMPARE_LEGEND_NONE)
    _table(comparison.table, selection.exact)
    _captions(comparison.notes)
    _downloads(comparison.table, selection.exact)
    return comparison


def _captions(lines) -> None:
    for line in lines:
        st.caption(line)


def _table(table: Table, exact: bool) -> None:
    st.table(table.shown, hide_index=True, alt=table.name)
    _captions(tables.notes(table.shown))


def _downloads(table: Table, exact: bool) -> None:
    downloads.download_buttons(table.download, table.name, exact, key=downloads.file_stem(table.name))


def block(item: view.Block | None, none: str) -> None:
    """A part of the page: its charts each with its sources under it, the table, notes, sources, downloads; the
    German hint `none` when no imported table has its figures."""
    if item is None:
        st.info(none, icon=":material/info:")
        return
    for chart in item.charts:
        st.markdown(f"**{chart.title}**")
        figure_ui.show(charts.population_line(chart), alt=chart.alt, file_name=downloads.file_stem(chart.title))
        _captions(chart.sources)
    shown = {line for chart in item.charts for line in chart.sources}
    if item.comparison is not None:
        figure_ui.show(charts.comparison_bars(item.comparison), alt=item.comparison.alt,
                       file_name=downloads.file_stem(item.title))
        _captions(item.sources)
        shown |= set(item.sources)
    _table(item.table, exact=False)
    _captions(item.notes)
    _captions(line for line in item.sources if line not in shown)  # the table's, unless said under its chart
    _downloads(item.table, exact=False)


def own(model: view.KontextModel, exact: bool) -> None:
    st.subheader(texts.OWN_SECTION)
    figures = model.own
    for column, row in zip(st.columns(len(figures.rows)), figures.rows):
        with column, st.container(border=True, height="stretch"):
            st.metric(row.short, row.rate_text)
            st.caption(texts.OWN_METRIC_HELP.format(count=row.count_text, population=fmt.number(figures.base)))
    _table(figures.table, exact)
    _captions(figures.notes)
    _captions(figures.sources)
    _downloads(figures.table, exact)


def render(model: view.KontextModel, exact: bool) -> None:
    st.header(texts.GEMEINDE_SECTION.format(gemeinde=model.gemeinde))
    if model.empty:
        st.info(texts.NO_CONTEXT, icon=":material/info:")
    if model.population is None:
        st.info(texts.POPULATION_NONE.format(gemeinde=model.gemeinde), icon=":material/info:")
    else:
        st.metric(model.population_label, model.population_text)
        if model.gemeinde_population.charts:  # a series: its chart and table
            block(model.gemeinde_population, "")
        else:  # one date: the figure above says it all
            _captions(model.gemeinde_population.sources)
    own(model, exact)
    st.header(texts.KREIS_SECTION.format(kreis=model.kreis, land=model.land))
    st.subheader(texts.POPULATION_TITLE)
    block(model.kreis_population, texts.POPULATION_NONE.format(gemeinde=model.kreis))
    st.subheader(texts.SEEKERS_TITLE)
    block(model.seekers, texts.SEEKERS_NONE.format(kreis=model.kreis, land=model.land))
    st.subheader(texts.FOREIGNERS_TITLE)
    block(model.foreigners, texts.FOREIGNERS_NONE)


def show() -> view.KontextModel | None:
    """The whole page: role check, note, filters, the model, render. The model it rendered, or None when there
    was nothing to show."""
    viewer = session.open_page(view.PAGE, texts.TITLE)
    st.info(texts.OFFICIAL_NOTE, icon=":material/info:")
    st.markdown(texts.INTRO)
    selection = filters.period_filter(viewer.scope, session.suppressed(viewer))
    if selection is None:
        return None
    filters.header(selection)
    model = view.build(data(selection.database, selection.ags), overview.gemeinde_name(selection.ags),
                       own_figures(selection), selection.period, selection.exact)
    render(model, selection.exact)
    compared(selection)
    return model
