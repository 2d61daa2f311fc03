"""The measure pages as plain data (no Streamlit): one module per page, named like the page (pages/<name>.py,
monitor/texts/<name>.py, tests/app/test_<name>.py), each declaring its ``PAGE`` (a views.model.PageSpec) from the
framework in views.model.

``MEASURE_PAGES`` says which KPIs each measure page is about, in the order of its cards. It is the one place
that ties a KPI to its page: the overview links a tile to the page of its KPI (``page_of``), once that page is
registered in monitor.roles.PAGES (and so in dashboard.PAGES).
"""

from __future__ import annotations

from monitor import roles

MEASURE_PAGES: dict[str, tuple[str, ...]] = {
    "beratung": ("K1", "K2", "K3", "K4", "K5", "K13", "K14", "K18"),
    "praktikumsboerse": ("K12",),
    "integrationscafe": ("K15",),
    "netzwerk": ("K16", "K5"),  # the referrals (K5) also on the Beratung page, their own (page_of: the first)
    "sprachkurse": ("K6", "K7", "K8", "K9", "K10", "K11", "K11a"),
    "karte": ("K17",),
}


def page_of(kpi_id: str) -> str | None:
    """The measure page (page stem) of a KPI, if it has one that is registered; else None."""
    return next((page for page, kpis in MEASURE_PAGES.items() if kpi_id in kpis and page in roles.PAGES), None)
