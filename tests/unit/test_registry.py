"""The KPI registry: every entry is complete (texts, parts, sources) and every identity it declares really holds
for the figures the KPI functions compute, on random valid data of one Gemeinde (hypothesis). The published
set trusts these identities: it hides cells so that no hidden count can be narrowed through them, and a
declared identity that does not hold would make its audit wrong."""

from __future__ import annotations

import string

import pytest
from hypothesis import given, settings, strategies as st

from monitor import contract, db, registry
from monitor.periods import Period
from monitor.registry import COUNT, MEAN, SHARE, VALUE, Balance, CategoryBalance, Sum
from monitor.texts import kpis as texts
from tests.unit.kpi_data import FIRST, LAST, WIETZE, frame, gemeinde_frames

SPECS = registry.REGISTRY
ids = pytest.mark.parametrize("spec", SPECS, ids=[s.id for s in SPECS])


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


# --- declarations -----------------------------------------------------------------------------------------


def test_ids_are_unique_and_indexed():
    assert len(registry.IDS) == len(SPECS) == len(registry.BY_ID)
    assert all(registry.spec(s.id) is s for s in SPECS)


@ids
def test_texts(spec):
    names = {p.name for p in spec.parts}
    assert texts.NAMES[spec.id] and texts.DEFINITIONS[spec.id]
    assert spec.unit in texts.UNITS
    # The tile formats the explanation with the parts in explained_by, the headline and the reference day only;
    # a headline printed in words (HEADLINES) with the parts of the KPI.
    assert set(spec.explained_by) <= names
    assert _fields(texts.EXPLANATIONS[spec.id]) <= set(spec.explained_by) | {spec.headline, "end"}
    assert _fields(texts.HEADLINES.get(spec.id, "")) <= names
    # Every declared part has a German name; the categories of a breakdown one for all ("{total}_*").
    named = set(texts.PARTS[spec.id])
    wildcard = {f"{b.name}_*" for b in spec.breakdowns}
    assert names | wildcard == named, "PARTS names exactly the declared parts"


def test_no_stray_texts():
    for table in (texts.NAMES, texts.DEFINITIONS, texts.EXPLANATIONS, texts.PARTS):
        assert set(table) == set(registry.IDS)
    assert set(texts.NO_VALUE) <= set(registry.IDS)
    assert set(texts.HEADLINES) <= set(registry.IDS)


@ids
def test_parts_are_consistent(spec):
    parts = {p.name: p for p in spec.all_parts()}
    assert len(parts) == len(spec.all_parts()), "part names are unique"
    counts = {n for n, p in parts.items() if p.kind == COUNT}
    assert spec.headline in parts
    assert spec.good in (registry.UP, registry.DOWN, None)
    assert spec.target_basis in (registry.RATIO, registry.STOCK, registry.FLOW, registry.CASELOAD)
    for part in spec.parts:
        assert part.kind in (COUNT, SHARE, MEAN, VALUE), part
        if part.kind == SHARE:
            assert len(part.of) == 2 and set(part.of) <= counts, part
            assert part.people == parts[part.of[0]].people == parts[part.of[1]].people, part
        elif part.kind == MEAN:
            assert len(part.of) == 2 and set(part.of) <= counts, part
            assert part.people == parts[part.of[0]].people, part  # the sum decides (at least 5 people)
        elif part.kind == VALUE:
            assert len(part.of) <= 1 and set(part.of) <= counts, part
        else:
            assert not part.of, part
            assert not (part.stock and part.additive), f"{part.name}: a stock is no flow"
    # A count that is not printed must be published through a share or mean made of it, or close a Sum.
    through = {n for p in spec.parts if p.kind in (SHARE, MEAN) for n in p.of}
    rests = {n for i in spec.sum_identities() for n in i.parts}
    for part in spec.parts:
        if part.kind == COUNT and not part.shown:
            assert part.name in through | rests, part


