"""The page Karte (K17): the cases per Ortsteil on a map of the Gemeinde, with the places of the measures, and a
table beside the map with the same figures. Plain data: monitor.maps draws the map from a ``MapModel``.

The figures are the page model's (views.model): exact for the mayor, staff and administration, the published
set's for the public and the council. The map shows nothing the table does not: a circle only for a published
count above 0, its area the count; a withheld count ("•") or an Ortsteil merged into "Weitere" has a label and
no circle, so that nothing on the map (nor in what the browser receives) is a count the set withholds. In the
suppressed views "Weitere Ortsteile" names every Ortsteil of the list not shown on its own (those without any
case too), so that the merged row does not tell which of them ever had one.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from monitor import codes, districts, fmt, geo, registry
from monitor.texts import karte as texts, ui
from monitor.views import MEASURE_PAGES
from monitor.views.model import PageModel, PageSpec, Table, TrendSpec, cell

PAGE = PageSpec(
    name="karte",
    kpis=MEASURE_PAGES["karte"],
    title=texts.TITLE,
    intro=texts.INTRO,
    trends=(TrendSpec("K17", (), texts.TREND_DISTRICTS, breakdown="active_district"),),
)
KPI = "K17"
MEASURES = tuple(texts.MEASURES)  # the breakdowns the map can show, the first by default


@dataclass(frozen=True)
class Marker:
    """One Ortsteil on the map: ``value`` is the published (or exact) count, None where it is withheld or merged,
    ``label`` what is written beside the point."""

    code: str
    name: str
    lat: float
    lon: float
    value: int | None
    text: str  # the count as the table prints it, "•" or "in „Weitere“"
    tooltip: str


@dataclass(frozen=True)
class MapModel:
    ags: str
    gemeinde: str
    measure: str  # a key of MEASURES
    area: geo.Area | None
    kreis: tuple[geo.Area, ...]  # the Landkreis' Gemeinden with a boundary, itself included
    markers: tuple[Marker, ...]
    places: tuple[geo.Place, ...]
    table: Table  # the Ortsteile with every measure the period has
    places_table: Table
    notes: tuple[str, ...]

    @property
    def alt(self) -> str:
        return texts.MAP_ALT.format(gemeinde=self.gemeinde, measure=texts.MEASURES[self.measure])


def measures(page: PageModel) -> tuple[str, ...]:
    """The breakdowns of K17 the page shows: both, but in a suppressed view of a quarter only the active cases
    (the cases opened per Ortsteil are published for years only)."""
    spec = page.current[KPI].spec
    quarter = not page.exact and page.period.quarter is not None
    return tuple(name for name in MEASURES if not (quarter and spec.breakdown_named(name).years_only))


def _cell(figures, part: str) -> tuple[int | None, str]:
    """(count, None where withheld; its text as the tables print it) of one count part (model.cell)."""
    text, number = cell(figures, part, "count")
    return (number if isinstance(number, int) else None), text


def _cells(page: PageModel, name: str) -> dict[str, tuple[int | None, str]]:
    """Category code -> (count or None where withheld, its text) of one breakdown of K17."""
    figures = page.current[KPI]
    breakdown = figures.spec.breakdown_named(name)
    return {code: _cell(figures, breakdown.part(code))
            for code in figures.spec.categories_in(breakdown, figures.values)}


Cell = tuple[int | None, str]  # (count, None where withheld or merged; its text)


def _rows(page: PageModel, shown: tuple[str, ...]) -> tuple[list[tuple[str, str, dict[str, Cell]]], set[str]]:
    """The table's rows: (code, label, measure -> cell) per Ortsteil of the list, then "Weitere", "ohne Angabe"
    and the total; and the codes of the Ortsteile counted in "Weitere"."""
    cells = {name: _cells(page, name) for name in shown}
    listed = districts.of(page.ags)
    present = {code for by_code in cells.values() for code in by_code}
    # the suppressed views without any category: the figures per Ortsteil are not published for the Gemeinde
    published = page.exact or bool(present)
    merged = {d.code for d in listed if d.code not in present} if registry.OTHER in present else set()
    zero: Cell = (0, fmt.number(0))
    rows = []
    for district in listed:
        if district.code in merged:
            by = {name: (None, texts.MERGED) for name in shown}
        elif not published:
            by = {name: (None, ui.SUPPRESSED) for name in shown}
        else:
            by = {name: cells[name].get(district.code, zero) for name in shown}
        rows.append((district.code, district.name, by))
    # "Weitere" may hold the cases without an Ortsteil too, unless they have a row of their own
    names = [d.name for d in listed if d.code in merged] + \
        ([texts.NO_DISTRICT_ROW] if codes.NO_DISTRICT not in present else [])
    for code, label in ((registry.OTHER, texts.OTHER_ROW.format(names=", ".join(names))),
                        (codes.NO_DISTRICT, texts.NO_DISTRICT_ROW)):
        if code in present:
            rows.append((code, label, {name: cells[name].get(code, zero) for name in shown}))
    figures = page.current[KPI]
    rows.append(("", texts.TOTAL_ROW, {name: _cell(figures, figures.spec.breakdown_named(name).total)
                                       for name in shown}))
    return rows, merged


def map_model(page: PageModel, measure: str, gemeinde: str) -> MapModel:
    """The map and its tables for the page's Gemeinde and period, the map showing `measure` (one of
    ``measures(page)``)."""
    shown = measures(page)
    measure = measure if measure in shown else shown[0]
    rows, merged = _rows(page, shown)
    positions = {d.code: (d, geo.district_position(d)) for d in districts.of(page.ags)}
    by_code = {code: (label, by) for code, label, by in rows}
    other_text = by_code[registry.OTHER][1][measure][1] if registry.OTHER in by_code else ""
    markers = []
    for code, (district, position) in positions.items():
        if position is None:
            continue
        value, text = by_code[code][1][measure]
        if code in merged:
            tooltip = texts.TOOLTIP_MERGED.format(name=district.name, value=other_text,
                                                  measure=texts.MEASURES[measure])
        else:
            tooltip = texts.TOOLTIP.format(name=district.name, value=text, measure=texts.MEASURES[measure])
        markers.append(Marker(code, district.name, position.lat, position.lon, value,
                              ui.SUPPRESSED if value is None else text, tooltip))
    columns = [texts.COL_DISTRICT, *(texts.COLUMNS[name] for name in shown)]
    shown_rows = [[label, *(by[name][1] for name in shown)] for _, label, by in rows]
    download_rows = [[label, *(by[name][1] if by[name][0] is None else by[name][0] for name in shown)]
                     for _, label, by in rows]
    table = Table(texts.TABLE_NAME.format(period=page.period.label), pd.DataFrame(shown_rows, columns=columns),
                  pd.DataFrame(download_rows, columns=columns))
    area = geo.area(page.ags)
    places = geo.places(page.ags)
    place_columns = [texts.COL_SYMBOL, texts.COL_PLACE_KIND, texts.COL_PLACE, texts.COL_LOCATION, texts.COL_SOURCE]
    places_table = pd.DataFrame([[texts.PLACE_SYMBOLS[p.kind], texts.PLACE_KINDS[p.kind], p.name, place_location(p),
                                  p.source] for p in places], columns=place_columns)
    notes = [texts.ATTRIBUTION]
    listed = districts.of(page.ags)
    if listed:
        notes.append(texts.POSITIONS_NOTE.format(notes=_position_notes(positions), source=listed[0].source))
    if not page.exact:
        notes.append(texts.SUPPRESSED_MAP)
    return MapModel(page.ags, gemeinde, measure, area, tuple(geo.kreis_areas(page.ags)), tuple(markers), places,
                    table, Table(texts.PLACES_TITLE, places_table, places_table), tuple(notes))


def _position_notes(positions: dict) -> str:
    """"Wietze: Mittelpunkt der Gemeinde; Hornbostel, Jeversen: ungefähr; Steinförde: nicht auf der Karte"."""
    by_note: dict[str, list[str]] = {}
    for district, position in positions.values():
        note = texts.NOT_ON_MAP if position is None else (position.note or texts.NO_NOTE)
        by_note.setdefault(note, []).append(district.name)
    return "; ".join(f"{', '.join(names)}: {note}" for note, names in by_note.items())


def place_location(place: geo.Place) -> str:
    if place.located_by == geo.ORTSTEIL:
        return texts.PLACE_ORTSTEIL.format(name=place.located_at)
    if place.located_by == geo.GEMEINDE:
        return texts.PLACE_GEMEINDE.format(name=place.located_at)
    return texts.PLACE_BUILDING
