"""KPI functions (docs/kennzahlen.md, K1...K18): pure functions over the data frames of monitor.queries.

Frames have the contract's English field names as columns; date columns are datetime64, counts Int64,
flags boolean. Every function takes the period it reports on and returns a Kpi. Frames may hold several
Gemeinden: the functions compute over whatever rows they get (the caller filters by ags). A null date
never matches a period or a reference date, so such rows simply do not count.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from monitor import codes
from monitor.periods import Period, periods_between


@dataclass(frozen=True)
class Kpi:
    id: str  # "K1" ... "K18"
    value: float | None  # the headline figure; None when it cannot be computed (no denominator, no data)
    unit: str  # "count", "ratio" (0..1), "per_fte", "days", "mean"
    numerator: float | None = None
    denominator: float | None = None
    details: dict[str, float | None] = field(default_factory=dict)  # further named figures of the KPI


# Benchmark from migration counselling (docs/kennzahlen.md, K2): about 150 cases per FTE a year are workable.
CASES_PER_FTE_BENCHMARK = 150.0
# K8: enrolment states that mean "ended".
_COMPLETED, _DROPPED = "regulaer_beendet", "abgebrochen"
# K9: DTZ results of people who sat the test ("nicht_teilgenommen" did not).
_DTZ_TAKEN = ("B1", "A2", "unter_A2")
# K6: entitlements to a course (an obligation counts as one); "ohne" is a course need without an entitlement.
_ENTITLED = ("berechtigt", "verpflichtet")
# K7: the norm for the time from entitlement to course start.
WAIT_NORM_DAYS = 42
# K11: the course types of the Integrationskursverordnung (job-related and local courses are not integration
# courses).
INTEGRATION_COURSES = tuple(c for c in codes.COURSE_TYPES if not c.startswith(("bsk_", "lokal_")))
# K12: a transition counts if the follow-up starts at most this long after the internship ended.
_TRANSITION_WINDOW = pd.DateOffset(months=6)
# K16: event types that count as network meetings (case conferences are counted apart).
_MEETING_TYPES = ("netzwerktreffen", "arbeitskreis", "fachveranstaltung")
_CASE_CONFERENCE = "fallkonferenz"


# --- small helpers: the one place for each date rule -------------------------------------------------------


def _ts(day: date) -> pd.Timestamp:
    return pd.Timestamp(day)


def _flag(values: pd.Series) -> pd.Series:
    """A boolean mask without NA: NA (unknown) becomes False."""
    return values.astype("boolean").fillna(False).astype(bool)


def _in_period(dates: pd.Series, period: Period) -> pd.Series:
    """Dates inside the period, both ends inclusive; NaT never matches."""
    return dates.between(_ts(period.start), _ts(period.end))


def _active_on(opened: pd.Series, closed: pd.Series, day: date) -> pd.Series:
    """Cases open on `day`: opened on or before it and not closed on or before it (the closing day is not active)."""
    day = _ts(day)
    return (opened <= day) & (closed.isna() | (closed > day))


def _overlaps(first: pd.Series, last: pd.Series, start: date, end: date) -> pd.Series:
    """Spans [first, last] (last null = open-ended, both inclusive) that share at least one day with [start, end]."""
    return (first <= _ts(end)) & (last.isna() | (last >= _ts(start)))


def _handled_in(cases: pd.DataFrame, period: Period) -> pd.Series:
    """Cases handled in the period: active on at least one of its days (opened by its end, not closed before
    its start)."""
    return _overlaps(cases["opened_on"], cases["closed_on"], period.start, period.end)


def _case_flows(cases: pd.DataFrame, period: Period) -> tuple[pd.Series, pd.Series, pd.Series]:
    """The masks of K1's three counts: cases active on period.end, opened in the period, closed in it (K1, K17)."""
    return (_active_on(cases["opened_on"], cases["closed_on"], period.end), _in_period(cases["opened_on"], period),
            _in_period(cases["closed_on"], period))


def _share(part: float, whole: float) -> float | None:
    return float(part) / float(whole) if whole else None


def _mean(values: pd.Series) -> float | None:
    values = values.dropna()
    return float(values.mean()) if len(values) else None


