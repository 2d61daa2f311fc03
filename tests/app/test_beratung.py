"""The page Beratung through AppTest against the demo database, for every role: exact figures equal to the
registry's computed values for mayor, staff and admin (with the subgroup filters); only the published set's
figures for the public and the council; the overview's tiles K1, K2 and K18 lead here."""

from __future__ import annotations

from datetime import date

import pytest

from monitor import db, fmt, queries, registry, roles
from monitor.texts import beratung as texts, kpis as kpi_texts, ui
from monitor.views import beratung as view, model
from tests.app.measures import (
    EXACT_ROLES,
    SUPPRESSED_ROLES,
    assert_downloads_are,
    assert_only_published_numbers,
    chosen_period,
    model_tables,
    open_page,
)
from tests.app.test_pages import DASHBOARD, WIETZE, run

NAME = "beratung"
LABELS = [kpi_texts.NAMES[k] for k in view.PAGE.kpis]


@pytest.mark.parametrize("role", roles.ROLES)
def test_the_page_opens_for_every_role(demo_db, role):
    at = open_page(NAME, role)
    assert at.title[0].value == texts.TITLE
    assert [m.label for m in at.metric] == LABELS
    subheaders = [s.value for s in at.subheader]
    for title in (texts.TREND_CASES, texts.TREND_FTE, texts.TREND_TOPICS, "Kontakte im Zeitraum nach Kontaktart",
                  "Kontakte im Zeitraum nach Beauftragte", "Kontakte im Zeitraum nach Thema",
                  "Vermittlungen im Zeitraum nach Partner", "Aktive Fälle am Stichtag nach Zielgruppe",
                  "Abgeschlossene Fälle im Zeitraum nach Abschlussgrund", texts.TREND_CLOSURE_DAYS):
        assert title in subheaders, title
    exact = role in EXACT_ROLES
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels and all(("Dienstgebrauch" in label) == exact for label in labels)
    filters = [b.label for b in at.selectbox if b.label in (ui.FILTER_TARGET_GROUP, ui.FILTER_DISTRICT,
                                                            ui.FILTER_GENDER)]
    assert filters == ([ui.FILTER_TARGET_GROUP, ui.FILTER_DISTRICT, ui.FILTER_GENDER] if exact else [])


@pytest.mark.parametrize("role", EXACT_ROLES)
def test_exact_roles_see_the_registry_values_of_the_stored_rows(demo_db, role):
    at = open_page(NAME, role)
    period = chosen_period(at)
    frames = queries.load_source(db.get_engine(), WIETZE).frames
    computed = {k: registry.spec(k).compute(frames, period) for k in view.PAGE.kpis}
    for metric, kpi_id in zip(at.metric, view.PAGE.kpis):
        assert metric.value == fmt.kpi_value(computed[kpi_id].value, registry.spec(kpi_id).unit), kpi_id
    # the breakdown tables: each category's count is the registry's (K3 by contact type, K4 by topic)
    cells = {(str(f.value.iloc[i, 0]), str(f.value.iloc[i, 1])) for f in at.dataframe for i in range(len(f.value))}
    for code, name in kpi_texts.CONTACT_TYPES.items():
        count = computed["K3"].details[f"contacts_type_{code}"]
        assert not count or (name, fmt.number(count)) in cells, code
    for code, name in kpi_texts.TOPICS.items():
        count = computed["K4"].details[f"contacts_topic_{code}"]
        assert not count or (name, fmt.number(count)) in cells, code
    # closed cases by reason (K1); a reason of at least 10 is never merged into "Weitere"
    reasons = [code for code in kpi_texts.CLOSURE_REASONS if computed["K1"].details[f"closed_reason_{code}"] >= 10]
    for code in reasons:
        count = computed["K1"].details[f"closed_reason_{code}"]
        assert (kpi_texts.CLOSURE_REASONS[code], fmt.number(count)) in cells, code
    # partners by their institution's name and code
    partners = frames["partners"]
    names = dict(zip(partners.loc[partners["ags"] == WIETZE, "partner_id"], partners["name"]))
    for key, count in computed["K5"].details.items():
        if key.startswith("referrals_partner_") and count:
            code = key.removeprefix("referrals_partner_")
            assert (f"{names[code]} ({code})", fmt.number(count)) in cells, code


def test_the_post_history_is_the_mean_fte_of_each_year(demo_db):
    at = open_page(NAME, roles.STAFF)
    frames = queries.load_source(db.get_engine(), WIETZE).frames
    page = model.exact_model(view.PAGE, frames, WIETZE, chosen_period(at), False, None, date.today())
    trend = next(t for t in page.trends if t.title == texts.TREND_FTE)
    for period_label, value in zip(trend.table.shown[ui.COL_PERIOD], trend.table.shown["Vollzeitstellen"]):
        year = next(p for p, _ in [(p, 0) for p in model.closed_periods(
            model.FigureSource.of(frames), False, date.today())] if p.label == period_label)
        fte = registry.spec("K2").compute(frames, year).details["fte"]
        assert value == fmt.number(fte, 1), period_label
    tables = [f.value for f in at.dataframe if "Vollzeitstellen" in f.value.columns]
    assert tables and tables[0]["Vollzeitstellen"].tolist() == trend.table.shown["Vollzeitstellen"].tolist()


@pytest.mark.parametrize("role", SUPPRESSED_ROLES)
def test_suppressed_roles_see_no_number_from_outside_the_published_set(demo_db, role):
    at = open_page(NAME, role)
    pset = assert_only_published_numbers(at, view.PAGE.kpis, texts)
    period = chosen_period(at)
    assert pset.has(WIETZE, period) and not period.is_partial
    page = model.published_model(view.PAGE, pset, WIETZE, period, False, None)
    assert [m.value for m in at.metric] == [c.tile.value for c in page.cards]
    assert_downloads_are(at, model_tables(page), exact=False)
    frames = queries.load_source(db.get_engine(), WIETZE).frames
    named = [n for n in frames["partners"]["name"] if any(n in t for t in page.values())]
    assert not named  # partners by their code only: the suppressed view reads nothing but the published set
    at.radio(key="granularity").set_value(ui.QUARTER).run()
    assert chosen_period(at).quarter is not None
    assert_only_published_numbers(at, view.PAGE.kpis, texts)


@pytest.mark.parametrize("role", [roles.PUBLIC, roles.MAYOR])
def test_the_overview_tiles_of_cases_caseload_and_women_lead_here(demo_db, role):
    at = run(DASHBOARD, role=role)
    links = [(e.proto.label, e.proto.page) for e in at.get("page_link")]
    assert links.count((ui.TILE_LINK.format(page="Beratung"), "beratung")) == 3  # K1, K2, K18
