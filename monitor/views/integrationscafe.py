"""The page Integrationscafé (K15): sessions held of those planned ("46 von 47 Terminen"), guests, volunteers and
children brought along per session, first-time visitors and the share of women (every shown part of the KPI is on
its card), their trends; the sessions planned and held by calendar week (the registry's breakdowns, each a table
by itself, views.model)."""

from __future__ import annotations

from monitor.texts import integrationscafe as texts
from monitor.views import MEASURE_PAGES
from monitor.views.model import PageSpec, TrendSpec

PAGE = PageSpec(
    name="integrationscafe",
    kpis=MEASURE_PAGES["integrationscafe"],
    title=texts.TITLE,
    intro=texts.INTRO,
    trends=(
        TrendSpec("K15", ("planned", "held"), texts.TREND_SESSIONS, texts.TREND_SESSIONS_LABELS),
        TrendSpec("K15", ("mean_attendance", "mean_volunteers", "mean_children"), texts.TREND_ATTENDANCE,
                  texts.TREND_ATTENDANCE_LABELS),
        TrendSpec("K15", ("first_time",), texts.TREND_FIRST_TIME),
    ),
)
