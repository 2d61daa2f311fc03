"""The published set: every figure that the suppressed views (public, council, the meeting view of any role) can
reach, made safe as one set (Regel 5/10, docs/datenschutz.md).

The set covers every offered Gemeinde, every closed year and quarter, every registered KPI with all its parts
(headline, counts, shares, means, categories) and so also the trend and every change against a period before,
which are made of those figures. It is built in four steps:

1. **Cells**: each count part of a KPI for one Gemeinde and period is a cell. A stock is counted on a day, so
   a year and its fourth quarter share the cell of 31 December. Cells are tied by the registry's identities
   (a total and its parts; a year and its quarters for additive flows; stock at the end = stock at the start +
   inflow - outflow; the cases handled in a period = those active at its start + those opened in it; a count
   two KPIs publish is the same in both). The categories of a breakdown add up to its total; where one unit
   may fall into several categories (the topics of a contact), each category is at most the total instead.
2. **Primary suppression**: a count of 1-4 people is hidden; a count that is shown only through a share or a
   mean is published only where that share (at least 10 people, numerator and complement not 1-4, not 0 %
   or 100 %) or mean (at least 5 people) may be shown; categories of a group under 10 people or with one
   category holding all are hidden together, each breakdown on its own. Categories of people that never reach
   10 are merged first ("Weitere"); categories that are 0 in every period have no cells.
3. **Secondary suppression and audit**: by linear programming over all identities at once, the range each
   hidden count of people could have, given everything published, is computed (a hidden count is at least 1
   where it is not 0). While a hidden cell's range is narrower than 5 values, one more cell is hidden: in the
   identity that pins it down most (fewest hidden cells), the smallest published count of people, a quarter's
   before a year's, so that a year stays visible and its quarters are published only as part of it. The cases
   handled (K2) are withheld wherever the cases opened or the active cases before are. The categories of a
   breakdown published for years only (K1's cases opened and closed by target group) are never published for a
   quarter (unknowns at least 0 in the audit); a year's are hidden before any other cell, and where one of them
   cannot be protected by the others, all of that year's are withdrawn, so they never displace another figure.
4. **Figures**: a share, mean or value is published only where every count it is made of is; a change only
   where both periods' figures are.

Only closed periods (completed quarters and years) are in the set: the figures of a running period change
with each upload, and the difference would name the newcomer.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from monitor import lp, queries, registry, suppression
from monitor.periods import Period, periods_between
from monitor.registry import COUNT, MEAN, SHARE, VALUE, Balance, KpiSpec
from monitor.source import FigureSource

Frames = dict[str, pd.DataFrame]
Key = tuple[str, str, str, str]  # (ags, kpi id, part, period key or "@" + reference day)
OTHER = registry.OTHER  # the merged category of a breakdown
Categories = dict[tuple[str, str], tuple[str, ...]]  # (KPI id, breakdown name) -> its categories after merging


@dataclass(frozen=True)
class Figures:
    """One KPI's figures for one Gemeinde and period, as a view may show them. ``values`` holds every part;
    None where the figure cannot be computed or is withheld; ``hidden`` names the parts withheld for privacy."""

    kpi_id: str
    values: dict[str, float | None]
    hidden: frozenset[str] = frozenset()

    def __getitem__(self, part: str) -> float | None:
        return None if part in self.hidden else self.values.get(part)

    def is_hidden(self, part: str) -> bool:
        return part in self.hidden

    @property
    def spec(self) -> KpiSpec:
        return registry.spec(self.kpi_id)

    @property
    def headline(self) -> float | None:
        return self[self.spec.headline]

    @property
    def headline_hidden(self) -> bool:
        return self.is_hidden(self.spec.headline)

    def categories(self, breakdown: str) -> list[str]:
        """The category codes of a breakdown (by its name, e.g. "active") present in these figures: a fixed
        list's in its order, data categories sorted, "other" last."""
        spec = self.spec
        return list(spec.categories_in(spec.breakdown_named(breakdown), self.values))


def exact_figures(source: FigureSource | Frames, period: Period, kpis: Collection[str] | None = None
                  ) -> dict[str, Figures] | None:
    """Every KPI (or those of `kpis`, computed alone) for one period with nothing withheld: for the roles that see
    exact figures. None when the period cannot be answered (it begins before the archive's cut-off and is not
    archived)."""
    source = FigureSource.of(source)
    if kpis is not None and not source.archived(period):
        return {spec.id: Figures(spec.id, source.kpi_values(period, spec.id)) for spec in registry.REGISTRY
                if spec.id in kpis}
    values = source.values(period)
    return None if values is None else {kpi_id: Figures(kpi_id, parts) for kpi_id, parts in values.items()
                                        if kpis is None or kpi_id in kpis}


