"""Targets (Ziele) per Gemeinde, KPI and year, and whether a period's value meets them (docs/ziele.md).

The targets live in the database (table ``targets``), edited on the page Ziele (``save``: checked, audited with
the old and new value). data/ziele.csv seeds an untouched database once (``seed``); ``export_csv`` writes the
same format.

File format (semicolons; UTF-8 with or without BOM, or Windows-1252):

    ags;kpi;jahr;zielwert;richtung
    03351023;K9;2024;0,55;mindestens

``zielwert`` takes a decimal comma or point; ratios are decimals (0,55 = 55 %). ``richtung`` is
``mindestens`` (the value should be at least the target) or ``hoechstens`` (at most). Lines starting with
``#`` and empty lines are ignored.

How a yearly target applies to a shorter period depends on what the KPI measures (its ``target_basis`` in
monitor.registry):

- **ratio** (shares such as K8, K9, K15, K18, and K7's median waiting days) and **stock** (K16: partners active on
  the reference date): the year's target applies unchanged to every quarter of that year and to the year or
  quarter to date, because a share, a median or a count on a reference date does not grow with the length of the
  period.
- **flow** (K12: places placed in the period): a quarter's target is a quarter of the year's target.
  For a period not yet over (year or quarter to date) the flow is still growing, so the status is decided
  only once it is certain: a "mindestens" target already reached is ``met``, otherwise ``open``;
  a "hoechstens" target already exceeded is ``not_met``, otherwise ``open``.
- **caseload** (K2: cases handled per FTE; the benchmark is "per year"): cases handled in a quarter are
  neither the year's number nor a quarter of it (a case open all year counts in every quarter), so
  quarters get **no** target. The year to date is judged like a flow (handled cases only grow), i.e.
  exceeding the yearly maximum already is ``not_met``, anything else is ``open`` until the year is over.

A target belongs to a year; a period belongs to the year it starts in (quarters and years never cross a
year boundary here).
"""

from __future__ import annotations

import csv
import io
import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine, delete, func, insert, select, update

from monitor import audit, db, fmt, registry, settings
from monitor.periods import Period
from monitor.registry import CASELOAD, FLOW

DEFAULT_PATH = settings.DATA_DIR / "ziele.csv"

AT_LEAST, AT_MOST = "mindestens", "hoechstens"
DIRECTIONS = (AT_LEAST, AT_MOST)
COLUMNS = ("ags", "kpi", "jahr", "zielwert", "richtung")
OPTIONAL_COLUMNS = ("quelle", "beschlossen_am", "aktenzeichen")  # where a target comes from (export, seed)

# The basis of each KPI's targets, from the registry.
BASIS = {spec.id: spec.target_basis for spec in registry.REGISTRY}

# Status of a value against its target.
MET, NOT_MET, OPEN, NO_TARGET, NO_VALUE = "met", "not_met", "open", "no_target", "no_value"


class TargetsError(ValueError):
    """The targets file cannot be read; the message is German and names line and column."""


@dataclass(frozen=True)
class Target:
    ags: str
    kpi: str
    year: int
    yearly_value: float  # as in the file
    direction: str  # AT_LEAST or AT_MOST
    value: float  # the target for the period it was looked up for (a quarter's share for flows)
    basis: str
    final: bool  # False: the period is not over and the KPI still grows, so only a decided result counts

    def assess(self, actual) -> str:
        """MET, NOT_MET, OPEN (not decided yet) or NO_VALUE (no actual value)."""
        if actual is None or actual != actual:  # None, NaN
            return NO_VALUE
        actual = float(actual)
        if self.direction == AT_LEAST:
            if actual >= self.value:
                return MET
            return NOT_MET if self.final else OPEN
        if actual > self.value:
            return NOT_MET
        return MET if self.final else OPEN


def _parse_number(text: str) -> float:
    text = text.strip().replace(" ", "")
    if "," in text and "." in text:  # 1.234,5
        text = text.replace(".", "")
    return float(text.replace(",", "."))


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TargetsError("Die Zieldatei ist weder UTF-8 noch Windows-1252.")  # cp1252 decodes almost anything


