"""The measure pages as plain data (monitor.views): the framework's cards, tables and trends, and the three pages,
on a small hand-made Gemeinde; every expected value is counted by hand in the comments. Exact figures come from the
frames, suppressed ones from the published set only."""

from __future__ import annotations

import dataclasses
import io
from datetime import date

import pandas as pd
import pytest
from openpyxl import load_workbook

from monitor import charts, contract, overview, published, registry, roles, targets, views
from monitor.periods import Period
from monitor.published import Figures
from monitor.queries import typed_frame
from monitor.texts import ui
from monitor.views import beratung, integrationscafe, model, netzwerk, praktikumsboerse
from ui import downloads

AGS = "03351023"
NB = "\u00a0"
TODAY = date(2025, 1, 2)  # 2023 and 2024 are closed
YEAR = Period(2024)


def frame(kind: contract.Kind, rows: list[dict]) -> pd.DataFrame:
    if not rows:
        return typed_frame(kind, pd.DataFrame(columns=[f.name for f in kind.fields]))
    return typed_frame(kind, pd.DataFrame([{"ags": AGS, **row} for row in rows]))


def case(cid, group, gender, closed=None, district=None):
    return {"case_id": cid, "target_group": group, "gender": gender, "district": district,
            "opened_on": "2023-03-01", "closed_on": closed}


def internship(iid, offered, placed=None, case_id=None, status="angeboten", end=None, outcome=None, outcome_on=None):
    return {"internship_id": iid, "offered_on": offered, "sector": "handwerk", "status": status, "case_id": case_id,
            "placed_on": placed, "start": placed, "end": end, "outcome": outcome, "outcome_on": outcome_on}


def session(day, cancelled=False, attendees=None, first_time=None, women=None, volunteers=None, children=None):
    return {"date": day, "cancelled": cancelled, "attendees": attendees, "first_time": first_time, "women": women,
            "volunteers": volunteers, "children": children}


def build_frames() -> dict[str, pd.DataFrame]:
    cases = [case("c1", "schutz_anerkannt", "w", district="wietze"), case("c2", "geduldet", "m"),
             case("c3", "geduldet", "w", closed="2024-10-01"), case("c4", "schutz_anerkannt", "m")]
    internships = [
        # placed in Q1 2024 with c1, completed 31.03.2024, apprenticeship from 01.08.2024: within six months
        internship("i1", "2024-01-10", "2024-02-01", "c1", "abgeschlossen", "2024-03-31", "ausbildung", "2024-08-01"),
        # completed 31.05.2024, job from 15.01.2025: more than six months later, no transition
        internship("i2", "2024-01-15", "2024-04-01", "c2", "abgeschlossen", "2024-05-31", "beschaeftigung",
                   "2025-01-15"),
        internship("i3", "2024-06-01", "2024-07-01", "c3", "abgeschlossen", "2024-09-30", "kein_anschluss"),
        internship("i4", "2024-11-01"),  # offered, not placed: no case
        internship("i5", "2023-12-01", "2024-01-05", "c4", "vermittelt"),  # offered in 2023, placed in 2024
    ]
    sessions = [session("2024-01-10", attendees=10, first_time=1, women=5, volunteers=2, children=1),  # KW 2
                session("2024-01-17", attendees=12, first_time=2, women=6, volunteers=3, children=2),  # KW 3
                session("2024-01-24", attendees=14, first_time=3, women=7, volunteers=4, children=3),  # KW 4
                session("2024-01-31", cancelled=True)]  # KW 5
    partners = [
        {"partner_id": "P1", "name": "Jobcenter", "partner_type": "jobcenter", "level": "landkreis",
         "active_from": "2020-01-01", "agreement": True, "agreement_on": "2021-05-01"},
        {"partner_id": "P2", "name": "Verein", "partner_type": "verein", "level": "gemeinde",
         "active_from": "2024-03-01"},
        {"partner_id": "P3", "name": "Schule", "partner_type": "schule", "level": "gemeinde",
         "active_from": "2020-01-01", "active_until": "2024-06-30"},
    ]
    events = [{"event_id": f"e{i}", "date": day, "event_type": kind} for i, (day, kind) in enumerate(
        [("2024-02-01", "netzwerktreffen"), ("2024-05-01", "netzwerktreffen"), ("2024-06-01", "arbeitskreis"),
         ("2024-09-01", "fallkonferenz"), ("2023-09-01", "fallkonferenz")])]
    staffing = [{"officer": "IB-W", "gender": "w", "fte": 1.0, "valid_from": "2023-01-01"}]
    return {
        "cases": frame(contract.CASES, cases),
        "contacts": frame(contract.CONTACTS, []),
        "courses": frame(contract.COURSES, []),
        "enrolments": frame(contract.ENROLMENTS, []),
        "internships": frame(contract.INTERNSHIPS, internships),
        "cafe_sessions": frame(contract.CAFE, sessions),
        "partners": frame(contract.PARTNERS, partners),
        "network_events": frame(contract.EVENTS, events),
        "staffing": frame(contract.STAFFING, staffing),
    }


