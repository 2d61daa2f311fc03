"""The page Sprachkurse through AppTest against the demo database, for every role: the seven course KPIs with
their trends and the funnel; exact figures and the subgroup filters for mayor, staff and admin; only the published
set's figures (funnel included) for the public and the council; the downloads."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from monitor import db, kpis, queries, roles
from monitor.periods import Period
from monitor.texts import kpis as kpi_texts, sprachkurse as texts, ui
from monitor.views import model, sprachkurse as view
from tests.app.measures import (
    EXACT_ROLES,
    SUPPRESSED_ROLES,
    assert_downloads_are,
    assert_only_published_numbers,
    chosen_period,
    model_tables,
    open_page,
)
from tests.app.test_pages import WIETZE

NAME = "sprachkurse"
CARDS = ["K6", "K7", "K8", "K9", "K10", "K11", "K11a"]


def funnel_values(at) -> list[int]:
    traces = [t for c in at.get("plotly_chart") for t in json.loads(c.proto.spec)["data"] if t["type"] == "funnel"]
    assert len(traces) == 1
    return traces[0]["x"]


@pytest.mark.parametrize("role", roles.ROLES)
def test_the_page_opens_for_every_role(demo_db, role):
    at = open_page(NAME, role)
    assert not at.exception
    assert at.title[0].value == texts.TITLE
    assert [m.label for m in at.metric] == [kpi_texts.NAMES[k] for k in CARDS]
    headings = [s.value for s in at.subheader]
    trends = [texts.TREND_ACCESS, texts.TREND_WAIT, texts.TREND_SUPPLY]
    assert [h for h in headings if h in trends] == trends
    assert texts.FUNNEL_TITLE in headings and texts.FUNNEL_NOTE in [c.value for c in at.caption]
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels and all(("Dienstgebrauch" in label) == (role in EXACT_ROLES) for label in labels)
    filters = [b.label for b in at.selectbox if b.label in (ui.FILTER_TARGET_GROUP, ui.FILTER_GENDER)]
    assert filters == ([ui.FILTER_TARGET_GROUP, ui.FILTER_GENDER] if role in EXACT_ROLES else [])


@pytest.mark.parametrize("role", EXACT_ROLES)
def test_exact_roles_see_the_figures_and_the_funnel_of_the_stored_rows(demo_db, role):
    at = open_page(NAME, role)
    box = next(b for b in at.selectbox if b.label == ui.PERIOD)
    box.select_index(box.options.index("2018")).run()
    period = chosen_period(at)
    frames = queries.load_source(db.get_engine(), WIETZE).frames
    access = kpis.k6_course_access(frames["enrolments"], period, frames["courses"])
    supply = kpis.k11a_course_supply(frames["courses"], period)
    values = dict(zip([m.label for m in at.metric], [m.value for m in at.metric]))
    assert values[kpi_texts.NAMES["K11a"]] == str(supply.value)
    assert values[kpi_texts.NAMES["K7"]].startswith(str(int(kpis.k7_waiting_time(frames["enrolments"], period).value)))
    ended = kpis.k8_course_completion(frames["enrolments"], period, frames["courses"])
    dtz = kpis.k9_dtz_b1(frames["enrolments"], period, frames["courses"])
    d = dtz.details
    assert funnel_values(at) == [access.details["entitled"], access.details["started"], ended.details["completed"],
                                 d["takers"], d["b1"], d["a2"], d["takers"] - d["at_least_a2"]]
    # by course type: each type's started, ended and DTZ-taking, as counted from the rows (types below 10 in
    # every period merged into "Weitere")
    general = kpi_texts.COURSE_TYPES["allgemein"]
    bars = {t["name"]: dict(zip(t["y"], t["x"])) for c in at.get("plotly_chart")
            for t in json.loads(c.proto.spec)["data"] if t["type"] == "bar"}
    assert bars[general] == {texts.TYPE_STAGES[0]: access.details["started_course_type_allgemein"],
                             texts.TYPE_STAGES[1]: ended.details["ended_course_type_allgemein"],
                             texts.TYPE_STAGES[2]: d["takers_course_type_allgemein"]}
    assert kpi_texts.DEFINITIONS["K6"] in [c.value for c in at.caption]  # beside the figure, not on hover


@pytest.mark.parametrize("role", SUPPRESSED_ROLES)
def test_suppressed_roles_see_no_number_from_outside_the_published_set(demo_db, role):
    at = open_page(NAME, role)
    pset = assert_only_published_numbers(at, view.PAGE.kpis, texts)
    period = chosen_period(at)
    figures = pset.get(WIETZE, period)
    funnel = view.funnel(figures)
    if funnel is None:
        assert texts.FUNNEL_NONE in [i.value for i in at.info]
    else:
        assert funnel_values(at) == [count for _, count in funnel.stages]
    page = model.published_model(view.PAGE, pset, WIETZE, period, False, None)
    assert_downloads_are(at, model_tables(page), exact=False)


def test_the_funnel_takes_withheld_stages_out(demo_db):
    assert view.funnel({}) is None
    source = queries.load_source(db.get_engine(), WIETZE)
    exact = model.exact_model(view.PAGE, source, WIETZE, Period(2018), False, None, date.today()).current
    full = view.funnel(exact)
    assert full is not None and len(full.stages) == len(texts.FUNNEL_STAGES)
    k9 = exact["K9"]
    withheld = {**exact, "K9": replace(k9, hidden=frozenset({"b1_share", "b1"}))}
    names = [name for name, _ in view.funnel(withheld).stages]
    assert "DTZ: B1" not in names and "DTZ: A2" not in names and "DTZ: unter A2" in names
