"""Rules of the published set that the casework KPIs (K3, K4) rely on, each on made-up KPIs with a few numbers
written by hand:

- a count that two KPIs both publish (registry.SAME: the contacts of K3 and K4) is one number to an intruder:
  the set ties the two cells by an identity, so that one is never published where the other is withheld;
- the categories of a non-exclusive breakdown (the topics of a contact) are bounded by their total through a
  rest that is never published, and a narrow category is widened through its other identities before its
  total (the headline) is withheld."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from monitor import contract, published, registry
from monitor.kpis import Kpi
from monitor.registry import COUNT, Breakdown, KpiSpec, Part, Same
from tests.unit.kpi_data import WIETZE, frame

TODAY = date(2021, 2, 1)  # the closed periods: the quarters of 2020 and 2020


# --- a count two KPIs publish -----------------------------------------------------------------------------------


def _stock(kpi_id: str, total: int, breakdowns: tuple[Breakdown, ...] = (), **details: int) -> KpiSpec:
    return KpiSpec(kpi_id, lambda frames, period: Kpi(kpi_id, total, "count", details=dict(details)), "count",
                   "total", parts=(Part("total", COUNT, people=True, stock=True, source="value"),),
                   breakdowns=breakdowns)


# KA: 12 people, 9 in category a and 3 in b (categories kept from 1 on, so that nothing is merged). KB publishes
# KA's 9 of category a once more.
KA = _stock("KA", 12, (Breakdown("total", ("a", "b"), merge_below=1),), total_a=9, total_b=3)
KB = _stock("KB", 9)
A, B = ((WIETZE, "KA", f"total_{c}", "@2020-12-31") for c in "ab")
KB_TOTAL = (WIETZE, "KB", "total", "@2020-12-31")


@pytest.fixture
def registry_of(monkeypatch):
    def use(*specs: KpiSpec, same: tuple[Same, ...] = ()) -> None:
        monkeypatch.setattr(registry, "REGISTRY", specs)
        monkeypatch.setattr(registry, "BY_ID", {s.id: s for s in specs})
        monkeypatch.setattr(registry, "SAME", same)
    return use


def _build() -> published.PublishedSet:
    frames = {kind.name: frame(kind, WIETZE, []) for kind in contract.KINDS}
    frames["cases"] = frame(contract.CASES, WIETZE, [{"gender": "m", "target_group": "geduldet",
                                                      "opened_on": "2020-01-01"}], "case_id", "F")
    return published.build({WIETZE: frames}, TODAY)


def test_a_count_two_kpis_publish_is_withheld_in_both(registry_of):
    """By hand: b = 3 is hidden; a = 9 beside the total 12 would give it, so a is hidden too. KB's 9 is a again:
    published, it would give a and so b = 12 - 9. With the identity KB.total = KA.total_a the audit finds a
    pinned and hides KB's count as well."""
    registry_of(KA, KB, same=(Same(("KB", "total"), ("KA", "total_a")),))
    pset = _build()
    assert {A, B, KB_TOTAL} <= pset.hidden
    assert pset.figures[(WIETZE, "2020-Q2")]["KB"].headline is None
    assert published.audit_cells(pset.cells, set(pset.hidden)) == []
    assert published.contradictions(pset.cells, set(pset.hidden)) == []


def test_without_the_identity_the_twin_gives_the_withheld_count_away(registry_of):
    """The same two KPIs without SAME: the set does not know that KB's 9 is KA's a, publishes it, and anyone who
    reads both has a = 9 and b = 12 - 9 = 3."""
    registry_of(KA, KB)
    pset = _build()
    assert {A, B} <= pset.hidden and KB_TOTAL not in pset.hidden
    figures = pset.figures[(WIETZE, "2020-Q2")]
    assert figures["KA"]["total"] - figures["KB"]["total"] == 3


def test_an_identity_that_does_not_hold_on_the_data_is_left_out(registry_of):
    """Records that break it (not made by the import) would make the audit's equations contradict each other."""
    registry_of(KA, _stock("KB", 8), same=(Same(("KB", "total"), ("KA", "total_a")),))
    pset = _build()
    assert not any({KB_TOTAL, A} == set(terms) for terms in pset.cells.equations)
    assert published.contradictions(pset.cells, set(pset.hidden)) == []


