"""Extract: the raw bytes of a CSV export -> text cells, each row with its physical line number.

Nothing is interpreted here: every cell stays text. The steps, each a pure function:

1. ``decode``: UTF-8 with BOM, UTF-16 by BOM, UTF-8, then Windows-1252, in that order and never by
   guessing (charset detectors guess wrong on real Windows-1252 exports).
2. ``find_delimiter``: a leading ``sep=;`` line (written by Excel) wins; otherwise the candidate among
   ``;`` ``,`` and tab that gives the header most columns and a consistent column count.
3. ``read_records``: the csv module (quoted fields with line breaks work), recording the line on which
   each record starts (header = line 1, or 2 after a ``sep=`` line). A text without any quote character
   and with one kind of line end is split directly, line by line, to the same cells. Repeated cells of a
   column (codes, dates, Gemeinden) are kept as one string each, read a chunk of records at a time.
4. ``extract``: all of it, plus the checks that need the raw file: a first row that is a record, not column
   names (an export without its header row: refused before anything else, ``identifying.data_like_header``),
   duplicate or empty header names (never let pandas rename them to ``x.1``), ragged rows; trailing empty rows
   and columns are dropped.

``Problem`` lives here, in the lowest layer, because every step reports problems; ``etl.pipeline``
re-exports it as part of the public API.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import operator
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from etl import identifying, xlsx
from monitor.texts import errors as t

CANDIDATE_DELIMITERS = (";", ",", "\t")
SNIFF_RECORDS = 50
SNIFF_CHARS = 64_000
READ_CHUNK = 4096  # records read and de-duplicated at a time
PLAIN_CHUNK_CHARS = 1 << 18  # characters of a quote-free text split at a time
XLSX = "xlsx"  # RawTable.encoding of a workbook
NUL_SHARE = 20  # more than one character in 20 a NUL: UTF-16 without BOM or no text at all

csv.field_size_limit(1 << 24)  # a broken quote may swallow a long stretch; report it, do not crash


@dataclass
class Problem:
    """One validation problem, in German, placed by file line (header = line 1) and the file's header name.
    A warning (``warning=True``) asks the staff member to check something but does not stop the import."""

    file: str
    line: int | None
    column: str | None
    message: str
    warning: bool = False


@dataclass
class RawTable:
    """A CSV file as text: the header cells as written, and the data rows that fit the header."""

    file: str
    encoding: str | None = None
    delimiter: str | None = None
    header: list[str] = field(default_factory=list)
    header_line: int = 1
    rows: list[list[str]] = field(default_factory=list)  # each with exactly len(header) cells
    lines: list[int] = field(default_factory=list)  # first physical line of each row
    ragged: int = 0  # rows left out because their cell count does not fit the header
    problems: list[Problem] = field(default_factory=list)

    @property
    def usable(self) -> bool:
        """Whether a header was read (values can be checked even if some rows or names had problems)."""
        return bool(self.header)


class DecodeError(ValueError):
    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line


_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_SEPARATORS = re.compile(r"[\s\-]+")
_SEP_LINE = re.compile(r'^"?sep=(.)"?[ \t]*(?:\r\n|\n|\r|$)', re.IGNORECASE)


def normalise_header(name: str) -> str:
    """Header name for matching: NFC, stripped (also NBSP and a stray BOM), lower case, spaces and
    hyphens to ``_``, umlauts spelled out (``erwerbsfähig`` matches ``erwerbsfaehig``)."""
    text = unicodedata.normalize("NFC", name).replace("\ufeff", "").strip().lower()
    return _SEPARATORS.sub("_", text).translate(_UMLAUTS)


def _line_of(data: bytes, position: int) -> int:
    return data.count(b"\n", 0, position) + 1


def decode(data: bytes) -> tuple[str, str]:
    """Text and codec name. Raises DecodeError with a German message."""
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise DecodeError(t.EXCEL_WORKBOOK)
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8):].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise DecodeError(t.ENCODING_BROKEN.format(encoding="UTF-8"), _line_of(data, exc.start + 3)) from None
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec), codec
            except UnicodeDecodeError:
                raise DecodeError(t.ENCODING_BROKEN.format(encoding="UTF-16")) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as exc:
        raise DecodeError(t.ENCODING_UNKNOWN, _line_of(data, exc.start)) from None


def _trim(cells: list[str]) -> list[str]:
    """Without trailing empty cells."""
    end = len(cells)
    while end and not cells[end - 1].strip():
        end -= 1
    return cells[:end] if end < len(cells) else cells


def _is_empty(cells: list[str]) -> bool:
    return not "".join(cells).strip()


def split_sep_line(text: str) -> tuple[str | None, str, int]:
    """(delimiter from a leading ``sep=`` line or None, the rest of the text, lines consumed)."""
    match = _SEP_LINE.match(text)
    if not match:
        return None, text, 0
    return match.group(1), text[match.end():], 1


def sniff_delimiter(text: str) -> str:
    """Among ``;`` ``,`` tab: the one that splits the header into the most columns while the first rows
    have a consistent cell count; if none is consistent, the one with the most columns; ``;`` by default."""
    best: tuple[bool, int, str] | None = None
    sample = text[:SNIFF_CHARS]
    for delimiter in CANDIDATE_DELIMITERS:
        reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
        try:
            records = [r for r in itertools.islice(reader, SNIFF_RECORDS) if not _is_empty(r)]
        except csv.Error:
            continue
        if len(sample) < len(text) and len(records) > 2:
            records = records[:-1]  # the sample may cut the last record short
        if not records:
            continue
        width = len(_trim(records[0]))
        if width < 2:
            continue
        consistent = all(len(_trim(r)) <= width <= len(r) for r in records[1:])
        score = (consistent, width, delimiter)
        if best is None or score[:2] > best[:2]:
            best = score
    return best[2] if best else ";"


class _SharedCells:
    """One string object per distinct value of each column whose values repeat (Gemeinde, codes, dates): a
    file of 100,000 rows then holds a few thousand such strings instead of hundreds of thousands. Which
    columns repeat is judged on the first chunk whose records all have the same cell count; chunks with
    differing counts are left as read."""

    def __init__(self) -> None:
        self.width: int | None = None
        self.canon: list[dict[str, str] | None] = []

    def share(self, records: list[list[str]]) -> list[list[str]]:
        if not records:
            return records
        width = len(records[0])
        if width < 2 or self.width not in (None, width) or len(set(map(len, records))) != 1:
            return records
        columns: list = list(zip(*records))
        if self.width is None:
            self.width = width
            self.canon = [{} if 2 * len(set(column)) <= len(column) else None for column in columns]
        for position, canon in enumerate(self.canon):
            if canon is not None:
                columns[position] = map(canon.setdefault, columns[position], columns[position])
        return list(map(list, zip(*columns)))


def _line_end(text: str) -> str | None:
    """The one line end of a text whose records are exactly its lines (no quote character, so no quoted
    line break or delimiter), or None."""
    if '"' in text:
        return None
    cr, lf = text.count("\r"), text.count("\n")
    if not cr:
        return "\n"
    if not lf:
        return "\r"
    crlf = text.count("\r\n")
    return "\r\n" if cr == lf == crlf else None


def _split_lines(text: str, delimiter: str, line_end: str, shared: _SharedCells) -> list[list[str]] | None:
    """The records of a quote-free text: its lines split at the delimiter, as the csv module reads them
    (except that an empty line gives one empty cell, not none). None if a line is longer than the csv
    module's field limit (let it report that)."""
    records: list[list[str]] = []
    limit = len(text) - (len(line_end) if text.endswith(line_end) else 0)
    field_limit = csv.field_size_limit()
    position = 0
    while position < limit:
        end = text.find(line_end, min(position + PLAIN_CHUNK_CHARS, limit), limit)
        if end < 0:
            end = limit
        lines = text[position:end].split(line_end)
        position = end + len(line_end)
        if max(map(len, lines)) > field_limit:
            return None
        for start in range(0, len(lines), READ_CHUNK):
            records.extend(shared.share(list(map(str.split, lines[start:start + READ_CHUNK],
                                                 itertools.repeat(delimiter)))))
    return records


