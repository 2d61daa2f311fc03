"""Attacks on the published set (monitor.published), each replayed as an intruder would run it: someone who sees
every figure the public and the council see (tiles, explanations, trend chart, command line), knows the rules
and the identities between the figures, and does the arithmetic.

Each pure test runs its attack against the published set of the demo data and of the demo data with a few
added records (occasions the demo data lack: a DTZ quarter with 3 people at A2, café sessions with few women
or few visitors), and expects nothing. It also runs the attack against what the views showed before the
published set, each figure judged alone (1-4 people hidden, a share by rules 2 and 4; the café's share of
women not at all), and expects it to succeed there: so no test passes for want of an occasion, and each one
fails on the old behaviour. The tests of the upload, the trend chart and the command line show the same in
their own way (what the old views did is said there).
"""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest

from etl.pipeline import import_files
from monitor import (
    charts,
    cli,
    contract,
    db,
    fmt,
    overview,
    published,
    queries,
    registry,
    settings,
    suppression,
)
from monitor.periods import Period
from monitor.published import Figures
from monitor.queries import typed_frame
from monitor.registry import COUNT, MEAN, SHARE
from monitor.texts import kpis as kpi_texts, ui

AGS = "03351023"  # Wietze, the demo data
SMALL = "03351002"  # a second Gemeinde with 8 cases: not offered to the suppressed roles
TODAY = date(2026, 12, 3)  # Q4 2026 is running; the demo data were drawn up to 24.11.2026
RUNNING_YEAR = Period.containing(TODAY, quarterly=False, cut_off=True)
DEMO_FILES = sorted(settings.DEMO_DIR.glob("*.csv"))
CASES_HEADER = "gemeinde_ags;fall_id;zielgruppe;geschlecht;beginn\n"


# --- the data ------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_frames(tmp_path_factory):
    engine = db.make_engine(f"sqlite:///{tmp_path_factory.mktemp('attacks') / 'demo.db'}")
    db.upgrade(engine)
    assert import_files(engine, [(p.name, p.read_bytes()) for p in DEMO_FILES], user="test").ok
    yield queries.load_all(engine, AGS)
    engine.dispose()


def _added(frames: dict, kind_name: str, rows: list[dict]) -> pd.DataFrame:
    kind = contract.kind(kind_name)
    extra = typed_frame(kind, pd.DataFrame([{"ags": AGS, **row} for row in rows]))
    return pd.concat([frames[kind_name], extra], ignore_index=True)


@pytest.fixture(scope="module")
def edited_frames(demo_frames):
    """The demo data with occasions for attacks 3 and 7 added in quarters that had none of their own."""
    frames = dict(demo_frames)
    # Q3 2020 (no DTZ before): 20 first attempts, 10 B1, 3 A2, 7 below A2. Each share alone passes rules 2 and 4
    # (10 of 20, 13 of 20), and so does the count of takers, but together they give the 3 at A2.
    results = ["B1"] * 10 + ["A2"] * 3 + ["unter_A2"] * 7
    frames["enrolments"] = _added(frames, "enrolments", [
        {"enrolment_id": f"x-dtz-{i}", "case_id": f"x-dtz-{i}", "course_id": "X-DTZ-2020", "entitlement": "ohne",
         "started_on": "2020-01-06", "ended_on": "2020-08-14", "status": "regulaer_beendet", "dtz_result": result,
         "dtz_attempt": 1} for i, result in enumerate(results)])
    # café quarters without a held session before: 8 visitors (3 women); 30 with 2 women; 30 with 28 women
    session = {"cancelled": False, "first_time": 1, "children": 0, "volunteers": 3}
    frames["cafe_sessions"] = _added(frames, "cafe_sessions", [
        {**session, "date": "2020-06-10", "attendees": 8, "women": 3},
        {**session, "date": "2021-03-10", "attendees": 30, "women": 2},
        {**session, "date": "2021-06-09", "attendees": 30, "women": 28},
    ])
    return frames


