"""The language-course KPIs K6, K7, K10, K11 and the course supply K11a on small hand-made frames. Expected values
are counted by hand; the comment next to each assertion says which rows make them up."""

from __future__ import annotations

import pytest

from monitor import contract, kpis
from monitor.periods import Period
from tests.unit.test_kpis_beratung import AGS, OTHER_AGS, Q1_2018, YEAR_2018, empty, frame


def need(eid, entitled=None, started=None, ended=None, status="laufend", entitlement="berechtigt", course=None,
         dtz=None, attempt=None, lid=None, job_course=None, ags=AGS) -> dict:
    """A course need of its own person (case c<eid>)."""
    return {"ags": ags, "enrolment_id": eid, "case_id": f"c{eid}", "course_id": course, "entitlement": entitlement,
            "entitled_on": entitled, "started_on": started, "ended_on": ended, "status": status, "dtz_result": dtz,
            "dtz_attempt": attempt, "lid_passed": lid, "job_course_after": job_course}


def course(cid, course_type, start, provider=None, places=None, lessons=None, ags=AGS) -> dict:
    return {"ags": ags, "course_id": cid, "course_type": course_type, "provider": provider, "start": start,
            "places": places, "lessons": lessons}


# --- K6 ---------------------------------------------------------------------------------------------------

K6_NEEDS = frame(
    contract.ENROLMENTS,
    need("1", "2018-01-10", "2018-03-01"),  # entitled and started in Q1
    need("2", "2018-03-31", "2019-02-01"),  # entitled on Q1's last day, started the next year: counts as started
    need("3", "2018-02-15", entitlement="verpflichtet", status="wartend"),  # an obligation, no start yet
    need("4", "2018-01-20", "2018-04-02", entitlement="ohne"),  # no entitlement: not counted
    need("5", "2017-12-31", "2018-01-15"),  # entitled the year before
    need("6", None, "2018-05-01"),  # no entitlement date: matches no period
    need("7", "2018-07-01", "2018-08-01", ags=OTHER_AGS),  # another Gemeinde: the caller filters, counted here
)


def test_k6_year_and_quarter():
    year = kpis.k6_course_access(K6_NEEDS, YEAR_2018)
    assert (year.id, year.unit) == ("K6", "ratio")
    assert (year.details["entitled"], year.details["started"], year.details["not_started"]) == (4, 3, 1)  # 1,2,3,7
    assert year.value == pytest.approx(3 / 4)  # 1, 2, 7 of 1, 2, 3, 7
    q1 = kpis.k6_course_access(K6_NEEDS, Q1_2018)
    assert (q1.numerator, q1.denominator) == (2, 3)  # 1, 2 of 1, 2, 3
    assert kpis.k6_course_access(K6_NEEDS, Period(2018, 4)).value is None  # nobody entitled in Q4
    assert kpis.k6_course_access(empty(contract.ENROLMENTS), YEAR_2018).details["entitled"] == 0


# --- K7 ---------------------------------------------------------------------------------------------------

K7_NEEDS = frame(
    contract.ENROLMENTS,
    need("1", "2018-01-01", "2018-02-12"),  # 42 days: within the norm
    need("2", "2018-01-01", "2018-02-13"),  # 43 days
    need("3", "2017-10-01", "2018-03-31"),  # 181 days, started on Q1's last day
    need("4", None, "2018-03-01"),  # no entitlement date: no waiting time
    need("5", "2018-03-01", "2018-04-10", entitlement="ohne"),  # 40 days: registration date, counts in Q2
    need("6", "2018-05-01"),  # not started
)


def test_k7_median_and_the_six_week_norm():
    q1 = kpis.k7_waiting_time(K7_NEEDS, Q1_2018)
    assert (q1.id, q1.unit) == ("K7", "days")
    assert q1.value == 43  # median of 42, 43, 181 (1, 2, 3; 4 has no entitlement date)
    assert (q1.details["starts"], q1.details["within_norm"], q1.details["over_norm"]) == (3, 1, 2)
    assert q1.details["within_norm_share"] == pytest.approx(1 / 3)  # 1
    year = kpis.k7_waiting_time(K7_NEEDS, YEAR_2018)
    assert year.value == pytest.approx((42 + 43) / 2)  # median of 40, 42, 43, 181 (5, 1, 2, 3)
    assert year.details["within_norm"] == 2  # 1, 5
    nothing = kpis.k7_waiting_time(K7_NEEDS, Period(2018, 3))
    assert nothing.value is None and nothing.details["within_norm_share"] is None