# --- periods -------------------------------------------------------------------------------------------------


def last_closed_quarter(today: date) -> Period:
    """The newest quarter that ended before `today`."""
    return Period.containing(today, quarterly=True).previous()


def closed_periods(first: date, today: date) -> list[Period]:
    """Closed years and quarters from the one containing `first`, oldest first, quarters of a year before it."""
    last = last_closed_quarter(today)
    if first > last.full_end:
        return []
    quarters = periods_between(first, last.full_end, quarterly=True)
    years = [y for y in periods_between(first, last.full_end, quarterly=False) if y.full_end <= last.full_end]
    out: list[Period] = []
    for year in range(quarters[0].year, last.year + 1):
        out += [q for q in quarters if q.year == year]
        out += [y for y in years if y.year == year]
    return out


def _years_only(spec: KpiSpec, name: str) -> bool:
    """Whether a part is a category of a breakdown the suppressed views publish for years only."""
    found = spec.category_of(name)
    return found is not None and found[0].years_only


def _ref(part: registry.Part, period: Period) -> str:
    return "@" + period.full_end.isoformat() if part.stock else period.key


def is_year(key: Key) -> bool:
    ref = key[3]
    return not ref.startswith("@") and "Q" not in ref


# --- the set -------------------------------------------------------------------------------------------------


@dataclass
class _Cells:
    value: dict[Key, float] = field(default_factory=dict)
    people: dict[Key, bool] = field(default_factory=dict)
    shown: dict[Key, bool] = field(default_factory=dict)
    audited: set[Key] = field(default_factory=set)  # context cells (before the first period) are known, not shown
    equations: list[dict[Key, int]] = field(default_factory=list)
    by_cell: dict[Key, list[int]] = field(default_factory=lambda: defaultdict(list))
    links: list[tuple[Key, tuple[Key, ...]]] = field(default_factory=list)  # (total, its other terms): _add_links
    # cells never published, at least 0, not audited themselves: the rest of a total beside one category of a
    # non-exclusive breakdown (total - category), so that the category is at most its total in the audit
    # (_add_bounds); the quarters' categories of a breakdown published for years only, and a year's once withdrawn
    rests: set[Key] = field(default_factory=set)
    # the years' categories of the breakdowns published for years only, with (ags, KPI id, year): hidden first
    # where they help, and withdrawn together where they cannot be protected among themselves (_withdraw)
    optional: dict[Key, tuple[str, str, str]] = field(default_factory=dict)
    # the cells of the flows of a balance and of their categories in quarters, by (ags, KPI id, year), and the
    # category cells of the flows of people in quarters, by (ags, KPI id, breakdown, year): _coarsen
    quarter_flows: dict[tuple[str, str, str], list[Key]] = field(default_factory=lambda: defaultdict(list))
    quarter_categories: dict[tuple[str, str, str, str], list[Key]] = field(default_factory=lambda: defaultdict(list))

    def add_equation(self, terms: dict[Key, int]) -> None:
        terms = {k: c for k, c in terms.items() if c}
        if len(terms) < 2 or any(k not in self.value for k in terms):
            return
        index = len(self.equations)
        self.equations.append(terms)
        for key in terms:
            self.by_cell[key].append(index)


@dataclass(frozen=True)
class PublishedSet:
    """What the suppressed views may show: figures per Gemeinde, period and KPI; hidden ones withheld."""

    gemeinden: tuple[str, ...]
    periods: tuple[Period, ...]  # closed years and quarters, oldest first
    stand: date | None  # the end of the last closed quarter
    figures: dict[tuple[str, str], dict[str, Figures]]  # (ags, period key) -> KPI id -> figures
    # (ags, KPI id, breakdown name) -> the breakdown's categories after merging, "other" last
    categories: dict[tuple[str, str, str], tuple[str, ...]]
    cells: _Cells = field(repr=False, compare=False, default_factory=_Cells)
    hidden: frozenset[Key] = field(repr=False, compare=False, default=frozenset())

    def periods_of(self, quarterly: bool) -> list[Period]:
        """The closed quarters (or years), newest first."""
        return [p for p in reversed(self.periods) if (p.quarter is not None) == quarterly]

    def get(self, ags: str, period: Period) -> dict[str, Figures]:
        return self.figures.get((ags, period.key), {})

    def has(self, ags: str, period: Period) -> bool:
        return (ags, period.key) in self.figures

    def categories_of(self, ags: str, kpi_id: str, breakdown: str) -> tuple[str, ...]:
        """A breakdown's categories in the set for a Gemeinde (the same in all its periods), "other" last."""
        return self.categories.get((ags, kpi_id, breakdown), ())