# --- the bound of a non-exclusive category ----------------------------------------------------------------------

# Contacts of a quarter (a flow: a year is the sum of its quarters), 20 in each, and those on topic x (of which a
# contact may have several): 1, 2, 2 and 3, the year 8 (categories kept from 1 on: nothing is merged).
TOPIC_X = {"2020-Q1": 1, "2020-Q2": 2, "2020-Q3": 2, "2020-Q4": 3, "2020": 8}


def _topics(kpi_id: str = "KT") -> KpiSpec:
    def compute(frames, period):
        quarters = 4 if period.quarter is None else 1
        return Kpi(kpi_id, 20 * quarters, "count", details={"total_topic_x": TOPIC_X.get(period.key, 0)})
    return KpiSpec(kpi_id, compute, "count", "total",
                   parts=(Part("total", COUNT, people=True, additive=True, source="value"),),
                   breakdowns=(Breakdown("total", None, dimension="topic", exclusive=False, merge_below=1),))


def test_a_narrow_topic_is_widened_before_its_total_is_withheld(registry_of):
    """By hand: the quarters' 1, 2, 2, 3 are hidden (1-4); beside the year's 8 each could only be 1 to 5, so one
    more cell is hidden. Withholding a quarter's 20 contacts would not help (x <= 20 is no narrower than before);
    withholding the year's 8 does. The contacts stay published in every period."""
    registry_of(_topics())
    pset = _build()
    x = {key: (WIETZE, "KT", "total_topic_x", key) for key in TOPIC_X}
    assert set(x.values()) <= pset.hidden
    assert not any(k[2] == "total" for k in pset.hidden)
    for key in TOPIC_X:
        assert pset.figures[(WIETZE, key)]["KT"].headline == (80 if key == "2020" else 20)
    assert published.audit_cells(pset.cells, set(pset.hidden)) == []


def test_the_rest_beside_a_topic_is_never_published(registry_of):
    """total = x + rest, the rest only at least 0: counted as published (20 - 1 = 19 is no count of 1-4), it
    would give x = total - rest as soon as x is withheld, and the audit would withhold the total for it."""
    registry_of(_topics())
    pset = _build()
    assert pset.cells.rests and pset.cells.rests <= pset.hidden
    assert pset.cells.value[(WIETZE, "KT", "total_topic_x~rest", "2020")] == 72  # 80 - 8


# --- a quarter's flows with their categories ---------------------------------------------------------------------


def test_a_quarter_s_closed_cases_are_withheld_with_their_reasons():
    """K1 in 2020, by hand: 30 cases opened on 2 January; 2 closed in Q1 (goal reached), 22 in Q2 (11 goal
    reached, 11 moved away); 5 more opened in Q2. Q1's 2 closed are hidden (1-4), so both flows of every quarter of
    2020 are published only as part of the year. Q2's reasons (11 and 11) would add up to its 22 closed and give
    them away, and with them Q1's 2 (the year's 24 minus the others): they are withheld with the flows; the year's
    flows and reasons and every quarter's active cases stay."""
    from tests.unit.test_published_property import check  # the property test's checks on a built set

    rows = [{"opened_on": "2020-01-02"} for _ in range(30)]
    for row, (closed, reason) in zip(rows, [("2020-03-02", "ziel_erreicht")] * 2
                                     + [("2020-05-04", "ziel_erreicht")] * 11 + [("2020-05-04", "wegzug")] * 11):
        row.update(closed_on=closed, closure_reason=reason)
    rows += [{"opened_on": "2020-04-01"} for _ in range(5)]
    frames = {kind.name: frame(kind, WIETZE, []) for kind in contract.KINDS}
    frames["cases"] = frame(contract.CASES, WIETZE, [{"gender": "m", "target_group": "geduldet", **r} for r in rows],
                            "case_id", "F")
    pset = published.build({WIETZE: frames}, TODAY)
    q2, year = (pset.figures[(WIETZE, key)]["K1"] for key in ("2020-Q2", "2020"))
    assert q2["closed"] is None and q2["opened"] is None
    assert q2["closed_reason_ziel_erreicht"] is None and q2["closed_reason_wegzug"] is None
    assert (year["closed"], year["closed_reason_ziel_erreicht"], year["closed_reason_wegzug"]) == (24, 13, 11)
    # days to 2 March: 60 (twice), to 4 May: 123 (22 times)
    assert year["opened"] == 35 and year["median_days_to_closure"] == 123
    assert [pset.figures[(WIETZE, f"2020-Q{q}")]["K1"]["active"] for q in range(1, 5)] == [28, 11, 11, 11]
    check(pset, TODAY)


