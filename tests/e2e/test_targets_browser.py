"""The page Ziele in a real browser: the administration changes a target in the table and saves it, and the
overview's tile shows the new target and its status at once."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from monitor import db, targets
from monitor.texts import kpis as kpi_texts, ui
from tests.e2e.conftest import ADMIN, ADMIN_PASSWORD
from tests.e2e.test_login_flow import RERUN_MS, log_in, nav, wait_idle

pytestmark = pytest.mark.e2e

WIETZE = "03351023"
ROW_PX = 35  # the data editor's header and rows


def k2_tile(page: Page):
    return page.get_by_test_id("stMetric").filter(has_text=kpi_texts.NAMES["K2"]).first


def k2_text(page: Page) -> str:
    """The overview's text from K2's tile on: its value, change, target and status (a badge of its own)."""
    text = page.get_by_test_id("stMainBlockContainer").inner_text()
    return text[text.find(kpi_texts.NAMES["K2"]):][:300]


def open_cell(page: Page):
    """Open the selected cell's editor (an input in the grid's overlay) and return it."""
    page.keyboard.press("Enter")
    cell = page.locator("#portal").locator("input, textarea").first
    expect(cell).to_be_visible(timeout=RERUN_MS)
    return cell


def test_a_target_edited_in_the_table_changes_the_overview(page: Page, admin_app: tuple[str, str]):
    url, database_url = admin_app
    log_in(page, url, ADMIN, ADMIN_PASSWORD)
    expect(k2_tile(page)).to_be_visible(timeout=RERUN_MS)
    before = k2_text(page)
    year = re.search(r"Ziel (\d{4}): höchstens 150\s+\S*\s*(.+)", before)
    assert year and year.group(2) != ui.STATUS["not_met"], before  # the running year's caseload: open
    engine = db.make_engine(database_url)
    try:
        stored = targets.from_database(engine)
    finally:
        engine.dispose()
    mine = stored[stored["ags"] == WIETZE].reset_index(drop=True)
    row = mine.index[(mine["kpi"] == "K2") & (mine["year"] == int(year.group(1)))][0]

    nav(page).get_by_text(ui.PAGE_TARGETS, exact=True).click()
    expect(page.get_by_role("heading", name=ui.TARGETS_TITLE, exact=True)).to_be_visible(timeout=RERUN_MS)
    wait_idle(page)
    editor = page.get_by_test_id("stDataFrame").last
    editor.scroll_into_view_if_needed()
    box = editor.bounding_box()
    page.mouse.click(box["x"] + 120, box["y"] + ROW_PX + ROW_PX / 2)  # the first row's KPI
    page.wait_for_timeout(300)  # the grid takes the keyboard's focus with the click
    for _ in range(row):
        page.keyboard.press("ArrowDown")
        page.wait_for_timeout(30)
    page.keyboard.press("ArrowRight")  # the year
    # a key pressed while the grid was busy can be lost: read the row's year and move to the one wanted
    for _ in range(3):
        shown = int(open_cell(page).input_value())
        page.keyboard.press("Escape")  # closes the editor unchanged
        expect(page.locator("#portal").locator("input, textarea")).to_have_count(0, timeout=RERUN_MS)
        if shown == int(year.group(1)):
            break
        for _ in range(abs(int(year.group(1)) - shown)):  # the KPI's rows go by year
            page.keyboard.press("ArrowDown" if shown < int(year.group(1)) else "ArrowUp")
            page.wait_for_timeout(30)
    assert shown == int(year.group(1))
    for _ in range(2):  # direction, value
        page.keyboard.press("ArrowRight")
    cell = open_cell(page)
    cell.fill("1")
    cell.press("Enter")
    page.wait_for_timeout(500)  # the edit reaches the server with a rerun of its own
    wait_idle(page)
    page.get_by_role("button", name=ui.TARGETS_SAVE).click()
    wait_idle(page)
    expect(page.get_by_text(ui.TARGETS_SAVED)).to_be_visible(timeout=RERUN_MS)
    expect(page.get_by_text(f"K2 {year.group(1)}: höchstens 150 → höchstens 1")).to_be_visible(timeout=RERUN_MS)

    nav(page).get_by_text(ui.PAGE_OVERVIEW, exact=True).click()
    expect(k2_tile(page)).to_be_visible(timeout=RERUN_MS)
    wait_idle(page)
    after = k2_text(page)
    status = re.search(rf"Ziel {year.group(1)}: höchstens 1\s+\S*\s*(.+)", after)
    assert status and status.group(1) == ui.STATUS["not_met"], after  # the caseload so far is more than 1
