"""KPI functions on small hand-made frames. Expected values are counted by hand; the comment next to each
assertion says which rows make them up."""

from __future__ import annotations

import json
import time
from dataclasses import asdict
from datetime import date

import numpy as np
import pandas as pd
import pytest

from monitor import codes, contract, kpis
from monitor.periods import Period
from monitor.queries import typed_frame

AGS = "03351023"


def frame(kind: contract.Kind, *rows: dict) -> pd.DataFrame:
    """A typed frame as monitor.queries would load it; dates as ISO text, ags defaulting to Wietze."""
    return typed_frame(kind, pd.DataFrame([{"ags": AGS, **row} for row in rows]))


def empty(kind: contract.Kind) -> pd.DataFrame:
    return typed_frame(kind, pd.DataFrame(columns=[f.name for f in kind.fields]))


def case(cid, opened, closed=None, group="schutz_anerkannt", gender="m", officer="IB-M", ags=AGS,
         reason=None) -> dict:
    return {"ags": ags, "case_id": cid, "target_group": group, "gender": gender, "officer": officer,
            "opened_on": opened, "closed_on": closed, "closure_reason": reason}


def staff(officer, gender, fte, valid_from, valid_until=None, ags=AGS) -> dict:
    return {"ags": ags, "officer": officer, "gender": gender, "fte": fte, "valid_from": valid_from,
            "valid_until": valid_until}


# --- K1 ---------------------------------------------------------------------------------------------------

K1_CASES = frame(
    contract.CASES,
    case("1", "2016-05-10", group="schutz_anerkannt"),  # open since 2016
    case("2", "2017-03-31", group="asylverfahren"),  # opened on Q1 end: counts
    case("3", "2016-06-01", "2017-03-31", group="eu_arbeitnehmer"),  # closed on Q1 end: no longer active
    case("4", "2017-01-01", "2017-04-01", group="geduldet"),  # closed the day after Q1 end: active on 31.03.
    case("5", "2017-04-01", group="schutz_anerkannt"),  # opened after Q1
    case("6", "2015-02-01", "2016-12-31", group="asylverfahren"),  # closed before 2017
    case("7", None, group="schutz_anerkannt"),  # no opening date: matches nothing
    case("8", "2016-01-01", "2017-02-15", group="drittstaat_sonstig"),  # closed in Q1
)


def test_k1_quarter():
    kpi = kpis.k1_cases(K1_CASES, Period(2017, 1))
    assert (kpi.id, kpi.unit) == ("K1", "count")
    assert kpi.value == 3  # cases 1, 2, 4 active on 31.03.2017; 3 closed on 31.03., 8 on 15.02.
    assert kpi.details["opened"] == 2  # 2 (31.03.), 4 (01.01.)
    assert kpi.details["closed"] == 2  # 3 (31.03.), 8 (15.02.)
    assert kpi.details["active_schutz_anerkannt"] == 1  # case 1
    assert kpi.details["active_asylverfahren"] == 1  # case 2
    assert kpi.details["active_geduldet"] == 1  # case 4
    assert kpi.details["active_eu_arbeitnehmer"] == 0  # case 3 closed on the reference date
    assert {k for k in kpi.details if k.startswith("active_")} == {f"active_{g}" for g in codes.TARGET_GROUPS}


def test_k1_year():
    kpi = kpis.k1_cases(K1_CASES, Period(2017))
    assert kpi.value == 3  # 1, 2, 5 open on 31.12.2017; 4 closed 01.04.
    assert kpi.details["opened"] == 3  # 2, 4, 5
    assert kpi.details["closed"] == 3  # 3, 4, 8
    assert kpi.details["active_schutz_anerkannt"] == 2  # 1, 5


def test_k1_cases_opened_and_closed_by_target_group():
    q1 = kpis.k1_cases(K1_CASES, Period(2017, 1))
    opened = {g: q1.details[f"opened_target_group_{g}"] for g in codes.TARGET_GROUPS}
    closed = {g: q1.details[f"closed_target_group_{g}"] for g in codes.TARGET_GROUPS}
    assert {g: n for g, n in opened.items() if n} == {"asylverfahren": 1, "geduldet": 1}  # 2, 4
    assert {g: n for g, n in closed.items() if n} == {"eu_arbeitnehmer": 1, "drittstaat_sonstig": 1}  # 3, 8
    year = kpis.k1_cases(K1_CASES, Period(2017))
    assert year.details["opened_target_group_schutz_anerkannt"] == 1  # 5 (7 has no opening date)
    assert year.details["closed_target_group_geduldet"] == 1  # 4, closed on 01.04.
    assert year.details["closed_target_group_asylverfahren"] == 0  # 6 was closed in 2016
    # each group's balance: active on 31.12.2017 = on 31.12.2016 + opened - closed
    before = kpis.k1_cases(K1_CASES, Period(2016))
    for g in codes.TARGET_GROUPS:
        assert year.details[f"active_{g}"] == before.details[f"active_{g}"] + \
            year.details[f"opened_target_group_{g}"] - year.details[f"closed_target_group_{g}"], g


