"""The language-course KPIs (K6, K7, K10, K11, the course supply K11a) and the cases per Ortsteil (K17) on small
hand-made frames. Expected values are counted by hand; the comment next to each assertion says which rows make
them up."""

from __future__ import annotations

import pandas as pd
import pytest

from monitor import codes, contract, kpis
from monitor.periods import Period
from monitor.queries import typed_frame

AGS, OTHER_AGS = "03351023", "03351011"


def frame(kind: contract.Kind, *rows: dict) -> pd.DataFrame:
    """A typed frame as monitor.queries would load it; dates as ISO text, ags defaulting to Wietze."""
    return typed_frame(kind, pd.DataFrame([{"ags": AGS, **row} for row in rows]))


def empty(kind: contract.Kind) -> pd.DataFrame:
    return typed_frame(kind, pd.DataFrame(columns=[f.name for f in kind.fields]))


def course(cid, ctype, start, end=None, provider="P04", lessons=None, places=None, ags=AGS) -> dict:
    return {"ags": ags, "course_id": cid, "course_type": ctype, "provider": provider, "start": start, "end": end,
            "lessons": lessons, "places": places}


def enrolment(eid, case_id, entitled=None, started=None, ended=None, course_id=None, status="laufend",
              entitlement="berechtigt", dtz=None, attempt=None, lid=None, job_course=None, ags=AGS) -> dict:
    return {"ags": ags, "enrolment_id": eid, "case_id": case_id, "course_id": course_id, "entitlement": entitlement,
            "entitled_on": entitled, "started_on": started, "ended_on": ended, "status": status, "dtz_result": dtz,
            "dtz_attempt": attempt, "lid_passed": lid, "job_course_after": job_course}


def categories(kpi: kpis.Kpi, prefix: str) -> dict[str, float]:
    """The breakdown details with this prefix, by category code, zeros left out."""
    return {name[len(prefix):]: value for name, value in kpi.details.items() if name.startswith(prefix) and value}


COURSES = frame(
    contract.COURSES,
    course("VHS-IK-1", "allgemein", "2018-01-08", "2018-10-26", "P04", 700, 20),
    course("VHS-AK-1", "alphabetisierung", "2018-04-03", "2019-05-10", "P04", 1000, 16),
    course("SFC-BSK-1", "bsk_basis_b2", "2018-11-05", "2019-05-03", "P23", 500, 20),
    course("WZ-ST-1", "lokal_sprachtreff", "2017-09-01", "2018-06-30", None, 80, None),  # no provider, no places
    course("SFC-FK-0", "frauen", "2017-01-09", "2017-12-15", "P23", 1000, 16),  # 2017 only
    course("SFC-IN-1", "intensiv", "2018-12-31", None, "P23", None, 20),  # begins on the last day; no end, no units
    course("VHS-X", "allgemein", None, None, "P04", 700, 20),  # no start: never runs
    course("VHS-IK-1", "frauen", "2018-02-05", "2018-12-14", "P07", 1000, 16, ags=OTHER_AGS),  # same number elsewhere
)


# --- course types -----------------------------------------------------------------------------------------


def test_course_types_join_by_gemeinde_and_course_number():
    rows = frame(contract.ENROLMENTS,
                 enrolment("1", "a", course_id="VHS-IK-1"),
                 enrolment("2", "b", course_id="VHS-IK-1", ags=OTHER_AGS),  # the other Gemeinde's course
                 enrolment("3", "c", course_id=None),  # no course yet
                 enrolment("4", "d", course_id="NOPE"))  # a course not in the courses file
    assert kpis.course_types(rows, COURSES).tolist() == ["allgemein", "frauen", codes.UNKNOWN, codes.UNKNOWN]
    assert kpis.course_types(rows, empty(contract.COURSES)).tolist() == [codes.UNKNOWN] * 4


