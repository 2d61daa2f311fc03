"""The audit log: who did what, when, in which role; never a cell value of the data.

Append-only: the application only inserts, and triggers in the database refuse UPDATE, TRUNCATE, the DELETE of
an entry younger than 12 months and, in SQLite, an insert that would replace an entry. With PostgreSQL and an own
role for the app (docs/betrieb.md), that role may only read and append. Entries older than the retention period
leave the log only through `expire`, called by the retention run.
Actions: login, login_failed, logout, session_expired, access_denied, upload, import, import_rejected,
delete, export, mapping, user_added, role_changed, gemeinden_changed, user_deactivated, password_changed, ...
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pandas as pd
from sqlalchemy import Connection, Engine, delete, func, insert, select, text

from monitor import db, fmt, settings

LOGIN, LOGIN_FAILED, LOGOUT, SESSION_EXPIRED = "login", "login_failed", "logout", "session_expired"
ACCESS_DENIED, UPLOAD, IMPORT, IMPORT_REJECTED = "access_denied", "upload", "import", "import_rejected"
DELETE, EXPORT, MAPPING = "delete", "export", "mapping"
USER_ADDED, ROLE_CHANGED, USER_DEACTIVATED, PASSWORD_CHANGED = (
    "user_added", "role_changed", "user_deactivated", "password_changed")
USER_ACTIVATED, USER_UNLOCKED = "user_activated", "user_unlocked"
SCOPE_CHANGED = "gemeinden_changed"  # the Gemeinden an account may see (monitor.scope)
TARGET_CHANGED = "target_changed"  # a target added, changed or removed (old and new value: no personal data)
MEETING_SAVED, MEETING_REMOVED = "meeting_saved", "meeting_removed"  # a meeting's slides (monitor.meeting)
SYSTEM = "system"  # the actor of what the application does by itself (the seed of the targets)
AUDIT_EXPIRED = "audit_expired"  # written by `expire` (on PostgreSQL by the database function itself)
RETENTION = "retention"  # a retention run: rows removed, periods archived, audit entries expired (counts only)
ACTIONS = (LOGIN, LOGIN_FAILED, LOGOUT, SESSION_EXPIRED, ACCESS_DENIED, UPLOAD, IMPORT, IMPORT_REJECTED, DELETE,
           EXPORT, MAPPING, USER_ADDED, ROLE_CHANGED, USER_DEACTIVATED, USER_ACTIVATED, USER_UNLOCKED, PASSWORD_CHANGED,
           SCOPE_CHANGED, TARGET_CHANGED, MEETING_SAVED, MEETING_REMOVED, AUDIT_EXPIRED, RETENTION)
OK, REFUSED, FAILED = "ok", "refused", "failed"


def _clip(value: str | None, length: int) -> str | None:
    return None if value is None else str(value)[:length]


def record(target: Engine | Connection, action: str, actor: str, role: str | None = None, *, object: str | None = None,
           file_sha256: str | None = None, row_count: int | None = None, outcome: str = OK,
           detail: str | None = None, at: datetime | None = None) -> None:
    """Append one entry. `target` is an engine (own transaction) or a connection (the caller's transaction,
    so that an import and its log entry are written together or not at all)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    values = dict(at=at or datetime.now(UTC), actor=_clip(actor, 120) or "?", role=_clip(role, 20),
                  action=action, object=_clip(object, 255), file_sha256=file_sha256, row_count=row_count,
                  outcome=outcome, detail=_clip(detail, 255))
    statement = insert(db.audit_log).values(**values)
    if isinstance(target, Connection):
        target.execute(statement)
    else:
        with target.begin() as conn:
            conn.execute(statement)


def count_older(conn: Connection, before: datetime) -> int:
    """How many entries `expire(conn, before)` would delete."""
    table = db.audit_log
    query = select(func.count()).select_from(table).where(table.c.at < _stored(conn, before))
    return conn.execute(query).scalar_one()


def _stored(conn: Connection, moment: datetime) -> datetime:
    """A moment as the backend compares it with stored ones: SQLite keeps naive UTC text."""
    moment = moment.astimezone(UTC)
    return moment.replace(tzinfo=None) if conn.dialect.name == "sqlite" else moment


@dataclass(frozen=True)
class Filter:
    since: date | None = None
    until: date | None = None
    actor: str | None = None
    actions: tuple[str, ...] = ()
    limit: int = 1000


def labelled(frame: pd.DataFrame) -> pd.DataFrame:
    """Entries for the page: German actions, outcomes and roles, German column names, "–" where an entry has
    no such field (no "None" on the page), row counts with a thousands dot."""
    from monitor.texts import ui

    shown = frame.assign(
        action=frame["action"].map(ui.AUDIT_ACTION_LABELS).fillna(frame["action"]),
        outcome=frame["outcome"].map(ui.AUDIT_OUTCOMES).fillna(frame["outcome"]),
        role=frame["role"].map(ui.ROLE_LABELS).fillna(frame["role"]),
        row_count=frame["row_count"].map(fmt.number),
    )
    text = ["role", "object", "file_sha256", "detail"]
    shown[text] = shown[text].astype(object).where(shown[text].notna(), fmt.MISSING)
    return shown.rename(columns=ui.AUDIT_COLUMNS)


HASH_SHOWN = 8  # characters of a file's SHA-256 on the page (the downloads have all 64)
DETAIL_SHOWN = 100  # characters of a note on the page (the downloads have it whole), so that the table fits


