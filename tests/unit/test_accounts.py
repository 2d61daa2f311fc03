"""Local accounts (argon2, lock-out, deactivation) and the OIDC role mapping, on every database backend."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import select

from monitor import auth, db, roles

PASSWORD = "ein langes Passwort"


def log(engine) -> list[dict]:
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(select(db.audit_log).order_by(db.audit_log.c.id)).mappings()]


def stored_hash(engine, name: str) -> str:
    with engine.connect() as conn:
        return conn.execute(select(db.users.c.password_hash).where(db.users.c.name == name)).scalar_one()


def test_add_user_hashes_with_argon2id_and_is_audited_without_the_password(engine):
    account = auth.add_user(engine, "anna", roles.COUNCIL, PASSWORD, actor="cli:it")
    assert account == auth.Account("anna", "rat", True)
    assert stored_hash(engine, "anna").startswith("$argon2id$") and PASSWORD not in stored_hash(engine, "anna")
    entries = log(engine)
    assert [(e["action"], e["actor"], e["object"], e["detail"]) for e in entries] == [
        ("user_added", "cli:it", "anna", "role=rat")]
    assert not any(PASSWORD in str(v) for e in entries for v in e.values())
    assert auth.count_accounts(engine) == 1


@pytest.mark.parametrize("name, role, password, message", [
    ("", roles.COUNCIL, PASSWORD, "Benutzername"),
    ("anna meier", roles.COUNCIL, PASSWORD, "Leerzeichen"),
    ("anna", "superuser", PASSWORD, "Unbekannte Rolle"),
    ("anna", roles.PUBLIC, PASSWORD, "Unbekannte Rolle"),  # the public role needs no account
    ("anna", roles.COUNCIL, "kurz", "mindestens 10 Zeichen"),
])
def test_bad_account_input_is_refused_in_german(engine, name, role, password, message):
    with pytest.raises(auth.AccountError, match=message):
        auth.add_user(engine, name, role, password, actor="t")
    assert auth.accounts(engine) == []


def test_a_name_is_taken_once(engine):
    auth.add_user(engine, "anna", roles.COUNCIL, PASSWORD, actor="t")
    with pytest.raises(auth.AccountError, match="gibt es schon"):
        auth.add_user(engine, "anna", roles.ADMIN, PASSWORD, actor="t")


def test_authenticate_ok_unknown_and_wrong_password_are_logged(engine):
    auth.add_user(engine, "anna", roles.STAFF, PASSWORD, actor="t")
    assert auth.authenticate(engine, "anna", PASSWORD).account == auth.Account("anna", "verwaltung", True)
    assert auth.authenticate(engine, "berta", PASSWORD).outcome == auth.UNKNOWN
    assert auth.authenticate(engine, "anna", "falsch falsch").outcome == auth.WRONG_PASSWORD
    entries = [(e["action"], e["actor"], e["outcome"], e["detail"]) for e in log(engine)[1:]]
    assert entries == [("login", "anna", "ok", None), ("login_failed", auth.UNKNOWN_ACTOR, "refused", "unknown"),
                       ("login_failed", "anna", "refused", "wrong_password")]


def test_a_name_that_is_no_account_never_reaches_the_audit_log(engine):
    """Typed into the name field by mistake, a password would otherwise stay in the append-only log."""
    auth.add_user(engine, "anna", roles.STAFF, PASSWORD, actor="t")
    auth.authenticate(engine, "Sommer2026!geheim", "x")
    assert all("Sommer2026" not in str(value) for entry in log(engine) for value in entry.values())


def test_lock_out_after_five_failures_and_unlock_after_the_lock_time(engine):
    auth.add_user(engine, "anna", roles.STAFF, PASSWORD, actor="t")
    start = auth._now()
    results = [auth.authenticate(engine, "anna", "falsch falsch", now=start) for _ in range(auth.MAX_FAILURES)]
    assert [r.outcome for r in results] == [auth.WRONG_PASSWORD] * (auth.MAX_FAILURES - 1) + [auth.LOCKED]
    assert results[-1].locked_until == start + timedelta(minutes=auth.LOCK_MINUTES)
    during = auth.authenticate(engine, "anna", PASSWORD, now=start + timedelta(minutes=auth.LOCK_MINUTES - 1))
    assert during.outcome == auth.LOCKED  # even the right password
    after = auth.authenticate(engine, "anna", PASSWORD, now=start + timedelta(minutes=auth.LOCK_MINUTES, seconds=1))
    assert after.ok


class CountingHasher:
    """The module's hasher, counting which hashes passwords were verified against."""

    def __init__(self, hasher):
        self._hasher, self.verified, self._lock = hasher, [], threading.Lock()

    def verify(self, password_hash, password):
        with self._lock:
            self.verified.append(password_hash)
        return self._hasher.verify(password_hash, password)

    def __getattr__(self, attr):
        return getattr(self._hasher, attr)