def offered(case_counts: dict[str, int]) -> list[str]:
    """Gemeinden the suppressed views may offer: at least 10 cases in all. No figure across Gemeinden is
    published, so a small Gemeinde beside a large one hides only itself (its complement is never shown)."""
    return sorted(ags for ags, n in case_counts.items() if n >= suppression.MIN_GROUP)


def offered_in(engine, today: date) -> list[str]:
    """The offered Gemeinden of the database (``offered``), their cases counted up to the end of the last closed
    quarter: a case uploaded for the running quarter changes nothing."""
    return offered(queries.case_counts(engine, opened_until=last_closed_quarter(today).full_end))


def from_database(engine, today: date, ags: str | None = None) -> PublishedSet:
    """The published set of every offered Gemeinde in the database, for the closed periods before `today`; with
    `ags`, only that Gemeinde's part (empty if it is not offered).

    The part of one Gemeinde is the same as in the whole set: no identity joins two Gemeinden and no figure across
    Gemeinden is published, so each Gemeinde's cells are audited in components of their own. A view of one
    Gemeinde therefore builds only its part (a test compares the two)."""
    keys = offered_in(engine, today)
    if ags is not None:
        keys = [key for key in keys if key == ags]
    return build({key: queries.load_source(engine, key) for key in keys}, today)


def build(sources: dict[str, FigureSource | Frames], today: date) -> PublishedSet:
    """The published set of the given Gemeinden (the offered ones) for the closed periods before `today`, their
    figures from each one's FigureSource (or plain frames): archived periods from the archive."""
    cells = _Cells()
    raw: dict[tuple[str, str], dict[str, dict[str, float | None]]] = {}
    periods_by_ags: dict[str, list[Period]] = {}
    categories: dict[str, Categories] = {}
    for ags, source in sources.items():
        source = FigureSource.of(source)
        first = source.first_day()
        periods = closed_periods(date(first.year, 1, 1), today) if first is not None else []
        values = {period: source.values(period) for period in periods}
        periods = [period for period in periods if values[period] is not None]
        if not periods:
            continue
        periods_by_ags[ags] = periods
        for period in periods:
            raw[(ags, period.key)] = values[period]
        categories[ags] = _merge_categories(ags, periods, raw)
        before = periods[0].previous()  # stocks at the day before the first period: known context
        context = source.values(before) or {s.id: {} for s in registry.REGISTRY}
        _add_cells(cells, ags, periods, raw, categories[ags], before, context)
        _add_links(cells, ags, periods)
    hidden = _coarsen(cells, _derivable(cells, _primary(cells, raw, periods_by_ags, categories) | cells.rests))
    audited: dict = {}  # findings by component, kept between the rounds
    hidden = secondary(cells, hidden, audited)
    while True:  # a count withheld with its share may itself be narrow: audit again until nothing changes
        closed = _derivable(cells, _close_derived(cells, raw, periods_by_ags, categories, hidden))
        if closed == hidden:
            break
        hidden = secondary(cells, closed, audited)
    figures = _figures(raw, periods_by_ags, categories, hidden)
    all_periods = sorted({p for ps in periods_by_ags.values() for p in ps},
                         key=lambda p: (p.year, p.quarter is None, p.quarter or 0))
    stand = last_closed_quarter(today).full_end if all_periods else None
    flat = {(ags, kpi_id, name): cats for ags, by_breakdown in categories.items()
            for (kpi_id, name), cats in by_breakdown.items()}
    return PublishedSet(tuple(periods_by_ags), tuple(all_periods), stand, figures, flat, cells, frozenset(hidden))


def _merge_categories(ags: str, periods: list[Period], raw) -> Categories:
    """Every breakdown's categories for one Gemeinde, each breakdown on its own: of a count of people, those that
    never reach merge_below in any period are merged into "other" (Weitere), and an exclusive breakdown left
    with one category has none; of other counts, every category that is not 0 in every period. Categories that are 0
    everywhere have no cells."""
    out: Categories = {}
    for spec in registry.REGISTRY:
        # a breakdown that takes another's categories after that one
        for breakdown in sorted(spec.breakdowns, key=lambda b: b.categories_of is not None):
            if breakdown.categories_of is not None:
                out[(spec.id, breakdown.name)] = out[(spec.id, breakdown.categories_of)]
                continue
            found = breakdown.codes if breakdown.codes is not None else sorted(
                {c for p in periods for c in spec.categories_in(breakdown, raw[(ags, p.key)][spec.id])} - {OTHER})
            peak = {code: max((raw[(ags, p.key)][spec.id].get(breakdown.part(code)) or 0) for p in periods)
                    for code in found}
            if spec.part(breakdown.total).people:
                keep = tuple(c for c in found if peak[c] >= breakdown.merge_below)
                merged = [c for c in found if c not in keep and peak[c] > 0]
                categories = keep + ((OTHER,) if merged else ())
                # one category alone (of an exclusive breakdown) is the total: it holds all (hidden), and the
                # total would give it away
                single = breakdown.exclusive and len(categories) == 1
                out[(spec.id, breakdown.name)] = () if single else categories
            else:
                out[(spec.id, breakdown.name)] = tuple(c for c in found if peak[c] > 0)
    return out