def _mean_fte(staffing: pd.DataFrame, period: Period) -> float:
    """Mean over the period's days of the summed FTE of all staffing rows valid on that day (exact, by overlap days)."""
    start, end = _ts(period.start), _ts(period.end)
    first = staffing["valid_from"].clip(lower=start)
    last = staffing["valid_until"].fillna(end).clip(upper=end)
    overlap_days = ((last - first).dt.days + 1).clip(lower=0).fillna(0)  # NaT valid_from: no days
    fte_days = (staffing["fte"].astype("Float64").fillna(0) * overlap_days).sum()
    return float(fte_days) / period.days


def _text(values: pd.Series) -> pd.Series:
    """A text column with "" for missing values, so that its values compare and hash as plain strings."""
    return values.astype("string").fillna("")


def _codes_per_row(values: pd.Series) -> pd.DataFrame:
    """The codes of a ``codes`` field (stored joined by |; a , or ; splits too), one row per row position and
    code, each code once per row: columns ``row`` (0, 1, ... in the order of `values`) and ``code``."""
    split = _text(values).reset_index(drop=True).str.split(r"[|,;]", regex=True).explode()
    pairs = pd.DataFrame({"row": split.index, "code": split.astype("string").str.strip().to_numpy()})
    return pairs[pairs["code"] != ""].drop_duplicates()


def _by_code(values: pd.Series, prefix: str, fixed: tuple[str, ...] | None = None) -> dict[str, float | None]:
    """Counts of the rows per code, as details ``{prefix}_{code}``: every code of `fixed` (zeros included), or,
    without a fixed list, every code present (trimmed, sorted; a row without a code counts in none)."""
    counts = _text(values).str.strip().value_counts()
    present = fixed if fixed is not None else sorted(code for code in counts.index if code)
    return {f"{prefix}_{code}": int(counts.get(code, 0)) for code in present}


def _course_types(enrolments: pd.DataFrame, courses: pd.DataFrame | None) -> pd.Series:
    """Each enrolment's course type (by Gemeinde and course_id), codes.NO_COURSE_TYPE where its course is not
    known (no course yet, a course not in the course file, or no course file given)."""
    types = {} if courses is None else dict(zip(zip(courses["ags"], courses["course_id"]), courses["course_type"]))
    return pd.Series([types.get(key, codes.NO_COURSE_TYPE) for key in zip(enrolments["ags"], enrolments["course_id"])],
                     index=enrolments.index, dtype=object)


# --- KPIs --------------------------------------------------------------------------------------------------


def k1_cases(cases: pd.DataFrame, period: Period) -> Kpi:
    """K1: cases open on the reference date period.end (opened_on <= end and closed_on empty or after end),
    with the cases opened and the cases closed in the period; the open, opened and closed cases per target group
    (every code of codes.TARGET_GROUPS, zeros included); the closed cases
    per closure reason (every code of codes.CLOSURE_REASONS, zeros included: the import refuses a closed case
    without one, so they add up to the closed cases); and the median days from opening to closing over the cases
    closed in the period (None without any)."""
    active, opened, closed = _case_flows(cases, period)
    days = (cases.loc[closed, "closed_on"] - cases.loc[closed, "opened_on"]).dt.days.dropna()
    details: dict[str, float | None] = {
        "opened": int(opened.sum()),
        "closed": int(closed.sum()),
        "median_days_to_closure": float(days.median()) if len(days) else None,
    }
    for stem, rows in (("active", active), ("opened_target_group", opened), ("closed_target_group", closed)):
        by_group = cases.loc[rows, "target_group"].value_counts()
        details.update({f"{stem}_{group}": int(by_group.get(group, 0)) for group in codes.TARGET_GROUPS})
    by_reason = _text(cases.loc[closed, "closure_reason"]).str.strip().value_counts()
    details.update({f"closed_reason_{reason}": int(by_reason.get(reason, 0)) for reason in codes.CLOSURE_REASONS})
    return Kpi("K1", int(active.sum()), "count", details=details)