def test_a_small_quarter_s_categories_are_withheld_in_every_quarter_of_its_year():
    """K8 in 2020, by hand: course ends by course type. Q1: 12 of a general course; Q2: 6, all general (a group
    under 10: its categories are withheld, the 0 of the alphabetisation course too); Q3: 6 and 5; Q4: 6 and 6. The
    year: 30 general, 11 alphabetisation. Published by quarter, the year's 11 less Q1's 0, Q3's 5 and Q4's 6 would
    give Q2's withheld 0 ("none of the 6"). The breakdown is withheld for every quarter of 2020 and the year's
    stays (protecting the quarters one by one, the audit withheld the year's categories instead)."""
    from tests.unit.test_published_property import check  # the property test's checks on a built set

    ends = ([("2020-02-03", "IK-1")] * 12 + [("2020-05-04", "IK-1")] * 6 + [("2020-08-03", "IK-1")] * 6
            + [("2020-08-03", "AK-1")] * 5 + [("2020-11-02", "IK-1")] * 6 + [("2020-11-02", "AK-1")] * 6)
    frames = {kind.name: frame(kind, WIETZE, []) for kind in contract.KINDS}
    frames["courses"] = frame(contract.COURSES, WIETZE, [
        {"course_id": "IK-1", "course_type": "allgemein", "start": "2019-09-02"},
        {"course_id": "AK-1", "course_type": "alphabetisierung", "start": "2019-09-02"}])
    frames["enrolments"] = frame(contract.ENROLMENTS, WIETZE, [
        {"case_id": f"F-{i}", "course_id": course, "entitlement": "berechtigt", "entitled_on": "2019-06-03",
         "started_on": "2019-09-02", "ended_on": ended, "status": "regulaer_beendet"}
        for i, (ended, course) in enumerate(ends)], "enrolment_id", "T")
    frames["cases"] = frame(contract.CASES, WIETZE, [  # the Gemeinde's records begin with its cases
        {"opened_on": "2019-01-02", "gender": "w", "target_group": "geduldet"}] * 12, "case_id", "F")
    pset = published.build({WIETZE: frames}, TODAY)
    year = pset.figures[(WIETZE, "2020")]["K8"]
    assert (year["ended"], year["ended_course_type_allgemein"], year["ended_course_type_alphabetisierung"]) == \
        (41, 30, 11)
    for quarter in range(1, 5):
        figures = pset.figures[(WIETZE, f"2020-Q{quarter}")]["K8"]
        assert figures["ended_course_type_allgemein"] is None, quarter
        assert figures["ended_course_type_alphabetisierung"] is None, quarter
    assert [pset.figures[(WIETZE, f"2020-Q{q}")]["K8"]["ended"] for q in range(1, 5)] == [12, 6, 11, 12]
    check(pset, TODAY)


# --- the cases opened and closed by target group: years only -----------------------------------------------------


def _cases_by_group(opened_geduldet: int) -> dict:
    """40 cases since June 2019 (20 geduldet, 20 schutz_anerkannt); in 2020 `opened_geduldet` geduldet and 15
    schutz_anerkannt cases opened on 4 May, 6 of the first geduldet closed on 3 August and 10 of the first
    schutz_anerkannt on 2 November."""
    rows = [{"target_group": g, "opened_on": "2019-06-03"} for g in ("geduldet", "schutz_anerkannt") for _ in range(20)]
    for row in rows[:6]:
        row.update(closed_on="2020-08-03", closure_reason="ziel_erreicht")
    for row in rows[20:30]:
        row.update(closed_on="2020-11-02", closure_reason="wegzug")
    rows += [{"target_group": "geduldet", "opened_on": "2020-05-04"} for _ in range(opened_geduldet)]
    rows += [{"target_group": "schutz_anerkannt", "opened_on": "2020-05-04"} for _ in range(15)]
    frames = {kind.name: frame(kind, WIETZE, []) for kind in contract.KINDS}
    frames["cases"] = frame(contract.CASES, WIETZE, [{"gender": "w", **r} for r in rows], "case_id", "F")
    return frames


