"""The page Benutzer in a real browser: the administration adds an account, reads its first password once and
changes its role; the new account logs in with that password and gets the new role; neither the council's
menu nor the page's address gives anyone else the page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, TimeoutError as PlaywrightTimeout, expect

from monitor import audit, db, roles
from monitor.texts import ui
from tests.e2e.conftest import ADMIN, ADMIN_PASSWORD
from tests.e2e.test_login_flow import FIRST_LOAD_MS, RERUN_MS, log_in, nav, wait_idle

pytestmark = pytest.mark.e2e


def choose(page: Page, label: str, option: str) -> None:
    """Open the box and take the option; again if a rerun of the page closed the list before it could be taken."""
    for attempt in range(3):
        wait_idle(page)
        page.get_by_role("combobox", name=label, exact=True).click()
        try:
            page.get_by_role("option", name=option, exact=True).click(timeout=10_000)
            break
        except PlaywrightTimeout:
            if attempt == 2:
                raise
    wait_idle(page)


def test_the_admin_adds_an_account_that_then_logs_in_with_its_new_role(page: Page, admin_app: tuple[str, str]):
    url, database_url = admin_app
    log_in(page, url, ADMIN, ADMIN_PASSWORD)
    nav(page).get_by_text(ui.PAGE_ACCOUNTS, exact=True).click()
    expect(page.get_by_role("heading", name=ui.ACCOUNTS_TITLE)).to_be_visible(timeout=RERUN_MS)
    wait_idle(page)
    expect(page.get_by_test_id("stException")).to_have_count(0)

    page.get_by_label(ui.ACCOUNT_NAME, exact=True).fill("rat-neu")
    choose(page, ui.ACCOUNT_ROLE, ui.ROLE_LABELS[roles.COUNCIL])
    page.get_by_role("button", name=ui.ACCOUNT_ADD_BUTTON).click()
    wait_idle(page)
    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text("rat-neu", timeout=RERUN_MS)
    wait_idle(page)
    expect(page.get_by_test_id("stText")).to_have_count(2)  # the introduction and the password
    texts = [t for t in page.get_by_test_id("stText").all_inner_texts() if t.strip() != ui.ACCOUNTS_INTRO]
    (password,) = [t.strip() for t in texts]

    choose(page, ui.ACCOUNT_CHOSEN, "rat-neu")
    role = page.get_by_role("combobox", name=ui.ACCOUNT_NEW_ROLE, exact=True)
    # the chosen account's own role box is drawn (a rerun may begin after wait_idle saw the last one end) ...
    own = page.locator(f'input[aria-label="{ui.ACCOUNT_NEW_ROLE}"][value="{ui.ROLE_LABELS[roles.COUNCIL]}"]')
    expect(own).to_have_count(1, timeout=RERUN_MS)
    expect(role).to_have_count(1, timeout=RERUN_MS)  # ... and the other account's is gone
    expect(role).to_have_value(ui.ROLE_LABELS[roles.COUNCIL])
    expect(page.get_by_test_id("stText").filter(has_text=password)).to_have_count(0)  # shown once only
    choose(page, ui.ACCOUNT_NEW_ROLE, ui.ROLE_LABELS[roles.MAYOR])
    page.get_by_role("button", name=ui.ACCOUNT_SET_ROLE).click()
    wait_idle(page)
    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text(ui.ROLE_LABELS[roles.MAYOR])

    page.get_by_role("button", name=ui.LOGOUT).click()
    expect(page.get_by_text(ui.LOGGED_OUT)).to_be_visible(timeout=RERUN_MS)
    log_in(page, url, "rat-neu", password)
    expect(page.get_by_text(f"Angemeldet: rat-neu ({ui.ROLE_LABELS[roles.MAYOR]})")).to_be_visible(timeout=RERUN_MS)
    expect(nav(page).get_by_text(ui.PAGE_ACCOUNTS)).to_have_count(0)

    engine = db.make_engine(database_url)
    try:
        done = audit.entries(engine, audit.Filter(actions=(audit.USER_ADDED, audit.ROLE_CHANGED)))
    finally:
        engine.dispose()
    assert sorted(zip(done["action"], done["actor"], done["object"])) == [
        (audit.ROLE_CHANGED, ADMIN, "rat-neu"), (audit.USER_ADDED, ADMIN, "rat-neu"),
        (audit.USER_ADDED, "test", ADMIN)]


def test_the_page_s_address_shows_nobody_else_the_accounts(page: Page, admin_app: tuple[str, str]):
    url, _ = admin_app
    page.goto(f"{url}/benutzer")  # a new session: the public
    wait_idle(page, FIRST_LOAD_MS)
    expect(page.get_by_role("heading", name=ui.ACCOUNTS_TITLE)).to_have_count(0)
    expect(page.get_by_test_id("stDataFrame")).to_have_count(0)
    expect(page.get_by_text(ADMIN)).to_have_count(0)
