"""The breakdowns and added parts of the offerings' KPIs on small hand-made frames: K12 (Praktikumsbörse) by sector
and the months to a transition, K15 (Integrationscafé) by calendar week and the children brought along, K16
(Netzwerk) by partner type and level. Expected values are counted by hand; the comment next to each assertion
says which rows make them up."""

from __future__ import annotations

import json

import pytest

from monitor import codes, contract, kpis, registry
from monitor.periods import Period
from tests.unit.test_kpis_beratung import YEAR_2018, empty, frame

YEAR_2019 = Period(2019)


def _zeros_but(prefix: str, code_list: tuple[str, ...], counts: dict[str, int]) -> dict[str, int]:
    """Every code of the list as ``{prefix}_{code}``: the given counts, 0 for the others."""
    return {f"{prefix}_{code}": counts.get(code, 0) for code in code_list}


def _with_prefix(details: dict, prefix: str) -> dict:
    return {k: v for k, v in details.items() if k.startswith(prefix)}


# --- K12 --------------------------------------------------------------------------------------------------


def internship(iid, sector, offered, status, placed=None, end=None, outcome=None, outcome_on=None) -> dict:
    return {"internship_id": iid, "offered_on": offered, "sector": sector, "status": status, "placed_on": placed,
            "end": end, "outcome": outcome, "outcome_on": outcome_on}


K12_INTERNSHIPS = frame(
    contract.INTERNSHIPS,
    # ended 15.03., follow-up on 01.08.: 15.07. is 4 months later, 15.08. would be 5: 4 whole months
    internship("1", "handwerk", "2019-01-10", "abgeschlossen", "2019-02-01", "2019-03-15", "ausbildung", "2019-08-01"),
    # ended 31.08., follow-up on 29.02.2020 (the last day of the six-month window): 6 months
    internship("2", "pflege_gesundheit", "2018-11-01", "abgeschlossen", "2019-01-15", "2019-08-31", "beschaeftigung",
               "2020-02-29"),
    # the follow-up began before the internship ended: 0 months
    internship("3", "handwerk", "2019-04-01", "abgeschlossen", "2019-05-01", "2019-06-30", "ausbildung", "2019-06-20"),
    internship("4", "logistik", "2019-05-01", "angeboten"),  # offered only
    # ended 31.05., follow-up on 01.07.: 30.06. is 1 month later, 31.07. would be 2: 1 month
    internship("5", "gastronomie_hotel", "2019-02-01", "abgeschlossen", "2019-03-01", "2019-05-31", "beschaeftigung",
               "2019-07-01"),
    internship("6", "handwerk", "2019-06-01", "abgebrochen", "2019-06-15", "2019-07-01"),  # placed, not completed
    # completed in 2019 (offered and placed in 2018), went on to another internship: no transition
    internship("7", "einzelhandel", "2018-03-01", "abgeschlossen", "2018-04-01", "2019-01-31", "weiteres_praktikum",
               "2019-02-01"),
    # ended 31.10., the window closes on 30.04.2020: a follow-up on 01.05.2020 is one day too late
    internship("8", "pflege_gesundheit", "2019-09-01", "abgeschlossen", "2019-10-01", "2019-10-31", "ausbildung",
               "2020-05-01"),
    # ended 31.12., follow-up on 31.01.2020: exactly 1 month
    internship("9", "handwerk", "2019-10-15", "abgeschlossen", "2019-11-01", "2019-12-31", "ausbildung", "2020-01-31"),
)


