"""LP audit (Regel 5/10) of everything the council and the public can reach on the demo data, as one set: every
tile with its details for every closed year and quarter, the trend, every change. An intruder knows every
published figure, the identities between them (a total and its parts, a year and its quarters, active at the
end = active at the start + opened - closed) and the rules (a withheld count is at least 1 where it is not 0).
No withheld count of people may be exactly determinable, every one keeps a range of at least 5 values, and the
published figures never contradict each other."""

from __future__ import annotations

from datetime import date

import pytest

from etl.pipeline import import_files
from monitor import overview, published, registry, settings, suppression

TODAY = date(2026, 12, 3)  # Q4 2026 is running


@pytest.fixture(scope="module")
def demo_set(tmp_path_factory):
    from monitor import db

    engine = db.make_engine(f"sqlite:///{tmp_path_factory.mktemp('audit') / 'demo.db'}")
    db.upgrade(engine)
    files = [(p.name, p.read_bytes()) for p in sorted(settings.DEMO_DIR.glob("*.csv"))]
    assert import_files(engine, files, user="test").ok
    yield published.from_database(engine, TODAY)
    engine.dispose()


def test_no_withheld_count_has_a_range_under_five_over_the_whole_set(demo_set):
    assert len(demo_set.hidden) > 100, "the demo data should have withheld cells to audit"
    assert published.audit_cells(demo_set.cells, set(demo_set.hidden)) == []


def test_the_published_figures_never_contradict_each_other(demo_set):
    assert published.contradictions(demo_set.cells, set(demo_set.hidden)) == []


def test_no_published_count_of_people_is_one_to_four(demo_set):
    for (_ags, key), by_kpi in demo_set.figures.items():
        for kpi_id, figures in by_kpi.items():
            spec = registry.spec(kpi_id)
            for part in spec.parts_in(figures.values):
                value = figures[part.name] if part.name in figures.values else None
                if part.kind == registry.COUNT and part.people and part.shown and value is not None:
                    assert not suppression.small(value), (key, kpi_id, part.name)


def test_every_published_share_of_people_has_ten_in_its_denominator(demo_set):
    for (_ags, key), by_kpi in demo_set.figures.items():
        for kpi_id, figures in by_kpi.items():
            for part in registry.spec(kpi_id).parts:
                if part.kind == registry.SHARE and part.people and figures[part.name] is not None:
                    assert figures.values[part.of[1]] >= suppression.MIN_GROUP, (key, kpi_id, part.name)


def test_the_set_holds_closed_periods_and_the_trend_comes_from_it(demo_set):
    assert demo_set.stand == date(2026, 9, 30)
    assert demo_set.periods_of(quarterly=True)[0].key == "2026-Q3"
    assert demo_set.periods_of(quarterly=False)[0].key == "2025"
    trend = overview.published_trend(demo_set, "03351023")
    assert trend["period"].iloc[-1] == "2026-Q3"
    for row in trend.itertuples():
        if row.group != overview.HIDDEN:
            figures = demo_set.figures[("03351023", row.period)]["K1"]
            assert figures[f"active_{row.group}"] == row.active
