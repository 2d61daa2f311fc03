"""The page Beratung (K1, K2, K3, K4, K5, K13, K14, K18): the casework of the integration officers.

- cases (K1): active, new and closed, their trend, and every breakdown of K1 as a table and as a trend of its
  own (the active cases by target group, the closed cases by reason; whatever breakdown K1 gets later appears
  here without a change to this page); the median days from opening to closing as a trend;
- caseload (K2) with the post's history: the mean FTE per period (K2's part ``fte``, a figure of the registry
  that is no count of people) as a trend with its table;
- contacts per case, by contact type and by officer (K3, officers by their Kürzel);
- the topic profile (K4) and its change over the years: the shares of the most frequent topics in the contacts,
  computed by views.model from the counts (rule 4 in the suppressed views);
- referrals by partner with the share that got feedback (K5), labour-market status at closure (K13), goals
  reached (K14), women advised by a woman (K18).

A partner is named by its institution's name (with its code) in the exact views and by its code in the
suppressed ones, which read nothing but the published set (views.model).
"""

from __future__ import annotations

from monitor import registry
from monitor.texts import beratung as texts
from monitor.views import MEASURE_PAGES
from monitor.views.model import PageSpec, TrendSpec, breakdown_title

TOP_TOPICS = 5  # the topics whose shares the trend draws: the most frequent over the periods shown


def _breakdown_trends(kpi_id: str) -> tuple[TrendSpec, ...]:
    """A trend of counts per breakdown of the KPI, titled like its table."""
    return tuple(TrendSpec(kpi_id, (), breakdown_title(kpi_id, b), breakdown=b.name)
                 for b in registry.spec(kpi_id).breakdowns)


PAGE = PageSpec(
    name="beratung",
    kpis=MEASURE_PAGES["beratung"],
    title=texts.TITLE,
    intro=texts.INTRO,
    trends=(
        TrendSpec("K1", ("active", "opened", "closed"), texts.TREND_CASES, texts.TREND_CASES_LABELS),
        *_breakdown_trends("K1"),
        TrendSpec("K1", ("median_days_to_closure",), texts.TREND_CLOSURE_DAYS, texts.TREND_CLOSURE_DAYS_LABELS),
        TrendSpec("K2", ("fte",), texts.TREND_FTE, texts.TREND_FTE_LABELS),
        TrendSpec("K4", (), texts.TREND_TOPICS, breakdown="contacts_topic", top=TOP_TOPICS, shares=True),
    ),
)