def test_k1_year_to_date_uses_the_cut_off_as_reference_date():
    kpi = kpis.k1_cases(K1_CASES, Period(2017, None, date(2017, 3, 31)))
    assert kpi.value == 3  # same as Q1: 1, 2, 4
    assert kpi.details["opened"] == 2  # 2, 4 (5 is opened after the cut-off)


def test_k1_counts_every_gemeinde_it_gets():
    cases = frame(contract.CASES, case("1", "2016-01-01"), case("1", "2016-01-01", ags="03351001"))
    assert kpis.k1_cases(cases, Period(2017)).value == 2  # the caller filters by ags


def test_k1_empty():
    kpi = kpis.k1_cases(empty(contract.CASES), Period(2017, 1))
    assert kpi.value == 0
    assert kpi.details["opened"] == kpi.details["closed"] == kpi.details["active_geduldet"] == 0
    assert kpi.details["closed_reason_ziel_erreicht"] == 0 and kpi.details["median_days_to_closure"] is None


# --- K17 ---------------------------------------------------------------------------------------------------

K17_CASES = frame(
    contract.CASES,
    {**case("1", "2016-05-10"), "district": "wietze"},  # open since 2016
    {**case("2", "2017-03-31"), "district": "jeversen"},  # opened on the Q1 end: counts
    {**case("3", "2016-06-01", "2017-03-31"), "district": "wietze"},  # closed on the Q1 end
    {**case("4", "2017-01-01", "2017-04-01"), "district": " hornbostel "},  # trimmed; active on 31.03.
    case("5", "2017-02-01"),  # no Ortsteil given
    {**case("6", "2015-02-01", "2016-12-31"), "district": "jeversen"},  # closed before 2017
)


def test_k17_cases_per_district_quarter():
    kpi = kpis.k17_districts(K17_CASES, Period(2017, 1))
    assert (kpi.id, kpi.value) == ("K17", 4)  # 1, 2, 4, 5 active on 31.03.2017
    active = {k.removeprefix("active_district_"): v for k, v in kpi.details.items() if k.startswith("active_")}
    assert active == {"wietze": 1, "jeversen": 1, "hornbostel": 1, codes.NO_DISTRICT: 1}  # 1; 2; 4; 5
    opened = {k.removeprefix("opened_district_"): v for k, v in kpi.details.items() if k.startswith("opened_")}
    assert opened == {"jeversen": 1, "hornbostel": 1, codes.NO_DISTRICT: 1}  # 2, 4, 5 opened in Q1
    closed = {k.removeprefix("closed_district_"): v for k, v in kpi.details.items() if k.startswith("closed_")}
    assert closed == {"wietze": 1}  # 3
    assert (kpi.details["opened"], kpi.details["closed"]) == (3, 1)


def test_k17_year_adds_up_to_k1_and_balances_per_district():
    year, before = kpis.k17_districts(K17_CASES, Period(2017)), kpis.k17_districts(K17_CASES, Period(2016))
    k1 = kpis.k1_cases(K17_CASES, Period(2017))
    assert (year.value, year.details["opened"], year.details["closed"]) == \
        (k1.value, k1.details["opened"], k1.details["closed"]) == (3, 3, 2)  # 1, 2, 5; 2, 4, 5; 3, 4
    assert year.details["active_district_wietze"] == 1  # 1 (3 closed)
    assert year.details["active_district_jeversen"] == 1  # 2 (6 closed in 2016)
    assert "active_district_hornbostel" not in year.details  # 4 closed on 01.04.2017: no active case there
    assert year.details["closed_district_hornbostel"] == 1
    assert before.details["active_district_wietze"] == 2  # 1, 3 on 31.12.2016
    for code in ("wietze", "jeversen", codes.NO_DISTRICT):
        assert year.details[f"active_district_{code}"] == before.details.get(f"active_district_{code}", 0) + \
            year.details.get(f"opened_district_{code}", 0) - year.details.get(f"closed_district_{code}", 0), code


# Closed cases with their reasons and days from opening to closing (closed_on - opened_on).
K1_CLOSURES = frame(
    contract.CASES,
    case("1", "2017-01-01", "2017-01-11", reason="ziel_erreicht"),  # 10 days, closed in Q1
    case("2", "2016-12-01", "2017-02-01", reason="wegzug"),  # 31 + 31 = 62 days, closed in Q1
    case("3", "2017-03-01", "2017-03-31", reason="ziel_erreicht"),  # 30 days, closed on Q1's last day
    case("4", "2017-02-01", "2017-04-01", reason="kontaktabbruch"),  # 28 + 31 = 59 days, closed in Q2
    case("5", "2017-05-01"),  # open: no reason, no days
    case("6", "2015-01-01", "2016-12-31", reason="einbuergerung"),  # closed before 2017
    case("7", "2017-06-30", "2017-06-30", reason=" sonstiges "),  # 0 days (closed on its opening day), Q2;
)  # the reason's blanks are trimmed


