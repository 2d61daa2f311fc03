"""Official context statistics: what an imported table is, how it is stored and undone, and what the pages ask of it.

A table (ContextTable) is one official file as etl.context read it: where it comes from (source, table code, title,
reference dates, licence and the attribution the licence asks for) and its figures as a tidy frame, one row per
region, reference date and variable. A placeholder of the file (`-`, `.`, `x`, ...) is a missing value, never 0.

Region keys are strings with their leading zeros. Their length tells the level (`region_key`): `DG` Germany,
2 digits a Land, 3 a Regierungsbezirk or Statistische Region, 5 a Kreis, 8 a Gemeinde, 9 a Gemeindeverband. Rows
of every level are kept with their level, so that a sum over the Kreise of a Land never counts a subtotal twice.

Storage: each file is a row of context_files, once per SHA-256 (the same bytes again change nothing), with its
figures in context_values; storing several files is one transaction with one audit entry per file, and so is
removing one (`remove`). Queries take, for one region, reference date and variable, the figure of the newest
imported file that has it, and return its source, licence and attribution with it (docs/kontext.md).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pandas as pd
from sqlalchemy import Engine, delete, func, insert, select
from sqlalchemy.exc import DBAPIError

from monitor import audit, db
from monitor.texts import kontext as t

SOURCES = ("genesis", "regionalstatistik", "ba", "gemeindeverzeichnis")
LEVELS = ("bund", "land", "bezirk", "kreis", "verband", "gemeinde")
COLUMNS = ["region_key", "region_name", "level", "reference_date", "variable", "value"]
GERMANY = "DG"
POPULATION = "population"
OBJECT_PREFIX = "kontext:"  # audit object of a context file: "kontext:<file name>"

_LEVEL_BY_LENGTH = {2: "land", 3: "bezirk", 5: "kreis", 8: "gemeinde", 9: "verband"}
_DIGITS = re.compile(r"\d+")
LAENDER = 16


class ContextError(ValueError):
    """A German message: why a context file cannot be read, stored or removed."""


def region_key(raw: str) -> tuple[str, str] | None:
    """A region key as a file writes it -> (key with its leading zeros, level), or None if it is none.

    `DG` is Germany. A key that a spreadsheet stored as a number lost its leading zero (Länder 01-09 begin with
    0); it is repaired by its length: 1 digit -> Land (2), 4 -> Kreis (5), 7 -> Gemeinde (8). Two digits are a
    Land up to 16, else a Regierungsbezirk whose zero was lost (`31` -> `031`): Schleswig-Holstein (01) has no
    Regierungsbezirke, so `1x` is never one. A trailing `.0` (a number written by a spreadsheet) is dropped.
    A key whose Land is not 01-16 is None."""
    key = raw.strip().strip('"').strip()
    if key.upper() == GERMANY:
        return GERMANY, "bund"
    if key.endswith(".0") and _DIGITS.fullmatch(key[:-2]):
        key = key[:-2]
    if not _DIGITS.fullmatch(key):
        return None
    length = len(key)
    if length in (1, 4, 7):
        key = "0" + key
    elif length == 2 and int(key) > LAENDER:
        key = "0" + key
    level = _LEVEL_BY_LENGTH.get(len(key))
    if level is None or not 1 <= int(key[:2]) <= LAENDER:
        return None
    return key, level


@dataclass(frozen=True)
class ContextTable:
    """One official file, read: where it comes from and its figures (COLUMNS, one row per region, date, variable)."""

    source: str
    table_code: str | None
    title: str
    licence: str
    attribution: str
    values: pd.DataFrame
    file_name: str
    sha256: str

    @property
    def reference_dates(self) -> tuple[date, ...]:
        return tuple(sorted(set(self.values["reference_date"])))

    def regions(self, level: str | None = None) -> pd.DataFrame:
        """Key, name and level of each region of the table (of one level if given), in file order."""
        frame = self.values[["region_key", "region_name", "level"]].drop_duplicates("region_key")
        return frame if level is None else frame[frame["level"] == level]


@dataclass(frozen=True)
class StoreResult:
    file_id: int
    file_name: str
    stored: bool  # False: the same bytes were stored before (file_id is that file's)
    values: int
    regions: int


def store(engine: Engine, tables: list[ContextTable], actor: str, role: str | None = None) -> list[StoreResult]:
    """Store the tables in one transaction, each with an audit entry; a file stored before (by its SHA-256) is
    left as it is. Raises ContextError (German) when the database refuses, and then nothing is stored."""
    results = []
    try:
        with engine.begin() as conn:
            for table in tables:
                known = conn.execute(select(db.context_files.c.id, db.context_files.c.value_count)
                                     .where(db.context_files.c.file_sha256 == table.sha256)).first()
                if known is not None:
                    results.append(StoreResult(known.id, table.file_name, False, known.value_count,
                                               len(table.regions())))
                    continue
                dates = table.reference_dates
                file_id = conn.execute(insert(db.context_files).values(
                    source=table.source, table_code=table.table_code, title=table.title[:255],
                    first_date=dates[0], reference_date=dates[-1], licence=table.licence,
                    attribution=table.attribution, file_name=table.file_name[:255], file_sha256=table.sha256,
                    value_count=len(table.values), imported_at=datetime.now(UTC), imported_by=actor[:120],
                ).returning(db.context_files.c.id)).scalar_one()
                rows = [{**row, "file_id": file_id, "region_name": row["region_name"][:120],
                         "value": None if _missing(row["value"]) else float(row["value"])}
                        for row in table.values[COLUMNS].to_dict("records")]
                for start in range(0, len(rows), 5000):
                    conn.execute(insert(db.context_values), rows[start:start + 5000])
                audit.record(conn, audit.IMPORT, actor, role, object=f"{OBJECT_PREFIX}{table.file_name}",
                             file_sha256=table.sha256, row_count=len(rows),
                             detail=f"{table.source} {table.table_code or '-'}")
                results.append(StoreResult(file_id, table.file_name, True, len(rows), len(table.regions())))
    except DBAPIError:
        names = ", ".join(table.file_name for table in tables)
        raise ContextError(t.STORE_FAILED.format(file=names)) from None
    return results


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def remove(engine: Engine, file_id: int, actor: str, role: str | None = None) -> StoreResult:
    """Remove a stored file with all its figures, in one transaction with an audit entry. ContextError if unknown."""
    files, values = db.context_files, db.context_values
    try:
        with engine.begin() as conn:
            found = conn.execute(select(files).where(files.c.id == file_id)).mappings().first()
            if found is None:
                raise ContextError(t.UNKNOWN_FILE.format(id=file_id))
            regions = conn.execute(select(func.count(func.distinct(values.c.region_key)))
                                   .where(values.c.file_id == file_id)).scalar_one()
            removed = conn.execute(delete(values).where(values.c.file_id == file_id)).rowcount
            conn.execute(delete(files).where(files.c.id == file_id))
            audit.record(conn, audit.DELETE, actor, role, object=f"{OBJECT_PREFIX}{found['file_name']}",
                         file_sha256=found["file_sha256"], row_count=removed,
                         detail=f"Kontextdatei {file_id} entfernt: {removed} Werte")
    except DBAPIError:
        raise ContextError(t.UNDO_FAILED.format(id=file_id)) from None
    return StoreResult(file_id, found["file_name"], False, removed, regions)


def files(engine: Engine) -> pd.DataFrame:
    """The stored files, oldest first: id, source, table_code, title, first_date, reference_date, licence,
    attribution, file_name, value_count, imported_at, imported_by."""
    table = db.context_files
    columns = [c for c in table.c if c.name != "file_sha256"]
    with engine.connect() as conn:
        rows = conn.execute(select(*columns).order_by(table.c.id)).mappings().all()
    frame = pd.DataFrame(rows, columns=[c.name for c in columns]).astype({"table_code": object})
    frame["table_code"] = frame["table_code"].where(frame["table_code"].notna(), None)
    return frame


@dataclass(frozen=True)
class Figure:
    """One figure with where it comes from (what a page must show next to it)."""

    region_key: str
    region_name: str
    level: str
    reference_date: date
    variable: str
    value: float | None
    source: str
    table_code: str | None
    licence: str
    attribution: str


def _key(region: str) -> str:
    found = region_key(region)
    return found[0] if found else region


_SERIES_COLUMNS = ["reference_date", "value", "region_name", "level", "source", "table_code", "licence",
                   "attribution", "file_id"]


def series(engine: Engine, region: str, variable: str) -> pd.DataFrame:
    """A variable of one region over the reference dates, oldest first: reference_date, value (NaN where the
    source has a placeholder), region_name, level, source, table_code, licence, attribution, file_id. Where
    several files have the same date, the newest imported file's figure is taken."""
    return series_of(engine, [region], variable).get(_key(region), _series_frame([]))


