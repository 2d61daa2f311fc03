"""Secondary suppression of the published set (monitor.published.secondary) on small hand-made sets of cells."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from etl.pipeline import import_files
from monitor import published, queries, settings, suppression
from monitor.published import Finding, _Cells

TODAY = date(2026, 12, 3)


def _cells(values: dict, equations: list[dict]) -> _Cells:
    cells = _Cells()
    for key, value in values.items():
        cells.value[key] = float(value)
        cells.people[key] = True
        cells.shown[key] = True
        cells.audited.add(key)
    for terms in equations:
        cells.add_equation(terms)
    return cells


def test_a_cell_hidden_for_one_finding_may_protect_the_next_one_of_the_same_round():
    # Active cases at the end of 2021-Q1 (6) = two target groups (2 and 4, hidden) and = the 6 of the quarter
    # before (hidden) + 0 opened - 0 closed. In the first round the stock before is determined exactly (its
    # only hidden cell), so the stock of 2021-Q1 is hidden for it; the group of 2 (range 1..5) had that same
    # cell as its only published neighbour. It is now protected by it and must not stop the build.
    stock = ("G", "K1", "active", "@2021-03-31")
    before = ("G", "K1", "active", "@2020-12-31")
    group_a = ("G", "K1", "active_a", "@2021-03-31")
    group_b = ("G", "K1", "active_b", "@2021-03-31")
    opened, closed = ("G", "K1", "opened", "2021-Q1"), ("G", "K1", "closed", "2021-Q1")
    cells = _cells({stock: 6, before: 6, group_a: 2, group_b: 4, opened: 0, closed: 0},
                   [{stock: 1, group_a: -1, group_b: -1}, {stock: 1, before: -1, opened: -1, closed: 1}])
    assert published.audit_cells(cells, {before, group_a, group_b}) != []

    hidden = published.secondary(cells, {before, group_a, group_b})

    assert hidden == {before, group_a, group_b, stock}
    assert published.audit_cells(cells, hidden) == []


@pytest.fixture(scope="module")
def demo_frames(tmp_path_factory):
    from monitor import db

    engine = db.make_engine(f"sqlite:///{tmp_path_factory.mktemp('published') / 'demo.db'}")
    db.upgrade(engine)
    files = [(p.name, p.read_bytes()) for p in sorted(settings.DEMO_DIR.glob("*.csv"))]
    assert import_files(engine, files, user="test").ok
    yield {"03351023": queries.load_all(engine, "03351023")}
    engine.dispose()


def _audit_component_as_before(cells, hidden, members, first_only=False, wide=None):
    """The audit of a component before it was made faster: two LPs per hidden cell, every cell in every round."""
    from scipy.optimize import linprog

    targets = [k for k in members if cells.people[k] and (cells.value[k] > 0 or not cells.shown[k])
               and k in cells.audited]
    eq_ids = sorted({i for k in members for i in cells.by_cell.get(k, [])})
    if not targets or not eq_ids:
        return []
    index = {k: j for j, k in enumerate(members)}
    a_eq, b_eq = np.zeros((len(eq_ids), len(members))), np.zeros(len(eq_ids))
    for row, i in enumerate(eq_ids):
        for k, coef in cells.equations[i].items():
            if k in hidden:
                a_eq[row, index[k]] = coef
            else:
                b_eq[row] -= coef * cells.value[k]
    bounds = [(1.0 if cells.value[k] >= 1 and k not in cells.rests else 0.0, None) for k in members]
    findings = []
    for k in targets:
        j = index[k]
        if not a_eq[:, j].any():
            continue
        if any(a_eq[row, j] and np.count_nonzero(a_eq[row]) == 1 for row in range(len(eq_ids))):
            findings.append(Finding(k, cells.value[k], cells.value[k]))
            if first_only:
                return findings
            continue
        objective = np.zeros(len(members))
        objective[j] = 1
        low = linprog(objective, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
        high = linprog(-objective, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
        upper = np.inf if high.status == 3 else -high.fun
        if upper - low.fun < suppression.MIN_RANGE:
            findings.append(Finding(k, float(low.fun), float(upper)))
            if first_only:
                return findings
    return findings


def test_the_faster_audit_publishes_the_same_set_on_the_demo_data(demo_frames, monkeypatch):
    # The audit solves a cell's least and greatest value in one LP and does not solve again a cell already
    # found wide; neither may change a single hidden cell or figure.
    sizes = []
    secondary = published.secondary

    def recording(cells, hidden, cache=None):
        out = secondary(cells, hidden, cache)
        sizes.append((len(hidden), len(out)))
        return out

    monkeypatch.setattr(published, "secondary", recording)
    fast = published.build(demo_frames, TODAY)
    monkeypatch.setattr(published, "_audit_component", _audit_component_as_before)
    before = published.build(demo_frames, TODAY)

    assert sizes[0][1] > sizes[0][0]  # the demo data need secondary suppression
    assert fast.hidden == before.hidden
    assert fast == before  # periods, figures (values and withheld parts), categories
    assert published.audit_cells(fast.cells, set(fast.hidden)) == []
