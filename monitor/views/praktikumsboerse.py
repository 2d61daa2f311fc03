"""The page Praktikumsbörse (K12): places offered, placed, internships completed and the transitions into
apprenticeship or work within six months, their trend, and the places by sector once K12 has that breakdown
(every breakdown of the registry appears as a table by itself, views.model)."""

from __future__ import annotations

from monitor.texts import praktikumsboerse as texts
from monitor.views import MEASURE_PAGES
from monitor.views.model import PageSpec, TrendSpec

PAGE = PageSpec(
    name="praktikumsboerse",
    kpis=MEASURE_PAGES["praktikumsboerse"],
    title=texts.TITLE,
    intro=texts.INTRO,
    trends=(TrendSpec("K12", ("offered", "placed", "completed", "transitions"), texts.TREND_PLACES,
                      texts.TREND_PLACES_LABELS),),
)
