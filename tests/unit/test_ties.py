"""Ties between KPIs (monitor.registry.TIES) in the published set: two KPIs that count the same people, or one a
part of the other's, must not together give away what neither publishes. Each KPI's own identities do not know
the other KPI, so without the tie its audit would miss it."""

from __future__ import annotations

from datetime import date

from monitor import contract, published, registry
from tests.unit.kpi_data import WIETZE, frame

TODAY = date(2022, 1, 10)  # 2021 and its quarters are closed


def _dtz_frames() -> dict:
    """20 first DTZ attempts that ended in May 2021: 12 B1 (10 with the LiD test passed, 2 without), 8 A2.
    K9: 12 B1 of 20 (60 %); K10: 10 certificates of 20 (50 %). Both shares alone are fine, but beside each other
    they say that 2 people reached B1 without the LiD test."""
    rows = [{"case_id": f"F{i}", "entitlement": "berechtigt", "status": "regulaer_beendet",
             "ended_on": "2021-05-03", "dtz_attempt": 1, "dtz_result": "B1" if i < 12 else "A2",
             "lid_passed": i not in (10, 11)} for i in range(20)]
    frames = {kind.name: frame(kind, WIETZE, []) for kind in contract.KINDS}
    frames["enrolments"] = frame(contract.ENROLMENTS, WIETZE, rows, "enrolment_id", "T")
    frames["staffing"] = frame(contract.STAFFING, WIETZE, [{"officer": "IB-W", "gender": "w", "fte": 1.0,
                                                            "valid_from": "2021-01-01"}])  # the records' first day
    return frames


def _shares(pset: published.PublishedSet, key: str) -> tuple:
    figures = pset.figures[(WIETZE, key)]
    return figures["K9"]["b1_share"], figures["K10"]["certificate_share"]


def test_a_rest_that_two_kpis_would_give_away_is_audited(monkeypatch):
    pset = published.build({WIETZE: _dtz_frames()}, TODAY)
    assert published.audit_cells(pset.cells, set(pset.hidden)) == []
    for key in ("2021-Q2", "2021"):
        b1_share, certificate_share = _shares(pset, key)
        assert b1_share is None or certificate_share is None, key  # never both: 12 - 10 = 2 without LiD
    rest = next(k for k in pset.cells.rests if k[1] == "K9" and k[3] == "2021")
    assert pset.cells.value[rest] == 2 and rest in pset.hidden

    # without the tie both shares are published: the test above would fail
    monkeypatch.setattr(registry, "TIES", ())
    loose = published.build({WIETZE: _dtz_frames()}, TODAY)
    assert _shares(loose, "2021") == (0.6, 0.5)


def test_a_rest_of_five_or_more_that_the_published_counts_give_is_known(monkeypatch):
    """By hand: 15 B1 and 8 certificates published give the rest, 15 - 8 = 7 B1 without the LiD test: no count
    of 1-4, so it is counted as known like any derivable count (kept hidden, the audit would find it pinned to 7
    and withhold more for nothing). The rest beside a topic (total 20, topic 8) stands for "at least 0" only and
    is never known, although 20 - 8 = 12 as well."""
    cells = published._Cells()
    year = "2021"
    for key, value in (((WIETZE, "K9", "b1", year), 15.0), ((WIETZE, "K10", "certificate", year), 8.0),
                       ((WIETZE, "K4", "contacts", year), 20.0), ((WIETZE, "K4", "contacts_topic_x", year), 8.0)):
        cells.value[key], cells.people[key], cells.shown[key] = value, True, True
    monkeypatch.setattr(registry, "TIES", (registry.Tie(("K9", "b1"), (("K10", "certificate"),), rest=True),))
    published._add_ties(cells, WIETZE, [published.Period(2021)])
    published._add_bound(cells, (WIETZE, "K4", "contacts_topic_x", year), (WIETZE, "K4", "contacts", year))
    tie_rest = (WIETZE, "K9", "b1~K10.certificate", year)
    topic_rest = (WIETZE, "K4", "contacts_topic_x~rest", year)
    assert cells.rests == {tie_rest, topic_rest} and cells.value[tie_rest] == 7
    assert published._derivable(cells, set(cells.rests)) == {topic_rest}


def test_a_tie_that_the_records_break_is_left_out():
    """Records that break a tie (a certificate without B1 cannot come from the KPI functions, but archived figures
    or a changed rule could) give no equation: it would contradict the others, and no one could use it."""
    cells = published._Cells()
    year = "2021"
    cells.value[(WIETZE, "K9", "b1", year)] = 3.0
    cells.value[(WIETZE, "K10", "certificate", year)] = 5.0
    cells.value[(WIETZE, "K9", "takers", year)] = 7.0
    cells.value[(WIETZE, "K10", "takers", year)] = 8.0
    for key in cells.value:
        cells.people[key], cells.shown[key] = True, True
    published._add_ties(cells, WIETZE, [published.Period(2021)])
    assert cells.equations == [] and not cells.rests