def k2_cases_per_fte(cases: pd.DataFrame, staffing: pd.DataFrame, period: Period) -> Kpi:
    """K2: cases handled in the period (open on at least one of its days) divided by the mean FTE of the post
    over the period (daily sum of the FTE of all valid staffing rows, averaged over the period's days)."""
    handled = int(_handled_in(cases, period).sum())
    fte = _mean_fte(staffing, period)
    value = handled / fte if fte > 0 else None
    return Kpi("K2", value, "per_fte", numerator=handled, denominator=fte,
               details={"fte": fte, "benchmark_per_year": CASES_PER_FTE_BENCHMARK})


def k3_contact_intensity(cases: pd.DataFrame, contacts: pd.DataFrame, period: Period) -> Kpi:
    """K3: the contacts dated in the period per case handled in the period (open on at least one of its days,
    as in K2). Every contact of the period counts, also one whose case is not in the cases (the work was done);
    a contact without a date counts in no period. With the contacts by contact type (every code of
    codes.CONTACT_TYPES, zeros included) and by officer (the officer codes of the period's contacts, trimmed),
    and the mean duration in minutes over the contacts of the period whose duration is given (``timed``).
    None while no case is handled in the period."""
    rows = contacts[_in_period(contacts["date"], period)]
    n_contacts = len(rows)
    handled = int(_handled_in(cases, period).sum())
    durations = rows["duration_min"].dropna()
    details: dict[str, float | None] = {
        "contacts": n_contacts,
        "handled": handled,
        "timed": len(durations),
        "mean_duration": _mean(durations),
    }
    details.update(_by_code(rows["contact_type"], "contacts_type", codes.CONTACT_TYPES))
    details.update(_by_code(rows["officer"], "contacts_officer"))
    return Kpi("K3", _share(n_contacts, handled), "mean", numerator=n_contacts, denominator=handled,
               details=details)


def k4_topics(contacts: pd.DataFrame, period: Period) -> Kpi:
    """K4: the contacts dated in the period, and per topic of codes.TOPICS (zeros included) the contacts of the
    period that name it. A contact may name several topics, so it counts under each of them and the topics do
    not add up to the contacts; a contact that names no topic of the list counts under ``no_topic``. The share
    of a topic is its count over the contacts (computed by the views); its change over the years is read
    from the figures of the periods."""
    rows = contacts[_in_period(contacts["date"], period)]
    pairs = _codes_per_row(rows["topics"])
    pairs = pairs[pairs["code"].isin(codes.TOPICS)]
    counts = pairs["code"].value_counts()
    details: dict[str, float | None] = {
        "contacts": len(rows),
        "no_topic": len(rows) - int(pairs["row"].nunique()),
    }
    details.update({f"contacts_topic_{code}": int(counts.get(code, 0)) for code in codes.TOPICS})
    return Kpi("K4", len(rows), "count", details=details)


def k5_referrals(contacts: pd.DataFrame, period: Period) -> Kpi:
    """K5: the contacts dated in the period with a referral (``referral_partner`` given), by partner (the
    partner codes of those referrals, trimmed), and the share of them with the partner's feedback received
    (``referral_feedback`` yes; empty counts as not received). A feedback without a referral partner is no
    referral and counts nowhere."""
    rows = contacts[_in_period(contacts["date"], period)]
    partner = _text(rows["referral_partner"]).str.strip()
    referrals = rows[partner != ""]
    n_referrals = len(referrals)
    feedback = int(_flag(referrals["referral_feedback"]).sum())
    details: dict[str, float | None] = {
        "referrals": n_referrals,
        "feedback": feedback,
        "no_feedback": n_referrals - feedback,
        "feedback_share": _share(feedback, n_referrals),
    }
    details.update(_by_code(referrals["referral_partner"], "referrals_partner"))
    return Kpi("K5", n_referrals, "count", details=details)


