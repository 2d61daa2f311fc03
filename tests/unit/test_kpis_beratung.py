"""The casework KPIs K3, K4, K5, K13 and K14 on small hand-made frames. Expected values are counted by hand;
the comment next to each assertion says which rows make them up."""

from __future__ import annotations

import json
from dataclasses import asdict

import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from monitor import codes, contract, kpis
from monitor.periods import Period
from monitor.queries import typed_frame
from tests.unit.kpi_data import FIRST, LAST, seeded_frames

AGS, OTHER_AGS = "03351023", "03351011"
Q1_2018, YEAR_2018 = Period(2018, 1), Period(2018)


def frame(kind: contract.Kind, *rows: dict) -> pd.DataFrame:
    """A typed frame as monitor.queries would load it; dates as ISO text, ags defaulting to Wietze."""
    return typed_frame(kind, pd.DataFrame([{"ags": AGS, **row} for row in rows]))


def empty(kind: contract.Kind) -> pd.DataFrame:
    return typed_frame(kind, pd.DataFrame(columns=[f.name for f in kind.fields]))


def case(cid, opened, closed=None, ags=AGS, **fields) -> dict:
    return {"ags": ags, "case_id": cid, "target_group": "schutz_anerkannt", "gender": "w", "opened_on": opened,
            "closed_on": closed, **fields}


def contact(cid, case_id, day, contact_type="sprechstunde", officer="IB-M", minutes=None, topics="aufenthalt",
            partner=None, feedback=None, ags=AGS) -> dict:
    return {"ags": ags, "contact_id": cid, "case_id": case_id, "date": day, "contact_type": contact_type,
            "topics": topics, "officer": officer, "duration_min": minutes, "referral_partner": partner,
            "referral_feedback": feedback}


# --- K3, K4, K5: one set of contacts ----------------------------------------------------------------------------

CASES = frame(
    contract.CASES,
    case("1", "2017-05-01"),  # open since 2017: handled in 2018-Q1
    case("2", "2018-02-10", "2018-03-31"),  # opened and closed in Q1
    case("3", "2017-01-01", "2018-01-01"),  # closed on Q1's first day: open on one day of it, handled (as in K2)
    case("4", "2017-01-01", "2017-12-31"),  # closed before 2018
    case("5", "2018-04-01"),  # opened after Q1: handled in the year only
    case("6", None),  # no opening date: never handled
)
CONTACTS = frame(
    contract.CONTACTS,
    contact("a", "1", "2018-01-05", "sprechstunde", "IB-M", 30, "aufenthalt|wohnen", "P01", True),
    contact("b", "1", "2018-02-01", "telefon", "IB-M", 10, "aufenthalt"),
    contact("c", "2", "2018-02-10", "sprechstunde", " IB-W ", None, "sprache_kurs", "P02", False),  # trimmed
    contact("d", "2", "2018-03-31", "begleitung", "IB-W", 120, None, "P01", None),  # no topic; feedback empty
    contact("e", "3", "2018-01-01", "hausbesuch", "IB-W", 45, "existenzsicherung|wohnen"),
    contact("f", "9", "2018-03-15", "telefon", "IB-M", 15, "behoerdenpost", " P03 ", True),  # no such case
    contact("g", "1", "2017-12-31", "sprechstunde", "IB-M", 60, "wohnen", "P01", True),  # before 2018
    contact("h", "5", "2018-04-01", "digital", "IB-W", 40, "aufenthalt|familiennachzug", "P02", True),  # Q2
    contact("i", "1", None, "telefon", "IB-M", 20, "wohnen", "P01", True),  # no date: in no period
    contact("j", "2", "2018-03-01", "gruppe", "IB-M", None, "aufenthalt", None, True),  # feedback, no referral
)
# In 2018-Q1: contacts a, b, c, d, e, f, j (7); cases handled 1, 2, 3 (3).


def test_k3_quarter():
    kpi = kpis.k3_contact_intensity(CASES, CONTACTS, Q1_2018)
    assert (kpi.id, kpi.unit) == ("K3", "mean")
    assert (kpi.numerator, kpi.denominator) == (7, 3)  # a b c d e f j; cases 1 2 3 (4 closed, 5 later, 6 no date)
    assert kpi.value == pytest.approx(7 / 3)
    assert (kpi.details["contacts"], kpi.details["handled"]) == (7, 3)
    assert kpi.details["timed"] == 5  # a 30, b 10, d 120, e 45, f 15 (c and j without duration)
    assert kpi.details["mean_duration"] == pytest.approx(44.0)  # 220 / 5


