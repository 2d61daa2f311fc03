"""The KPI registry: one declaration per KPI that everything reads (pages, command line, published set, docs).

An entry holds the function that computes the KPI, its unit and good direction, whether it counts people,
its published parts (headline, counts, shares, means) with the identities between them, its target basis and
the data it is computed from. Its German name, definition and explanation live in ``monitor.texts.kpis``,
keyed by the same id. Adding a KPI means one function in ``monitor.kpis``, one entry here and its texts.

Parts are the figures a KPI publishes. Every part is one of:

- COUNT: a whole number, of people (``people=True``: Regel 5/10 applies) or of other things (sessions,
  places, institutions). ``stock`` counts are taken on the reference day (the end of the period) and are the
  same figure for a year and its fourth quarter; other counts are flows of the period. ``additive`` flows add
  up: a year is the sum of its quarters. ``shown=False``: the count is not printed itself; it is published
  only through a share or a mean made of it (or it is the rest that closes an identity).
- SHARE: ``of=(numerator, denominator)``, two count parts; published only where both counts are.
- MEAN: ``of=(sum, n)``: the sum part over n; published only where the sum is (at least 5 people).
- VALUE: a figure that is not a count of people (staff FTE, cases per FTE); ``of`` names the count of people
  it is made of, if any (``of=(count,)``): then it is published only where that count is.

A count part may be split into categories by ``Breakdown``s (a fixed code list, or the categories found in the
data): one count part per category, counted like the total, ``{total}_{code}`` or ``{total}_{dimension}_{code}``.
``parts_in(values)`` gives the parts of computed or published figures, those categories included. An entry with
``overview=True`` has a tile on the overview page.

Identities are linear equations between count parts of one period (``Sum``: total = sum of parts) and,
over periods, ``Balance``: stock at the end = stock at the end of the period before + inflow - outflow;
``LINKS`` and ``SAME`` hold those between two KPIs.
The published set and its audit use them; a test checks on random data that each one really holds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from monitor import codes, kpis
from monitor.kpis import Kpi
from monitor.periods import Period

Frames = dict[str, pd.DataFrame]

COUNT, SHARE, MEAN, VALUE = "count", "share", "mean", "value"
UP, DOWN = "up", "down"  # the good direction of a KPI's headline; None: neither
# How a yearly target applies to shorter periods (monitor.targets).
RATIO, STOCK, FLOW, CASELOAD = "ratio", "stock", "flow", "caseload"


@dataclass(frozen=True)
class Part:
    name: str
    kind: str = COUNT
    people: bool = False
    stock: bool = False
    additive: bool = False
    shown: bool = True
    of: tuple[str, ...] = ()
    source: str | None = None  # where the value is in the Kpi: "value", "numerator", "denominator" or a detail
    percent: bool = False  # a VALUE that is a ratio (0..1), shown as a percentage like a share

    @property
    def shows_percent(self) -> bool:
        return self.kind == SHARE or self.percent

    @property
    def key(self) -> str:
        return self.source or self.name


@dataclass(frozen=True)
class Sum:
    """total = sum of parts, within one period."""
    total: str
    parts: tuple[str, ...]


@dataclass(frozen=True)
class Balance:
    """stock at the end of a period = stock at the end of the period before + inflow - outflow."""
    stock: str
    inflow: str
    outflow: str


@dataclass(frozen=True)
class CategoryBalance:
    """A Balance for every category of three breakdowns (by their names) that share their categories
    (``Breakdown.categories_of``): the active cases of a target group at the end = those at the end of the
    period before + the group's cases opened - the group's cases closed."""
    stock: str
    inflow: str
    outflow: str


@dataclass(frozen=True)
class Link:
    """An identity between two KPIs, (KPI id, part) each: total of a period = stock at the end of the period
    before + inflow of the period."""
    total: tuple[str, str]
    stock: tuple[str, str]
    inflow: tuple[str, str]


@dataclass(frozen=True)
class Same:
    """One count that two KPIs both publish, (KPI id, part) each: the same number in every period. Without it,
    one could be withheld where the other is published."""
    first: tuple[str, str]
    second: tuple[str, str]


OTHER = "other"  # the category into which a breakdown's small categories are merged (Weitere)


@dataclass(frozen=True)
class Breakdown:
    """A count part split into categories (e.g. active cases by target group).

    ``codes``: a fixed code list (monitor.codes): the KPI function gives every code's count, zeros included;
    None: the categories found in the data (officer codes, partner codes, ...): the function gives a count for
    every category present in the rows it counts. Part names are ``{total}_{code}`` without a ``dimension``,
    else ``{total}_{dimension}_{code}`` (``name`` is the part names' stem). Categories of a count of people that
    never reach ``merge_below`` in any period are merged into one category ``other`` for the views (Regel 5/10:
    merge before suppressing). ``exclusive``: every unit falls into exactly one category, so the categories sum
    to the total (a Sum identity); False: one unit may fall into several (the topics of a contact), so each
    category is at most the total and the categories do not sum to it.

    ``categories_of``: the name of another breakdown of the KPI whose merged categories this one takes (so that
    a CategoryBalance holds for each of them, "other" included). ``years_only``: the suppressed views publish the
    categories of years only, never of a quarter (docs/datenschutz.md: a flow per target group of a quarter is
    too small to be protected without withholding the active cases themselves)."""
    total: str
    codes: tuple[str, ...] | None
    dimension: str | None = None
    merge_below: int = 10
    exclusive: bool = True
    categories_of: str | None = None
    years_only: bool = False

    @property
    def name(self) -> str:
        """The stem of the category parts' names: ``{total}`` or ``{total}_{dimension}``."""
        return self.total if self.dimension is None else f"{self.total}_{self.dimension}"

    @property
    def prefix(self) -> str:
        return self.name + "_"

    def part(self, code: str) -> str:
        return self.prefix + code

    def code(self, part: str) -> str:
        """The category code of one of its part names."""
        return part[len(self.prefix):]


@dataclass(frozen=True)
class KpiSpec:
    id: str
    compute: Callable[[Frames, Period], Kpi]
    unit: str  # "count", "ratio", "per_fte", "mean", "days"
    headline: str  # the part that is the KPI's value
    parts: tuple[Part, ...]
    good: str | None = None
    about_people: bool = True
    identities: tuple[Sum | Balance | CategoryBalance, ...] = ()
    breakdowns: tuple[Breakdown, ...] = ()
    overview: bool = False  # one of the tiles of the overview page
    target_basis: str = RATIO
    sources: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (kind, fields) it is computed from
    explained_by: tuple[str, ...] = field(default=())  # parts printed in the tile's explanation line
    # category_of's answers by part name (not a field of the KPI: a replaced spec starts with its own)
    _categories: dict = field(default_factory=dict, init=False, repr=False, compare=False, hash=False)

    # --- parts -----------------------------------------------------------------------------------------------

    def part(self, name: str) -> Part:
        """A declared part, or a category part of a breakdown (merged "other" and data categories included)."""
        for part in self.parts:
            if part.name == name:
                return part
        found = self.category_of(name)
        if found is not None:
            return self.category_part(found[0], found[1])
        raise KeyError(f"{self.id} has no part {name}")

    def breakdown_named(self, name: str) -> Breakdown:
        """The breakdown whose parts are named ``{name}_{code}`` (``Breakdown.name``)."""
        for breakdown in self.breakdowns:
            if breakdown.name == name:
                return breakdown
        raise KeyError(f"{self.id} has no breakdown {name}")

    def category_part(self, breakdown: Breakdown, code: str) -> Part:
        """The count part of one category: counted like the breakdown's total."""
        total = next(p for p in self.parts if p.name == breakdown.total)
        return Part(breakdown.part(code), COUNT, people=total.people, stock=total.stock, additive=total.additive)

    def category_of(self, name: str) -> tuple[Breakdown, str] | None:
        """(breakdown, code) of a category part name; None for a declared part or another name. A fixed code list
        knows its codes (and "other"); a name under a data-driven breakdown's stem is one of its categories (the
        longest stem wins, so that ``active_officer_x`` is not a target group ``officer_x`` of ``active``).
        Remembered per name: the published set asks it for every cell of every period."""
        if name not in self._categories:
            self._categories[name] = self._category_of(name)
        return self._categories[name]

    def _category_of(self, name: str) -> tuple[Breakdown, str] | None:
        if any(p.name == name for p in self.parts):
            return None
        for breakdown in sorted(self.breakdowns, key=lambda b: -len(b.prefix)):
            if not name.startswith(breakdown.prefix):
                continue
            code = breakdown.code(name)
            if code and (breakdown.codes is None or code in breakdown.codes or code == OTHER):
                return breakdown, code
        return None

    def categories_in(self, breakdown: Breakdown, values: dict) -> tuple[str, ...]:
        """The categories of a breakdown that have a part in `values`: a fixed list's codes in its order, data
        categories sorted, "other" (merged) last."""
        found = {code for b, code in (self.category_of(n) or (None, None) for n in values) if b == breakdown}
        ordered = [c for c in breakdown.codes if c in found] if breakdown.codes is not None \
            else sorted(found - {OTHER})
        return tuple(ordered) + ((OTHER,) if OTHER in found else ())

    def all_parts(self) -> tuple[Part, ...]:
        """The declared parts and one count part per code of every breakdown with a fixed code list (the
        categories of a data-driven breakdown are known from computed values only: ``parts_in``)."""
        return self.parts + tuple(self.category_part(b, code) for b in self.breakdowns if b.codes is not None
                                  for code in b.codes)

    def parts_in(self, values: dict) -> tuple[Part, ...]:
        """The declared parts and the category parts present in `values` (computed or published figures of
        this KPI: data categories and a merged "other" included), breakdown by breakdown."""
        return self.parts + tuple(self.category_part(b, code) for b in self.breakdowns
                                  for code in self.categories_in(b, values))

    def figures(self, kpi: Kpi) -> dict[str, float | None]:
        """Every part's value from a computed Kpi (every code of a fixed list; the categories of a data-driven
        breakdown found in its details); a rest that closes a Sum is filled in from the others."""
        out: dict[str, float | None] = {}
        for part in self.parts:
            if part.key == "value":
                out[part.name] = kpi.value
            elif part.key in ("numerator", "denominator"):
                out[part.name] = getattr(kpi, part.key)
            else:
                out[part.name] = kpi.details.get(part.key)
        for breakdown in self.breakdowns:
            if breakdown.codes is not None:
                out.update({breakdown.part(c): kpi.details.get(breakdown.part(c)) for c in breakdown.codes})
            else:
                found = sorted(k for k in kpi.details if (self.category_of(k) or (None,))[0] == breakdown)
                out.update({k: kpi.details[k] for k in found})
        for identity in self.identities:
            if isinstance(identity, Sum):
                missing = [p for p in identity.parts if out.get(p) is None]
                if len(missing) == 1 and out.get(identity.total) is not None:
                    out[missing[0]] = out[identity.total] - sum(out[p] for p in identity.parts if p != missing[0])
        return out

    def sum_identities(self, values: dict | None = None) -> list[Sum]:
        """The Sum identities, those of the exclusive breakdowns (total = its categories) included: for a
        data-driven breakdown only with `values` (its categories are those in them)."""
        sums = [i for i in self.identities if isinstance(i, Sum)]
        for breakdown in self.breakdowns:
            if not breakdown.exclusive:
                continue
            if values is not None:
                categories = self.categories_in(breakdown, values)
            elif breakdown.codes is not None:
                categories = breakdown.codes
            else:
                continue
            if categories:  # none in `values` (a quarter of a breakdown published for years only): no identity
                sums.append(Sum(breakdown.total, tuple(breakdown.part(c) for c in categories)))
        return sums


def _people(name: str, **kw) -> Part:
    return Part(name, COUNT, people=True, **kw)


REGISTRY: tuple[KpiSpec, ...] = (
    KpiSpec(
        "K1", lambda f, p: kpis.k1_cases(f["cases"], p), "count", "active",
        parts=(_people("active", stock=True, source="value"), _people("opened", additive=True),
               _people("closed", additive=True),
               # a median of people's days: published only where the closed cases behind it are (at least 5)
               Part("median_days_to_closure", VALUE, of=("closed",))),
        overview=True,
        good=None,
        identities=(Balance("active", "opened", "closed"),
                    CategoryBalance("active", "opened_target_group", "closed_target_group")),
        # The cases opened and closed by target group: of years only in the suppressed views. Beside the active
        # cases by target group of every quarter, a quarter's small group flows could only be protected by
        # withholding the active cases themselves.
        breakdowns=(Breakdown("active", codes.TARGET_GROUPS),
                    Breakdown("opened", codes.TARGET_GROUPS, dimension="target_group", categories_of="active",
                              years_only=True),
                    Breakdown("closed", codes.TARGET_GROUPS, dimension="target_group", categories_of="active",
                              years_only=True),
                    Breakdown("closed", codes.CLOSURE_REASONS, dimension="reason")),
        target_basis=STOCK,
        sources=(("cases", ("opened_on", "closed_on", "target_group", "closure_reason")),),
        explained_by=("opened", "closed"),  # the median days to closure: on the Beratung page's card
    ),
    KpiSpec(
        "K2", lambda f, p: kpis.k2_cases_per_fte(f["cases"], f["staffing"], p), "per_fte", "per_fte",
        parts=(Part("per_fte", VALUE, of=("handled",), source="value"), _people("handled", source="numerator"),
               Part("fte", VALUE)),
        overview=True,
        good=DOWN,
        target_basis=CASELOAD,
        sources=(("cases", ("opened_on", "closed_on")), ("staffing", ("fte", "valid_from", "valid_until"))),
        explained_by=("handled", "fte"),
    ),
    KpiSpec(
        "K3", lambda f, p: kpis.k3_contact_intensity(f["cases"], f["contacts"], p), "mean", "contacts_per_case",
        parts=(Part("contacts_per_case", MEAN, people=True, of=("contacts", "handled"), source="value"),
               _people("contacts", additive=True), _people("handled"), _people("timed", additive=True),
               Part("mean_duration", VALUE, of=("timed",))),
        good=None,
        breakdowns=(Breakdown("contacts", codes.CONTACT_TYPES, dimension="type"),
                    Breakdown("contacts", None, dimension="officer")),
        target_basis=CASELOAD,
        sources=(("contacts", ("date", "contact_type", "officer", "duration_min")),
                 ("cases", ("opened_on", "closed_on"))),
        explained_by=("contacts", "handled", "mean_duration"),
    ),
    KpiSpec(
        "K4", lambda f, p: kpis.k4_topics(f["contacts"], p), "count", "contacts",
        parts=(_people("contacts", additive=True, source="value"), _people("no_topic", additive=True)),
        good=None,
        breakdowns=(Breakdown("contacts", codes.TOPICS, dimension="topic", exclusive=False),),
        target_basis=FLOW,
        sources=(("contacts", ("date", "topics")),),
        explained_by=("no_topic",),
    ),
    KpiSpec(
        "K5", lambda f, p: kpis.k5_referrals(f["contacts"], p), "count", "referrals",
        parts=(_people("referrals", additive=True, source="value"),
               Part("feedback_share", SHARE, people=True, of=("feedback", "referrals")),
               _people("feedback", additive=True, shown=False), _people("no_feedback", additive=True, shown=False)),
        good=UP,
        identities=(Sum("referrals", ("feedback", "no_feedback")),),
        breakdowns=(Breakdown("referrals", None, dimension="partner"),),
        target_basis=FLOW,
        sources=(("contacts", ("date", "referral_partner", "referral_feedback")),),
        explained_by=("feedback_share",),
    ),
    KpiSpec(
        "K6", lambda f, p: kpis.k6_course_access(f["enrolments"], p, f["courses"]), "ratio", "access_share",
        parts=(Part("access_share", SHARE, people=True, of=("started", "entitled"), source="value"),
               _people("entitled", additive=True), _people("started", additive=True),
               _people("not_started", additive=True, shown=False)),
        good=UP,
        identities=(Sum("entitled", ("started", "not_started")),),
        breakdowns=(Breakdown("started", codes.COURSE_TYPE_CATEGORIES, dimension="course_type"),),
        sources=(("enrolments", ("entitlement", "entitled_on", "started_on", "course_id")),
                 ("courses", ("course_id", "course_type"))),
        explained_by=("entitled", "started"),
    ),
    KpiSpec(
        "K7", lambda f, p: kpis.k7_waiting_time(f["enrolments"], p), "days", "median_days",
        # A median of people's waiting days: published only where the course starts behind it are (at least 5).
        parts=(Part("median_days", VALUE, of=("starts",), source="value"), _people("starts", additive=True),
               Part("within_norm_share", SHARE, people=True, of=("within_norm", "starts")),
               _people("within_norm", additive=True, shown=False), _people("over_norm", additive=True, shown=False)),
        good=DOWN,
        identities=(Sum("starts", ("within_norm", "over_norm")),),
        sources=(("enrolments", ("entitled_on", "started_on")),),
        explained_by=("starts", "within_norm_share"),
    ),
    KpiSpec(
        "K8", lambda f, p: kpis.k8_course_completion(f["enrolments"], p, f["courses"]), "ratio", "completion_share",
        parts=(Part("completion_share", SHARE, people=True, of=("completed", "ended"), source="value"),
               Part("dropout_share", SHARE, people=True, of=("dropped", "ended")),
               _people("ended", additive=True), _people("completed", additive=True, shown=False),
               _people("dropped", additive=True, shown=False)),
        overview=True,
        good=UP,
        identities=(Sum("ended", ("completed", "dropped")),),
        breakdowns=(Breakdown("ended", codes.COURSE_TYPE_CATEGORIES, dimension="course_type"),),
        sources=(("enrolments", ("ended_on", "status", "course_id")), ("courses", ("course_id", "course_type"))),
        explained_by=("ended", "dropout_share"),
    ),
    KpiSpec(
        "K9", lambda f, p: kpis.k9_dtz_b1(f["enrolments"], p, f["courses"]), "ratio", "b1_share",
        parts=(Part("b1_share", SHARE, people=True, of=("b1", "takers"), source="value"),
               Part("at_least_a2_share", SHARE, people=True, of=("at_least_a2", "takers")),
               _people("takers", additive=True), _people("b1", additive=True, shown=False),
               _people("a2", additive=True, shown=False), _people("below_a2", additive=True, shown=False),
               _people("at_least_a2", additive=True, shown=False)),
        overview=True,
        good=UP,
        identities=(Sum("takers", ("b1", "a2", "below_a2")), Sum("at_least_a2", ("b1", "a2"))),
        breakdowns=(Breakdown("takers", codes.COURSE_TYPE_CATEGORIES, dimension="course_type"),),
        sources=(("enrolments", ("case_id", "ended_on", "dtz_result", "dtz_attempt", "course_id")),
                 ("courses", ("course_id", "course_type"))),
        explained_by=("takers", "at_least_a2_share"),
    ),
    KpiSpec(
        "K10", lambda f, p: kpis.k10_certificate(f["enrolments"], p), "ratio", "certificate_share",
        parts=(Part("certificate_share", SHARE, people=True, of=("certified", "takers"), source="value"),
               _people("takers", additive=True), _people("certified", additive=True, shown=False),
               _people("not_certified", additive=True, shown=False)),
        good=UP,
        identities=(Sum("takers", ("certified", "not_certified")),),
        sources=(("enrolments", ("ended_on", "dtz_result", "lid_passed")),),
        explained_by=("takers",),
    ),
    KpiSpec(
        "K11", lambda f, p: kpis.k11_job_course_transition(f["enrolments"], f["courses"], p), "ratio",
        "transition_share",
        parts=(Part("transition_share", SHARE, people=True, of=("went_on", "graduates"), source="value"),
               _people("graduates", additive=True), _people("went_on", additive=True, shown=False),
               _people("stayed", additive=True, shown=False)),
        good=UP,
        identities=(Sum("graduates", ("went_on", "stayed")),),
        sources=(("enrolments", ("course_id", "status", "ended_on", "job_course_after")),
                 ("courses", ("course_id", "course_type"))),
        explained_by=("graduates",),
    ),
    KpiSpec(
        "K11a", lambda f, p: kpis.k11a_course_supply(f["courses"], p), "count", "courses",
        parts=(Part("courses", COUNT, additive=True, source="value"), Part("places", COUNT, additive=True),
               Part("lessons", COUNT, additive=True)),
        about_people=False,
        # A course without a provider counts in the totals only: the providers need not add up to them.
        breakdowns=(Breakdown("courses", None, dimension="provider", exclusive=False),
                    Breakdown("places", None, dimension="provider", exclusive=False),
                    Breakdown("lessons", None, dimension="provider", exclusive=False)),
        target_basis=FLOW,
        sources=(("courses", ("start", "provider", "places", "lessons")),),
        explained_by=("places", "lessons"),
    ),
    KpiSpec(
        "K12", lambda f, p: kpis.k12_internships(f["internships"], p), "count", "placed",
        parts=(_people("placed", additive=True), Part("offered", COUNT, additive=True),
               _people("completed", additive=True), _people("transitions", additive=True),
               _people("no_transition", additive=True, shown=False),
               Part("transition_share", SHARE, people=True, of=("transitions", "completed")),
               # A median of people's months: published only where the transitions behind it are (at least 5).
               Part("months_to_transition", VALUE, of=("transitions",))),
        overview=True,
        good=UP,
        identities=(Sum("completed", ("transitions", "no_transition")),),
        breakdowns=(Breakdown("offered", codes.SECTORS, dimension="sector"),
                    Breakdown("placed", codes.SECTORS, dimension="sector"),
                    Breakdown("completed", codes.SECTORS, dimension="sector")),
        target_basis=FLOW,
        sources=(("internships", ("offered_on", "placed_on", "sector", "status", "end", "outcome", "outcome_on")),),
        explained_by=("offered", "completed", "transitions"),  # the months to a transition: on the page's card
    ),
    KpiSpec(
        "K13", lambda f, p: kpis.k13_employment_at_closure(f["cases"], p), "ratio", "integrated_share",
        parts=(Part("integrated_share", SHARE, people=True, of=("integrated", "closed"), source="value"),
               _people("closed", additive=True), _people("integrated", additive=True),
               _people("not_integrated", additive=True)),
        good=UP,
        identities=(Sum("closed", ("integrated", "not_integrated")),),
        # Two breakdowns, not one by every status: merging small statuses into "Weitere" then never mixes
        # statuses that count with those that do not, so the headline never splits a merged category. The cases
        # without a status are a category of the second (not a part beside the two): a count of 1-4 of them
        # would otherwise withhold the headline's count in nearly every period.
        breakdowns=(Breakdown("integrated", codes.EMPLOYMENT_COUNTED, dimension="status"),
                    Breakdown("not_integrated", codes.EMPLOYMENT_OTHER, dimension="status")),
        sources=(("cases", ("closed_on", "employable", "employment_at_closure")),),
        explained_by=("closed",),
    ),
    KpiSpec(
        "K14", lambda f, p: kpis.k14_goals(f["cases"], p), "ratio", "reached_share",
        # Goals are about people: their sums are published only as these two shares, and only where at least
        # five cases stand behind them (a VALUE of the cases: published where that count of people is).
        parts=(Part("reached_share", VALUE, of=("cases",), source="value", percent=True),
               Part("fully_reached_share", VALUE, of=("cases",), percent=True), _people("cases", additive=True)),
        good=UP,
        sources=(("cases", ("closed_on", "goals_set", "goals_reached", "goals_partly")),),
        explained_by=("cases", "fully_reached_share"),
    ),
    KpiSpec(
        "K15", lambda f, p: kpis.k15_cafe(f["cafe_sessions"], p), "ratio", "held_share",
        parts=(Part("held_share", SHARE, of=("held", "planned"), source="value"),
               Part("planned", COUNT, additive=True), Part("held", COUNT, additive=True),
               Part("cancelled", COUNT, additive=True, shown=False),
               Part("counted", COUNT, additive=True, shown=False),
               Part("mean_attendance", MEAN, people=True, of=("attendees", "counted")),
               _people("attendees", additive=True, shown=False), _people("first_time", additive=True),
               Part("women_share", SHARE, people=True, of=("women", "attendees_with_gender")),
               _people("women", additive=True, shown=False),
               _people("attendees_with_gender", additive=True, shown=False),
               Part("volunteers_counted", COUNT, additive=True, shown=False),
               Part("mean_volunteers", MEAN, people=True, of=("volunteers", "volunteers_counted")),
               _people("volunteers", additive=True, shown=False),
               Part("mean_children", MEAN, people=True, of=("children", "children_counted")),
               _people("children", additive=True, shown=False),
               Part("children_counted", COUNT, additive=True, shown=False)),
        overview=True,
        good=UP,
        about_people=False,
        identities=(Sum("planned", ("held", "cancelled")),),
        # By ISO calendar week, the weeks found in the period ("01" ... "53").
        breakdowns=(Breakdown("planned", None, dimension="week"), Breakdown("held", None, dimension="week")),
        sources=(("cafe_sessions", ("date", "cancelled", "attendees", "first_time", "women", "volunteers",
                                    "children")),),
        explained_by=("held", "planned", "mean_attendance", "women_share"),
    ),
    KpiSpec(
        "K16", lambda f, p: kpis.k16_network(f["partners"], f["network_events"], p), "count", "partners",
        parts=(Part("partners", COUNT, stock=True, source="value"), Part("meetings", COUNT, additive=True),
               Part("case_conferences", COUNT, additive=True), Part("agreements", COUNT, stock=True)),
        overview=True,
        good=UP,
        about_people=False,
        breakdowns=(Breakdown("partners", codes.PARTNER_TYPES, dimension="partner_type"),
                    Breakdown("partners", codes.PARTNER_LEVELS, dimension="level")),
        target_basis=STOCK,
        sources=(("partners", ("active_from", "active_until", "agreement", "agreement_on", "partner_type", "level")),
                 ("network_events", ("date", "event_type"))),
        explained_by=("meetings", "case_conferences", "agreements"),
    ),
    KpiSpec(
        "K17", lambda f, p: kpis.k17_districts(f["cases"], p), "count", "active",
        # K1's cases by Ortsteil (codes.NO_DISTRICT: without one); the three totals are K1's (SAME)
        parts=(_people("active", stock=True, source="value"), _people("opened", additive=True),
               _people("closed", additive=True)),
        good=None,
        identities=(Balance("active", "opened", "closed"),
                    CategoryBalance("active_district", "opened_district", "closed_district")),
        # Ortsteile that never reach 10 cases are merged (Weitere); the flows per Ortsteil of years only in the
        # suppressed views, as K1's per target group
        breakdowns=(Breakdown("active", None, dimension="district"),
                    Breakdown("opened", None, dimension="district", categories_of="active_district",
                              years_only=True),
                    Breakdown("closed", None, dimension="district", categories_of="active_district",
                              years_only=True)),
        target_basis=STOCK,
        sources=(("cases", ("opened_on", "closed_on", "district")),),
        explained_by=("opened", "closed"),
    ),
    KpiSpec(
        "K18", lambda f, p: kpis.k18_same_gender(f["cases"], f["contacts"], f["staffing"], p), "ratio",
        "by_woman_share",
        parts=(Part("by_woman_share", SHARE, people=True, of=("by_woman_officer", "women_clients"), source="value"),
               _people("women_clients"), _people("by_woman_officer", shown=False),
               _people("not_by_woman_officer", shown=False)),
        overview=True,
        good=UP,
        identities=(Sum("women_clients", ("by_woman_officer", "not_by_woman_officer")),),
        sources=(("contacts", ("case_id", "date", "officer")), ("cases", ("case_id", "gender")),
                 ("staffing", ("officer", "gender", "valid_from", "valid_until"))),
        explained_by=("women_clients",),
    ),
)

# The cases handled in a period (K2, K3) are the cases active at the end of the period before plus those opened in
# it (K1), since no case is closed before it is opened (the import refuses that). Without it, their count and
# the active cases before would give the opened cases of a quarter whose flows are withheld.
LINKS: tuple[Link, ...] = (Link(("K2", "handled"), ("K1", "active"), ("K1", "opened")),
                           Link(("K3", "handled"), ("K1", "active"), ("K1", "opened")))
# K4 counts the contacts of the period as K3 does.
# K17 counts K1's cases by Ortsteil: the same totals.
SAME: tuple[Same, ...] = (Same(("K4", "contacts"), ("K3", "contacts")),
                          Same(("K17", "active"), ("K1", "active")), Same(("K17", "opened"), ("K1", "opened")),
                          Same(("K17", "closed"), ("K1", "closed")))

BY_ID: dict[str, KpiSpec] = {spec.id: spec for spec in REGISTRY}
IDS: tuple[str, ...] = tuple(BY_ID)


def kinds_of(kpi_ids) -> frozenset[str]:
    """The kinds of records the KPIs are computed from (their ``sources``)."""
    return frozenset(kind for kpi_id in kpi_ids for kind, _ in spec(kpi_id).sources)


def spec(kpi_id: str) -> KpiSpec:
    return BY_ID[kpi_id]


def compute_all(frames: Frames, period: Period) -> dict[str, Kpi]:
    """Every registered KPI for one period, in registry order."""
    return {s.id: s.compute(frames, period) for s in REGISTRY}
