"""The page Benutzer in AppTest: the administration lists, adds and changes local accounts, each change audited;
the first and a reset password are shown once; no admin takes their own admin rights; other roles are refused
(the role x page matrix: tests/app/test_roles.py)."""

from __future__ import annotations

import pytest

from monitor import audit, auth, db, fmt, roles
from monitor.texts import auth as auth_texts, ui
from tests.app.test_pages import PROJECT, logged_in, run

PAGE = str(PROJECT / "pages" / "benutzer.py")
ADMIN = f"test-{roles.ADMIN}"


@pytest.fixture
def accounts_db(empty_db):
    logged_in(roles.ADMIN)  # the admin who works the page
    return empty_db


def actions(engine) -> list[tuple[str, str, str]]:
    return [(e["action"], e["actor"], e["object"]) for e in audit.entries(engine).to_dict("records")][::-1]


def button(at, label: str):
    return next(b for b in at.button if b.label == label)


def table(at) -> list[list]:
    """Name, role, status, failed logins of each account."""
    return at.dataframe[0].value.drop(columns=ui.ACCOUNT_COLUMNS["gemeinden"]).iloc[:, :4].to_numpy().tolist()


def gemeinden_column(at) -> dict[str, str]:
    shown = at.dataframe[0].value
    return dict(zip(shown[ui.ACCOUNT_COLUMNS["name"]], shown[ui.ACCOUNT_COLUMNS["gemeinden"]]))


def test_the_admin_gives_an_account_the_gemeinden_it_sees(accounts_db):
    from monitor import scope as scopes

    wietze, celle = "03351023", "03351006"
    auth.add_user(accounts_db, "ohne", roles.COUNCIL, "ein langes Passwort", actor="t", gemeinden=scopes.NONE)
    at = run(PAGE, role=roles.ADMIN)
    assert gemeinden_column(at)["ohne"] == ui.ACCOUNT_NO_GEMEINDEN
    at.text_input(key="new_name").input("vw-wietze")
    at.selectbox(key="new_role").select(roles.STAFF)
    at.checkbox(key="every-new").uncheck()
    at.button[0].click().run()  # no Gemeinde chosen: refused, nothing created
    assert [e.value for e in at.error] == [fmt.plain(ui.ACCOUNT_NO_GEMEINDE)]
    assert auth.account(accounts_db, "vw-wietze") is None
    at.text_input(key="new_name").input("vw-wietze")
    at.selectbox(key="new_role").select(roles.STAFF)
    at.checkbox(key="every-new").uncheck()
    at.multiselect(key="gemeinden-new").select(wietze)
    at.button[0].click().run()
    assert not at.exception
    assert auth.account(accounts_db, "vw-wietze").scope == scopes.of([wietze])
    assert gemeinden_column(at)["vw-wietze"] == "Gemeinde Wietze"
    assert gemeinden_column(at)[ADMIN] == ui.ACCOUNT_ALL_GEMEINDEN
    at.selectbox(key="chosen").select("vw-wietze").run()
    at.multiselect(key="gemeinden-vw-wietze").select(celle)
    button(at, ui.ACCOUNT_SET_GEMEINDEN).click().run()
    assert [s.value for s in at.success] == [fmt.plain(ui.ACCOUNT_GEMEINDEN_SET.format(name="vw-wietze"))]
    assert auth.account(accounts_db, "vw-wietze").scope == scopes.of([wietze, celle])
    assert gemeinden_column(at)["vw-wietze"] == "Gemeinde Celle, Gemeinde Wietze"
    at.checkbox(key="every-vw-wietze").check()
    button(at, ui.ACCOUNT_SET_GEMEINDEN).click().run()
    assert auth.account(accounts_db, "vw-wietze").scope is scopes.ALL
    assert ("gemeinden_changed", ADMIN, "vw-wietze") in actions(accounts_db)
    at.selectbox(key="chosen").select(ADMIN).run()  # an administrator sees every Gemeinde: nothing to choose
    assert ui.ACCOUNT_ADMIN_EVERY_GEMEINDE in [c.value for c in at.caption]
    assert not [b for b in at.button if b.label == ui.ACCOUNT_SET_GEMEINDEN]


