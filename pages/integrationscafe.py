"""Integrationscafé (K15): a thin view. Read the filters, ask monitor.views.integrationscafe, render
(ui.measures).

Every number arrives formatted; for the public and the council from the published set only. The café counts
sessions and guests, not cases: there is no filter by subgroup here.
"""

from __future__ import annotations

from monitor.views import integrationscafe as view
from ui import measures

measures.show(view.PAGE)
