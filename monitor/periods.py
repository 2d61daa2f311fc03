"""Reporting periods: calendar years and quarters (privacy.md: no finer granularity for views)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True, order=True)
class Period:
    year: int
    quarter: int | None = None  # None = the whole year

    @property
    def start(self) -> date:
        month = 1 if self.quarter is None else 3 * (self.quarter - 1) + 1
        return date(self.year, month, 1)

    @property
    def end(self) -> date:
        """Last day of the period (inclusive)."""
        if self.quarter is None or self.quarter == 4:
            return date(self.year, 12, 31)
        return date(self.year, 3 * self.quarter + 1, 1) - timedelta(days=1)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def label(self) -> str:
        return str(self.year) if self.quarter is None else f"{self.quarter}. Quartal {self.year}"

    @property
    def key(self) -> str:
        """Machine form: 2024 or 2024-Q3."""
        return str(self.year) if self.quarter is None else f"{self.year}-Q{self.quarter}"

    def previous(self) -> "Period":
        if self.quarter is None:
            return Period(self.year - 1)
        if self.quarter == 1:
            return Period(self.year - 1, 4)
        return Period(self.year, self.quarter - 1)

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    @classmethod
    def parse(cls, text: str) -> "Period":
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
    def containing(cls, day: date, quarterly: bool) -> "Period":
        return cls(day.year, (day.month - 1) // 3 + 1 if quarterly else None)


def periods_between(first: date, last: date, quarterly: bool) -> list[Period]:
    """All periods from the one containing `first` to the one containing `last`, oldest first."""
    period = Period.containing(last, quarterly)
    stop = Period.containing(first, quarterly)
    out = []
    while period >= stop:
        out.append(period)
        period = period.previous()
    return out[::-1]
