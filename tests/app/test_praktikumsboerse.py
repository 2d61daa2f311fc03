"""The page Praktikumsbörse through AppTest against the demo database, for every role: exact figures with the
subgroup filters for mayor, staff and admin; only the published set's figures and no subgroup filter for the
public and the council; the tables' downloads."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from monitor import audit, bootstrap, db, kpis, queries, roles
from monitor.periods import Period
from monitor.texts import kpis as kpi_texts, praktikumsboerse as texts, ui
from monitor.views import model, praktikumsboerse as view
from tests.app.measures import (
    EXACT_ROLES,
    SUPPRESSED_ROLES,
    assert_downloads_are,
    assert_only_published_numbers,
    chosen_period,
    model_tables,
    open_page,
)
from tests.app.test_pages import WIETZE, run
from tests.app.test_roles import last_audit
from ui import downloads

NAME = "praktikumsboerse"


def placed(frames: dict[str, pd.DataFrame], period: Period) -> int:
    return kpis.k12_internships(frames["internships"], period).details["placed"]


@pytest.mark.parametrize("role", roles.ROLES)
def test_the_page_opens_for_every_role(demo_db, role):
    at = open_page(NAME, role)
    assert at.title[0].value == texts.TITLE
    assert [m.label for m in at.metric] == ["Vermittelte Praktika"]
    assert ui.SOURCE_NOTE in [c.value for c in at.caption]
    exact = role in EXACT_ROLES
    # the tables by sector, then the trends: places, and the months to a transition. In the demo data no sector
    # reaches 10 placed or completed internships, so in the protected views those two are merged into one
    # category, which is no breakdown: only the places offered (no people) are shown by sector there
    by_sector = ["Angebotene Plätze nach Branche", "Vermittelte Plätze nach Branche",
                 "Abgeschlossene Praktika nach Branche"] if exact else ["Angebotene Plätze nach Branche"]
    assert [s.value for s in at.subheader] == [*by_sector, texts.TREND_PLACES, texts.TREND_MONTHS]
    assert len(at.get("plotly_chart")) == 2
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels and all(("Dienstgebrauch" in label) == exact for label in labels)
    filters = [b.label for b in at.selectbox if b.label in (ui.FILTER_TARGET_GROUP, ui.FILTER_DISTRICT,
                                                            ui.FILTER_GENDER)]
    if exact:
        assert filters == [ui.FILTER_TARGET_GROUP, ui.FILTER_DISTRICT, ui.FILTER_GENDER]
        assert ui.FILTER_INTERNAL_ONLY not in [c.value for c in at.caption]
    else:
        assert filters == []
        assert ui.FILTER_INTERNAL_ONLY in [c.value for c in at.caption]


@pytest.mark.parametrize("role", EXACT_ROLES)
def test_exact_roles_see_the_figures_of_the_stored_rows(demo_db, role):
    at = open_page(NAME, role)
    period = chosen_period(at)
    assert period.is_partial  # the running year up to the data stand, as on the overview
    frames = queries.load_source(db.get_engine(), WIETZE).frames
    assert at.metric[0].value == str(placed(frames, period))
    definition = kpi_texts.DEFINITIONS["K12"]
    assert definition.startswith("Im Zeitraum vermittelte Plätze der Praktikumsbörse;")
    assert definition in [c.value for c in at.caption]  # visible beside the figure, not only on hover


@pytest.mark.parametrize("role", SUPPRESSED_ROLES)
def test_suppressed_roles_see_no_number_from_outside_the_published_set(demo_db, role):
    at = open_page(NAME, role)
    pset = assert_only_published_numbers(at, view.PAGE.kpis, texts)
    period = chosen_period(at)
    assert pset.has(WIETZE, period) and not period.is_partial
    figures = pset.get(WIETZE, period)["K12"]
    assert at.metric[0].value == ("•" if figures.headline_hidden else str(int(figures.headline)))
    page = model.published_model(view.PAGE, pset, WIETZE, period, False, None)
    assert_downloads_are(at, model_tables(page), exact=False)
    at.radio(key="granularity").set_value(ui.QUARTER).run()
    assert chosen_period(at).quarter is not None
    assert_only_published_numbers(at, view.PAGE.kpis, texts)


def test_the_subgroup_filter_restricts_the_cases_before_computing(demo_db):
    at = open_page(NAME, roles.STAFF)
    period = chosen_period(at)
    at.selectbox(key="filter-gender").set_value("w").run()
    assert not at.exception
    # by hand: the women's cases, and the internships that name one of them
    frames = queries.load_source(db.get_engine(), WIETZE).frames
    cases = frames["cases"][frames["cases"]["gender"] == "w"]
    women = set(zip(cases["ags"], cases["case_id"]))
    rows = frames["internships"]
    theirs = rows[[(a, c) in women for a, c in zip(rows["ags"], rows["case_id"])]]
    assert 0 < placed({"internships": theirs}, period) < placed(frames, period)
    assert at.metric[0].value == str(placed({"internships": theirs}, period))
    active = [c.value for c in at.caption if c.value.startswith("Gefiltert")]
    assert active == [ui.FILTER_ACTIVE.format(selection="Frauen")]
    assert "Kein Ziel festgelegt" in [c.value for c in at.caption]  # targets are the Gemeinde's, not judged here
    at.selectbox(key="filter-target-group").set_value("schutz_anerkannt").run()
    assert [c.value for c in at.caption if c.value.startswith("Gefiltert")] == [
        ui.FILTER_ACTIVE.format(selection="Schutz anerkannt, Frauen")]


def test_an_archived_period_cannot_be_filtered(demo_db):
    bootstrap.daily()  # the retention run of the app's first start archives the years before the cut-off
    at = open_page(NAME, roles.MAYOR)
    box = next(b for b in at.selectbox if b.label == ui.PERIOD)
    box.select_index(box.options.index("2015")).run()
    assert at.metric  # the whole Gemeinde's archived figures
    at.selectbox(key="filter-gender").set_value("m").run()
    assert not at.exception
    assert [i.value for i in at.info] == [ui.FILTER_ARCHIVED]
    assert not at.metric


def test_exact_downloads_are_marked_and_logged(demo_db):
    at = open_page(NAME, roles.MAYOR)
    period = chosen_period(at)
    source = queries.load_source(db.get_engine(), WIETZE)
    page = model.exact_model(view.PAGE, source, WIETZE, period, False, None, date.today())
    assert_downloads_are(at, model_tables(page), exact=True)
    label, _ = downloads.labels(page.figures.name, exact=True)
    next(b for b in at.get("download_button") if b.proto.label == label).click().run()
    entry = last_audit(audit.EXPORT)
    assert entry["object"] == f"{downloads.file_stem(page.figures.name)}.csv"
    assert entry["row_count"] == len(page.figures.download) and entry["role"] == roles.MAYOR


def test_the_overview_links_each_tile_to_its_page(demo_db):
    from tests.app.test_pages import DASHBOARD

    for role in (roles.PUBLIC, roles.MAYOR):
        at = run(DASHBOARD, role=role)
        links = [(e.proto.label, e.proto.page) for e in at.get("page_link")]
        # tiles K1, K2, K8, K9, K12, K15, K16, K18
        def link(page: str) -> tuple[str, str]:
            return ui.TILE_LINK.format(page=ui.MEASURE_PAGE_MENU[page][0]), page

        assert links == [link("beratung"), link("beratung"), link("sprachkurse"), link("sprachkurse"),
                         link("praktikumsboerse"), link("integrationscafe"), link("netzwerk"), link("beratung")]


def test_the_meeting_view_has_no_subgroup_filter_and_only_published_figures(demo_db):
    from streamlit.testing.v1 import AppTest

    from tests.app.measures import page_path
    from tests.app.test_pages import logged_in
    from ui import session

    at = AppTest.from_file(page_path(NAME), default_timeout=120)
    at.session_state[session.STATE] = logged_in(roles.ADMIN)
    at.query_params[session.MEETING_PARAM] = "1"
    at.run()
    assert not at.exception and ui.MEETING_VIEW_ON in [c.value for c in at.caption]
    assert ui.FILTER_INTERNAL_ONLY in [c.value for c in at.caption]
    assert not [b for b in at.selectbox if b.label == ui.FILTER_GENDER]
    assert not [b for b in at.get("download_button") if "Dienstgebrauch" in b.proto.label]
    assert_only_published_numbers(at, view.PAGE.kpis, texts)