GROUP_FLOWS = [f"{flow}_target_group_{group}" for flow in ("opened", "closed")
               for group in ("geduldet", "schutz_anerkannt")]


def _without_group_flows(monkeypatch) -> None:
    """The registry as it was before K1 published its flows by target group."""
    k1 = registry.spec("K1")
    spec = dataclasses.replace(k1, breakdowns=tuple(b for b in k1.breakdowns if not b.years_only),
                               identities=tuple(i for i in k1.identities
                                                if not isinstance(i, registry.CategoryBalance)))
    monkeypatch.setattr(registry, "REGISTRY", tuple(spec if s.id == "K1" else s for s in registry.REGISTRY))
    monkeypatch.setattr(registry, "BY_ID", {**registry.BY_ID, "K1": spec})


def test_the_cases_opened_and_closed_by_target_group_are_published_for_the_year():
    """By hand: 2020 opened 12 geduldet and 15 schutz_anerkannt, closed 6 and 10; none of them 1-4, both totals
    (27, 16) at least 10, and each group's active cases at the end (26, 25) = at the start (20, 20) + opened -
    closed. The year publishes all four; no quarter publishes any (a quarter's are never in the set), while the
    quarters' active cases by target group and flows stay."""
    from tests.unit.test_published_property import check

    pset = published.build({WIETZE: _cases_by_group(12)}, TODAY)
    year = pset.figures[(WIETZE, "2020")]["K1"]
    assert [year[name] for name in GROUP_FLOWS] == [12, 15, 6, 10]
    assert (year["opened"], year["closed"], year["active_geduldet"], year["active_schutz_anerkannt"]) == \
        (27, 16, 26, 25)
    for quarter in range(1, 5):
        figures = pset.figures[(WIETZE, f"2020-Q{quarter}")]["K1"]
        assert not any(name in figures.values for name in GROUP_FLOWS), quarter
        assert figures.categories("opened_target_group") == []
    q2 = pset.figures[(WIETZE, "2020-Q2")]["K1"]
    assert (q2["opened"], q2["active_geduldet"], q2["active_schutz_anerkannt"]) == (27, 32, 35)
    check(pset, TODAY)


def test_group_flows_that_cannot_be_protected_among_themselves_are_withdrawn(monkeypatch):
    """By hand: 3 geduldet opened in 2020 (1-4: hidden), so the 15 schutz_anerkannt too (the 18 opened give
    them), and the closed of both (each group's balance gives them). Still, the opened geduldet t fix the rest
    (closed geduldet t + 3, opened schutz_anerkannt 18 - t), and the quarters' active cases by target group say
    at least 3 geduldet and 15 schutz_anerkannt were opened: t = 3. No other flow by target group of 2020 is
    left to hide, so all four are withdrawn, and the set is otherwise the one without flows by target group."""
    from tests.unit.test_published_property import check

    pset = published.build({WIETZE: _cases_by_group(3)}, TODAY)
    year = pset.figures[(WIETZE, "2020")]["K1"]
    assert all(year.is_hidden(name) for name in GROUP_FLOWS)
    assert {(WIETZE, "K1", name, "2020") for name in GROUP_FLOWS} <= pset.cells.rests  # withdrawn, not audited
    assert (year["opened"], year["closed"]) == (18, 16)
    check(pset, TODAY)
    _without_group_flows(monkeypatch)
    before = published.build({WIETZE: _cases_by_group(3)}, TODAY)
    assert {k for k in pset.hidden if k[2] not in GROUP_FLOWS and "_target_group_" not in k[2]} == before.hidden
