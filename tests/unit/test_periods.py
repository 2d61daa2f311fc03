from datetime import date

import pytest

from monitor.periods import Period, periods_between


def test_quarter_bounds_and_previous():
    q1 = Period(2024, 1)
    assert (q1.start, q1.end) == (date(2024, 1, 1), date(2024, 3, 31))
    assert q1.previous() == Period(2023, 4)
    assert Period(2024, 3).previous() == Period(2024, 2)
    assert Period(2024, 2).end == date(2024, 6, 30)
    assert Period(2024).previous() == Period(2023)


def test_year_to_date_compares_with_the_same_span_a_year_before():
    ytd = Period.containing(date(2026, 11, 24), quarterly=False, cut_off=True)
    assert (ytd.start, ytd.end, ytd.is_partial) == (date(2026, 1, 1), date(2026, 11, 24), True)
    assert ytd.label == "2026 (bis 24.11.)"
    prev = ytd.previous()
    assert (prev.start, prev.end) == (date(2025, 1, 1), date(2025, 11, 24))


def test_quarter_to_date_previous_is_cut_at_the_same_offset():
    qtd = Period.containing(date(2026, 11, 24), quarterly=True, cut_off=True)
    assert (qtd.start, qtd.end) == (date(2026, 10, 1), date(2026, 11, 24))
    prev = qtd.previous()
    assert (prev.start, prev.end) == (date(2026, 7, 1), date(2026, 8, 24))


def test_cut_off_on_the_last_day_is_the_full_period():
    assert Period.containing(date(2025, 12, 31), quarterly=False, cut_off=True) == Period(2025)


@pytest.mark.parametrize("text,expected",
                         [("2024", Period(2024)), ("2024-Q3", Period(2024, 3)), ("2024q1", Period(2024, 1))])
def test_parse(text, expected):
    assert Period.parse(text) == expected


def test_parse_rejects_quarter_five():
    with pytest.raises(ValueError):
        Period.parse("2024-Q5")


def test_periods_between_spans_both_ends():
    quarters = periods_between(date(2015, 10, 1), date(2016, 2, 1), quarterly=True)
    assert [p.key for p in quarters] == ["2015-Q4", "2016-Q1"]
    years = periods_between(date(2015, 1, 1), date(2017, 1, 1), quarterly=False)
    assert [p.key for p in years] == ["2015", "2016", "2017"]