TARGETS = targets.parse_targets("ags;kpi;jahr;zielwert;richtung\n"
                                "03351023;K12;2024;5;mindestens\n03351023;K15;2024;0,7;mindestens\n")


@pytest.fixture(scope="module")
def frames():
    return build_frames()


@pytest.fixture(scope="module")
def pset(frames):
    return published.build({AGS: frames}, today=TODAY)


def exact(spec, frames, period=YEAR, quarterly=False):
    return model.exact_model(spec, frames, AGS, period, quarterly, TARGETS, TODAY)


def rows(table: model.Table) -> list[list]:
    return table.shown.to_numpy().tolist()


# --- the pages' KPIs and the overview's links ----------------------------------------------------------------


def test_each_measure_page_is_declared_once_and_linked_from_the_overview():
    assert praktikumsboerse.PAGE.kpis == ("K12",)
    assert integrationscafe.PAGE.kpis == ("K15",)
    assert netzwerk.PAGE.kpis == ("K16", "K5")
    assert beratung.PAGE.kpis == ("K1", "K2", "K3", "K4", "K5", "K13", "K14", "K18")
    links = {kpi_id: views.page_of(kpi_id) for kpi_id in registry.IDS}
    assert links["K12"] == "praktikumsboerse" and links["K15"] == "integrationscafe" and links["K16"] == "netzwerk"
    assert links["K1"] == links["K2"] == links["K18"] == links["K5"] == "beratung"  # K5 is on Netzwerk too
    # K8, K9 (Sprachkurse) link once that page is registered
    for kpi_id in ("K8", "K9"):
        assert links[kpi_id] == (views.page_of(kpi_id) if views.page_of(kpi_id) in roles.PAGES else None)
    for page in views.MEASURE_PAGES:
        if page in roles.PAGES:
            assert ui.MEASURE_PAGE_MENU[page][0]


@pytest.mark.parametrize("view", [praktikumsboerse, integrationscafe, netzwerk])
def test_every_headline_has_a_trend_and_a_trend_one_kind(view):
    trends = view.PAGE.all_trends()
    assert trends == view.PAGE.trends  # declared: nothing added
    for trend in trends:
        spec = registry.spec(trend.kpi_id)
        assert len({spec.part(p).kind for p in trend.parts}) == 1, trend.title
        assert len(trend.labels) in (0, len(trend.parts))
    # a page without trends gets one of each KPI's headline
    bare = model.PageSpec("x", ("K12", "K16"), "X", "")
    assert [(t.kpi_id, t.parts) for t in bare.all_trends()] == [("K12", ("placed",)), ("K16", ("partners",))]


def test_subgroup_filters_only_for_pages_about_cases():
    assert praktikumsboerse.PAGE.case_based  # internships name a case
    assert not integrationscafe.PAGE.case_based
    assert netzwerk.PAGE.case_based and beratung.PAGE.case_based  # referrals are counted from cases' contacts


# --- Praktikumsbörse ------------------------------------------------------------------------------------------


