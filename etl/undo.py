"""Undo an import batch completely: rows it added are removed, rows it changed get their old values back, rows
it removed (a file that replaced its period) come back, and the batch leaves the import history (the audit log
keeps the record). One transaction.

Only the newest change to a row can be undone: if a later batch changed rows of this one, that later batch
must be undone first (otherwise undoing would bring back values the later file had replaced). Likewise when a
later batch stored a row again under the key (or the id) of a row this batch removed.

An undo takes the same locks as an import (etl.locks: every Gemeinde of the batch's rows, its kind) before it
checks anything, so no import of those rows runs meanwhile. Whatever the database refuses (a lock waited for too
long, a constraint) becomes an UndoError with a German message, and nothing is changed.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, Engine, delete, func, insert, or_, select, tuple_
from sqlalchemy.exc import DBAPIError

from etl import locks
from etl.identifying import file_name_for_record
from monitor import audit, contract, db
from monitor.texts import errors as t

log = logging.getLogger(__name__)


class UndoError(ValueError):
    """A German message: why the batch cannot be undone."""


@dataclass(frozen=True)
class UndoResult:
    batch_id: int
    file_name: str
    removed: int
    restored: int


def _typed(kind: contract.Kind, previous: dict) -> dict:
    """Row-version JSON back to column values (dates were stored as ISO text)."""
    out = {}
    for f in kind.fields:
        value = previous.get(f.name)
        out[f.name] = date.fromisoformat(value) if f.type == contract.DATE and value is not None else value
    return out


def undo_batch(engine: Engine, batch_id: int, actor: str, role: str | None = None) -> UndoResult:
    """Undo the batch in one transaction, under the locks of its Gemeinden and kind. Raises UndoError (German)."""
    try:
        pairs = _lock_pairs(engine, batch_id)
        with locks.transaction(engine, pairs) as conn:
            return _undo(conn, batch_id, actor, role)
    except locks.LockTimeout as err:
        raise UndoError(str(err)) from None
    except DBAPIError as err:  # the message may quote stored values: only its class and code go to the log
        log.warning("undo of batch %d refused by the database: %s (%s)", batch_id, type(err.orig).__name__,
                    getattr(err.orig, "sqlstate", None) or getattr(err.orig, "sqlite_errorname", None))
        raise UndoError(t.UNDO_FAILED.format(batch=batch_id)) from None


def _lock_pairs(engine: Engine, batch_id: int) -> set[tuple[str, str]]:
    """(Gemeinde AGS, kind) of the rows the undo may touch: those the batch holds and those it changed or removed.
    Read before the lock: no later batch can give a row to this one, and its row versions stay as they are, so
    what the undo finds under the lock is within these."""
    batches, versions = db.import_batches, db.row_versions
    with engine.connect() as conn:
        kind_name = conn.execute(select(batches.c.kind).where(batches.c.id == batch_id)).scalar_one_or_none()
        if kind_name not in contract.KINDS_BY_NAME:
            return set()  # unknown: the undo says so under the (SQLite) lock
        table = db.TABLES[kind_name]
        gemeinden = set(conn.execute(select(table.c.ags).where(table.c.batch_id == batch_id).distinct()).scalars())
        for previous in conn.execute(select(versions.c.previous).where(versions.c.batch_id == batch_id)).scalars():
            gemeinden.add(json.loads(previous).get("ags"))
    return {(ags, kind_name) for ags in gemeinden if ags is not None}


def _undo(conn: Connection, batch_id: int, actor: str, role: str | None) -> UndoResult:
    batches, versions = db.import_batches, db.row_versions
    batch = conn.execute(select(batches).where(batches.c.id == batch_id)).mappings().first()
    if batch is None:
        raise UndoError(t.UNDO_UNKNOWN.format(batch=batch_id))
    later = conn.execute(select(func.min(versions.c.batch_id))
                         .where(versions.c.previous_batch_id == batch_id)).scalar_one()
    if later is not None:
        raise UndoError(t.UNDO_LATER_FIRST.format(batch=batch_id, later=later))
    kind = contract.kind(batch["kind"])
    table = db.TABLES[kind.name]
    previous = conn.execute(select(versions).where(versions.c.batch_id == batch_id)).mappings().all()
    restored = [{"id": v["row_id"], "batch_id": v["previous_batch_id"], **_typed(kind, json.loads(v["previous"]))}
                for v in previous]
    later = _taken_since(conn, kind, [row for row, v in zip(restored, previous) if v["action"] == "delete"])
    if later is not None:
        raise UndoError(t.UNDO_LATER_FIRST.format(batch=batch_id, later=later))
    touched = set(conn.execute(select(table.c.ags).where(table.c.batch_id == batch_id).distinct()).scalars())
    touched |= {row["ags"] for row in restored}
    removed = conn.execute(delete(table).where(table.c.batch_id == batch_id)).rowcount
    if previous:
        # Rows the batch changed were deleted just above with those it added; all come back as they were.
        conn.execute(insert(table), restored)
        conn.execute(delete(versions).where(versions.c.batch_id == batch_id))
    removed -= sum(1 for v in previous if v["action"] == "update")
    conn.execute(delete(batches).where(batches.c.id == batch_id))
    db.refresh_row_counts(conn, kind.name, touched)
    # Checked again: a batch imported before file names were checked holds its name as it was typed.
    audit.record(conn, audit.DELETE, actor, role, object=f"{kind.name}:{file_name_for_record(batch['file_name'])}",
                 file_sha256=batch["sha256"], row_count=batch["row_count"],
                 detail=f"Import {batch_id} rückgängig: {removed} entfernt, {len(previous)} wiederhergestellt")
    return UndoResult(batch_id, batch["file_name"], removed, len(previous))


CHECK_CHUNK = 500  # removed rows looked up per SELECT


def _taken_since(conn: Connection, kind: contract.Kind, rows: list[dict]) -> int | None:
    """The first later batch that stored a row under the key or the id of one of these removed rows, or None."""
    table = db.TABLES[kind.name]
    key = [table.c[name] for name in kind.key]
    first = None
    for start in range(0, len(rows), CHECK_CHUNK):
        chunk = rows[start:start + CHECK_CHUNK]
        taken = or_(table.c.id.in_([row["id"] for row in chunk]),
                    tuple_(*key).in_([tuple(row[name] for name in kind.key) for row in chunk]))
        found = conn.execute(select(func.min(table.c.batch_id)).where(taken)).scalar_one()
        if found is not None and (first is None or found < first):
            first = found
    return first
