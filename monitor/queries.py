"""Read side: loads contract tables from the database into typed data frames for the KPI functions."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

import pandas as pd
from sqlalchemy import Connection, Engine, func, select

from monitor import audit, contract, db, fmt, registry
from monitor.scope import Scope
from monitor.source import Archive, FigureSource

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


def load_frame(bind: Engine | Connection, kind_name: str, ags: str | Collection[str] | None = None,
               with_ids: bool = False) -> pd.DataFrame:
    """All rows of one kind (optionally of one Gemeinde, or of several) with the contract's columns; with_ids,
    indexed by the row id (for the retention, which removes rows by id)."""
    kind = contract.kind(kind_name)
    table = db.TABLES[kind_name]
    names = [f.name for f in kind.fields] + (["id"] if with_ids else [])
    query = select(*[table.c[name] for name in names])
    if isinstance(ags, str):
        query = query.where(table.c.ags == ags)
    elif ags is not None:
        query = query.where(table.c.ags.in_(sorted(ags)))
    if isinstance(bind, Connection):
        rows = _columns(bind.execute(query).all(), names)
    else:
        with bind.connect() as conn:
            rows = _columns(conn.execute(query).all(), names)
    if with_ids:
        rows = rows.set_index("id")
    return typed_frame(kind, rows)


def _columns(rows: list, names: list[str]) -> pd.DataFrame:
    """The fetched rows as a frame, built column by column: about twice as fast as from row objects, which was
    more than the query itself for the larger kinds."""
    if not rows:
        return pd.DataFrame(columns=names)
    return pd.DataFrame(dict(zip(names, zip(*rows, strict=True), strict=True)))


def load_all(bind: Engine | Connection, ags: str | None = None, with_ids: bool = False
             ) -> dict[str, pd.DataFrame]:
    return {k.name: load_frame(bind, k.name, ags, with_ids) for k in contract.KINDS}


def load_source(engine: Engine, ags: str) -> FigureSource:
    """Where one Gemeinde's figures come from: its stored rows and its archive (monitor.source)."""
    return load_sources(engine, [ags])[ags]


def load_sources(engine: Engine, gemeinden: Collection[str], kpis: Collection[str] | None = None,
                 period_keys: Collection[str] | None = None) -> dict[str, FigureSource]:
    """``load_source`` of several Gemeinden at once: one query per kind for all of them (a comparison of a
    Landkreis' Gemeinden), split by Gemeinde. With `kpis`, only what those KPIs are computed from: the rows of their
    kinds (registry.kinds_of; the others empty) and their archived figures (of the periods of `period_keys` only,
    if given). Such a source answers those KPIs for those periods, not the periods on offer or the data stand,
    which every kind decides."""
    kinds = None if kpis is None else registry.kinds_of(kpis)
    gemeinden = sorted(set(gemeinden))
    with engine.connect() as conn:
        archives = {ags: load_archive(conn, ags, kpis, period_keys) for ags in gemeinden}
        cut_off = archive_cut_off(conn)
    wanted = [k for k in contract.KINDS if kinds is None or k.name in kinds]
    loaded = {k.name: load_frame(engine, k.name, gemeinden[0] if len(gemeinden) == 1 else gemeinden)
              for k in wanted}
    empty = {k.name: typed_frame(k, pd.DataFrame()) for k in contract.KINDS if k not in wanted}
    sources = {}
    for ags in gemeinden:
        frames = {}
        for k in contract.KINDS:
            if k.name in empty:
                frames[k.name] = empty[k.name].copy()
            elif len(gemeinden) == 1:
                frames[k.name] = loaded[k.name]
            else:
                frame = loaded[k.name]
                frames[k.name] = frame[(frame["ags"] == ags).to_numpy(dtype=bool)].reset_index(drop=True)
        sources[ags] = FigureSource(frames, archives[ags], cut_off)
    return sources


def archive_cut_off(conn: Connection) -> date | None:
    """The cut-off of the archive: periods that begin before it are answered from the archive only (the newest
    retention run's cut-off); None while no run has removed anything."""
    return conn.execute(select(func.max(db.retention_runs.c.cut_off))).scalar_one()