def test_k12_by_sector_year():
    details = kpis.k12_internships(K12_INTERNSHIPS, YEAR_2019).details
    assert details["offered"] == 7  # 1, 3, 4, 5, 6, 8, 9 (2 and 7 offered in 2018)
    assert _with_prefix(details, "offered_sector_") == _zeros_but("offered_sector", codes.SECTORS, {
        "handwerk": 4,  # 1, 3, 6, 9
        "logistik": 1,  # 4
        "gastronomie_hotel": 1,  # 5
        "pflege_gesundheit": 1,  # 8
    })
    assert details["placed"] == 7  # 1, 2, 3, 5, 6, 8, 9 (7 placed in 2018, 4 never)
    assert _with_prefix(details, "placed_sector_") == _zeros_but("placed_sector", codes.SECTORS, {
        "handwerk": 4,  # 1, 3, 6, 9
        "pflege_gesundheit": 2,  # 2, 8
        "gastronomie_hotel": 1,  # 5
    })
    assert details["completed"] == 7  # 1, 2, 3, 5, 7, 8, 9 (6 abgebrochen)
    assert _with_prefix(details, "completed_sector_") == _zeros_but("completed_sector", codes.SECTORS, {
        "handwerk": 3,  # 1, 3, 9
        "pflege_gesundheit": 2,  # 2, 8
        "gastronomie_hotel": 1,  # 5
        "einzelhandel": 1,  # 7
    })


def test_k12_by_sector_quarter():
    details = kpis.k12_internships(K12_INTERNSHIPS, Period(2019, 1)).details
    assert (details["offered"], details["placed"], details["completed"]) == (2, 3, 2)  # 1, 5; 1, 2, 5; 1, 7
    assert (details["offered_sector_handwerk"], details["offered_sector_gastronomie_hotel"]) == (1, 1)  # 1; 5
    assert (details["placed_sector_handwerk"], details["placed_sector_pflege_gesundheit"],
            details["placed_sector_gastronomie_hotel"]) == (1, 1, 1)  # 1; 2; 5
    assert (details["completed_sector_handwerk"], details["completed_sector_einzelhandel"]) == (1, 1)  # 1; 7
    assert sum(v for k, v in details.items() if k.startswith("completed_sector_")) == 2


def test_k12_months_to_transition():
    year = kpis.k12_internships(K12_INTERNSHIPS, YEAR_2019).details
    assert year["transitions"] == 5  # 1, 2, 3, 5, 9 (7 another internship, 8 one day too late)
    assert year["months_to_transition"] == 1  # median of 0 (3), 1 (5), 1 (9), 4 (1), 6 (2)
    by_quarter = [kpis.k12_internships(K12_INTERNSHIPS, Period(2019, q)).details["months_to_transition"]
                  for q in range(1, 5)]
    assert by_quarter == [4, 0.5, 6, 1]  # 1; 3 and 5 (0, 1); 2; 9 (8 is no transition)
    assert kpis.k12_internships(K12_INTERNSHIPS, Period(2018)).details["months_to_transition"] is None  # none


@pytest.mark.parametrize("outcome_on,months", [
    ("2019-08-31", 0),  # the day it ended
    ("2019-09-29", 0),  # one day short of a month (31.08. + 1 month is 30.09.)
    ("2019-09-30", 1),
    ("2020-02-28", 5),  # one day short of six months
    ("2020-02-29", 6),  # the last day of the six-month window
])
def test_k12_whole_calendar_months_as_the_window_counts_them(outcome_on, months):
    row = internship("1", "reinigung", "2019-05-01", "abgeschlossen", "2019-06-01", "2019-08-31", "ausbildung",
                     outcome_on)
    details = kpis.k12_internships(frame(contract.INTERNSHIPS, row), YEAR_2019).details
    assert (details["transitions"], details["months_to_transition"]) == (1, months)


def test_k12_empty_has_every_sector_at_zero():
    details = kpis.k12_internships(empty(contract.INTERNSHIPS), YEAR_2019).details
    assert details["months_to_transition"] is None
    for name in ("offered", "placed", "completed"):
        assert _with_prefix(details, f"{name}_sector_") == _zeros_but(f"{name}_sector", codes.SECTORS, {})