def parse_targets(raw: bytes | str) -> pd.DataFrame:
    """Parse the targets file. Columns: ags (str), kpi (str), year (int), value (float), direction (str)."""
    text = raw if isinstance(raw, str) else _decode(raw)
    lines = [(n, line) for n, line in enumerate(text.splitlines(), start=1)
             if line.strip() and not line.lstrip().startswith("#")]
    if not lines:
        return _empty()
    header_no, header_line = lines[0]
    header = [h.strip().lower() for h in next(csv.reader([header_line], delimiter=";"))]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise TargetsError(f"Zieldatei, Zeile {header_no}: Spalte(n) fehlen: {', '.join(missing)} "
                           f"(erwartet: {';'.join(COLUMNS)}).")
    rows, seen = [], {}
    for number, line in lines[1:]:
        cells = next(csv.reader(io.StringIO(line), delimiter=";"))
        if len(cells) != len(header):
            raise TargetsError(f"Zieldatei, Zeile {number}: {len(cells)} statt {len(header)} Spalten.")
        cell = {h: c.strip() for h, c in zip(header, cells)}
        ags = cell["ags"].zfill(8)
        if not (ags.isdigit() and len(ags) == 8):
            raise TargetsError(f"Zieldatei, Zeile {number}, Spalte ags: kein Gemeindeschlüssel mit 8 Ziffern.")
        kpi = cell["kpi"].upper()
        if kpi not in BASIS:
            raise TargetsError(f"Zieldatei, Zeile {number}, Spalte kpi: unbekannte Kennzahl "
                               f"(erlaubt: {', '.join(BASIS)}).")
        try:
            year = int(cell["jahr"])
        except ValueError:
            raise TargetsError(f"Zieldatei, Zeile {number}, Spalte jahr: keine Jahreszahl.") from None
        try:
            value = _parse_number(cell["zielwert"])
        except ValueError:
            raise TargetsError(f"Zieldatei, Zeile {number}, Spalte zielwert: keine Zahl.") from None
        if value < 0:
            raise TargetsError(f"Zieldatei, Zeile {number}, Spalte zielwert: darf nicht negativ sein.")
        direction = cell["richtung"].lower().replace("ö", "oe")
        if direction not in DIRECTIONS:
            raise TargetsError(f"Zieldatei, Zeile {number}, Spalte richtung: „mindestens“ oder „hoechstens“ erwartet.")
        if registry.spec(kpi).unit == "ratio" and value > 1:
            raise TargetsError(f"Zieldatei, Zeile {number}, Spalte zielwert: Quoten als Dezimalzahl angeben "
                               f"(0,55 für 55 %).")
        key = (ags, kpi, year)
        if key in seen:
            raise TargetsError(f"Zieldatei, Zeile {number}: {kpi} {year} steht schon in Zeile {seen[key]}.")
        seen[key] = number
        source = cell.get("quelle") or None
        if source is not None and source not in SOURCES:
            raise TargetsError(f"Zieldatei, Zeile {number}, Spalte quelle: erlaubt sind {', '.join(SOURCES)}.")
        try:
            decided = datetime.strptime(cell["beschlossen_am"], "%d.%m.%Y").date() \
                if cell.get("beschlossen_am") else None
        except ValueError:
            raise TargetsError(f"Zieldatei, Zeile {number}, Spalte beschlossen_am: Datum als TT.MM.JJJJ.") from None
        reference = cell.get("aktenzeichen") or None
        if reference is not None and not REFERENCE.match(reference):
            raise TargetsError(f"Zieldatei, Zeile {number}, Spalte aktenzeichen: ein Aktenzeichen wie „DS 2017/045“.")
        rows.append({"ags": ags, "kpi": kpi, "year": year, "value": value, "direction": direction,
                     "source": source, "decided_on": decided, "reference": reference})
    return _typed(pd.DataFrame(rows, columns=["ags", "kpi", "year", "value", "direction", "source", "decided_on",
                                              "reference"]))


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    """The targets' columns typed; where a target has no source, day or reference: None (not NaN)."""
    frame = frame.astype({"ags": "string", "kpi": "string", "year": "int64", "value": "float64",
                          "direction": "string"})
    for column in ("source", "decided_on", "reference"):
        frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    return frame


def _empty() -> pd.DataFrame:
    return pd.DataFrame({"ags": pd.Series(dtype="string"), "kpi": pd.Series(dtype="string"),
                         "year": pd.Series(dtype="int64"), "value": pd.Series(dtype="float64"),
                         "direction": pd.Series(dtype="string"), "source": pd.Series(dtype="object"),
                         "decided_on": pd.Series(dtype="object"), "reference": pd.Series(dtype="object")})


def load_targets(path: Path | str | None = None) -> pd.DataFrame:
    """The targets file (data/ziele.csv by default); a missing file means no targets."""
    path = Path(path) if path is not None else DEFAULT_PATH
    if not path.exists():
        return _empty()
    return parse_targets(path.read_bytes())