def series_of(engine: Engine, regions: list[str], variable: str) -> dict[str, pd.DataFrame]:
    """``series`` of several regions at once (one query), by region key; a region without figures has none."""
    values, files_ = db.context_values, db.context_files
    keys = sorted({_key(region) for region in regions})
    query = (select(values.c.region_key, values.c.reference_date, values.c.value, values.c.region_name,
                    values.c.level, files_.c.source, files_.c.table_code, files_.c.licence, files_.c.attribution,
                    values.c.file_id)
             .join(files_, files_.c.id == values.c.file_id)
             .where(values.c.region_key.in_(keys), values.c.variable == variable)
             .order_by(values.c.region_key, values.c.reference_date, values.c.file_id.desc()))
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    by_region: dict[str, list] = {}
    for row in rows:
        by_region.setdefault(row[0], []).append(tuple(row[1:]))
    return {key: _series_frame(found) for key, found in by_region.items()}


def _series_frame(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=_SERIES_COLUMNS).drop_duplicates("reference_date", keep="first")
    frame["value"] = pd.to_numeric(frame["value"], errors="coerce").astype(float)
    return frame.reset_index(drop=True)


def figure(engine: Engine, region: str, variable: str, at: date | None = None) -> Figure | None:
    """The variable's newest figure of the region on or before `at` (the newest of all without `at`); None if
    there is none. A placeholder is skipped: the figure is the newest known value."""
    frame = series(engine, region, variable)
    frame = frame[frame["value"].notna()]
    if at is not None:
        frame = frame[frame["reference_date"] <= at]
    if frame.empty:
        return None
    row = frame.iloc[-1]
    return Figure(_key(region), row["region_name"], row["level"], row["reference_date"], variable,
                  float(row["value"]), row["source"], row["table_code"], row["licence"], row["attribution"])


def population(engine: Engine, region: str, at: date | None = None) -> Figure | None:
    """Inhabitants of a Gemeinde, Kreis or Land on the newest reference date on or before `at` (or the newest)."""
    return figure(engine, region, POPULATION, at)


def per_thousand(count: float | None, inhabitants: float | None) -> float | None:
    """`count` per 1,000 inhabitants, or None when either is missing or there are no inhabitants."""
    if count is None or inhabitants is None or _missing(count) or _missing(inhabitants) or inhabitants <= 0:
        return None
    return count * 1000.0 / inhabitants


def rate(engine: Engine, region: str, variable: str, at: date | None = None) -> float | None:
    """A variable's newest figure of the region per 1,000 inhabitants on the same reference date (or, if the
    population has none for that day, the newest population before it)."""
    found = figure(engine, region, variable, at)
    if found is None:
        return None
    base = population(engine, region, found.reference_date)
    return per_thousand(found.value, base.value if base else None)
