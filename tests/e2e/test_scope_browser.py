"""The Gemeinden of an account in a real browser: an installation of three Gemeinden; the staff of one Gemeinde
log in and see that one only (no choice of Gemeinde, its name in the line under the filters, no comparison), the
Landkreis' staff choose among all three and find them compared per 1,000 inhabitants on Kontext."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from etl import demo
from etl.pipeline import import_files
from monitor import auth, db, overview, roles, scope as scopes
from monitor.texts import kontext as kontext_texts, ui
from tests.e2e.conftest import running_app
from tests.e2e.test_login_flow import FIRST_LOAD_MS, PASSWORD, RERUN_MS, log_in, nav, wait_idle

pytestmark = pytest.mark.e2e

WIETZE, ADELHEIDSDORF, AHNSBECK = GEMEINDEN = [g.ags for g in demo.choose_gemeinden(3)]


@pytest.fixture(scope="module")
def landkreis_app(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("scope")
    with running_app(workdir) as (url, database_url):
        engine = db.make_engine(database_url)
        db.upgrade(engine)
        paths = demo.generate(tmp_path_factory.mktemp("scope-demo"), scale=3)
        assert import_files(engine, [(p.name, p.read_bytes()) for p in paths], user="demo").ok
        auth.add_user(engine, "vw-ahnsbeck", roles.STAFF, PASSWORD, actor="test", gemeinden=scopes.of([AHNSBECK]))
        auth.add_user(engine, "vw-landkreis", roles.STAFF, PASSWORD, actor="test", gemeinden=scopes.ALL)
        engine.dispose()
        yield url


def test_the_staff_of_one_gemeinde_see_it_alone(page: Page, landkreis_app: str):
    log_in(page, landkreis_app, "vw-ahnsbeck", PASSWORD)
    expect(page.get_by_role("heading", name=ui.OVERVIEW_TITLE)).to_be_visible(timeout=FIRST_LOAD_MS)
    expect(page.get_by_test_id("stMetric").first).to_be_visible(timeout=RERUN_MS)
    expect(page.get_by_text(f"{overview.gemeinde_name(AHNSBECK)} · Zeitraum")).to_be_visible()
    expect(page.get_by_label(ui.GEMEINDE)).to_have_count(0)  # nothing to choose
    nav(page).get_by_text(ui.PAGE_KONTEXT).click()
    wait_idle(page)
    expect(page.get_by_text(f"{overview.gemeinde_name(AHNSBECK)} · Zeitraum")).to_be_visible(timeout=RERUN_MS)
    expect(page.get_by_text(kontext_texts.COMPARE_INTRO)).to_have_count(0)
    for other in (WIETZE, ADELHEIDSDORF):
        expect(page.get_by_text(overview.gemeinde_name(other))).to_have_count(0)


def test_the_landkreis_staff_choose_and_compare_every_gemeinde(page: Page, landkreis_app: str):
    log_in(page, landkreis_app, "vw-landkreis", PASSWORD)
    expect(page.get_by_test_id("stMetric").first).to_be_visible(timeout=FIRST_LOAD_MS)
    page.get_by_label(ui.GEMEINDE).click()
    options = page.get_by_role("option")
    expect(options).to_have_count(3, timeout=RERUN_MS)
    expect(options).to_have_text(sorted((overview.gemeinde_name(a) for a in GEMEINDEN), key=str.casefold))
    page.keyboard.press("Escape")
    nav(page).get_by_text(ui.PAGE_KONTEXT).click()
    wait_idle(page)
    expect(page.get_by_text(kontext_texts.COMPARE_INTRO)).to_be_visible(timeout=RERUN_MS)
    table = page.locator("table").filter(has_text=kontext_texts.COMPARE_COL_POPULATION).last
    for ags in GEMEINDEN:
        expect(table.get_by_text(overview.gemeinde_name(ags), exact=True)).to_be_visible()
    expect(page.get_by_test_id("stDeckGlJsonChart")).to_be_visible()