def test_k1_closed_cases_by_reason():
    q1 = kpis.k1_cases(K1_CLOSURES, Period(2017, 1))
    assert q1.details["closed"] == 3  # 1, 2, 3
    assert q1.details["closed_reason_ziel_erreicht"] == 2  # 1, 3
    assert q1.details["closed_reason_wegzug"] == 1  # 2
    assert q1.details["closed_reason_einbuergerung"] == 0  # 6 was closed in 2016
    assert {k for k in q1.details if k.startswith("closed_reason_")} == \
        {f"closed_reason_{r}" for r in codes.CLOSURE_REASONS}  # every code, zeros included
    year = kpis.k1_cases(K1_CLOSURES, Period(2017))
    assert year.details["closed"] == 5  # 1, 2, 3, 4, 7
    assert year.details["closed_reason_ziel_erreicht"] == 2  # 1, 3
    assert year.details["closed_reason_kontaktabbruch"] == 1  # 4
    assert year.details["closed_reason_sonstiges"] == 1  # 7 (" sonstiges " trimmed)
    assert sum(year.details[f"closed_reason_{r}"] for r in codes.CLOSURE_REASONS) == year.details["closed"]


def test_k1_median_days_to_closure():
    # Q1: 10 (1), 30 (3), 62 (2): the middle one
    assert kpis.k1_cases(K1_CLOSURES, Period(2017, 1)).details["median_days_to_closure"] == 30
    # Q2: 0 (7), 59 (4): the mean of the two
    assert kpis.k1_cases(K1_CLOSURES, Period(2017, 2)).details["median_days_to_closure"] == 29.5
    # 2017: 0, 10, 30, 59, 62 (7, 1, 3, 4, 2)
    assert kpis.k1_cases(K1_CLOSURES, Period(2017)).details["median_days_to_closure"] == 30
    # Q3: nothing closed: no median
    assert kpis.k1_cases(K1_CLOSURES, Period(2017, 3)).details["median_days_to_closure"] is None


# --- K2 ---------------------------------------------------------------------------------------------------

K2_CASES = frame(
    contract.CASES,
    case("a", "2016-03-01", "2017-01-01"),  # closed on 01.01.2017: handled in 2017 and Q1
    case("b", "2016-03-01", "2016-12-31"),  # closed before 2017
    case("c", "2017-12-31"),  # opened on the last day of 2017
    case("d", "2018-01-02"),  # after 2017
    case("e", "2015-06-01"),  # open throughout
    case("f", None),  # no opening date
)
# The concept: 1.0 FTE since 2015, a further half post from 01.07.2017.
K2_STAFF = frame(contract.STAFFING, staff("IB-M", "m", 1.0, "2015-01-01"), staff("IB-W", "w", 0.5, "2017-07-01"))


def test_k2_year_with_fte_change_in_the_middle():
    kpi = kpis.k2_cases_per_fte(K2_CASES, K2_STAFF, Period(2017))
    fte = 1.0 + 0.5 * 184 / 365  # the half post on 184 of 365 days (01.07.-31.12.)
    assert (kpi.id, kpi.unit) == ("K2", "per_fte")
    assert kpi.numerator == 3  # a, c, e
    assert kpi.denominator == pytest.approx(fte)
    assert kpi.details["fte"] == pytest.approx(fte)
    assert kpi.value == pytest.approx(3 / fte)
    assert kpi.details["benchmark_per_year"] == 150.0


def test_k2_quarters():
    q1 = kpis.k2_cases_per_fte(K2_CASES, K2_STAFF, Period(2017, 1))
    assert q1.numerator == 2  # a (closed 01.01.), e
    assert q1.value == pytest.approx(2 / 1.0)  # only IB-M in Q1
    q3 = kpis.k2_cases_per_fte(K2_CASES, K2_STAFF, Period(2017, 3))
    assert q3.numerator == 1  # e
    assert q3.value == pytest.approx(1 / 1.5)  # both posts all of Q3


def test_k2_staffing_rows_that_end_or_lie_outside_the_period():
    staffing = frame(
        contract.STAFFING,
        staff("IB-M", "m", 1.0, "2016-01-01", "2016-12-31"),  # before 2017: 0 days
        staff("IB-M", "m", 1.0, "2017-01-01", "2017-01-31"),  # 31 days of 2017
        staff("IB-X", "d", 0.5, "2017-12-31", "2018-06-30"),  # 1 day of 2017
        staff("IB-Y", "m", 1.0, "2018-01-01"),  # after 2017: 0 days
        staff("IB-Z", "m", 1.0, None),  # no start date: no days
    )
    kpi = kpis.k2_cases_per_fte(K2_CASES, staffing, Period(2017))
    fte = (1.0 * 31 + 0.5 * 1) / 365
    assert kpi.details["fte"] == pytest.approx(fte)
    assert kpi.value == pytest.approx(3 / fte)  # a, c, e


def test_k2_no_fte_gives_none():
    kpi = kpis.k2_cases_per_fte(K2_CASES, empty(contract.STAFFING), Period(2017))
    assert kpi.value is None
    assert kpi.numerator == 3  # a, c, e are still reported
    assert kpi.details["fte"] == 0


def test_k2_empty():
    kpi = kpis.k2_cases_per_fte(empty(contract.CASES), K2_STAFF, Period(2017, 1))
    assert kpi.value == 0  # no cases, 1.0 FTE
    assert kpis.k2_cases_per_fte(empty(contract.CASES), empty(contract.STAFFING), Period(2017)).value is None


# --- K8 ---------------------------------------------------------------------------------------------------