def test_k3_by_contact_type_every_code():
    details = kpis.k3_contact_intensity(CASES, CONTACTS, Q1_2018).details
    types = {k[len("contacts_type_"):]: v for k, v in details.items() if k.startswith("contacts_type_")}
    assert list(types) == list(codes.CONTACT_TYPES)  # zeros included, in code-list order
    assert types == {"sprechstunde": 2, "telefon": 2, "digital": 0, "begleitung": 1, "hausbesuch": 1,
                     "gruppe": 1, "fallkonferenz": 0}  # a c; b f; -; d; e; j; -
    assert sum(types.values()) == details["contacts"]  # one type per contact


def test_k3_by_officer_from_the_data():
    details = kpis.k3_contact_intensity(CASES, CONTACTS, Q1_2018).details
    officers = {k: v for k, v in details.items() if k.startswith("contacts_officer_")}
    assert officers == {"contacts_officer_IB-M": 4, "contacts_officer_IB-W": 3}  # a b f j; c (trimmed) d e
    year = kpis.k3_contact_intensity(CASES, CONTACTS, YEAR_2018).details
    assert year["contacts_officer_IB-W"] == 4  # h joins
    q3 = kpis.k3_contact_intensity(CASES, CONTACTS, Period(2018, 3)).details
    assert not any(k.startswith("contacts_officer_") for k in q3)  # no contact: no officer category


def test_k3_year():
    kpi = kpis.k3_contact_intensity(CASES, CONTACTS, YEAR_2018)
    assert (kpi.numerator, kpi.denominator) == (8, 4)  # Q1's 7 and h; cases 1 2 3 5
    assert kpi.value == pytest.approx(2.0)
    assert kpi.details["mean_duration"] == pytest.approx(260 / 6)  # Q1's 220 over 5, h 40


def test_k3_without_handled_cases_or_durations():
    kpi = kpis.k3_contact_intensity(empty(contract.CASES), CONTACTS, Q1_2018)
    assert kpi.value is None and kpi.details["contacts"] == 7  # contacts without any case still count
    untimed = frame(contract.CONTACTS, contact("a", "1", "2018-01-05"))
    kpi = kpis.k3_contact_intensity(CASES, untimed, Q1_2018)
    assert kpi.details["timed"] == 0 and kpi.details["mean_duration"] is None
    assert kpi.value == pytest.approx(1 / 3)


def test_k3_empty():
    kpi = kpis.k3_contact_intensity(empty(contract.CASES), empty(contract.CONTACTS), Q1_2018)
    assert kpi.value is None and (kpi.numerator, kpi.denominator) == (0, 0)
    assert kpi.details == {"contacts": 0, "handled": 0, "timed": 0, "mean_duration": None,
                           **{f"contacts_type_{c}": 0 for c in codes.CONTACT_TYPES}}


def test_k4_quarter():
    kpi = kpis.k4_topics(CONTACTS, Q1_2018)
    assert (kpi.id, kpi.unit, kpi.value) == ("K4", "count", 7)  # a b c d e f j
    topics = {k[len("contacts_topic_"):]: v for k, v in kpi.details.items() if k.startswith("contacts_topic_")}
    assert list(topics) == list(codes.TOPICS)  # zeros included
    assert {t: n for t, n in topics.items() if n} == {
        "aufenthalt": 3,  # a b j
        "wohnen": 2,  # a e (g is from 2017, i has no date)
        "sprache_kurs": 1,  # c
        "existenzsicherung": 1,  # e
        "behoerdenpost": 1,  # f
    }
    assert kpi.details["no_topic"] == 1  # d
    assert sum(topics.values()) == 8 > kpi.details["contacts"] - kpi.details["no_topic"]  # a and e name two


def test_k4_year_and_topic_spelling():
    kpi = kpis.k4_topics(CONTACTS, YEAR_2018)
    assert kpi.value == 8  # h joins
    assert (kpi.details["contacts_topic_aufenthalt"], kpi.details["contacts_topic_familiennachzug"]) == (4, 1)  # + h
    # a topic named twice counts once; the other separators of a codes cell split too; a code outside the list
    # is no topic
    odd = frame(contract.CONTACTS, contact("a", "1", "2018-01-05", topics="wohnen|wohnen"),
                contact("b", "1", "2018-01-06", topics="wohnen; gesundheit"),
                contact("c", "1", "2018-01-07", topics="unbekannt"), contact("d", "1", "2018-01-08", topics=""))
    details = kpis.k4_topics(odd, Q1_2018).details
    assert (details["contacts_topic_wohnen"], details["contacts_topic_gesundheit"]) == (2, 1)  # a b; b
    assert details["no_topic"] == 2  # c d