def load_archive(conn: Connection, ags: str, kpis: Collection[str] | None = None,
                 period_keys: Collection[str] | None = None) -> Archive:
    """One Gemeinde's archived figures (counts of people as whole numbers, as computed; of `kpis` and the periods
    of `period_keys` only, if given) and its extent."""
    table, extent = db.kpi_archive, db.kpi_archive_extent
    values: dict[str, dict[str, dict[str, float | None]]] = {}
    query = select(table.c.period, table.c.kpi, table.c.part, table.c.value).where(table.c.ags == ags)
    if kpis is not None:
        query = query.where(table.c.kpi.in_(sorted(kpis)))
    if period_keys is not None:
        query = query.where(table.c.period.in_(sorted(period_keys)))
    rows = conn.execute(query)
    for period, kpi_id, part, value in rows:
        values.setdefault(period, {}).setdefault(kpi_id, {})[part] = _archived_value(kpi_id, part, value)
    for by_kpi in values.values():  # registry order, parts in the order figures() gives them
        for kpi_id in list(by_kpi):
            order = [p.name for p in registry.spec(kpi_id).parts_in(by_kpi[kpi_id])]
            by_kpi[kpi_id] = {p: by_kpi[kpi_id].get(p) for p in order if p in by_kpi[kpi_id]}
    for key in list(values):
        values[key] = {s.id: values[key][s.id] for s in registry.REGISTRY if s.id in values[key]}
    row = conn.execute(select(extent).where(extent.c.ags == ags)).mappings().first()
    if row is None:
        return Archive(values)
    return Archive(values, row["first_day"], row["first_case"], row["stand"], row["cases"])


def _archived_value(kpi_id: str, part: str, value: float | None) -> float | int | None:
    if value is None:
        return None
    if registry.spec(kpi_id).part(part).kind == registry.COUNT and float(value).is_integer():
        return int(value)
    return float(value)


def gemeinden(engine: Engine) -> list[str]:
    """AGS keys that have any case or staffing data, stored or archived, sorted. Read from the row counts the
    imports keep (db.gemeinde_rows) and the archive's extent, never from the data tables themselves."""
    counts = db.gemeinde_rows
    with engine.connect() as conn:
        keys = set(conn.execute(select(counts.c.ags).where(counts.c.kind.in_(("cases", "staffing")),
                                                           counts.c.rows > 0)).scalars())
        keys.update(conn.execute(select(db.kpi_archive_extent.c.ags)).scalars())
    return sorted(keys)


def case_counts(engine: Engine, opened_until: date | None = None) -> dict[str, int]:
    """Number of cases per AGS (all time, or opened on or before `opened_until`), the cases the retention
    removed included (all of them were opened before its cut-off)."""
    table = db.TABLES["cases"]
    query = select(table.c.ags, func.count()).group_by(table.c.ags)
    if opened_until is not None:
        query = query.where(table.c.opened_on <= opened_until)
    extent = db.kpi_archive_extent
    with engine.connect() as conn:
        counts = dict(conn.execute(query).all())
        for ags, removed in conn.execute(select(extent.c.ags, extent.c.cases).where(extent.c.cases > 0)):
            counts[ags] = counts.get(ags, 0) + removed
    return counts


def data_version(engine: Engine) -> int:
    """Changes whenever the data change (0 = never imported): the id of the newest audit entry of an import, an
    undo, a retention run or an expiry of old entries. The audit log is append-only (only entries older than 12
    months expire, and the expiry is itself an entry), so this never goes back, not even when the newest batch is
    undone and its id is used again, nor to 0 when old import entries expire."""
    return _newest_entry(engine, (audit.IMPORT, audit.DELETE, audit.RETENTION, audit.AUDIT_EXPIRED))


def upload_version(engine: Engine) -> int:
    """Changes whenever the judgement of an upload may change: the data (``data_version``) or a remembered
    column or value mapping."""
    return _newest_entry(engine, (audit.IMPORT, audit.DELETE, audit.RETENTION, audit.AUDIT_EXPIRED, audit.MAPPING))


def _newest_entry(engine: Engine, actions: tuple[str, ...]) -> int:
    query = select(func.coalesce(func.max(db.audit_log.c.id), 0)).where(db.audit_log.c.action.in_(actions))
    with engine.connect() as conn:
        return conn.execute(query).scalar_one()


def import_history(engine: Engine, scope: Scope, limit: int = 200) -> pd.DataFrame:
    """The newest import batches (who, when, file, kind, hash, rows), newest first: those whose rows are all of
    Gemeinden in `scope` (a batch imported before the Gemeinden of batches were kept: for every Gemeinde only)."""
    table = db.import_batches
    query = select(table).order_by(table.c.imported_at.desc(), table.c.id.desc())
    if scope.everything:
        query = query.limit(limit)
    with engine.connect() as conn:
        frame = pd.DataFrame(conn.execute(query).mappings().all(), columns=[c.name for c in table.c])
    if not scope.everything:
        mine = [text is not None and all(scope.allows(ags) for ags in text.split(",") if ags)
                for text in frame["gemeinden"]]
        frame = frame[pd.Series(mine, index=frame.index, dtype=bool)].head(limit).reset_index(drop=True)
    return frame.assign(imported_at=fmt.local_times(frame["imported_at"]))