def target_for(targets: pd.DataFrame, ags: str, kpi: str, period: Period) -> Target | None:
    """The target that applies to `kpi` in `period` for Gemeinde `ags` (see the module docstring), or None."""
    if targets is None or targets.empty or kpi not in BASIS:
        return None
    rows = targets[(targets["ags"] == ags) & (targets["kpi"] == kpi) & (targets["year"] == period.year)]
    if rows.empty:
        return None
    row = rows.iloc[0]
    basis = BASIS[kpi]
    yearly = float(row["value"])
    value = yearly
    final = True
    if basis == FLOW:
        if period.quarter is not None:
            value = yearly / 4
        final = not period.is_partial
    elif basis == CASELOAD:
        if period.quarter is not None:
            return None
        final = not period.is_partial
    return Target(ags, kpi, period.year, yearly, str(row["direction"]), value, basis, final)


def assess(target: Target | None, actual) -> str:
    """Status of `actual` against `target`: MET, NOT_MET, OPEN, NO_VALUE, or NO_TARGET without a target."""
    if target is None:
        return NO_TARGET
    return target.assess(actual)


# --- the targets in the database (edited on the page "Ziele") ---------------------------------------------------

# Where a target comes from: a code, never free text (with the day of the decision and a file reference).
SOURCES = ("ratsbeschluss", "ausschussbeschluss", "integrationskonzept", "verwaltungsvorgabe", "foerderbedingung")
# A file reference: a short upper-case abbreviation and numbers ("DS 2017/045", "BV-12/2024"), so no name fits in.
REFERENCE = re.compile(r"^[A-ZÄÖÜ]{1,6}[ -]?\d{1,5}([/.-]\d{1,5}){0,2}$")
# The columns of a Gemeinde's targets as the page edits them (and ``save`` takes them).
EDIT_COLUMNS = ("kpi", "year", "direction", "value", "source", "decided_on", "reference")
SEED = "seed"  # the detail of the audit entry of the one-time seed from data/ziele.csv


def from_database(engine: Engine) -> pd.DataFrame:
    """Every target of the database, as ``parse_targets`` gives them (ags, kpi, year, value, direction) with the
    source, the day of the decision and the file reference."""
    table = db.targets
    with engine.connect() as conn:
        rows = conn.execute(select(table.c.ags, table.c.kpi, table.c.year, table.c.value, table.c.direction,
                                   table.c.source, table.c.decided_on, table.c.reference)
                            .order_by(table.c.ags, table.c.kpi, table.c.year)).all()
    frame = pd.DataFrame(rows, columns=["ags", "kpi", "year", "value", "direction", "source", "decided_on",
                                        "reference"])
    return _typed(frame)


def version(engine: Engine) -> int:
    """Changes with every change of a target (the id of the newest audit entry about targets; 0: none)."""
    with engine.connect() as conn:
        return conn.execute(select(func.coalesce(func.max(db.audit_log.c.id), 0))
                            .where(db.audit_log.c.action == audit.TARGET_CHANGED)).scalar_one()


def seed(engine: Engine, path: Path | str | None = None) -> int:
    """Once, on a database whose targets were never touched: the targets of data/ziele.csv (the shipped example or
    what the Gemeinde kept there before). The number of targets stored."""
    if version(engine) != 0:
        return 0
    try:
        frame = load_targets(path)
    except TargetsError:  # the start goes on without targets; the next start tries again
        logging.getLogger(__name__).exception("data/ziele.csv cannot be read: no targets stored")
        return 0
    now = datetime.now(UTC)
    with engine.begin() as conn:
        if conn.execute(select(func.count()).select_from(db.targets)).scalar_one():
            return 0
        if len(frame):
            conn.execute(insert(db.targets), [
                {"ags": r.ags, "kpi": r.kpi, "year": int(r.year), "value": float(r.value), "direction": r.direction,
                 "source": r.source, "decided_on": r.decided_on, "reference": r.reference,
                 "changed_at": now, "changed_by": audit.SYSTEM} for r in frame.itertuples()])
        audit.record(conn, audit.TARGET_CHANGED, audit.SYSTEM, object=Path(path or DEFAULT_PATH).name,
                     row_count=len(frame), detail=SEED, at=now)
    return len(frame)


def _described(direction: str, value: float) -> str:
    from monitor.texts import ui

    return f"{ui.DIRECTION[direction]} {fmt.number(value, 0 if float(value).is_integer() else 2)}"