def _category_values(spec: KpiSpec, breakdown: registry.Breakdown, values: dict,
                     categories: tuple[str, ...]) -> dict[str, float]:
    """The counts of a breakdown's (merged) categories in one period's values; none where the period does not
    have the breakdown (a fixed list without any of its codes, or categories that do not add up to the total:
    figures archived before the breakdown was declared)."""
    present = spec.categories_in(breakdown, values)
    if not present and breakdown.codes is not None:
        return {}
    counts = {c: values.get(breakdown.part(c)) or 0 for c in present}
    if breakdown.exclusive and values.get(breakdown.total) is not None \
            and sum(counts.values()) != values[breakdown.total]:
        return {}
    out = {breakdown.part(c): counts.get(c, 0) for c in categories if c != OTHER}
    if OTHER in categories:
        out[breakdown.part(OTHER)] = sum(v for c, v in counts.items() if c not in categories)
    return out


def _count_parts(spec: KpiSpec, values: dict, categories: Categories) -> dict[str, tuple[registry.Part, float]]:
    out = {p.name: (p, values.get(p.name)) for p in spec.parts if p.kind == COUNT}
    for breakdown in spec.breakdowns:
        cats = categories.get((spec.id, breakdown.name), ())
        for name, value in _category_values(spec, breakdown, values, cats).items():
            out[name] = (spec.part(name), value)
    return out


def _add_cells(cells: _Cells, ags: str, periods: list[Period], raw, categories, before: Period, context) -> None:
    for spec in registry.REGISTRY:
        for period in [before, *periods]:
            values = context[spec.id] if period is before else raw[(ags, period.key)][spec.id]
            for name, (part, value) in _count_parts(spec, values, categories).items():
                if period is before and not part.stock:
                    continue
                key = (ags, spec.id, name, _ref(part, period))
                if value is None or key in cells.value:
                    continue
                cells.value[key] = float(value)
                if _years_only(spec, name) and period is not before:
                    if period.quarter is not None:  # a quarter's: never published, known to be at least 0
                        cells.people[key], cells.shown[key] = False, False
                        cells.rests.add(key)
                        continue
                    cells.optional[key] = (ags, spec.id, period.key)
                cells.people[key] = part.people
                cells.shown[key] = part.shown and period is not before
                if period is not before:
                    cells.audited.add(key)
        _add_identities(cells, ags, spec, periods, before, categories)


def _add_identities(cells: _Cells, ags: str, spec: KpiSpec, periods: list[Period], before: Period,
                    categories) -> None:
    sums = [i for i in spec.identities if isinstance(i, registry.Sum)]
    parts = {p.name: p for p in spec.parts}
    bounded: list[tuple[str, str]] = []  # (category, total) of the non-exclusive breakdowns
    for breakdown in spec.breakdowns:
        cat_parts = tuple(breakdown.part(c) for c in categories.get((spec.id, breakdown.name), ()))
        if breakdown.exclusive:
            sums.append(registry.Sum(breakdown.total, cat_parts))
        else:
            bounded += [(name, breakdown.total) for name in cat_parts]
        parts.update({name: spec.part(name) for name in cat_parts})

    def key(name: str, period: Period) -> Key:
        return (ags, spec.id, name, _ref(parts[name], period))

    balances = []  # (stock, inflow, outflow) part names: the Balances and those of each category
    for identity in spec.identities:
        if isinstance(identity, Balance):
            balances.append((identity.stock, identity.inflow, identity.outflow))
        elif isinstance(identity, registry.CategoryBalance):
            stems = [spec.breakdown_named(n) for n in (identity.stock, identity.inflow, identity.outflow)]
            for code in categories.get((spec.id, identity.stock), ()):
                balances.append(tuple(b.part(code) for b in stems))

    for period in periods:
        for identity in sums:
            terms = {key(identity.total, period): 1}
            for name in identity.parts:
                terms[key(name, period)] = terms.get(key(name, period), 0) - 1
            cells.add_equation(terms)
        for name, total in bounded:
            _add_bound(cells, key(name, period), key(total, period))
        for stock, inflow, outflow in balances:
            previous = period.previous()
            prev_key = key(stock, previous)
            if prev_key not in cells.value:
                continue
            cells.add_equation({key(stock, period): 1, prev_key: -1,
                                key(inflow, period): -1, key(outflow, period): 1})
    years = [p for p in periods if p.quarter is None]
    for year in years:
        quarters = [Period(year.year, q) for q in range(1, 5)]
        for name, part in parts.items():
            if part.additive and not part.stock:
                terms = {key(name, year): 1}
                terms.update({key(name, q): -1 for q in quarters})
                cells.add_equation(terms)


