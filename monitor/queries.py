"""Read side: loads contract tables from the database into typed data frames for the KPI functions."""

from __future__ import annotations

from datetime import date

import pandas as pd
from sqlalchemy import Engine, func, select

from monitor import audit, contract, db, fmt

_DTYPES = {
    contract.INT: "Int64",
    contract.DECIMAL: "Float64",
    contract.BOOL: "boolean",
}


def typed_frame(kind: contract.Kind, rows: pd.DataFrame) -> pd.DataFrame:
    """Give a frame with the kind's columns the dtypes the KPI functions expect."""
    out = pd.DataFrame(index=rows.index)
    for f in kind.fields:
        col = rows[f.name] if f.name in rows else pd.Series(None, index=rows.index, dtype="object")
        if f.type == contract.DATE:
            out[f.name] = pd.to_datetime(col, errors="coerce").astype("datetime64[ns]")
        elif f.type in _DTYPES:
            out[f.name] = col.astype("object").where(col.notna(), None).astype(_DTYPES[f.type])
        else:
            out[f.name] = col.astype("string")
    return out


def load_frame(engine: Engine, kind_name: str, ags: str | None = None) -> pd.DataFrame:
    """All rows of one kind (optionally of one Gemeinde) with the contract's columns."""
    kind = contract.kind(kind_name)
    table = db.TABLES[kind_name]
    query = select(*[table.c[f.name] for f in kind.fields])
    if ags is not None:
        query = query.where(table.c.ags == ags)
    with engine.connect() as conn:
        rows = pd.DataFrame(conn.execute(query).mappings().all(), columns=[f.name for f in kind.fields])
    return typed_frame(kind, rows)


def load_all(engine: Engine, ags: str | None = None) -> dict[str, pd.DataFrame]:
    return {k.name: load_frame(engine, k.name, ags) for k in contract.KINDS}


def gemeinden(engine: Engine) -> list[str]:
    """AGS keys that have any case or staffing data, sorted."""
    keys: set[str] = set()
    with engine.connect() as conn:
        for name in ("cases", "staffing"):
            table = db.TABLES[name]
            keys.update(r[0] for r in conn.execute(select(table.c.ags).distinct()))
    return sorted(keys)


def case_counts(engine: Engine, opened_until: date | None = None) -> dict[str, int]:
    """Number of cases per AGS (all time, or opened on or before `opened_until`)."""
    table = db.TABLES["cases"]
    query = select(table.c.ags, func.count()).group_by(table.c.ags)
    if opened_until is not None:
        query = query.where(table.c.opened_on <= opened_until)
    with engine.connect() as conn:
        return dict(conn.execute(query).all())


def data_version(engine: Engine) -> int:
    """Changes whenever the data change (0 = never imported): the id of the newest audit entry of an import or
    an undo. The audit log is append-only, so this never goes back, not even when the newest batch is undone
    and its id is used again; when old entries expire (audit.expire), the entry saying so counts as well, so the
    version does not go back then either (nor to 0, which would load the demo data on the next start)."""
    return _newest_entry(engine, (audit.IMPORT, audit.DELETE, audit.AUDIT_EXPIRED))


def upload_version(engine: Engine) -> int:
    """Changes whenever the judgement of an upload may change: the data (``data_version``) or a remembered
    column or value mapping."""
    return _newest_entry(engine, (audit.IMPORT, audit.DELETE, audit.AUDIT_EXPIRED, audit.MAPPING))


def _newest_entry(engine: Engine, actions: tuple[str, ...]) -> int:
    query = select(func.coalesce(func.max(db.audit_log.c.id), 0)).where(db.audit_log.c.action.in_(actions))
    with engine.connect() as conn:
        return conn.execute(query).scalar_one()


def import_history(engine: Engine, limit: int = 200) -> pd.DataFrame:
    """The newest import batches (who, when, file, kind, hash, rows), newest first."""
    table = db.import_batches
    query = select(table).order_by(table.c.imported_at.desc(), table.c.id.desc()).limit(limit)
    with engine.connect() as conn:
        frame = pd.DataFrame(conn.execute(query).mappings().all(), columns=[c.name for c in table.c])
    return frame.assign(imported_at=fmt.local_times(frame["imported_at"]))