def check_rows(rows: pd.DataFrame) -> tuple[list[dict], list[str]]:
    """A Gemeinde's targets as edited (EDIT_COLUMNS; a row without a KPI is left out): the clean rows, and German
    errors that name the row (counted from 1, as the table shows it) and the column."""
    from monitor.texts import ui

    clean, errors, seen = [], [], {}
    for number, row in enumerate(rows.to_dict("records"), start=1):
        kpi = row.get("kpi")
        if fmt.is_missing(kpi):
            continue

        found: list[str] = []

        def error(column: str, message: str, row: int = number, found: list[str] = found) -> None:
            found.append(ui.TARGET_ERROR.format(row=row, column=ui.TARGET_COLUMNS[column], message=message))

        if kpi not in BASIS:
            error("kpi", ui.TARGET_BAD_KPI)
            errors += found
            continue
        year, value, direction = row.get("year"), row.get("value"), row.get("direction")
        if fmt.is_missing(year) or not 2000 <= int(year) <= 2100:
            error("year", ui.TARGET_BAD_YEAR)
        if direction not in DIRECTIONS:
            error("direction", ui.TARGET_BAD_DIRECTION)
        if fmt.is_missing(value) or float(value) < 0:
            error("value", ui.TARGET_BAD_VALUE)
        elif registry.spec(kpi).unit == "ratio" and float(value) > 1:
            error("value", ui.TARGET_BAD_RATIO)
        source, reference, decided = row.get("source"), row.get("reference"), row.get("decided_on")
        if not fmt.is_missing(source) and source not in SOURCES:
            error("source", ui.TARGET_BAD_SOURCE)
        reference = None if fmt.is_missing(reference) or not str(reference).strip() else str(reference).strip()
        if reference is not None and not REFERENCE.match(reference):
            error("reference", ui.TARGET_BAD_REFERENCE)
        if not fmt.is_missing(year) and (kpi, int(year)) in seen:
            error("year", ui.TARGET_TWICE.format(other=seen[(kpi, int(year))]))
        elif not fmt.is_missing(year):
            seen[(kpi, int(year))] = number
        if found:
            errors += found
            continue
        clean.append({"kpi": kpi, "year": int(year), "direction": direction, "value": float(value),
                      "source": None if fmt.is_missing(source) else source,
                      "decided_on": None if fmt.is_missing(decided) else pd.Timestamp(decided).date(),
                      "reference": reference})
    return clean, errors


def save(engine: Engine, ags: str, rows: pd.DataFrame, actor: str) -> list[str]:
    """Replace the Gemeinde's targets by `rows` (as edited; checked by ``check_rows``, TargetsError with every
    German error otherwise), in one transaction; each target added, changed or removed gets an audit entry with
    its old and new value. The changes, in German, for the page."""
    from monitor.texts import ui

    clean, errors = check_rows(rows)
    if errors:
        raise TargetsError("\n".join(errors))
    table, now = db.targets, datetime.now(UTC)
    changes = []
    with engine.begin() as conn:
        before = {(r.kpi, r.year): r for r in conn.execute(select(table).where(table.c.ags == ags)).all()}
        after = {(r["kpi"], r["year"]): r for r in clean}
        for key in sorted(before.keys() | after.keys()):
            old, new = before.get(key), after.get(key)
            fields = ("direction", "value", "source", "decided_on", "reference")
            if old is not None and new is not None and all(getattr(old, f) == new[f] for f in fields):
                continue
            label = f"{key[0]} {key[1]}"
            if new is None:
                conn.execute(delete(table).where(table.c.id == old.id))
                detail = ui.TARGET_REMOVED.format(old=_described(old.direction, old.value))
            elif old is None:
                conn.execute(insert(table).values(ags=ags, changed_at=now, changed_by=actor, **new))
                detail = ui.TARGET_ADDED.format(new=_described(new["direction"], new["value"]))
            else:
                conn.execute(update(table).where(table.c.id == old.id).values(changed_at=now, changed_by=actor,
                                                                              **new))
                detail = ui.TARGET_CHANGED.format(old=_described(old.direction, old.value),
                                                  new=_described(new["direction"], new["value"]))
            audit.record(conn, audit.TARGET_CHANGED, actor, object=f"{ags} {label}", detail=detail, at=now)
            changes.append(f"{label}: {detail}")
    return changes


def export_csv(frame: pd.DataFrame) -> bytes:
    """Targets in the format of data/ziele.csv (semicolons, decimal comma, UTF-8 with BOM), with where each comes
    from; ``parse_targets`` reads it back."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([*COLUMNS, *OPTIONAL_COLUMNS])
    for r in frame.itertuples():
        writer.writerow([r.ags, r.kpi, int(r.year), f"{float(r.value):g}".replace(".", ","), r.direction,
                         "" if fmt.is_missing(r.source) else r.source,
                         "" if fmt.is_missing(r.decided_on) else fmt.date_de(r.decided_on),
                         "" if fmt.is_missing(r.reference) else r.reference])
    return out.getvalue().encode("utf-8-sig")
