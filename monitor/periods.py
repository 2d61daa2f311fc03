"""Reporting periods: calendar years and quarters (docs/datenschutz.md: no finer granularity for views)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd


@dataclass(frozen=True, order=True)
class Period:
    year: int
    quarter: int | None = None  # None = the whole year
    until: date | None = None  # cut-off inside the period ("year to date"); None = the full period

    @property
    def start(self) -> date:
        month = 1 if self.quarter is None else 3 * (self.quarter - 1) + 1
        return date(self.year, month, 1)

    @property
    def full_end(self) -> date:
        """Last day of the whole year or quarter (inclusive)."""
        if self.quarter is None or self.quarter == 4:
            return date(self.year, 12, 31)
        return date(self.year, 3 * self.quarter + 1, 1) - timedelta(days=1)

    @property
    def end(self) -> date:
        """Last day the period reports on (inclusive): the cut-off if one is set, else the full end."""
        if self.until is not None and self.until < self.full_end:
            return max(self.until, self.start)
        return self.full_end

    @property
    def is_partial(self) -> bool:
        return self.end < self.full_end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def label(self) -> str:
        label = str(self.year) if self.quarter is None else f"{self.quarter}. Quartal {self.year}"
        return f"{label} (bis {self.end:%d.%m.})" if self.is_partial else label

    @property
    def key(self) -> str:
        """Machine form: 2024 or 2024-Q3."""
        return str(self.year) if self.quarter is None else f"{self.year}-Q{self.quarter}"

    def previous(self) -> Period:
        """The period before, cut off at the same point, so that year-to-date compares with year-to-date."""
        if self.quarter is None:
            prev = Period(self.year - 1)
        elif self.quarter == 1:
            prev = Period(self.year - 1, 4)
        else:
            prev = Period(self.year, self.quarter - 1)
        if not self.is_partial:
            return prev
        offset = (self.end - self.start).days
        return Period(prev.year, prev.quarter, min(prev.start + timedelta(days=offset), prev.full_end))

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    @classmethod
    def parse(cls, text: str) -> Period:
        """`2024`, `2024-Q3` or `2024Q3`."""
        text = text.strip().upper().replace("-", "")
        if "Q" in text:
            year, quarter = text.split("Q")
            period = cls(int(year), int(quarter))
            if not 1 <= period.quarter <= 4:
                raise ValueError(text)
            return period
        return cls(int(text))

    @classmethod
    def containing(cls, day: date, quarterly: bool, cut_off: bool = False) -> Period:
        """The year or quarter that contains `day`; with cut_off, only up to and including `day`."""
        period = cls(day.year, (day.month - 1) // 3 + 1 if quarterly else None)
        return cls(period.year, period.quarter, day) if cut_off and day < period.full_end else period


def periods_between(first: date, last: date, quarterly: bool) -> list[Period]:
    """All periods from the one containing `first` to the one containing `last`, oldest first."""
    period = Period.containing(last, quarterly)
    stop = Period.containing(first, quarterly)
    out = []
    while period >= stop:
        out.append(period)
        period = period.previous()
    return out[::-1]


# --- the records' time range ---------------------------------------------------------------------------------

_STAND_COLUMNS = (("cases", "opened_on"), ("cases", "closed_on"), ("contacts", "date"))
_FIRST_COLUMNS = (("cases", "opened_on"), ("staffing", "valid_from"))


def _dates(frames: dict[str, pd.DataFrame], columns) -> pd.Series:
    parts = [frames[kind][col].dropna() for kind, col in columns if kind in frames and col in frames[kind]]
    parts = [p for p in parts if len(p)]
    return pd.concat(parts) if parts else pd.Series([], dtype="datetime64[ns]")


def has_data(frames: dict[str, pd.DataFrame]) -> bool:
    return len(_dates(frames, _FIRST_COLUMNS)) > 0


def data_stand(frames: dict[str, pd.DataFrame], today: date | None = None) -> date | None:
    """The newest day the records speak about (case opened or closed, contact), at most today; None if empty.

    It is the reference day of the running period, so that a Gemeinde whose last upload was in September
    does not see its flows for October and November as zero."""
    today = today or date.today()
    newest = newest_day(frames, today)
    if newest is None:
        return None if not has_data(frames) else today
    return newest


def newest_day(frames: dict[str, pd.DataFrame], today: date) -> date | None:
    """The newest day of a case opened or closed or a contact, at most today; None if there is none."""
    days = _dates(frames, _STAND_COLUMNS)
    days = days[days <= pd.Timestamp(today)]
    return None if days.empty else days.max().date()


def first_day(frames: dict[str, pd.DataFrame]) -> date | None:
    """The first day of the records (earliest case or staffing row); None if empty."""
    days = _dates(frames, _FIRST_COLUMNS)
    return None if days.empty else days.min().date()