def test_praktikumsboerse_exact(frames):
    page = exact(praktikumsboerse.PAGE, frames)
    card = page.cards[0]
    # 2024: placed i1, i2, i3, i5 = 4; offered i1-i4 = 4; completed i1-i3 = 3; transition i1 only = 1 (i2's job
    # began more than six months after 31.05.2024); share 1 of 3 = 33,3 %; i1 ended 31.03., went on 01.08.: four
    # whole months (31.07. is four months later), the median of the one transition
    assert card.tile.value == "4" and card.tile.change == "+4"  # 2023: none placed
    assert [(line.label, line.value) for line in card.lines] == [
        ("Angebotene Plätze", "4"), ("Abgeschlossene Praktika", "3"),
        ("Übergänge in Ausbildung oder Arbeit binnen sechs Monaten", "1"), ("Anteil mit Übergang", f"33,3{NB}%"),
        ("Monate bis zum Übergang (Median)", "4,0")]
    assert card.definition.startswith("Im Zeitraum vermittelte Plätze der Praktikumsbörse; ")
    assert card.tile.explanation == "4 angeboten, 3 abgeschlossen, 1 in Ausbildung oder Arbeit"  # the median: a line
    assert card.target == "Ziel 2024: mindestens 5 · Ist: 4"
    assert card.tile.status_label == "nicht erreicht"
    assert rows(page.figures) == [
        ["Vermittelte Praktika", "Vermittelte Plätze", "4"], ["Vermittelte Praktika", "Angebotene Plätze", "4"],
        ["Vermittelte Praktika", "Abgeschlossene Praktika", "3"],
        ["Vermittelte Praktika", "Übergänge in Ausbildung oder Arbeit binnen sechs Monaten", "1"],
        ["Vermittelte Praktika", "Anteil mit Übergang", f"33,3{NB}%"],
        ["Vermittelte Praktika", "Monate bis zum Übergang (Median)", "4,0"]]
    assert page.figures.download[ui.COL_VALUE].tolist() == [4, 4, 3, 1, 33.3, 4.0]
    assert page.figures.download[ui.COL_UNIT].tolist() == ["Anzahl"] * 4 + ["Prozent", "Wert"]
    # by sector: every place of these frames is in the Handwerk
    assert [(b.title, rows(b.table)) for b in page.breakdowns] == [
        ("Angebotene Plätze nach Branche", [["Handwerk", "4", f"100,0{NB}%"], ["Insgesamt", "4", ""]]),  # i1-i4
        ("Vermittelte Plätze nach Branche", [["Handwerk", "4", f"100,0{NB}%"], ["Insgesamt", "4", ""]]),  # i1-3, i5
        ("Abgeschlossene Praktika nach Branche", [["Handwerk", "3", f"100,0{NB}%"], ["Insgesamt", "3", ""]])]
    trend, months = page.trends
    # closed years from the year of the first case (2023): 2023 offered i5 only; 2024 as above
    assert trend.periods == ("2023", "2024")
    assert [(s.label, s.values) for s in trend.series] == [
        ("Angeboten", (1.0, 4.0)), ("Vermittelt", (0.0, 4.0)), ("Abgeschlossen", (0.0, 3.0)),
        ("Übergang in Ausbildung oder Arbeit", (0.0, 1.0))]
    assert rows(trend.table) == [["2023", "1", "0", "0", "0"], ["2024", "4", "4", "3", "1"]]
    # 2023: no transition, no median; 2024: i1's four months
    assert [(s.label, s.values) for s in months.series] == [("Monate bis zum Übergang", (None, 4.0))]
    assert not page.withheld and page.missing  # the median of 2023 in its trend


def test_praktikumsboerse_published(frames, pset):
    page = model.published_model(praktikumsboerse.PAGE, pset, AGS, Period(2024), False, TARGETS)
    figures = pset.get(AGS, Period(2024))["K12"]
    # 4 placed, 3 completed, 1 transition: people, 1-4, withheld; the places offered are no people: shown
    assert {"placed", "completed", "transitions", "transition_share"} <= figures.hidden
    card = page.cards[0]
    assert card.tile.value == "•" and card.tile.change is None
    assert card.target == "Ziel 2024: mindestens 5 · Ist: •"
    assert card.tile.status_label == "aus Datenschutzgründen nicht ausgewiesen"
    # the median of the months is withheld with the transitions it is made of
    assert "months_to_transition" in figures.hidden
    assert [line.value for line in card.lines] == ["4", "•", "•", "•", "•"]
    assert page.figures.download[ui.COL_VALUE].tolist() == ["•", 4, "•", "•", "•", "•"]
    # places offered are no people: their count by sector is shown, its share (of fewer than 10) is not. The
    # placed and completed internships by sector (people) never reach 10 in a sector: merged into one category,
    # which is no breakdown, so they have no table
    assert [(b.title, rows(b.table)) for b in page.breakdowns] == [
        ("Angebotene Plätze nach Branche", [["Handwerk", "4", "•"], ["Insgesamt", "4", ""]])]
    assert not any("placed_sector" in name or "completed_sector" in name for name in figures.values)
    trend = page.trends[0]
    placed = next(s for s in trend.series if s.part == "placed")
    assert placed.values == (0.0, None) and placed.hidden == (False, True)  # a gap, not a 0
    assert trend.has_gaps and page.withheld


def published_texts(pset, kpis) -> set[str]:
    """Every figure of the published set for the KPIs, in each way a page may format it."""
    out = set()
    for period in pset.periods:
        for kpi_id in kpis:
            figures = pset.get(AGS, period)[kpi_id]
            for name in figures.values:
                if figures[name] is not None:
                    out |= {model._text(figures[name], kind) for kind in ("count", "share", "mean")}
    return out