def test_k12_registry_figures_add_up_by_sector():
    spec = registry.spec("K12")
    values = spec.figures(kpis.k12_internships(K12_INTERNSHIPS, YEAR_2019))
    for total in ("offered", "placed", "completed"):
        breakdown = spec.breakdown_named(f"{total}_sector")
        assert sum(values[breakdown.part(c)] for c in codes.SECTORS) == values[total] == 7
    assert values["months_to_transition"] == 1
    assert not spec.part("offered_sector_handwerk").people  # places offered are no people
    assert spec.part("placed_sector_handwerk").people and spec.part("completed_sector_handwerk").people


# --- K15 --------------------------------------------------------------------------------------------------


def session(day, cancelled=False, children=None, attendees=None) -> dict:
    return {"date": day, "cancelled": cancelled, "attendees": attendees, "children": children}


K15_SESSIONS = frame(
    contract.CAFE,
    session("2018-09-26", children=2),  # Q3, ISO week 39
    session("2018-10-03", children=4),  # week 40 (Monday 01.10.)
    session("2018-10-05", cancelled=True),  # week 40, cancelled
    session("2018-10-10"),  # week 41, held, children not counted
    session("2018-10-17", cancelled=None, children=0),  # week 42, no flag: held, no children
    session("2018-12-28", cancelled=True, children=3),  # week 52, cancelled: its count does not count
    session("2018-12-31", children=5),  # a Monday: ISO week 01 of 2019, but a session of 2018
    session("2019-01-02", children=7),  # week 01, next year
)


def test_k15_by_calendar_week_quarter():
    details = kpis.k15_cafe(K15_SESSIONS, Period(2018, 4)).details
    assert (details["planned"], details["held"]) == (6, 4)  # 03., 05., 10., 17.10., 28., 31.12.; 03., 10., 17., 31.
    assert _with_prefix(details, "planned_week_") == {
        "planned_week_01": 1,  # 31.12.
        "planned_week_40": 2,  # 03., 05.10.
        "planned_week_41": 1,  # 10.10.
        "planned_week_42": 1,  # 17.10.
        "planned_week_52": 1,  # 28.12.
    }
    assert _with_prefix(details, "held_week_") == {  # only the weeks with a held session
        "held_week_01": 1, "held_week_40": 1, "held_week_41": 1, "held_week_42": 1,
    }


def test_k15_by_calendar_week_year():
    details = kpis.k15_cafe(K15_SESSIONS, YEAR_2018).details
    assert _with_prefix(details, "held_week_") == {
        "held_week_01": 1, "held_week_39": 1, "held_week_40": 1, "held_week_41": 1, "held_week_42": 1,
    }  # 31.12., 26.09., 03.10., 10.10., 17.10.
    assert sum(_with_prefix(details, "planned_week_").values()) == details["planned"] == 7  # Q4's 6 and 26.09.
    assert _with_prefix(kpis.k15_cafe(K15_SESSIONS, YEAR_2019).details, "planned_week_") == {"planned_week_01": 1}


def test_k15_children():
    q4 = kpis.k15_cafe(K15_SESSIONS, Period(2018, 4)).details
    assert (q4["children"], q4["children_counted"]) == (9, 3)  # 4 + 0 + 5 (03., 17.10., 31.12.; 10.10. not counted)
    assert q4["mean_children"] == pytest.approx(3.0)  # 9 / 3
    year = kpis.k15_cafe(K15_SESSIONS, YEAR_2018).details
    assert (year["children"], year["children_counted"]) == (11, 4)  # Q4 and 2 on 26.09.
    assert year["mean_children"] == pytest.approx(11 / 4)
    nothing = kpis.k15_cafe(frame(contract.CAFE, session("2018-10-03")), Period(2018, 4)).details
    assert (nothing["children"], nothing["children_counted"], nothing["mean_children"]) == (0, 0, None)


def test_k15_empty_has_no_weeks():
    details = kpis.k15_cafe(empty(contract.CAFE), YEAR_2018).details
    assert not _with_prefix(details, "planned_week_") and not _with_prefix(details, "held_week_")
    assert (details["children"], details["mean_children"]) == (0, None)


