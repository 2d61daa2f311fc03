"""The measure pages in a real browser: the overview's tiles lead to them, the public sees the five pages (German
only, nothing running off at 1366 px, no heading broken inside a word at 390 px) and switches to quarters, the
mayor filters by gender and downloads a table marked for official use."""

from __future__ import annotations

import hashlib
import re
import time

import pandas as pd
import pytest
from playwright.sync_api import Page, expect

from monitor import audit, auth, db, roles
from monitor.texts import beratung, integrationscafe, netzwerk, praktikumsboerse, sprachkurse, ui
from tests.e2e.conftest import running_app
from tests.e2e.test_german_browser import NARROW, WIDE, check_layout, english_on

pytestmark = pytest.mark.e2e

FIRST_LOAD_MS = 180_000
RERUN_MS = 60_000
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
MAYOR, PASSWORD = "bm-wietze", "ein langes Passwort"
PAGES = [(ui.PAGE_BERATUNG, beratung.TITLE, 15, 8), (ui.PAGE_SPRACHKURSE, sprachkurse.TITLE, 9, 7),
         (ui.PAGE_PRAKTIKUMSBOERSE, praktikumsboerse.TITLE, 2, 1),
         (ui.PAGE_INTEGRATIONSCAFE, integrationscafe.TITLE, 3, 1),
         (ui.PAGE_NETZWERK, netzwerk.TITLE, 4, 2)]
# menu entry, heading, charts (Sprachkurse: the funnel and the stages by course type, Netzwerk: the flow), cards


@pytest.fixture(scope="module")
def measures_server(tmp_path_factory):
    """The app and its database's URL."""
    with running_app(tmp_path_factory.mktemp("measures")) as (url, database_url):
        engine = db.make_engine(database_url)
        db.upgrade(engine)
        auth.add_user(engine, MAYOR, roles.MAYOR, PASSWORD, actor="test")
        engine.dispose()
        yield url, database_url


@pytest.fixture(scope="module")
def measures_app(measures_server):
    return measures_server[0]


def exports(database_url: str) -> pd.DataFrame:
    engine = db.make_engine(database_url)
    try:
        return audit.entries(engine, audit.Filter(actions=(audit.EXPORT,)))
    finally:
        engine.dispose()


def wait_idle(page: Page, timeout: int = RERUN_MS) -> None:
    expect(page.locator(IDLE)).to_be_attached(timeout=timeout)


def open_menu_entry(page: Page, entry: str, title: str, width: int) -> None:
    """Through the menu, as tests/e2e/test_german_browser.py does, waiting for the page's own heading ("Netzwerk",
    not "Netzwerktreffen und Fallkonferenzen")."""
    expand = page.get_by_test_id("stExpandSidebarButton")
    if width == NARROW and expand.is_visible():
        expand.click()
    page.get_by_test_id("stSidebarNav").get_by_text(entry, exact=True).click()
    expect(page.get_by_role("heading", name=title, exact=True)).to_be_visible(timeout=RERUN_MS)
    wait_idle(page)
    collapse = page.get_by_test_id("stSidebarCollapseButton")
    if width == NARROW and collapse.is_visible():
        collapse.click()


def open_overview(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.get_by_test_id("stMetric").first).to_be_visible(timeout=FIRST_LOAD_MS)
    wait_idle(page, FIRST_LOAD_MS)


def test_a_tile_leads_to_its_page(page: Page, measures_app: str):
    open_overview(page, measures_app)
    cafe = page.get_by_test_id("stMetric").filter(has_text=ui.PAGE_INTEGRATIONSCAFE).first
    expect(cafe.get_by_test_id("stMetricValue")).to_have_text(re.compile(r"^\d+ von \d+ Terminen$"))
    tile_link = ui.TILE_LINK.format(page=ui.PAGE_INTEGRATIONSCAFE)
    page.get_by_test_id("stMainBlockContainer").get_by_role("link", name=tile_link).click()  # not the menu's
    expect(page.get_by_role("heading", name=integrationscafe.TITLE, exact=True)).to_be_visible(timeout=RERUN_MS)
    wait_idle(page)
    expect(page.get_by_test_id("stPlotlyChart")).to_have_count(3)
    expect(page.get_by_test_id("stException")).to_have_count(0)


@pytest.mark.parametrize("width", [WIDE, NARROW])
def test_the_public_sees_the_measure_pages_in_german_and_legible(page: Page, measures_app: str, width: int):
    page.set_viewport_size({"width": width, "height": 900})
    open_overview(page, measures_app)
    problems = check_layout(page, f"{width} overview", width)  # the café's tile in words fits its box
    for entry, title, charts, cards in PAGES:
        open_menu_entry(page, entry, title, width)
        expect(page.get_by_test_id("stPlotlyChart")).to_have_count(charts, timeout=RERUN_MS)
        expect(page.get_by_test_id("stMetric")).to_have_count(cards)
        expect(page.get_by_test_id("stException")).to_have_count(0)
        problems += english_on(page, f"{width} {entry}") + check_layout(page, f"{width} {entry}", width)
    expect(page.get_by_text(ui.FILTER_INTERNAL_ONLY)).to_have_count(1)  # Netzwerk: referrals are about cases
    page.get_by_test_id("stRadio").get_by_text(ui.QUARTER, exact=True).click()
    expect(page.get_by_role("combobox", name=ui.PERIOD)).to_have_value(re.compile("Quartal"), timeout=RERUN_MS)
    wait_idle(page)
    expect(page.get_by_test_id("stPlotlyChart")).to_have_count(3)  # no published referral count: no flow
    problems += check_layout(page, f"{width} {ui.PAGE_NETZWERK} (quarters)", width)
    assert problems == []


