"""Local accounts (the embedded login) and the mapping of OpenID Connect claims to roles.

Passwords are hashed with argon2id (argon2-cffi's defaults, RFC 9106 low-memory profile). After
MAX_FAILURES wrong passwords in a row an account is locked for LOCK_MINUTES (counted atomically, so parallel
attempts cannot get past the limit); an unknown name or a locked account costs the same work as a known one,
so the answer time does not tell which names exist.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import Engine, case, func, insert, literal, null, or_, select, update

from monitor import audit, db, roles, scope as scopes

MAX_FAILURES = 5
LOCK_MINUTES = 15
MIN_PASSWORD_LENGTH = 10
NAME_MAX = 80
UNKNOWN_ACTOR = "?"  # the audit log's actor of a failed login under a name that is no account

_hasher = PasswordHasher()
@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    """A hash to verify against for unknown names (same time as a real check); made on the first such login,
    not when the module is imported (64 MB and a quarter second for every command and page start)."""
    return _hasher.hash("not a password of anybody")

# Outcomes of authenticate()
OK, UNKNOWN, WRONG_PASSWORD, LOCKED, INACTIVE = "ok", "unknown", "wrong_password", "locked", "inactive"


class AccountError(ValueError):
    """A German message for the person at the command line or the admin page."""


@dataclass(frozen=True)
class Account:
    name: str
    role: str
    active: bool
    gemeinden: scopes.Scope = scopes.ALL  # as stored

    @property
    def scope(self) -> scopes.Scope:
        """The Gemeinden the account sees: an administrator every one (they administer the installation)."""
        return scopes.ALL if self.role == roles.ADMIN else self.gemeinden


@dataclass(frozen=True)
class AuthResult:
    outcome: str
    account: Account | None = None
    locked_until: datetime | None = None

    @property
    def ok(self) -> bool:
        return self.outcome == OK


def _now() -> datetime:
    return datetime.now(UTC)


def _aware(value: datetime | None) -> datetime | None:
    """SQLite gives naive datetimes back: they were stored as UTC."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)


def _check_name(name: str) -> str:
    from monitor.texts import auth as t

    name = name.strip()
    if not name or len(name) > NAME_MAX or any(ch.isspace() for ch in name):
        raise AccountError(t.BAD_NAME.format(max=NAME_MAX))
    return name


def _check_role(role: str) -> str:
    from monitor.texts import auth as t

    if role not in roles.LOGIN_ROLES:
        raise AccountError(t.BAD_ROLE.format(roles=", ".join(roles.LOGIN_ROLES)))
    return role


def _check_password(password: str) -> str:
    from monitor.texts import auth as t

    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(t.SHORT_PASSWORD.format(min=MIN_PASSWORD_LENGTH))
    return password


def count_accounts(engine: Engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(db.users).where(db.users.c.active)).scalar_one()


def add_user(engine: Engine, name: str, role: str, password: str, actor: str,
             gemeinden: scopes.Scope = scopes.ALL) -> Account:
    """Create an account (audited) that sees `gemeinden` (an installation of one Gemeinde: every one). Raises
    AccountError if the name is taken or an input is not acceptable."""
    from monitor.texts import auth as t

    name, role, password = _check_name(name), _check_role(role), _check_password(password)
    now = _now()
    with engine.begin() as conn:
        if conn.execute(select(db.users.c.id).where(db.users.c.name == name)).first():
            raise AccountError(t.NAME_TAKEN.format(name=name))
        conn.execute(insert(db.users).values(name=name, role=role, password_hash=_hasher.hash(password), active=True,
                                             failed_logins=0, locked_until=None, created_at=now, changed_at=now,
                                             gemeinden=gemeinden.stored()))
        detail = f"role={role}" if gemeinden.everything else f"role={role} gemeinden={gemeinden.stored()}"
        audit.record(conn, audit.USER_ADDED, actor, object=name, detail=detail, at=now)
    return Account(name, role, True, gemeinden)


def _update(engine: Engine, name: str, action: str, actor: str, detail: str, demotes: bool = False,
            **values) -> None:
    """Change one account and record it, in one transaction. ``demotes``: the change takes the account's admin
    rights if it has them (another role, deactivated): refused for the actor's own account and for the last
    active admin (the active admins are locked first, so that two such changes at once cannot both pass)."""
    from monitor.texts import auth as t

    now = _now()
    with engine.begin() as conn:
        if demotes:
            admins = conn.execute(select(db.users.c.name).where(db.users.c.role == roles.ADMIN, db.users.c.active)
                                  .with_for_update()).scalars().all()
            if name in admins and name == actor:
                raise AccountError(t.OWN_ADMIN)
            if name in admins and len(admins) <= 1:
                raise AccountError(t.LAST_ADMIN)
        result = conn.execute(update(db.users).where(db.users.c.name == name).values(changed_at=now, **values))
        if result.rowcount == 0:
            raise AccountError(t.NO_SUCH_USER.format(name=name))
        audit.record(conn, action, actor, object=name, detail=detail, at=now)


