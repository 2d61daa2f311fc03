"""Hypothesis strategies for the records of one Gemeinde: typed frames of every kind, as monitor.queries would
load them after an import. Shared by the registry's identity test and the property test of the published set.

The data are valid as the import makes them valid (etl/transform.py RULES and the contract's required fields
and ranges): required dates are present, a later date of a row is not before its earlier one (cases
opened_on <= closed_on, enrolments entitled_on <= started_on <= ended_on, internships start <= end, partners
active_from <= active_until, staffing valid_from <= valid_until), café counts of first-time visitors and of
women are at most the attendees where both are given, codes come from their lists, keys are unique. Everything
the import does not check is left random: an optional date may be missing, a contact or enrolment may name a
case that is not in the cases file, two enrolments of one case may both be a first DTZ attempt, a café count
may be given without the attendees, an internship may end before it was placed.
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
from hypothesis import strategies as st

from monitor import codes, contract
from monitor.periods import Period
from monitor.queries import typed_frame

WIETZE, HAMBUEHREN = "03351023", "03351011"
FIRST, LAST = date(2019, 1, 1), date(2021, 12, 31)
OFFICERS = (("IB-W", "w"), ("IB-M", "m"), ("IB-D", "d"))

# Days on which the period rules change their answer: first and last days of quarters, and the day after.
_EDGES = sorted({d for year in range(FIRST.year, LAST.year + 1) for q in range(1, 5)
                 for p in [Period(year, q)] for d in (p.start, p.full_end, p.full_end + timedelta(days=1))
                 if d <= LAST})


def days(first: date = FIRST, last: date = LAST) -> st.SearchStrategy[date]:
    """A day in [first, last], quarter edges often."""
    edges = [d for d in _EDGES if first <= d <= last]
    inside = st.dates(first, last)
    return st.one_of(inside, st.sampled_from(edges)) if edges else inside


def _maybe(strategy: st.SearchStrategy) -> st.SearchStrategy:
    return st.one_of(st.none(), strategy)


def _later(first: date | None, last: date = LAST) -> st.SearchStrategy[date | None]:
    """An optional day not before `first` (any day if `first` is missing)."""
    return _maybe(days(first or FIRST, max(first or FIRST, last)))


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


@st.composite
def _case(draw) -> dict:
    opened = draw(days())
    closed = draw(_later(opened))
    # Target groups drawn mostly from the first three, so that some reach 10 and others are merged.
    group = draw(st.one_of(st.sampled_from(codes.TARGET_GROUPS[:3]), st.sampled_from(codes.TARGET_GROUPS)))
    return {"target_group": group, "gender": draw(st.sampled_from(codes.GENDERS)),
            "officer": draw(st.sampled_from([o for o, _ in OFFICERS])), "opened_on": _iso(opened),
            "closed_on": _iso(closed), "closure_reason": "sonstiges" if closed else None}


def _case_ref(n_cases: int) -> st.SearchStrategy[str]:
    """A case of the file, or now and then one that is not in it."""
    return st.integers(0, n_cases + 1).map(lambda i: f"F{i}")


@st.composite
def _contact(draw, n_cases: int) -> dict:
    return {"case_id": draw(_case_ref(n_cases)), "date": _iso(draw(days())),
            "contact_type": draw(st.sampled_from(codes.CONTACT_TYPES)), "topics": "aufenthalt",
            "officer": draw(st.sampled_from([o for o, _ in OFFICERS] + ["IB-X"]))}


@st.composite
def _enrolment(draw, n_cases: int) -> dict:
    entitled = draw(_maybe(days()))
    started = draw(_later(entitled))
    ended = draw(_later(started or entitled))
    status = draw(st.sampled_from(codes.ENROLMENT_STATUS))
    return {"case_id": draw(_case_ref(n_cases)), "entitlement": "berechtigt", "entitled_on": _iso(entitled),
            "started_on": _iso(started), "ended_on": _iso(ended), "status": status,
            "dtz_result": draw(_maybe(st.sampled_from(codes.DTZ_RESULTS))),
            "dtz_attempt": draw(_maybe(st.integers(1, 3)))}


@st.composite
def _internship(draw, n_cases: int) -> dict:
    start = draw(_maybe(days()))
    end = draw(_later(start))
    outcome_on = draw(_maybe(days(end or FIRST, LAST + timedelta(days=400))))
    return {"offered_on": _iso(draw(days())), "sector": "handwerk",
            "status": draw(st.sampled_from(codes.INTERNSHIP_STATUS)),
            "case_id": draw(_maybe(_case_ref(n_cases))), "placed_on": _iso(draw(_maybe(days()))),
            "start": _iso(start), "end": _iso(end),
            "outcome": draw(_maybe(st.sampled_from(codes.INTERNSHIP_OUTCOMES))), "outcome_on": _iso(outcome_on)}


@st.composite
def _cafe(draw, day: date) -> dict:
    attendees = draw(_maybe(st.integers(0, 30)))
    part = st.integers(0, attendees) if attendees is not None else st.integers(0, 30)  # at most the attendees
    return {"date": _iso(day), "cancelled": draw(_maybe(st.booleans())), "attendees": attendees,
            "first_time": draw(_maybe(part)), "women": draw(_maybe(part)),
            "volunteers": draw(_maybe(st.integers(0, 6)))}


@st.composite
def _partner(draw) -> dict:
    active_from = draw(days(FIRST - timedelta(days=700), LAST))
    return {"name": "Einrichtung", "partner_type": "verein", "level": "gemeinde", "active_from": _iso(active_from),
            "active_until": _iso(draw(_later(active_from))), "agreement": draw(_maybe(st.booleans())),
            "agreement_on": _iso(draw(_maybe(days())))}


@st.composite
def _event(draw) -> dict:
    return {"date": _iso(draw(days())), "event_type": draw(st.sampled_from(codes.EVENT_TYPES))}


@st.composite
def _staffing(draw) -> dict:
    officer, gender = draw(st.sampled_from(OFFICERS))
    valid_from = draw(days(FIRST - timedelta(days=400), LAST))
    return {"officer": officer, "gender": gender, "fte": draw(st.sampled_from([0.25, 0.5, 0.75, 1.0])),
            "valid_from": _iso(valid_from), "valid_until": _iso(draw(_later(valid_from)))}


def frame(kind: contract.Kind, ags: str, rows: list[dict], id_field: str | None = None,
          prefix: str = "") -> pd.DataFrame:
    """A typed frame of `rows` for one Gemeinde; with `id_field`, the rows get the ids prefix0, prefix1, ..."""
    rows = [{"ags": ags, **({id_field: f"{prefix}{i}"} if id_field else {}), **row} for i, row in enumerate(rows)]
    return typed_frame(kind, pd.DataFrame(rows, columns=[f.name for f in kind.fields]))


@st.composite
def gemeinde_frames(draw, ags: str = WIETZE, max_cases: int = 40, max_rows: int = 30) -> dict[str, pd.DataFrame]:
    """Every kind's frame for one Gemeinde (any of them may be empty)."""
    cases = draw(st.lists(_case(), max_size=max_cases))
    n = len(cases)
    contacts = draw(st.lists(_contact(n), max_size=max_rows))
    enrolments = draw(st.lists(_enrolment(n), max_size=max_rows))
    internships = draw(st.lists(_internship(n), max_size=max_rows))
    cafe_days = draw(st.lists(days(), max_size=max_rows, unique=True))  # the date is the key
    cafe = [draw(_cafe(day)) for day in cafe_days]
    partners = draw(st.lists(_partner(), max_size=12))
    events = draw(st.lists(_event(), max_size=max_rows))
    staffing = draw(st.lists(_staffing(), max_size=4, unique_by=lambda r: (r["officer"], r["valid_from"])))
    return {
        "cases": frame(contract.CASES, ags, cases, "case_id", "F"),
        "contacts": frame(contract.CONTACTS, ags, contacts, "contact_id", "K"),
        "courses": frame(contract.COURSES, ags, []),
        "enrolments": frame(contract.ENROLMENTS, ags, enrolments, "enrolment_id", "T"),
        "internships": frame(contract.INTERNSHIPS, ags, internships, "internship_id", "PB"),
        "cafe_sessions": frame(contract.CAFE, ags, cafe),
        "partners": frame(contract.PARTNERS, ags, partners, "partner_id", "P"),
        "network_events": frame(contract.EVENTS, ags, events, "event_id", "NT"),
        "staffing": frame(contract.STAFFING, ags, staffing),
    }