@pytest.fixture(scope="module")
def sets(demo_frames, edited_frames):
    """name -> (frames, published set as on TODAY)."""
    return {name: (frames, published.build({AGS: frames}, TODAY))
            for name, frames in (("demo", demo_frames), ("edited", edited_frames))}


# --- what the intruder sees ----------------------------------------------------------------------------------


def published_view(pset: published.PublishedSet):
    """period -> KPI id -> Figures, as the suppressed views show them."""
    return lambda period: pset.get(AGS, period)


def per_tile(figures: Figures) -> Figures:
    """The rule before the published set: every figure judged alone. A count of 1-4 people is hidden, a share
    of people by rules 2 and 4 (at least 10, numerator and complement not 1-4, not 0 or 100 %), a mean over
    fewer than 5 people; nothing else."""

    def alone(name: str, value) -> bool:
        part = _part(figures.spec, name)
        if not part.people:
            return False
        if part.kind == SHARE:
            return suppression.share_hidden(*(figures.values.get(n) for n in part.of))
        if part.kind == MEAN:
            return suppression.mean_hidden(figures.values.get(part.of[0]))
        return part.kind == COUNT and suppression.small(value)

    return Figures(figures.kpi_id, figures.values,
                   frozenset(name for name, value in figures.values.items() if alone(name, value)))


def per_tile_view(frames: dict):
    cache: dict[Period, dict[str, Figures]] = {}

    def view(period: Period) -> dict[str, Figures]:
        if period not in cache:
            cache[period] = {k: per_tile(f) for k, f in published.exact_figures(frames, period).items()}
        return cache[period]

    return view


def _part(spec: registry.KpiSpec, name: str) -> registry.Part:
    """A part of the KPI; a merged breakdown category ("active_other") is a count like the others."""
    return spec.part(name)


def known(figures: Figures) -> dict[str, float]:
    """Every count of one KPI and period that follows from what is shown: the shown counts, a share's numerator
    (or denominator) from the share and the other count, a mean's sum from the mean and its n, and whatever
    the KPI's sums (total = parts, the breakdown included) then give. Counts are never negative, so the parts
    of a total of 0 are 0."""
    spec = figures.spec
    out = {name: float(figures[name]) for name in figures.values
           if _part(spec, name).kind == COUNT and _part(spec, name).shown and figures[name] is not None}
    sums = [(s.total, s.parts) for s in spec.sum_identities(figures.values)]
    while True:
        before = dict(out)
        for part in spec.parts:
            value = figures[part.name]
            if part.kind not in (SHARE, MEAN) or value is None:
                continue
            top, bottom = part.of
            if bottom in out and top not in out:
                out[top] = float(round(value * out[bottom]))
            elif top in out and bottom not in out and value:
                out[bottom] = float(round(out[top] / value))
        for total, parts in sums:
            missing = [n for n in (total, *parts) if n not in out]
            if out.get(total) == 0:
                out.update({n: 0.0 for n in parts})
            elif missing == [total]:
                out[total] = sum(out[p] for p in parts)
            elif len(missing) == 1:
                out[missing[0]] = out[total] - sum(out[p] for p in parts if p != missing[0])
        if out == before:
            return out


def flows_of_people() -> list[tuple[str, str]]:
    """(KPI id, part) of every count of people that is a flow a year adds up from its quarters."""
    return [(spec.id, part.name) for spec in registry.REGISTRY for part in spec.all_parts()
            if part.kind == COUNT and part.people and part.additive and not part.stock]


# --- the attacks: each returns what it found -----------------------------------------------------------------


