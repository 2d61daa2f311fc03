"""LP audit (scipy linprog) of every table the council (role rat) sees on the demo data: the trend of active
cases by target group. An intruder knows the shown cells, each quarter's total (the stack's height) and the
rules (a hidden cell is at least 1). No hidden cell may be exactly determinable, and every one must keep a
range of at least 5 possible values."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from scipy.optimize import linprog

from etl.pipeline import import_files
from monitor import overview, queries, settings

MIN_RANGE = 5


def cell_ranges(hidden_sum: int, n_hidden: int) -> list[tuple[float, float]]:
    """Min and max of each hidden cell x_i subject to sum(x) = hidden_sum and x_i >= 1."""
    ranges = []
    for i in range(n_hidden):
        bounds = [(1, None)] * n_hidden
        a_eq, b_eq = np.ones((1, n_hidden)), [hidden_sum]
        c = np.zeros(n_hidden)
        c[i] = 1
        low = linprog(c, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
        high = linprog(-c, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
        assert low.status == 0 and high.status == 0
        ranges.append((low.fun, -high.fun))
    return ranges


@pytest.fixture(scope="module")
def demo_frames(tmp_path_factory):
    from monitor import db

    engine = db.make_engine(f"sqlite:///{tmp_path_factory.mktemp('audit') / 'demo.db'}")
    db.upgrade(engine)
    files = [(p.name, p.read_bytes()) for p in sorted(settings.DEMO_DIR.glob("*.csv"))]
    assert import_files(engine, files, user="test").ok
    yield queries.load_all(engine, "03351023")
    engine.dispose()


def test_every_hidden_trend_cell_keeps_a_range_of_at_least_five(demo_frames):
    trend = overview.trend_frame(demo_frames, date(2026, 11, 24))
    shown = overview.suppress_trend(trend)
    groups = set(trend["group"])
    audited = 0
    for period, rows in shown.groupby("period"):
        band = rows[rows["group"] == overview.HIDDEN]["active"]
        if band.empty or band.isna().all():
            continue
        n_hidden = len(groups - set(rows["group"]))
        assert n_hidden >= 2, period
        for low, high in cell_ranges(int(band.item()), n_hidden):
            assert high - low >= MIN_RANGE, (period, low, high)
            audited += 1
    assert audited > 0, "the demo data should have hidden cells to audit"


def test_nothing_of_a_fully_hidden_quarter_is_published(demo_frames):
    trend = overview.trend_frame(demo_frames, date(2026, 11, 24), min_group=1)  # no merging: more small cells
    shown = overview.suppress_trend(trend)
    for period, rows in trend.groupby("period"):
        total = rows["active"].sum()
        published = shown[(shown["period"] == period)]["active"].dropna().sum()
        if 0 < total < MIN_RANGE:
            assert published == 0, period
        else:
            assert published == total, period
    small = shown[(shown["group"] != overview.HIDDEN) & shown["active"].between(1, 4)]
    assert small.empty
