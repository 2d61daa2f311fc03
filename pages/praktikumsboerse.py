"""Praktikumsbörse (K12): a thin view. Read the filters, ask monitor.views.praktikumsboerse, render (ui.measures).

Every number arrives formatted; for the public and the council from the published set only. The filters by
target group, Ortsteil and gender are there for the exact views only (ui.filters.subgroup_filter).
"""

from __future__ import annotations

from monitor.views import praktikumsboerse as view
from ui import measures

measures.show(view.PAGE)
