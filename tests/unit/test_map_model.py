"""The page Karte as plain data: the shipped geodata and places, the map's model from exact and from published
figures (hand-counted cases per Ortsteil), and the Deck that carries nothing the published set withholds and asks
no other host for anything."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest

from monitor import contract, districts, geo, maps, published, registry
from monitor.periods import Period
from monitor.queries import typed_frame
from monitor.texts import karte as texts, ui
from monitor.views import karte as view, model

WIETZE = "03351023"
CELLE = "03351006"
TODAY = date(2025, 1, 2)  # 2023 and 2024 are closed
YEAR = Period(2024)


# --- geodata and places ---------------------------------------------------------------------------------------


def test_the_shipped_boundaries_are_the_21_gemeinden_of_landkreis_celle():
    areas = geo.boundaries()
    assert len(geo.kreis_areas(WIETZE)) == len(areas) == 21
    wietze = geo.area(WIETZE)
    assert wietze.name == "Wietze" and wietze.centre == (52.654604, 9.840504)
    assert wietze.contains(*wietze.centre)
    assert not geo.area(CELLE).contains(*wietze.centre) and not wietze.contains(*geo.area(CELLE).centre)


def test_every_ortsteil_position_lies_inside_its_gemeinde_and_says_what_it_is():
    for ags, listed in districts.load().items():
        area = geo.area(ags)
        for district in listed:
            position = geo.district_position(district)
            assert position is not None and position.note, district.code
            assert area is not None and area.contains(position.lat, position.lon), district.code


def test_every_place_lies_in_the_landkreis_and_has_a_source():
    for ags, places in geo.load_places().items():
        areas = geo.kreis_areas(ags)
        for place in places:
            assert place.kind in geo.PLACE_KINDS and place.source, place.code
            assert any(a.contains(place.lat, place.lon) for a in areas), place.code
    kinds = {p.kind for p in geo.places(WIETZE)}
    assert kinds == set(geo.PLACE_KINDS)  # course venue, café and partner offices of the concept


def test_a_point_in_a_hole_is_outside():
    square = ((0.0, 0.0), (4.0, 0.0), (4.0, 4.0), (0.0, 4.0), (0.0, 0.0))
    hole = ((1.0, 1.0), (3.0, 1.0), (3.0, 3.0), (1.0, 3.0), (1.0, 1.0))
    area = geo.Area("x", "x", ((square, hole),), (0.5, 0.5))
    assert area.contains(0.5, 0.5) and not area.contains(2.0, 2.0) and not area.contains(5.0, 2.0)


@pytest.mark.parametrize("row, problem", [
    ("03351023;x;cafe;Café;wietze;03351006;;;Q", "exactly one"),  # two locations
    ("03351023;x;cafe;Café;;;52,6;;Q", "exactly one"),  # a latitude without longitude
    ("03351023;x;buero;Café;wietze;;;;Q", "art"),  # an unknown kind
    ("03351023;x;cafe;Café;nirgendwo;;;;Q", "no position"),  # not an Ortsteil of the list
    ("03351023;x;cafe;Café;;09999999;;;Q", "no boundary"),
])
def test_a_broken_places_file_is_refused(tmp_path, row, problem):
    path = tmp_path / "orte.csv"
    path.write_text("gemeinde_ags;code;art;name;ortsteil;gemeinde;breite;laenge;quelle\n" + row + "\n",
                    encoding="utf-8")
    with pytest.raises(geo.GeoError, match=problem):
        geo.load_places(path)


def test_a_place_at_the_coordinates_of_a_public_building(tmp_path):
    path = tmp_path / "orte.csv"
    path.write_text("gemeinde_ags;code;art;name;ortsteil;gemeinde;breite;laenge;quelle\n"
                    "03351023;rathaus;kursort;Kurs im Rathaus;;;52,6501;9,8402;Q\n", encoding="utf-8")
    (place,) = geo.load_places(path)[WIETZE]
    assert (place.lat, place.lon, place.located_by) == (52.6501, 9.8402, geo.BUILDING)
    assert view.place_location(place) == texts.PLACE_BUILDING


# --- the map's model -------------------------------------------------------------------------------------------


def _frames(by_district: dict[str | None, int]) -> dict[str, pd.DataFrame]:
    """Cases opened on 01.03.2023 and open since, so many per Ortsteil (None: without one)."""
    rows = [{"ags": WIETZE, "case_id": f"{district}-{n}", "target_group": "geduldet", "gender": "w",
             "district": district, "opened_on": "2023-03-01"}
            for district, count in by_district.items() for n in range(count)]
    frames = {kind.name: typed_frame(kind, pd.DataFrame(columns=[f.name for f in kind.fields]))
              for kind in contract.KINDS}
    frames["cases"] = typed_frame(contract.CASES, pd.DataFrame(rows))
    return frames


# 25 in Wietze, 12 in Hornbostel; Jeversen (3), Wieckenberg (2) and the 2 without an Ortsteil never reach 10
CASES = {"wietze": 25, "hornbostel": 12, "jeversen": 3, "wieckenberg": 2, None: 2}


def _exact_page(frames) -> model.PageModel:
    return model.exact_model(view.PAGE, frames, WIETZE, YEAR, False, None, TODAY)


def _published_page(frames) -> model.PageModel:
    pset = published.build({WIETZE: frames}, TODAY)
    return model.published_model(view.PAGE, pset, WIETZE, YEAR, False, None)


def _table(m: view.MapModel) -> list[list[str]]:
    return m.table.shown.to_numpy().tolist()


def test_exact_map_shows_every_ortsteil_with_its_count():
    m = view.map_model(_exact_page(_frames(CASES)), "active_district", "Wietze")
    assert _table(m) == [["Wietze", "25", "0"], ["Steinförde", "0", "0"], ["Hornbostel", "12", "0"],
                         ["Jeversen", "3", "0"], ["Wieckenberg", "2", "0"],
                         [texts.NO_DISTRICT_ROW, "2", "0"], [texts.TOTAL_ROW, "44", "0"]]
    assert {mk.code: mk.value for mk in m.markers} == {"wietze": 25, "steinfoerde": 0, "hornbostel": 12,
                                                       "jeversen": 3, "wieckenberg": 2}
    assert m.table.download.iloc[0, 1] == 25  # a number in the download
    (positions,) = [n for n in m.notes if n.startswith(texts.POSITIONS_NOTE[:30])]
    assert "Steinförde, Hornbostel, Jeversen, Wieckenberg: ungefähr" in positions


def test_published_map_merges_small_ortsteile_and_draws_no_circle_for_them():
    m = view.map_model(_published_page(_frames(CASES)), "active_district", "Wietze")
    merged = texts.OTHER_ROW.format(names=f"Steinförde, Jeversen, Wieckenberg, {texts.NO_DISTRICT_ROW}")
    # new cases of 2024: none (all opened in 2023), a group under 10: its Ortsteile withheld together
    assert _table(m) == [["Wietze", "25", "•"], ["Steinförde", texts.MERGED, texts.MERGED],
                         ["Hornbostel", "12", "•"], ["Jeversen", texts.MERGED, texts.MERGED],
                         ["Wieckenberg", texts.MERGED, texts.MERGED], [merged, "7", "•"],
                         [texts.TOTAL_ROW, "44", "0"]]
    assert {mk.code: (mk.value, mk.text) for mk in m.markers} == {
        "wietze": (25, "25"), "hornbostel": (12, "12"), "steinfoerde": (None, ui.SUPPRESSED),
        "jeversen": (None, ui.SUPPRESSED), "wieckenberg": (None, ui.SUPPRESSED)}
    jeversen = next(mk for mk in m.markers if mk.code == "jeversen")
    assert "Weitere" in jeversen.tooltip and "(7)" in jeversen.tooltip


def test_published_map_of_one_ortsteil_shows_no_figure_per_ortsteil():
    """All cases in one Ortsteil: its count would be the total, so the set has no category at all."""
    m = view.map_model(_published_page(_frames({"wietze": 30})), "active_district", "Wietze")
    assert all(row[1] == ui.SUPPRESSED for row in _table(m)[:-1]) and _table(m)[-1][1] == "30"
    assert all(mk.value is None for mk in m.markers)


def test_a_quarter_of_the_suppressed_view_has_only_the_active_cases():
    frames = _frames(CASES)
    pset = published.build({WIETZE: frames}, TODAY)
    page = model.published_model(view.PAGE, pset, WIETZE, Period(2024, 4), True, None)
    assert view.measures(page) == ("active_district",)
    assert list(view.map_model(page, "opened_district", "Wietze").table.shown.columns) == \
        [texts.COL_DISTRICT, texts.COLUMNS["active_district"]]


# --- the Deck --------------------------------------------------------------------------------------------------


def _layer(spec: dict, layer_id: str) -> list[dict]:
    return next(layer["data"] for layer in spec["layers"] if layer["id"] == layer_id)


def test_the_deck_draws_published_counts_only_and_no_base_map():
    m = view.map_model(_published_page(_frames(CASES)), "active_district", "Wietze")
    deck = maps.deck(m)
    spec = json.loads(deck.to_json())
    circles = _layer(spec, "faelle")
    assert sorted(c["radius"] for c in circles) == [maps.radius(12), maps.radius(25)]
    labels = {d["text"] for d in _layer(spec, "ortsteile")}
    assert labels == {"Wietze\n25", "Hornbostel\n12", "Steinförde\n•", "Jeversen\n•", "Wieckenberg\n•"}
    text = deck.to_json()
    for small in (f"\\n{n}\"" for n in (2, 3)):  # Jeversen's 3 and Wieckenberg's 2 are nowhere
        assert small not in text
    assert deck.map_provider is None and "mapProvider" not in spec
    assert "http" not in text and "mapbox" not in text.lower() and "carto" not in text.lower()
    assert len(_layer(spec, "gemeinden")["features"]) == 21
    assert {p["text"] for p in _layer(spec, "orte")} == set(texts.PLACE_SYMBOLS.values())


def test_the_view_fits_the_gemeinde_and_its_places():
    m = view.map_model(_exact_page(_frames(CASES)), "active_district", "Wietze")
    state = maps.view(m)
    south, west, north, east = m.area.bounds()
    assert south < state.latitude < north and west < state.longitude < max(p.lon for p in m.places)
    assert 9 < state.zoom < 11


def test_every_registry_breakdown_the_map_shows_exists():
    spec = registry.spec(view.KPI)
    for name in view.MEASURES:
        assert spec.breakdown_named(name).dimension == "district"
