"""KPI functions (domain.md, K1...K18): pure functions over the data frames of monitor.queries.

Frames have the contract's English field names as columns; date columns are datetime64, counts Int64,
flags boolean. Every function takes the period it reports on and returns a Kpi.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Kpi:
    id: str  # "K1" ... "K18"
    value: float | None  # the headline figure; None when it cannot be computed (no denominator, no data)
    unit: str  # "count", "ratio" (0..1), "per_fte", "days", "mean"
    numerator: float | None = None
    denominator: float | None = None
    details: dict[str, float | None] = field(default_factory=dict)  # further named figures of the KPI