def year_minus_quarters(view, periods: list[Period]) -> list[tuple]:
    """A year's count published, three of its quarters published and the fourth withheld: year - three."""
    found = []
    for year in [p for p in periods if p.quarter is None]:
        for kpi_id, name in flows_of_people():
            total = known(view(year)[kpi_id]).get(name)
            values = [known(view(Period(year.year, q))[kpi_id]).get(name) for q in range(1, 5)]
            if total is not None and sum(v is None for v in values) == 1:
                found.append((kpi_id, name, year.key, total - sum(v for v in values if v is not None)))
    return found


def k1_balance(view, periods: list[Period]) -> list[tuple]:
    """Active at the end = active at the start (the quarter before's) + opened - closed, with one of the four
    withheld and three published."""
    found = []
    for quarter in [p for p in periods if p.quarter is not None]:
        if quarter.previous() not in periods:
            continue
        now, start = known(view(quarter)["K1"]), known(view(quarter.previous())["K1"])
        four = {"active at start": start.get("active"), "opened": now.get("opened"), "closed": now.get("closed"),
                "active at end": now.get("active")}
        if sum(v is None for v in four.values()) == 1:
            found.append((quarter.key, four))
    return found


def group_balance(view, periods: list[Period]) -> list[tuple]:
    """Each target group's balance over a year: its active cases at the end = at the end of the year before + its
    cases opened - its cases closed, with one of the four withheld and three published (with what the year's
    sums give: ``known``)."""
    found = []
    spec = registry.spec("K1")
    for year in [p for p in periods if p.quarter is None]:
        if year.previous() not in periods:
            continue
        now, start = known(view(year)["K1"]), known(view(year.previous())["K1"])
        for code in spec.breakdown_named("active").codes + (registry.OTHER,):
            four = {"start": start.get(f"active_{code}"), "opened": now.get(f"opened_target_group_{code}"),
                    "closed": now.get(f"closed_target_group_{code}"), "end": now.get(f"active_{code}")}
            if f"opened_target_group_{code}" in view(year)["K1"].values and sum(v is None for v in four.values()) == 1:
                found.append((year.key, code, four))
    return found


def handled_and_balance(view, periods: list[Period]) -> list[tuple]:
    """K2 counts the cases handled in a period: those active at its start and those opened in it (no case is
    closed before it is opened). With K1's balance: opened = handled - active at start, closed = active at
    start + opened - active at end, solved as far as the published figures go. Finds every withheld count
    that this determines."""
    found = []
    for period in periods:
        if period.previous() not in periods:
            continue
        now = known(view(period)["K1"])
        values = {"start": known(view(period.previous())["K1"]).get("active"), "opened": now.get("opened"),
                  "closed": now.get("closed"), "end": now.get("active"),
                  "handled": known(view(period)["K2"]).get("handled")}
        withheld = {k for k, v in values.items() if v is None}
        equations = ({"end": 1, "start": -1, "opened": -1, "closed": 1}, {"handled": 1, "start": -1, "opened": -1})
        solved = True
        while solved:
            solved = False
            for terms in equations:
                missing = [k for k in terms if values[k] is None]
                if len(missing) == 1:
                    m = missing[0]
                    values[m] = -sum(c * values[k] for k, c in terms.items() if k != m) / terms[m]
                    solved = True
        found += [(period.key, k, values[k]) for k in sorted(withheld) if values[k] is not None]
    return found


def shares_against_counts(view, periods: list[Period]) -> list[tuple]:
    """Counts of 1-4 people from published shares and counts of one period: K9's A2 = (share at least A2 -
    share B1) x takers, its B1, at-least-A2 and below-A2 counts; K8's completed and dropped from either share
    and the ended."""
    found = []
    for period in periods:
        k9 = view(period)["K9"]
        if k9["takers"] is not None:
            takers = k9["takers"]
            counts = {}
            if k9["b1_share"] is not None:
                counts["b1"] = round(k9["b1_share"] * takers)
            if k9["at_least_a2_share"] is not None:
                counts["at_least_a2"] = round(k9["at_least_a2_share"] * takers)
                counts["below_a2"] = takers - counts["at_least_a2"]
            if "b1" in counts and "at_least_a2" in counts:
                counts["a2"] = counts["at_least_a2"] - counts["b1"]
            found += [(period.key, "K9", k, v) for k, v in counts.items() if suppression.small(v)]
        k8 = view(period)["K8"]
        if k8["ended"] is not None:
            for share, (part, rest) in (("completion_share", ("completed", "dropped")),
                                        ("dropout_share", ("dropped", "completed"))):
                if k8[share] is not None:
                    count = round(k8[share] * k8["ended"])
                    found += [(period.key, "K8", k, v) for k, v in ((part, count), (rest, k8["ended"] - count))
                              if suppression.small(v)]
    return found