@pytest.mark.parametrize("view", [praktikumsboerse, integrationscafe, netzwerk])
@pytest.mark.parametrize("quarterly", [False, True])
def test_a_published_page_shows_only_figures_of_the_published_set(frames, pset, view, quarterly):
    """Every value of the suppressed page is "•", "–" or a figure of the published set; every point of a trend
    is the set's figure of that period, a gap where it is withheld."""
    period = pset.periods_of(quarterly)[0]
    page = model.published_model(view.PAGE, pset, AGS, period, quarterly, TARGETS)
    allowed = published_texts(pset, view.PAGE.kpis) | {ui.SUPPRESSED, "–", ""}
    allowed |= {p.label for p in pset.periods} | set(page.figures.shown[ui.COL_FIGURE]) | set(
        page.figures.shown[ui.COL_PART])
    for breakdown in page.breakdowns:  # the categories' names (its first column) and the total's row name
        allowed |= set(breakdown.table.shown.iloc[:, 0])
    for card in page.cards:
        figures = pset.get(AGS, period)[card.tile.kpi_id]
        assert card.tile.value == overview.headline_text(figures)  # "3 von 4 Terminen": the set's held, planned
        allowed.add(card.tile.value)
    stray = [v for v in page.values() if v not in allowed and v != (page.cards[0].tile.change or "")]
    assert not stray
    for trend in page.trends:
        for series in trend.series:
            for p, value, hidden in zip(reversed(pset.periods_of(quarterly)), series.values, series.hidden):
                figures = pset.get(AGS, p)[trend.spec.kpi_id]
                assert value == figures[series.part] and hidden == figures.is_hidden(series.part), (trend.title, p)


def test_praktikumsboerse_quarters(frames):
    page = exact(praktikumsboerse.PAGE, frames, Period(2024, 3), quarterly=True)
    # Q3 2024: placed i3 (01.07.); offered none; completed i3 (30.09.), no transition
    assert page.cards[0].tile.value == "1" and page.cards[0].tile.change == "±0"  # Q2: i2 placed
    assert "Quartalsziel: mindestens 1,3 (ein Viertel von 5 im Jahr 2024)" in page.cards[0].target
    trend = page.trends[0]
    assert trend.periods == tuple(f"{y} Q{q}" for y in (2023, 2024) for q in range(1, 5))
    # 2024: Q1 i1 and i5, Q2 i2, Q3 i3
    assert next(s for s in trend.series if s.part == "placed").values == (0, 0, 0, 0, 2, 1, 1, 0)


# --- Integrationscafé ------------------------------------------------------------------------------------------


def test_integrationscafe_exact_and_published_agree_where_nothing_is_withheld(frames, pset):
    for page in (exact(integrationscafe.PAGE, frames),
                 model.published_model(integrationscafe.PAGE, pset, AGS, Period(2024), False, TARGETS)):
        card = page.cards[0]
        # 4 planned in 2024, 1 cancelled: 3 held, 75 %; guests 10+12+14 = 36 over 3 sessions = 12,0; first-time
        # 1+2+3 = 6; women 5+6+7 = 18 of 36 = 50 %; volunteers 2+3+4 = 9 over 3 = 3,0; children 1+2+3 = 6 (at
        # least 5) over 3 = 2,0
        assert card.tile.value == "3 von 4 Terminen"
        assert card.target == f"Ziel 2024: mindestens 70{NB}% · Ist: 75,0{NB}%" and card.tile.status == "met"
        assert [(line.label, line.value) for line in card.lines] == [
            ("Anteil stattgefundener Termine", f"75,0{NB}%"),
            ("Gäste je Termin im Mittel (über die Termine mit Gästezahl)", "12,0"), ("Erstbesuche", "6"),
            ("Frauenanteil der Gäste", f"50,0{NB}%"), ("Ehrenamtliche je Termin im Mittel", "3,0"),
            ("Mitgebrachte Kinder je Termin im Mittel (über die Termine mit Kinderzahl)", "2,0")]
        # sessions are no people: by calendar week in both views, each week one of four planned (25 %; in the
        # protected view no share of fewer than 10) and one of three held
        planned, held = page.breakdowns
        assert (planned.title, held.title) == ("Geplante Termine nach Kalenderwoche",
                                               "Stattgefundene Termine nach Kalenderwoche")
        of_planned, of_held = (f"25,0{NB}%", f"33,3{NB}%") if page.exact else ("•", "•")
        assert rows(planned.table) == [[f"KW {w}", "1", of_planned] for w in (2, 3, 4, 5)] + [["Insgesamt", "4", ""]]
        assert rows(held.table) == [[f"KW {w}", "1", of_held] for w in (2, 3, 4)] + [["Insgesamt", "3", ""]]
        sessions, attendance, first_time = page.trends
        assert [s.values for s in sessions.series] == [(0.0, 4.0), (0.0, 3.0)]  # planned, held: 2023, 2024
        # guests, volunteers, children per session; 2023: no session, no mean
        assert [s.values for s in attendance.series] == [(None, 12.0), (None, 3.0), (None, 2.0)]
        assert rows(attendance.table) == [["2023", "–", "–", "–"], ["2024", "12,0", "3,0", "2,0"]]
        assert first_time.series[0].values == (0.0, 6.0)
        # "–": the means of 2023; "•" only in the protected view, for the weeks' shares of fewer than 10 sessions
        assert page.missing and page.withheld == (not page.exact)