@ids
def test_identities_are_between_count_parts_of_one_kind(spec):
    parts = {p.name: p for p in spec.all_parts()}
    for identity in spec.sum_identities():
        members = [parts[identity.total], *(parts[n] for n in identity.parts)]
        assert all(p.kind == COUNT for p in members), identity
        assert len({(p.people, p.stock, p.additive) for p in members}) == 1, identity
    for identity in spec.identities:
        if isinstance(identity, Balance):
            assert parts[identity.stock].stock, identity
            for flow in (identity.inflow, identity.outflow):
                assert parts[flow].kind == COUNT and parts[flow].additive, identity
                assert parts[flow].people == parts[identity.stock].people, identity
        elif isinstance(identity, CategoryBalance):  # three breakdowns of one code list (or all three of the
            # categories in the data), the first of a stock
            stems = [spec.breakdown_named(n) for n in (identity.stock, identity.inflow, identity.outflow)]
            assert len({b.codes for b in stems}) == 1, identity
            assert all(b.categories_of == identity.stock for b in stems[1:]), identity
            assert Balance(*(b.total for b in stems)) in spec.identities, identity
        else:
            assert isinstance(identity, Sum), identity
    for breakdown in spec.breakdowns:
        assert parts[breakdown.total].kind == COUNT
        if breakdown.categories_of is not None:  # takes the categories of a breakdown that takes its own
            assert spec.breakdown_named(breakdown.categories_of).categories_of is None, breakdown


@ids
def test_breakdowns_are_declared_well(spec):
    """Each breakdown splits a declared count; its stem is its own, no declared part is named like one of its
    categories (the categories of a data-driven breakdown are found by that name), and "other" is no code."""
    names = {p.name for p in spec.parts}
    assert len({b.name for b in spec.breakdowns}) == len(spec.breakdowns)
    for breakdown in spec.breakdowns:
        assert breakdown.total in names and spec.part(breakdown.total).kind == COUNT
        assert breakdown.codes is None or (breakdown.codes and registry.OTHER not in breakdown.codes)
        assert not any(n.startswith(breakdown.prefix) for n in names), breakdown


@ids
def test_part_names_fit_the_archive(spec):
    """The archive (kpi_archive.part) keeps every part by name: a data category's name is its stem and a code of
    at most contract.CODE_MAX_LENGTH characters (an officer's Kürzel, a partner_id)."""
    width = db.kpi_archive.c.part.type.length
    assert all(len(p.name) <= width for p in spec.all_parts())
    assert all(len(b.prefix) + contract.CODE_MAX_LENGTH <= width for b in spec.breakdowns if b.codes is None)


def test_the_overview_has_its_eight_kpis():
    assert [s.id for s in SPECS if s.overview] == ["K1", "K2", "K8", "K9", "K12", "K15", "K16", "K18"]


@ids
def test_sources_name_contract_fields(spec):
    assert spec.sources
    for kind_name, fields in spec.sources:
        kind = contract.kind(kind_name)
        assert fields and set(fields) <= {f.name for f in kind.fields}, (kind_name, fields)


# --- identities on random data ------------------------------------------------------------------------------

# A year of the data, or the year after it (stocks carried on, flows empty).
years = st.integers(FIRST.year, LAST.year + 1)


@settings(max_examples=60, deadline=None)
@given(frames=gemeinde_frames(), year=years)
def test_identities_hold_on_random_data(frames, year):
    """Each declared identity, for a random year, its quarters and the periods before them. The figures are
    computed once per period and checked by the functions below (the failing one names KPI, period and
    identity)."""
    periods = [Period(year, q) for q in range(1, 5)] + [Period(year)]
    kpis = {p: {s.id: s.compute(frames, p) for s in SPECS} for p in {*periods, *(p.previous() for p in periods)}}
    computed = {p: {s.id: s.figures(by_id[s.id]) for s in SPECS} for p, by_id in kpis.items()}
    for period in periods:
        _check_parts(kpis[period], computed[period], period)
        _check_sums(computed[period], period)
        _check_bounds(computed[period], period)
        _check_balances(computed[period], computed[period.previous()], period)
        _check_links(computed[period], computed[period.previous()], period)
        _check_shares(computed[period], period)
        _check_means(computed[period], period)
    _check_year(computed[Period(year)], [computed[p] for p in periods[:4]])


