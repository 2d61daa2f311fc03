"""Undo an import batch completely: rows it added are removed, rows it changed get their old values back, and
the batch leaves the import history (the audit log keeps the record). One transaction.

Only the newest change to a row can be undone: if a later batch changed rows of this one, that later batch
must be undone first (otherwise undoing would bring back values the later file had replaced).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine, bindparam, delete, func, select

from monitor import audit, contract, db
from monitor.texts import errors as t


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
    batches, versions = db.import_batches, db.row_versions
    with engine.begin() as conn:
        batch = conn.execute(select(batches).where(batches.c.id == batch_id)).mappings().first()
        if batch is None:
            raise UndoError(t.UNDO_UNKNOWN.format(batch=batch_id))
        later = conn.execute(select(func.min(versions.c.batch_id))
                             .where(versions.c.previous_batch_id == batch_id)).scalar_one()
        if later is not None:
            raise UndoError(t.UNDO_LATER_FIRST.format(batch=batch_id, later=later))
        kind = contract.kind(batch["kind"])
        table = db.TABLES[kind.name]
        replaced = conn.execute(select(versions).where(versions.c.batch_id == batch_id)).mappings().all()
        if replaced:
            names = [f.name for f in kind.fields]
            statement = (table.update().where(table.c.id == bindparam("row_id"))
                         .values(batch_id=bindparam("old_batch"), **{n: bindparam(f"v_{n}") for n in names}))
            conn.execute(statement, [
                {"row_id": v["row_id"], "old_batch": v["previous_batch_id"],
                 **{f"v_{n}": value for n, value in _typed(kind, json.loads(v["previous"])).items()}}
                for v in replaced
            ])
            conn.execute(delete(versions).where(versions.c.batch_id == batch_id))
        removed = conn.execute(delete(table).where(table.c.batch_id == batch_id)).rowcount
        conn.execute(delete(batches).where(batches.c.id == batch_id))
        audit.record(conn, audit.DELETE, actor, role, object=f"{kind.name}:{batch['file_name']}",
                     file_sha256=batch["sha256"], row_count=batch["row_count"],
                     detail=f"Import {batch_id} rückgängig: {removed} entfernt, {len(replaced)} wiederhergestellt")
    return UndoResult(batch_id, batch["file_name"], removed, len(replaced))