def test_k15_registry_finds_the_weeks_and_names_them():
    spec = registry.spec("K15")
    values = spec.figures(kpis.k15_cafe(K15_SESSIONS, Period(2018, 4)))
    held = spec.breakdown_named("held_week")
    assert spec.categories_in(held, values) == ("01", "40", "41", "42")
    assert spec.categories_in(spec.breakdown_named("planned_week"), values) == ("01", "40", "41", "42", "52")
    assert not spec.part("held_week_40").people and spec.part("held_week_40").additive
    mean = spec.part("mean_children")
    assert (mean.kind, mean.people, mean.of) == (registry.MEAN, True, ("children", "children_counted"))


# --- K16 --------------------------------------------------------------------------------------------------


def partner(pid, partner_type, level, active_from, active_until=None) -> dict:
    return {"partner_id": pid, "name": f"Partner {pid}", "partner_type": partner_type, "level": level,
            "active_from": active_from, "active_until": active_until}


K16_PARTNERS = frame(
    contract.PARTNERS,
    partner("P1", "kurstraeger", "landkreis", "2016-01-01"),
    partner("P2", "jobcenter", "landkreis", "2017-05-01", "2018-12-31"),  # until the reference day: active
    partner("P3", "verein", "gemeinde", "2018-03-01", "2018-06-30"),  # only in Q2 (until 30.06. inclusive)
    partner("P4", "kurstraeger", "gemeinde", "2019-01-01"),  # joined after 2018
    partner("P5", "schule", "gemeinde", "2018-12-31"),  # joined on the reference day
    partner("P6", "migrationsberatung", "land", "2015-01-01", "2018-12-30"),  # left the day before
)


def test_k16_by_type_and_level_year():
    kpi = kpis.k16_network(K16_PARTNERS, empty(contract.EVENTS), YEAR_2018)
    assert kpi.value == 3  # P1, P2, P5 on 31.12.2018
    assert _with_prefix(kpi.details, "partners_partner_type_") == _zeros_but(
        "partners_partner_type", codes.PARTNER_TYPES, {"kurstraeger": 1, "jobcenter": 1, "schule": 1})  # P1; P2; P5
    assert _with_prefix(kpi.details, "partners_level_") == _zeros_but(
        "partners_level", codes.PARTNER_LEVELS, {"landkreis": 2, "gemeinde": 1})  # P1, P2; P5


def test_k16_by_type_and_level_quarter():
    kpi = kpis.k16_network(K16_PARTNERS, empty(contract.EVENTS), Period(2018, 2))
    assert kpi.value == 4  # P1, P2, P3, P6 on 30.06.2018
    assert _with_prefix(kpi.details, "partners_partner_type_") == _zeros_but(
        "partners_partner_type", codes.PARTNER_TYPES,
        {"kurstraeger": 1, "jobcenter": 1, "verein": 1, "migrationsberatung": 1})  # P1; P2; P3; P6
    assert _with_prefix(kpi.details, "partners_level_") == _zeros_but(
        "partners_level", codes.PARTNER_LEVELS, {"landkreis": 2, "gemeinde": 1, "land": 1})  # P1, P2; P3; P6


def test_k16_registry_breakdowns_are_stocks_of_institutions():
    spec = registry.spec("K16")
    values = spec.figures(kpis.k16_network(K16_PARTNERS, empty(contract.EVENTS), YEAR_2018))
    for name, code_list in (("partners_partner_type", codes.PARTNER_TYPES), ("partners_level", codes.PARTNER_LEVELS)):
        breakdown = spec.breakdown_named(name)
        assert sum(values[breakdown.part(c)] for c in code_list) == values["partners"] == 3
    part = spec.part("partners_level_land")
    assert part.stock and not part.people and not part.additive


def test_results_are_plain_json():
    for kpi in (kpis.k12_internships(K12_INTERNSHIPS, YEAR_2019), kpis.k15_cafe(K15_SESSIONS, YEAR_2018),
                kpis.k16_network(K16_PARTNERS, empty(contract.EVENTS), YEAR_2018)):
        json.dumps(kpi.details)