def test_the_integration_courses_are_neither_job_related_nor_local():
    assert "allgemein" in codes.INTEGRATION_COURSES and "frauen" in codes.INTEGRATION_COURSES
    assert not any(t.startswith(("bsk_", "lokal_")) for t in codes.INTEGRATION_COURSES)
    assert len(codes.INTEGRATION_COURSES) == 8  # 14 types, 4 bsk_ and 2 lokal_
    assert codes.COURSE_TYPE_CATEGORIES[-1] == codes.UNKNOWN not in codes.COURSE_TYPES


# --- K6 ---------------------------------------------------------------------------------------------------

K6_ENROLMENTS = frame(
    contract.ENROLMENTS,
    enrolment("1", "p1", "2018-01-10", "2018-03-05", course_id="VHS-IK-1", entitlement="verpflichtet"),  # in time
    enrolment("2", "p2", "2018-02-01", "2018-09-03", course_id="VHS-AK-1"),  # 6 months end 01.08.: too late
    enrolment("3", "p3", "2018-06-30", "2018-12-30", course_id="SFC-IN-1"),  # 30.06. + 6 months = 30.12.: in time
    enrolment("4", "p4", "2018-03-01", "2018-04-01", course_id="VHS-IK-1", entitlement="ohne"),  # no entitlement
    enrolment("5", "p5", None, "2018-04-01", course_id="VHS-IK-1"),  # no entitlement date: in no period
    enrolment("6", "p6", "2017-12-31", "2018-01-08", course_id="VHS-IK-1"),  # entitled the year before
    enrolment("7", "p7", "2018-05-02", status="wartend"),  # waiting, no course
    enrolment("8a", "p8", "2018-03-01", status="wartend"),  # p8 waits from March ...
    enrolment("8b", "p8", "2018-10-01", "2018-11-05", course_id="SFC-BSK-1"),  # ... and starts a second one in time
    enrolment("9", "p9", "2018-07-02", "2018-08-01", course_id="NOPE"),  # started a course not in the file
    enrolment("10", "p1", "2018-04-04", "2018-05-07", course_id="VHS-IK-1", ags=OTHER_AGS),  # another person p1
)


def test_k6_year():
    kpi = kpis.k6_course_access(K6_ENROLMENTS, COURSES, Period(2018))
    assert (kpi.id, kpi.unit) == ("K6", "ratio")
    # entitled in 2018: p1, p2, p3, p7, p8 (once), p9, the other p1 = 7 (not p4: ohne, p5: no date, p6: 2017)
    # started within 6 months: p1, p3, p8 (8b), p9, the other p1 = 5 (p2 too late, p7 waiting)
    assert (kpi.details["entitled"], kpi.details["started"], kpi.details["not_started"]) == (7, 5, 2)
    assert (kpi.numerator, kpi.denominator) == (5, 7) and kpi.value == pytest.approx(5 / 7)


def test_k6_per_course_type():
    kpi = kpis.k6_course_access(K6_ENROLMENTS, COURSES, Period(2018))
    # p1 allgemein, p2 alphabetisierung (its course is known though it started late), p3 intensiv, p7 no course,
    # p8 counted by 8b (started in time) bsk_basis_b2, p9 a course not in the file, the other p1 frauen (its
    # Gemeinde's VHS-IK-1)
    assert categories(kpi, "entitled_type_") == {"allgemein": 1, "alphabetisierung": 1, "intensiv": 1,
                                                 "bsk_basis_b2": 1, "frauen": 1, codes.UNKNOWN: 2}
    assert categories(kpi, "started_type_") == {"allgemein": 1, "intensiv": 1, "bsk_basis_b2": 1, "frauen": 1,
                                                codes.UNKNOWN: 1}
    # every code of the list, zeros included, and the categories sum to their totals
    for total in ("entitled", "started"):
        parts = {f"{total}_type_{c}" for c in codes.COURSE_TYPE_CATEGORIES}
        assert parts <= set(kpi.details)
        assert sum(kpi.details[p] for p in parts) == kpi.details[total]


