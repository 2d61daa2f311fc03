"""Remembered mappings: what staff said once about their own exports, kept in the database for next time.

A column mapping belongs to a header signature (the same column names in any order and spelling): the kind
of the file and which column is which contract field, or not taken over. A value mapping says which value of
the staff's own export (e.g. "weiblich") means which code of a code field (e.g. "w"), per kind and field. Both
are used by every import, from the page and from the command line, through ``etl.transform.Mappings``.

Each change is written to the audit log with what was mapped (header names and code values, which are
vocabulary, never a cell of a person's record).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import Connection, Engine, delete, insert, select, update

from etl import vocabulary
from etl.extract import normalise_header
from etl.identifying import personal_content
from etl.transform import MAX_MAPPED_VALUE, ColumnMapping, Mappings, header_signature
from monitor import audit, contract, db
from monitor.texts import errors as t


class MappingError(ValueError):
    """A German message: why the mapping cannot be saved."""


@dataclass(frozen=True)
class Saved:
    columns: int
    values: int


def load(target: Engine | Connection) -> Mappings:
    """All remembered mappings of this installation."""
    if isinstance(target, Engine):
        with target.connect() as conn:
            return load(conn)
    columns = {row.signature: ColumnMapping(row.kind, json.loads(row.columns))
               for row in target.execute(select(db.column_mappings))}
    values: dict[tuple[str, str], dict[str, str]] = {}
    for row in target.execute(select(db.value_mappings)):
        values.setdefault((row.kind, row.field), {})[row.source] = row.code
    return Mappings(columns, values)


def check_columns(kind_name: str, header: list[str], columns: dict[str, str | None]) -> list[str]:
    """German reasons why a column mapping cannot be used (empty if it can): unknown kind or field, a field
    chosen for two columns, a required field left without a column."""
    if kind_name not in contract.KINDS_BY_NAME:
        return [t.KIND_INVALID.format(kind=kind_name, allowed=", ".join(k.name for k in contract.KINDS))]
    kind = contract.kind(kind_name)
    names = {f.name for f in kind.fields}
    reasons = []
    chosen = [target for normalised, target in columns.items() if target is not None]
    for target in sorted(set(chosen) - names):
        reasons.append(t.MAPPING_UNKNOWN_FIELD.format(field=target, label=kind.label))
    by_field = {f.name: f for f in kind.fields}
    headers = {normalise_header(h): h.strip() for h in header}
    for target in sorted({c for c in chosen if chosen.count(c) > 1} & names):
        sources = [headers.get(n, n) for n, c in columns.items() if c == target]
        reasons.append(t.MAPPING_TWICE.format(field=by_field[target].header,
                                              columns=", ".join(f"„{s}“" for s in sources)))
    for f in kind.fields:
        if f.required and f.name not in chosen:
            reasons.append(t.MAPPING_REQUIRED.format(field=f.header))
    return reasons


def save_columns(engine: Engine, header: list[str], kind_name: str, columns: dict[str, str | None], user: str,
                 role: str | None = None) -> None:
    """Remember (or replace) the column mapping for files with this header. Raises MappingError."""
    normalised = {normalise_header(h) for h in header if normalise_header(h)}
    columns = {name: target for name, target in columns.items() if name in normalised}
    reasons = check_columns(kind_name, header, columns)
    if reasons:
        raise MappingError(" ".join(reasons))
    signature = header_signature(header)
    table = db.column_mappings
    values = dict(kind=kind_name, columns=json.dumps(columns, ensure_ascii=False, sort_keys=True),
                  created_at=datetime.now(UTC), created_by=user[:120])
    with engine.begin() as conn:
        found = conn.execute(select(table.c.id).where(table.c.signature == signature)).scalar_one_or_none()
        if found is None:
            conn.execute(insert(table).values(signature=signature, **values))
        else:
            conn.execute(update(table).where(table.c.id == found).values(**values))
        mapped = ", ".join(f"{name}->{target or '-'}" for name, target in sorted(columns.items()))
        audit.record(conn, audit.MAPPING, user, role, object=f"{kind_name}:spalten",
                     detail=f"{len(columns)} Spalten: {mapped}")


def save_values(engine: Engine, kind_name: str, field_name: str, chosen: dict[str, str], user: str,
                role: str | None = None) -> int:
    """Remember which of the staff's values means which code of a code field (or which Ortsteil of the
    Ortsteil lists). Returns how many were saved. Raises MappingError for a field that has no code list, a code
    that is not in it, or a value that is too long or looks like personal data (only vocabulary is remembered,
    never a cell of a person's record)."""
    kind = contract.kind(kind_name)
    f = kind.field(field_name)
    allowed = vocabulary.mappable_codes(f)
    if f.type not in (contract.CODE, contract.CODES) and f.vocabulary != contract.DISTRICT or not allowed:
        raise MappingError(t.MAPPING_NOT_CODES.format(field=f.header))
    wrong = sorted(code for code in chosen.values() if code not in allowed)
    if wrong:
        raise MappingError(t.INVALID_CODE.format(value=wrong[0], allowed=", ".join(allowed)))
    rows = {source.strip().lower(): code for source, code in chosen.items() if source.strip()}
    for source in rows:
        if len(source) > MAX_MAPPED_VALUE:
            raise MappingError(t.MAPPING_VALUE_TOO_LONG.format(length=len(source), limit=MAX_MAPPED_VALUE))
        if personal_content(source) is not None or \
                f.vocabulary == contract.DISTRICT and vocabulary.person_marker(source, strict=True) is not None:
            raise MappingError(t.MAPPING_VALUE_PERSONAL)
    table = db.value_mappings
    now = datetime.now(UTC)
    with engine.begin() as conn:
        for source, code in rows.items():
            where = (table.c.kind == kind_name) & (table.c.field == field_name) & (table.c.source == source)
            conn.execute(delete(table).where(where))
            conn.execute(insert(table).values(kind=kind_name, field=field_name, source=source, code=code,
                                              created_at=now, created_by=user[:120]))
        if rows:  # the count, not the values: the audit log never holds what a file's cells say
            audit.record(conn, audit.MAPPING, user, role, object=f"{kind_name}:{field_name}",
                         detail=f"{len(rows)} Wert(e) zugeordnet")
    return len(rows)


def listing(engine: Engine) -> pd.DataFrame:
    """Every remembered mapping, one row each: what (columns or a field's values), kind, mapping, by, when."""
    rows = []
    with engine.connect() as conn:
        for row in conn.execute(select(db.column_mappings).order_by(db.column_mappings.c.id)):
            columns = json.loads(row.columns)
            rows.append({"table": "column_mappings", "id": row.id, "kind": row.kind, "field": None,
                         "mapping": ", ".join(f"{source} → {target or '–'}" for source, target in columns.items()),
                         "created_by": row.created_by, "created_at": row.created_at})
        for row in conn.execute(select(db.value_mappings).order_by(db.value_mappings.c.kind, db.value_mappings.c.field,
                                                                    db.value_mappings.c.source)):
            rows.append({"table": "value_mappings", "id": row.id, "kind": row.kind, "field": row.field,
                         "mapping": f"{row.source} → {row.code}", "created_by": row.created_by,
                         "created_at": row.created_at})
    return pd.DataFrame(rows, columns=["table", "id", "kind", "field", "mapping", "created_by", "created_at"])


def forget(engine: Engine, table_name: str, mapping_id: int, user: str, role: str | None = None) -> None:
    """Delete one remembered mapping (files with that header or value are judged by the contract again)."""
    table = {"column_mappings": db.column_mappings, "value_mappings": db.value_mappings}[table_name]
    with engine.begin() as conn:
        row = conn.execute(select(table).where(table.c.id == mapping_id)).mappings().first()
        if row is None:
            return
        conn.execute(delete(table).where(table.c.id == mapping_id))
        what = f"{row['kind']}:{row['field']}" if table_name == "value_mappings" else f"{row['kind']}:spalten"
        audit.record(conn, audit.MAPPING, user, role, object=what, detail="Zuordnung gelöscht")
