"""Integrationscafé (K15): a thin view. Read the filters, ask monitor.views.integrationscafe, render
(ui.measures).

Every number arrives formatted; for the public and the council from the published set only. The café counts
sessions and guests, not cases: there is no filter by subgroup here.
"""

from __future__ import annotations

from monitor.views import integrationscafe as view
from ui import measures


def render() -> None:
    chosen = measures.start(view.PAGE)
    if chosen is None:
        return
    selection, subgroup = chosen
    page = measures.model(view.PAGE, selection, subgroup)
    if page is not None:
        measures.render(page)


render()
