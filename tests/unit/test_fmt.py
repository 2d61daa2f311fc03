"""German formats: thousands dot, decimal comma, percent with a no-break space, true minus sign."""

from __future__ import annotations

import math
from datetime import date, datetime

import numpy as np
import pandas as pd
import pytest

from monitor import fmt

NB = "\u00a0"
MINUS = "\u2212"


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (0, 0, "0"),
        (7, 0, "7"),
        (1234, 0, "1.234"),
        (1234567, 0, "1.234.567"),
        (12.5, 1, "12,5"),
        (1234.5, 1, "1.234,5"),
        (0.05, 2, "0,05"),
        (2.5, 0, "3"),  # commercial rounding, not banker's
        (0.125, 2, "0,13"),
        (1.005, 2, "1,01"),  # the float 1.005 is rounded as written, not as 1.00499...
        (-3, 0, f"{MINUS}3"),
        (-1234.56, 1, f"{MINUS}1.234,6"),
        (np.int64(1500), 0, "1.500"),
        (np.float64(99.95), 1, "100,0"),
    ],
)
def test_number(value, decimals, expected):
    assert fmt.number(value, decimals) == expected


@pytest.mark.parametrize("missing", [None, float("nan"), np.nan, pd.NA, pd.NaT, math.inf])
def test_missing_values_print_as_en_dash(missing):
    assert fmt.number(missing) == "–"
    assert fmt.percent(missing if missing is not math.inf else None) == "–"
    assert fmt.signed(missing if missing is not math.inf else None) == "–"


def test_percent_takes_a_ratio():
    assert fmt.percent(0.543) == f"54,3{NB}%"
    assert fmt.percent(0.5425) == f"54,3{NB}%"
    assert fmt.percent(1) == f"100,0{NB}%"
    assert fmt.percent(0.55, 0) == f"55{NB}%"
    assert fmt.percent(0) == f"0,0{NB}%"


def test_dates():
    assert fmt.date_de(date(2026, 3, 1)) == "01.03.2026"
    assert fmt.date_de(datetime(2024, 12, 31, 23, 59)) == "31.12.2024"
    assert fmt.date_de(pd.Timestamp("2016-07-04")) == "04.07.2016"
    assert fmt.date_de(None) == "–"
    assert fmt.date_de(pd.NaT) == "–"


def test_signed_changes():
    assert fmt.signed(3) == "+3"
    assert fmt.signed(-2) == f"{MINUS}2"
    assert fmt.signed(0) == "±0"
    assert fmt.signed(1234) == "+1.234"
    assert fmt.signed(-2.14, 1) == f"{MINUS}2,1"
    assert fmt.signed(-0.04, 1) == "±0,0"  # zero after rounding carries no sign
    assert fmt.signed(0.4) == "±0"


def test_signed_percentage_points():
    assert fmt.signed_points(-0.021) == f"{MINUS}2,1{NB}Pp."
    assert fmt.signed_points(0.1) == f"+10,0{NB}Pp."
    assert fmt.signed_points(0.0001) == f"±0,0{NB}Pp."


def test_direction_follows_the_rounded_display():
    assert fmt.direction(3) == "up"
    assert fmt.direction(-0.4) == "none"
    assert fmt.direction(-0.6) == "down"
    assert fmt.direction(None) == "none"
    assert fmt.kpi_change_direction(0.0004, "ratio") == "none"  # 0,04 Pp. shows as ±0,0
    assert fmt.kpi_change_direction(-0.02, "ratio") == "down"


def test_kpi_values_by_unit():
    assert fmt.kpi_value(412, "count") == "412"
    assert fmt.kpi_value(0.8125, "ratio") == f"81,3{NB}%"
    assert fmt.kpi_value(118.4, "per_fte") == "118"
    assert fmt.kpi_value(None, "ratio") == "–"
    assert fmt.kpi_value(23.45, "mean") == "23,5"
    assert fmt.kpi_value(108.5, "days") == f"109{NB}Tage"  # a median of days with its unit
    assert fmt.kpi_value(None, "days") == "–"
    assert fmt.kpi_change(-0.05, "ratio") == f"{MINUS}5,0{NB}Pp."
    assert fmt.kpi_change(12.6, "per_fte") == "+13"
    assert fmt.kpi_change(-4, "count") == f"{MINUS}4"


def test_no_english_separators_ever():
    for value in (1234.5, 1e6, 98765.4321):
        text = fmt.number(value, 2)
        assert "," in text and text.count(",") == 1 and text.rsplit(",", 1)[1].isdigit()


def test_plain_escapes_markdown_and_html_from_outside():
    assert fmt.plain("anna.meier@wietze.example") == r"anna\.meier\@wietze\.example"  # no mail link
    assert fmt.plain("[klick](http://x)") == r"\[klick\]\(http\://x\)"
    assert fmt.plain("<b>x</b>") == r"\<b\>x\</b\>"
    assert fmt.plain("**fett**") == r"\*\*fett\*\*"
    assert fmt.plain("Müller") == "Müller"