def k8_course_completion(enrolments: pd.DataFrame, period: Period, courses: pd.DataFrame | None = None) -> Kpi:
    """K8: of the enrolments that ended in the period (ended_on in it, status regulaer_beendet or abgebrochen),
    the share that ended regularly; the dropout share beside it; the ended ones by course type (from
    `courses`)."""
    ended_rows = enrolments[_in_period(enrolments["ended_on"], period)
                            & enrolments["status"].isin((_COMPLETED, _DROPPED))]
    completed = int((ended_rows["status"] == _COMPLETED).sum())
    ended = len(ended_rows)
    dropped = ended - completed
    details: dict[str, float | None] = {"dropout_share": _share(dropped, ended), "ended": ended,
                                        "completed": completed, "dropped": dropped}
    details.update(_by_code(_course_types(ended_rows, courses), "ended_course_type", codes.COURSE_TYPE_CATEGORIES))
    return Kpi("K8", _share(completed, ended), "ratio", numerator=completed, denominator=ended, details=details)


def _first_per_person(enrolments: pd.DataFrame) -> pd.DataFrame:
    """One row per person (ags and case_id): the one that ended first (a null end last). Rows without a case
    or a Gemeinde each stand for themselves."""
    rows = enrolments.sort_values("ended_on", kind="stable", na_position="last")
    known = rows["ags"].notna() & rows["case_id"].notna()
    return rows[~(known & rows.duplicated(["ags", "case_id"]))]


def k9_dtz_b1(enrolments: pd.DataFrame, period: Period, courses: pd.DataFrame | None = None) -> Kpi:
    """K9: share of B1 among DTZ takers at their first attempt (dtz_attempt 1, result B1, A2 or unter_A2)
    whose enrolment ended in the period; also the share reaching at least A2, and the takers by course type (from
    `courses`). Never divided by course entrants. A person has one first attempt: should two rows of one case both
    be one (the import refuses that), the one that ended first counts and the other never does."""
    first_attempt = _flag(enrolments["dtz_attempt"] == 1)
    took_test = enrolments["dtz_result"].isin(_DTZ_TAKEN)
    attempts = _first_per_person(enrolments[first_attempt & took_test])
    taker_rows = attempts[_in_period(attempts["ended_on"], period)]
    takers = taker_rows["dtz_result"]
    b1, a2 = int((takers == "B1").sum()), int((takers == "A2").sum())
    details: dict[str, float | None] = {"at_least_a2_share": _share(b1 + a2, len(takers)), "takers": len(takers),
                                        "b1": b1, "a2": a2, "at_least_a2": b1 + a2}
    details.update(_by_code(_course_types(taker_rows, courses), "takers_course_type", codes.COURSE_TYPE_CATEGORIES))
    return Kpi("K9", _share(b1, len(takers)), "ratio", numerator=b1, denominator=len(takers), details=details)


def k6_course_access(enrolments: pd.DataFrame, period: Period, courses: pd.DataFrame | None = None) -> Kpi:
    """K6: of the course needs with an entitlement or obligation dated in the period (entitled_on in it,
    entitlement berechtigt or verpflichtet), the share that has started a course (a start date, however late);
    the started ones by course type (from `courses`)."""
    entitled = enrolments[enrolments["entitlement"].isin(_ENTITLED) & _in_period(enrolments["entitled_on"], period)]
    started = entitled[entitled["started_on"].notna()]
    details: dict[str, float | None] = {"entitled": len(entitled), "started": len(started),
                                        "not_started": len(entitled) - len(started)}
    details.update(_by_code(_course_types(started, courses), "started_course_type", codes.COURSE_TYPE_CATEGORIES))
    return Kpi("K6", _share(len(started), len(entitled)), "ratio", numerator=len(started),
               denominator=len(entitled), details=details)


def k7_waiting_time(enrolments: pd.DataFrame, period: Period) -> Kpi:
    """K7: the median days from entitlement (or registration) to course start over the course starts of the
    period (started_on in it, entitled_on known and not later); the share that started within the six-week norm
    (at most 42 days)."""
    started = enrolments[_in_period(enrolments["started_on"], period) & enrolments["entitled_on"].notna()]
    days = (started["started_on"] - started["entitled_on"]).dt.days
    days = days[days >= 0]
    within = int((days <= WAIT_NORM_DAYS).sum())
    median = float(days.median()) if len(days) else None
    return Kpi("K7", median, "days", details={"starts": len(days), "within_norm": within,
                                              "over_norm": len(days) - within,
                                              "within_norm_share": _share(within, len(days))})


