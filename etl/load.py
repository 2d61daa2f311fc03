"""Load: validated rows -> database, as an upsert by the kind's key, one import batch per file.

SQLAlchemy Core on an open connection: the caller (etl.pipeline) owns the one transaction of an import.
Existing rows are fetched in bulk (all rows of the file's Gemeinden, one SELECT), compared in memory, and
written in chunks: new keys inserted, changed rows updated (their batch_id moves to the new batch, and
their old values are kept in row_versions, so the batch can be undone), identical rows left alone. So a
full export uploaded again each quarter never doubles anything.

Rows are written through the driver with positional parameters (``exec_driver_sql``), converted by the
same SQLAlchemy bind processors a Core statement would use (dates as text on SQLite), and new rows go to
PostgreSQL with COPY (psycopg): building a parameter dict per row in SQLAlchemy cost more than the
database's own work, and held every row's dict in memory at once.

A file covers a period (first to last value of its kind's period field, per Gemeinde). Stored rows of that
period that the file no longer holds would be removed by it: whether a file may change or remove stored rows at
all ("replace") is the user's decision, taken in etl.pipeline before ``write`` runs. Removed rows are kept in
row_versions too, so undoing the batch brings them back.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import operator
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlalchemy import Connection, Table, bindparam, delete, func, insert, select

from etl.identifying import file_name_for_record
from monitor import contract, db

KEY_CHUNK = 500  # Gemeinde keys per SELECT
FETCH_CHUNK = 10_000  # stored rows per fetch


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
    """key -> (id, row in field order, batch id), for all stored rows of the given Gemeinden, in few SELECTs.

    When those Gemeinden hold most of the table, the whole table is read in its stored order (rows of other
    Gemeinden never match a key of the file): far faster than following the key index row by row."""
    table = db.TABLES[kind.name]
    names = [f.name for f in kind.fields]
    keys = sorted(ags_values)
    chunks = [keys[start:start + KEY_CHUNK] for start in range(0, len(keys), KEY_CHUNK)]
    counts = db.gemeinde_rows  # kept by every write (db.refresh_row_counts): no count over the whole table
    total = conn.execute(select(func.coalesce(func.sum(counts.c.rows), 0)).where(counts.c.kind == kind.name)
                         ).scalar_one()
    if not total or not chunks:
        return {}
    matching = sum(conn.execute(select(func.coalesce(func.sum(counts.c.rows), 0))
                                .where(counts.c.kind == kind.name, counts.c.ags.in_(chunk))).scalar_one()
                   for chunk in chunks)
    if not matching:
        return {}
    query = select(table.c.id, table.c.batch_id, *[table.c[n] for n in names])
    queries = [query] if 2 * matching >= total else [query.where(table.c.ags.in_(chunk)) for chunk in chunks]
    key_positions = [2 + names.index(k) for k in kind.key]
    out: dict[tuple, tuple[int, tuple, int]] = {}
    for statement in queries:
        result = conn.execute(statement)
        while fetched := result.fetchmany(FETCH_CHUNK):
            columns = list(zip(*fetched))
            found = zip(columns[0], zip(*columns[2:]), columns[1])
            out.update(zip(zip(*(columns[p] for p in key_positions)), found))
    return out


def plan(kind: contract.Kind, rows: list[tuple], existing: dict[tuple, tuple[int, tuple, int]]) -> Plan:
    """Split rows into inserts, updates and unchanged by comparing with the stored rows of the same key; stored
    rows in the file's period (per Gemeinde) whose key the file lacks are removals."""
    if not existing:
        return Plan(inserts=list(rows))
    names = [f.name for f in kind.fields]
    key_of = _key_getter([names.index(k) for k in kind.key])
    ags_index, period_index = names.index("ags"), names.index(kind.period)
    result = Plan()
    inserts, updates, replaced = result.inserts, result.updates, result.replaced
    matched: set[tuple] = set()
    spans: dict[str, list] = {}  # ags -> [first day, last day] of the file
    for row in rows:
        day = row[period_index]
        if day is not None:
            span = spans.get(row[ags_index])
            if span is None:
                spans[row[ags_index]] = [day, day]
            elif day < span[0]:
                span[0] = day
            elif day > span[1]:
                span[1] = day
        key = key_of(row)
        found = existing.get(key)
        if found is None:
            inserts.append(row)
            continue
        matched.add(key)
        if found[1] == row:
            result.unchanged += 1
        else:
            updates.append((found[0], row))
            replaced.append((found[0], found[2], found[1]))
    for key, (row_id, values, batch_id) in existing.items():
        span = spans.get(values[ags_index])
        day = values[period_index]
        if span is not None and day is not None and span[0] <= day <= span[1] and key not in matched:
            result.removals.append((row_id, batch_id, values))
    return result