def _add_bound(cells: _Cells, category: Key, total: Key) -> None:
    """category <= total, for a category of a non-exclusive breakdown (one unit may fall into several, so the
    categories do not sum to the total): as total = category + rest with a rest of at least 0 that is never
    published (a cell in ``cells.rests``, always hidden, not audited itself)."""
    if category not in cells.value or total not in cells.value or cells.value[total] < cells.value[category]:
        return
    rest = (*category[:2], category[2] + "~rest", category[3])
    if rest in cells.value:
        return
    cells.value[rest] = cells.value[total] - cells.value[category]
    cells.people[rest] = False
    cells.shown[rest] = False
    cells.rests.add(rest)
    cells.add_equation({total: 1, category: -1, rest: -1})


def _add_links(cells: _Cells, ags: str, periods: list[Period]) -> None:
    for link in registry.LINKS:
        (total_kpi, total), (stock_kpi, stock), (flow_kpi, flow) = link.total, link.stock, link.inflow
        for period in periods:
            terms = {(ags, total_kpi, total, period.key): 1,
                     (ags, stock_kpi, stock, "@" + period.previous().full_end.isoformat()): -1,
                     (ags, flow_kpi, flow, period.key): -1}
            # records that break it (not through the import) would make the audit's equations contradict
            # each other; there it does not hold, so no one can use it either
            if all(k in cells.value for k in terms) and sum(c * cells.value[k] for k, c in terms.items()) == 0:
                cells.add_equation(terms)
                total_key, *others = terms
                cells.links.append((total_key, tuple(others)))
    for same in registry.SAME:  # one count two KPIs publish: equal in every period
        if same.first[0] not in registry.BY_ID or same.second[0] not in registry.BY_ID:
            continue
        for period in periods:
            terms = {(ags, kpi_id, name, _ref(registry.spec(kpi_id).part(name), period)): sign
                     for (kpi_id, name), sign in ((same.first, 1), (same.second, -1))}
            if all(k in cells.value for k in terms) and sum(c * cells.value[k] for k, c in terms.items()) == 0:
                cells.add_equation(terms)


def _hide_link_totals(cells: _Cells, hidden: set[Key]) -> set[Key]:
    """A link's total (the cases handled) is withheld wherever one of its other terms is: beside them it would
    give the withheld one. It is in no other identity, so hiding it narrows nothing; hiding the stock before
    instead (often the smaller count) would withhold the active cases of every period after it."""
    return hidden | {total for total, others in cells.links if any(k in hidden for k in others)}


def _share_ok(part: registry.Part, values: dict) -> bool:
    """Whether a derived figure may be shown by the rules for derived figures (before secondary hiding)."""
    if not part.people:
        return True
    if part.kind == SHARE:
        num, den = values.get(part.of[0]), values.get(part.of[1])
        if num is None or den is None or den == 0:
            return False
        return not suppression.share_hidden(num, den)
    if part.kind == MEAN:
        total = values.get(part.of[0])
        return total is not None and not suppression.mean_hidden(total)
    return True


def _primary(cells: _Cells, raw, periods_by_ags, categories) -> set[Key]:
    hidden: set[Key] = set()
    for (ags, period_key), by_kpi in raw.items():
        period = Period.parse(period_key)
        for spec in registry.REGISTRY:
            values = by_kpi[spec.id]
            counts = _count_parts(spec, values, categories[ags])
            revealed = {name for p in spec.parts if p.kind in (SHARE, MEAN) and _share_ok(p, values)
                        for name in p.of}
            for name, (part, value) in counts.items():
                key = (ags, spec.id, name, _ref(part, period))
                if key not in cells.value or not part.people:
                    continue
                if part.shown and suppression.small(value):
                    hidden.add(key)
                elif not part.shown and name not in revealed:
                    hidden.add(key)
            for breakdown in spec.breakdowns:  # each on its own: a group under 10, or one category holding all
                total_part = spec.part(breakdown.total)
                if not total_part.people:
                    continue
                total = values.get(breakdown.total) or 0
                cats = _category_values(spec, breakdown, values, categories[ags].get((spec.id, breakdown.name), ()))
                if total < suppression.MIN_GROUP or any(v == total for v in cats.values()):
                    hidden.update((ags, spec.id, name, _ref(total_part, period)) for name in cats)
    return hidden