def test_k4_empty():
    kpi = kpis.k4_topics(empty(contract.CONTACTS), Q1_2018)
    assert kpi.value == 0
    assert kpi.details == {"contacts": 0, "no_topic": 0, **{f"contacts_topic_{c}": 0 for c in codes.TOPICS}}


def test_k5_quarter():
    kpi = kpis.k5_referrals(CONTACTS, Q1_2018)
    assert (kpi.id, kpi.unit, kpi.value) == ("K5", "count", 4)  # a c d f; j names no partner
    assert (kpi.details["feedback"], kpi.details["no_feedback"]) == (2, 2)  # a f; c (no) d (empty)
    assert kpi.details["feedback_share"] == pytest.approx(0.5)
    partners = {k: v for k, v in kpi.details.items() if k.startswith("referrals_partner_")}
    assert partners == {"referrals_partner_P01": 2, "referrals_partner_P02": 1, "referrals_partner_P03": 1}  # a d


def test_k5_year():
    kpi = kpis.k5_referrals(CONTACTS, YEAR_2018)
    assert kpi.value == 5  # + h
    assert kpi.details["referrals_partner_P02"] == 2  # c h
    assert kpi.details["feedback_share"] == pytest.approx(3 / 5)  # a f h


def test_k5_empty():
    kpi = kpis.k5_referrals(empty(contract.CONTACTS), Q1_2018)
    assert kpi.value == 0
    assert kpi.details == {"referrals": 0, "feedback": 0, "no_feedback": 0, "feedback_share": None}
    no_referral = frame(contract.CONTACTS, contact("a", "1", "2018-01-05", feedback=True))
    assert kpis.k5_referrals(no_referral, Q1_2018).details["feedback"] == 0  # feedback without a referral


def test_contact_kpis_count_every_gemeinde_they_get():
    """Like all KPI functions they count the rows they get; the caller passes one Gemeinde's. An officer code is
    a code of its Gemeinde, so two Gemeinden's IB-M are one category only when both are passed."""
    cases = frame(contract.CASES, case("1", "2017-05-01"), case("1", "2017-05-01", ags=OTHER_AGS),
                  case("2", "2017-05-01", ags=OTHER_AGS))
    contacts = frame(contract.CONTACTS, contact("a", "1", "2018-01-05", partner="P01"),
                     contact("a", "1", "2018-01-05", ags=OTHER_AGS, partner="P01"))
    wietze_cases, wietze_contacts = (f[f["ags"] == AGS] for f in (cases, contacts))
    one = kpis.k3_contact_intensity(wietze_cases, wietze_contacts, Q1_2018)
    assert (one.numerator, one.denominator, one.details["contacts_officer_IB-M"]) == (1, 1, 1)
    both = kpis.k3_contact_intensity(cases, contacts, Q1_2018)
    assert (both.numerator, both.denominator, both.details["contacts_officer_IB-M"]) == (2, 3, 2)
    assert kpis.k4_topics(wietze_contacts, Q1_2018).details["contacts_topic_aufenthalt"] == 1
    assert kpis.k5_referrals(wietze_contacts, Q1_2018).details["referrals_partner_P01"] == 1


# --- K13 --------------------------------------------------------------------------------------------------------


def closed_case(cid, closed, employable, status, ags=AGS) -> dict:
    return case(cid, "2017-01-02", closed, ags=ags, employable=employable, employment_at_closure=status)


K13_CASES = frame(
    contract.CASES,
    closed_case("1", "2019-03-01", True, "sv_beschaeftigung"),
    closed_case("2", "2019-06-30", True, "ausbildung"),
    closed_case("3", "2019-12-31", True, "arbeitsuchend"),
    closed_case("4", "2019-05-01", True, None),  # status unknown
    closed_case("5", "2019-05-01", False, "sv_beschaeftigung"),  # not employable
    closed_case("6", "2019-05-01", None, "selbststaendig"),  # employability unknown: left out
    closed_case("7", "2018-12-31", True, "selbststaendig"),  # closed before 2019
    closed_case("8", None, True, None),  # open
    closed_case("9", "2019-08-01", True, "geringfuegig"),  # a mini-job does not count
    closed_case("10", "2020-01-01", True, "selbststaendig"),  # closed after 2019
    closed_case("11", "2019-10-15", True, "selbststaendig"),
    closed_case("12", "2019-10-15", True, "sv_beschaeftigung", ags=OTHER_AGS),  # the caller leaves it out
)


