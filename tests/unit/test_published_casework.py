"""Rules of the published set for the categories of a non-exclusive breakdown (the topics of a contact, K4): they
are bounded by their total through a rest that is never published, and a narrow category is widened through its
other identities before its total (the headline) is withheld. On a made-up KPI with a few numbers written by
hand."""

from __future__ import annotations

from datetime import date

import pytest

from monitor import contract, published, registry
from monitor.kpis import Kpi
from monitor.registry import COUNT, Breakdown, KpiSpec, Part
from tests.unit.kpi_data import WIETZE, frame

TODAY = date(2021, 2, 1)  # the closed periods: the quarters of 2020 and 2020


@pytest.fixture
def registry_of(monkeypatch):
    def use(*specs: KpiSpec) -> None:
        monkeypatch.setattr(registry, "REGISTRY", specs)
        monkeypatch.setattr(registry, "BY_ID", {s.id: s for s in specs})
    return use


def _build() -> published.PublishedSet:
    frames = {kind.name: frame(kind, WIETZE, []) for kind in contract.KINDS}
    frames["cases"] = frame(contract.CASES, WIETZE, [{"gender": "m", "target_group": "geduldet",
                                                      "opened_on": "2020-01-01"}], "case_id", "F")
    return published.build({WIETZE: frames}, TODAY)


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
