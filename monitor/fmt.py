"""German number, percentage and date formats for everything a person reads (pure functions).

- numbers: thousands dot, decimal comma: ``1.234``, ``12,5``
- percentages from ratios (0..1): ``54,3 %`` (with a no-break space, so "%" never wraps onto its own line)
- dates: ``24.11.2026``
- signed changes: ``+3``, ``−2,1 Pp.`` (true minus sign U+2212, "±0" for no change; percentage points for ratios)
- a missing value (None, NaN, pandas.NA) prints as an en dash ``–``

Rounding is commercial (half away from zero), as people expect from a table: 54,25 -> 54,3.
"""

from __future__ import annotations

import math
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

import pandas as pd

MISSING = "–"  # en dash
MINUS = "\u2212"  # the minus sign, not the hyphen
NBSP = "\u00a0"
PERCENT = f"{NBSP}%"
POINTS = f"{NBSP}Pp."
TIME_ZONE = ZoneInfo("Europe/Berlin")


def is_missing(value) -> bool:
    """None, NaN, NaT and pandas.NA."""
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN, NaT
    except TypeError:  # pandas.NA refuses bool()
        return True


def _rounded(value: float, decimals: int) -> Decimal:
    quantum = Decimal(1).scaleb(-decimals)
    return Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP)


def _german(magnitude: Decimal, decimals: int) -> str:
    """A non-negative rounded Decimal in German notation."""
    text = f"{magnitude:,.{decimals}f}"  # 1,234.5
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def number(value, decimals: int = 0) -> str:
    """``1.234`` / ``12,5`` / ``−3``; None -> ``–``."""
    if is_missing(value):
        return MISSING
    if math.isinf(float(value)):
        return MISSING
    rounded = _rounded(value, decimals)
    sign = MINUS if rounded < 0 else ""
    return sign + _german(abs(rounded), decimals)


def percent(ratio, decimals: int = 1) -> str:
    """A ratio (0..1) as a German percentage: 0.543 -> ``54,3 %``; None -> ``–``."""
    if is_missing(ratio):
        return MISSING
    return number(float(ratio) * 100, decimals) + PERCENT


_MARKDOWN_SPECIAL = set("\\`*_{}[]()<>#+-.!|~$:=@&")  # ASCII punctuation CommonMark lets a backslash escape


def plain(text: str) -> str:
    """A text from outside (a login name, a claim) made safe for Streamlit's Markdown rendering: every
    character Markdown or HTML could act on is escaped, so it prints literally and nothing is linked."""
    return "".join(f"\\{ch}" if ch in _MARKDOWN_SPECIAL else ch for ch in str(text))


def local_time(moment: datetime) -> datetime:
    """An aware (or naive UTC) moment in the Gemeinde's time zone (Europe/Berlin)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(TIME_ZONE)


def local_times(values: pd.Series) -> pd.Series:
    """Stored moments (aware, or naive UTC as SQLite returns them) as aware times in Europe/Berlin."""
    return pd.to_datetime(values, utc=True).dt.tz_convert(TIME_ZONE.key)


def time_de(moment: datetime | None) -> str:
    """``14:05`` in Europe/Berlin; None -> ``–``."""
    if moment is None:
        return MISSING
    return local_time(moment).strftime("%H:%M")


def date_de(day: date | datetime | None) -> str:
    """``24.11.2026``; None -> ``–``."""
    if is_missing(day):
        return MISSING
    return f"{day.day:02d}.{day.month:02d}.{day.year:04d}"


def signed(change, decimals: int = 0, suffix: str = "") -> str:
    """A change with its sign: ``+3``, ``−2,5``, ``±0`` (zero after rounding); None -> ``–``."""
    if is_missing(change):
        return MISSING
    rounded = _rounded(change, decimals)
    if rounded == 0:
        sign = "±"
    else:
        sign = "+" if rounded > 0 else MINUS
    return sign + _german(abs(rounded), decimals) + suffix


def signed_points(ratio_change, decimals: int = 1) -> str:
    """A change of a ratio (0..1), in percentage points: 0.021 -> ``+2,1 Pp.``, -0.021 -> ``−2,1 Pp.``."""
    if is_missing(ratio_change):
        return MISSING
    return signed(float(ratio_change) * 100, decimals, POINTS)


def direction(change, decimals: int = 0) -> str:
    """``up``, ``down`` or ``none`` (missing, or zero after rounding as it is displayed)."""
    if is_missing(change):
        return "none"
    rounded = _rounded(change, decimals)
    return "none" if rounded == 0 else ("up" if rounded > 0 else "down")


# How each KPI unit (monitor.kpis.Kpi.unit) prints: the value's decimals and whether it is a ratio.
UNIT_DECIMALS = {"count": 0, "per_fte": 0, "days": 0, "mean": 1, "ratio": 1}


# Units whose headline value is printed with its unit's name ("109 Tage"); the others speak for themselves.
UNIT_NAMES = {"days": "Tage"}


def kpi_value(value, unit: str) -> str:
    """A KPI's headline value in its unit: ratios as percentages, counts and caseloads as whole numbers, days with
    their unit ("109 Tage")."""
    if unit == "ratio":
        return percent(value, UNIT_DECIMALS["ratio"])
    text = number(value, UNIT_DECIMALS.get(unit, 1))
    return f"{text}\N{NO-BREAK SPACE}{UNIT_NAMES[unit]}" if unit in UNIT_NAMES and text != MISSING else text


def kpi_change(change, unit: str) -> str:
    """A change of a KPI between two periods: percentage points for ratios, else signed numbers."""
    if unit == "ratio":
        return signed_points(change, UNIT_DECIMALS["ratio"])
    return signed(change, UNIT_DECIMALS.get(unit, 1))


def kpi_change_direction(change, unit: str) -> str:
    """``up``/``down``/``none`` of a change, judged at the precision it is shown with."""
    if is_missing(change):
        return "none"
    if unit == "ratio":
        return direction(float(change) * 100, UNIT_DECIMALS["ratio"])
    return direction(change, UNIT_DECIMALS.get(unit, 1))
