"""The page Integrationscafé through AppTest against the demo database, for every role: the sessions held of
those planned in words, on the page and on the overview's tile; only the published set's figures for the public
and the council; no subgroup filter (the café counts sessions, not cases)."""

from __future__ import annotations

import re

import pytest

from monitor import db, kpis, queries, roles
from monitor.texts import integrationscafe as texts, ui
from monitor.views import integrationscafe as view, model
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

NAME = "integrationscafe"


@pytest.mark.parametrize("role", roles.ROLES)
def test_the_page_opens_for_every_role(demo_db, role):
    at = open_page(NAME, role)
    assert at.title[0].value == texts.TITLE
    assert [m.label for m in at.metric] == ["Integrationscafé"]
    assert re.fullmatch(r"\d+ von \d+ Terminen", at.metric[0].value)
    # the sessions by calendar week (no people: in every view), then the trends
    assert [s.value for s in at.subheader] == ["Geplante Termine nach Kalenderwoche",
                                               "Stattgefundene Termine nach Kalenderwoche", texts.TREND_SESSIONS,
                                               texts.TREND_ATTENDANCE, texts.TREND_FIRST_TIME]
    assert len(at.get("plotly_chart")) == 3  # the children per session are a line of the attendance chart
    assert not [b for b in at.selectbox if b.label in (ui.FILTER_TARGET_GROUP, ui.FILTER_GENDER)]
    assert ui.FILTER_INTERNAL_ONLY not in [c.value for c in at.caption]  # no such filter here for anyone
    labels = [b.proto.label for b in at.get("download_button")]
    # CSV and Excel of: the two tables by week, the period's figures, the three trends
    assert len(labels) == 2 * 6 and all(("Dienstgebrauch" in label) == (role in EXACT_ROLES) for label in labels)


@pytest.mark.parametrize("role", EXACT_ROLES)
def test_held_of_planned_as_the_stored_rows_say(demo_db, role):
    at = open_page(NAME, role)
    period = chosen_period(at)
    frames = queries.load_source(db.get_engine(), WIETZE).frames
    cafe = kpis.k15_cafe(frames["cafe_sessions"], period)
    assert at.metric[0].value == f"{cafe.numerator} von {cafe.denominator} Terminen"
    lines = next(m.value for m in at.markdown if m.value.startswith("- "))
    assert "- Erstbesuche: **" + str(cafe.details["first_time"]) + "**" in lines


@pytest.mark.parametrize("role", SUPPRESSED_ROLES)
def test_suppressed_roles_see_no_number_from_outside_the_published_set(demo_db, role):
    at = open_page(NAME, role)
    pset = assert_only_published_numbers(at, view.PAGE.kpis, texts)
    period = chosen_period(at)
    figures = pset.get(WIETZE, period)["K15"]
    assert at.metric[0].value == f"{int(figures['held'])} von {int(figures['planned'])} Terminen"
    page = model.published_model(view.PAGE, pset, WIETZE, period, False, None)
    assert_downloads_are(at, model_tables(page), exact=False)


def test_the_overview_tile_says_held_of_planned_too(demo_db):
    at = run(role=roles.COUNCIL)
    tile = next(m for m in at.metric if m.label == "Integrationscafé")
    assert re.fullmatch(r"\d+ von \d+ Terminen", tile.value)
    assert tile.proto.delta.endswith("Pp.")  # the change is the share's, in percentage points
