"""A page address opened as the very first request after the server started (a bookmark after a restart) still
goes through the app's start-up and then opens that page: the menu is ours, no error."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from monitor.texts import ui
from tests.e2e.conftest import running_app
from tests.e2e.test_overview_browser import FIRST_LOAD_MS, IDLE

pytestmark = pytest.mark.e2e


def test_a_bookmarked_page_address_right_after_a_start_gets_the_started_app(page: Page, tmp_path):
    with running_app(tmp_path) as (url, _):
        page.goto(f"{url}/anmelden?sitzung=1")  # nothing has run in this server yet
        expect(page.get_by_role("heading", name=ui.LOGIN_TITLE)).to_be_visible(timeout=FIRST_LOAD_MS)
        expect(page.locator(IDLE)).to_be_attached(timeout=FIRST_LOAD_MS)
        expect(page).to_have_url(f"{url}/anmelden?sitzung=1")  # the meeting view of a bookmark survives
        menu = page.get_by_test_id("stSidebarNav")
        expect(menu.get_by_text(ui.PAGE_LOGIN, exact=True)).to_be_visible()
        expect(menu.get_by_text("dashboard", exact=True)).to_have_count(0)  # Streamlit's own file list
        expect(page.get_by_test_id("stException")).to_have_count(0)
        expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)
        page.get_by_role("link", name=ui.PAGE_OVERVIEW).click()  # the demo data were loaded by the start-up
        expect(page.get_by_test_id("stMetric").first).to_be_visible(timeout=FIRST_LOAD_MS)