def set_role(engine: Engine, name: str, role: str, actor: str) -> None:
    _update(engine, name, audit.ROLE_CHANGED, actor, f"role={_check_role(role)}", demotes=role != roles.ADMIN,
            role=role)


def set_gemeinden(engine: Engine, name: str, gemeinden: scopes.Scope, actor: str) -> None:
    """The Gemeinden an account may see from now on (effective at its next click)."""
    _update(engine, name, audit.SCOPE_CHANGED, actor, f"gemeinden={gemeinden.stored()}", gemeinden=gemeinden.stored())


def set_password(engine: Engine, name: str, password: str, actor: str) -> None:
    _update(engine, name, audit.PASSWORD_CHANGED, actor, "", password_hash=_hasher.hash(_check_password(password)),
            failed_logins=0, locked_until=None)


def new_password() -> str:
    """A random initial password (16 characters from 96 random bits), shown once to the admin who made it."""
    return secrets.token_urlsafe(12)


def reset_password(engine: Engine, name: str, actor: str) -> str:
    """A new random password (audited like any password change; it also lifts a lock); returned to be shown once."""
    password = new_password()
    _update(engine, name, audit.PASSWORD_CHANGED, actor, "reset", password_hash=_hasher.hash(password),
            failed_logins=0, locked_until=None)
    return password


def deactivate(engine: Engine, name: str, actor: str) -> None:
    """Accounts are never deleted (the audit log names them); a deactivated one cannot log in."""
    _update(engine, name, audit.USER_DEACTIVATED, actor, "", demotes=True, active=False)


def activate(engine: Engine, name: str, actor: str) -> None:
    """A deactivated account may log in again (with its password as it was)."""
    _update(engine, name, audit.USER_ACTIVATED, actor, "", active=True)


def unlock(engine: Engine, name: str, actor: str) -> None:
    """Lift the lock after too many wrong passwords (and the count of them) before its time is up."""
    _update(engine, name, audit.USER_UNLOCKED, actor, "", failed_logins=0, locked_until=None)


@dataclass(frozen=True)
class AccountState:
    """An account as the admin page lists it: never its password hash."""
    name: str
    role: str
    active: bool
    gemeinden: scopes.Scope
    locked_until: datetime | None  # None: not locked now
    failed_logins: int
    created_at: datetime
    changed_at: datetime


def account_states(engine: Engine, now: datetime | None = None) -> list[AccountState]:
    """Every local account, by name, with whether it is locked now."""
    now = now or _now()
    table = db.users
    with engine.connect() as conn:
        rows = conn.execute(select(table.c.name, table.c.role, table.c.active, table.c.gemeinden, table.c.locked_until,
                                   table.c.failed_logins, table.c.created_at, table.c.changed_at)
                            .order_by(table.c.name)).all()
    out = []
    for name, role, active, gemeinden, locked, failed, created, changed in rows:
        locked = _aware(locked)
        out.append(AccountState(name, role, bool(active), scopes.parse(gemeinden),
                                locked if locked is not None and locked > now else None,
                                int(failed or 0), _aware(created), _aware(changed)))
    return out


_ACCOUNT_COLUMNS = (db.users.c.name, db.users.c.role, db.users.c.active, db.users.c.gemeinden)


def _account(row) -> Account:
    name, role, active, gemeinden = row
    return Account(name, role, bool(active), scopes.parse(gemeinden))


def accounts(engine: Engine) -> list[Account]:
    with engine.connect() as conn:
        return [_account(row) for row in conn.execute(select(*_ACCOUNT_COLUMNS).order_by(db.users.c.name))]


def account(engine: Engine, name: str) -> Account | None:
    """The account as it is now (checked on every page run: a role or Gemeinde removed while logged in takes
    effect)."""
    with engine.connect() as conn:
        row = conn.execute(select(*_ACCOUNT_COLUMNS).where(db.users.c.name == name)).first()
    return _account(row) if row else None


