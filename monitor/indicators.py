"""Which KPIs the overview reports, and from which data: the one mapping that the page and the CLI share."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from monitor import kpis
from monitor.kpis import Kpi
from monitor.periods import Period

Frames = dict[str, pd.DataFrame]

OVERVIEW: dict[str, Callable[[Frames, Period], Kpi]] = {
    "K1": lambda f, p: kpis.k1_cases(f["cases"], p),
    "K2": lambda f, p: kpis.k2_cases_per_fte(f["cases"], f["staffing"], p),
    "K8": lambda f, p: kpis.k8_course_completion(f["enrolments"], p),
    "K9": lambda f, p: kpis.k9_dtz_b1(f["enrolments"], p),
    "K12": lambda f, p: kpis.k12_internships(f["internships"], p),
    "K15": lambda f, p: kpis.k15_cafe(f["cafe_sessions"], p),
    "K16": lambda f, p: kpis.k16_network(f["partners"], f["network_events"], p),
    "K18": lambda f, p: kpis.k18_same_gender(f["cases"], f["contacts"], f["staffing"], p),
}


def overview_kpis(frames: Frames, period: Period) -> dict[str, Kpi]:
    """The overview's KPIs for one period, keyed by their id in domain.md."""
    return {kpi_id: compute(frames, period) for kpi_id, compute in OVERVIEW.items()}