def _took_dtz(enrolments: pd.DataFrame) -> pd.Series:
    return enrolments["dtz_result"].isin(_DTZ_TAKEN)


def k10_certificate(enrolments: pd.DataFrame, period: Period) -> Kpi:
    """K10: of the exam takers of the period (enrolment ended in it, DTZ taken with B1, A2 or unter_A2 and the
    result of "Leben in Deutschland" known), the share with B1 and "Leben in Deutschland" passed: the
    certificate "Integrationskurs". Every attempt counts (a second attempt can earn the certificate)."""
    takers = enrolments[_in_period(enrolments["ended_on"], period) & _took_dtz(enrolments)
                        & enrolments["lid_passed"].notna()]
    certified = int(((takers["dtz_result"] == "B1") & _flag(takers["lid_passed"])).sum())
    return Kpi("K10", _share(certified, len(takers)), "ratio", numerator=certified, denominator=len(takers),
               details={"takers": len(takers), "certified": certified, "not_certified": len(takers) - certified})


def k11_job_course_transition(enrolments: pd.DataFrame, courses: pd.DataFrame, period: Period) -> Kpi:
    """K11: of the graduates of an integration course in the period (status regulaer_beendet, ended in it, the
    course's type one of the Integrationskursverordnung), the share that went on to a job-related language
    course (DeuFöV). An enrolment whose course is not in the course file does not count."""
    graduates = enrolments[_flag(enrolments["status"] == _COMPLETED) & _in_period(enrolments["ended_on"], period)]
    graduates = graduates[_course_types(graduates, courses).isin(INTEGRATION_COURSES)]
    went_on = int(_flag(graduates["job_course_after"]).sum())
    return Kpi("K11", _share(went_on, len(graduates)), "ratio", numerator=went_on, denominator=len(graduates),
               details={"graduates": len(graduates), "went_on": went_on, "stayed": len(graduates) - went_on})


def k11a_course_supply(courses: pd.DataFrame, period: Period) -> Kpi:
    """K11a: the course supply of the period: courses that began in it, their places and teaching units (UE),
    in all and by provider (partner_id; courses without a provider count in the totals only)."""
    began = courses[_in_period(courses["start"], period)]
    places, lessons = began["places"].astype("Float64").fillna(0), began["lessons"].astype("Float64").fillna(0)
    details: dict[str, float | None] = {"places": int(places.sum()), "lessons": int(lessons.sum())}
    provider = _text(began["provider"]).str.strip()
    details.update(_by_code(provider, "courses_provider"))
    for name, values in (("places", places), ("lessons", lessons)):
        sums = values.groupby(provider.to_numpy()).sum()
        details.update({f"{name}_provider_{code}": int(sums[code]) for code in sorted(sums.index) if code})
    return Kpi("K11a", len(began), "count", details=details)


def _whole_months(first: pd.Series, last: pd.Series) -> pd.Series:
    """Whole calendar months from `first` to `last`, counted as the window of K12 counts them: the most months n
    with first + n months <= last (a day that does not exist in the target month is its last day, so 31.08. to
    29.02. is six months); 0 where `last` is not after `first`."""
    months = (last.dt.year - first.dt.year) * 12 + (last.dt.month - first.dt.month)
    day_reached = np.minimum(first.dt.day, last.dt.days_in_month)  # the day of first + months, in last's month
    return (months - (day_reached > last.dt.day).astype(int)).clip(lower=0)


