"""Disclosure control (Regel 5/10, docs/datenschutz.md): hand-made examples for each rule, and property tests over
random tables that no hidden cell can be narrowed to fewer than five values (LP audit)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from monitor import suppression as s


@pytest.mark.parametrize("n, hidden", [(0, False), (1, True), (4, True), (4.4, True), (5, False), (None, False)])
def test_primary_rule_hides_one_to_four(n, hidden):
    assert s.small(n) is hidden


@pytest.mark.parametrize("numerator, denominator, hidden", [
    (6, 9, True),  # fewer than 10 in the group
    (6, 12, False),
    (3, 12, True),  # numerator small
    (9, 12, True),  # complement 3 small: derivable
    (12, 12, True),  # 100 %: dominance
    (0, 12, True),  # 0 %: everybody in the other category
    (7, 14, False),
])
def test_shares(numerator, denominator, hidden):
    assert s.share_hidden(numerator, denominator) is hidden


def test_means_and_filters():
    assert s.mean_hidden(4) and not s.mean_hidden(5)
    assert s.filter_offered(10, 20) and not s.filter_offered(9, 100) and not s.filter_offered(15, 24)


def test_a_line_hides_a_complement_so_no_cell_is_alone():
    assert s.line_mask([40, 3, 20]) == [False, True, True]
    assert s.line_mask([40, 0, 20]) == [False, False, False]  # nothing small, zeros shown
    assert s.line_mask([40, 4, 6]) == [False, True, True]  # 4 + 6 = 10: each between 1 and 9
    assert s.line_mask([40, 1, 2, 50]) == [True, True, True, False]  # 1 + 2 too narrow: the next smallest too
    values = [2, 1, 0]
    hide = s.line_mask(values)
    assert hide == [True, True, False] and s.line_total_hidden(values, hide)  # a total of 3: hide it


def test_table_with_row_and_column_totals():
    table = pd.DataFrame([[40, 3, 20], [10, 12, 1], [7, 8, 9]], index=list("abc"), columns=list("xyz"))
    result = s.suppress_table(table)
    assert result.mask.to_numpy().tolist() == [[False, True, True], [True, False, True], [True, True, False]]
    public = result.public()
    assert public.isna().to_numpy().tolist() == result.mask.to_numpy().tolist()
    assert 3 not in public.stack().dropna().tolist() and 1 not in public.stack().dropna().tolist()
    assert s.audit(table.to_numpy(), result.mask.to_numpy()) == []


def test_audit_finds_a_cell_given_away_by_the_totals():
    data = np.array([[40, 3, 20], [10, 12, 30]])
    mask = np.array([[False, True, True], [False, False, False]])  # row 0 fine, but column y and z give them away
    findings = s.audit(data, mask)
    assert {(f.row, f.column) for f in findings} == {(0, 1), (0, 2)}
    assert all(f.low == f.high for f in findings)  # exactly determinable
    assert s.audit(data, mask, rows=True, columns=False) == []  # without column totals they are safe


tables = st.integers(2, 5).flatmap(lambda r: st.integers(2, 5).flatmap(
    lambda c: st.lists(st.lists(st.integers(0, 40), min_size=c, max_size=c), min_size=r, max_size=r)))


@settings(max_examples=150, deadline=None)
@given(tables)
def test_property_every_rule_holds_on_random_tables(rows):
    table = pd.DataFrame(rows)
    result = s.suppress_table(table)
    data, mask = table.to_numpy(), result.mask.to_numpy()
    assert mask[(data >= 1) & (data <= 4)].all()  # every small cell is hidden
    assert not mask[data == 0].any()  # zeros are shown
    published_rows = [not h for h in result.row_totals_hidden]
    published_columns = [not h for h in result.column_totals_hidden]
    published = [mask[r, :] for r in range(mask.shape[0]) if published_rows[r]] + \
                [mask[:, c] for c in range(mask.shape[1]) if published_columns[c]]
    assert all(line.sum() != 1 for line in published)  # never exactly one hidden cell in a published line
    assert s.audit(data, mask, published_rows, published_columns) == []
    public = result.public()
    for value in public.to_numpy()[mask]:
        assert pd.isna(value)  # a hidden number never leaves in the public frame


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(0, 30), min_size=2, max_size=8))
def test_property_a_line_keeps_every_hidden_cell_five_wide(values):
    hide = s.line_mask(values)
    if s.line_total_hidden(values, hide):
        assert all(h == (v > 0) for h, v in zip(hide, values))
        return
    n = sum(hide)
    assert n != 1
    if n:
        assert sum(v for v, h in zip(values, hide) if h) - n >= s.MIN_RANGE


def test_totals_are_withheld_where_hiding_cells_is_not_enough():
    table = pd.DataFrame([[1, 1], [6, 6]])
    result = s.suppress_table(table)
    assert result.mask.to_numpy().all()
    assert result.row_totals_hidden[0]  # a total of 2 people
    # with both column totals and the second row's total published, the first row would be determinable
    published_rows, published_columns = [not h for h in result.row_totals_hidden], \
        [not h for h in result.column_totals_hidden]
    assert s.audit(table.to_numpy(), result.mask.to_numpy(), published_rows, published_columns) == []
    assert s.audit(table.to_numpy(), result.mask.to_numpy(), [False, True], [True, True]) != []