def enrolment(eid, status, ended=None, dtz=None, attempt=None, case_id=None, ags=AGS) -> dict:
    """An enrolment of its own person (case c<eid>) unless a case_id is given."""
    return {"ags": ags, "enrolment_id": eid, "case_id": case_id or f"c{eid}", "entitlement": "verpflichtet",
            "status": status, "ended_on": ended, "dtz_result": dtz, "dtz_attempt": attempt}


K8_ENROLMENTS = frame(
    contract.ENROLMENTS,
    enrolment("1", "regulaer_beendet", "2018-03-15"),
    enrolment("2", "regulaer_beendet", "2018-12-31"),  # last day of the year
    enrolment("3", "abgebrochen", "2018-01-01"),  # first day of the year
    enrolment("4", "regulaer_beendet", "2017-12-31"),  # the year before
    enrolment("5", "laufend"),
    enrolment("6", "abgebrochen", None),  # no end date: matches no period
    enrolment("7", "wartend", "2018-05-10"),  # not an ending status
)


def test_k8_year():
    kpi = kpis.k8_course_completion(K8_ENROLMENTS, Period(2018))
    assert (kpi.id, kpi.unit) == ("K8", "ratio")
    assert kpi.value == pytest.approx(2 / 3)  # 1, 2 regular of 1, 2, 3 ended
    assert kpi.details["dropout_share"] == pytest.approx(1 / 3)  # 3
    assert (kpi.details["ended"], kpi.details["completed"], kpi.details["dropped"]) == (3, 2, 1)
    assert (kpi.numerator, kpi.denominator) == (2, 3)


def test_k8_quarters():
    assert kpis.k8_course_completion(K8_ENROLMENTS, Period(2018, 1)).value == pytest.approx(0.5)  # 1 of 1, 3
    q2 = kpis.k8_course_completion(K8_ENROLMENTS, Period(2018, 2))
    assert q2.value is None and q2.details["dropout_share"] is None  # none ended in Q2 (7 is wartend)


def test_k8_empty():
    kpi = kpis.k8_course_completion(empty(contract.ENROLMENTS), Period(2018))
    assert kpi.value is None and kpi.details["ended"] == 0


# --- K9 ---------------------------------------------------------------------------------------------------

K9_ENROLMENTS = frame(
    contract.ENROLMENTS,
    enrolment("1", "regulaer_beendet", "2018-06-20", "B1", 1),
    enrolment("2", "regulaer_beendet", "2018-02-01", "A2", 1),
    enrolment("3", "regulaer_beendet", "2018-11-30", "unter_A2", 1),
    enrolment("4", "regulaer_beendet", "2018-07-01", "B1", 2),  # second attempt: excluded
    enrolment("5", "regulaer_beendet", "2018-07-01", "nicht_teilgenommen", 1),  # not a taker
    enrolment("6", "regulaer_beendet", "2017-12-31", "B1", 1),  # the year before
    enrolment("7", "regulaer_beendet", "2018-08-01", "B1", None),  # attempt unknown: not a first attempt
    enrolment("8", "regulaer_beendet", "2018-09-01"),  # course entrant without a test: not a taker
    enrolment("9", "abgebrochen", None, "B1", 1),  # no end date
)


def test_k9_first_attempt_takers_only():
    kpi = kpis.k9_dtz_b1(K9_ENROLMENTS, Period(2018))
    assert (kpi.id, kpi.unit) == ("K9", "ratio")
    assert kpi.details["takers"] == 3  # 1, 2, 3 (not 4: 2nd attempt, 5: absent, 7: unknown attempt, 8: no test)
    assert (kpi.details["b1"], kpi.details["a2"]) == (1, 1)  # 1; 2
    assert kpi.value == pytest.approx(1 / 3)
    assert kpi.details["at_least_a2_share"] == pytest.approx(2 / 3)  # 1, 2
    assert kpi.denominator == 3  # never the 8 course entrants


def test_k9_quarter_and_none():
    q1 = kpis.k9_dtz_b1(K9_ENROLMENTS, Period(2018, 1))
    assert q1.value == 0.0 and q1.details["at_least_a2_share"] == 1.0  # only 2 (A2, 01.02.)
    q3 = kpis.k9_dtz_b1(K9_ENROLMENTS, Period(2018, 3))
    assert q3.value is None and q3.details["takers"] == 0  # 4: 2nd attempt, 5: absent, 7: unknown attempt
    assert kpis.k9_dtz_b1(empty(contract.ENROLMENTS), Period(2018)).value is None