def _derivable(cells: _Cells, hidden: set[Key]) -> set[Key]:
    """A count that is not printed itself (the rest of a total, a year of quarters) is published as soon as
    every other cell of an identity is: anyone can work it out, so it is counted as known, unless it is 0 or
    1-4 people (then it stays hidden and the audit hides more around it: "none of the 12" tells something about
    each of the 12). The parts of an empty total (no one at all) are known to be 0 and are published too.
    The rest beside a category of a non-exclusive breakdown is never published: it stands for "at least 0", and
    counted as known it would pin the category to total - rest as soon as the category is withheld."""
    hidden = set(hidden)
    changed = True
    while changed:
        changed = False
        for terms in cells.equations:
            inside = [k for k in terms if k in hidden and k not in cells.rests]
            if len(inside) < sum(k in hidden for k in terms):
                continue  # a bound: its rest stays unknown
            if not inside or any(cells.shown[k] for k in inside):
                continue
            if len(inside) == 1 and cells.value[inside[0]] >= suppression.MIN_COUNT:
                hidden.discard(inside[0])
                changed = True
            elif all(cells.value[k] == 0 for k in terms) and len({terms[k] > 0 for k in inside}) == 1:
                hidden.difference_update(inside)
                changed = True
    return hidden


def _coarsen(cells: _Cells, hidden: set[Key]) -> set[Key]:
    """Quarters published only as part of their year:
    - a quarter whose inflow or outflow of a balance (cases opened, closed) is hidden: both flows are withheld for
      every quarter of that year, with their categories (published, they would add up to the withheld flow); the
      stocks and the year stay;
    - a quarter in which a category of a breakdown of a flow of people is hidden (a small group's, 0 included):
      that breakdown's categories are withheld for every quarter of that year, zeros too; the year's stay.
      Otherwise the year less the three other quarters gives the hidden one, and a hidden 0 says "none of them".
    The audit calls it again after each round, since it may hide a quarter's flow or category itself."""
    hidden = set(hidden)
    flows = {(spec.id, name) for spec in registry.REGISTRY for identity in spec.identities
             if isinstance(identity, Balance) for name in (identity.inflow, identity.outflow)}
    if not cells.quarter_flows and not cells.quarter_categories:  # found once: by (ags, KPI id, year), and by
        for key, value in cells.value.items():  # (ags, KPI id, breakdown, year)
            ags, kpi_id, name, ref = key
            if "-Q" not in ref or key not in cells.audited or kpi_id not in registry.BY_ID:
                continue
            found = registry.spec(kpi_id).category_of(name)
            year = ref.split("-Q")[0]
            if value > 0 and ((kpi_id, name) in flows or (found is not None and (kpi_id, found[0].total) in flows)):
                cells.quarter_flows[(ags, kpi_id, year)].append(key)
            if found is not None and cells.people[key]:
                total = registry.spec(kpi_id).part(found[0].total)
                if total.additive and not total.stock:
                    cells.quarter_categories[(ags, kpi_id, found[0].name, year)].append(key)
    years = {(k[0], k[1], k[3].split("-Q")[0]) for k in hidden if (k[1], k[2]) in flows and "-Q" in k[3]}
    for year in years:
        hidden.update(cells.quarter_flows.get(year, ()))
    groups = set()
    for key in hidden:
        if "-Q" in key[3] and key[1] in registry.BY_ID:
            found = registry.spec(key[1]).category_of(key[2])
            if found is not None:
                groups.add((key[0], key[1], found[0].name, key[3].split("-Q")[0]))
    for group in groups:
        hidden.update(cells.quarter_categories.get(group, ()))
    return hidden


# --- the LP audit and secondary suppression ------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    key: Key
    low: float
    high: float


def _components(cells: _Cells, hidden: set[Key]) -> list[list[Key]]:
    """Groups of hidden cells tied to each other through identities."""
    parent: dict[Key, Key] = {k: k for k in hidden}

    def find(k: Key) -> Key:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for terms in cells.equations:
        members = sorted(k for k in terms if k in hidden)
        for other in members[1:]:
            a, b = find(members[0]), find(other)
            if a != b:
                parent[a] = b
    groups: dict[Key, list[Key]] = defaultdict(list)
    for k in sorted(hidden):
        groups[find(k)].append(k)
    return sorted(groups.values())