def read_records(text: str, delimiter: str,
                 first_line: int = 1) -> tuple[list[list[str]], Sequence[int], Problem | None]:
    """All records, the physical line on which each starts, and the csv error that stopped reading (as a
    problem) or None."""
    offset = first_line - 1
    shared = _SharedCells()
    line_end = _line_end(text)
    if line_end is not None:
        records = _split_lines(text, delimiter, line_end, shared) if text else []
        if records is not None:
            return records, range(first_line, first_line + len(records)), None
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[list[str]] = []
    try:
        while chunk := list(itertools.islice(reader, READ_CHUNK)):
            rows.extend(shared.share(chunk))
    except csv.Error:
        pass
    else:
        if reader.line_num == len(rows):  # no record spans lines: the line is the record number
            return rows, range(first_line, first_line + len(rows)), None
    # Slow path: some quoted cell holds a line break (or the csv is broken); follow line_num record by record.
    del rows
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records, lines = [], []
    previous = 0
    try:
        for row in reader:
            records.append(row)
            lines.append(previous + 1 + offset)
            previous = reader.line_num
    except csv.Error as exc:
        return records, lines, Problem("", previous + 1 + offset, None, t.CSV_BROKEN.format(detail=str(exc)))
    return records, lines, None


def extract(file: str, data: bytes) -> RawTable:
    """Read one file. Problems are collected in ``RawTable.problems``; the rows that fit are kept."""
    table = RawTable(file=file)

    def problem(line: int | None, column: str | None, message: str) -> None:
        table.problems.append(Problem(file, line, column, message))

    if not data.strip(b" \t\r\n\x00") or data in (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        problem(None, None, t.EMPTY_FILE)
        return table
    if xlsx.is_workbook(data):
        try:
            numbered = xlsx.records(file, data)
        except xlsx.WorkbookError as exc:
            problem(None, None, exc.message)
            return table
        table.encoding, broken = XLSX, None
        records = [[unicodedata.normalize("NFC", c) for c in cells] for _, cells in numbered]
        record_lines: Sequence[int] = [line for line, _ in numbered]
    else:
        try:
            text, table.encoding = decode(data)
        except DecodeError as exc:
            problem(exc.line, None, exc.message)
            return table
        if text.count("\x00") * NUL_SHARE > len(text):
            problem(None, None, t.NUL_CHARACTERS)  # a few stray NULs are cell problems (transform names them)
            return table
        text = unicodedata.normalize("NFC", text)

        delimiter, body, consumed = split_sep_line(text)
        table.delimiter = delimiter or sniff_delimiter(body)
        del text
        records, record_lines, broken = read_records(body, table.delimiter, first_line=1 + consumed)
        del body

    position = 0
    while position < len(records) and _is_empty(records[position]):
        position += 1
    if position == len(records):
        problem(None, None, t.NO_HEADER)
        return table
    table.header_line, raw_header = record_lines[position], records[position]
    header = _trim(raw_header)
    if identifying.data_like_header(header):
        # A record where the column names belong: nothing of the file is read, so that no cell of it becomes a
        # column name (in the mapping dialog, a remembered mapping or a message).
        problem(table.header_line, None, t.HEADER_LOOKS_LIKE_DATA.format(file=file, line=table.header_line))
        return table
    table.header = header
    _check_header(table, header)

    width = len(header)
    data_rows, data_lines = records[position + 1:], record_lines[position + 1:]
    del records
    if set(map(len, data_rows)) <= {width} and all(map(str.strip, map(_first, data_rows))):
        # Every row fits the header and has its first cell filled (so is not empty): kept as read.
        table.rows, table.lines = data_rows, list(data_lines)
        _add_broken(table, broken)
        return table
    delimiter_name = t.DELIMITER_NAMES.get(table.delimiter, f"„{table.delimiter}“") if table.delimiter else ""
    rows, lines = table.rows, table.lines
    for line, cells in zip(data_lines, data_rows):
        count = len(cells)
        if count == width:
            if _is_empty(cells):
                continue
            rows.append(cells)
            lines.append(line)
            continue
        if _is_empty(cells):
            continue  # blank line or a row of delimiters only
        if count > width and _is_empty(cells[width:]):
            rows.append(cells[:width])
            lines.append(line)
            continue
        found = len(_trim(cells)) if count > width else count
        table.ragged += 1
        problem(line, None, t.RAGGED_ROW.format(found=found, expected=width, delimiter=delimiter_name))
    _add_broken(table, broken)
    return table


_first = operator.itemgetter(0)


def _add_broken(table: RawTable, broken: Problem | None) -> None:
    if broken is not None:
        broken.file = table.file
        table.problems.append(broken)


def _check_header(table: RawTable, header: list[str]) -> None:
    positions: dict[str, list[int]] = {}
    for number, name in enumerate(header, start=1):
        normalised = normalise_header(name)
        if not normalised:
            table.problems.append(Problem(table.file, table.header_line, None, t.EMPTY_HEADER.format(position=number)))
            continue
        positions.setdefault(normalised, []).append(number)
    for numbers in positions.values():
        if len(numbers) > 1:
            column = header[numbers[0] - 1].strip()
            listed = ", ".join(str(n) for n in numbers[:-1]) + f" {t.WORD_AND} {numbers[-1]}"
            table.problems.append(Problem(table.file, table.header_line, column,
                                          t.DUPLICATE_HEADER.format(positions=listed)))