def women_share_against_rule_4(frames: dict, view, periods: list[Period]) -> list[tuple]:
    """The café's share of women shown where rule 4 does not allow it: fewer than 10 visitors with a known
    gender, or 1-4 women, or 1-4 others (or everybody one or the other)."""
    found = []
    for period in periods:
        shown = view(period)["K15"]["women_share"]
        exact = published.exact_figures(frames, period)["K15"].values
        women, of = exact["women"], exact["attendees_with_gender"]
        allowed = of >= suppression.MIN_GROUP and not suppression.small(women) and not suppression.small(of - women)
        if shown is not None and not (allowed and not suppression.share_hidden(women, of)):
            found.append((period.key, women, of))
    return found


# --- 1. a year minus its known quarters ----------------------------------------------------------------------


def test_no_quarter_follows_from_its_year_and_the_other_three(sets):
    assert len(flows_of_people()) >= 15  # K1 opened/closed, K8, K9, K12, K15 ...: generic over the registry
    for name, (_frames, pset) in sets.items():
        assert year_minus_quarters(published_view(pset), list(pset.periods)) == [], name
    frames, pset = sets["edited"]
    found = year_minus_quarters(per_tile_view(frames), list(pset.periods))
    assert any(1 <= value <= 4 for *_, value in found), "the attack should work against tiles judged alone"


# --- 2. the balance of K1 ------------------------------------------------------------------------------------


def test_no_term_of_the_balance_of_active_cases_follows_from_the_other_three(sets):
    for name, (_frames, pset) in sets.items():
        assert k1_balance(published_view(pset), list(pset.periods)) == [], name
    frames, pset = sets["edited"]
    assert k1_balance(per_tile_view(frames), list(pset.periods)), "the attack should work against tiles judged alone"


def test_no_term_of_a_target_group_s_balance_follows_from_the_other_three(sets):
    for name, (_frames, pset) in sets.items():
        assert group_balance(published_view(pset), list(pset.periods)) == [], name
    frames, pset = sets["edited"]
    assert group_balance(per_tile_view(frames), list(pset.periods)), "the attack should work against tiles alone"


def test_the_flows_by_target_group_withhold_nothing_the_set_without_them_publishes(demo_frames, sets, monkeypatch):
    """They are hidden first where they help and withdrawn where they cannot be protected among themselves, so
    on the demo data every other figure is as it was without them; some years publish them."""
    from tests.unit.test_published_casework import _without_group_flows

    _frames, pset = sets["demo"]
    published_years = [p.key for p in pset.periods if p.quarter is None
                       and any(pset.get(AGS, p)["K1"][f"opened_target_group_{c}"] is not None
                               for c in pset.get(AGS, p)["K1"].categories("opened_target_group"))]
    assert published_years
    _without_group_flows(monkeypatch)
    before = published.build({AGS: demo_frames}, TODAY)
    assert {k for k in pset.hidden if "_target_group_" not in k[2]} == set(before.hidden)


