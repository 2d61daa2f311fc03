"""Secondary suppression of the published set (monitor.published.secondary) on small hand-made sets of cells."""

from __future__ import annotations

from monitor import published
from monitor.published import _Cells


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
