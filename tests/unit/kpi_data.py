"""Random records of one Gemeinde for property tests: typed frames of every kind, as monitor.queries would load
them after an import. Shared by the registry's identity test and the property test of the published set.

The data are valid as the import makes them valid (etl/transform.py RULES and the contract's required fields
and ranges): required dates are present, a later date of a row is not before its earlier one (cases
opened_on <= closed_on, enrolments entitled_on <= started_on <= ended_on, internships start <= end, partners
active_from <= active_until, staffing valid_from <= valid_until), café counts of first-time visitors and of
women are at most the attendees where both are given, a case's goals reached and partly reached add up to at
most its goals set where those are given, a contact names at least one topic, codes come from their lists, keys
are unique. Everything the import does not check is left random: an optional date may be missing, a contact or
enrolment may name a case that is not in the cases file, two enrolments of one case may both be a first DTZ
attempt, a café count may be given without the attendees, an internship may end before it was placed, an open
case may have an employment status, a contact may have a partner's feedback without a referral.

Of the import's rules, K1's balance needs two: a case without an opening date, or closed before it was
opened, counts as closed in its period but is never active (active at the end of 2020-Q1 = 0, not
0 + 0 - 1). Such rows are refused on import, so they are not generated.

Each row is made by one function from a ``pick`` that chooses values. ``gemeinde_frames`` lets hypothesis
choose every value (small data, fine shrinking); ``seeded_frames`` lets hypothesis choose the number of rows
of each kind and a seed, and the values come from ``random.Random(seed)``: large data at a fraction of the
cost (a failure shrinks to fewer rows and is replayed from its seed).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from functools import cache

import pandas as pd
from hypothesis import strategies as st

from monitor import codes, contract
from monitor.periods import periods_between
from monitor.queries import typed_frame

WIETZE, HAMBUEHREN = "03351023", "03351011"
FIRST, LAST = date(2019, 1, 1), date(2021, 12, 31)
OFFICERS = (("IB-W", "w"), ("IB-M", "m"), ("IB-D", "d"))
REFERRAL_PARTNERS = ("P0", "P1", "P2", "P3")  # partner ids of the partners file (which may be shorter)
Row = dict[str, object]


@cache
def _edges(first: date, last: date) -> tuple[date, ...]:
    """The days in [first, last] on which the period rules change their answer: first and last days of quarters."""
    return tuple(sorted({d for p in periods_between(first, last, quarterly=True) for d in (p.start, p.full_end)
                         if first <= d <= last}))


@cache
def days(first: date, last: date) -> st.SearchStrategy[date]:
    """A day in [first, last], often the first or last day of a quarter."""
    inside = st.dates(first, last)
    return st.one_of(inside, st.sampled_from(_edges(first, last))) if _edges(first, last) else inside


class _Drawn:
    """Values chosen by hypothesis."""

    def __init__(self, draw):
        self.draw = draw

    def day(self, first: date, last: date) -> date:
        return self.draw(days(first, last))

    def choice(self, values: Sequence):
        return self.draw(st.sampled_from(values))

    def integer(self, low: int, high: int) -> int:
        return self.draw(st.integers(low, high))

    def missing(self) -> bool:
        return self.draw(st.booleans())


class _Seeded:
    """Values chosen by a seeded random generator (quarter edges as often as with hypothesis)."""

    def __init__(self, seed: int):
        self.random = random.Random(seed)

    def day(self, first: date, last: date) -> date:
        edges = _edges(first, last)
        if edges and self.random.random() < 0.5:
            return self.random.choice(edges)
        return first + timedelta(days=self.random.randint(0, (last - first).days))

    def choice(self, values: Sequence):
        return self.random.choice(values)

    def integer(self, low: int, high: int) -> int:
        return self.random.randint(low, high)

    def missing(self) -> bool:
        return self.random.random() < 0.3


class _Span:
    """The days the records fall on, and the choices made of them."""

    def __init__(self, pick, first: date, last: date):
        self.pick, self.first, self.last = pick, first, last

    def day(self, first: date | None = None) -> date:
        return self.pick.day(first or self.first, self.last)

    def maybe(self, make: Callable[[], object]):
        """An optional value: None or make()."""
        return None if self.pick.missing() else make()

    def later(self, first: date | None, slack: int = 0) -> date | None:
        """An optional day not before `first` (any day of the span if `first` is missing)."""
        start = first or self.first
        return self.maybe(lambda: self.pick.day(start, max(start, self.last + timedelta(days=slack))))


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


# --- one row of each kind ----------------------------------------------------------------------------------


def _case(s: _Span, n_cases: int) -> Row:
    opened = s.day()
    closed = s.later(opened)
    # Target groups mostly from the first three, so that some reach 10 and others are merged.
    group = s.pick.choice(codes.TARGET_GROUPS if s.pick.integer(0, 3) == 0 else codes.TARGET_GROUPS[:3])
    # a closed case has its reason (the import refuses one without), mostly one of the first three likewise
    reason = s.pick.choice(codes.CLOSURE_REASONS if s.pick.integer(0, 3) == 0 else codes.CLOSURE_REASONS[:3]) \
        if closed else None
    goals = s.maybe(lambda: s.pick.integer(0, 4))
    reached = s.maybe(lambda: s.pick.integer(0, 4 if goals is None else goals))
    # the import refuses reached + partly above the goals set (where they are given)
    partly = s.maybe(lambda: s.pick.integer(0, 4 if goals is None else goals - (reached or 0)))
    # Ortsteile likewise: one large, two small, or none given (K17)
    district = s.maybe(lambda: s.pick.choice(("wietze", "wietze", "wietze", "jeversen", "hornbostel")))
    return {"target_group": group, "gender": s.pick.choice(codes.GENDERS), "district": district,
            "officer": s.pick.choice([o for o, _ in OFFICERS]), "opened_on": _iso(opened),
            "closed_on": _iso(closed), "closure_reason": reason,
            "employable": s.maybe(lambda: s.pick.choice((False, True, True))),
            "employment_at_closure": s.maybe(lambda: s.pick.choice(codes.EMPLOYMENT_STATUS)),
            "goals_set": goals, "goals_reached": reached, "goals_partly": partly}


def _case_ref(s: _Span, n_cases: int) -> str:
    """A case of the file, or now and then one that is not in it."""
    return f"F{s.pick.integer(0, n_cases + 1)}"


def _contact(s: _Span, n_cases: int) -> Row:
    # one to three topics (the field is required), in contract order as the import stores them
    named = {s.pick.choice(codes.TOPICS[:4] if s.pick.integer(0, 3) else codes.TOPICS)
             for _ in range(s.pick.integer(1, 3))}
    return {"case_id": _case_ref(s, n_cases), "date": _iso(s.day()),
            "contact_type": s.pick.choice(codes.CONTACT_TYPES),
            "topics": "|".join(t for t in codes.TOPICS if t in named),
            "officer": s.pick.choice([o for o, _ in OFFICERS] + ["IB-X"]),
            "duration_min": s.maybe(lambda: s.pick.integer(0, 180)),
            "referral_partner": s.maybe(lambda: s.pick.choice(REFERRAL_PARTNERS)),
            "referral_feedback": s.maybe(lambda: s.pick.choice((False, True)))}


def _enrolment(s: _Span, n_cases: int) -> Row:
    entitled = s.maybe(s.day)
    started = s.later(entitled)
    ended = s.later(started or entitled)
    return {"case_id": _case_ref(s, n_cases), "entitlement": "berechtigt", "entitled_on": _iso(entitled),
            "started_on": _iso(started), "ended_on": _iso(ended), "status": s.pick.choice(codes.ENROLMENT_STATUS),
            "dtz_result": s.maybe(lambda: s.pick.choice(codes.DTZ_RESULTS)),
            "dtz_attempt": s.maybe(lambda: s.pick.integer(1, 3))}


def _internship(s: _Span, n_cases: int) -> Row:
    start = s.maybe(s.day)
    end = s.later(start)
    return {"offered_on": _iso(s.day()), "sector": "handwerk", "status": s.pick.choice(codes.INTERNSHIP_STATUS),
            "case_id": s.maybe(lambda: _case_ref(s, n_cases)), "placed_on": _iso(s.maybe(s.day)),
            "start": _iso(start), "end": _iso(end),
            "outcome": s.maybe(lambda: s.pick.choice(codes.INTERNSHIP_OUTCOMES)),
            "outcome_on": _iso(s.later(end, slack=400))}


def _cafe(s: _Span, day: date) -> Row:
    attendees = s.maybe(lambda: s.pick.integer(0, 30))
    most = 30 if attendees is None else attendees  # at most the attendees, where they are given
    return {"date": _iso(day), "cancelled": s.maybe(lambda: s.pick.choice((False, True))), "attendees": attendees,
            "first_time": s.maybe(lambda: s.pick.integer(0, most)), "women": s.maybe(lambda: s.pick.integer(0, most)),
            "volunteers": s.maybe(lambda: s.pick.integer(0, 6))}


def _partner(s: _Span, n_cases: int) -> Row:
    active_from = s.pick.day(s.first - timedelta(days=700), s.last)  # partners from before the records too
    return {"name": "Einrichtung", "partner_type": "verein", "level": "gemeinde", "active_from": _iso(active_from),
            "active_until": _iso(s.later(active_from)), "agreement": s.maybe(lambda: s.pick.choice((False, True))),
            "agreement_on": _iso(s.maybe(s.day))}


def _event(s: _Span, n_cases: int) -> Row:
    return {"date": _iso(s.day()), "event_type": s.pick.choice(codes.EVENT_TYPES)}


def _staffing(s: _Span, n_cases: int) -> Row:
    officer, gender = s.pick.choice(OFFICERS)
    valid_from = s.day()
    return {"officer": officer, "gender": gender, "fte": s.pick.choice((0.25, 0.5, 0.75, 1.0)),
            "valid_from": _iso(valid_from), "valid_until": _iso(s.later(valid_from))}


# --- frames ------------------------------------------------------------------------------------------------


def frame(kind: contract.Kind, ags: str, rows: list[Row], id_field: str | None = None,
          prefix: str = "") -> pd.DataFrame:
    """A typed frame of `rows` for one Gemeinde; with `id_field`, the rows get the ids prefix0, prefix1, ..."""
    rows = [{"ags": ags, **({id_field: f"{prefix}{i}"} if id_field else {}), **row} for i, row in enumerate(rows)]
    return typed_frame(kind, pd.DataFrame(rows, columns=[f.name for f in kind.fields]))


# kind -> (row function, id field, id prefix); café sessions and staffing are keyed by their dates
_ROWS = {
    "cases": (_case, "case_id", "F"),
    "contacts": (_contact, "contact_id", "K"),
    "enrolments": (_enrolment, "enrolment_id", "T"),
    "internships": (_internship, "internship_id", "PB"),
    "partners": (_partner, "partner_id", "P"),
    "network_events": (_event, "event_id", "NT"),
}


def _frames(ags: str, span: _Span, sizes: dict[str, int]) -> dict[str, pd.DataFrame]:
    out = {kind.name: frame(kind, ags, []) for kind in contract.KINDS}
    n_cases = sizes["cases"]
    for name, (make, id_field, prefix) in _ROWS.items():
        rows = [make(span, n_cases) for _ in range(sizes[name])]
        out[name] = frame(contract.kind(name), ags, rows, id_field, prefix)
    cafe_days = sorted({span.day() for _ in range(sizes["cafe_sessions"])})  # the date is the key
    out["cafe_sessions"] = frame(contract.CAFE, ags, [_cafe(span, day) for day in cafe_days])
    staffing = {}
    for _ in range(sizes["staffing"]):
        row = _staffing(span, n_cases)
        staffing.setdefault((row["officer"], row["valid_from"]), row)  # the key: officer and valid_from
    out["staffing"] = frame(contract.STAFFING, ags, list(staffing.values()))
    return out


def _sizes(max_cases: int, max_rows: int) -> st.SearchStrategy[dict[str, int]]:
    most = {"cases": max_cases, "partners": 12, "staffing": 4}
    return st.fixed_dictionaries({name: st.integers(0, most.get(name, max_rows))
                                  for name in [*_ROWS, "cafe_sessions", "staffing"]})


@st.composite
def gemeinde_frames(draw, ags: str = WIETZE, first: date = FIRST, last: date = LAST, max_cases: int = 40,
                    max_rows: int = 30) -> dict[str, pd.DataFrame]:
    """Every kind's frame for one Gemeinde, its records between `first` and `last`, each value chosen by
    hypothesis (any kind may be empty)."""
    return _frames(ags, _Span(_Drawn(draw), first, last), draw(_sizes(max_cases, max_rows)))


@st.composite
def seeded_frames(draw, ags: str = WIETZE, first: date = FIRST, last: date = LAST, max_cases: int = 80,
                  max_rows: int = 80) -> dict[str, pd.DataFrame]:
    """As gemeinde_frames, the number of rows of each kind chosen by hypothesis, the values from a seed."""
    sizes, seed = draw(_sizes(max_cases, max_rows)), draw(st.integers(0, 2**32 - 1))
    return _frames(ags, _Span(_Seeded(seed), first, last), sizes)