# --- K10 --------------------------------------------------------------------------------------------------

K10_NEEDS = frame(
    contract.ENROLMENTS,
    need("1", ended="2018-06-30", status="regulaer_beendet", dtz="B1", attempt=1, lid=True),  # certificate
    need("2", ended="2018-06-30", status="regulaer_beendet", dtz="B1", attempt=1, lid=False),  # no LiD
    need("3", ended="2018-02-01", status="regulaer_beendet", dtz="A2", attempt=1, lid=True),  # A2
    need("4", ended="2018-09-01", status="regulaer_beendet", dtz="B1", attempt=2, lid=True),  # 2nd attempt: counts
    need("5", ended="2018-09-01", status="regulaer_beendet", dtz="nicht_teilgenommen", lid=True),  # no DTZ
    need("6", ended="2018-09-01", status="regulaer_beendet", dtz="B1", attempt=1),  # LiD unknown: not a taker
    need("7", ended="2017-12-01", status="regulaer_beendet", dtz="B1", attempt=1, lid=True),  # the year before
)


def test_k10_certificate_of_the_exam_takers():
    year = kpis.k10_certificate(K10_NEEDS, YEAR_2018)
    assert (year.id, year.unit) == ("K10", "ratio")
    assert (year.details["takers"], year.details["certified"], year.details["not_certified"]) == (4, 2, 2)  # 1-4
    assert year.value == pytest.approx(2 / 4)  # 1, 4
    assert kpis.k10_certificate(K10_NEEDS, Q1_2018).value == 0.0  # 3: A2
    assert kpis.k10_certificate(K10_NEEDS, Period(2018, 4)).value is None


# --- K11 --------------------------------------------------------------------------------------------------

K11_COURSES = frame(
    contract.COURSES,
    course("IK-1", "allgemein", "2017-09-01"),
    course("AK-1", "alphabetisierung", "2017-03-01"),
    course("BSK-1", "bsk_basis_b2", "2018-01-01"),
    course("LOK-1", "lokal_sprachtreff", "2018-01-01"),
    course("IK-1", "bsk_spezial_a2", "2017-09-01", ags=OTHER_AGS),  # the same course id in another Gemeinde
)
K11_NEEDS = frame(
    contract.ENROLMENTS,
    need("1", ended="2018-05-01", status="regulaer_beendet", course="IK-1", job_course=True),
    need("2", ended="2018-05-01", status="regulaer_beendet", course="IK-1", job_course=False),
    need("3", ended="2018-07-01", status="regulaer_beendet", course="AK-1"),  # not known: did not go on
    need("4", ended="2018-07-01", status="abgebrochen", course="IK-1", job_course=True),  # dropped out
    need("5", ended="2018-07-01", status="regulaer_beendet", course="BSK-1", job_course=True),  # a job course
    need("6", ended="2018-07-01", status="regulaer_beendet", course="LOK-1"),  # a local course
    need("7", ended="2018-07-01", status="regulaer_beendet", course="XX-9", job_course=True),  # course unknown
    need("8", ended="2018-07-01", status="regulaer_beendet", course="IK-1", job_course=True, ags=OTHER_AGS),  # BSK
)


def test_k11_graduates_of_integration_courses_who_went_on():
    year = kpis.k11_job_course_transition(K11_NEEDS, K11_COURSES, YEAR_2018)
    assert (year.id, year.unit) == ("K11", "ratio")
    assert (year.details["graduates"], year.details["went_on"], year.details["stayed"]) == (3, 1, 2)  # 1, 2, 3
    assert year.value == pytest.approx(1 / 3)  # 1
    q2 = kpis.k11_job_course_transition(K11_NEEDS, K11_COURSES, Period(2018, 2))
    assert (q2.numerator, q2.denominator) == (1, 2)  # 1 of 1, 2
    assert kpis.k11_job_course_transition(K11_NEEDS, empty(contract.COURSES), YEAR_2018).denominator == 0