def k13(period: Period, cases: pd.DataFrame = K13_CASES):
    return kpis.k13_employment_at_closure(cases[cases["ags"] == AGS], period)


def test_k13_year():
    kpi = k13(Period(2019))
    assert (kpi.id, kpi.unit) == ("K13", "ratio")
    assert (kpi.numerator, kpi.denominator) == (3, 6)  # 1 2 11 of 1 2 3 4 9 11
    assert kpi.value == pytest.approx(0.5)
    assert (kpi.details["closed"], kpi.details["integrated"], kpi.details["not_integrated"]) == (6, 3, 3)
    # 1 2 3 4 9 11; 1 2 11; 3 9 and 4 without a status


def test_k13_breakdown_by_status_every_code():
    details = k13(Period(2019)).details
    assert {k: v for k, v in details.items() if k.startswith("integrated_status_")} == {
        "integrated_status_sv_beschaeftigung": 1, "integrated_status_ausbildung": 1,
        "integrated_status_selbststaendig": 1}  # 1; 2; 11
    assert {k: v for k, v in details.items() if k.startswith("not_integrated_status_")} == {
        "not_integrated_status_geringfuegig": 1, "not_integrated_status_arbeitsuchend": 1,
        "not_integrated_status_schule_studium": 0, "not_integrated_status_nicht_erwerbstaetig": 0,
        "not_integrated_status_ohne_angabe": 1}  # 9; 3; 4
    statuses = [k.split("_status_")[1] for k in details if "_status_" in k]
    assert sorted(statuses) == sorted([*codes.EMPLOYMENT_STATUS, "ohne_angabe"])  # every status once, on its side


def test_k13_quarter():
    kpi = k13(Period(2019, 2))
    assert (kpi.numerator, kpi.denominator) == (1, 2)  # 2 (30.06.); 4 (01.05.), 5 and 6 left out
    assert kpi.details["not_integrated_status_ohne_angabe"] == 1  # 4
    assert k13(Period(2019, 4)).details["closed"] == 2  # 3 (31.12.), 11


def test_k13_a_status_outside_the_list_counts_as_none():
    cases = frame(contract.CASES, closed_case("1", "2019-03-01", True, "rente"),  # the import refuses it
                  closed_case("2", "2019-03-01", True, " ausbildung "))  # trimmed
    details = k13(Period(2019), cases).details
    assert (details["not_integrated_status_ohne_angabe"], details["integrated_status_ausbildung"]) == (1, 1)
    assert (details["closed"], details["integrated"], details["not_integrated"]) == (2, 1, 1)


def test_k13_empty():
    kpi = k13(Period(2019), empty(contract.CASES))
    assert kpi.value is None and (kpi.numerator, kpi.denominator) == (0, 0)
    assert kpi.details["not_integrated_status_ohne_angabe"] == 0 and kpi.details["integrated_status_ausbildung"] == 0
    assert k13(Period(2017)).value is None  # nothing closed in 2017


# --- K14 --------------------------------------------------------------------------------------------------------


def goals_case(cid, closed, goals_set, reached=None, partly=None) -> dict:
    return case(cid, "2017-01-02", closed, goals_set=goals_set, goals_reached=reached, goals_partly=partly)


K14_CASES = frame(
    contract.CASES,
    goals_case("1", "2019-02-01", 3, 2, 1),
    goals_case("2", "2019-05-01", 4, 1, None),  # partly empty: 0
    goals_case("3", "2019-07-01", 0, 0, 0),  # no goals set: left out
    goals_case("4", "2019-09-01", None, 1, None),  # goals set unknown: left out
    goals_case("5", "2018-12-31", 5, 5, 0),  # closed before 2019
    goals_case("6", None, 2, 1, 0),  # open
    goals_case("7", "2019-12-31", 2, None, None),  # nothing reached
)