def _audit_component(cells: _Cells, hidden: set[Key], members: list[Key], first_only: bool = False,
                     wide: set[Key] | None = None) -> list[Finding]:
    """Hidden counts of people of one component whose range is narrower than 5, by linear programming; with
    `first_only`, stop at the first. `wide` holds cells whose range was found at least 5 wide since `hidden`
    last lost a cell: hiding a published cell turns a constant into a variable that may still take its value,
    so every solution stays one and no range narrows; those cells are not solved again, and the cells found
    wide here are added."""
    # hidden counts of people; a hidden 0 too where it is not printed itself (a share's part): pinned to 0 it
    # would say "none of them" (a printed 0 is shown, never hidden)
    targets = [k for k in members if cells.people[k] and (cells.value[k] > 0 or not cells.shown[k])
               and k in cells.audited and (wide is None or k not in wide)]
    if not targets:
        return []
    eq_ids = sorted({i for k in members for i in cells.by_cell.get(k, [])})
    if not eq_ids:
        return []
    index = {k: j for j, k in enumerate(members)}
    a_eq = np.zeros((len(eq_ids), len(members)))
    b_eq = np.zeros(len(eq_ids))
    for row, i in enumerate(eq_ids):
        for k, coef in cells.equations[i].items():
            if k in hidden:
                a_eq[row, index[k]] = coef
            else:
                b_eq[row] -= coef * cells.value[k]
    # a hidden count that is not 0 is at least 1 (a 0 would be shown); the rest beside a category is not shown
    lower = [1.0 if cells.value[k] >= 1 and k not in cells.rests else 0.0 for k in members]
    findings = []
    ranges: lp.Ranges | None = None  # made for the first cell that needs a solve
    for k in targets:
        j = index[k]
        if not a_eq[:, j].any():
            continue  # in no identity: unbounded above
        single = [row for row in range(len(eq_ids)) if a_eq[row, j] and np.count_nonzero(a_eq[row]) == 1]
        if single:  # the only hidden cell of an identity: determined exactly
            findings.append(Finding(k, cells.value[k], cells.value[k]))
            if first_only:
                return findings
            continue
        ranges = ranges or lp.Ranges(a_eq, b_eq, lower)
        low, upper = ranges.of(j)
        if upper - low < suppression.MIN_RANGE:
            findings.append(Finding(k, float(low), float(upper)))
            if first_only:
                return findings
        elif wide is not None:
            wide.add(k)
    return findings


def audit_cells(cells: _Cells, hidden: set[Key], cache: dict | None = None, first_only: bool = False,
                wide: set[Key] | None = None, components: list[list[Key]] | None = None) -> list[Finding]:
    """Every hidden count of people whose range, given all published cells and identities, is narrower than 5
    (with `first_only`, the first of each component). `cache` keeps the findings of components that did not
    change (a component's cells decide its equations and constants); `wide`, the cells already found wide
    while only more cells were hidden since (see _audit_component); `components`, those of `hidden` if known."""
    findings = []
    for members in _components(cells, hidden) if components is None else components:
        signature = frozenset(members)
        if cache is not None and signature in cache:
            found = cache[signature]
        else:
            found = _audit_component(cells, hidden, members, first_only, wide)
            if cache is not None:
                cache[signature] = found
        findings += found
    return findings


def contradictions(cells: _Cells, hidden: set[Key]) -> list[dict[Key, int]]:
    """Identities whose cells are all published but do not add up (the set contradicting itself)."""
    return [terms for terms in cells.equations
            if not any(k in hidden for k in terms) and abs(sum(c * cells.value[k] for k, c in terms.items())) > 1e-6]


def _candidate(cells: _Cells, hidden: set[Key], finding: Finding, members: list[Key]) -> Key | None:
    """The cell to hide next for a narrow one: in an identity of the narrow cell (else of its component) with
    the fewest hidden cells, bounds last, the smallest published count of people, a quarter's before a year's;
    failing that, any published cell of them."""
    direct = set(cells.by_cell.get(finding.key, []))
    eq_ids = direct | {i for k in members for i in cells.by_cell.get(k, [])}
    # a category published for years only is hidden before anything else; one of them is protected by no
    # other cell (else its year's are withdrawn: _withdraw)
    for only_optional in (True, False):
        for positive in (True, False):
            options = []
            for i in eq_ids:
                terms = cells.equations[i]
                free = [k for k in terms if k not in hidden and k in cells.audited
                        and (not only_optional or k in cells.optional)
                        and (not positive or (cells.people[k] and cells.value[k] > 0))]
                if free:
                    n_hidden = sum(k in hidden for k in terms)
                    best = min(free, key=lambda k: (is_year(k), cells.value[k], k))
                    # a bound (a category at most its total) narrows a category from above only, so hiding its
                    # total rarely widens the range: the other identities first
                    bound = any(k in cells.rests for k in terms)
                    options.append((i not in direct, bound, n_hidden, is_year(best), cells.value[best], best))
            if options:
                return min(options)[-1]
        if finding.key in cells.optional:
            return None
    return None