def authenticate(engine: Engine, name: str, password: str, now: datetime | None = None) -> AuthResult:
    """Check a login and record it in the audit log (success or the reason of failure, never the password).

    Every attempt first takes a slot with one atomic UPDATE: it counts the attempt as a failure in advance and
    sets the lock when it is the MAX_FAILURES-th, but only if the account is not locked now. Parallel attempts
    are serialised by the database on that row, so at most MAX_FAILURES passwords are checked against the
    account's hash per lock period, however many arrive at once. A right password then clears the count and
    the lock. Exactly one argon2 verification runs in every case (unknown name and locked account against a
    dummy hash), so the answer time does not tell the cases apart; only the audit log does."""
    now = now or _now()
    name = (name or "").strip()[:NAME_MAX]
    row = _take_attempt(engine, name, now) if name else None
    if row is None:
        _verify(_dummy_hash(), password)
        acc = account(engine, name) if name else None
        outcome = LOCKED if acc else UNKNOWN
        # A name that is no account is not recorded: it may be a password typed into the name field.
        audit.record(engine, audit.LOGIN_FAILED, acc.name if acc else UNKNOWN_ACTOR, acc.role if acc else None,
                     outcome=audit.REFUSED, detail=outcome, at=now)
        return AuthResult(outcome)
    acc = _account((row["name"], row["role"], row["active"], row["gemeinden"]))
    if not _verify(row["password_hash"], password):
        lock = _aware(row["locked_until"])
        outcome = LOCKED if lock is not None else WRONG_PASSWORD
        audit.record(engine, audit.LOGIN_FAILED, name, acc.role, outcome=audit.REFUSED, detail=outcome, at=now)
        return AuthResult(outcome, locked_until=lock)
    if not acc.active or acc.role not in roles.LOGIN_ROLES:
        audit.record(engine, audit.LOGIN_FAILED, name, acc.role, outcome=audit.REFUSED, detail=INACTIVE, at=now)
        return AuthResult(INACTIVE)
    values = dict(failed_logins=0, locked_until=None)
    if _hasher.check_needs_rehash(row["password_hash"]):
        values["password_hash"] = _hasher.hash(password)
    with engine.begin() as conn:
        conn.execute(update(db.users).where(db.users.c.id == row["id"]).values(**values))
        audit.record(conn, audit.LOGIN, name, acc.role, at=now)
    return AuthResult(OK, acc)


def _take_attempt(engine: Engine, name: str, now: datetime):
    """Count one attempt (and lock at the MAX_FAILURES-th) in a single UPDATE ... RETURNING, unless the account
    is locked now. The row (with the hash to check) if the attempt may go on, None if unknown or locked.

    A lock whose time has passed starts the count anew. The transaction holds the row only for the UPDATE,
    not during the (slow) password check."""
    table = db.users
    expired = table.c.locked_until.is_not(None)
    failures = case((expired, 1), else_=table.c.failed_logins + 1)
    lock = literal(now + timedelta(minutes=LOCK_MINUTES), table.c.locked_until.type)
    statement = (update(table)
                 .where(table.c.name == name,
                        or_(table.c.locked_until.is_(None), table.c.locked_until <= now))
                 .values(failed_logins=failures,
                         locked_until=case((failures >= MAX_FAILURES, lock), else_=null()))
                 .returning(table.c.id, table.c.name, table.c.role, table.c.active, table.c.password_hash,
                            table.c.locked_until, table.c.gemeinden))
    with engine.begin() as conn:
        return conn.execute(statement).mappings().first()


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password or "")
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


# --- OpenID Connect: roles from a claim ------------------------------------------------------------------------


def _claim_values(claims: dict, claim: str) -> list:
    """The values of a claim: a list (``groups``, ``roles``) as it is, a single string as one value, else none."""
    value = claims.get(claim)
    return list(value) if isinstance(value, (list, tuple)) else [value] if isinstance(value, str) else []


def role_from_claims(claims: dict, claim: str, mapping: dict[str, str]) -> str | None:
    """The role with the most rights among the claim's values that `mapping` maps (group name -> our role).

    The claim may be a list (``groups``, ``roles``) or a single string. Values not in the mapping are ignored;
    a mapping to a role we do not have is ignored too (a forged or mistyped role never grants anything).
    None if nothing maps: such a user sees no data."""
    mapped = {mapping.get(str(v)) for v in _claim_values(claims, claim)}
    return roles.highest({r for r in mapped if r in roles.LOGIN_ROLES})


def scope_from_claims(claims: dict, claim: str, mapping: dict[str, str] | None, role: str | None) -> scopes.Scope:
    """The Gemeinden of an OIDC login: every one for an administrator, or when the installation maps no groups to
    Gemeinden (`mapping` None: one Gemeinde); else the union of what the claim's values map to (group name ->
    ``*`` or keys separated by commas). Values not in the mapping, and mapped values that are no list of keys,
    grant nothing: such a login sees no Gemeinde."""
    if role == roles.ADMIN or mapping is None:
        return scopes.ALL
    keys: set[str] = set()
    for mapped in (mapping.get(str(v)) for v in _claim_values(claims, claim)):
        try:
            granted = scopes.parse(mapped) if mapped else scopes.NONE
        except scopes.BadScope:
            continue
        if granted.everything:
            return scopes.ALL
        keys |= granted.gemeinden
    return scopes.Scope(frozenset(keys))


def session_timeout() -> timedelta:
    """Idle time after which a local login ends: MONITOR_SESSION_TIMEOUT_MIN, default 30 minutes."""
    return timedelta(minutes=float(os.environ.get("MONITOR_SESSION_TIMEOUT_MIN", "30")))
