"""Remembered mappings: what staff said once about their own exports, kept in the database for next time.

A column mapping belongs to a header signature (the same column names in any order and spelling): the kind
of the file and which column is which contract field, or not taken over. A value mapping says which value of
the staff's own export (e.g. "weiblich") means which code of a code field (e.g. "w"), per kind and field. Both
are used by every import, from the page and from the command line, through ``etl.transform.Mappings``.

What is stored is file content, so it is checked first, here and not only in the dialogs (which can be
bypassed): a column name is kept only if it does not point at personal data (``forbidden_column``), holds
none (``personal_value``), is not part of a header row that is a record (``data_like_header``) and is at most
MAX_MAPPED_HEADER characters long; a value only if it is not a code of the field already, holds no personal
data and is at most MAX_MAPPED_VALUE characters long, as the validation required before it offered the value.

Each change is written to the audit log with counts and the contract's column names only, never a name or a
value of the file: the log cannot be changed afterwards.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import Connection, Engine, delete, insert, select, update

from etl import vocabulary
from etl.extract import normalise_header
from etl.identifying import data_like_header, forbidden_column, personal_value
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


MAX_MAPPED_HEADER = 80  # characters of a column name kept in a column mapping


def source_problem(kind: contract.Kind, header: str, position: int) -> str | None:
    """Why a column of the file (its name as written, its place from 1) can be no source of a mapping, in German,
    or None. Its own column of the contract (the partners' "name") always can."""
    normalised = normalise_header(header)
    if normalised in {normalise_header(f.header) for f in kind.fields}:
        return None
    if len(header.strip()) > MAX_MAPPED_HEADER:
        return t.MAPPING_SOURCE_TOO_LONG.format(position=position, length=len(header.strip()), limit=MAX_MAPPED_HEADER)
    what = personal_value(header) or personal_value(normalised)
    if what is not None:  # the name is not quoted: it is what must not be shown or kept
        return t.MAPPING_SOURCE_PERSONAL.format(position=position, what=t.PERSONAL_CONTENT_WHAT[what])
    what = forbidden_column(header) or forbidden_column(normalised)
    if what is not None:
        return t.MAPPING_SOURCE_FORBIDDEN.format(column=header.strip(), what=t.FORBIDDEN_WHAT[what])
    return None


def check_columns(kind_name: str, header: list[str], columns: dict[str, str | None]) -> list[str]:
    """German reasons why a column mapping cannot be used (empty if it can): unknown kind or field, a header row
    that is a record, a column that can be no source (``source_problem``: its name points at or holds personal
    data, or is too long; also when it is not to be taken over), a field chosen for two columns, a required
    field left without a column."""
    if kind_name not in contract.KINDS_BY_NAME:
        return [t.KIND_INVALID.format(kind=kind_name, allowed=", ".join(k.name for k in contract.KINDS))]
    if data_like_header(header):
        return [t.MAPPING_HEADER_DATA]
    kind = contract.kind(kind_name)
    names = {f.name for f in kind.fields}
    reasons = []
    for position, name in enumerate(header, start=1):
        if normalise_header(name) in columns:
            reason = source_problem(kind, name, position)
            if reason is not None:
                reasons.append(reason)
    if reasons:
        return reasons  # the reasons below would quote the column names
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
        audit.record(conn, audit.MAPPING, user, role, object=f"{kind_name}:spalten",
                     detail=columns_detail(contract.kind(kind_name), columns))


def columns_detail(kind: contract.Kind, columns: dict[str, str | None]) -> str:
    """What the audit log says of a column mapping: how many columns, and the contract's names of the fields they
    were mapped to, in the contract's order ("3 Spalten zugeordnet: fall_id, geschlecht, beginn"); how many
    are not taken over. Never the file's own column names."""
    chosen = set(columns.values())
    fields = [f.header for f in kind.fields if f.name in chosen]
    detail = t.AUDIT_COLUMNS_MAPPED.format(count=len(fields), fields=", ".join(fields))
    left_out = sum(target is None for target in columns.values())
    return detail + (t.AUDIT_COLUMNS_LEFT_OUT.format(count=left_out) if left_out else "")


def save_values(engine: Engine, kind_name: str, field_name: str, chosen: dict[str, str], user: str,
                role: str | None = None) -> int:
    """Remember which of the staff's values means which code of a code field (or which Ortsteil of
    the Ortsteil lists). Returns how many were saved.
    Raises MappingError (see ``save_all_values``)."""
    return save_all_values(engine, kind_name, {field_name: chosen}, user, role)


def save_all_values(engine: Engine, kind_name: str, chosen: dict[str, dict[str, str]], user: str,
                    role: str | None = None) -> int:
    """Remember, for each code field, which of the staff's values means which code; all fields or none. Returns
    how many were saved. Raises MappingError for a field that has no code list, a code that is not in it, or a
    value that is too long, looks like personal data (``personal_value``: only vocabulary is remembered, never a
    cell of a person's record) or is a code of the field itself (never offered: it would turn one code into
    another). These are the checks the validation made before it offered the value (etl.transform), made again
    here: the dialog may be bypassed."""
    checked = {field_name: _checked_values(contract.kind(kind_name), field_name, values)
               for field_name, values in chosen.items()}
    table = db.value_mappings
    now = datetime.now(UTC)
    with engine.begin() as conn:
        for field_name, rows in checked.items():
            for source, code in rows.items():
                where = (table.c.kind == kind_name) & (table.c.field == field_name) & (table.c.source == source)
                conn.execute(delete(table).where(where))
                conn.execute(insert(table).values(kind=kind_name, field=field_name, source=source, code=code,
                                                  created_at=now, created_by=user[:120]))
            if rows:  # the count, not the values: the audit log never holds what a file's cells say
                audit.record(conn, audit.MAPPING, user, role, object=f"{kind_name}:{field_name}",
                             detail=t.AUDIT_VALUES_MAPPED.format(count=len(rows)))
    return sum(map(len, checked.values()))


def _checked_values(kind: contract.Kind, field_name: str, chosen: dict[str, str]) -> dict[str, str]:
    """The value mapping of one field as it is kept (values stripped, lower case), once every value and code
    passed the checks of ``save_all_values``. Raises MappingError."""
    f = kind.field(field_name)
    allowed = vocabulary.mappable_codes(f)
    if f.type not in (contract.CODE, contract.CODES) and f.vocabulary != contract.DISTRICT or not allowed:
        raise MappingError(t.MAPPING_NOT_CODES.format(field=f.header))
    wrong = sorted(code for code in chosen.values() if code not in allowed)
    if wrong:
        raise MappingError(t.INVALID_CODE.format(value=wrong[0], allowed=", ".join(allowed)))
    own = {c.lower() for c in allowed}
    rows = {}
    for written, code in chosen.items():
        written = written.strip()
        source = written.lower()
        if not source:
            continue
        if len(source) > MAX_MAPPED_VALUE:
            raise MappingError(t.MAPPING_VALUE_TOO_LONG.format(length=len(source), limit=MAX_MAPPED_VALUE))
        # As written (a name is known by its capitals too) and as kept.
        if personal_value(written) is not None or personal_value(source) is not None or \
                f.vocabulary == contract.DISTRICT and vocabulary.person_marker(source, strict=True) is not None:
            raise MappingError(t.MAPPING_VALUE_PERSONAL)
        if source in own:
            raise MappingError(t.MAPPING_VALUE_IS_CODE.format(field=f.header))
        rows[source] = code
    return rows


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
        audit.record(conn, audit.MAPPING, user, role, object=what, detail=t.AUDIT_MAPPING_FORGOTTEN)