# --- Netzwerk ---------------------------------------------------------------------------------------------------


def test_netzwerk_exact(frames):
    page = exact(netzwerk.PAGE, frames)
    card = page.cards[0]
    # 31.12.2024: P1 and P2 active (P3 left on 30.06.), P1 with an agreement; 2024: two network meetings and a
    # working group (3 meetings), one case conference
    assert card.tile.value == "2" and card.tile.change == "±0"  # 31.12.2023: P1 and P3, also 2
    assert [(line.label, line.value) for line in card.lines] == [
        ("Netzwerktreffen im Zeitraum", "3"), ("Fallkonferenzen im Zeitraum", "1"),
        ("Partner mit schriftlicher Vereinbarung", "1")]
    assert card.target == "Kein Ziel festgelegt"
    # 31.12.2024 by type and by level, in code-list order: P1 a Jobcenter of the Landkreis, P2 a Verein of the
    # Gemeinde (P3, the Schule, left on 30.06.)
    assert [(b.title, rows(b.table)) for b in page.breakdowns if b.kpi_id == "K16"] == [
        ("Aktive Partner am Stichtag nach Art des Partners",
         [["Jobcenter", "1", f"50,0{NB}%"], ["Verein", "1", f"50,0{NB}%"], ["Insgesamt", "2", ""]]),
        ("Aktive Partner am Stichtag nach Ebene",
         [["Gemeinde", "1", f"50,0{NB}%"], ["Landkreis", "1", f"50,0{NB}%"], ["Insgesamt", "2", ""]])]
    partners, meetings, referrals = page.trends
    assert [s.values for s in referrals.series] == [(0.0, 0.0)]  # no contacts in these frames
    assert [s.values for s in partners.series] == [(2.0, 2.0), (1.0, 1.0)]
    assert [s.values for s in meetings.series] == [(0.0, 3.0), (1.0, 1.0)]


def test_the_referral_flow_from_published_counts():
    # shown: 12 to the Jobcenter, 8 to schools, none to the Kita (no link); the Verein's count is withheld; the
    # total 27 is published: the withheld band is 27 - 12 - 8 = 7
    flow = netzwerk.referral_flow({"Jobcenter": 12, "Schule": 8, "Kita": 0, "Verein": None}, 27)
    assert flow.nodes == ("Integrationsbeauftragte", "Jobcenter", "Schule", ui.HIDDEN_GROUPS)
    assert flow.links == ((0, 1, 12), (0, 2, 8), (0, 3, 7))
    # without a published total, the withheld ones are left out, never drawn one by one
    assert netzwerk.referral_flow({"Jobcenter": 12, "Verein": None}, None).links == ((0, 1, 12),)
    assert netzwerk.referral_flow({"Verein": None}, None) is None
    assert netzwerk.referral_flow({}, None) is None
    figure = charts.referral_sankey(flow)
    assert list(figure.data[0].link.value) == [12, 8, 7]


def test_the_referral_flow_is_read_from_the_pages_published_figures(frames, pset, monkeypatch):
    """The flow draws the published breakdown of the referral KPI of the page (here K1's active cases by target
    group stand in for it)."""
    page = model.published_model(model.PageSpec("x", ("K1",), "X", ""), pset, AGS, Period(2024), False, None)
    assert netzwerk.REFERRALS == ("K5", "referrals_partner")
    assert netzwerk.referral_counts(page) == ({}, None)  # K5 is not a KPI of this page
    monkeypatch.setattr(netzwerk, "REFERRALS", ("K1", "active"))
    counts, total = netzwerk.referral_counts(page)
    figures = pset.get(AGS, Period(2024))["K1"]
    assert total == figures["active"]
    assert set(counts.values()) <= {figures[f"active_{code}"] for code in figures.categories("active")}


# --- breakdowns -------------------------------------------------------------------------------------------------


K1_PAGE = model.PageSpec("beratung", ("K1",), "Beratung", "")


def test_a_breakdown_table_exact(frames):
    page = exact(K1_PAGE, frames)
    # no case opened in 2024 (all on 01.03.2023): no table of the new cases by target group; c3 has no reason
    assert [b.title for b in page.breakdowns] == ["Aktive Fälle am Stichtag nach Zielgruppe",
                                                  "Abgeschlossene Fälle im Zeitraum nach Zielgruppe"]
    assert rows(page.breakdowns[1].table) == [["Geduldet", "1", f"100,0{NB}%"], ["Insgesamt", "1", ""]]  # c3
    breakdown = page.breakdowns[0]
    # active on 31.12.2024: c1, c4 (Schutz anerkannt), c2 (geduldet); c3 closed on 01.10.2024. Code-list order.
    assert rows(breakdown.table) == [["Geduldet", "1", f"33,3{NB}%"], ["Schutz anerkannt", "2", f"66,7{NB}%"],
                                     ["Insgesamt", "3", ""]]
    assert breakdown.table.download.to_numpy().tolist() == [["Geduldet", 1, 33.3], ["Schutz anerkannt", 2, 66.7],
                                                            ["Insgesamt", 3, None]]