def test_k9_counts_one_first_attempt_per_person_the_earliest():
    enrolments = frame(
        contract.ENROLMENTS,
        enrolment("1", "regulaer_beendet", "2018-09-03", "A2", 1, case_id="p"),
        enrolment("2", "regulaer_beendet", "2018-03-01", "B1", 1, case_id="p"),  # p's earliest: counts
        enrolment("3", "regulaer_beendet", "2018-12-03", "A2", 1, case_id="q"),  # q's earliest: counts in 2018
        enrolment("4", "regulaer_beendet", "2019-02-01", "B1", 1, case_id="q"),  # q again: never counts
        enrolment("5", "regulaer_beendet", "2018-05-02", "B1", 1, case_id="p", ags="03351001"),  # another p
        enrolment("6", "abgebrochen", None, "B1", 1, case_id="r"),  # no end: r's later first attempt counts
        enrolment("7", "regulaer_beendet", "2018-06-01", "unter_A2", 1, case_id="r"),
    )
    year_2018 = kpis.k9_dtz_b1(enrolments, Period(2018))
    assert year_2018.details["takers"] == 4  # p (2), q (3), the other p (5), r (7)
    assert (year_2018.details["b1"], year_2018.details["a2"]) == (2, 1)  # 2, 5; 3
    assert kpis.k9_dtz_b1(enrolments, Period(2018, 3)).details["takers"] == 0  # 1 is p's second first attempt
    assert kpis.k9_dtz_b1(enrolments, Period(2019)).details["takers"] == 0  # 4: q counted in 2018


# --- K12 --------------------------------------------------------------------------------------------------


def internship(iid, offered, status, placed=None, end=None, outcome=None, outcome_on=None) -> dict:
    return {"internship_id": iid, "offered_on": offered, "sector": "handwerk", "status": status, "placed_on": placed,
            "end": end, "outcome": outcome, "outcome_on": outcome_on}


K12_INTERNSHIPS = frame(
    contract.INTERNSHIPS,
    internship("1", "2019-02-15", "abgeschlossen", "2019-03-01", "2019-04-05", "ausbildung", "2019-08-01"),
    # ended 31.08.2019: six calendar months later is 29.02.2020, the last day that still counts
    internship("2", "2018-10-01", "abgeschlossen", "2019-01-10", "2019-08-31", "beschaeftigung", "2020-02-29"),
    # ended 30.06.2019: 30.12.2019 is the last day; 31.12.2019 is one day too late
    internship("3", "2019-03-01", "abgeschlossen", "2019-04-01", "2019-06-30", "ausbildung", "2019-12-31"),
    internship("4", "2019-05-01", "angeboten"),
    internship("5", "2018-05-01", "abgeschlossen", "2018-06-01", "2019-02-01", "weiteres_praktikum", "2019-03-01"),
    internship("6", "2019-05-15", "abgebrochen", "2019-06-01", "2019-06-15", "abbruch"),
    internship("7", "2018-05-01", "abgeschlossen", "2018-06-01", None),  # no end date
    internship("8", "2019-08-01", "abgeschlossen", "2019-09-01", "2019-11-30", "ausbildung", None),  # no outcome date
)


def test_k12_year():
    kpi = kpis.k12_internships(K12_INTERNSHIPS, Period(2019))
    assert (kpi.id, kpi.unit) == ("K12", "count")
    assert kpi.value == kpi.details["placed"] == 5  # 1, 2, 3, 6, 8
    assert kpi.details["offered"] == 5  # 1, 3, 4, 6, 8
    assert kpi.details["completed"] == 5  # 1, 2, 3, 5, 8 (6 abgebrochen, 7 no end)
    assert kpi.details["transitions"] == 2  # 1, 2 (3 one day too late, 5 weiteres_praktikum, 8 no date)
    assert kpi.details["transition_share"] == pytest.approx(0.4)


def test_k12_quarters():
    q1 = kpis.k12_internships(K12_INTERNSHIPS, Period(2019, 1))
    assert (q1.details["offered"], q1.details["placed"], q1.details["completed"]) == (2, 2, 1)  # 1, 3; 1, 2; 5
    assert q1.details["transition_share"] == 0.0  # 5 went on to another internship
    q2 = kpis.k12_internships(K12_INTERNSHIPS, Period(2019, 2))
    assert q2.details["completed"] == 2 and q2.details["transitions"] == 1  # 1, 3; 1


@pytest.mark.parametrize("outcome_on,counts", [("2020-02-29", True), ("2020-03-01", False), ("2019-08-15", True)])
def test_k12_six_month_window(outcome_on, counts):
    # ended 31.08.2019: the window closes on 29.02.2020
    row = internship("1", "2019-05-01", "abgeschlossen", "2019-06-01", "2019-08-31", "ausbildung", outcome_on)
    internships = frame(contract.INTERNSHIPS, row)
    assert kpis.k12_internships(internships, Period(2019)).details["transitions"] == int(counts)


def test_k12_empty():
    kpi = kpis.k12_internships(empty(contract.INTERNSHIPS), Period(2019))
    assert kpi.value == 0 and kpi.details["transition_share"] is None


# --- K15 --------------------------------------------------------------------------------------------------


def session(day, cancelled, attendees=None, first_time=None, women=None, volunteers=None) -> dict:
    return {"date": day, "cancelled": cancelled, "attendees": attendees, "first_time": first_time, "women": women,
            "volunteers": volunteers}


K15_SESSIONS = frame(
    contract.CAFE,
    session("2018-09-26", False, 50, 9, 25, 9),  # Q3
    session("2018-10-03", False, 20, 3, 10, 4),
    session("2018-10-10", True),
    session("2018-10-17", None, 30, 2, 12, 2),  # no flag: held
    session("2018-10-24", False),  # held, no counts
    session("2018-12-31", False, 10, 1, None, 3),  # held, women not counted
    session("2019-01-02", False, 40, 4, 20, 4),  # next year
)


