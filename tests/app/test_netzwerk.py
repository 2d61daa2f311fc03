"""The page Netzwerk through AppTest against the demo database, for every role: partners, agreements, meetings
and case conferences, the referrals to partners (K5) and their flow; only the published set's figures for the
public and the council, the flow too; the subgroup filter only in the exact views (it restricts the referrals)."""

from __future__ import annotations

import json

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
    assert [m.label for m in at.metric] == ["Aktive Netzwerkpartner", "Vermittlungen"]
    assert [s.value for s in at.subheader] == ["Aktive Partner am Stichtag nach Art des Partners",
                                               "Aktive Partner am Stichtag nach Ebene",
                                               "Vermittlungen im Zeitraum nach Partner", texts.TREND_PARTNERS,
                                               texts.TREND_MEETINGS, texts.TREND_REFERRALS, texts.FLOW_TITLE]
    assert len(at.get("plotly_chart")) == 4
    filters = [b for b in at.selectbox if b.label in (ui.FILTER_TARGET_GROUP, ui.FILTER_GENDER)]
    assert bool(filters) == (role in EXACT_ROLES)
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


def sankey(at) -> tuple[list[str], list[int]]:
    """The referral flow's node names and link values as the page draws them."""
    for chart in at.get("plotly_chart"):
        for trace in json.loads(chart.proto.spec)["data"]:
            if trace.get("type") == "sankey":
                return trace["node"]["label"], trace["link"]["value"]
    raise AssertionError("no Sankey diagram")


@pytest.mark.parametrize("role", SUPPRESSED_ROLES)
def test_the_referral_flow_shows_only_published_counts(demo_db, role):
    at = open_page(NAME, role)
    period = chosen_period(at)
    pset = assert_only_published_numbers(at, view.PAGE.kpis, texts)
    figures = pset.get(WIETZE, period)["K5"]
    breakdown = figures.spec.breakdown_named("referrals_partner")
    published_counts = {int(figures[breakdown.part(c)]) for c in figures.categories("referrals_partner")
                        if figures[breakdown.part(c)] is not None}
    nodes, values = sankey(at)
    withheld = [c for c in figures.categories("referrals_partner") if figures.is_hidden(breakdown.part(c))]
    # every band is a published count; the withheld partners only together, as the published total minus the rest
    shown = [v for n, v in zip(nodes[1:], values) if n != ui.HIDDEN_GROUPS]
    assert set(shown) <= published_counts
    if withheld:
        assert ui.HIDDEN_GROUPS in nodes and sum(values) == int(figures["referrals"])
    assert not any(code in nodes for code in withheld)
    assert not any("(" in n for n in nodes if n != ui.HIDDEN_GROUPS)  # no institution names (exact: "Name (Code)")


def test_the_referral_flow_of_exact_roles_names_the_institutions(demo_db):
    at = open_page(NAME, roles.STAFF)
    period = chosen_period(at)
    frames = queries.load_source(db.get_engine(), WIETZE).frames
    referrals = kpis.k5_referrals(frames["contacts"], period).details
    nodes, values = sankey(at)
    names = dict(zip(frames["partners"]["partner_id"], frames["partners"]["name"]))
    expected = {f"{names[k.removeprefix('referrals_partner_')]} ({k.removeprefix('referrals_partner_')})": v
                for k, v in referrals.items() if k.startswith("referrals_partner_") and v}
    assert dict(zip(nodes[1:], values)) == expected