def test_cases_handled_do_not_give_away_withheld_opened_or_closed_cases(sets):
    frames, pset = sets["demo"]
    for period in pset.periods:  # the identity the intruder uses holds on the data, and the set knows it
        exact = published.exact_figures(frames, period)
        before = published.exact_figures(frames, period.previous())["K1"].values["active"]
        assert exact["K2"].values["handled"] == before + exact["K1"].values["opened"], period
    assert len(pset.cells.links) == len(registry.LINKS) * len(pset.periods)  # K2's and K3's cases handled
    for name, (_frames, pset) in sets.items():
        assert handled_and_balance(published_view(pset), list(pset.periods)) == [], name
    frames, pset = sets["edited"]
    found = handled_and_balance(per_tile_view(frames), list(pset.periods))
    assert any(1 <= value <= 4 for *_, value in found), "the attack should work against tiles judged alone"


# --- 3. shares against counts --------------------------------------------------------------------------------


def test_no_published_shares_and_counts_give_one_to_four_people(sets):
    for name, (_frames, pset) in sets.items():
        assert shares_against_counts(published_view(pset), list(pset.periods)) == [], name
    frames, pset = sets["edited"]
    found = shares_against_counts(per_tile_view(frames), list(pset.periods))
    assert ("2020-Q3", "K9", "a2", 3) in found, "the attack should work against tiles judged alone"


# --- 4. an upload about the running quarter ------------------------------------------------------------------


def test_a_case_opened_in_the_running_quarter_changes_nothing_published(engine):
    """Before the published set, the public saw the running year as the mayor does, 1-4 hidden: the active
    cases before and after an upload of one newcomer differed by one, and who was new was plain to anyone who
    knew of one arrival."""
    assert import_files(engine, [(p.name, p.read_bytes()) for p in DEMO_FILES], user="test").ok
    before = published.from_database(engine, TODAY)
    mayor_before = overview.build_overview(queries.load_all(engine, AGS), RUNNING_YEAR, None, ags=AGS)
    newcomer = CASES_HEADER + f"{AGS};F-2026-NEU;schutz_anerkannt;w;20.11.2026\n"
    report = import_files(engine, [("faelle_nachtrag.csv", newcomer.encode("cp1252"))], user="test", kind="cases",
                          merge=True)
    assert report.ok and report.files[0].inserted == 1
    after = published.from_database(engine, TODAY)
    assert after.periods == before.periods and after.periods[-1] == Period(2026, 3)
    assert after.figures.keys() == before.figures.keys()
    for key, by_kpi in after.figures.items():
        for kpi_id, figures in by_kpi.items():
            assert figures == before.figures[key][kpi_id], (key, kpi_id)
    assert after == before and after.hidden == before.hidden
    # the mayor's exact view of the running year does count the newcomer
    mayor_after = overview.build_overview(queries.load_all(engine, AGS), RUNNING_YEAR, None, ags=AGS)
    k1_before, k1_after = mayor_before[0].figures, mayor_after[0].figures
    assert k1_after.kpi_id == "K1"
    assert k1_after["active"] == k1_before["active"] + 1 and k1_after["opened"] == k1_before["opened"] + 1


# --- 5. the trend chart --------------------------------------------------------------------------------------


