"""The registry's breakdowns (monitor.registry.Breakdown): part names with and without a dimension, fixed code
lists and categories found in the data, exclusive and non-exclusive ones; and how the published set treats
them: each breakdown merged on its own, the categories of a non-exclusive one bounded by the total instead of
summing to it, categories of counts that are not people neither merged nor hidden.

The published set is built here over a registry of one made-up KPI ("KX") whose compute function returns the
same figures for every period (all counts are stocks: a year and its fourth quarter share a cell), so that
each case below is a few numbers written by hand."""

from __future__ import annotations

from datetime import date

import pytest

from monitor import contract, published, registry
from monitor.kpis import Kpi
from monitor.registry import COUNT, Breakdown, KpiSpec, Part, Sum
from monitor.scope import ALL
from tests.unit.kpi_data import WIETZE, frame

TODAY = date(2021, 2, 1)  # the closed periods: the quarters of 2020 and 2020


def test_part_names_with_and_without_a_dimension():
    assert Breakdown("active", ("a", "b")).part("a") == "active_a"
    by_group = Breakdown("opened", ("a",), dimension="group")
    assert (by_group.name, by_group.prefix, by_group.part("a")) == ("opened_group", "opened_group_", "opened_group_a")
    assert by_group.code("opened_group_a") == "a"


def _spec(*breakdowns: Breakdown, details: dict | None = None, value: float = 0, people: bool = True,
          parts: tuple[Part, ...] = ()) -> KpiSpec:
    return KpiSpec("KX", lambda frames, period: Kpi("KX", value, "count", details=dict(details or {})), "count",
                   "total", parts=(Part("total", COUNT, people=people, stock=True, source="value"), *parts),
                   breakdowns=breakdowns)


def test_a_data_driven_breakdown_takes_the_categories_found_in_the_details():
    """Categories of ``codes=None`` are the detail keys under its stem, sorted; the longest stem wins, so an
    officer category of "total" is not a target group "officer_x" of the breakdown without a dimension."""
    groups = Breakdown("total", ("a", "b"))
    officers = Breakdown("total", None, dimension="officer")
    spec = _spec(groups, officers, value=7,
                 details={"total_a": 3, "total_b": 4, "total_officer_IB-W": 5, "total_officer_IB-M": 2})
    values = spec.figures(spec.compute({}, None))
    assert values == {"total": 7, "total_a": 3, "total_b": 4, "total_officer_IB-M": 2, "total_officer_IB-W": 5}
    assert spec.categories_in(groups, values) == ("a", "b")
    assert spec.categories_in(officers, values) == ("IB-M", "IB-W")
    assert [p.name for p in spec.parts_in(values)] == ["total", "total_a", "total_b", "total_officer_IB-M",
                                                       "total_officer_IB-W"]
    assert [p.name for p in spec.all_parts()] == ["total", "total_a", "total_b"]  # data categories need values
    # a category part is counted like its total; "other" (merged) is a category of either kind
    assert spec.part("total_officer_IB-W") == Part("total_officer_IB-W", COUNT, people=True, stock=True)
    assert spec.part("total_other").name == "total_other"
    assert spec.category_of("total_officer_other") == (officers, "other")
    assert spec.category_of("total_c") is None  # not a code of the fixed list
    with pytest.raises(KeyError):
        spec.part("total_c")
    assert spec.sum_identities(values) == [Sum("total", ("total_a", "total_b")),
                                           Sum("total", ("total_officer_IB-M", "total_officer_IB-W"))]
    assert spec.sum_identities() == [Sum("total", ("total_a", "total_b"))]  # data categories need values


def test_a_non_exclusive_breakdown_has_no_sum():
    topics = Breakdown("total", None, dimension="topic", exclusive=False)
    spec = _spec(topics, value=10, details={"total_topic_x": 8, "total_topic_y": 6})
    assert spec.sum_identities(spec.figures(spec.compute({}, None))) == []


@pytest.fixture
def registry_of(monkeypatch):
    """The published set over a registry of the given KPIs only."""
    def use(*specs: KpiSpec) -> None:
        monkeypatch.setattr(registry, "REGISTRY", specs)
        monkeypatch.setattr(registry, "BY_ID", {s.id: s for s in specs})
    return use


def _frames() -> dict:
    frames = {kind.name: frame(kind, WIETZE, []) for kind in contract.KINDS}
    frames["cases"] = frame(contract.CASES, WIETZE, [{"gender": "m", "target_group": "geduldet",
                                                      "opened_on": "2020-01-01"}], "case_id", "F")
    return frames


def _build() -> published.PublishedSet:
    return published.build({WIETZE: _frames()}, TODAY)


def _figures(pset: published.PublishedSet, key: str = "2020-Q2") -> published.Figures:
    return pset.figures[(WIETZE, key)]["KX"]


def test_non_exclusive_categories_may_add_up_to_more_than_the_total(registry_of):
    """30 contacts, 25 on topic x and 20 on topic y (45 > 30): no contradiction, both published (each at least
    10, none holds all 30)."""
    registry_of(_spec(Breakdown("total", None, dimension="topic", exclusive=False), value=30,
                      details={"total_topic_x": 25, "total_topic_y": 20}))
    pset = _build()
    assert published.contradictions(pset.cells, set(pset.hidden)) == []
    figures = _figures(pset)
    assert (figures["total"], figures["total_topic_x"], figures["total_topic_y"]) == (30, 25, 20)
    assert pset.categories_of(WIETZE, "KX", "total_topic") == ("x", "y")


# Contacts of a quarter (a flow: a year is the sum of its quarters) and those on topic x, of which a contact may
# have several: Q1 5 contacts, 3 on x; Q2 5, 5 on x; Q3 10, 6 on x; Q4 10, 6 on x; the year 30, 20 on x.
FLOWS = {"2020-Q1": (5, 3), "2020-Q2": (5, 5), "2020-Q3": (10, 6), "2020-Q4": (10, 6), "2020": (30, 20)}


