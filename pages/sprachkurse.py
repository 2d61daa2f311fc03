"""Sprachkurse (K6-K11a): a thin view. Read the filters, ask monitor.views.sprachkurse, render (ui.measures) with
the funnel from entitlement to the DTZ under the cards (views.sprachkurse.funnel).

Every number arrives formatted; for the public and the council from the published set only. The filters by
target group, Ortsteil and gender are there for the exact views only (ui.filters.subgroup_filter).
"""

from __future__ import annotations

from monitor.views import sprachkurse as view
from ui import measures

measures.show(view.PAGE, after_cards=lambda page: measures.funnel(view.funnel(page.current)))