def k12_internships(internships: pd.DataFrame, period: Period) -> Kpi:
    """K12: internship places placed in the period (placed_on in it), with places offered in it, internships
    completed in it (status abgeschlossen, end in it) and of those the transitions into apprenticeship or job
    (outcome ausbildung/beschaeftigung starting no later than 6 calendar months after the internship's end).
    Offered, placed and completed by sector (every code of codes.SECTORS, zeros included; the import requires
    a sector from the list), and ``months_to_transition``: the median of the whole calendar months from the
    internship's end to the start of the follow-up over the transitions counted (0 for a follow-up that began
    before the internship ended); None without a transition."""
    offered = _in_period(internships["offered_on"], period)
    placed = _in_period(internships["placed_on"], period)
    completed = _flag(internships["status"] == "abgeschlossen") & _in_period(internships["end"], period)
    transition = (
        completed
        & internships["outcome"].isin(codes.INTERNSHIP_TRANSITIONS)
        & (internships["outcome_on"] <= internships["end"] + _TRANSITION_WINDOW)
    )
    n_placed, n_completed, n_transitions = int(placed.sum()), int(completed.sum()), int(transition.sum())
    months = _whole_months(internships.loc[transition, "end"], internships.loc[transition, "outcome_on"])
    details: dict[str, float | None] = {
        "offered": int(offered.sum()),
        "placed": n_placed,
        "completed": n_completed,
        "transitions": n_transitions,
        "transition_share": _share(n_transitions, n_completed),
        "months_to_transition": float(months.median()) if len(months) else None,
    }
    sector = internships["sector"]
    for name, rows in (("offered", offered), ("placed", placed), ("completed", completed)):
        details.update(_by_code(sector[rows], f"{name}_sector", codes.SECTORS))
    return Kpi("K12", n_placed, "count", details=details)


def k13_employment_at_closure(cases: pd.DataFrame, period: Period) -> Kpi:
    """K13: of the employable cases closed in the period (closed_on in it, employable yes; empty employable
    counts as not known to be employable and is left out: ``closed``), the share in insured employment,
    apprenticeship or self-employment at closure (employment_at_closure in codes.EMPLOYMENT_COUNTED:
    ``integrated``). The others are ``not_integrated``: another status, or none given (or one outside the code
    list), which stays in the denominator and is counted apart as the category codes.NO_EMPLOYMENT_STATUS.
    Breakdown by status: ``integrated_status_<code>`` over EMPLOYMENT_COUNTED and ``not_integrated_status_<code>``
    over EMPLOYMENT_OTHER, zeros included; split that way, a status merged with others for privacy stays on its
    side of the headline, and the few cases without a status never withhold the headline's count."""
    closed = cases[_in_period(cases["closed_on"], period) & _flag(cases["employable"])]
    status = _text(closed["employment_at_closure"]).str.strip()
    status = status.where(status.isin(codes.EMPLOYMENT_STATUS), codes.NO_EMPLOYMENT_STATUS)
    n_closed = len(closed)
    integrated = int(status.isin(codes.EMPLOYMENT_COUNTED).sum())
    details: dict[str, float | None] = {
        "closed": n_closed,
        "integrated": integrated,
        "not_integrated": n_closed - integrated,
    }
    details.update(_by_code(status, "integrated_status", codes.EMPLOYMENT_COUNTED))
    details.update(_by_code(status, "not_integrated_status", codes.EMPLOYMENT_OTHER))
    return Kpi("K13", _share(integrated, n_closed), "ratio", numerator=integrated, denominator=n_closed,
               details=details)


def k14_goals(cases: pd.DataFrame, period: Period) -> Kpi:
    """K14: over the cases closed in the period with goals set (goals_set at least 1: ``cases``), the goals
    reached fully or partly over the goals set (sums over those cases: (goals_reached + goals_partly) /
    goals_set), with the share reached fully (goals_reached / goals_set). An empty goals_reached or
    goals_partly counts as 0; the import refuses reached + partly above the goals set. The sums are details,
    not published figures: goals are about people, so the shares are published only where at least 5 cases
    stand behind them (docs/kennzahlen.md)."""
    closed = cases[_in_period(cases["closed_on"], period)]
    goals = closed[closed["goals_set"].fillna(0) > 0]
    goals_set = int(goals["goals_set"].sum())
    reached = int(goals["goals_reached"].fillna(0).sum())
    partly = int(goals["goals_partly"].fillna(0).sum())
    return Kpi("K14", _share(reached + partly, goals_set), "ratio", numerator=reached + partly,
               denominator=goals_set, details={
                   "cases": len(goals),
                   "reached_share": _share(reached + partly, goals_set),
                   "fully_reached_share": _share(reached, goals_set),
                   "goals_set": goals_set,
                   "goals_reached": reached,
                   "goals_partly": partly,
               })