def _flows(exclusive: bool) -> KpiSpec:
    def compute(frames, period):
        total, x = FLOWS.get(period.key, (0, 0))
        return Kpi("KX", total, "count", details={"total_topic_x": x})
    return KpiSpec("KX", compute, "count", "total",
                   parts=(Part("total", COUNT, people=True, additive=True, source="value"),),
                   breakdowns=(Breakdown("total", None, dimension="topic", exclusive=exclusive),))


def test_a_non_exclusive_category_is_bounded_by_its_total(registry_of):
    """By hand: Q1 and Q2 have fewer than 10 contacts, so their topic counts are hidden (x_Q1 = 3, x_Q2 = 5);
    the year and the other quarters are published. The year gives x_Q1 + x_Q2 = 20 - 6 - 6 = 8. Without a
    bound x_Q1 could be 3..7 (x_Q2 at least 1): 1..7, wide enough; but a topic's contacts are at most the
    contacts of the quarter (5 each), so x_Q1 = 8 - x_Q2 lies in 3..5: narrower than 5 values. The audit
    finds it, and the set hides one more cell so that it does not."""
    registry_of(_flows(exclusive=False))
    pset = _build()
    x = {q: (WIETZE, "KX", "total_topic_x", f"2020-Q{q}") for q in (1, 2, 3, 4)}
    rests = {k for k in pset.cells.rests if k[0] == WIETZE}
    assert pset.cells.value[(WIETZE, "KX", "total_topic_x~rest", "2020-Q1")] == 2  # 5 contacts - 3 on x
    [finding] = published.audit_cells(pset.cells, {x[1], x[2]} | rests, first_only=True)
    assert (finding.key, finding.low, finding.high) == (x[1], 3, 5)
    assert {x[1], x[2]} < set(pset.hidden) - rests
    assert published.audit_cells(pset.cells, set(pset.hidden)) == []
    assert published.contradictions(pset.cells, set(pset.hidden)) == []


def test_categories_of_a_count_that_is_not_people_are_kept_and_shown(registry_of):
    """Partners by type (not people): a type with 1 or 2 partners is neither merged nor hidden; a type that is 0
    in every period has no cells and is not among the categories."""
    types = Breakdown("total", ("a", "b", "c"), dimension="type")
    registry_of(_spec(types, value=3, people=False, details={"total_type_a": 1, "total_type_b": 2,
                                                              "total_type_c": 0}))
    pset = _build()
    assert pset.categories_of(WIETZE, "KX", "total_type") == ("a", "b")
    figures = _figures(pset)
    assert (figures["total_type_a"], figures["total_type_b"], figures.hidden) == (1, 2, frozenset())
    assert figures.categories("total_type") == ["a", "b"]


def test_each_breakdown_is_merged_on_its_own(registry_of):
    """Cases by group (a 12, b 3: b never reaches 10 and becomes "other") and by officer (found in the data:
    IB-W 8, IB-M 7, neither reaching 10: both would be merged into "other", the only category, which is the
    total: the breakdown by officer has no categories at all, so that the total stays published)."""
    registry_of(_spec(Breakdown("total", ("a", "b"), dimension="group"),
                      Breakdown("total", None, dimension="officer"), value=15,
                      details={"total_group_a": 12, "total_group_b": 3, "total_officer_IB-W": 8,
                               "total_officer_IB-M": 7}))
    pset = _build()
    assert pset.categories_of(WIETZE, "KX", "total_group") == ("a", "other")
    assert pset.categories_of(WIETZE, "KX", "total_officer") == ()
    figures = _figures(pset)
    assert figures.values["total_group_other"] == 3 and "total_officer_other" not in figures.values
    assert figures["total_group_a"] is None and figures["total_group_other"] is None  # 3 is 1-4: both hidden
    assert figures["total"] == 15
    assert published.audit_cells(pset.cells, set(pset.hidden)) == []


def test_the_command_line_gives_the_categories_found_in_the_data_for_every_role(registry_of, sqlite_engine):
    """Cases by officer, found in the data: IB-W 12, IB-M 10, IB-D 3 of 25. Exact figures give all three; the
    council gets them as the published set has them: IB-D (never 10) merged into "other", and withheld (3 is
    1-4)."""
    from etl.pipeline import import_files
    from monitor import cli
    from tests.unit.test_load import CASE_HEADER, csv_file

    registry_of(_spec(Breakdown("total", None, dimension="officer"), value=25,
                      details={"total_officer_IB-W": 12, "total_officer_IB-M": 10, "total_officer_IB-D": 3}))
    cases = [f"{WIETZE};F-{i};geduldet;m;01.02.2020;;;" for i in range(12)]  # 12 cases: the Gemeinde is offered
    assert import_files(sqlite_engine, [csv_file("faelle.csv", CASE_HEADER, *cases)], user="anna").ok
    exact = cli.kpis_payload(sqlite_engine, date(2020, 12, 31), WIETZE, False, scope=ALL)["kpis"]["KX"]
    assert exact["parts"] == {"total": 25, "total_officer_IB-D": 3, "total_officer_IB-M": 10,
                              "total_officer_IB-W": 12}
    council = cli.kpis_payload(sqlite_engine, date(2020, 12, 31), WIETZE, False, "rat", today=TODAY,
                               scope=ALL)["kpis"]["KX"]
    assert list(council["parts"]) == ["total", "total_officer_IB-M", "total_officer_IB-W", "total_officer_other"]
    assert council["parts"]["total_officer_other"] == {"value": None, "suppressed": True}