def test_the_public_trend_chart_shows_gaps_for_withheld_groups_and_exact_values_elsewhere(sets):
    frames, pset = sets["demo"]
    trend = overview.published_trend(pset, AGS)
    figure = charts.active_cases_trend(trend).to_dict()
    groups = dict(zip(trend["group_label"], trend["group"]))
    categories = pset.categories_of(AGS, "K1", "active")

    def exact(quarter: str) -> dict[str, int]:
        values = published.exact_figures(frames, Period.parse(quarter))["K1"].values
        out = {c: values[f"active_{c}"] for c in categories if c != published.OTHER}
        out[published.OTHER] = sum(values[f"active_{c}"] for c in registry.spec("K1").breakdown_named("active").codes
                                   if c not in categories)
        return out

    plotted: dict[str, dict[str, int]] = {}
    for trace in figure["data"]:
        group = groups[trace["name"]]
        assert len(trace["x"]) == len(trace["y"])
        for label, y in zip(trace["x"], trace["y"]):
            plotted.setdefault(label.replace(" ", "-"), {})[group] = y
    withheld_with_people = 0
    for quarter in (p.key for p in pset.periods_of(quarterly=True)):
        values, shown = exact(quarter), plotted.get(quarter, {})
        for group, value in values.items():
            if group in shown:
                assert shown[group] == value, (quarter, group)
            else:
                assert pset.get(AGS, Period.parse(quarter))["K1"][f"active_{group}"] is None, (quarter, group)
                withheld_with_people += value > 0
        if overview.HIDDEN in shown:  # the band: the withheld groups together, never one of them
            assert shown[overview.HIDDEN] == sum(v for g, v in values.items() if g not in shown), quarter
        assert not any(y == 0 and values.get(g, 0) > 0 for g, y in shown.items()), quarter
    # the chart before the published set drew a quarter missing for a group as 0: here it would have
    assert withheld_with_people > 0


# --- 6. the command line -------------------------------------------------------------------------------------


class _AsOnToday(date):
    """The command line's calendar, pinned to TODAY."""

    @classmethod
    def today(cls):
        return cls(TODAY.year, TODAY.month, TODAY.day)


def _kpis_json(capsys, *args: str) -> tuple[int, dict | None, str]:
    code = cli.main(["kpis", *args])
    out, err = capsys.readouterr()
    return code, json.loads(out) if code == 0 else None, err


def test_command_line_answers_as_the_published_set_and_offers_no_small_gemeinde(engine, monkeypatch, capsys):
    """Before, the council's answer was the running year up to the day asked (a new answer each day, so the
    difference of two days named a day's newcomers), for any Gemeinde however small."""
    small = CASES_HEADER + "".join(f"{SMALL};S-{i};schutz_anerkannt;m;0{i + 1}.02.2024\n" for i in range(8))
    files = [(p.name, p.read_bytes()) for p in DEMO_FILES] + [("faelle_ahnsbeck.csv", small.encode("cp1252"))]
    assert import_files(engine, files[:-1], user="test").ok
    assert import_files(engine, files[-1:], user="test", kind="cases").ok
    assert queries.case_counts(engine)[SMALL] == 8
    monkeypatch.setenv("DATABASE_URL", engine.url.render_as_string(hide_password=False))
    monkeypatch.setattr(cli, "date", _AsOnToday)
    db.get_engine.cache_clear()  # cached per argument: main() would reuse another test's database
    built = {}

    def from_database(eng, today, ags=None):  # the data do not change during the test: build each set once
        if (today, ags) not in built:
            built[(today, ags)] = original(eng, today, ags)
        return built[(today, ags)]

    original = published.from_database
    monkeypatch.setattr(published, "from_database", from_database)
    try:
        # two days of the running quarter give one answer: the last closed year (quarter) before
        for quarterly, expected in (([], Period(2025)), (["--quarter"], Period(2026, 3))):
            answers = []
            for day in ("2026-11-22", "2026-11-23"):
                code, payload, err = _kpis_json(capsys, "--as-of", day, "--role", "rat", "--json", *quarterly)
                assert code == 0, err
                assert payload["ags"] == AGS and payload["period"]["key"] == expected.key
                assert payload["period"]["clamped"] is True
                answers.append({k: v for k, v in payload.items() if k != "as_of"})
            assert answers[0] == answers[1]
        # ... and it is what the overview's tiles of that period show
        pset = built[(TODAY, AGS)]  # the part of the Gemeinde asked about
        tiles = {t.kpi_id: t for t in overview.published_tiles(pset, AGS, Period(2025), None)}
        code, payload, _ = _kpis_json(capsys, "--as-of", "2026-11-22", "--ags", AGS, "--role", "rat", "--json")
        assert code == 0 and list(payload["kpis"]) == list(registry.IDS)  # every KPI, not only the tiles'
        for kpi_id, answer in payload["kpis"].items():
            figures = pset.get(AGS, Period(2025))[kpi_id]
            shown = [p.name for p in figures.spec.parts_in(figures.values) if p.shown and p.name in figures.values]
            assert list(answer["parts"]) == shown, kpi_id
            for name, part in answer["parts"].items():
                assert part["value"] == figures[name] and part["suppressed"] is figures.is_hidden(name), (kpi_id, name)
            if kpi_id not in tiles:
                continue
            tile = tiles[kpi_id]
            assert answer["value"] == tile.figures.headline and answer["suppressed"] is tile.suppressed, kpi_id
            assert (tile.value == ui.SUPPRESSED) is tile.suppressed
            if not tile.suppressed:
                # the value in its unit, or the form in words of texts.kpis.HEADLINES made of published parts
                assert tile.value == overview.headline_text(figures), kpi_id
                assert kpi_id in kpi_texts.HEADLINES or tile.value == fmt.kpi_value(answer["value"], answer["unit"])
            assert answer["change"] == (None if tile.change is None
                                        else tile.figures.headline - tile.previous.headline), kpi_id
            for name, part in answer["parts"].items():
                assert part["value"] == tile.figures[name], (kpi_id, name)
                if part["suppressed"]:
                    assert part["value"] is None, (kpi_id, name)
        # the small Gemeinde is not offered, and does not blank the large one
        code, payload, err = _kpis_json(capsys, "--as-of", "2026-11-22", "--ags", SMALL, "--role", "rat", "--json")
        assert code == 2 and payload is None
        assert SMALL in err and "Datenschutz" in err and "nicht angeboten" in err
        assert published.offered(queries.case_counts(engine)) == [AGS]
        page_keys = overview.by_name(pset.gemeinden)  # what the page offers the suppressed views
        assert page_keys == [AGS] and pset.gemeinden == (AGS,)
    finally:
        db.get_engine().dispose()
        db.get_engine.cache_clear()