def test_a_suppressed_view_of_quarters_leaves_out_the_flows_by_target_group(frames, pset):
    """The set publishes the cases opened and closed by target group for years only: a suppressed view of a
    quarter has neither their table nor their trend and says why; of a year, and in the exact views, they are
    there."""
    flows = ("Neue Fälle im Zeitraum nach Zielgruppe", "Abgeschlossene Fälle im Zeitraum nach Zielgruppe")
    quarter = model.published_model(beratung.PAGE, pset, AGS, Period(2024, 4), True, None)
    assert quarter.years_only == flows
    assert not {t.title for t in quarter.trends} & set(flows)
    assert not {b.title for b in quarter.breakdowns} & set(flows)
    year = model.published_model(beratung.PAGE, pset, AGS, Period(2024), False, None)
    assert year.years_only == () and set(flows) <= {t.title for t in year.trends}
    exact_quarter = exact(beratung.PAGE, frames, Period(2024, 4), quarterly=True)
    assert exact_quarter.years_only == () and set(flows) <= {t.title for t in exact_quarter.trends}


def test_a_breakdown_table_published_follows_rule_4():
    spec = model.PageSpec("beratung", ("K1",), "Beratung", "")
    zero = {f"active_{c}": 0 for c in registry.spec("K1").breakdown_named("active").codes}

    def table(values, hidden=()):
        figures = Figures("K1", {"active": 40, "opened": 0, "closed": 0, **zero, **values}, frozenset(hidden))
        (breakdown,) = model.breakdown_tables(spec, {"K1": figures}, AGS, Period(2024), exact=False)
        return rows(breakdown.table)

    # 12 of 40 and 28 of 40: both shown, shares over at least 10 with neither part 1-4
    assert table({"active_geduldet": 12, "active_schutz_anerkannt": 28}) == [
        ["Geduldet", "12", f"30,0{NB}%"], ["Schutz anerkannt", "28", f"70,0{NB}%"], ["Insgesamt", "40", ""]]
    # 38 of 40: its rest is 2 (1-4), so no share; the 2 themselves are withheld
    assert table({"active_geduldet": 38, "active_schutz_anerkannt": 2}, {"active_schutz_anerkannt"}) == [
        ["Geduldet", "38", "•"], ["Schutz anerkannt", "•", "•"], ["Insgesamt", "40", ""]]
    # all 40 in one group: 100 %, no share
    assert table({"active_geduldet": 40}) == [["Geduldet", "40", "•"], ["Insgesamt", "40", ""]]


def test_new_breakdowns_of_the_registry_slot_in(monkeypatch):
    """K12 by sector (a fixed code list) and by week (found in the data, one place in several weeks): two tables
    with German names, the merged categories last, the shares of a breakdown that is not exclusive marked; no
    code of the page changes for it."""
    sector = registry.Breakdown("placed", ("handwerk", "pflege_gesundheit", "logistik"), "sector")
    week = registry.Breakdown("offered", None, "week", exclusive=False)
    spec = dataclasses.replace(registry.spec("K12"), breakdowns=(sector, week))
    monkeypatch.setitem(registry.BY_ID, "K12", spec)
    values = {"placed": 20, "offered": 30, "completed": 0, "transitions": 0, "transition_share": None,
              "placed_sector_handwerk": 12, "placed_sector_pflege_gesundheit": 0, "placed_sector_logistik": 0,
              "placed_sector_other": 8, "offered_week_12": 14, "offered_week_3": 20}
    page = model.published_model(praktikumsboerse.PAGE, FakeSet(values), AGS, Period(2024), False, None)
    by_sector, by_week = page.breakdowns
    assert by_sector.title == "Vermittelte Plätze nach Branche"
    # 12 of 20 = 60 %; the rest 8 is "Weitere", also 40 %; sectors without anyone are left out
    assert rows(by_sector.table) == [["Handwerk", "12", f"60,0{NB}%"], ["Weitere", "8", f"40,0{NB}%"],
                                     ["Insgesamt", "20", ""]]
    # weeks found in the data, by name; a session may count in two weeks (not exclusive)
    assert rows(by_week.table) == [["KW 12", "14", f"46,7{NB}%"], ["KW 3", "20", f"66,7{NB}%"],
                                   ["Insgesamt", "30", ""]]
    assert ui.BREAKDOWN_MULTIPLE in by_week.table.notes and ui.BREAKDOWN_MULTIPLE not in by_sector.table.notes