def _key_getter(positions: list[int]) -> Callable[[tuple], tuple]:
    if len(positions) == 1:
        position = positions[0]
        return lambda row: (row[position],)
    return operator.itemgetter(*positions)


def plan_file(conn: Connection, kind: contract.Kind, rows: list[tuple]) -> Plan:
    """What loading these rows would do, against the stored rows of their Gemeinden (nothing is written)."""
    ags_index = [f.name for f in kind.fields].index("ags")
    return plan(kind, rows, existing_rows(conn, kind, {r[ags_index] for r in rows}))


FINGERPRINT_CHUNK = 10_000  # rows per repr() while a plan is hashed


def fingerprint(result: Plan) -> str:
    """What a plan would write and the stored rows it read for that, as a hash: its counts, the new rows, the
    new values of changed rows, their stored values, and the stored rows of the file's period it lacks (to be
    removed if it replaces them). Values only, no row or batch ids: those a dry run hands out to the rows of
    earlier files of its call are rolled back and come out differently in the import (PostgreSQL's sequences
    move on). The rows to remove are taken in the order of their values, which a SELECT does not fix.

    Made by the preview (a dry run) and again by the import, under its lock: if they differ, the stored rows
    changed since the preview (or a mapping did), and the import writes nothing (etl.pipeline)."""
    digest = hashlib.sha256(repr((*result.counts, len(result.removals))).encode())
    parts = (result.inserts, [row for _, row in result.updates], [old for _, _, old in result.replaced],
             sorted(repr(values) for _, _, values in result.removals))
    for rows in parts:
        for start in range(0, len(rows), FINGERPRINT_CHUNK):
            digest.update(repr(rows[start:start + FINGERPRINT_CHUNK]).encode())
        digest.update(b"\x1e")
    return digest.hexdigest()


def write(conn: Connection, kind: contract.Kind, rows: list[tuple], result: Plan, *, file_name: str, sha256: str,
          user: str, now: datetime | None = None) -> int:
    """Write one file as one import batch, as its plan says. Returns the batch id. Runs inside the caller's
    transaction; the caller has made sure the user agreed to any change of stored rows (``Plan.overlaps``). The
    file name is kept only if it says nothing of a person (``identifying.file_name_for_record``)."""
    inserted, updated, unchanged = result.counts
    table = db.TABLES[kind.name]
    names = [f.name for f in kind.fields]
    at = names.index("ags")
    gemeinden = {row[at] for row in rows} | {old[at] for _, _, old in result.removals}
    batch_id = conn.execute(
        insert(db.import_batches).values(
            kind=kind.name, file_name=file_name_for_record(file_name), sha256=sha256, row_count=len(rows),
            inserted=inserted, updated=updated, unchanged=unchanged, imported_at=now or datetime.now(UTC),
            imported_by=user[:120], gemeinden=",".join(sorted(gemeinden)),
        )
    ).inserted_primary_key[0]
    with _sqlite_page_cache(conn, len(result.inserts) + len(result.updates)):
        if result.inserts:
            _insert(conn, table, ["batch_id", *names], result.inserts, prefix=(batch_id,))
        if result.replaced or result.removals:
            changes = [(row_id, old_batch, old_row, "update") for row_id, old_batch, old_row in result.replaced]
            changes += [(row_id, old_batch, old_row, "delete") for row_id, old_batch, old_row in result.removals]
            versions = ((batch_id, kind.name, row_id, old_batch,
                         json.dumps(dict(zip(names, old_row)), default=_json_value, ensure_ascii=False), action)
                        for row_id, old_batch, old_row, action in changes)
            _insert(conn, db.row_versions,
                    ["batch_id", "kind", "row_id", "previous_batch_id", "previous", "action"], versions)
        if result.updates:
            _update(conn, table, names, batch_id, result.updates)
        if result.removals:
            ids = [row_id for row_id, _, _ in result.removals]
            for start in range(0, len(ids), KEY_CHUNK):
                conn.execute(delete(table).where(table.c.id.in_(ids[start:start + KEY_CHUNK])))
    if result.inserts or result.removals:  # an update keeps a row's Gemeinde (it is part of the key)
        at = names.index("ags")
        touched = {row[at] for row in result.inserts} | {old_row[at] for _, _, old_row in result.removals}
        db.refresh_row_counts(conn, kind.name, touched)
    return batch_id


# --------------------------------------------------------------------------------------------------------
# Writing through the driver
# --------------------------------------------------------------------------------------------------------

WRITE_CHUNK = 5_000  # rows per executemany (and per list of parameters in memory)
_PLACEHOLDERS = {"qmark": "?", "format": "%s", "pyformat": "%s"}
SQLITE_WRITE_CACHE_KIB = 8192  # SQLite's page cache while many rows are written (its default: 2 MB)
SQLITE_MANY_ROWS = 10_000


