"""Load: validated rows -> database, as an upsert by the kind's key, one import batch per file.

SQLAlchemy Core on an open connection: the caller (etl.pipeline) owns the one transaction of an import.
Existing rows are fetched in bulk (all rows of the file's Gemeinden, one SELECT), compared in memory, and
written with executemany: new keys inserted, changed rows updated (their batch_id moves to the new
batch, and their old values are kept in row_versions, so the batch can be undone), identical rows left
alone. So a full export uploaded again each quarter never doubles anything.

A file covers a period (first to last value of its kind's period field, per Gemeinde). Stored rows of that
period that the file no longer holds would be removed by it: whether a file may change or remove stored rows at
all ("replace") is the user's decision, taken in etl.pipeline before ``write`` runs. Removed rows are kept in
row_versions too, so undoing the batch brings them back.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, timezone

from sqlalchemy import Connection, bindparam, delete, insert, select

from monitor import contract, db

KEY_CHUNK = 500  # Gemeinde keys per SELECT


@dataclass
class Plan:
    """What loading a file would do."""

    inserts: list[tuple] = field(default_factory=list)  # rows (field order of the kind)
    updates: list[tuple[int, tuple]] = field(default_factory=list)  # (existing id, new row)
    replaced: list[tuple[int, int, tuple]] = field(default_factory=list)  # (id, old batch id, old row) per update
    removals: list[tuple[int, int, tuple]] = field(default_factory=list)  # (id, old batch id, old row)
    unchanged: int = 0

    @property
    def counts(self) -> tuple[int, int, int]:
        return len(self.inserts), len(self.updates), self.unchanged

    @property
    def overlaps(self) -> bool:
        """Whether the file would change or remove rows already stored (then the user decides)."""
        return bool(self.updates or self.removals)


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
    """Split rows into inserts, updates and unchanged by comparing with the stored rows of the same key; stored
    rows in the file's period (per Gemeinde) whose key the file lacks are removals."""
    names = [f.name for f in kind.fields]
    key_index = [names.index(k) for k in kind.key]
    ags_index, period_index = names.index("ags"), names.index(kind.period)
    result = Plan()
    matched: set[tuple] = set()
    spans: dict[str, list] = {}  # ags -> [first day, last day] of the file
    for row in rows:
        key = tuple(row[i] for i in key_index)
        day = row[period_index]
        if day is not None:
            span = spans.get(row[ags_index])
            if span is None:
                spans[row[ags_index]] = [day, day]
            elif day < span[0]:
                span[0] = day
            elif day > span[1]:
                span[1] = day
        found = existing.get(key)
        if found is None:
            result.inserts.append(row)
            continue
        matched.add(key)
        if found[1] == row:
            result.unchanged += 1
        else:
            result.updates.append((found[0], row))
            result.replaced.append((found[0], found[2], found[1]))
    if spans:
        for key, (row_id, values, batch_id) in existing.items():
            span = spans.get(values[ags_index])
            day = values[period_index]
            if span is not None and day is not None and span[0] <= day <= span[1] and key not in matched:
                result.removals.append((row_id, batch_id, values))
    return result


def plan_file(conn: Connection, kind: contract.Kind, rows: list[tuple]) -> Plan:
    """What loading these rows would do, against the stored rows of their Gemeinden (nothing is written)."""
    ags_index = [f.name for f in kind.fields].index("ags")
    return plan(kind, rows, existing_rows(conn, kind, {r[ags_index] for r in rows}))


def write(conn: Connection, kind: contract.Kind, rows: list[tuple], result: Plan, *, file_name: str, sha256: str,
          user: str, now: datetime | None = None) -> int:
    """Write one file as one import batch, as its plan says. Returns the batch id. Runs inside the caller's
    transaction; the caller has made sure the user agreed to any change of stored rows (``Plan.overlaps``)."""
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
    versions = [(row_id, old_batch, old_row, "update") for row_id, old_batch, old_row in result.replaced]
    versions += [(row_id, old_batch, old_row, "delete") for row_id, old_batch, old_row in result.removals]
    if versions:
        conn.execute(insert(db.row_versions), [
            {"batch_id": batch_id, "kind": kind.name, "row_id": row_id, "previous_batch_id": old_batch,
             "previous": json.dumps(dict(zip(names, old_row)), default=_json_value, ensure_ascii=False),
             "action": action}
            for row_id, old_batch, old_row, action in versions
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
    if result.removals:
        ids = [row_id for row_id, _, _ in result.removals]
        for start in range(0, len(ids), KEY_CHUNK):
            conn.execute(delete(table).where(table.c.id.in_(ids[start:start + KEY_CHUNK])))
    return batch_id


def _json_value(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"cannot store {type(value).__name__} in a row version")
