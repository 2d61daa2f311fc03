"""Disclosure control (Regel 5/10, docs/datenschutz.md): pure functions that decide which figures the public and the
council may see. Applied on the server before anything reaches an ``st.*`` call.

- Rule 1, primary: a count of 1-4 people is hidden (0 is shown).
- Rule 2, groups and dominance: a share is hidden when its group has fewer than 10 people or when one
  category holds all of them (0 % or 100 %: "7 of 7 dropped out" tells something about each of the seven).
- Rule 3, secondary: in every line of a table whose total is published, no cell or at least two are hidden,
  and so many that no hidden cell can be narrowed to fewer than five values (see ``line_mask``).
- Rule 4, derived figures: a percentage only over at least 10 people with neither its numerator nor its
  complement hidden; means only over at least 5.
- Rule 6, audit: ``audit`` computes by linear programming (HiGHS, monitor.lp) the range each hidden cell could have,
  given what is published; ``suppress_table`` hides more until no range is narrower than five.

No mature Python library does secondary suppression under pandas 3 (docs/datenschutz.md), hence this small module.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from monitor import lp

MIN_COUNT = 5  # rule 1: 1-4 people are hidden
MIN_GROUP = 10  # rules 2, 4, 5: groups, denominators and filter values below 10 are not shown
MIN_RANGE = 5  # rule 6: every hidden cell keeps at least this wide a range


def small(n) -> bool:
    """Rule 1: a count of 1-4 people."""
    return n is not None and not pd.isna(n) and 0 < round(float(n)) < MIN_COUNT


def share_hidden(numerator, denominator) -> bool:
    """Rules 2 and 4 for a share numerator / denominator of people."""
    if denominator is None or pd.isna(denominator) or numerator is None or pd.isna(numerator):
        return False  # nothing to show anyway
    numerator, denominator = float(numerator), float(denominator)
    if denominator < MIN_GROUP:
        return True
    if numerator <= 0 or numerator >= denominator:  # dominance: everybody in one category
        return True
    return small(numerator) or small(denominator - numerator)


def mean_hidden(n) -> bool:
    """Rule 4: means, medians and sums only over at least 5 people."""
    return n is None or pd.isna(n) or float(n) < MIN_COUNT


def filter_offered(group: int, total: int) -> bool:
    """Rule 5: a filter value only where the group and its complement both have at least 10 people."""
    return group >= MIN_GROUP and total - group >= MIN_GROUP


# --- tables ---------------------------------------------------------------------------------------------------


def line_mask(values: list[int], hidden: list[bool] | None = None) -> list[bool]:
    """Rule 3 for one line of non-negative counts whose total is published.

    Hides the small cells, then the next smallest non-zero cells until at least two are hidden and
    sum(hidden) - n_hidden >= MIN_RANGE: someone who knows the rules knows each hidden cell is at least 1 and
    that they add up to the total minus the shown cells, so a hidden cell lies in [1, sum - (n - 1)]. If even
    hiding every non-zero cell cannot reach that (a total of a few people), the whole line is hidden: the
    caller must then not publish the line's total either (``line_total_hidden``)."""
    hide = list(hidden) if hidden is not None else [False] * len(values)
    hide = [h or small(v) for h, v in zip(hide, values)]
    order = sorted(range(len(values)), key=lambda i: (values[i], i))
    for i in order:
        if not line_total_hidden(values, hide):
            return hide
        if not hide[i] and values[i] > 0:
            hide[i] = True
    return [v > 0 for v in values] if line_total_hidden(values, hide) else hide


def line_total_hidden(values: list[int], hide: list[bool]) -> bool:
    """True if the line's hidden cells cannot keep their range, so the line's total must be hidden too."""
    n = sum(hide)
    return n > 0 and (n < 2 or _hidden_sum(values, hide) - n < MIN_RANGE)


def _hidden_sum(values: list[int], hide: list[bool]) -> int:
    return sum(v for v, h in zip(values, hide) if h)


@dataclass(frozen=True)
class Suppressed:
    """A table of counts with the mask of hidden cells (True = hidden). ``values`` keeps the true counts for
    the audit; only ``public()`` may leave the server."""

    values: pd.DataFrame
    mask: pd.DataFrame
    row_totals_hidden: tuple[bool, ...] = ()
    column_totals_hidden: tuple[bool, ...] = ()

    def public(self) -> pd.DataFrame:
        """The counts as nullable integers with <NA> where hidden: the hidden numbers are not in it."""
        return self.values.astype("Int64").mask(self.mask)