@pytest.fixture
def hasher(monkeypatch):
    counting = CountingHasher(auth._hasher)
    monkeypatch.setattr(auth, "_hasher", counting)
    return counting


def test_parallel_wrong_passwords_lock_the_account_after_at_most_five_checks(engine, hasher):
    auth.add_user(engine, "anna", roles.STAFF, PASSWORD, actor="t")
    attempts = 20
    barrier, outcomes = threading.Barrier(attempts), []

    def attempt():
        barrier.wait()
        outcomes.append(auth.authenticate(engine, "anna", "falsch falsch").outcome)

    threads = [threading.Thread(target=attempt) for _ in range(attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(outcomes) == attempts
    # exactly MAX_FAILURES attempts were checked against the account's hash, the others against the dummy
    assert hasher.verified.count(stored_hash(engine, "anna")) == auth.MAX_FAILURES
    assert len(hasher.verified) == attempts
    assert sorted(outcomes) == sorted([auth.WRONG_PASSWORD] * (auth.MAX_FAILURES - 1)
                                      + [auth.LOCKED] * (attempts - auth.MAX_FAILURES + 1))
    assert auth.authenticate(engine, "anna", PASSWORD).outcome == auth.LOCKED  # even the right password
    assert [e["detail"] for e in log(engine)].count(auth.LOCKED) == attempts - auth.MAX_FAILURES + 2


@pytest.mark.parametrize("name, password", [("berta", PASSWORD), ("anna", "falsch falsch"), ("", PASSWORD)])
def test_unknown_name_and_wrong_password_cost_one_verification_each(engine, hasher, name, password):
    auth.add_user(engine, "anna", roles.STAFF, PASSWORD, actor="t")
    assert not auth.authenticate(engine, name, password).ok
    assert len(hasher.verified) == 1


def test_locked_and_deactivated_accounts_cost_one_verification_too(engine, hasher):
    auth.add_user(engine, "anna", roles.STAFF, PASSWORD, actor="t")
    auth.add_user(engine, "carla", roles.STAFF, PASSWORD, actor="t")
    auth.deactivate(engine, "carla", actor="t")
    for _ in range(auth.MAX_FAILURES):
        auth.authenticate(engine, "anna", "falsch falsch")
    hasher.verified.clear()
    assert auth.authenticate(engine, "anna", PASSWORD).outcome == auth.LOCKED
    assert auth.authenticate(engine, "carla", PASSWORD).outcome == auth.INACTIVE
    assert auth.authenticate(engine, "carla", "falsch falsch").outcome == auth.WRONG_PASSWORD
    assert len(hasher.verified) == 3


def test_a_new_password_lifts_the_lock(engine):
    auth.add_user(engine, "anna", roles.STAFF, PASSWORD, actor="t")
    for _ in range(auth.MAX_FAILURES):
        auth.authenticate(engine, "anna", "falsch falsch")
    auth.set_password(engine, "anna", "ein anderes langes Passwort", actor="admin")
    assert auth.authenticate(engine, "anna", "ein anderes langes Passwort").ok
    assert not auth.authenticate(engine, "anna", PASSWORD).ok


def test_role_change_and_deactivation(engine):
    auth.add_user(engine, "anna", roles.STAFF, PASSWORD, actor="t")
    auth.set_role(engine, "anna", roles.COUNCIL, actor="admin")
    assert auth.account(engine, "anna").role == roles.COUNCIL
    auth.deactivate(engine, "anna", actor="admin")
    assert auth.account(engine, "anna") == auth.Account("anna", "rat", False)
    assert auth.authenticate(engine, "anna", PASSWORD).outcome == auth.INACTIVE
    assert auth.count_accounts(engine) == 0
    assert [e["action"] for e in log(engine)] == ["user_added", "role_changed", "user_deactivated", "login_failed"]
    with pytest.raises(auth.AccountError, match="gibt es nicht"):
        auth.set_role(engine, "berta", roles.COUNCIL, actor="admin")


def test_an_admin_keeps_the_administration_going(engine):
    """Nobody takes the admin rights of their own account, and the last active admin keeps them: by role change
    or by deactivation; with a second admin, the first may go (by the other's hand)."""
    auth.add_user(engine, "it-admin", roles.ADMIN, PASSWORD, actor="t")
    for change in (lambda: auth.set_role(engine, "it-admin", roles.STAFF, actor="it-admin"),
                   lambda: auth.deactivate(engine, "it-admin", actor="it-admin")):
        with pytest.raises(auth.AccountError, match="eigene Administrationsrolle"):
            change()
    for change in (lambda: auth.set_role(engine, "it-admin", roles.STAFF, actor="cli:root"),
                   lambda: auth.deactivate(engine, "it-admin", actor="cli:root")):
        with pytest.raises(auth.AccountError, match="letzte aktive Admin-Konto"):
            change()
    assert auth.account(engine, "it-admin") == auth.Account("it-admin", roles.ADMIN, True)
    auth.set_role(engine, "it-admin", roles.ADMIN, actor="it-admin")  # keeping the role takes nothing
    auth.add_user(engine, "zweite", roles.ADMIN, PASSWORD, actor="it-admin")
    auth.deactivate(engine, "it-admin", actor="zweite")
    with pytest.raises(auth.AccountError, match="letzte aktive Admin-Konto"):
        auth.set_role(engine, "zweite", roles.COUNCIL, actor="cli:root")
    auth.activate(engine, "it-admin", actor="zweite")
    auth.set_role(engine, "zweite", roles.COUNCIL, actor="it-admin")
    assert [a.role for a in auth.accounts(engine)] == [roles.ADMIN, roles.COUNCIL]
    assert [e["action"] for e in log(engine)][-4:] == ["user_added", "user_deactivated", "user_activated",
                                                       "role_changed"]  # refusals change and record nothing


def test_reset_password_and_unlock_are_audited_and_list_the_lock(engine):
    auth.add_user(engine, "anna", roles.STAFF, PASSWORD, actor="t")
    for _ in range(auth.MAX_FAILURES):
        auth.authenticate(engine, "anna", "falsch falsch")
    (state,) = auth.account_states(engine)
    assert state.locked_until is not None and state.failed_logins == auth.MAX_FAILURES and state.active
    auth.unlock(engine, "anna", actor="admin")
    (state,) = auth.account_states(engine)
    assert state.locked_until is None and state.failed_logins == 0
    assert auth.authenticate(engine, "anna", PASSWORD).ok
    password = auth.reset_password(engine, "anna", actor="admin")
    assert len(password) >= auth.MIN_PASSWORD_LENGTH and password != auth.reset_password(engine, "anna", "admin")
    assert not auth.authenticate(engine, "anna", PASSWORD).ok and not auth.authenticate(engine, "anna", password).ok
    password = auth.reset_password(engine, "anna", actor="admin")
    assert auth.authenticate(engine, "anna", password).ok
    entries = [e for e in log(engine) if e["actor"] == "admin"]
    assert [e["action"] for e in entries] == ["user_unlocked", "password_changed", "password_changed",
                                              "password_changed"]
    assert all(password not in str(e) for e in log(engine))  # never the password
    with pytest.raises(auth.AccountError, match="gibt es nicht"):
        auth.unlock(engine, "berta", actor="admin")


MAPPING = {"im-rat": "rat", "im-verwaltung": "verwaltung", "im-admin": "admin", "im-chef": "superuser"}


@pytest.mark.parametrize("claims, role", [
    ({"groups": ["im-rat"]}, "rat"),
    ({"groups": "im-verwaltung"}, "verwaltung"),  # a single string
    ({"groups": ["im-rat", "im-admin", "andere"]}, "admin"),  # the most rights
    ({"groups": ["andere"]}, None),
    ({"groups": ["im-chef"]}, None),  # mapped to a role we do not have
    ({"groups": ["admin"]}, None),  # our role's name, forged as a group: not in the mapping
    ({}, None),
    ({"groups": 17}, None),
])
def test_role_from_claims(claims, role):
    assert auth.role_from_claims(claims, "groups", MAPPING) == role


def test_session_timeout_is_configurable(monkeypatch):
    assert auth.session_timeout() == timedelta(minutes=30)
    monkeypatch.setenv("MONITOR_SESSION_TIMEOUT_MIN", "5")
    assert auth.session_timeout() == timedelta(minutes=5)