# --- 7. the café's share of women ----------------------------------------------------------------------------


def test_the_cafes_share_of_women_is_published_only_under_rule_4(sets):
    for name, (frames, pset) in sets.items():
        assert women_share_against_rule_4(frames, published_view(pset), list(pset.periods)) == [], name
    frames, pset = sets["edited"]
    # before the published set, the tile printed the share of women as computed, without a rule
    found = women_share_against_rule_4(frames, lambda p: published.exact_figures(frames, p), list(pset.periods))
    assert {q for q, *_ in found} >= {"2020-Q2", "2021-Q1", "2021-Q2"}, "the old tile should show them"
    for quarter in ("2020-Q2", "2021-Q1", "2021-Q2"):
        tile = next(t for t in overview.published_tiles(pset, AGS, Period.parse(quarter), None) if t.kpi_id == "K15")
        assert tile.explanation.endswith(f"Frauenanteil {ui.SUPPRESSED}"), tile.explanation


def test_a_gemeinde_is_offered_by_its_cases_of_closed_periods_only(engine):
    """A ninth and a tenth case uploaded in the running quarter must not make a Gemeinde appear before the
    quarter has ended: its appearing would tell that someone came."""
    rows = [f"{SMALL};S-{i};schutz_anerkannt;m;0{i + 1}.02.2024\n" for i in range(8)]
    rows += [f"{SMALL};S-new-{i};schutz_anerkannt;m;1{i}.11.2026\n" for i in range(2)]  # running Q4 2026
    assert import_files(engine, [("faelle.csv", (CASES_HEADER + "".join(rows)).encode())], user="test").ok
    assert queries.case_counts(engine)[SMALL] == 10
    assert published.from_database(engine, TODAY).gemeinden == ()  # 8 cases up to 30.09.2026
    assert published.from_database(engine, date(2027, 1, 2)).gemeinden == (SMALL,)  # Q4 closed: 10