def test_the_mayor_filters_and_downloads_a_table(page: Page, measures_server: tuple[str, str]):
    measures_app, database_url = measures_server
    offered = set()  # the CSV files the page's buttons offer: each button fetches its file once it is drawn
    page.on("request", lambda r: offered.add(r.url) if "/media/" in r.url and ".csv" in r.url else None)
    page.goto(f"{measures_app}/anmelden")
    expect(page.get_by_label(ui.LOGIN_NAME)).to_be_visible(timeout=FIRST_LOAD_MS)
    page.get_by_label(ui.LOGIN_NAME).fill(MAYOR)
    page.get_by_label(ui.LOGIN_PASSWORD, exact=True).fill(PASSWORD)
    page.get_by_role("button", name=ui.LOGIN_SUBMIT).click()
    expect(page.get_by_role("heading", name=ui.OVERVIEW_TITLE)).to_be_visible(timeout=RERUN_MS)
    wait_idle(page)
    open_menu_entry(page, ui.PAGE_PRAKTIKUMSBOERSE, praktikumsboerse.TITLE, WIDE)
    before = page.get_by_test_id("stMetricValue").inner_text()

    gender = page.get_by_role("combobox", name=ui.FILTER_GENDER)
    gender.click()
    page.get_by_role("option", name=ui.GENDERS["w"], exact=True).click()
    expect(page.get_by_text(ui.FILTER_ACTIVE.format(selection=ui.GENDERS["w"]))).to_be_visible(timeout=RERUN_MS)
    wait_idle(page)
    assert int(page.get_by_test_id("stMetricValue").inner_text()) <= int(before)

    page.get_by_text(ui.FIGURES_EXPANDER).click()
    # the period's figures (the tables by sector above them have buttons of their own)
    figures = re.escape(ui.FIGURES_TABLE.format(page=praktikumsboerse.TITLE, period=""))
    button = page.get_by_role("button",
                              name=re.compile(figures + r".* als CSV herunterladen \(nur für den Dienstgebrauch\)"))
    expect(button.first).to_be_visible(timeout=RERUN_MS)
    before_click = len(exports(database_url))
    # The click reaches the server: the export of exact figures is logged with its file's name and checksum. The
    # file is the one the button offers (the browser's own saving of it is Chromium's business: its download
    # event did not come on every machine). On a machine busy with other work a click can still be lost while
    # the page settles, as a person's would be: then the button is clicked once more, as a person would.
    for _ in range(2):
        wait_idle(page)
        button.first.click()
        deadline = time.monotonic() + RERUN_MS / 2000
        while len(exports(database_url)) == before_click and time.monotonic() < deadline:
            time.sleep(0.25)  # polling the audit log for the entry the click writes
        if len(exports(database_url)) > before_click:
            break
    entry = exports(database_url).iloc[0]
    assert len(exports(database_url)) > before_click and entry["actor"] == MAYOR
    assert re.fullmatch(r"zahlen-praktikumsboerse-.*\.csv", entry["object"]), entry["object"]
    files = [page.request.get(url).body() for url in offered]  # as served (a fetch's body lost the BOM)
    served = next(body for body in files if hashlib.sha256(body).hexdigest() == entry["file_sha256"])
    lines = served.decode("utf-8-sig").split("\r\n")
    assert lines[0] == ui.FOR_OFFICIAL_USE
    assert lines[1] == f"{ui.COL_FIGURE};{ui.COL_PART};{ui.COL_VALUE};{ui.COL_UNIT}"
    assert lines[2].startswith("Vermittelte Praktika;Vermittelte Plätze;")
    assert english_on(page, "mayor Praktikumsbörse") + check_layout(page, "mayor Praktikumsbörse", WIDE) == []


def test_after_an_import_the_public_sees_the_figures_published_until_then_and_the_page_updates_itself(
        page: Page, measures_server: tuple[str, str]):
    """A new data version (an import's audit entry, written as the upload does) while the app runs: the next view
    does not wait for the audit of the new set; it shows the set published until then with a note, and reloads
    itself once the new set is ready in the background (no click)."""
    measures_app, database_url = measures_server
    open_overview(page, measures_app)
    expect(page.get_by_text(ui.PUBLISHED_UPDATING)).to_have_count(0)
    engine = db.make_engine(database_url)
    try:
        audit.record(engine, audit.IMPORT, "test", detail="a new data version")
    finally:
        engine.dispose()
    page.reload()
    expect(page.get_by_text(ui.PUBLISHED_UPDATING)).to_be_visible(timeout=RERUN_MS)
    expect(page.get_by_test_id("stMetric").first).to_be_visible()  # the figures, before the new set is ready
    expect(page.get_by_text(ui.PUBLISHED_UPDATING)).to_have_count(0, timeout=FIRST_LOAD_MS)  # by itself
    wait_idle(page)
    expect(page.get_by_test_id("stMetric").first).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