def test_k14_year():
    kpi = kpis.k14_goals(K14_CASES, Period(2019))
    assert (kpi.id, kpi.unit) == ("K14", "ratio")
    assert kpi.details["cases"] == 3  # 1 2 7
    assert (kpi.details["goals_set"], kpi.details["goals_reached"], kpi.details["goals_partly"]) == (9, 3, 1)
    # set 3 + 4 + 2; reached 2 + 1 + 0; partly 1 + 0 + 0
    assert (kpi.numerator, kpi.denominator) == (4, 9)
    assert kpi.value == kpi.details["reached_share"] == pytest.approx(4 / 9)
    assert kpi.details["fully_reached_share"] == pytest.approx(3 / 9)


def test_k14_quarter():
    kpi = kpis.k14_goals(K14_CASES, Period(2019, 1))
    assert kpi.details["cases"] == 1  # 1
    assert kpi.value == pytest.approx(1.0)  # (2 + 1) / 3
    assert kpi.details["fully_reached_share"] == pytest.approx(2 / 3)
    q3 = kpis.k14_goals(K14_CASES, Period(2019, 3))
    assert q3.details["cases"] == 0 and q3.value is None  # 3 and 4 have no goals set


def test_k14_empty():
    kpi = kpis.k14_goals(empty(contract.CASES), Period(2019))
    assert kpi.value is None
    assert kpi.details == {"cases": 0, "reached_share": None, "fully_reached_share": None, "goals_set": 0,
                           "goals_reached": 0, "goals_partly": 0}


# --- all --------------------------------------------------------------------------------------------------------


def test_results_are_plain_json():
    """The CLI dumps KPIs with allow_nan=False: no NaN, no numpy scalars."""
    results = [
        kpis.k3_contact_intensity(CASES, CONTACTS, Q1_2018), kpis.k4_topics(CONTACTS, Q1_2018),
        kpis.k5_referrals(CONTACTS, Q1_2018), k13(Period(2019)), kpis.k14_goals(K14_CASES, Period(2019)),
        kpis.k3_contact_intensity(empty(contract.CASES), empty(contract.CONTACTS), Q1_2018),
        kpis.k4_topics(empty(contract.CONTACTS), Q1_2018), kpis.k5_referrals(empty(contract.CONTACTS), Q1_2018),
        kpis.k13_employment_at_closure(empty(contract.CASES), Q1_2018),
        kpis.k14_goals(empty(contract.CASES), Q1_2018),
    ]
    for kpi in results:
        json.dumps(asdict(kpi), allow_nan=False)
        for number in (kpi.value, kpi.numerator, kpi.denominator, *kpi.details.values()):
            assert number is None or type(number) in (int, float), (kpi.id, number)


# --- on random data ---------------------------------------------------------------------------------------------


@settings(max_examples=30, deadline=None)
@given(frames=seeded_frames(), year=st.integers(FIRST.year, LAST.year))
def test_counts_fit_together_on_random_data(frames, year):
    """The categories of an exclusive split add up to their total, those of the topics (several per contact)
    cover the contacts with a topic at least once; K3 and K4 count the same contacts, and K3's cases are K2's."""
    cases, contacts = frames["cases"], frames["contacts"]
    for period in [Period(year), *(Period(year, q) for q in range(1, 5))]:
        k3 = kpis.k3_contact_intensity(cases, contacts, period).details
        k4 = kpis.k4_topics(contacts, period).details
        k5 = kpis.k5_referrals(contacts, period).details
        k13 = kpis.k13_employment_at_closure(cases, period).details
        k2 = kpis.k2_cases_per_fte(cases, frames["staffing"], period)

        def total(details: dict, prefix: str) -> int:
            return sum(v for k, v in details.items() if k.startswith(prefix))

        assert total(k3, "contacts_type_") == total(k3, "contacts_officer_") == k3["contacts"] == k4["contacts"]
        assert k3["handled"] == k2.numerator
        topics = [v for k, v in k4.items() if k.startswith("contacts_topic_")]
        with_topic = k4["contacts"] - k4["no_topic"]
        assert max(topics) <= with_topic <= sum(topics)
        assert total(k5, "referrals_partner_") == k5["referrals"] == k5["feedback"] + k5["no_feedback"]
        assert k13["closed"] == k13["integrated"] + k13["not_integrated"]
        assert total(k13, "integrated_status_") == k13["integrated"]
        assert total(k13, "not_integrated_status_") == k13["not_integrated"]
