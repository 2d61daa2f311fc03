"""The page Netzwerk (K16, K5): partners active on the reference day and those with a written agreement, network
meetings and case conferences in the period, the referrals to partners (K5), their trends; the active partners
by type and by level (the registry's breakdowns, each a table by itself, views.model).

The referral flow (from the integration officers to the partners) is drawn from the referral counts of K5 by
partner: ``referral_flow`` takes them as they come out of the breakdown (views.model: category name -> count,
None where withheld; in the suppressed views the published set's) and returns the nodes and links of a Sankey
diagram (monitor.charts.referral_sankey), or None when there is nothing to draw. With the referrals, which are
counted from the contacts of cases, the page has the subgroup filter of the exact views; it restricts the
referrals, not the partners and meetings (K16).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from monitor import fmt
from monitor.texts import netzwerk as texts, ui
from monitor.views import MEASURE_PAGES
from monitor.views.model import PageModel, PageSpec, TrendSpec, category_counts

PAGE = PageSpec(
    name="netzwerk",
    kpis=MEASURE_PAGES["netzwerk"],
    title=texts.TITLE,
    intro=texts.INTRO,
    trends=(
        TrendSpec("K16", ("partners", "agreements"), texts.TREND_PARTNERS, texts.TREND_PARTNERS_LABELS),
        TrendSpec("K16", ("meetings", "case_conferences"), texts.TREND_MEETINGS, texts.TREND_MEETINGS_LABELS),
        TrendSpec("K5", ("referrals",), texts.TREND_REFERRALS, texts.TREND_REFERRALS_LABELS),
    ),
)

# The referrals the flow is drawn from: (KPI id, the name of its breakdown by partner, registry.Breakdown.name), a
# KPI of this page; None: no flow.
REFERRALS: tuple[str, str] | None = ("K5", "referrals_partner")


@dataclass(frozen=True)
class Flow:
    """A Sankey diagram: node names; links as (source index, target index, value)."""

    nodes: tuple[str, ...]
    links: tuple[tuple[int, int, int], ...]


def referral_flow(counts: Mapping[str, float | None], total: float | None) -> Flow | None:
    """The referral flow from published counts: one link from the integration officers to each category with a
    count above 0, in the given order; the withheld categories (None) together as one link "Nicht ausgewiesen (•)"
    of the published total minus the shown counts, never as a 0 and never one by one. Without a published total
    the withheld ones are left out. None when no link is left."""
    nodes, links = [texts.FLOW_SOURCE], []
    for label, count in counts.items():
        if count is not None and not fmt.is_missing(count) and count > 0:
            nodes.append(label)
            links.append((0, len(nodes) - 1, int(count)))
    withheld = [label for label, count in counts.items() if count is None or fmt.is_missing(count)]
    if withheld and total is not None and not fmt.is_missing(total):
        rest = int(total) - sum(value for _, _, value in links)
        if rest > 0:
            nodes.append(ui.HIDDEN_GROUPS)
            links.append((0, len(nodes) - 1, rest))
    return Flow(tuple(nodes), tuple(links)) if links else None


def referral_counts(page: PageModel) -> tuple[dict[str, float | None], float | None]:
    """The page's referral counts by category (German name -> count, None where withheld) and their total, from
    the figures the page was built from (the published set's in the suppressed views); nothing without REFERRALS."""
    if REFERRALS is None or page.current is None or REFERRALS[0] not in page.current:
        return {}, None
    kpi_id, name = REFERRALS
    figures = page.current[kpi_id]
    breakdown = figures.spec.breakdown_named(name)
    return category_counts(figures, breakdown, page.ags, page.names), figures[breakdown.total]
