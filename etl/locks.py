"""One import (or undo) at a time per Gemeinde and kind of data.

An import plans each file against the stored rows and then writes it. Two imports of the same rows at once
would both plan against the same old rows, and the later one would overwrite the earlier one's change unseen
(and leave row versions that no undo can follow). So a transaction that writes rows of a (Gemeinde, kind) first
takes that pair's lock and keeps it to its end (commit or rollback):

- PostgreSQL: a transaction-level advisory lock per pair (``pg_advisory_xact_lock``), all pairs of a call in one
  fixed order (by their key), so that two calls with overlapping pairs cannot wait for each other. Imports of
  other Gemeinden or kinds run side by side.
- SQLite: ``BEGIN IMMEDIATE``, the database's one write lock, from the start of the transaction (SQLite has no
  finer lock: any other import waits too). monitor.db leaves the driver in its own transaction handling, in which
  nothing has begun before the first write; so the statement opens the transaction itself.

Whoever waits longer than ``settings.lock_wait_seconds()`` gets LockTimeout, with a German message, and nothing
is written. The plan is made after the lock is taken, so it reads what the previous holder committed.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Collection, Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, func, select
from sqlalchemy.exc import OperationalError

from monitor import settings
from monitor.texts import errors as t

__all__ = ["LockTimeout", "lock", "lock_key", "transaction"]

log = logging.getLogger(__name__)

PG_LOCK_NOT_AVAILABLE = "55P03"  # SQLSTATE of a lock wait that reached lock_timeout
SQLITE_BUSY = 5


class LockTimeout(Exception):
    """A German message: another import or undo of the same data held the lock longer than we waited."""

    def __init__(self, message: str = t.LOCK_TIMEOUT):
        super().__init__(message)


def lock_key(ags: str, kind: str) -> int:
    """The advisory lock key of a (Gemeinde AGS, kind) pair: 64 bits of a hash, the same in every process."""
    digest = hashlib.blake2b(f"integrationsmonitor|{kind}|{ags}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def lock(conn: Connection, pairs: Collection[tuple[str, str]]) -> None:
    """Take the locks of these (Gemeinde AGS, kind) pairs for the rest of ``conn``'s transaction, which must
    have just begun (on SQLite: no statement may have run in it yet). Raises LockTimeout."""
    wait = settings.lock_wait_seconds()
    try:
        if conn.dialect.name == "sqlite":
            _sqlite_immediate(conn, wait)
        elif conn.dialect.name == "postgresql":
            conn.exec_driver_sql(f"SET LOCAL lock_timeout = {max(1, int(wait * 1000))}")
            for key in sorted({lock_key(ags, kind) for ags, kind in pairs}):
                conn.execute(select(func.pg_advisory_xact_lock(key)))
            conn.exec_driver_sql("SET LOCAL lock_timeout = DEFAULT")  # only the wait for this lock is bounded
        else:  # another database: its own row locks only
            log.warning("no import lock on %s", conn.dialect.name)
    except OperationalError as err:
        if _lock_wait_ended(err):
            log.info("import lock: gave up after %.0f s (%d pair(s))", wait, len(pairs))
            raise LockTimeout() from None
        raise


@contextmanager
def transaction(engine: Engine, pairs: Collection[tuple[str, str]] | None) -> Iterator[Connection]:
    """``engine.begin()`` that first takes the locks of ``pairs`` (see ``lock``); None: a plain transaction that
    takes no lock (it writes nothing that others plan against). Raises LockTimeout before anything is read."""
    with engine.begin() as conn:
        if pairs is not None:
            lock(conn, pairs)
        yield conn


def _sqlite_immediate(conn: Connection, wait: float) -> None:
    """BEGIN IMMEDIATE, waiting at most ``wait`` seconds for the write lock (the connection's busy timeout
    is set for it and put back afterwards)."""
    driver = conn.connection.driver_connection
    if driver.in_transaction:
        raise RuntimeError("the import lock must be the first statement of its transaction")
    before = conn.exec_driver_sql("PRAGMA busy_timeout").scalar_one()
    conn.exec_driver_sql(f"PRAGMA busy_timeout = {max(1, int(wait * 1000))}")
    try:
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    finally:
        conn.exec_driver_sql(f"PRAGMA busy_timeout = {int(before)}")


def _lock_wait_ended(err: OperationalError) -> bool:
    original = err.orig
    return (getattr(original, "sqlstate", None) == PG_LOCK_NOT_AVAILABLE
            or (getattr(original, "sqlite_errorcode", 0) or 0) & 0xFF == SQLITE_BUSY)  # also its extended codes
