"""The overview in a real browser: tiles and chart are visible, switching to quarters works, and the browser
talks to no host but the app's. Its picture for the README: tests/e2e/test_screenshots.py."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.app.test_pages import TILE_LABELS  # the German labels, written out once
from tests.e2e.conftest import HostLog

pytestmark = pytest.mark.e2e

FIRST_LOAD_MS = 180_000  # the first run migrates and imports the demo data
RERUN_MS = 60_000
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"


def open_overview(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.get_by_test_id("stMetric").first).to_be_visible(timeout=FIRST_LOAD_MS)
    expect(page.locator(IDLE)).to_be_attached(timeout=FIRST_LOAD_MS)
    expect(page.get_by_test_id("stPlotlyChart")).to_be_visible(timeout=RERUN_MS)


def tile_label(page: Page, label: str):
    return page.get_by_test_id("stMetricLabel").filter(has_text=label)


def test_overview_tiles_and_chart(page: Page, app_url: str):
    open_overview(page, app_url)
    for label in TILE_LABELS:
        expect(tile_label(page, label)).to_be_visible()
    expect(page.get_by_test_id("stMetric")).to_have_count(len(TILE_LABELS))
    expect(page.get_by_test_id("stPlotlyChart").locator(".main-svg").first).to_be_visible()
    expect(page.get_by_text("Aktive Fälle nach Zielgruppe")).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_switch_to_quarters(page: Page, app_url: str):
    open_overview(page, app_url)
    page.get_by_test_id("stRadio").get_by_text("Quartal", exact=True).click()
    expect(page.get_by_role("combobox", name="Zeitraum")).to_have_value(re.compile("Quartal"), timeout=RERUN_MS)
    expect(page.locator(IDLE)).to_be_attached(timeout=RERUN_MS)
    expect(page.get_by_test_id("stMetric")).to_have_count(len(TILE_LABELS))
    expect(page.get_by_text(re.compile(r"^ggü\. \d\. Quartal \d{4}")).first).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_no_request_to_any_other_host(page: Page, app_url: str):
    hosts = HostLog(page)
    open_overview(page, app_url)
    page.get_by_test_id("stRadio").get_by_text("Quartal", exact=True).click()
    expect(page.locator(IDLE)).to_be_attached(timeout=RERUN_MS)
    expect(page.get_by_test_id("stPlotlyChart")).to_be_visible(timeout=RERUN_MS)
    page.get_by_test_id("stPlotlyChart").hover()
    hosts.assert_only(app_url)