class FakeSet:
    """A published set of one period with the given K12 figures (nothing withheld)."""

    def __init__(self, values):
        self.values = values
        self.stand = date(2024, 12, 31)

    def get(self, ags, period):
        return {"K12": Figures("K12", self.values)}

    def has(self, ags, period):
        return period == Period(2024)

    def periods_of(self, quarterly):
        return [] if quarterly else [Period(2024)]


# --- downloads and charts ---------------------------------------------------------------------------------------


def test_downloads_of_a_page_table(frames, pset):
    page = exact(K1_PAGE, frames)
    data = downloads.csv_bytes(page.breakdowns[0].table.download, exact=True).decode("utf-8-sig").split("\r\n")
    assert data[:5] == [ui.FOR_OFFICIAL_USE, "Zielgruppe;Anzahl;Anteil", "Geduldet;1;33,3", "Schutz anerkannt;2;66,7",
                        "Insgesamt;3;"]
    suppressed = model.published_model(praktikumsboerse.PAGE, pset, AGS, Period(2024), False, None)
    text = downloads.csv_bytes(suppressed.figures.download, exact=False).decode("utf-8-sig").split("\r\n")
    assert text[0] == "Kennzahl;Angabe;Wert;Einheit"  # no "Dienstgebrauch": these are the published figures
    assert text[1] == "Vermittelte Praktika;Vermittelte Plätze;•;Anzahl"
    book = load_workbook(io.BytesIO(downloads.xlsx_bytes(suppressed.figures.download, exact=False, title="x")))
    assert [c.value for c in book.active[3]] == ["Vermittelte Praktika", "Angebotene Plätze", 4, "Anzahl"]
    assert isinstance(book.active["C3"].value, int)  # a number, not a text
    # a category named like a formula (a code found in the data) is neutralised in both
    bad = model.Table("x", pd.DataFrame({"Partner": ["=1+1"]}), pd.DataFrame({"Partner": ["=1+1"]}, dtype=object))
    assert "'=1+1" in downloads.csv_bytes(bad.download, exact=False).decode("utf-8-sig")
    cell = load_workbook(io.BytesIO(downloads.xlsx_bytes(bad.download, exact=False, title="x"))).active["A2"]
    assert cell.value == "'=1+1" and cell.data_type == "s"


def test_the_line_chart(frames, pset):
    trend = model.published_model(praktikumsboerse.PAGE, pset, AGS, Period(2024), False, None).trends[0]
    figure = charts.line_trend(trend)
    placed = next(t for t in figure.data if t.name == "Vermittelt")
    assert list(placed.x) == ["2023", "2024"] and list(placed.y) == [0, None]  # withheld: a gap
    assert figure.layout.yaxis.title.text == "Anzahl" and figure.layout.separators == ",."
    assert list(figure.layout.xaxis.tickvals) == ["2023", "2024"]  # every year
    share = model.build_trend(model.TrendSpec("K15", ("held_share",), "Anteil"),
                              [(Period(2024), {"K15": Figures("K15", {"held_share": 0.75})})], False)
    figure = charts.line_trend(share)
    assert list(figure.data[0].y) == [75.0] and figure.layout.yaxis.title.text == "Anteil in Prozent"
    quarters = exact(praktikumsboerse.PAGE, frames, Period(2024, 3), quarterly=True).trends[0]
    figure = charts.line_trend(quarters)
    assert list(figure.layout.xaxis.tickvals) == ["2023 Q1", "2024 Q1"]  # whole years, labelled with the year
    assert list(figure.layout.xaxis.ticktext) == ["2023", "2024"]


# --- Beratung -----------------------------------------------------------------------------------------------------


def contact(cid, day, kind, topics, partner=None, feedback=None):
    return {"contact_id": cid, "case_id": "c1", "date": day, "contact_type": kind, "topics": topics,
            "officer": "IB-W", "referral_partner": partner, "referral_feedback": feedback}


@pytest.fixture(scope="module")
def casework():
    frames = build_frames()
    frames["contacts"] = frame(contract.CONTACTS, [
        contact("k1", "2024-02-01", "sprechstunde", "aufenthalt|wohnen", "P1", True),
        contact("k2", "2024-03-01", "telefon", "aufenthalt", "P1"),
        contact("k3", "2024-05-01", "sprechstunde", "wohnen", "P2"),
        contact("k4", "2023-06-01", "sprechstunde", "aufenthalt")])
    return frames


