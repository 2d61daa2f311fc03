"""Pictures of the pages for the README (docs/screenshot-<page>.png), taken in a real browser: every page of the
mayor's menu as the mayor sees it, and the pages only the administration opens (upload, data format, audit log)
as the first role that may open them. The pages come from monitor.roles.PAGES, so a new page gets its picture on
the next run. Written to docs/ only with UPDATE_SCREENSHOT=1 (scripts/screenshots.sh), so that a test run does
not change the checkout; otherwise each picture is still taken and checked."""

from __future__ import annotations

import os
import re

import pytest
from playwright.sync_api import Page, expect

from monitor import auth, db, roles, settings
from monitor.texts import ui
from tests.e2e.conftest import running_app

pytestmark = pytest.mark.e2e

FIRST_LOAD_MS = 180_000  # the first run migrates and imports the demo data
RERUN_MS = 60_000
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
DOCS = settings.PROJECT_DIR / "docs"
WIDTH, MIN_HEIGHT = 1440, 900
PASSWORD = "ein langes Passwort"
ACCOUNTS = {roles.MAYOR: "bm-wietze", roles.STAFF: "verwaltung-wietze", roles.ADMIN: "it-admin"}

# Where the page's content ends: Streamlit scrolls inside its main area, so a full-page picture of the browser
# window would end at the window's edge.
CONTENT_END = """() => {
  const block = document.querySelector("[data-testid='stMainBlockContainer']");
  return Math.ceil(Math.max(...[...block.children].map((child) => child.getBoundingClientRect().bottom)));
}"""
MARGIN = 48


def shots() -> list[tuple[str, str]]:
    """(page, role): each page with the first of the mayor, the administration's staff and the administrator who
    may open it; the login form (the public's only page) has no picture."""
    chosen: dict[str, str] = {}
    for role in ACCOUNTS:
        for page in roles.pages_for(role):
            chosen.setdefault(page, role)
    return list(chosen.items())


def screenshot_path(page: str):
    return DOCS / f"screenshot-{page}.png"


@pytest.fixture(scope="module")
def pictures_app(tmp_path_factory):
    with running_app(tmp_path_factory.mktemp("screenshots")) as (url, database_url):
        engine = db.make_engine(database_url)
        db.upgrade(engine)
        for role, name in ACCOUNTS.items():
            auth.add_user(engine, name, role, PASSWORD, actor="test")
        engine.dispose()
        yield url


def wait_idle(page: Page, timeout: int = RERUN_MS) -> None:
    expect(page.locator(IDLE)).to_be_attached(timeout=timeout)


def log_in(page: Page, url: str, role: str) -> None:
    page.goto(f"{url}/anmelden")
    expect(page.get_by_label(ui.LOGIN_NAME)).to_be_visible(timeout=FIRST_LOAD_MS)
    page.get_by_label(ui.LOGIN_NAME).fill(ACCOUNTS[role])
    page.get_by_label(ui.LOGIN_PASSWORD, exact=True).fill(PASSWORD)
    page.get_by_role("button", name=ui.LOGIN_SUBMIT).click()
    expect(page.get_by_role("heading", name=ui.OVERVIEW_TITLE)).to_be_visible(timeout=RERUN_MS)
    wait_idle(page)


def open_page(page: Page, stem: str, role: str) -> None:
    """Through the menu (a local login lives in the browser tab's session, a new address would end it); done when
    the page's own title has replaced the one before and the run has ended."""
    if stem == roles.pages_for(role)[0]:  # the role's first page is where the login leads
        return
    before = page.locator("h1").first.inner_text()
    page.get_by_test_id("stSidebarNav").locator(f"a[href$='/{stem}']").click()
    expect(page).to_have_url(re.compile(rf"/{stem}(\?.*)?$"), timeout=RERUN_MS)
    expect(page.locator("h1").first).not_to_have_text(before, timeout=RERUN_MS)
    wait_idle(page)


def drawn(page: Page) -> None:
    """Every element loaded (charts and tables show a placeholder until their code has come) and every chart
    drawn, not only its frame."""
    wait_idle(page)
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=RERUN_MS)
    charts = page.get_by_test_id("stPlotlyChart")
    for i in range(charts.count()):
        expect(charts.nth(i).locator(".main-svg").first).to_be_visible(timeout=RERUN_MS)


@pytest.mark.parametrize(("stem", "role"), shots(), ids=[f"{stem}-{role}" for stem, role in shots()])
def test_screenshot_of_each_page(page: Page, pictures_app: str, stem: str, role: str, tmp_path):
    page.set_viewport_size({"width": WIDTH, "height": MIN_HEIGHT})
    log_in(page, pictures_app, role)
    open_page(page, stem, role)
    drawn(page)
    if stem == "sitzung":  # the meeting mode: its first KPI slide with a target (the title slide says little)
        for number in range(2, 10):
            page.keyboard.press("ArrowRight")
            expect(page.locator(".slide-counter")).to_contain_text(f"Folie {number} ", timeout=RERUN_MS)
            drawn(page)
            if page.locator(".slide-target").count():
                break
        expect(page.locator(".slide-target")).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    page.set_viewport_size({"width": WIDTH, "height": max(MIN_HEIGHT, page.evaluate(CONTENT_END) + MARGIN)})
    drawn(page)  # the whole page in the window now: what was outside it is drawn too
    page.mouse.move(0, 0)  # no hover tooltip in the picture
    target = screenshot_path(stem) if os.environ.get("UPDATE_SCREENSHOT") == "1" else tmp_path / f"{stem}.png"
    page.screenshot(path=str(target), full_page=True)
    assert target.stat().st_size > 20_000
