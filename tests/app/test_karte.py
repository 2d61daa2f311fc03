"""The page Karte through AppTest against the demo database, for every role: the map (a pydeck chart without a
base map), the table beside it, the places of the measures, the attribution; for the public and the council only
the published set's figures, in the table as in what the map sends to the browser; exact counts of the stored
rows for the others."""

from __future__ import annotations

import json

import pytest

from monitor import db, kpis, maps, queries, roles
from monitor.texts import karte as texts, ui
from monitor.views import karte as view, model
from tests.app.measures import (
    EXACT_ROLES,
    SUPPRESSED_ROLES,
    allowed_numbers,
    assert_downloads_are,
    assert_only_published_numbers,
    chosen_period,
    numbers,
    open_page,
)
from tests.app.test_pages import WIETZE

NAME = "karte"


def deck(at) -> dict:
    (chart,) = at.get("deck_gl_json_chart")
    return json.loads(chart.proto.json)


def layer(spec: dict, layer_id: str) -> list[dict]:
    return next(entry["data"] for entry in spec["layers"] if entry["id"] == layer_id)


@pytest.mark.parametrize("role", roles.ROLES)
def test_the_page_opens_for_every_role(demo_db, role):
    at = open_page(NAME, role)
    assert at.title[0].value == texts.TITLE
    assert [m.label for m in at.metric] == ["Fälle je Ortsteil"]
    spec = deck(at)
    assert "mapProvider" not in spec and "http" not in json.dumps(spec)  # no base map, nothing from elsewhere
    assert {entry["id"] for entry in spec["layers"]} == {"gemeinden", "faelle", "ortsteile", "orte"}
    assert at.get("deck_gl_json_chart")[0].proto.alt.startswith("Karte: Gemeinde Wietze mit ihrer Grenze")
    table = at.table[0].value
    assert list(table[texts.COL_DISTRICT])[:5] == ["Wietze", "Steinförde", "Hornbostel", "Jeversen", "Wieckenberg"]
    assert texts.ATTRIBUTION in [c.value for c in at.caption]
    assert texts.PLACES_TITLE in [s.value for s in at.subheader]
    assert [r.label for r in at.radio if r.key == "karte_measure"] == [texts.MEASURE_LABEL]


@pytest.mark.parametrize("role", EXACT_ROLES)
def test_exact_roles_see_the_counts_of_the_stored_rows(demo_db, role):
    at = open_page(NAME, role)
    period = chosen_period(at)
    frames = queries.load_source(db.get_engine(), WIETZE).frames
    k17 = kpis.k17_districts(frames["cases"], period)
    table = at.table[0].value.set_index(texts.COL_DISTRICT)
    for code, name in (("wietze", "Wietze"), ("hornbostel", "Hornbostel"), ("jeversen", "Jeversen")):
        assert table.loc[name, texts.COLUMNS["active_district"]] == str(k17.details.get(f"active_district_{code}", 0))
        assert table.loc[name, texts.COLUMNS["opened_district"]] == str(k17.details.get(f"opened_district_{code}", 0))
    assert table.loc[texts.TOTAL_ROW, texts.COLUMNS["active_district"]] == str(k17.value)
    labels = {d["text"] for d in layer(deck(at), "ortsteile")}
    assert f"Wietze\n{k17.details['active_district_wietze']}" in labels


@pytest.mark.parametrize("role", SUPPRESSED_ROLES)
def test_suppressed_roles_see_and_receive_only_published_numbers(demo_db, role):
    at = open_page(NAME, role)
    pset = assert_only_published_numbers(at, view.PAGE.kpis, texts)
    allowed, _ = allowed_numbers(pset, view.PAGE.kpis)
    spec = deck(at)
    for layer_id in ("faelle", "ortsteile"):  # what the browser receives: the labels and tooltips
        for item in layer(spec, layer_id):
            stray = (numbers(item.get("text", "")) | numbers(item["tooltip"])) - allowed
            assert not stray, (layer_id, item)
    period = chosen_period(at)
    figures = pset.get(WIETZE, period)["K17"]
    breakdown = figures.spec.breakdown_named("active_district")
    published = {int(figures[breakdown.part(c)]) for c in figures.categories("active_district")
                 if figures[breakdown.part(c)] is not None}
    assert {round(c["radius"], 6) for c in layer(spec, "faelle")} <= {round(maps.radius(n), 6) for n in published}
    page = model.published_model(view.PAGE, pset, WIETZE, period, False, None)
    assert_downloads_are(at, [view.map_model(page, "active_district", "Wietze").table], exact=False)
    at.radio(key="granularity").set_value(ui.QUARTER).run()
    assert chosen_period(at).quarter is not None
    assert_only_published_numbers(at, view.PAGE.kpis, texts)
    assert not [r for r in at.radio if r.key == "karte_measure"]  # a quarter: the active cases only
    assert ui.YEARS_ONLY_NOTE.split("{")[0] in " ".join(c.value for c in at.caption)


def test_the_map_shows_the_new_cases_when_chosen(demo_db):
    at = open_page(NAME, roles.MAYOR)
    at.radio(key="karte_measure").set_value("opened_district").run()
    tooltips = [d["tooltip"] for d in layer(deck(at), "ortsteile")]
    assert all(texts.MEASURES["opened_district"] in t for t in tooltips)
