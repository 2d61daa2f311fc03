"""Load: validated rows -> database, as an upsert by the kind's key, one import batch per file.

SQLAlchemy Core on an open connection: the caller (etl.pipeline) owns the one transaction of an import.
Existing rows are fetched in bulk (all rows of the file's Gemeinden, one SELECT), compared in memory, and
written with executemany: new keys inserted, changed rows updated (their batch_id moves to the new
batch, and their old values are kept in row_versions, so the batch can be undone), identical rows left
alone. So a full export uploaded again each quarter never doubles anything.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, timezone

from sqlalchemy import Connection, bindparam, insert, select

from monitor import contract, db

KEY_CHUNK = 500  # Gemeinde keys per SELECT


@dataclass
class Plan:
    """What loading a file would do."""

    inserts: list[tuple] = field(default_factory=list)  # rows (field order of the kind)
    updates: list[tuple[int, tuple]] = field(default_factory=list)  # (existing id, new row)
    replaced: list[tuple[int, int, tuple]] = field(default_factory=list)  # (id, old batch id, old row) per update
    unchanged: int = 0

    @property
    def counts(self) -> tuple[int, int, int]:
        return len(self.inserts), len(self.updates), self.unchanged


def existing_rows(conn: Connection, kind: contract.Kind,
                  ags_values: set[str]) -> dict[tuple, tuple[int, tuple, int]]:
    """key -> (id, row in field order, batch id), for all stored rows of the given Gemeinden, in few SELECTs."""
    table = db.TABLES[kind.name]
    names = [f.name for f in kind.fields]
    key_index = [names.index(k) for k in kind.key]
    out: dict[tuple, tuple[int, tuple, int]] = {}
    keys = sorted(ags_values)
    for start in range(0, len(keys), KEY_CHUNK):
        chunk = keys[start:start + KEY_CHUNK]
        query = select(table.c.id, table.c.batch_id, *[table.c[n] for n in names]).where(table.c.ags.in_(chunk))
        for row in conn.execute(query):
            values = tuple(row[2:])
            out[tuple(values[i] for i in key_index)] = (row[0], values, row[1])
    return out


def plan(kind: contract.Kind, rows: list[tuple], existing: dict[tuple, tuple[int, tuple, int]]) -> Plan:
    """Split rows into inserts, updates and unchanged by comparing with the stored rows of the same key."""
    names = [f.name for f in kind.fields]
    key_index = [names.index(k) for k in kind.key]
    result = Plan()
    for row in rows:
        found = existing.get(tuple(row[i] for i in key_index))
        if found is None:
            result.inserts.append(row)
        elif found[1] == row:
            result.unchanged += 1
        else:
            result.updates.append((found[0], row))
            result.replaced.append((found[0], found[2], found[1]))
    return result


def preview(conn: Connection, kind: contract.Kind, rows: list[tuple]) -> Plan:
    """The plan without writing anything (dry run)."""
    return plan(kind, rows, existing_rows(conn, kind, {r[0] for r in rows}))


def load(conn: Connection, kind: contract.Kind, rows: list[tuple], *, file_name: str, sha256: str, user: str,
         now: datetime | None = None) -> tuple[int, Plan]:
    """Write one file as one import batch. Returns (batch id, plan). Runs inside the caller's transaction."""
    ags_index = [f.name for f in kind.fields].index("ags")
    result = plan(kind, rows, existing_rows(conn, kind, {r[ags_index] for r in rows}))
    inserted, updated, unchanged = result.counts
    batch_id = conn.execute(
        insert(db.import_batches).values(
            kind=kind.name, file_name=file_name[:255], sha256=sha256, row_count=len(rows), inserted=inserted,
            updated=updated, unchanged=unchanged, imported_at=now or datetime.now(timezone.utc),
            imported_by=user[:120],
        )
    ).inserted_primary_key[0]
    table = db.TABLES[kind.name]
    names = [f.name for f in kind.fields]
    if result.inserts:
        conn.execute(insert(table), [{"batch_id": batch_id, **dict(zip(names, row))} for row in result.inserts])
    if result.replaced:
        conn.execute(insert(db.row_versions), [
            {"batch_id": batch_id, "kind": kind.name, "row_id": row_id, "previous_batch_id": old_batch,
             "previous": json.dumps(dict(zip(names, old_row)), default=_json_value, ensure_ascii=False)}
            for row_id, old_batch, old_row in result.replaced
        ])
    if result.updates:
        statement = (
            table.update()
            .where(table.c.id == bindparam("row_id"))
            .values(batch_id=bindparam("new_batch"), **{n: bindparam(f"v_{n}") for n in names})
        )
        conn.execute(statement, [
            {"row_id": row_id, "new_batch": batch_id, **{f"v_{n}": v for n, v in zip(names, row)}}
            for row_id, row in result.updates
        ])
    return batch_id, result


def _json_value(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"cannot store {type(value).__name__} in a row version")