def _check_parts(kpis, figures, period):
    """Every part's source is in the computed Kpi (a typo would give None forever), the headline is its value,
    and counts are whole numbers of at least 0 (so a part filled in as the rest of a Sum is one)."""
    for spec in SPECS:
        kpi, values = kpis[spec.id], figures[spec.id]
        assert values[spec.headline] == kpi.value, (spec.id, period)
        for part in spec.parts_in(values):
            if part.kind == COUNT:
                value = values[part.name]
                assert value is not None and value >= 0 and float(value).is_integer(), (spec.id, part.name, period)
            elif part.key not in ("value", "numerator", "denominator"):
                assert part.key in kpi.details, (spec.id, part.name)


def _check_sums(figures, period):
    """total == sum of its parts, for every Sum and every breakdown (total == its categories)."""
    for spec in SPECS:
        values = figures[spec.id]
        for identity in spec.sum_identities(values):
            assert values[identity.total] == sum(values[n] for n in identity.parts), (spec.id, period, identity)


def _check_bounds(figures, period):
    """Each category of a non-exclusive breakdown is at most its total (the audit's bound); together they cover
    the total at least where every unit falls into one category or more."""
    for spec in SPECS:
        values = figures[spec.id]
        for breakdown in spec.breakdowns:
            if breakdown.exclusive:
                continue
            total = values[breakdown.total]
            for code in spec.categories_in(breakdown, values):
                assert values[breakdown.part(code)] <= total, (spec.id, breakdown.part(code), period)


def _check_links(figures, before, period):
    """The identities between two KPIs: a link's total = the stock at the end of the period before + the inflow
    (the cases handled), and a count two KPIs publish is the same in both."""
    for link in registry.LINKS:
        (total_kpi, total), (stock_kpi, stock), (flow_kpi, flow) = link.total, link.stock, link.inflow
        assert figures[total_kpi][total] == before[stock_kpi][stock] + figures[flow_kpi][flow], (link, period)
    for same in registry.SAME:
        (kpi_a, a), (kpi_b, b) = same.first, same.second
        assert figures[kpi_a][a] == figures[kpi_b][b], (same, period)


def _check_balances(figures, before, period):
    """stock at the end == stock at the end of the period before + inflow - outflow: a quarter against the
    quarter before (Q1 against Q4 of the year before), a year against the year before."""
    for spec in SPECS:
        now, then = figures[spec.id], before[spec.id]
        for identity in spec.identities:
            if isinstance(identity, Balance):
                assert now[identity.stock] == then[identity.stock] + now[identity.inflow] - now[identity.outflow], \
                    (spec.id, period, identity, now, then)
            elif isinstance(identity, CategoryBalance):
                stock, inflow, outflow = (spec.breakdown_named(n) for n in (identity.stock, identity.inflow,
                                                                               identity.outflow))
                # a fixed list's codes, or the categories found in either period (a category not found: 0)
                found = stock.codes or {code for values in (now, then) for b in (stock, inflow, outflow)
                                        for code in spec.categories_in(b, values)}
                for code in found:
                    assert now.get(stock.part(code), 0) == then.get(stock.part(code), 0) \
                        + now.get(inflow.part(code), 0) - now.get(outflow.part(code), 0), (spec.id, period, code)


def _check_year(year, quarters):
    """An additive flow of a year is the sum of its quarters; a stock of a year is that of its fourth quarter."""
    for spec in SPECS:
        found = {name: None for values in (year, *quarters) for name in values[spec.id]}
        for part in spec.parts_in(found):
            if part.kind != COUNT:
                continue

            def value(figures, name=part.name, spec=spec):  # a data category not found in a period counts 0
                category = spec.category_of(name)
                default = 0 if category is not None and category[0].codes is None else None
                return figures[spec.id].get(name, default)

            if part.stock:
                assert value(year) == value(quarters[3]), (spec.id, part.name)
            elif part.additive:
                assert value(year) == sum(value(q) for q in quarters), (spec.id, part.name)


