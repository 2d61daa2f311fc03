"""The map of the page Karte on screen (monitor.maps draws it, monitor.views.karte builds what it shows): the
figure to show, the map with the table beside it, the places of the measures, attribution and notes."""

from __future__ import annotations

import streamlit as st

from monitor import maps, overview
from monitor.texts import karte as texts
from monitor.views import karte as view
from monitor.views.model import PageModel
from ui import downloads, tables

MAP_SHARE, TABLE_SHARE = 3, 2  # the widths of map and table beside it


def show(page: PageModel) -> None:
    """The map of the page's figures with the table beside it (a figure to choose where the period has more
    than one), then the places of the measures and the notes."""
    available = view.measures(page)
    measure = available[0]
    if len(available) > 1:
        measure = st.radio(texts.MEASURE_LABEL, available, format_func=texts.MEASURES.get, horizontal=True,
                           key="karte_measure")
    model = view.map_model(page, measure, overview.gemeinde_name(page.ags))
    left, right = st.columns([MAP_SHARE, TABLE_SHARE])
    with left:
        if model.area is None:
            st.info(texts.NO_BOUNDARY, icon=":material/info:")
        else:
            st.pydeck_chart(maps.deck(model), height=maps.MAP_HEIGHT_PX, alt=model.alt)
    with right:  # a plain HTML table: read by screen readers and printed whole, unlike the canvas grid
        st.table(model.table.shown, hide_index=True, alt=model.table.name)
        for note in tables.notes(model.table.shown):
            st.caption(note)
        downloads.download_buttons(model.table.download, model.table.name, page.exact,
                                   key=downloads.file_stem(model.table.name))
    if not model.markers and model.area is not None:
        st.caption(texts.NO_DISTRICTS)
    for note in model.notes:
        st.caption(note)
    if not model.places_table.shown.empty:
        st.subheader(texts.PLACES_TITLE)
        tables.show(model.places_table.shown, name=model.places_table.name, exact=False, download=False)
