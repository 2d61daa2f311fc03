"""Roles through the whole app with AppTest: each role gets exactly its pages, a page opened directly without
the role refuses in German and shows no data, and login, lock-out, timeout, logout and removed roles behave
(and are logged). Also the OpenID Connect role mapping, with st.user as the provider would fill it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from monitor import audit, auth, db, fmt, published, roles, views
from monitor.texts import ui
from tests.app.test_pages import DASHBOARD, PROJECT, logged_in, run
from ui import session

PAGE_FILES = {stem: str(PROJECT / "pages" / f"{stem}.py") for stem in roles.PAGES}
PAGE_TITLES = {"uebersicht": ui.OVERVIEW_TITLE, "datenformat": ui.CONTRACT_TITLE, "protokoll": ui.AUDIT_TITLE,
               "benutzer": ui.ACCOUNTS_TITLE, "ziele": ui.TARGETS_TITLE,
               "anmelden": ui.LOGIN_TITLE, "hochladen": ui.UPLOAD_TITLE,
               "beratung": "Beratung", "sprachkurse": "Sprachkurse",
               "praktikumsboerse": "Praktikumsbörse", "integrationscafe": "Integrationscafé", "netzwerk": "Netzwerk",
               "karte": "Karte", "kontext": ui.PAGE_KONTEXT, "sitzung": ui.PAGE_MEETING}
# The role x page matrix, written out: who may open which page (monitor.roles.PAGES must say the same).
EVERYONE = set(roles.ROLES)
MATRIX = {
    "uebersicht": EVERYONE,
    "beratung": EVERYONE,  # the measure pages: everyone who sees the overview (suppressed for some)
    "sprachkurse": EVERYONE,
    "praktikumsboerse": EVERYONE,
    "integrationscafe": EVERYONE,
    "netzwerk": EVERYONE,
    "karte": EVERYONE,
    "kontext": EVERYONE,  # official statistics and the own figures per 1,000 (suppressed for some)
    "sitzung": EVERYONE,  # the meeting mode: the published set for everyone; staff plan it
    "hochladen": {roles.STAFF, roles.ADMIN},
    "datenformat": {roles.STAFF, roles.ADMIN},
    "ziele": {roles.MAYOR, roles.STAFF, roles.ADMIN},
    "benutzer": {roles.ADMIN},
    "protokoll": {roles.ADMIN},
    "anmelden": {roles.PUBLIC},
}
OIDC_SECRETS = {
    "auth": {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "test-cookie-secret",
             "client_id": "integrationsmonitor", "client_secret": "x",
             "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration"},
    "integrationsmonitor": {"role_claim": "groups",
                            "role_mapping": {"im-rat": "rat", "im-verwaltung": "verwaltung", "im-admin": "admin"}},
}


def menu(at: AppTest) -> list[str]:
    """The pages st.navigation registered in the FIRST run of `at`, as file stems (AppTest keeps them for
    switch_page and adds those of later runs, so only a fresh AppTest tells a role's menu)."""
    return [str(info["script_path"]).rsplit("/", 1)[-1].removesuffix(".py") for info in at._registered_pages.values()]


def last_audit(action: str) -> dict | None:
    table = db.audit_log
    with db.get_engine().connect() as conn:
        row = conn.execute(select(table).where(table.c.action == action).order_by(table.c.id.desc())).mappings().first()
    return dict(row) if row else None


def audit_count(action: str) -> int:
    return len(audit.entries(db.get_engine(), audit.Filter(actions=(action,))))


def test_the_role_page_matrix():
    assert {page: set(allowed) for page, allowed in roles.PAGES.items()} == MATRIX
    for page in views.MEASURE_PAGES:  # every measure page that exists is open to whoever sees the overview
        if page in roles.PAGES:
            assert roles.PAGES[page] == roles.PAGES["uebersicht"]
    assert roles.pages_for(roles.PUBLIC)[:7] == ["uebersicht", "beratung", "sprachkurse", "praktikumsboerse",
                                                 "integrationscafe", "netzwerk", "karte"]


@pytest.mark.parametrize("role", roles.ROLES)
def test_each_role_gets_exactly_its_pages(demo_db, role):
    at = run(DASHBOARD, role=role)
    assert not at.exception
    assert menu(at) == roles.pages_for(role)


@pytest.mark.parametrize("page", list(roles.PAGES))
def test_a_page_opened_directly_without_the_role_refuses_and_shows_no_data(demo_db, page):
    for role in roles.ROLES:
        if roles.may_open(role, page):
            continue
        before = audit_count(audit.ACCESS_DENIED)
        at = run(PAGE_FILES[page], role=role)
        assert not at.exception
        assert [e.value for e in at.error] == [ui.PAGE_REFUSED], (page, role)
        assert not at.title and not at.metric and not at.dataframe and not at.get("plotly_chart"), (page, role)
        assert audit_count(audit.ACCESS_DENIED) == before + 1
        assert last_audit(audit.ACCESS_DENIED)["object"] == page


@pytest.mark.parametrize("page", list(roles.PAGES))
def test_a_page_opens_for_each_role_it_is_for(demo_db, page):
    for role in sorted(roles.PAGES[page]):
        at = run(PAGE_FILES[page], role=role)
        assert not at.exception and not at.error, (page, role)
        if page == "sitzung" and not roles.may_plan_meetings(role):  # the presentation: its slides, no title
            assert any("slide-counter" in h.proto.body for h in at.get("html")), role
            continue
        assert at.title[0].value == PAGE_TITLES[page]


def explanations(at: AppTest) -> str:
    return " ".join(c.value for c in at.caption)


def test_council_sees_suppressed_figures_where_staff_see_exact_ones(demo_db):
    council, staff = run(role=roles.COUNCIL), run(role=roles.STAFF)
    assert [m.label for m in council.metric] == [m.label for m in staff.metric]
    assert ui.SUPPRESSED in explanations(council)
    assert explanations(council) != explanations(staff)
    # every "•" of the council's view stands where the staff view has a number
    assert explanations(staff).count(ui.SUPPRESSED) < explanations(council).count(ui.SUPPRESSED)


def test_council_sees_closed_periods_and_withheld_tiles_say_why(demo_db):
    council, mayor = run(role=roles.COUNCIL), run(role=roles.MAYOR)
    texts = [c.value for c in council.caption]
    # the running year is the mayor's default (the demo data reach into it); the council's newest period is the
    # last closed year, and its data stand the end of the last closed quarter
    closed = published.last_closed_quarter(date.today())
    last_year = closed.year if closed.quarter == 4 else closed.year - 1
    assert council.selectbox[0].value.key == str(last_year) and council.selectbox[0].options[0] == str(last_year)
    assert not council.selectbox[0].value.is_partial
    assert ui.CLOSED_PERIODS_NOTE in texts and ui.CLOSED_PERIODS_NOTE not in [c.value for c in mayor.caption]
    assert any(t.endswith(f"Datenstand {fmt.date_de(closed.full_end)}") for t in texts if t.startswith("Gemeinde "))
    withheld = [m for m in council.metric if m.value == ui.SUPPRESSED]
    assert withheld, "the demo year 2025 should have a withheld tile for the council"
    assert texts.count(ui.WITHHELD) == len(withheld)
    assert not any("nicht bewertbar" in m.value for m in council.markdown)


def test_without_accounts_the_login_page_says_how_to_create_the_first(tmp_path):
    from monitor import bootstrap
    from tests.app.conftest import use_database

    with use_database(f"sqlite:///{tmp_path / 'leer.db'}") as engine:
        bootstrap.ensure_ready(engine, load_demo=False)
        at = run(DASHBOARD)
        assert menu(at) == roles.pages_for(roles.PUBLIC)  # the overview, the measure pages, the login
        at.switch_page(PAGE_FILES["anmelden"]).run()
        assert at.info[0].value == ui.NO_ACCOUNTS
        assert at.code[0].value == ui.NO_ACCOUNTS_COMMAND
        assert not at.text_input


def login(at: AppTest, name: str, password: str) -> AppTest:
    at.text_input[0].input(name)
    at.text_input[1].input(password)
    return at.button[0].click().run()


def test_local_login_wrong_password_and_lock_out(demo_db):
    name = logged_in(roles.COUNCIL)["name"]  # creates the account "test-rat"
    engine = db.get_engine()
    auth.set_password(engine, name, "ein langes Passwort", actor="test")  # a clean start: no failures, no lock
    at = run(DASHBOARD)
    at.switch_page(PAGE_FILES["anmelden"]).run()

    login(at, "gibt-es-nicht", "irgendwas123")
    assert [e.value for e in at.error] == [ui.LOGIN_FAILED]
    assert last_audit(audit.LOGIN_FAILED)["detail"] == auth.UNKNOWN

    login(at, name, "falsches Passwort")
    assert [e.value for e in at.error] == [ui.LOGIN_FAILED]  # the same words: names cannot be probed
    assert last_audit(audit.LOGIN_FAILED)["detail"] == auth.WRONG_PASSWORD

    login(at, name, "ein langes Passwort")
    assert not at.error
    assert at.title[0].value == ui.OVERVIEW_TITLE  # from the login page on to the overview
    assert at.session_state[session.STATE]["role"] == roles.COUNCIL
    assert last_audit(audit.LOGIN)["actor"] == name

    at = run(DASHBOARD)  # another browser
    at.switch_page(PAGE_FILES["anmelden"]).run()
    for _ in range(auth.MAX_FAILURES):
        login(at, name, "falsches Passwort")
    assert [e.value for e in at.error] == [ui.LOGIN_FAILED]  # no lock time told: the name might not exist
    assert last_audit(audit.LOGIN_FAILED)["detail"] == auth.LOCKED
    login(at, name, "ein langes Passwort")  # locked: even the right password is refused, in the same words
    assert [e.value for e in at.error] == [ui.LOGIN_FAILED]
    assert last_audit(audit.LOGIN_FAILED)["detail"] == auth.LOCKED
    assert session.STATE not in at.session_state
    auth.set_password(engine, name, "ein langes Passwort", actor="test")

    if auth.account(engine, "test-deaktiviert") is None:
        auth.add_user(engine, "test-deaktiviert", roles.COUNCIL, "ein langes Passwort", actor="test")
    auth.deactivate(engine, "test-deaktiviert", actor="test")
    login(at, "test-deaktiviert", "ein langes Passwort")  # the right password of a deactivated account
    assert [e.value for e in at.error] == [ui.LOGIN_FAILED]  # does not tell that the password was right
    assert last_audit(audit.LOGIN_FAILED)["detail"] == auth.INACTIVE
    assert session.STATE not in at.session_state


def test_the_sidebar_names_the_viewer(demo_db):
    """(Logging out is clicked in the browser test: AppTest in Streamlit 1.67 does not run the main script's
    sidebar again on a second run of a multipage app.)"""
    at = run(DASHBOARD, role=roles.COUNCIL)
    name = at.session_state[session.STATE]["name"]
    assert [c.value for c in at.sidebar.caption] == [ui.LOGGED_IN_AS.format(name=fmt.plain(name),
                                                                            role=ui.ROLE_LABELS["rat"])]
    assert [b.label for b in at.sidebar.button] == [ui.LOGOUT]
    public = run(DASHBOARD)
    assert [c.value for c in public.sidebar.caption] == [ui.PUBLIC_VIEW] and not public.sidebar.button


def test_an_idle_session_expires(demo_db):
    at = AppTest.from_file(DASHBOARD, default_timeout=120)
    state = logged_in(roles.STAFF)
    at.session_state[session.STATE] = {**state, "last_seen": state["last_seen"] - timedelta(hours=2)}
    at.run()
    assert menu(at) == roles.pages_for(roles.PUBLIC)
    assert ui.SESSION_EXPIRED in [w.value for w in at.warning]
    assert last_audit(audit.SESSION_EXPIRED)["actor"] == state["name"]


def test_an_account_deactivated_while_logged_in_sees_no_more_data(demo_db):
    engine = db.get_engine()
    auth.add_user(engine, "kurz-verwaltung", roles.STAFF, "ein langes Passwort", actor="test")
    at = AppTest.from_file(PAGE_FILES["datenformat"], default_timeout=120)
    at.session_state[session.STATE] = {"name": "kurz-verwaltung", "role": roles.STAFF,
                                       "last_seen": datetime.now(UTC)}
    at.run()
    assert at.title[0].value == ui.CONTRACT_TITLE
    auth.deactivate(engine, "kurz-verwaltung", actor="test")
    at.run()
    assert ui.ACCOUNT_REMOVED in [w.value for w in at.warning]
    assert [e.value for e in at.error] == [ui.PAGE_REFUSED]
    assert not at.title and not at.dataframe
    assert last_audit(audit.ACCESS_DENIED)["actor"] in ("kurz-verwaltung", roles.PUBLIC)


def oidc_app(path: str, claims: dict | None) -> AppTest:
    at = AppTest.from_file(path, default_timeout=120)
    at.secrets = {key: dict(value) for key, value in OIDC_SECRETS.items()}
    at.user = {"is_logged_in": False} if claims is None else {"is_logged_in": True, **claims}
    return at.run()


def test_oidc_role_from_the_groups_claim(demo_db):
    at = oidc_app(DASHBOARD, {"sub": "u-17", "email": "rat@wietze.example", "groups": ["im-rat", "other"]})
    assert not at.exception
    assert menu(at) == roles.pages_for(roles.COUNCIL)
    entry = last_audit(audit.LOGIN)
    assert (entry["actor"], entry["role"], entry["detail"]) == ("rat@wietze.example", "rat", "oidc")

    admin = oidc_app(PAGE_FILES["protokoll"], {"sub": "u-1", "email": "it@wietze.example", "groups": ["im-admin"]})
    assert admin.title[0].value == ui.AUDIT_TITLE


def test_oidc_forged_or_missing_role_sees_no_data(demo_db):
    for claims in ({"sub": "u-66", "email": "x@example.org", "groups": ["admin"]},  # our role name, not a group
                   {"sub": "u-67", "email": "y@example.org"}):  # no claim at all
        at = oidc_app(DASHBOARD, claims)
        assert not at.exception
        assert [e.value for e in at.error] == [ui.NO_ROLE_REFUSAL]
        assert not at.metric and not at.get("plotly_chart")
        entry = last_audit(audit.ACCESS_DENIED)
        assert entry["actor"] == claims["email"] and entry["role"] is None


def test_oidc_without_login_offers_the_provider_button(demo_db):
    at = oidc_app(DASHBOARD, None)
    assert menu(at) == roles.pages_for(roles.PUBLIC)
    at.switch_page(PAGE_FILES["anmelden"]).run()
    assert [b.label for b in at.button] == [ui.LOGIN_OIDC]
    assert not at.text_input


def test_the_meeting_view_suppresses_for_every_role(demo_db):
    staff = run(role=roles.STAFF)
    assert ui.SUPPRESSED not in " ".join(c.value for c in staff.caption if "Datenschutz" not in c.value)
    assert [t.label for t in staff.sidebar.toggle] == [ui.MEETING_VIEW]
    at = AppTest.from_file(DASHBOARD, default_timeout=120)
    at.session_state[session.STATE] = logged_in(roles.ADMIN)
    at.query_params[session.MEETING_PARAM] = "1"
    at.run()
    assert ui.MEETING_VIEW_ON in [c.value for c in at.caption]
    meeting = [c.value for c in at.main.caption if c.value != ui.MEETING_VIEW_ON]
    assert meeting == [c.value for c in run(role=roles.COUNCIL).main.caption]
    assert not run(role=roles.COUNCIL).sidebar.toggle  # the council sees suppressed figures anyway