def test_k6_quarters_count_a_person_in_each_quarter_of_an_entitlement():
    q1 = kpis.k6_course_access(K6_ENROLMENTS, COURSES, Period(2018, 1))
    # entitled in Q1: p1 (10.01.), p2 (01.02.), p8 (8a, 01.03., still waiting); started in time: p1
    assert (q1.details["entitled"], q1.details["started"]) == (3, 1)
    assert categories(q1, "entitled_type_") == {"allgemein": 1, "alphabetisierung": 1, codes.UNKNOWN: 1}  # p8: 8a
    q4 = kpis.k6_course_access(K6_ENROLMENTS, COURSES, Period(2018, 4))
    assert (q4.details["entitled"], q4.details["started"], q4.value) == (1, 1, 1.0)  # p8 (8b)
    q2, q3 = (kpis.k6_course_access(K6_ENROLMENTS, COURSES, Period(2018, q)) for q in (2, 3))
    assert (q2.details["entitled"], q3.details["entitled"]) == (3, 1)  # p3, p7, other p1; p9
    # p8 counts in Q1 and in Q4 but once in the year: 3 + 3 + 1 + 1 = 8 quarter counts, 7 people in the year
    assert sum(q.details["entitled"] for q in (q1, q2, q3, q4)) == 8


def test_k6_window_edge_and_late_start():
    rows = frame(contract.ENROLMENTS,
                 enrolment("1", "a", "2018-06-30", "2018-12-31", course_id="SFC-IN-1"),  # one day after 30.12.
                 enrolment("2", "b", "2018-08-31", "2019-02-28", course_id="SFC-IN-1"))  # 31.08. + 6 months = 28.02.
    kpi = kpis.k6_course_access(rows, COURSES, Period(2018))
    assert (kpi.details["entitled"], kpi.details["started"]) == (2, 1)  # b only
    assert categories(kpi, "entitled_type_") == {"intensiv": 2}  # a's course is known although it is late


def test_k6_empty():
    kpi = kpis.k6_course_access(empty(contract.ENROLMENTS), empty(contract.COURSES), Period(2018))
    assert kpi.value is None and (kpi.details["entitled"], kpi.details["started"]) == (0, 0)
    assert kpi.details[f"entitled_type_{codes.UNKNOWN}"] == 0 and kpi.details["started_type_allgemein"] == 0
    # the enrolments without their courses: every type unknown
    unknown = kpis.k6_course_access(K6_ENROLMENTS, empty(contract.COURSES), Period(2018))
    assert categories(unknown, "entitled_type_") == {codes.UNKNOWN: 7}


# --- K7 ---------------------------------------------------------------------------------------------------

K7_ENROLMENTS = frame(
    contract.ENROLMENTS,
    enrolment("a", "a", "2018-01-10", "2018-03-05"),  # 21 (rest of January) + 28 + 5 = 54 days
    enrolment("b", "q", "2018-02-01", "2018-03-15"),  # 28 + 14 = 42 days: within the norm (at most 42)
    enrolment("c", "q", "2018-02-01", "2018-03-16"),  # 43 days; the same person q again: a start of its own
    enrolment("d", "d", None, "2018-02-01"),  # no entitlement date: not counted
    enrolment("e", "e", "2018-03-01", "2018-03-01", entitlement="ohne"),  # 0 days; every entitlement code
    enrolment("f", "f", "2017-06-01", "2018-06-29"),  # 365 + 28 = 393 days
    enrolment("g", "g", "2018-05-01", "2019-01-02"),  # started in 2019
    enrolment("h", "h", "2018-04-10", "2018-04-01"),  # start before the entitlement (refused on import): 0 days
    enrolment("i", "i", "2018-05-01"),  # not started
)


