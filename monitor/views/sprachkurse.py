"""The page Sprachkurse (K6-K11a): access to a course after the entitlement (K6), the waiting time against the
six-week norm (K7), regular ends and drop-outs (K8), the DTZ at the first attempt (K9), the certificate (K10), the
transition into a job-related language course (K11) and the course supply by provider (K11a), with their trends.

The funnel from entitlement to the DTZ is drawn from the page's figures as they come (the published set's in the
suppressed views): ``funnel`` reads each stage from its KPI. A count that the registry publishes only through a
share (regular ends, the DTZ results) is that share times its published total: the same number the share already
tells, never one the set withholds. A stage without a number is left out of the chart; the table of figures beside
it shows it as "•" (withheld) or "–".
"""

from __future__ import annotations

from dataclasses import dataclass

from monitor import fmt
from monitor.published import Figures
from monitor.texts import sprachkurse as texts
from monitor.views import MEASURE_PAGES
from monitor.views.model import PageSpec, TrendSpec, category_counts

PAGE = PageSpec(
    name="sprachkurse",
    kpis=MEASURE_PAGES["sprachkurse"],
    title=texts.TITLE,
    intro=texts.INTRO,
    trends=(
        TrendSpec("K6", ("entitled", "started"), texts.TREND_ACCESS, texts.TREND_ACCESS_LABELS),
        TrendSpec("K7", ("median_days",), texts.TREND_WAIT, texts.TREND_WAIT_LABELS),
        TrendSpec("K11a", ("courses",), texts.TREND_SUPPLY, texts.TREND_SUPPLY_LABELS),
    ),
)

# The funnel's stages, in the order of texts.FUNNEL_STAGES up to A2 and below A2: (KPI id, count part) or (KPI id,
# share part, its total part): a count from its published share.
STAGES: tuple[tuple[str, ...], ...] = (
    ("K6", "entitled"), ("K6", "started"), ("K8", "completion_share", "ended"), ("K9", "takers"),
    ("K9", "b1_share", "takers"), ("K9", "at_least_a2_share", "takers"),
)


# The stages of the funnel by course type: (KPI id, the count part broken down by course type).
TYPE_STAGES: tuple[tuple[str, str], ...] = (("K6", "started"), ("K8", "ended"), ("K9", "takers"))


@dataclass(frozen=True)
class Funnel:
    """The stages with a number, in order: (German name, count); ``by_type``: per course type (German name, the
    merged "Weitere" included) its stages of TYPE_STAGES with a number."""

    stages: tuple[tuple[str, int], ...]
    by_type: tuple[tuple[str, tuple[tuple[str, int], ...]], ...] = ()

    @property
    def alt(self) -> str:
        """The chart for screen readers: its kind and every stage with its number."""
        return texts.FUNNEL_ALT.format(stages="; ".join(f"{name}: {fmt.number(count)}" for name, count in self.stages))

    @property
    def by_type_alt(self) -> str:
        return texts.TYPE_ALT.format(types="; ".join(
            f"{label}: " + ", ".join(f"{stage} {fmt.number(count)}" for stage, count in stages)
            for label, stages in self.by_type))


def _count(figures: Figures | None, stage: tuple[str, ...]) -> float | None:
    if figures is None:
        return None
    if len(stage) == 2:
        return figures[stage[1]]
    share, total = figures[stage[1]], figures[stage[2]]
    return None if share is None or total is None else share * total


def funnel(current: dict[str, Figures] | None) -> Funnel | None:
    """The funnel of the period from the page's figures: entitled, started, ended regularly, DTZ takers, B1, A2
    (at least A2 less B1) and below A2 (the takers less at least A2). A stage without a number (withheld, or
    nothing to count) is left out; the page's table of figures says which. With it, the stages by course type
    (``by_type``). None when no stage has a number."""
    current = current or {}
    counts = [_count(current.get(stage[0]), stage) for stage in STAGES]
    takers, b1, at_least_a2 = counts[3], counts[4], counts[5]
    counts[5] = at_least_a2 - b1 if at_least_a2 is not None and b1 is not None else None
    counts.append(takers - at_least_a2 if takers is not None and at_least_a2 is not None else None)
    stages = tuple((name, int(round(count))) for name, count in zip(texts.FUNNEL_STAGES, counts)
                   if count is not None and not fmt.is_missing(count))
    types = by_type(current)
    return Funnel(stages, types) if stages or types else None


def by_type(current: dict[str, Figures]) -> tuple[tuple[str, tuple[tuple[str, int], ...]], ...]:
    """Per course type the started, ended and DTZ-taking of the period, from the breakdowns by course type as
    they are published (each merged into "Weitere" on its own, so a type may have a stage in one and be merged in
    another); withheld or zero counts are left out."""
    per_type: dict[str, list[tuple[str, int]]] = {}
    for (kpi_id, total), stage in zip(TYPE_STAGES, texts.TYPE_STAGES):
        figures = current.get(kpi_id)
        if figures is None:
            continue
        breakdown = figures.spec.breakdown_named(f"{total}_course_type")
        for label, count in category_counts(figures, breakdown, ags="").items():
            if count is not None and not fmt.is_missing(count) and count > 0:
                per_type.setdefault(label, []).append((stage, int(count)))
    return tuple((label, tuple(stages)) for label, stages in per_type.items())
