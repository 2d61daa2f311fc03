"""Official context statistics as they are downloaded: bytes and file name -> monitor.context.ContextTable.

Pure: nothing is stored here (`import_files` parses every file first, then monitor.context.store writes all of
them in one transaction). The layout is read, not one file's shape, so that other tables of the same sources work
(docs/kontext.md):

1. Decoding: UTF-8 with BOM, UTF-8, then Windows-1252 (a superset of the ISO-8859-1 of GENESIS exports), then
   ISO-8859-1. The delimiter is the one of `;` `,` tab that gives the first records most cells.
2. The Gemeindeverzeichnis (a header row with `satzart` and the parts of the key `land`, `rb`, `kreis`, `vb`,
   `gem`/`gemeinde`) is read by its column names; its record type (10 Land ... 60 Gemeinde) builds the key.
3. Every other file is a statistics table: optional metadata lines (text in the first cell only: table code,
   title, the variable with its unit, a reference date), header rows (a cell per value column: a reference date
   or year, a dimension name like `Stichtag`, a label like `männlich`), data rows (a region key, its name, maybe
   indented, a value per column; a column left of the key may hold each row's date) and a footer (copyright,
   licence, notes). The key column is the one whose cells are most often distinct region keys followed by a
   name.
4. The source comes from the content: the Bundesagentur für Arbeit named in the text -> `ba`; a copyright of the
   Statistische Ämter des Bundes und der Länder, or a table code like 12411-01-01-4 -> `regionalstatistik`; of
   the Statistisches Bundesamt, or a code like 12411-0015 -> `genesis`; without either, the Regionaldatenbank's
   own marks (the key `DG`, region names indented by their level) -> `regionalstatistik`.
5. Cells: placeholders (`-` `.` `x` `...` `/` `*` and empty) are missing values, never 0; German numbers
   (`1.234`, `1.234,5`, `63,26`), a decimal point where no thousands dot can be meant (`63.26`), and the
   Gemeindeverzeichnis' space thousands separators (`13 430`). Keys are repaired to their length class
   (monitor.context.region_key) and each row gets its level.

A file that is none of these layouts, or is broken (cut off, a row short of cells, a header without a reference
date, a cell that is no number) raises ContextError with the file, line and column, in German.
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import hashlib
import io
import re
import statistics
import unicodedata
from dataclasses import dataclass
from datetime import date

import pandas as pd

from etl.identifying import file_name_for_record
from monitor import context as ctx
from monitor.context import ContextError, ContextTable
from monitor.texts import kontext as t

__all__ = ["ContextError", "decode", "import_files", "number", "parse"]

PLACEHOLDERS = frozenset({"", "-", ".", "x", "X", "...", "…", "/", "*", "–", "—"})
DELIMITERS = (";", "\t", ",")
SNIFF_RECORDS = 40
# Dimension names in a header row: they say what the row of dates is, not what is counted.
TIME_WORDS = frozenset({"stichtag", "jahr", "jahre", "berichtsjahr", "zeit", "monat", "berichtsmonat", "zeitpunkt",
                        "quartal", "merkmal", "regionalschluessel", "schluessel", "region", "kreis", "kreise",
                        "stadt", "gemeinde", "name", "ags", "kennziffer", "code", "datum"})
# Units in a header row (a row under the variables' names): not part of the variable's code.
UNIT_WORDS = frozenset({"anzahl", "prozent", "euro", "tsd", "tsd_euro", "km2", "qkm", "ha", "personen", "1000"})
# German labels (normalised: ASCII, lower case, `_`) -> stable variable codes; others become their slug.
VARIABLES = {
    "bevoelkerungsstand": "population", "bevoelkerung": "population", "einwohner": "population",
    "schutzsuchende": "protection_seekers", "flaeche": "area_km2", "arbeitslose": "unemployed",
    "arbeitslose_insgesamt": "unemployed", "sozialversicherungspflichtig_beschaeftigte": "employees",
    "auslaender": "foreigners", "auslaendische_bevoelkerung": "foreigners",
}
QUALIFIERS = {
    "insgesamt": "", "zusammen": "", "maennlich": "male", "weiblich": "female", "auslaender": "foreign",
    "deutsche": "german", "schutzsuchende": "protection_seekers", "unter_25_jahren": "under_25",
    "unter_25_jahre": "under_25", "langzeitarbeitslose": "long_term",
}
MONTHS = {"januar": 1, "jaenner": 1, "februar": 2, "maerz": 3, "april": 4, "mai": 5, "juni": 6, "juli": 7,
          "august": 8, "september": 9, "oktober": 10, "november": 11, "dezember": 12}
GV_RECORD_TYPES = {10: "land", 20: "bezirk", 40: "kreis", 50: "verband", 60: "gemeinde"}
GV_VALUES = {"flaeche": "area_km2", "bevoelkerung": "population", "maennlich": "population_male",
             "weiblich": "population_female", "jekm2": "population_density"}
GV_TABLE_CODE = "GV-ISys"
LICENCE_BA = "Nutzung mit Quellenangabe „Statistik der Bundesagentur für Arbeit“"
DEFAULT_LICENCE = {"genesis": t.LICENCE_DL_DE_BY_2_0, "regionalstatistik": t.LICENCE_DL_DE_BY_2_0,
                   "gemeindeverzeichnis": t.LICENCE_DL_DE_BY_2_0, "ba": LICENCE_BA}
DEFAULT_ATTRIBUTION = {"genesis": t.ATTRIBUTION_DESTATIS, "regionalstatistik": t.ATTRIBUTION_LAENDER,
                       "gemeindeverzeichnis": t.ATTRIBUTION_DESTATIS, "ba": t.ATTRIBUTION_BA}

_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_YEAR = re.compile(r"(?:19|20)\d{2}")
_MONTH_YEAR = re.compile(r"([A-Za-zÄÖÜäöü]+)\s+((?:19|20)\d{2})")
_REGIONAL_CODE = re.compile(r"\d{5}-\d{2}-\d{2}-\d")
_GENESIS_CODE = re.compile(r"\d{5}-\d{4}")
_ANY_CODE = re.compile(r"\d{5}(?:-[0-9A-Za-z]+)*")
_NAME_CODE = re.compile(r"(?<![\d-])(\d{5}(?:-\d{2}-\d{2}-\d|-\d{4})?)(?![\d-])")
_NAME_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_THOUSANDS = re.compile(r"[-+]?\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_COMMA_DECIMAL = re.compile(r"[-+]?\d+(?:,\d+)?")
_POINT_DECIMAL = re.compile(r"[-+]?\d+(?:\.\d+)?")
_VARIABLE_LINE = re.compile(r"(.+?)\s*\(([^()]+)\)\s*$")  # "Bevölkerungsstand (Anzahl)"
_FOOTER_RULE = re.compile(r"_{3,}")


@dataclass(frozen=True)
class _Row:
    line: int  # the file line the record starts on (1 = first line)
    cells: list[str]

    def cell(self, index: int) -> str:
        return self.cells[index].strip() if index < len(self.cells) else ""


class _At:
    """Where a problem is: the file, and maybe its line and column."""

    def __init__(self, file_name: str) -> None:
        self.file = file_name

    def error(self, message: str, line: int | None = None, column: str | None = None) -> ContextError:
        if line is None:
            return ContextError(t.AT_FILE.format(file=self.file, message=message))
        if column is None:
            return ContextError(t.AT_LINE.format(file=self.file, line=line, message=message))
        return ContextError(t.AT_LINE_COLUMN.format(file=self.file, line=line, column=column, message=message))


# --- text ---

def decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding it was read with: UTF-8 with BOM, UTF-8, Windows-1252, ISO-8859-1."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="strict"), "utf-8-sig"
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return data.decode("iso-8859-1"), "iso-8859-1"


def _records(text: str, delimiter: str, limit: int | None = None) -> list[_Row]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows, start = [], 1
    for cells in reader:
        rows.append(_Row(start, cells))
        start = reader.line_num + 1
        if limit is not None and len(rows) >= limit:
            break
    return rows


def _delimiter(text: str) -> str:
    def cells(delimiter: str) -> float:
        sample = [len(r.cells) for r in _records(text, delimiter, SNIFF_RECORDS) if r.cells]
        return statistics.median(sample) if sample else 0

    return max(DELIMITERS, key=cells)


def _norm(text: str) -> str:
    """ASCII, lower case, words joined by `_`: `Männlich` -> `maennlich`, `unter 25 Jahren` -> `unter_25_jahren`."""
    text = text.strip().lower()
    for umlaut, ascii_ in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(umlaut, ascii_)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "_".join(re.findall(r"[a-z0-9]+", text))


def number(cell: str, decimal_point: bool = False) -> float:
    """A cell as a number: NaN for a placeholder (never 0). German thousands dots and decimal commas; spaces as
    thousands separators; with `decimal_point` (areas of the Gemeindeverzeichnis) or where no thousands dot can
    be meant (`63.26`) a point is a decimal point. Raises ValueError for anything else."""
    text = cell.strip()
    if text in PLACEHOLDERS:
        return float("nan")
    text = text.replace("\u00a0", "").replace(" ", "").replace("\u202f", "")
    if not decimal_point and _THOUSANDS.fullmatch(text):
        return float(text.replace(".", "").replace(",", "."))
    if "," in text and _THOUSANDS.fullmatch(text):
        return float(text.replace(".", "").replace(",", "."))
    if _COMMA_DECIMAL.fullmatch(text):
        return float(text.replace(",", "."))
    if _POINT_DECIMAL.fullmatch(text):
        return float(text)
    raise ValueError(cell)


def _date_in(text: str, year_end: bool = True) -> date | None:
    """A reference date in a cell or line: 31.12.2018, 2018-12-31, `Dezember 2018` (the month's last day) or a
    year alone (its 31 December)."""
    text = text.strip()
    if found := _DATE.search(text):
        day, month, year = (int(g) for g in found.groups())
        return _valid(year, month, day)
    if found := _ISO_DATE.search(text):
        year, month, day = (int(g) for g in found.groups())
        return _valid(year, month, day)
    if found := _MONTH_YEAR.search(text):
        month = MONTHS.get(_norm(found.group(1)))
        if month:
            return _month_end(int(found.group(2)), month)
    if year_end and _YEAR.fullmatch(text):
        return date(int(text), 12, 31)
    return None


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_end(year: int, month: int) -> date:
    following = date(year + month // 12, month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


# --- the layouts ---

def parse(data: bytes, file_name: str, reference_date: date | None = None) -> ContextTable:
    """Read one downloaded file. `reference_date` is used only where the file names none. Raises ContextError."""
    at = _At(file_name)
    if not data.strip():
        raise at.error(t.EMPTY)
    if b"\x00" in data[:4096]:
        raise at.error(t.UNREADABLE)
    text, _encoding = decode(data)
    rows = _records(text, _delimiter(text))
    sha = hashlib.sha256(data).hexdigest()
    gv_header = _gv_header(rows)
    if gv_header is not None:
        return _gemeindeverzeichnis(rows, gv_header, at, file_name, sha, reference_date)
    return _statistics_table(rows, at, file_name, sha, reference_date)


def _gv_name(cell: str) -> str:
    """A column name of the Gemeindeverzeichnis without spaces and hyphens: `Satz-art` -> `satzart`."""
    return _norm(cell).replace("_", "")


def _gv_header(rows: list[_Row]) -> int | None:
    for index, row in enumerate(rows[:SNIFF_RECORDS]):
        names = {_gv_name(cell) for cell in row.cells}
        if "satzart" in names and ("gemeindename" in names or "gem" in names or "gemeinde" in names):
            return index
    return None


def _gemeindeverzeichnis(rows, header_index, at, file_name, sha, reference_date) -> ContextTable:
    header = rows[header_index]
    names = [_gv_name(cell) for cell in header.cells]

    def column(*candidates: str, required: bool = True, prefix: bool = False) -> int | None:
        for candidate in candidates:
            if candidate in names:
                return names.index(candidate)
        for candidate in candidates if prefix else ():  # `Fläche km2`, `Bevölkerung insgesamt`
            for index, found in enumerate(names):
                if found.startswith(candidate):
                    return index
        if required:
            raise at.error(t.GV_MISSING_COLUMN.format(column=candidates[0]), header.line)
        return None

    kind, land, rb, kreis = column("satzart"), column("land"), column("rb"), column("kreis")
    vb, gem = column("vb", required=False), column("gem", "gemeinde")
    name = column("gemeindename", "name")
    values = {code: index for label, code in GV_VALUES.items()
              if (index := column(label, required=False, prefix=True)) is not None}
    if "population" not in values:
        raise at.error(t.GV_MISSING_COLUMN.format(column="bevoelkerung"), header.line)
    date_ = reference_date or _date_before(rows[:header_index]) or _date_from_name(file_name)
    if date_ is None:
        raise at.error(t.NO_DATE, header.line)
    records = []
    for row in rows[header_index + 1:]:
        if not any(cell.strip() for cell in row.cells):
            continue
        record_type = row.cell(kind)
        if not record_type.isdigit():
            break  # notes after the table
        if len(row.cells) < len(header.cells):
            raise at.error(t.TRUNCATED_ROW.format(found=len(row.cells), expected=len(header.cells)), row.line)
        level = GV_RECORD_TYPES.get(int(record_type))
        cells = {code: row.cell(index) for code, index in values.items()}
        if level is None or not any(cells.values()):
            continue  # a heading of the hierarchy (or a record type without figures)
        key = _gv_key(row, level, land, rb, kreis, vb, gem)
        region = ctx.region_key(key) if key else None
        if region is None:
            raise at.error(t.BAD_KEY.format(value=key), row.line, header.cells[land])
        for code, cell in cells.items():
            try:
                value = number(cell, decimal_point=code == "area_km2")
            except ValueError:
                raise at.error(t.BAD_NUMBER.format(value=cell.strip()), row.line,
                               header.cells[values[code]]) from None
            records.append((region[0], row.cell(name), region[1], date_, code, value))
    return _table("gemeindeverzeichnis", GV_TABLE_CODE, t.TITLE_GV, "", records, at, file_name, sha,
                  first_line=header.line)


def _gv_key(row: _Row, level: str, land: int, rb: int, kreis: int, vb: int | None, gem: int) -> str | None:
    parts = [(land, 2)] + ([(rb, 1)] if level != "land" else []) + (
        [(kreis, 2)] if level in ("kreis", "verband", "gemeinde") else []) + (
        [(vb, 4)] if level == "verband" else []) + ([(gem, 3)] if level == "gemeinde" else [])
    key = ""
    for index, width in parts:
        if index is None:
            return None
        cell = row.cell(index)
        if not cell.isdigit() or len(cell) > width:
            return None
        key += cell.zfill(width)
    return key


def _date_before(rows: list[_Row]) -> date | None:
    for row in rows:
        for cell in row.cells:
            if found := _date_in(cell, year_end=False):
                return found
    return None


def _date_from_name(file_name: str) -> date | None:
    found = _NAME_YEAR.search(file_name)
    return date(int(found.group(1)), 12, 31) if found else None


def _is_name(cell: str) -> bool:
    cell = cell.strip()
    return bool(cell) and any(ch.isalpha() for ch in cell)


def _key_column(rows: list[_Row]) -> int | None:
    """The column of region keys: of the first three, the one with most distinct keys followed by a name."""
    best, best_count = None, 0
    for index in range(3):
        keys = {found[0] for row in rows if _is_name(row.cell(index + 1))
                and (found := ctx.region_key(row.cell(index))) is not None}
        if len(keys) > best_count:
            best, best_count = index, len(keys)
    return best if best_count >= 1 else None


def _statistics_table(rows, at, file_name, sha, reference_date) -> ContextTable:
    key_col = _key_column(rows)
    if key_col is None:
        raise at.error(t.UNKNOWN_LAYOUT)
    name_col = key_col + 1

    def is_data(row: _Row) -> bool:
        return ctx.region_key(row.cell(key_col)) is not None and _is_name(row.cell(name_col))

    data_index = [i for i, row in enumerate(rows) if is_data(row)]
    first, last = data_index[0], data_index[-1]
    # Header rows: the rows just above the data with a cell right of the key column; above them, metadata.
    def is_header(row: _Row) -> bool:
        return any(cell.strip() for cell in row.cells[key_col + 1:])

    def is_empty(row: _Row) -> bool:
        return not any(cell.strip() for cell in row.cells)

    header_start = first
    while header_start > 0 and (is_header(rows[header_start - 1]) or (
            header_start > 1 and is_empty(rows[header_start - 1]) and is_header(rows[header_start - 2]))):
        header_start -= 1
    metadata, headers = rows[:header_start], rows[header_start:first]
    footer = rows[last + 1:]
    text_lines = [cell.strip() for row in metadata + footer for cell in row.cells if cell.strip()]
    width = max([len(row.cells) for row in headers] + [len(rows[first].cells)])
    data_rows = []
    for row in rows[first:last + 1]:
        if not any(cell.strip() for cell in row.cells):
            continue
        if not is_data(row):
            raise at.error(t.BAD_KEY.format(value=row.cell(key_col)), row.line, str(key_col + 1))
        data_rows.append(row)
    table_code = _table_code(text_lines, file_name)
    source = _source(text_lines, table_code, data_rows, key_col, name_col)
    if source is None:
        raise at.error(t.UNKNOWN_LAYOUT)
    for row in data_rows:
        if len(row.cells) < width:
            raise at.error(t.TRUNCATED_ROW.format(found=len(row.cells), expected=width), row.line)
    if any(line.startswith("GENESIS-Tabelle") for line in text_lines[:3]) and not _has_footer(footer):
        raise at.error(t.NO_FOOTER, rows[-1].line)
    # Columns left of the key: each row's reference date, or nothing.
    date_col = None
    for index in range(key_col):
        cells = [row.cell(index) for row in data_rows]
        if all(_date_in(cell) for cell in cells):
            date_col = index
        elif any(cells):
            raise at.error(t.UNKNOWN_LAYOUT, data_rows[0].line)
    value_cols = [j for j in range(name_col + 1, width)
                  if any(row.cell(j) for row in headers + data_rows)]
    if not value_cols:
        raise at.error(t.NO_VALUE_COLUMNS, data_rows[0].line)
    base_label = _variable_label(metadata)
    file_date = reference_date or _metadata_date(metadata)
    columns = []  # (index, header label, date or None, variable)
    used = set()
    for j in value_cols:
        labels, col_date = [], None
        for row in headers:
            cell = row.cell(j)
            if not cell:
                continue
            if (found := _date_in(cell)) is not None:
                col_date = found
            elif _norm(cell) not in TIME_WORDS and _norm(cell) not in UNIT_WORDS:
                labels.append(cell)
        if col_date is None and date_col is None:
            col_date = file_date
            if col_date is None:
                raise at.error(t.NO_DATE, headers[0].line if headers else data_rows[0].line)
        variable = _variable(base_label, labels)
        while (variable, col_date) in used:
            variable += "_2"
        used.add((variable, col_date))
        shown = " ".join(row.cell(j) for row in headers if row.cell(j)) or str(j + 1)
        columns.append((j, shown, col_date, variable))
    records, seen = [], {}
    for row in data_rows:
        key, level = ctx.region_key(row.cell(key_col))
        row_date = _date_in(row.cell(date_col)) if date_col is not None else None
        if (key, row_date) in seen:
            raise at.error(t.DUPLICATE_KEY.format(key=key, first=seen[(key, row_date)]), row.line)
        seen[(key, row_date)] = row.line
        for j, shown, col_date, variable in columns:
            try:
                value = number(row.cell(j))
            except ValueError:
                raise at.error(t.BAD_NUMBER.format(value=row.cell(j)), row.line, shown) from None
            records.append((key, row.cell(name_col), level, col_date or row_date, variable, value))
    title = _title(metadata) or t.TITLE_UNKNOWN + ": " + ", ".join(dict.fromkeys(c[1] for c in columns))
    return _table(source, table_code, title, "\n".join(text_lines), records, at, file_name, sha,
                  first_line=data_rows[0].line)


def _has_footer(footer: list[_Row]) -> bool:
    """GENESIS-Online and the Regionaldatenbank end a table with a rule (`____`) or the copyright line."""
    return any(_FOOTER_RULE.match(row.cell(0)) or "©" in row.cell(0) for row in footer)


def _table(source, table_code, title, text, records, at, file_name, sha, first_line) -> ContextTable:
    if not records:
        raise at.error(t.NO_REGIONS, first_line)
    frame = pd.DataFrame(records, columns=ctx.COLUMNS)
    frame["value"] = frame["value"].astype(float)
    return ContextTable(source=source, table_code=table_code, title=title, licence=_licence(text, source),
                        attribution=_attribution(text, source), values=frame, file_name=file_name, sha256=sha)


def _table_code(lines: list[str], file_name: str) -> str | None:
    for line in lines[:10]:
        head, _, rest = line.partition(":")
        words = rest.split()
        if "tabelle" in _norm(head) and words and _ANY_CODE.fullmatch(words[0]):
            return words[0]
    found = _NAME_CODE.search(file_name)
    return found.group(1) if found else None


def _source(lines: list[str], table_code: str | None, data_rows: list[_Row], key_col: int,
            name_col: int) -> str | None:
    text = " ".join(lines)
    if "Bundesagentur für Arbeit" in text:
        return "ba"
    if "Statistische Ämter des Bundes und der Länder" in text:
        return "regionalstatistik"
    if "Statistisches Bundesamt" in text:
        return "genesis"
    if table_code and _REGIONAL_CODE.fullmatch(table_code):
        return "regionalstatistik"
    if table_code and _GENESIS_CODE.fullmatch(table_code) and lines:
        return "genesis"
    indented = any(row.cells[name_col][:1] == " " for row in data_rows if len(row.cells) > name_col)
    if indented or any(row.cell(key_col).upper() == ctx.GERMANY for row in data_rows):
        return "regionalstatistik"
    return None


def _variable_label(metadata: list[_Row]) -> str | None:
    """The counted variable named above the table, like `Bevölkerungsstand (Anzahl)`: the last such line."""
    label = None
    for row in metadata:
        line = row.cell(0)
        if ":" in line or "©" in line:
            continue
        if found := _VARIABLE_LINE.fullmatch(line):
            label = found.group(1)
    return label


def _metadata_date(metadata: list[_Row]) -> date | None:
    """A reference date named above the table (`Stichtag: 13.12.2018`, `Berichtsmonat: Dezember 2018`); an
    export's own date (`Stand`, `Erstellungsdatum`) is not one."""
    for row in metadata:
        head, _, rest = row.cell(0).partition(":")
        if rest and _norm(head) in ("stichtag", "berichtsmonat", "berichtsjahr", "zeitpunkt", "jahr", "monat"):
            if found := _date_in(rest.strip()):
                return found
    return None


def _variable(base: str | None, labels: list[str]) -> str:
    parts = [_norm(label) for label in labels if _norm(label)]
    if base is not None:
        head, rest = _norm(base), parts
    elif parts:
        joined = "_".join(parts)
        if joined in VARIABLES:
            return VARIABLES[joined]
        words = joined.split("_")
        head, rest = words[0], ["_".join(words[1:])] if len(words) > 1 else []
    else:
        return "value"
    code = VARIABLES.get(head, head)
    for part in rest:
        suffix = QUALIFIERS.get(part, part)
        code = f"{code}_{suffix}" if suffix else code
    return code[:60]


def _title(metadata: list[_Row]) -> str | None:
    for index, row in enumerate(metadata):
        line = row.cell(0)
        head, sep, rest = line.partition(":")
        if not line or "Bundesagentur für Arbeit" in line or line.startswith("Hinweis"):
            continue
        if sep and "tabelle" in _norm(head):
            if _ANY_CODE.fullmatch(rest.strip()):
                continue  # the code line
            return rest.strip()
        if sep and _norm(head) in ("region", "stichtag", "berichtsmonat", "stand", "erstellungsdatum"):
            continue
        following = metadata[index + 1].cell(0) if index + 1 < len(metadata) else ""
        if following.startswith("Tiefe:"):  # the Regionaldatenbank wraps "... - regionale" / "Tiefe: Kreise ..."
            line = f"{line} {following}"
        return line
    return None


def _licence(text: str, source: str) -> str:
    flat = " ".join(text.split())
    if "Datenlizenz Deutschland" in flat or "dl-de/by-2-0" in flat:
        return t.LICENCE_DL_DE_BY_2_0
    return DEFAULT_LICENCE[source]


def _attribution(text: str, source: str) -> str:
    for line in text.splitlines():
        if line.strip().startswith("©"):
            holder = line.strip().split(",")[0].rstrip(". ")
            if len(holder) > 2:
                return holder[:120]
    return DEFAULT_ATTRIBUTION[source]


# --- importing ---

@dataclass(frozen=True)
class ImportResult:
    file_name: str
    table: ContextTable | None
    stored: ctx.StoreResult | None
    error: str | None


def import_files(engine, files: list[tuple[str, bytes]], actor: str, role: str | None = None,
                 reference_date: date | None = None) -> list[ImportResult]:
    """Parse every file, then store them all in one transaction; if any file cannot be read, nothing is stored
    (each result says why). The file name is read for a missing table code or year, but recorded only if it
    says nothing of a person (etl.identifying: a name with a date or a long number is not kept)."""
    parsed, errors = [], []
    for name, data in files:
        try:
            table = parse(data, name, reference_date)
        except ContextError as err:
            errors.append(ImportResult(name, None, None, str(err)))
            continue
        parsed.append((name, dataclasses.replace(table, file_name=file_name_for_record(name))))
    if errors:
        return errors + [ImportResult(name, table, None, None) for name, table in parsed]
    stored = ctx.store(engine, [table for _, table in parsed], actor, role)
    return [ImportResult(name, table, result, None) for (name, table), result in zip(parsed, stored)]