def test_k7_year():
    kpi = kpis.k7_waiting_time(K7_ENROLMENTS, Period(2018))
    assert (kpi.id, kpi.unit) == ("K7", "days")
    # starts in 2018 with an entitlement date: a 54, b 42, c 43, e 0, f 393, h 0 -> 0, 0, 42, 43, 54, 393
    assert kpi.value == pytest.approx(42.5)  # (42 + 43) / 2
    assert (kpi.details["starts"], kpi.details["within_norm"], kpi.details["after_norm"]) == (6, 3, 3)  # e, h, b
    assert kpi.details["within_norm_share"] == pytest.approx(0.5)
    assert (kpi.numerator, kpi.denominator) == (3, 6)


def test_k7_quarters_and_none():
    q1 = kpis.k7_waiting_time(K7_ENROLMENTS, Period(2018, 1))
    assert (q1.value, q1.details["starts"], q1.details["within_norm"]) == (42.5, 4, 2)  # 0, 42, 43, 54; e, b
    q2 = kpis.k7_waiting_time(K7_ENROLMENTS, Period(2018, 2))
    assert (q2.value, q2.details["starts"], q2.details["within_norm"]) == (196.5, 2, 1)  # 0, 393; h
    q3 = kpis.k7_waiting_time(K7_ENROLMENTS, Period(2018, 3))
    assert q3.value is None and q3.details["starts"] == 0 and q3.details["within_norm_share"] is None
    assert kpis.k7_waiting_time(empty(contract.ENROLMENTS), Period(2018)).value is None


# --- K9 per course type (the funnel) -----------------------------------------------------------------------


def test_k9_results_per_course_type():
    rows = frame(
        contract.ENROLMENTS,
        enrolment("1", "a", ended="2018-06-20", course_id="VHS-IK-1", dtz="B1", attempt=1),
        enrolment("2", "b", ended="2018-06-20", course_id="VHS-IK-1", dtz="A2", attempt=1),
        enrolment("3", "c", ended="2018-05-10", course_id="VHS-AK-1", dtz="unter_A2", attempt=1),
        enrolment("4", "d", ended="2018-07-01", course_id=None, dtz="B1", attempt=1),  # course not known
        enrolment("5", "e", ended="2018-07-01", course_id="VHS-AK-1", dtz="B1", attempt=2),  # not a first attempt
        enrolment("6", "f", ended="2018-12-14", course_id="VHS-IK-1", dtz="B1", attempt=1, ags=OTHER_AGS),  # frauen
    )
    kpi = kpis.k9_dtz_b1(rows, Period(2018), COURSES)
    assert (kpi.details["takers"], kpi.details["b1"], kpi.details["a2"]) == (5, 3, 1)  # 1-4, 6; 1, 4, 6; 2
    assert categories(kpi, "b1_type_") == {"allgemein": 1, "frauen": 1, codes.UNKNOWN: 1}  # 1; 6; 4
    assert categories(kpi, "a2_type_") == {"allgemein": 1}  # 2
    assert categories(kpi, "below_a2_type_") == {"alphabetisierung": 1}  # 3
    assert len([n for n in kpi.details if n.startswith("below_a2_type_")]) == len(codes.COURSE_TYPE_CATEGORIES)
    # without the courses K9 is what it was: no categories
    assert not any("_type_" in n for n in kpis.k9_dtz_b1(rows, Period(2018)).details)
    assert kpis.k9_dtz_b1(empty(contract.ENROLMENTS), Period(2018), COURSES).details["b1_type_allgemein"] == 0


# --- K10 --------------------------------------------------------------------------------------------------

