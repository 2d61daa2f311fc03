"""Ctrl+P of a page gives a clean A4: printed by Chromium itself (the same engine and print path as Ctrl+P) from
a wide desktop window, the overview fits a few A4 pages without the sidebar, its tiles' names stay whole words,
and the chart of the active cases is printed to its last year instead of being cut off at the paper's edge."""

from __future__ import annotations

import io

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from monitor.texts import kpis as kpi_texts, ui

pytestmark = pytest.mark.e2e

FIRST_LOAD_MS = 180_000
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
A4_PT = (595, 842)


def printed(page: Page) -> tuple[list[str], PdfReader]:
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    return [" ".join(p.extract_text().split()) for p in reader.pages], reader


def test_the_overview_prints_on_a4_without_the_sidebar(page: Page, app_url):
    page.goto(app_url)
    expect(page.get_by_test_id("stMetric").first).to_be_visible(timeout=FIRST_LOAD_MS)
    expect(page.locator(IDLE)).to_be_attached(timeout=FIRST_LOAD_MS)
    # the chart drawn (the first run may still be preparing the published set: its section comes after)
    expect(page.get_by_role("heading", name=ui.TRENDS_TITLE)).to_be_visible(timeout=FIRST_LOAD_MS)
    expect(page.locator("[data-testid='stPlotlyChart'] svg.main-svg").first).to_be_visible(timeout=FIRST_LOAD_MS)
    expect(page.locator(IDLE)).to_be_attached(timeout=FIRST_LOAD_MS)
    expect(page.get_by_test_id("stSidebar")).to_be_visible()  # on the screen the menu is there
    texts, reader = printed(page)
    assert all(tuple(int(float(v)) for v in p.mediabox[2:]) == A4_PT for p in reader.pages)  # 595.92 x 842.88
    assert 2 <= len(reader.pages) <= 4, len(reader.pages)
    whole = " ".join(texts)
    assert ui.PAGE_LOGIN not in whole.split()  # the menu's last entry ("Anmelden") is not printed
    for kpi_id in ("K8", "K16", "K18"):  # long tile names, whole (4 tiles to a row broke them letter by letter)
        assert kpi_texts.NAMES[kpi_id] in whole, kpi_texts.NAMES[kpi_id]
    # the chart of the active cases, printed to its last year (only its axis prints "2026" on its own), not cut off
    assert ui.TRENDS_TITLE in whole and "2026" in whole.split()
    # on the screen again afterwards: the chart has its size back
    expect(page.get_by_test_id("stSidebar")).to_be_visible()
    assert page.evaluate("() => document.querySelectorAll('[data-print-size]').length") == 0