def test_k15_quarter():
    kpi = kpis.k15_cafe(K15_SESSIONS, Period(2018, 4))
    assert (kpi.id, kpi.unit) == ("K15", "ratio")
    assert (kpi.details["held"], kpi.details["planned"]) == (4, 5)  # 03., 17., 24.10., 31.12. of 5 planned
    assert kpi.value == pytest.approx(0.8)
    assert kpi.details["mean_attendance"] == pytest.approx(20.0)  # (20 + 30 + 10) / 3
    assert kpi.details["first_time"] == 6  # 3 + 2 + 1
    assert kpi.details["women_share"] == pytest.approx(0.44)  # (10 + 12) / (20 + 30); 31.12. has no women count
    assert kpi.details["mean_volunteers"] == pytest.approx(3.0)  # (4 + 2 + 3) / 3


def test_k15_year():
    kpi = kpis.k15_cafe(K15_SESSIONS, Period(2018))
    assert kpi.value == pytest.approx(5 / 6)  # the Q3 session joins
    assert kpi.details["mean_attendance"] == pytest.approx(27.5)  # (50 + 20 + 30 + 10) / 4


def test_k15_all_cancelled_and_empty():
    cancelled = frame(contract.CAFE, session("2018-10-03", True), session("2018-10-10", True))
    kpi = kpis.k15_cafe(cancelled, Period(2018, 4))
    assert kpi.value == 0.0
    assert kpi.details["mean_attendance"] is None and kpi.details["women_share"] is None
    assert kpi.details["first_time"] == 0
    empty_kpi = kpis.k15_cafe(empty(contract.CAFE), Period(2018, 4))
    assert empty_kpi.value is None and empty_kpi.details["planned"] == 0


# --- K16 --------------------------------------------------------------------------------------------------


def partner(pid, active_from, active_until=None, agreement=None, agreement_on=None) -> dict:
    return {"partner_id": pid, "name": f"Partner {pid}", "partner_type": "verein", "level": "gemeinde",
            "active_from": active_from, "active_until": active_until, "agreement": agreement,
            "agreement_on": agreement_on}


K16_PARTNERS = frame(
    contract.PARTNERS,
    partner("P1", "2016-01-01", None, True, "2018-05-15"),
    partner("P2", "2016-01-01", "2018-06-30", True, "2017-01-01"),  # left mid-2018
    partner("P3", "2017-01-01", "2018-12-31", True, "2019-01-01"),  # until the last day; agreement only in 2019
    partner("P4", "2018-12-31", None, True, None),  # joined on the last day; agreement undated
    partner("P5", "2019-01-01"),  # joined after 2018
    partner("P6", "2015-01-01"),  # no agreement flag
    partner("P7", "2015-01-01", None, False),
)


def event(eid, day, event_type) -> dict:
    return {"event_id": eid, "date": day, "event_type": event_type}


K16_EVENTS = frame(
    contract.EVENTS,
    event("1", "2018-02-01", "netzwerktreffen"),
    event("2", "2018-03-01", "arbeitskreis"),
    event("3", "2018-12-31", "fachveranstaltung"),
    event("4", "2018-06-01", "fallkonferenz"),
    event("5", "2018-07-01", "fallkonferenz"),
    event("6", "2017-12-31", "netzwerktreffen"),
    event("7", "2019-01-01", "fallkonferenz"),
)


def test_k16_year():
    kpi = kpis.k16_network(K16_PARTNERS, K16_EVENTS, Period(2018))
    assert (kpi.id, kpi.unit) == ("K16", "count")
    assert kpi.value == 5  # P1, P3, P4, P6, P7 on 31.12.2018; P2 left 30.06., P5 joined 2019
    assert kpi.details["agreements"] == 2  # P1, P4 (P2 left, P3's agreement is from 2019)
    assert kpi.details["meetings"] == 3  # 1, 2, 3
    assert kpi.details["case_conferences"] == 2  # 4, 5


def test_k16_quarter():
    kpi = kpis.k16_network(K16_PARTNERS, K16_EVENTS, Period(2018, 2))
    assert kpi.value == 5  # P1, P2 (until 30.06. inclusive), P3, P6, P7
    assert kpi.details["agreements"] == 2  # P1 (15.05.), P2
    assert (kpi.details["meetings"], kpi.details["case_conferences"]) == (0, 1)  # 4


def test_k16_empty():
    kpi = kpis.k16_network(empty(contract.PARTNERS), empty(contract.EVENTS), Period(2018))
    assert kpi.value == 0
    assert {k: kpi.details[k] for k in ("meetings", "case_conferences", "agreements")} == \
        {"meetings": 0, "case_conferences": 0, "agreements": 0}
    assert not any(kpi.details.values())  # every type and level 0 as well (tests/unit/test_kpis_angebote.py)


# --- K18 --------------------------------------------------------------------------------------------------

def contact(cid, case_id, day, officer, ags=AGS) -> dict:
    return {"ags": ags, "contact_id": cid, "case_id": case_id, "date": day, "contact_type": "sprechstunde",
            "topics": "wohnen", "officer": officer}