K10_ENROLMENTS = frame(
    contract.ENROLMENTS,
    enrolment("1", "c1", ended="2018-06-20", status="regulaer_beendet", dtz="B1", attempt=1, lid=True),  # certificate
    enrolment("2", "c2", ended="2018-03-01", status="regulaer_beendet", dtz="B1", attempt=1, lid=False),  # no LiD
    enrolment("3", "c3", ended="2018-09-01", status="regulaer_beendet", dtz="B1", attempt=1),  # LiD unknown: not
    enrolment("4", "c4", ended="2018-11-30", status="regulaer_beendet", dtz="A2", attempt=1, lid=True),  # A2
    enrolment("5", "c5", ended="2018-07-01", status="regulaer_beendet", dtz="B1", attempt=2, lid=True),  # 2nd attempt
    enrolment("6", "c6", ended="2018-07-01", status="regulaer_beendet", dtz="nicht_teilgenommen", attempt=1),
    enrolment("7a", "p", ended="2018-12-03", status="regulaer_beendet", dtz="A2", attempt=1, lid=True),  # p's first
    enrolment("7b", "p", ended="2019-02-01", status="regulaer_beendet", dtz="B1", attempt=1, lid=True),  # never
    enrolment("8", "c8", ended="2017-12-31", status="regulaer_beendet", dtz="unter_A2", attempt=1, lid=True),
)


def test_k10_year():
    kpi = kpis.k10_certificate(K10_ENROLMENTS, Period(2018))
    assert (kpi.id, kpi.unit) == ("K10", "ratio")
    # takers: 1, 2, 3, 4, 7a = 5 (5: 2nd attempt, 6: absent, 7b: p's second first attempt, 8: 2017)
    # certificate (B1 and LiD passed): 1
    assert (kpi.details["takers"], kpi.details["certificate"], kpi.details["no_certificate"]) == (5, 1, 4)
    assert kpi.value == pytest.approx(0.2)
    # the takers are exactly K9's
    assert kpi.details["takers"] == kpis.k9_dtz_b1(K10_ENROLMENTS, Period(2018)).details["takers"]


def test_k10_quarters_and_none():
    assert kpis.k10_certificate(K10_ENROLMENTS, Period(2018, 2)).value == 1.0  # 1 of 1
    assert kpis.k10_certificate(K10_ENROLMENTS, Period(2018, 1)).value == 0.0  # 2: B1 without LiD
    assert kpis.k10_certificate(K10_ENROLMENTS, Period(2019)).value is None  # 7b is p's second first attempt
    assert kpis.k10_certificate(empty(contract.ENROLMENTS), Period(2018)).details["takers"] == 0


# --- K11 --------------------------------------------------------------------------------------------------

K11_COURSES = frame(
    contract.COURSES,
    course("VHS-IK-1", "allgemein", "2018-01-08", "2018-10-26"),
    course("VHS-AK-1", "alphabetisierung", "2017-04-03", "2018-05-10"),
    course("SFC-BSK-1", "bsk_basis_b2", "2017-11-05", "2018-05-03"),
    course("WZ-ST-1", "lokal_sprachtreff", "2017-09-01", "2018-06-30"),
    course("VHS-IK-1", "bsk_basis_c1", "2018-01-08", "2018-12-31", ags=OTHER_AGS),
)
K11_ENROLMENTS = frame(
    contract.ENROLMENTS,
    enrolment("1", "p", ended="2018-10-26", course_id="VHS-IK-1", status="regulaer_beendet", job_course=True),
    enrolment("2", "c2", ended="2018-10-26", course_id="VHS-IK-1", status="regulaer_beendet", job_course=False),
    enrolment("3", "c3", ended="2018-05-10", course_id="VHS-AK-1", status="regulaer_beendet"),  # empty: not
    enrolment("4", "c4", ended="2018-05-03", course_id="SFC-BSK-1", status="regulaer_beendet", job_course=True),
    enrolment("5", "c5", ended="2018-06-30", course_id="WZ-ST-1", status="regulaer_beendet", job_course=True),
    enrolment("6", "c6", ended="2018-03-01", course_id="VHS-IK-1", status="abgebrochen", job_course=True),
    enrolment("7", "c7", ended="2018-07-01", course_id=None, status="regulaer_beendet", job_course=True),
    enrolment("8", "c8", ended="2018-07-01", course_id="NOPE", status="regulaer_beendet", job_course=True),
    enrolment("9", "c9", ended="2017-12-31", course_id="VHS-IK-1", status="regulaer_beendet", job_course=True),
    enrolment("10", "c10", ended="2018-12-31", course_id="VHS-IK-1", status="regulaer_beendet", job_course=True,
              ags=OTHER_AGS),  # there VHS-IK-1 is a job-related course
    enrolment("11", "p", ended="2018-12-14", course_id="VHS-AK-1", status="regulaer_beendet", job_course=True),
)


