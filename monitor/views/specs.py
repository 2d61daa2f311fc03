"""Every measure page's declaration (its views.model.PageSpec) by page stem, in the order of MEASURE_PAGES: for
what shows the measures together (the meeting mode's slides, the report's sections). A module of its own because
the pages' modules import monitor.views themselves."""

from __future__ import annotations

from monitor.views import MEASURE_PAGES, beratung, integrationscafe, karte, netzwerk, praktikumsboerse, sprachkurse
from monitor.views.model import PageSpec

_DECLARED = {module.PAGE.name: module.PAGE for module in (
    beratung, sprachkurse, praktikumsboerse, integrationscafe, netzwerk, karte)}
SPECS: dict[str, PageSpec] = {name: _DECLARED[name] for name in MEASURE_PAGES}
