"""LP audit (scipy linprog, monitor.suppression.audit) of every table the council (role rat) sees on the demo
data: the trend of active cases by target group. An intruder knows the shown cells, each quarter's total (the
stack's height) and the rules (a hidden cell is at least 1). No hidden cell may be exactly determinable, and
every one must keep a range of at least 5 possible values."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from etl.pipeline import import_files
from monitor import overview, queries, settings, suppression

MIN_RANGE = suppression.MIN_RANGE


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
    audited = 0
    for period, rows in shown.groupby("period"):
        band = rows[rows["group"] == overview.HIDDEN]["active"]
        if band.empty or band.isna().all():
            continue
        original = trend[trend["period"] == period]
        hidden = ~original["group"].isin(rows["group"])  # the groups missing from the chart in this quarter
        assert hidden.sum() >= 2, period
        assert band.item() == original.loc[hidden, "active"].sum(), period  # the band is their sum ...
        # ... and with the quarter's total published, linprog finds no hidden cell narrower than 5
        data, mask = np.array([original["active"].to_numpy()]), np.array([hidden.to_numpy()])
        assert suppression.audit(data, mask, rows=True, columns=False) == [], period
        audited += int(hidden.sum())
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
