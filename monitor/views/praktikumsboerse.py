"""The page Praktikumsbörse (K12): places offered, placed, internships completed and the transitions into
apprenticeship or work within six months, their trend, the months from the internship's end to the transition
(median) and its trend, and the places offered, placed and internships completed by sector (every breakdown of
the registry appears as a table by itself, views.model)."""

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
                      texts.TREND_PLACES_LABELS),
            TrendSpec("K12", ("months_to_transition",), texts.TREND_MONTHS, texts.TREND_MONTHS_LABELS)),
)