# --- K11a -------------------------------------------------------------------------------------------------

K11A_COURSES = frame(
    contract.COURSES,
    course("IK-1", "allgemein", "2018-01-08", "P04", 20, 700),
    course("AK-1", "alphabetisierung", "2018-03-31", "P04", 16, 1000),
    course("FK-1", "frauen", "2018-05-02", "P23", 12, None),  # teaching units not given: 0
    course("TR-1", "lokal_sprachtreff", "2018-06-01", None, 10, 40),  # no provider: in the totals only
    course("IK-0", "allgemein", "2017-12-31", "P04", 20, 700),  # the year before
)


def test_k11a_courses_places_and_units_by_provider():
    year = kpis.k11a_course_supply(K11A_COURSES, YEAR_2018)
    assert (year.id, year.unit, year.value) == ("K11a", "count", 4)  # IK-1, AK-1, FK-1, TR-1
    d = year.details
    assert (d["places"], d["lessons"]) == (58, 1740)  # 20 + 16 + 12 + 10; 700 + 1000 + 40
    assert (d["courses_provider_P04"], d["courses_provider_P23"]) == (2, 1)
    assert (d["places_provider_P04"], d["lessons_provider_P04"], d["lessons_provider_P23"]) == (36, 1700, 0)
    assert not [k for k in d if k.endswith("_provider_")]  # TR-1 has no provider category
    q1 = kpis.k11a_course_supply(K11A_COURSES, Q1_2018)
    assert (q1.value, q1.details["places"]) == (2, 36)  # IK-1, AK-1 (31.03.)
    assert kpis.k11a_course_supply(empty(contract.COURSES), YEAR_2018).value == 0


# --- K6, K8, K9 by course type ------------------------------------------------------------------------------

TYPE_NEEDS = frame(
    contract.ENROLMENTS,
    need("1", "2018-01-10", "2018-02-01", "2018-11-30", "regulaer_beendet", course="IK-1", dtz="B1", attempt=1),
    need("2", "2018-01-10", "2018-02-01", "2018-06-30", "abgebrochen", course="IK-1"),
    need("3", "2018-02-01", "2018-03-01", "2018-12-01", "regulaer_beendet", course="AK-1", dtz="A2", attempt=1),
    need("4", "2018-02-01", "2018-03-01", course="XX-9"),  # a course not in the course file: no type
    need("5", "2018-02-01", entitlement="verpflichtet", status="wartend"),  # not started: in no type
    need("6", "2017-05-01", "2017-06-01", "2018-05-01", "regulaer_beendet", course="IK-1", dtz="unter_A2",
         attempt=1),  # entitled the year before, ended in 2018
)


def test_the_course_stages_by_course_type():
    access = kpis.k6_course_access(TYPE_NEEDS, YEAR_2018, K11_COURSES)
    assert access.details["started"] == 4  # 1, 2, 3, 4 (5 not started, 6 entitled in 2017)
    started = {k: v for k, v in access.details.items() if k.startswith("started_course_type_") and v}
    assert started == {"started_course_type_allgemein": 2, "started_course_type_alphabetisierung": 1,
                       "started_course_type_ohne_angabe": 1}  # 1, 2; 3; 4 (XX-9 unknown)
    assert sum(v for k, v in access.details.items() if k.startswith("started_course_type_")) == 4
    ended = kpis.k8_course_completion(TYPE_NEEDS, YEAR_2018, K11_COURSES).details
    assert (ended["ended_course_type_allgemein"], ended["ended_course_type_alphabetisierung"]) == (3, 1)  # 1, 2, 6; 3
    dtz = kpis.k9_dtz_b1(TYPE_NEEDS, YEAR_2018, K11_COURSES).details
    assert (dtz["takers_course_type_allgemein"], dtz["takers_course_type_alphabetisierung"]) == (2, 1)  # 1, 6; 3
    without_courses = kpis.k8_course_completion(TYPE_NEEDS, YEAR_2018).details
    assert without_courses["ended_course_type_ohne_angabe"] == 4  # no course file: every type unknown