def _start_of(text: str, length: int) -> str:
    return text if len(text) <= length else text[:length] + "…"


def _joined(first: str, second: str, pattern: str) -> str:
    """`first` with `second` in `pattern`, or `first` alone where there is no `second` ("–")."""
    return first if second == fmt.MISSING else pattern.format(first=first, second=second)


def on_page(labelled_entries: pd.DataFrame) -> pd.DataFrame:
    """Labelled entries as the page shows them: six columns that fit a 1366 px screen without breaking a word
    (the person with the role, the object with the start of its file's checksum, the outcome with the rows), a
    long note shortened; the downloads keep every column whole."""
    from monitor.texts import ui

    col, frame = ui.AUDIT_COLUMNS, labelled_entries
    sha = frame[col["file_sha256"]].map(lambda h: _start_of(h, HASH_SHOWN))
    rows = frame[col["row_count"]].astype(object).where(frame[col["row_count"]].notna(), fmt.MISSING)
    return pd.DataFrame({
        col["at"]: frame[col["at"]],
        ui.AUDIT_PERSON: [_joined(p, r, ui.AUDIT_PERSON_ROLE) for p, r in zip(frame[col["actor"]], frame[col["role"]])],
        col["action"]: frame[col["action"]],
        col["object"]: [_joined(o.replace(":", ": "), h, ui.AUDIT_OBJECT_SHA)
                        for o, h in zip(frame[col["object"]], sha)],
        col["outcome"]: [_joined(str(o), str(n), ui.AUDIT_OUTCOME_ROWS) for o, n in zip(frame[col["outcome"]], rows)],
        col["detail"]: frame[col["detail"]].map(lambda d: _start_of(d, DETAIL_SHOWN)),
    })


def entries(engine: Engine, flt: Filter = Filter()) -> pd.DataFrame:
    """Entries, newest first, filtered; columns as in db.audit_log without id."""
    table = db.audit_log
    query = select(*[c for c in table.c if c.name != "id"]).order_by(table.c.at.desc(), table.c.id.desc())
    if flt.since is not None:
        query = query.where(table.c.at >= datetime.combine(flt.since, datetime.min.time(), UTC))
    if flt.until is not None:
        end = datetime.combine(flt.until + timedelta(days=1), datetime.min.time(), UTC)
        query = query.where(table.c.at < end)
    if flt.actor:
        query = query.where(table.c.actor.contains(flt.actor))
    if flt.actions:
        query = query.where(table.c.action.in_(flt.actions))
    with engine.connect() as conn:
        rows = conn.execute(query.limit(flt.limit)).mappings().all()
    frame = pd.DataFrame(rows, columns=[c.name for c in table.c if c.name != "id"])
    # SQLite returns naive UTC: make every backend give the same aware times, in the Gemeinde's zone.
    return frame.assign(at=fmt.local_times(frame["at"]))


# Entries are kept at least this long, whatever the retention command is told; on PostgreSQL the database function
# audit_log_expire (migration 0005) refuses a younger cutoff itself.
MIN_KEPT_MONTHS = settings.AUDIT_FLOOR_MONTHS


class ExpiryRefused(ValueError):
    """A cutoff less than MIN_KEPT_MONTHS ago (German message)."""


def months_before(moment: datetime, months: int) -> datetime:
    """The same moment `months` calendar months earlier (the 31st becomes the last day of a shorter month, as
    PostgreSQL's interval arithmetic does)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    next_month = date(year + (month == 12), month % 12 + 1, 1)
    last_day = (next_month - timedelta(days=1)).day
    return moment.replace(year=year, month=month, day=min(moment.day, last_day))


def latest_cutoff(now: datetime) -> datetime:
    """The latest cutoff `expire` accepts at `now`: MIN_KEPT_MONTHS calendar months earlier."""
    return months_before(now, MIN_KEPT_MONTHS)


def expire(target: Engine | Connection, cutoff: datetime, actor: str) -> int:
    """Delete the entries older than `cutoff` (an aware time) and log that, as one entry of action audit_expired
    with the number deleted and the cutoff, in the same transaction (the caller's, given a Connection); returns
    the number deleted. The one place the audit log is ever deleted from: the retention run calls it.

    Raises ExpiryRefused for a cutoff later than `latest_cutoff(now)`; the database refuses the delete of a
    younger entry itself (the caller's transaction is then rolled back). On PostgreSQL the database function
    audit_log_expire does the work with its owner's rights, so the app's role needs no DELETE on the log."""
    if cutoff.tzinfo is None:
        raise ValueError("cutoff must be an aware datetime")
    cutoff = cutoff.astimezone(UTC)
    if cutoff > latest_cutoff(datetime.now(UTC)):
        from monitor.texts import cli

        raise ExpiryRefused(cli.AUDIT_KEPT_MINIMUM.format(months=MIN_KEPT_MONTHS))
    if isinstance(target, Engine):
        with target.begin() as conn:
            return expire(conn, cutoff, actor)
    if target.dialect.name == "postgresql":
        return target.execute(text("SELECT audit_log_expire(:cutoff, :actor)"),
                              {"cutoff": cutoff, "actor": _clip(actor, 120) or "?"}).scalar_one()
    removed = target.execute(delete(db.audit_log).where(db.audit_log.c.at < _stored(target, cutoff))).rowcount
    record(target, AUDIT_EXPIRED, actor, object="audit_log", row_count=removed,
           detail=f"before={cutoff:%Y-%m-%dT%H:%M:%SZ}")
    return removed