def _check_shares(figures, period):
    """A share is numerator / denominator of the count parts it names (the published set decides on those);
    None where the denominator is 0, and K18 while no woman officer is on the staff (its NO_VALUE text)."""
    for spec in SPECS:
        values = figures[spec.id]
        for part in spec.parts:
            if part.kind != SHARE:
                continue
            num, den = (values[n] for n in part.of)
            if values[part.name] is None:
                assert den == 0 or spec.id in texts.NO_VALUE, (spec.id, part.name, period)
            else:
                assert values[part.name] == pytest.approx(num / den), (spec.id, part.name, period)


def _check_means(figures, period):
    """A mean is its sum over its n (count parts); None where n is 0."""
    for spec in SPECS:
        values = figures[spec.id]
        for part in spec.parts:
            if part.kind != MEAN:
                continue
            total, n = (values[name] for name in part.of)
            if values[part.name] is None:
                assert n == 0, (spec.id, part.name, period)
            else:
                assert values[part.name] == pytest.approx(total / n), (spec.id, part.name, period)


def test_links_name_declared_count_parts():
    for link in registry.LINKS:
        parts = [registry.spec(kpi_id).part(name) for kpi_id, name in (link.total, link.stock, link.inflow)]
        assert all(p.kind == COUNT and p.people for p in parts), link
        assert parts[1].stock and parts[2].additive and not parts[0].stock, link
    for same in registry.SAME:
        first, second = (registry.spec(kpi_id).part(name) for kpi_id, name in (same.first, same.second))
        assert first.kind == second.kind == COUNT and same.first[0] != same.second[0], same
        # counted alike, so that both are hidden or shown by the same rules
        assert (first.people, first.stock, first.additive) == (second.people, second.stock, second.additive), same


def test_k1_balance_on_the_edges_of_a_quarter():
    """K1's balance on hand-made edge days (opened and closed on the last day of a quarter, closed on the day
    after it), a readable twin of the property above."""
    cases = [{"target_group": "asylverfahren", "gender": "w", "opened_on": "2020-03-31", "closed_on": "2020-03-31"},
             {"target_group": "geduldet", "gender": "m", "opened_on": "2019-12-31", "closed_on": "2020-04-01"},
             {"target_group": "geduldet", "gender": "m", "opened_on": "2020-04-01", "closed_on": None}]
    frames = {k.name: frame(k, WIETZE, []) for k in contract.KINDS}
    frames["cases"] = frame(contract.CASES, WIETZE, cases, "case_id", "F")
    k1 = registry.spec("K1")
    q1, q2 = (k1.figures(k1.compute(frames, Period(2020, q))) for q in (1, 2))
    q4 = k1.figures(k1.compute(frames, Period(2019, 4)))
    assert (q4["active"], q1["opened"], q1["closed"], q1["active"]) == (1, 1, 1, 1)  # opened and closed on 31.03.
    assert (q2["opened"], q2["closed"], q2["active"]) == (1, 1, 1)
    assert (q1["active_geduldet"], q1["active_asylverfahren"]) == (1, 0)


def test_a_mean_is_its_sum_over_its_n():
    sessions = [{"date": "2020-02-05", "attendees": 10, "volunteers": 2, "children": 3},
                {"date": "2020-02-19", "attendees": None, "volunteers": None, "children": None}]  # nobody counted
    frames = {k.name: frame(k, WIETZE, []) for k in contract.KINDS}
    frames["cafe_sessions"] = frame(contract.CAFE, WIETZE, sessions)
    spec = registry.spec("K15")
    values = spec.figures(spec.compute(frames, Period(2020, 1)))
    for part in spec.parts:
        if part.kind == MEAN:
            total, n = (values[name] for name in part.of)
            # 10 guests, 2 volunteers, 3 children over the one counted session
            assert values[part.name] == pytest.approx(total / n), part.name
    assert (values["mean_attendance"], values["mean_volunteers"], values["mean_children"]) == (10, 2, 3)