def test_beratung_exact_names_its_categories(casework):
    page = exact(beratung.PAGE, casework)
    tables = {b.title: rows(b.table) for b in page.breakdowns}
    # 2024: k1-k3; Sprechstunde k1, k3; Telefon k2; all by IB-W (her Kürzel)
    assert tables["Kontakte im Zeitraum nach Kontaktart"] == [
        ["Sprechstunde", "2", f"66,7{NB}%"], ["Telefon", "1", f"33,3{NB}%"], ["Insgesamt", "3", ""]]
    assert tables["Kontakte im Zeitraum nach Beauftragte"] == [["IB-W", "3", f"100,0{NB}%"], ["Insgesamt", "3", ""]]
    # topics: Aufenthalt k1, k2; Wohnen k1, k3: 2 of 3 each, together more than the contacts
    assert tables["Kontakte im Zeitraum nach Thema"] == [
        ["Aufenthalt", "2", f"66,7{NB}%"], ["Wohnen", "2", f"66,7{NB}%"], ["Insgesamt", "3", ""]]
    # referrals: P1 (k1, k2), P2 (k3), by the institution's name and code in the exact view
    assert tables["Vermittlungen im Zeitraum nach Partner"] == [
        ["Jobcenter (P1)", "2", f"66,7{NB}%"], ["Verein (P2)", "1", f"33,3{NB}%"], ["Insgesamt", "3", ""]]
    trends = {t.title: t for t in page.trends}
    # the post: IB-W with 1,0 FTE since 01.01.2023
    assert [s.values for s in trends["Stellenausstattung (mittlere Vollzeitstellen)"].series] == [(1.0, 1.0)]
    topics = trends["Anteil der Themen an den Kontakten (häufigste Themen)"]
    # 2023: k4 only, Aufenthalt 1 of 1, Wohnen 0 of 1; 2024: 2 of 3 each
    assert [(s.label, s.values) for s in topics.series] == [("Aufenthalt", (1.0, 2 / 3)), ("Wohnen", (0.0, 2 / 3))]
    assert rows(topics.table) == [["2023", f"100,0{NB}%", f"0,0{NB}%"], ["2024", f"66,7{NB}%", f"66,7{NB}%"]]
    by_group = trends["Aktive Fälle am Stichtag nach Zielgruppe"]  # every breakdown of K1 has a trend
    # 31.12.2023: c1-c4 active (2 geduldet, 2 Schutz anerkannt); 31.12.2024: c3 closed
    assert [(s.label, s.values) for s in by_group.series] == [("Geduldet", (2.0, 1.0)),
                                                              ("Schutz anerkannt", (2.0, 2.0))]


def test_beratung_published_names_partners_by_code_and_withholds_small_shares(casework):
    pset = published.build({AGS: casework}, today=TODAY)
    page = model.published_model(beratung.PAGE, pset, AGS, YEAR, False, None)
    assert page.names is None  # nothing read beside the published set
    for b in page.breakdowns:
        assert not any("Jobcenter" in str(v) for v in b.table.shown.to_numpy().ravel())
    topics = next(t for t in page.trends if t.title == "Anteil der Themen an den Kontakten (häufigste Themen)")
    # 1 and 3 contacts: no share over fewer than 10
    assert all(v is None for s in topics.series for v in s.values)
    assert all(all(s.hidden) for s in topics.series)


def test_a_trend_of_a_breakdown_top_categories_and_shares_by_rule_4():
    def k4(values, hidden=()):
        return {"K4": Figures("K4", values, frozenset(hidden))}

    history = [(Period(2023), k4({"contacts": 40, "contacts_topic_aufenthalt": 12, "contacts_topic_wohnen": 38,
                                  "contacts_topic_gesundheit": 2}, {"contacts_topic_gesundheit"})),
               (Period(2024), k4({"contacts": 20, "contacts_topic_aufenthalt": 20, "contacts_topic_wohnen": 5,
                                  "contacts_topic_gesundheit": 0}))]
    spec = model.TrendSpec("K4", (), "Themen", breakdown="contacts_topic", top=2, shares=True)
    # over both years: Wohnen 43, Aufenthalt 32, Gesundheit 0 (withheld counts as nothing): the top two, in
    # code-list order
    exact_trend = model.build_trend(spec, history, False, exact=True)
    assert [(s.label, s.values) for s in exact_trend.series] == [("Aufenthalt", (0.3, 1.0)), ("Wohnen", (0.95, 0.25))]
    # suppressed: 12 of 40 = 30 % and 5 of 20 = 25 % are shown; 20 of 20 (100 %) and 38 of 40 (the rest 2) are not
    shown = model.build_trend(spec, history, False, exact=False)
    assert [(s.values, s.hidden) for s in shown.series] == [((0.3, None), (False, True)), ((None, 0.25), (True, False))]
    assert rows(shown.table) == [["2023", f"30,0{NB}%", "•"], ["2024", "•", f"25,0{NB}%"]]
    assert shown.kind == "share"
    counts = model.build_trend(dataclasses.replace(spec, shares=False, top=None), history, False, exact=False)
    assert [s.label for s in counts.series] == ["Aufenthalt", "Wohnen", "Gesundheit"]  # withheld, so a line
    assert rows(counts.table) == [["2023", "12", "38", "•"], ["2024", "20", "5", "0"]]
