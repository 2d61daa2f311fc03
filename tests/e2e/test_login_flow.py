"""Login in a real browser: local accounts (wrong password, login, menu per role, a page by its address,
logout, the audit log), and OpenID Connect against oidc-provider-mock on localhost (a mapped group, and a
forged one that grants nothing)."""

from __future__ import annotations

import pytest
from oidc_provider_mock import User, run_server_in_thread
from playwright.sync_api import Page, expect

from monitor import auth, db, roles
from monitor.texts import ui
from tests.e2e.conftest import _free_port, running_app

pytestmark = pytest.mark.e2e

FIRST_LOAD_MS = 180_000
RERUN_MS = 60_000
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
PASSWORD = "ein langes Passwort"


def nav(page: Page):
    return page.get_by_test_id("stSidebarNav")


def wait_idle(page: Page, timeout: int = RERUN_MS) -> None:
    expect(page.locator(IDLE)).to_be_attached(timeout=timeout)


@pytest.fixture(scope="module")
def local_app(tmp_path_factory):
    with running_app(tmp_path_factory.mktemp("login")) as (url, database_url):
        engine = db.make_engine(database_url)
        db.upgrade(engine)
        auth.add_user(engine, "rat-mueller", roles.COUNCIL, PASSWORD, actor="test")
        auth.add_user(engine, "it-admin", roles.ADMIN, PASSWORD, actor="test")
        engine.dispose()
        yield url


def log_in(page: Page, url: str, name: str, password: str) -> None:
    page.goto(f"{url}/anmelden")
    expect(page.get_by_label(ui.LOGIN_NAME)).to_be_visible(timeout=FIRST_LOAD_MS)
    page.get_by_label(ui.LOGIN_NAME).fill(name)
    page.get_by_label(ui.LOGIN_PASSWORD).fill(password)
    page.get_by_role("button", name=ui.LOGIN_SUBMIT).click()
    wait_idle(page)


def test_local_login_menu_logout_and_audit_log(page: Page, local_app: str):
    page.goto(local_app)
    expect(page.get_by_test_id("stMetric").first).to_be_visible(timeout=FIRST_LOAD_MS)
    expect(nav(page).get_by_text(ui.PAGE_LOGIN)).to_be_visible()
    expect(page.get_by_text(ui.PUBLIC_VIEW)).to_be_visible()

    log_in(page, local_app, "rat-mueller", "falsches Passwort")
    expect(page.get_by_text(ui.LOGIN_FAILED)).to_be_visible()

    log_in(page, local_app, "rat-mueller", PASSWORD)
    expect(page.get_by_role("heading", name=ui.OVERVIEW_TITLE)).to_be_visible(timeout=RERUN_MS)
    expect(page.get_by_text("Angemeldet: rat-mueller (Rat)")).to_be_visible()
    expect(nav(page).get_by_text(ui.PAGE_LOGIN)).to_have_count(0)
    expect(nav(page).get_by_text(ui.PAGE_AUDIT)).to_have_count(0)
    expect(nav(page).get_by_text(ui.PAGE_CONTRACT)).to_have_count(0)

    page.get_by_role("button", name=ui.LOGOUT).click()
    expect(page.get_by_text(ui.LOGGED_OUT)).to_be_visible(timeout=RERUN_MS)
    expect(page.get_by_text(ui.PUBLIC_VIEW)).to_be_visible()

    # A page opened by its address starts a new session (a local login lives in the browser tab's session):
    # the audit log's address shows no audit log to the public.
    page.goto(f"{local_app}/protokoll")
    wait_idle(page, FIRST_LOAD_MS)
    expect(page.get_by_test_id("stMetric").first).to_be_visible(timeout=RERUN_MS)
    expect(page.get_by_role("heading", name=ui.AUDIT_TITLE)).to_have_count(0)
    expect(page.get_by_test_id("stDataFrame")).to_have_count(0)

    log_in(page, local_app, "it-admin", PASSWORD)
    expect(nav(page).get_by_text(ui.PAGE_AUDIT)).to_be_visible(timeout=RERUN_MS)
    nav(page).get_by_text(ui.PAGE_AUDIT).click()
    expect(page.get_by_role("heading", name=ui.AUDIT_TITLE)).to_be_visible(timeout=RERUN_MS)
    table = page.get_by_test_id("stDataFrame")
    expect(table).to_be_visible(timeout=RERUN_MS)
    for action in ("login", "login_failed", "logout"):
        expect(table.get_by_text(ui.AUDIT_ACTION_LABELS[action], exact=True).first).to_be_attached()


@pytest.fixture(scope="module")
def oidc_app(tmp_path_factory):
    """The app with [auth] pointing at oidc-provider-mock, two predefined users: one in a mapped group, one
    whose group is named like our admin role but is not in the mapping."""
    users = [User(sub="verwaltung-1", claims={"email": "verwaltung@wietze.example", "groups": ["im-verwaltung"]}),
             User(sub="gefaelscht-1", claims={"email": "wer@example.org", "groups": ["admin"]})]
    with run_server_in_thread(port=_free_port(), user_claims=users) as server:
        provider = f"http://localhost:{server.server_port}"
        workdir = tmp_path_factory.mktemp("oidc")
        app_port = _free_port()
        secrets = workdir / "secrets.toml"
        secrets.write_text(f"""
[auth]
redirect_uri = "http://127.0.0.1:{app_port}/oauth2callback"
cookie_secret = "{'c0ffee' * 8}"
client_id = "integrationsmonitor"
client_secret = "geheim"
server_metadata_url = "{provider}/.well-known/openid-configuration"

[integrationsmonitor]
role_claim = "groups"

[integrationsmonitor.role_mapping]
"im-verwaltung" = "verwaltung"
"im-admin" = "admin"
""", encoding="utf-8")
        with running_app(workdir, "--secrets.files", str(secrets), port=app_port) as (url, _):
            yield url


def oidc_login(page: Page, url: str, subject: str) -> None:
    page.goto(f"{url}/anmelden")
    button = page.get_by_role("button", name=ui.LOGIN_OIDC)
    expect(button).to_be_visible(timeout=FIRST_LOAD_MS)
    button.click()
    page.get_by_role("button", name=subject).click(timeout=RERUN_MS)  # the mock's page: a predefined user
    page.wait_for_url(f"{url}/**", timeout=RERUN_MS)
    wait_idle(page, FIRST_LOAD_MS)


def test_oidc_login_takes_the_role_from_the_groups_claim(page: Page, oidc_app: str):
    oidc_login(page, oidc_app, "verwaltung-1")
    expect(page.get_by_text("Angemeldet: verwaltung@wietze.example (Verwaltung)")).to_be_visible(timeout=RERUN_MS)
    expect(nav(page).get_by_text(ui.PAGE_CONTRACT)).to_be_visible()
    expect(page.get_by_test_id("stMetric").first).to_be_visible()


def test_oidc_forged_group_grants_nothing(page: Page, oidc_app: str):
    oidc_login(page, oidc_app, "gefaelscht-1")
    expect(page.get_by_text(ui.NO_ROLE_REFUSAL)).to_be_visible(timeout=RERUN_MS)
    expect(page.get_by_test_id("stMetric")).to_have_count(0)
    expect(nav(page).get_by_text(ui.PAGE_AUDIT)).to_have_count(0)
