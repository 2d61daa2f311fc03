"""Netzwerk (K16): a thin view. Read the filters, ask monitor.views.netzwerk, render (ui.measures), and the
referral flow where the page has published referral counts (views.netzwerk.referral_flow).

Every number arrives formatted; for the public and the council from the published set only. The network counts
institutions and meetings, not cases: there is no filter by subgroup here.
"""

from __future__ import annotations

from monitor.views import netzwerk as view
from ui import measures


def render() -> None:
    chosen = measures.start(view.PAGE)
    if chosen is None:
        return
    selection, subgroup = chosen
    page = measures.model(view.PAGE, selection, subgroup)
    if page is not None:
        measures.render(page)
        measures.flow(view.referral_flow(*view.referral_counts(page)))


render()