# The responsible officer (cases.officer) is today's; K18 reads who advised at each contact.
K18_CASES = frame(
    contract.CASES,
    case("1", "2017-02-01", gender="w", officer="IB-M"),  # with IB-W until 2018, then reassigned to IB-M
    case("2", "2017-02-01", gender="w", officer="IB-W"),  # responsible IB-W, but only IB-M advised her
    case("3", "2016-01-01", gender="w", officer="IB-W"),  # contacts in 2016 only
    case("4", "2017-02-01", gender="m", officer="IB-W"),  # a man
    case("5", "2017-01-10", gender="w", officer="IB-M"),  # IB-M in Q1, IB-W in Q4 2017
    case("6", "2017-02-01", gender="w", officer="IB-W"),  # no contact at all: not counted
)
K18_CONTACTS = frame(
    contract.CONTACTS,
    contact("a", "1", "2017-09-04", "IB-W"),
    contact("b", "1", "2018-03-12", "IB-W"),
    contact("c", "1", "2019-05-06", "IB-M"),  # after the reassignment
    contact("d", "2", "2017-10-02", "IB-M"),
    contact("e", "2", "2018-02-05", "IB-M"),
    contact("f", "3", "2016-05-02", "IB-M"),
    contact("g", "4", "2017-08-07", "IB-W"),
    contact("h", "5", "2017-03-06", "IB-M"),
    contact("i", "5", "2017-11-13", " IB-W "),  # the code is trimmed
    contact("j", "9", "2017-09-04", "IB-W"),  # no such case: gender unknown, not counted
)


def k18(period, cases=K18_CASES, contacts=K18_CONTACTS, staffing=K2_STAFF):
    return kpis.k18_same_gender(cases, contacts, staffing, period)


def test_k18_year():
    kpi = k18(Period(2017))
    assert (kpi.id, kpi.unit) == ("K18", "ratio")
    assert kpi.details["women_clients"] == 3  # 1, 2, 5 (3 only in 2016, 4 a man, 6 no contact, 9 no case)
    assert kpi.details["by_woman_officer"] == 2  # 1 (a), 5 (i); 2 only by IB-M
    assert (kpi.numerator, kpi.denominator) == (2, 3)
    assert kpi.value == pytest.approx(2 / 3)


def test_k18_a_reassignment_does_not_change_the_past():
    assert k18(Period(2017)).details["by_woman_officer"] == 2  # 1 counts with IB-W though now with IB-M
    year_2018 = k18(Period(2018))
    assert (year_2018.details["women_clients"], year_2018.details["by_woman_officer"]) == (2, 1)  # 1, 2; 1 (b)
    assert year_2018.value == pytest.approx(0.5)
    year_2019 = k18(Period(2019))
    assert (year_2019.details["women_clients"], year_2019.details["by_woman_officer"]) == (1, 0)  # 1, by IB-M
    assert year_2019.value == 0.0


def test_k18_contacts_outside_the_period_do_not_count():
    q3 = k18(Period(2017, 3))
    assert (q3.details["women_clients"], q3.details["by_woman_officer"]) == (1, 1)  # 1 (a); 3 only in 2016
    q4 = k18(Period(2017, 4))
    assert (q4.details["women_clients"], q4.details["by_woman_officer"]) == (2, 1)  # 2, 5; 5 (i)


def test_k18_no_woman_officer_gives_none():
    year_2016 = k18(Period(2016))  # IB-W only from 01.07.2017
    assert year_2016.value is None and year_2016.details["women_clients"] == 1  # 3 is still counted
    q1 = k18(Period(2017, 1))
    assert q1.value is None and q1.details["women_clients"] == 1  # 5 (h, by IB-M)
    assert k18(Period(2017), staffing=frame(contract.STAFFING, staff("IB-M", "m", 1.0, "2015-01-01"))).value is None


def test_k18_no_women_clients_gives_none():
    cases = frame(contract.CASES, case("1", "2017-02-01", gender="m", officer="IB-W"))
    kpi = k18(Period(2017), cases=cases, contacts=frame(contract.CONTACTS, contact("a", "1", "2017-09-04", "IB-W")))
    assert kpi.value is None and kpi.details["women_clients"] == 0


def test_k18_cases_and_officer_codes_belong_to_their_gemeinde():
    other = "03351001"
    staffing = frame(contract.STAFFING, staff("IB-W", "w", 1.0, "2015-01-01"),
                     staff("IB-W", "m", 1.0, "2015-01-01", ags=other))
    cases = frame(contract.CASES, case("1", "2017-01-01", gender="w"), case("1", "2017-01-01", gender="w", ags=other),
                  case("2", "2017-01-01", gender="w"), case("2", "2017-01-01", gender="m", ags=other))
    contacts = frame(contract.CONTACTS, contact("a", "1", "2017-03-01", "IB-W"),
                     contact("a", "1", "2017-03-01", "IB-W", ags=other),
                     contact("b", "2", "2017-03-01", "IB-M", ags=other))  # the other 2 is a man
    kpi = k18(Period(2017), cases=cases, contacts=contacts, staffing=staffing)
    assert (kpi.details["women_clients"], kpi.details["by_woman_officer"]) == (2, 1)  # both 1; the other IB-W a man