def suppress_table(table: pd.DataFrame, rows: bool = True, columns: bool = True) -> Suppressed:
    """Rules 1 and 3 for a table of counts (rows x columns), whose row totals (``rows``) and/or column totals
    (``columns``) are published. Lines are made safe in turn until nothing changes; then the LP audit is run
    and, while it finds a hidden cell with a range narrower than MIN_RANGE, the smallest shown non-zero cell
    of that cell's row (or column) is hidden too, and if there is none, the totals through that cell are
    withheld. A line whose hidden cells are too few people to keep a range has its total withheld as well
    (``row_totals_hidden``, ``column_totals_hidden``: the caller must not publish those). Deterministic."""
    values = table.fillna(0).astype("int64")
    data = values.to_numpy()
    mask = np.zeros(data.shape, dtype=bool)
    withheld_rows = np.array([not rows] * data.shape[0])
    withheld_columns = np.array([not columns] * data.shape[1])
    while True:
        before = mask.copy()
        for r in range(data.shape[0]):
            if not withheld_rows[r]:
                mask[r, :] = line_mask(list(data[r, :]), list(mask[r, :]))
        for c in range(data.shape[1]):
            if not withheld_columns[c]:
                mask[:, c] = line_mask(list(data[:, c]), list(mask[:, c]))
        if not (mask == before).all():
            continue
        for r in range(data.shape[0]):
            withheld_rows[r] |= line_total_hidden(list(data[r, :]), list(mask[r, :]))
        for c in range(data.shape[1]):
            withheld_columns[c] |= line_total_hidden(list(data[:, c]), list(mask[:, c]))
        narrow = audit(data, mask, list(~withheld_rows), list(~withheld_columns))
        if not narrow:
            break
        cell = narrow[0]
        if not _widen(data, mask, cell, withheld_rows, withheld_columns):
            withheld_rows[cell.row] = withheld_columns[cell.column] = True
    return Suppressed(values, pd.DataFrame(mask, index=table.index, columns=table.columns),
                      tuple(bool(h) for h in withheld_rows) if rows else (),
                      tuple(bool(h) for h in withheld_columns) if columns else ())


def _widen(data: np.ndarray, mask: np.ndarray, finding: Finding, withheld_rows: np.ndarray,
           withheld_columns: np.ndarray) -> bool:
    """Hide the smallest shown non-zero cell in the published lines through a narrow cell."""
    r, c = finding.row, finding.column
    line = [] if withheld_rows[r] else [(data[r, j], (r, j)) for j in range(data.shape[1])]
    line += [] if withheld_columns[c] else [(data[i, c], (i, c)) for i in range(data.shape[0])]
    candidates = sorted((v, cell) for v, cell in line if v > 0 and not mask[cell])
    if not candidates:
        return False
    mask[candidates[0][1]] = True
    return True


# --- rule 6: the LP audit ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    row: int
    column: int
    low: float
    high: float


def audit(data: np.ndarray, mask: np.ndarray, rows: bool | list[bool] = True,
          columns: bool | list[bool] = True) -> list[Finding]:
    """Hidden cells whose possible range, given the shown cells and the published row/column totals, is
    narrower than MIN_RANGE (an exactly determinable cell has range 0). Each hidden cell is known to be at
    least 1 (zeros are shown). `rows`/`columns`: whether the totals are published, for all lines or per line.
    Solved with HiGHS (monitor.lp)."""
    data = np.asarray(data)
    cells = [tuple(cell) for cell in np.argwhere(mask)]
    if not cells:
        return []
    index = {cell: k for k, cell in enumerate(cells)}
    equations, targets = [], []
    rows = [rows] * data.shape[0] if isinstance(rows, bool) else rows
    columns = [columns] * data.shape[1] if isinstance(columns, bool) else columns
    lines = [("row", r) for r in range(data.shape[0]) if rows[r]] + \
            [("col", c) for c in range(data.shape[1]) if columns[c]]
    for kind, i in lines:
        members = [cell for cell in cells if (cell[0] if kind == "row" else cell[1]) == i]
        if not members:
            continue
        line = data[i, :] if kind == "row" else data[:, i]
        hidden = mask[i, :] if kind == "row" else mask[:, i]
        row = np.zeros(len(cells))
        for cell in members:
            row[index[cell]] = 1
        equations.append(row)
        targets.append(float(line[hidden].sum()))
    findings = []
    a_eq = np.array(equations) if equations else np.zeros((0, len(cells)))
    ranges = lp.Ranges(a_eq, np.array(targets, dtype=float), [1.0] * len(cells))
    for cell, k in index.items():
        low, upper = ranges.of(k)  # upper inf: no published total binds it
        if upper - low < MIN_RANGE:
            findings.append(Finding(int(cell[0]), int(cell[1]), float(low), float(upper)))
    return findings
