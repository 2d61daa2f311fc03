"""Where the figures of a Gemeinde and period come from: the one place they are produced.

A period that the retention has archived (it ends before the archive's cut-off, docs/datenschutz.md
"Aufbewahrung") is answered from the archive of its exact figures; every later period is computed from the stored
rows (the frames). Both give the same figures: the archive holds what the rows gave before they were removed, and
the rows removed lie wholly before the cut-off, so that no later period ever counted them. A period that begins
before the cut-off but is not archived (a year to date, or a period before the archive's first) has no figures.

The published set, the exact tiles, the previous-period comparison, the trend of active cases and the command
line all ask a FigureSource, never the frames directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from monitor import kpis, periods, registry
from monitor.periods import Period

Frames = dict[str, pd.DataFrame]
Values = dict[str, dict[str, float | None]]  # KPI id -> part -> value


@dataclass(frozen=True)
class Archive:
    """One Gemeinde's archived figures and what its removed rows told beyond them."""

    values: dict[str, Values] = field(default_factory=dict)  # period key -> KPI id -> part -> value
    first_day: date | None = None  # the first day of the records (earliest case or staffing row)
    first_case: date | None = None  # the day the first case was opened
    stand: date | None = None  # the newest day the removed rows spoke about (cases, contacts)
    cases: int = 0  # cases removed


@dataclass(frozen=True)
class FigureSource:
    """The figures of one Gemeinde: computed from its frames, or from its archive for archived periods.

    ``cut_off``: the archive's cut-off (the newest retention run's), None while nothing was ever archived."""

    frames: Frames
    archive: Archive = field(default_factory=Archive)
    cut_off: date | None = None

    @classmethod
    def of(cls, frames_or_source: Frames | FigureSource) -> FigureSource:
        """A source as it is, or one over frames with nothing archived (tests, computations on plain frames)."""
        return frames_or_source if isinstance(frames_or_source, FigureSource) else cls(frames_or_source)

    # --- the records' time range -----------------------------------------------------------------------------

    def _first(self, stored: date | None, archived: date | None) -> date | None:
        if archived is not None:  # the archive begins where the records began when it was made
            return archived
        if stored is not None and self.cut_off is not None and stored < self.cut_off:
            # rows before the cut-off were never kept for this Gemeinde (it came after the archive was made):
            # its figures start at the cut-off
            return self.cut_off
        return stored

    def first_day(self) -> date | None:
        """The first day figures can be given for: the first day of the records, kept or archived."""
        return self._first(periods.first_day(self.frames), self.archive.first_day)

    def first_case(self) -> date | None:
        """The day the first case was opened, kept or archived (the trend starts in its year)."""
        return self._first(periods.first_day({"cases": self.frames["cases"]}), self.archive.first_case)

    def has_data(self) -> bool:
        return periods.has_data(self.frames) or self.archive.first_day is not None

    def stand(self, today: date | None = None) -> date | None:
        """The newest day the records speak about (periods.data_stand), the removed ones included."""
        today = today or date.today()
        days = [d for d in (periods.newest_day(self.frames, today), self.archive.stand)
                if d is not None and d <= today]
        if days:
            return max(days)
        return today if self.has_data() else None

    # --- figures ---------------------------------------------------------------------------------------------

    def archived(self, period: Period) -> bool:
        """Whether the period lies before the cut-off, so that only the archive can answer it."""
        return self.cut_off is not None and period.start < self.cut_off

    def answerable(self, period: Period) -> bool:
        """Whether there are figures for the period: it begins on or after the cut-off, or it is an archived
        closed quarter or year."""
        return not self.archived(period) or (not period.is_partial and period.full_end < self.cut_off
                                             and period.key in self.archive.values)

    def values(self, period: Period) -> Values | None:
        """Every part of every KPI for the period (registry order); None when it cannot be answered."""
        if not self.archived(period):
            return {s.id: s.figures(s.compute(self.frames, period)) for s in registry.REGISTRY}
        if not self.answerable(period):
            return None
        archived = self.archive.values.get(period.key)
        # a KPI registered after the archive was made has no archived figures: nothing (its parts missing)
        return None if archived is None else {s.id: archived.get(s.id, {}) for s in registry.REGISTRY}

    def kpi_values(self, period: Period, kpi_id: str) -> dict[str, float | None] | None:
        """One KPI's parts for the period (only that KPI is computed); None when it cannot be answered."""
        if not self.archived(period):
            spec = registry.spec(kpi_id)
            return spec.figures(spec.compute(self.frames, period))
        values = self.values(period)
        return None if values is None else values.get(kpi_id)

    # --- the trend of active cases ---------------------------------------------------------------------------

    def active_cases_trend(self, first: date, last: date) -> pd.DataFrame:
        """kpis.active_cases_trend by quarter from the quarter of `first` to that of `last`: archived quarters
        from the archive (K1's active cases per target group; cases of a group outside the code list, which
        the import does not take, would be one group "?"), the others from the cases."""
        quarters = periods.periods_between(first, last, quarterly=True)
        archived = [q for q in quarters if self.archived(q)]
        parts = []
        if archived:
            rows = []
            for quarter in archived:
                values = self.kpi_values(quarter, "K1")
                if values is None:
                    continue
                groups = {code: int(values.get(f"active_{code}") or 0) for code in _groups()}
                rest = int(values.get("active") or 0) - sum(groups.values())
                if rest:
                    groups["?"] = rest
                rows += [(quarter.key, quarter.end, code, n) for code, n in groups.items()]
            parts.append(pd.DataFrame(rows, columns=["period", "period_end", "target_group", "active"]))
        later = [q for q in quarters if not self.archived(q)]
        if later:
            parts.append(kpis.active_cases_trend(self.frames["cases"], later[0].start, last, quarterly=True))
        if not parts:
            return pd.DataFrame(columns=["period", "period_end", "target_group", "active"])
        out = pd.concat(parts, ignore_index=True)
        return out.astype({"active": "int64"})


def _groups() -> tuple[str, ...]:
    return registry.spec("K1").breakdown_named("active").codes