def test_the_admin_adds_an_account_and_sees_its_first_password_once(accounts_db):
    at = run(PAGE, role=roles.ADMIN)
    assert not at.exception and at.title[0].value == ui.ACCOUNTS_TITLE
    at.text_input(key="new_name").input(" rat-mueller ")
    at.selectbox(key="new_role").select(roles.COUNCIL)
    at.button[0].click().run()  # the form's button
    assert not at.exception
    assert [s.value for s in at.success] == [fmt.plain(ui.ACCOUNT_ADDED.format(name="rat-mueller"))]
    (password,) = [t.value for t in at.text if t.value != ui.ACCOUNTS_INTRO]
    assert auth.authenticate(accounts_db, "rat-mueller", password).ok
    assert ["rat-mueller", "Rat", "aktiv", 0] in table(at)
    assert ("user_added", ADMIN, "rat-mueller") in actions(accounts_db)
    assert all(password not in str(e) for e in audit.entries(accounts_db).to_dict("records"))
    at.run()  # the next run: the password is gone from the page
    assert [t.value for t in at.text] == [ui.ACCOUNTS_INTRO] and not at.success


def test_the_admin_changes_a_role_resets_a_password_unlocks_and_deactivates(accounts_db):
    auth.add_user(accounts_db, "anna", roles.STAFF, "ein langes Passwort", actor="t")
    for _ in range(auth.MAX_FAILURES):
        auth.authenticate(accounts_db, "anna", "falsch falsch")
    at = run(PAGE, role=roles.ADMIN)
    at.selectbox(key="chosen").select("anna").run()
    assert ["anna", "Verwaltung"] == table(at)[0][:2] and table(at)[0][2].startswith("gesperrt bis ")
    button(at, ui.ACCOUNT_UNLOCK).click().run()
    assert table(at)[0][2] == "aktiv"
    at.selectbox(key="role-anna").select(roles.MAYOR).run()
    button(at, ui.ACCOUNT_SET_ROLE).click().run()
    assert table(at)[0][:2] == ["anna", ui.ROLE_LABELS[roles.MAYOR]]
    button(at, ui.ACCOUNT_RESET).click().run()
    (password,) = [t.value for t in at.text if t.value != ui.ACCOUNTS_INTRO]
    assert auth.authenticate(accounts_db, "anna", password).ok
    assert not auth.authenticate(accounts_db, "anna", "ein langes Passwort").ok
    button(at, ui.ACCOUNT_DEACTIVATE).click().run()
    assert table(at)[0][2] == "deaktiviert"
    assert auth.authenticate(accounts_db, "anna", password).outcome == auth.INACTIVE
    button(at, ui.ACCOUNT_ACTIVATE).click().run()
    assert auth.authenticate(accounts_db, "anna", password).ok
    assert [a for a in actions(accounts_db) if a[1] == ADMIN] == [
        ("user_unlocked", ADMIN, "anna"), ("role_changed", ADMIN, "anna"), ("password_changed", ADMIN, "anna"),
        ("user_deactivated", ADMIN, "anna"), ("user_activated", ADMIN, "anna")]


def test_the_admin_cannot_take_their_own_admin_rights(accounts_db):
    at = run(PAGE, role=roles.ADMIN)
    at.selectbox(key="chosen").select(ADMIN).run()
    at.selectbox(key=f"role-{ADMIN}").select(roles.STAFF).run()
    button(at, ui.ACCOUNT_SET_ROLE).click().run()
    assert [e.value for e in at.error] == [fmt.plain(auth_texts.OWN_ADMIN)]
    button(at, ui.ACCOUNT_DEACTIVATE).click().run()
    assert [e.value for e in at.error] == [fmt.plain(auth_texts.OWN_ADMIN)]
    assert auth.account(accounts_db, ADMIN) == auth.Account(ADMIN, roles.ADMIN, True)
    assert not [a for a in actions(accounts_db) if a[0] in ("role_changed", "user_deactivated")]


def test_a_bad_name_is_refused_in_german_and_nothing_is_added(accounts_db):
    at = run(PAGE, role=roles.ADMIN)
    at.text_input(key="new_name").input("rat mueller")
    at.button[0].click().run()
    assert [e.value for e in at.error] == [fmt.plain(auth_texts.BAD_NAME.format(max=auth.NAME_MAX))]
    assert [a.name for a in auth.accounts(accounts_db)] == [ADMIN]


@pytest.mark.parametrize("role", [r for r in roles.ROLES if r != roles.ADMIN])
def test_other_roles_are_refused(accounts_db, role):
    at = run(PAGE, role=role)
    assert [e.value for e in at.error] == [ui.PAGE_REFUSED] and not at.dataframe and not at.button
    assert actions(db.get_engine())[-1][:1] == (audit.ACCESS_DENIED,)