@contextmanager
def _sqlite_page_cache(conn: Connection, rows: int) -> Iterator[None]:
    """A larger SQLite page cache for the connection while many rows go into a table and its key index:
    with the default 2 MB, SQLite spills the transaction's pages to the write-ahead log and reads them back
    (a fifth of the writing time for 100,000 rows). The connection's own size is restored afterwards."""
    if conn.dialect.name != "sqlite" or rows < SQLITE_MANY_ROWS:
        yield
        return
    before = conn.exec_driver_sql("PRAGMA cache_size").scalar_one()  # pages, or KiB if negative
    kib = -before if before < 0 else before * conn.exec_driver_sql("PRAGMA page_size").scalar_one() // 1024
    if kib >= SQLITE_WRITE_CACHE_KIB:
        yield
        return
    conn.exec_driver_sql(f"PRAGMA cache_size = -{SQLITE_WRITE_CACHE_KIB}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size = {int(before)}")


def _converters(conn: Connection, table: Table, columns: list[str]) -> list[tuple[int, Callable]]:
    """(position, function) for the columns whose SQLAlchemy type converts values for this driver."""
    dialect = conn.dialect
    out = []
    for position, name in enumerate(columns):
        processor = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
        if processor is not None:
            out.append((position, processor))
    return out


def _parameters(rows: Iterable[tuple], converters: list[tuple[int, Callable]], prefix: tuple = (),
                suffix: Callable[[tuple], tuple] | None = None) -> Iterator[list[tuple]]:
    """Chunks of parameter tuples: ``prefix + row``, each value converted; few distinct values are converted
    once each (dates, flags)."""
    it = iter(rows)
    while chunk := list(itertools.islice(it, WRITE_CHUNK)):
        if prefix:
            chunk = [prefix + row for row in chunk]
        if converters:
            columns: list = list(zip(*chunk))
            for position, convert in converters:
                distinct = {v: convert(v) for v in set(columns[position])}
                columns[position] = map(distinct.__getitem__, columns[position])
            chunk = list(zip(*columns))
        yield chunk


def _quoted(conn: Connection, table: Table, columns: list[str]) -> tuple[str, str]:
    quote = conn.dialect.identifier_preparer.quote
    return quote(table.name), ", ".join(quote(c) for c in columns)


def _insert(conn: Connection, table: Table, columns: list[str], rows: Iterable[tuple], prefix: tuple = ()) -> None:
    """INSERT rows (tuples in the order of ``columns``, after ``prefix``), in the caller's transaction."""
    converters = _converters(conn, table, columns)
    table_name, column_list = _quoted(conn, table, columns)
    if conn.dialect.driver == "psycopg":
        # COPY takes Python values as they are (psycopg adapts them); the server reads one stream.
        with conn.connection.driver_connection.cursor() as cursor:
            with cursor.copy(f"COPY {table_name} ({column_list}) FROM STDIN") as copy:
                write = copy.write_row
                for chunk in _parameters(rows, converters, prefix):
                    for row in chunk:
                        write(row)
        return
    placeholder = _PLACEHOLDERS.get(conn.dialect.paramstyle)
    if placeholder is None:  # a driver with named parameters: through SQLAlchemy, chunk by chunk
        for chunk in _parameters(rows, [], prefix):
            conn.execute(insert(table), [dict(zip(columns, row)) for row in chunk])
        return
    statement = f"INSERT INTO {table_name} ({column_list}) VALUES ({', '.join([placeholder] * len(columns))})"
    for chunk in _parameters(rows, converters, prefix):
        conn.exec_driver_sql(statement, chunk)


def _update(conn: Connection, table: Table, names: list[str], batch_id: int, updates: list[tuple[int, tuple]]) -> None:
    """Every field and the batch of the rows with the given ids."""
    columns = ["batch_id", *names, "id"]
    rows = ((batch_id, *row, row_id) for row_id, row in updates)
    placeholder = _PLACEHOLDERS.get(conn.dialect.paramstyle)
    if placeholder is None:  # a driver with named parameters: through SQLAlchemy, chunk by chunk
        statement = (table.update().where(table.c.id == bindparam("row_id"))
                     .values(batch_id=bindparam("new_batch"), **{n: bindparam(f"v_{n}") for n in names}))
        keys = ["new_batch", *(f"v_{n}" for n in names), "row_id"]
        for chunk in _parameters(rows, []):
            conn.execute(statement, [dict(zip(keys, row)) for row in chunk])
        return
    quote = conn.dialect.identifier_preparer.quote
    assignments = ", ".join(f"{quote(c)} = {placeholder}" for c in columns[:-1])
    statement = f"UPDATE {quote(table.name)} SET {assignments} WHERE {quote('id')} = {placeholder}"
    for chunk in _parameters(rows, _converters(conn, table, columns)):
        conn.exec_driver_sql(statement, chunk)


def _json_value(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"cannot store {type(value).__name__} in a row version")