def _iso_week(dates: pd.Series) -> pd.Series:
    """The ISO calendar week of each date as two digits, "01" ... "53" (30.12.2019 is in week 01 of 2020, so a
    year's week 01 may hold days of late December, and its week 52 or 53 days of early January)."""
    return dates.dt.isocalendar().week.astype(int).map("{:02d}".format)


def k15_cafe(cafe_sessions: pd.DataFrame, period: Period) -> Kpi:
    """K15: share of the Integrationscafé sessions planned in the period that were held (not cancelled; an empty
    cancelled flag counts as held), with mean attendance, first-time visitors, share of women, mean volunteers
    and mean children brought along over the held sessions whose count is given (the columns are optional).
    Sessions planned and held by ISO calendar week (``planned_week_<ww>``, the weeks found in the period)."""
    planned = cafe_sessions[_in_period(cafe_sessions["date"], period)]
    held = planned[~_flag(planned["cancelled"])]
    with_both = held[held["attendees"].notna() & held["women"].notna()]
    details: dict[str, float | None] = {
        "held": len(held),
        "planned": len(planned),
        "mean_attendance": _mean(held["attendees"]),
        "attendees": int(held["attendees"].sum()),
        "counted": int(held["attendees"].notna().sum()),
        "first_time": int(held["first_time"].sum()),
        "women_share": _share(with_both["women"].sum(), with_both["attendees"].sum()),
        "women": int(with_both["women"].sum()),
        "attendees_with_gender": int(with_both["attendees"].sum()),
        "mean_volunteers": _mean(held["volunteers"]),
        "volunteers": int(held["volunteers"].sum()),
        "volunteers_counted": int(held["volunteers"].notna().sum()),
        "mean_children": _mean(held["children"]),
        "children": int(held["children"].sum()),
        "children_counted": int(held["children"].notna().sum()),
    }
    details.update(_by_code(_iso_week(planned["date"]), "planned_week"))
    details.update(_by_code(_iso_week(held["date"]), "held_week"))
    return Kpi("K15", _share(len(held), len(planned)), "ratio", numerator=len(held), denominator=len(planned),
               details=details)


def k16_network(partners: pd.DataFrame, network_events: pd.DataFrame, period: Period) -> Kpi:
    """K16: partner institutions active on period.end (active_from <= end, active_until empty or >= end), with
    the network meetings (netzwerktreffen, arbeitskreis, fachveranstaltung) and case conferences held in the
    period and the active partners with a written agreement made by period.end (or undated). The active partners
    by type (codes.PARTNER_TYPES) and by level (codes.PARTNER_LEVELS), every code zeros included (the import
    requires both from their lists)."""
    active = _overlaps(partners["active_from"], partners["active_until"], period.end, period.end)
    agreement = (_flag(partners["agreement"])
                 & (partners["agreement_on"].isna() | (partners["agreement_on"] <= _ts(period.end))))
    in_period = _in_period(network_events["date"], period)
    event_type = network_events["event_type"]
    details: dict[str, float | None] = {
        "meetings": int((in_period & event_type.isin(_MEETING_TYPES)).sum()),
        "case_conferences": int((in_period & _flag(event_type == _CASE_CONFERENCE)).sum()),
        "agreements": int((active & agreement).sum()),
    }
    details.update(_by_code(partners.loc[active, "partner_type"], "partners_partner_type", codes.PARTNER_TYPES))
    details.update(_by_code(partners.loc[active, "level"], "partners_level", codes.PARTNER_LEVELS))
    return Kpi("K16", int(active.sum()), "count", details=details)


def k17_districts(cases: pd.DataFrame, period: Period) -> Kpi:
    """K17: the cases of K1 by Ortsteil: open on the reference date period.end, opened and closed in the period
    (the same three counts as K1), each also per Ortsteil code found among the cases counted (trimmed, sorted),
    a case without an Ortsteil under codes.NO_DISTRICT, so that the Ortsteile add up to the totals."""
    active, opened, closed = _case_flows(cases, period)
    district = _text(cases["district"]).str.strip().replace("", codes.NO_DISTRICT)
    details: dict[str, float | None] = {"opened": int(opened.sum()), "closed": int(closed.sum())}
    for stem, rows in (("active_district", active), ("opened_district", opened), ("closed_district", closed)):
        details.update(_by_code(district[rows], stem))
    return Kpi("K17", int(active.sum()), "count", details=details)