def test_k11_year():
    kpi = kpis.k11_job_course(K11_ENROLMENTS, K11_COURSES, Period(2018))
    assert (kpi.id, kpi.unit) == ("K11", "ratio")
    # graduates: 1, 2, 3, 11 (p again: a graduation of its own) = 4; not 4 (bsk_), 5 (lokal_), 6 (dropped),
    # 7 (no course), 8 (unknown course), 9 (2017), 10 (the other Gemeinde's VHS-IK-1 is bsk_basis_c1)
    # on to a job-related course: 1, 11
    assert (kpi.details["graduates"], kpi.details["transitions"], kpi.details["no_transition"]) == (4, 2, 2)
    assert kpi.value == pytest.approx(0.5) and (kpi.numerator, kpi.denominator) == (2, 4)
    assert categories(kpi, "graduates_type_") == {"allgemein": 2, "alphabetisierung": 2}  # 1, 2; 3, 11
    assert {n for n in kpi.details if n.startswith("graduates_type_")} == {
        f"graduates_type_{t}" for t in codes.INTEGRATION_COURSES}


def test_k11_quarters_and_empty():
    q4 = kpis.k11_job_course(K11_ENROLMENTS, K11_COURSES, Period(2018, 4))
    assert (q4.details["graduates"], q4.details["transitions"]) == (3, 2)  # 1, 2, 11; 1, 11
    q2 = kpis.k11_job_course(K11_ENROLMENTS, K11_COURSES, Period(2018, 2))
    assert (q2.details["graduates"], q2.value) == (1, 0.0)  # 3 (job course empty)
    assert kpis.k11_job_course(K11_ENROLMENTS, empty(contract.COURSES), Period(2018)).value is None  # no types
    assert kpis.k11_job_course(empty(contract.ENROLMENTS), COURSES, Period(2018)).details["graduates"] == 0


# --- K11a: course supply ----------------------------------------------------------------------------------

SUPPLY = COURSES[COURSES["ags"] == AGS]


def test_k11a_year():
    kpi = kpis.k11a_course_supply(SUPPLY, Period(2018))
    assert (kpi.id, kpi.unit, kpi.value) == ("K11a", "count", 5)  # VHS-IK-1, VHS-AK-1, SFC-BSK-1, WZ-ST-1, SFC-IN-1
    assert kpi.details["started"] == 4  # not WZ-ST-1 (2017)
    assert kpi.details["places"] == 76  # 20 + 16 + 20 + 0 (none given) + 20
    assert kpi.details["lessons"] == 2280  # 700 + 1000 + 500 + 80 + 0 (none given)
    assert categories(kpi, "running_provider_") == {"P04": 2, "P23": 2, codes.UNKNOWN: 1}
    assert categories(kpi, "places_provider_") == {"P04": 36, "P23": 40}  # unknown: 0 places (listed as 0)
    assert kpi.details[f"places_provider_{codes.UNKNOWN}"] == 0
    assert categories(kpi, "lessons_provider_") == {"P04": 1700, "P23": 500, codes.UNKNOWN: 80}
    for total in ("running", "places", "lessons"):
        assert sum(v for n, v in kpi.details.items() if n.startswith(f"{total}_provider_")) == kpi.details[total]