def _withdraw(cells: _Cells, hidden: set[Key], group: tuple[str, str, str], cache: dict, wide: set[Key]) -> None:
    """Withdraw every category of a year published for years only (``group``: ags, KPI id, year) that cannot be
    protected by hiding more of them: none of them is published, they become unknowns at least 0 like a
    quarter's, which ask nothing of the other cells (the set is then what it would be without them). The
    findings of components with any of them are forgotten."""
    withdrawn = {k for k, g in cells.optional.items() if g == group}
    for key in withdrawn:
        del cells.optional[key]
        cells.audited.discard(key)
        cells.rests.add(key)
    hidden |= withdrawn
    wide -= withdrawn
    for signature in [sig for sig in cache if sig & withdrawn]:
        del cache[signature]


def secondary(cells: _Cells, hidden: set[Key], cache: dict | None = None) -> set[Key]:
    """Hide more cells until no hidden count of people keeps a range narrower than 5. Each round hides one
    cell per component with a finding (the others' findings may be solved by it), then audits again; the
    ranges of components that did not change are kept (in `cache`, which a caller may pass on)."""
    hidden = set(hidden)
    cache = {} if cache is None else cache
    wide: set[Key] = set()  # hidden cells found wide: a call only hides more, so they stay wide in it
    while True:
        hidden = _hide_link_totals(cells, _coarsen(cells, hidden))
        components = _components(cells, hidden)
        findings = audit_cells(cells, hidden, cache, first_only=True, wide=wide, components=components)
        if not findings:
            return hidden
        component = {k: i for i, members in enumerate(components) for k in members}
        done: set[int] = set()
        for finding in findings:
            if component[finding.key] in done:
                continue
            key = _candidate(cells, hidden, finding, components[component[finding.key]])
            if key is None and finding.key in cells.optional:
                _withdraw(cells, hidden, cells.optional[finding.key], cache, wide)
                done.add(component[finding.key])
                continue
            if key is None and done:  # a cell hidden this round for another finding was its last published
                continue  # neighbour: the components have merged, the next audit sees it anew
            if key is None:  # nothing published is tied to it: its range cannot be narrow
                raise RuntimeError(f"published set: no cell left to protect {finding.key}")
            hidden.add(key)
            done.add(component[finding.key])


def _close_derived(cells: _Cells, raw, periods_by_ags, categories, hidden: set[Key]) -> set[Key]:
    """A count that is published only through a share or mean is withheld when that figure is: hiding more
    only widens the ranges of the others, but the count's own range may be narrow (build audits it again)."""
    hidden = set(hidden)
    for (ags, period_key), by_kpi in raw.items():
        period = Period.parse(period_key)
        for spec in registry.REGISTRY:
            values = by_kpi[spec.id]
            counts = _count_parts(spec, values, categories[ags])
            keys = {name: (ags, spec.id, name, _ref(part, period)) for name, (part, _) in counts.items()}
            shown_through = set()
            for part in spec.parts:
                if part.kind in (SHARE, MEAN) and _share_ok(part, values) \
                        and not any(keys[n] in hidden for n in part.of if n in keys):
                    shown_through.update(part.of)
            for name, (part, _) in counts.items():
                if part.people and not part.shown and name not in shown_through and keys[name] in cells.value:
                    hidden.add(keys[name])
    return hidden


def _figures(raw, periods_by_ags, categories, hidden: set[Key]) -> dict:
    out = {}
    for ags, periods in periods_by_ags.items():
        for period in periods:
            by_kpi = {}
            for spec in registry.REGISTRY:
                exact = raw[(ags, period.key)][spec.id]
                counts = _count_parts(spec, exact, categories[ags])
                # the categories as merged: the exact ones are replaced by those of the set
                values = {name: value for name, value in exact.items() if spec.category_of(name) is None}
                values.update({name: value for name, (_, value) in counts.items() if spec.category_of(name)})
                if period.quarter is not None:  # the categories published for years only: none of a quarter
                    values = {name: value for name, value in values.items() if not _years_only(spec, name)}
                withheld = {name for name, (part, _) in counts.items()
                            if (ags, spec.id, name, _ref(part, period)) in hidden}
                for part in spec.parts:  # a derived figure that cannot be computed stays missing ("–")
                    if part.kind in (SHARE, MEAN, VALUE) and part.of and values.get(part.name) is not None:
                        if any(n in withheld for n in part.of) or not _share_ok(part, values):
                            withheld.add(part.name)
                by_kpi[spec.id] = Figures(spec.id, values, frozenset(withheld))
            out[(ags, period.key)] = by_kpi
    return out