def test_k18_empty():
    assert k18(Period(2017), cases=empty(contract.CASES)).value is None
    assert k18(Period(2017), contacts=empty(contract.CONTACTS)).value is None
    assert k18(Period(2017), staffing=empty(contract.STAFFING)).value is None
    assert k18(Period(2017), contacts=empty(contract.CONTACTS)).details == {"women_clients": 0, "by_woman_officer": 0}


# --- trend ------------------------------------------------------------------------------------------------

TREND_CASES = frame(
    contract.CASES,
    case("1", "2016-08-15", group="schutz_anerkannt"),
    case("2", "2016-07-01", "2016-09-30", group="asylverfahren"),  # closed on Q3 end: not active then
    case("3", "2016-09-30", "2016-10-01", group="asylverfahren"),  # active on 30.09. only
    case("4", "2016-12-31", group="eu_arbeitnehmer"),  # opened on Q4 end
    case("5", None, group="geduldet"),
    case("6", "2017-01-01", group="geduldet"),
)


def active(trend: pd.DataFrame, key: str) -> dict[str, int]:
    rows = trend[trend["period"] == key]
    return {g: n for g, n in zip(rows["target_group"], rows["active"]) if n}


def test_trend_quarterly():
    trend = kpis.active_cases_trend(TREND_CASES, date(2016, 8, 1), date(2016, 11, 15))
    assert list(trend.columns) == ["period", "period_end", "target_group", "active"]
    assert len(trend) == 2 * len(codes.TARGET_GROUPS)  # Q3, Q4 x every code, zeros included
    assert set(trend["period"]) == {"2016-Q3", "2016-Q4"}
    assert set(trend["period_end"]) == {date(2016, 9, 30), date(2016, 12, 31)}
    assert active(trend, "2016-Q3") == {"schutz_anerkannt": 1, "asylverfahren": 1}  # 1; 3
    assert active(trend, "2016-Q4") == {"schutz_anerkannt": 1, "eu_arbeitnehmer": 1}  # 1; 4


def test_trend_yearly():
    trend = kpis.active_cases_trend(TREND_CASES, date(2016, 8, 1), date(2017, 3, 1), quarterly=False)
    assert list(trend["period"].unique()) == ["2016", "2017"]
    assert active(trend, "2016") == {"schutz_anerkannt": 1, "eu_arbeitnehmer": 1}  # 1; 4
    assert active(trend, "2017") == {"schutz_anerkannt": 1, "eu_arbeitnehmer": 1, "geduldet": 1}  # 1; 4; 6


def test_trend_empty():
    trend = kpis.active_cases_trend(empty(contract.CASES), date(2016, 1, 1), date(2016, 12, 31))
    assert len(trend) == 4 * len(codes.TARGET_GROUPS) and trend["active"].sum() == 0


def random_cases(n: int, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    opened = pd.Timestamp("2014-01-01") + pd.to_timedelta(rng.integers(0, 4380, n), unit="D")
    closed = (opened + pd.to_timedelta(rng.integers(-5, 1500, n), unit="D")).where(rng.random(n) < 0.7)
    return typed_frame(contract.CASES, pd.DataFrame({
        "case_id": np.arange(n).astype(str), "target_group": rng.choice(codes.TARGET_GROUPS, n),
        "opened_on": opened, "closed_on": closed}))


def test_trend_agrees_with_k1_and_is_fast():
    cases = random_cases(50_000)  # a few closed_on lie before opened_on: never active
    started = time.perf_counter()
    trend = kpis.active_cases_trend(cases, date(2014, 1, 1), date(2025, 12, 31))
    assert time.perf_counter() - started < 2.0
    assert len(trend) == 48 * len(codes.TARGET_GROUPS)
    for period in (Period(2014, 1), Period(2019, 2), Period(2025, 4)):
        k1 = kpis.k1_cases(cases, period)
        rows = trend[trend["period"] == period.key]
        assert rows["active"].sum() == k1.value
        assert dict(zip(rows["target_group"], rows["active"])) == {
            g: k1.details[f"active_{g}"] for g in codes.TARGET_GROUPS}


# --- all --------------------------------------------------------------------------------------------------


def test_results_are_plain_json():
    """The CLI dumps KPIs with allow_nan=False: no NaN, no numpy scalars."""
    results = [
        kpis.k1_cases(K1_CASES, Period(2017)), kpis.k2_cases_per_fte(K2_CASES, K2_STAFF, Period(2017)),
        kpis.k8_course_completion(K8_ENROLMENTS, Period(2018)), kpis.k9_dtz_b1(K9_ENROLMENTS, Period(2018)),
        kpis.k12_internships(K12_INTERNSHIPS, Period(2019)), kpis.k15_cafe(K15_SESSIONS, Period(2018, 4)),
        kpis.k16_network(K16_PARTNERS, K16_EVENTS, Period(2018)),
        k18(Period(2017)),
        kpis.k15_cafe(empty(contract.CAFE), Period(2018)),
    ]
    for kpi in results:
        json.dumps(asdict(kpi), allow_nan=False)
        for number in (kpi.value, kpi.numerator, kpi.denominator, *kpi.details.values()):
            assert number is None or type(number) in (int, float), (kpi.id, number)
