"""Beratung (K1, K2, K3, K4, K5, K13, K14, K18): a thin view. Read the filters, ask monitor.views.beratung,
render (ui.measures).

Every number arrives formatted; for the public and the council from the published set only. The filters by
target group, Ortsteil and gender are there for the exact views only (ui.filters.subgroup_filter).
"""

from __future__ import annotations

from monitor.views import beratung as view
from ui import measures

measures.show(view.PAGE)
