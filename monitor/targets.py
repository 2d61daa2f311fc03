"""Targets (Ziele) per Gemeinde, KPI and year, from data/ziele.csv, and whether a period's value meets them.

File format (edited by the Gemeinde; semicolons; UTF-8 with or without BOM, or Windows-1252):

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
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from monitor import registry, settings
from monitor.periods import Period
from monitor.registry import CASELOAD, FLOW

DEFAULT_PATH = settings.DATA_DIR / "ziele.csv"

AT_LEAST, AT_MOST = "mindestens", "hoechstens"
DIRECTIONS = (AT_LEAST, AT_MOST)
COLUMNS = ("ags", "kpi", "jahr", "zielwert", "richtung")

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
        rows.append({"ags": ags, "kpi": kpi, "year": year, "value": value, "direction": direction})
    return pd.DataFrame(rows, columns=["ags", "kpi", "year", "value", "direction"]).astype(
        {"ags": "string", "kpi": "string", "year": "int64", "value": "float64", "direction": "string"})


def _empty() -> pd.DataFrame:
    return pd.DataFrame({"ags": pd.Series(dtype="string"), "kpi": pd.Series(dtype="string"),
                         "year": pd.Series(dtype="int64"), "value": pd.Series(dtype="float64"),
                         "direction": pd.Series(dtype="string")})


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
