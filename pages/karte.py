"""Karte (K17): a thin view. Read the filters, ask monitor.views (the page's figures, and views.karte for the
map and its table), render (ui.measures, ui.maps).

Every number arrives formatted; for the public and the council from the published set only, so the map and the
table beside it show exactly the published counts per Ortsteil.
"""

from __future__ import annotations

from monitor.views import karte as view
from ui import maps, measures

measures.show(view.PAGE, after_cards=maps.show, breakdowns=False)
