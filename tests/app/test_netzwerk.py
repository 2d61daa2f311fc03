"""The page Netzwerk through AppTest against the demo database, for every role: partners, agreements, meetings
and case conferences; only the published set's figures for the public and the council; no subgroup filter (the
network counts institutions and meetings, not cases) and, without a referral KPI, no referral flow."""

from __future__ import annotations

import pytest

from monitor import db, kpis, queries, roles
from monitor.texts import netzwerk as texts, ui
from monitor.views import model, netzwerk as view
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

NAME = "netzwerk"


@pytest.mark.parametrize("role", roles.ROLES)
def test_the_page_opens_for_every_role(demo_db, role):
    at = open_page(NAME, role)
    assert at.title[0].value == texts.TITLE
    assert [m.label for m in at.metric] == ["Aktive Netzwerkpartner"]
    assert [s.value for s in at.subheader] == [texts.TREND_PARTNERS, texts.TREND_MEETINGS]  # no referral flow yet
    assert len(at.get("plotly_chart")) == 2
    assert not [b for b in at.selectbox if b.label in (ui.FILTER_TARGET_GROUP, ui.FILTER_GENDER)]
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels and all(("Dienstgebrauch" in label) == (role in EXACT_ROLES) for label in labels)


@pytest.mark.parametrize("role", EXACT_ROLES)
def test_exact_roles_see_the_figures_of_the_stored_rows(demo_db, role):
    at = open_page(NAME, role)
    period = chosen_period(at)
    frames = queries.load_source(db.get_engine(), WIETZE).frames
    network = kpis.k16_network(frames["partners"], frames["network_events"], period)
    assert at.metric[0].value == str(network.value)
    lines = next(m.value for m in at.markdown if m.value.startswith("- "))
    assert lines == (f"- Netzwerktreffen im Zeitraum: **{network.details['meetings']}**\n"
                     f"- Fallkonferenzen im Zeitraum: **{network.details['case_conferences']}**\n"
                     f"- Partner mit schriftlicher Vereinbarung: **{network.details['agreements']}**")


@pytest.mark.parametrize("role", SUPPRESSED_ROLES)
def test_suppressed_roles_see_no_number_from_outside_the_published_set(demo_db, role):
    at = open_page(NAME, role)
    pset = assert_only_published_numbers(at, view.PAGE.kpis, texts)
    period = chosen_period(at)
    page = model.published_model(view.PAGE, pset, WIETZE, period, False, None)
    assert_downloads_are(at, model_tables(page), exact=False)
    at.radio(key="granularity").set_value(ui.QUARTER).run()
    assert chosen_period(at).quarter is not None
    assert_only_published_numbers(at, view.PAGE.kpis, texts)