def test_k11a_periods():
    year_2017 = kpis.k11a_course_supply(SUPPLY, Period(2017))
    assert (year_2017.value, year_2017.details["started"]) == (2, 2)  # SFC-FK-0, WZ-ST-1
    assert (year_2017.details["places"], year_2017.details["lessons"]) == (16, 1080)
    assert categories(year_2017, "running_provider_") == {"P23": 1, codes.UNKNOWN: 1}  # no P04 key at all
    q1 = kpis.k11a_course_supply(SUPPLY, Period(2018, 1))
    assert (q1.value, q1.details["started"]) == (2, 1)  # VHS-IK-1, WZ-ST-1; VHS-IK-1
    q4 = kpis.k11a_course_supply(SUPPLY, Period(2018, 4))
    assert q4.value == 4  # VHS-IK-1 (to 26.10.), VHS-AK-1, SFC-BSK-1, SFC-IN-1 (31.12.)
    assert kpis.k11a_course_supply(SUPPLY, Period(2019, 3)).value == 1  # SFC-IN-1: no end, still running
    both = kpis.k11a_course_supply(COURSES, Period(2018))
    assert both.value == 6 and both.details["running_provider_P07"] == 1  # the other Gemeinde's course too


def test_k11a_empty():
    kpi = kpis.k11a_course_supply(empty(contract.COURSES), Period(2018))
    assert kpi.value == 0 and kpi.details == {"running": 0, "started": 0, "places": 0, "lessons": 0}


# --- K17 --------------------------------------------------------------------------------------------------

K17_CASES = frame(
    contract.CASES,
    {"case_id": "1", "district": "wietze", "opened_on": "2016-05-10"},
    {"case_id": "2", "district": "hornbostel", "opened_on": "2018-03-31"},
    {"case_id": "3", "district": None, "opened_on": "2018-07-01", "closed_on": "2018-12-31"},  # closed on 31.12.
    {"case_id": "4", "district": "  ", "opened_on": "2017-01-01"},  # blank: no Ortsteil
    {"case_id": "5", "district": "wietze", "opened_on": "2018-02-01", "closed_on": "2019-01-01"},
    {"case_id": "6", "district": "jeversen", "opened_on": "2015-01-01", "closed_on": "2017-06-30"},
    {"case_id": "7", "district": "wietze", "opened_on": None},  # no opening date: in nothing
)


def test_k17_year():
    kpi = kpis.k17_districts(K17_CASES, Period(2018))
    assert (kpi.id, kpi.unit) == ("K17", "count")
    assert (kpi.value, kpi.details["opened"]) == (4, 3)  # active on 31.12.: 1, 2, 4, 5; opened: 2, 3, 5
    assert categories(kpi, "active_district_") == {"wietze": 2, "hornbostel": 1, codes.UNKNOWN: 1}  # 1, 5; 2; 4
    assert categories(kpi, "opened_district_") == {"wietze": 1, "hornbostel": 1, codes.UNKNOWN: 1}  # 5; 2; 3
    assert not any("jeversen" in name for name in kpi.details)  # 6 is neither active nor opened in 2018
    # the totals are K1's
    k1 = kpis.k1_cases(K17_CASES, Period(2018))
    assert (kpi.value, kpi.details["opened"]) == (k1.value, k1.details["opened"])


def test_k17_quarter_and_empty():
    q1 = kpis.k17_districts(K17_CASES, Period(2018, 1))
    assert (q1.value, q1.details["opened"]) == (4, 2)  # 1, 2, 4, 5; 2 (31.03.), 5
    assert categories(q1, "opened_district_") == {"wietze": 1, "hornbostel": 1}
    year_2017 = kpis.k17_districts(K17_CASES, Period(2017))
    assert categories(year_2017, "active_district_") == {"wietze": 1, codes.UNKNOWN: 1}  # 1; 4 (6 closed 30.06.)
    kpi = kpis.k17_districts(empty(contract.CASES), Period(2018))
    assert (kpi.value, kpi.details) == (0, {"opened": 0})