def k18_same_gender(cases: pd.DataFrame, contacts: pd.DataFrame, staffing: pd.DataFrame, period: Period) -> Kpi:
    """K18: the women clients with at least one contact in the period (contacts joined to their case by ags and
    case_id, the case's gender w), and of them those with at least one contact in the period by a woman officer
    (the contact's officer, keyed per Gemeinde, has a staffing row with gender w). Counted from the contacts,
    not from the case's responsible officer: a case reassigned later keeps the contacts it had. None while no
    woman officer is on the staff in the period, since the concept's argument only applies from then on."""
    on_staff = _overlaps(staffing["valid_from"], staffing["valid_until"], period.start, period.end)
    is_woman = _flag(staffing["gender"] == "w")
    officer_codes = _text(staffing["officer"]).str.strip()
    has_code = officer_codes != ""
    woman_officers = set(zip(_text(staffing["ags"])[is_woman & has_code], officer_codes[is_woman & has_code]))
    any_on_staff = bool((on_staff & is_woman & has_code).any())
    is_woman_client = _flag(cases["gender"] == "w")
    women = set(zip(_text(cases["ags"])[is_woman_client], _text(cases["case_id"])[is_woman_client]))
    in_period = contacts[_in_period(contacts["date"], period)]
    ags = _text(in_period["ags"]).tolist()
    by_woman_officer: dict[tuple[str, str], bool] = {}  # woman client -> advised by a woman officer in the period
    for client, officer in zip(zip(ags, _text(in_period["case_id"]).tolist()),
                               zip(ags, _text(in_period["officer"]).str.strip().tolist())):
        if client in women:
            by_woman_officer[client] = by_woman_officer.get(client, False) or officer in woman_officers
    women_clients, by_woman = len(by_woman_officer), sum(by_woman_officer.values())
    value = _share(by_woman, women_clients) if any_on_staff else None
    return Kpi("K18", value, "ratio", numerator=by_woman, denominator=women_clients,
               details={"women_clients": women_clients, "by_woman_officer": by_woman})


def active_cases_trend(cases: pd.DataFrame, first: date, last: date, quarterly: bool = True) -> pd.DataFrame:
    """Active cases (as in K1) at the end of every quarter or year from the one containing `first` to the one
    containing `last`, per target group: one row per period and target group code, zeros included (groups
    outside the code list that occur in the data follow the codes)."""
    periods = periods_between(first, last, quarterly)
    ends = np.array([np.datetime64(p.end, "ns") for p in periods], dtype="datetime64[ns]")
    data = cases[cases["opened_on"].notna()]
    extra = sorted(set(data["target_group"].dropna()) - set(codes.TARGET_GROUPS))
    groups = (*codes.TARGET_GROUPS, *extra)
    active = np.empty((len(periods), len(groups)), dtype="int64")
    for j, group in enumerate(groups):
        rows = data[_flag(data["target_group"] == group)]
        opened = np.sort(rows["opened_on"].to_numpy(dtype="datetime64[ns]"))
        # A case stops being active on max(opened_on, closed_on): counting those days keeps the rule exact
        # even for a closed_on before opened_on (never active).
        closed = rows.loc[rows["closed_on"].notna(), ["opened_on", "closed_on"]].max(axis=1)
        closed = np.sort(closed.to_numpy(dtype="datetime64[ns]"))
        active[:, j] = np.searchsorted(opened, ends, side="right") - np.searchsorted(closed, ends, side="right")
    return pd.DataFrame({
        "period": np.repeat([p.key for p in periods], len(groups)),
        "period_end": np.repeat(np.array([p.end for p in periods], dtype=object), len(groups)),
        "target_group": np.tile(np.array(groups, dtype=object), len(periods)),
        "active": active.ravel(),
    })
