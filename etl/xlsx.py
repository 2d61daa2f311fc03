"""Excel workbooks (.xlsx) as a source of records, read with openpyxl after checks on the zip container.

Only the first worksheet is read, as values (a formula gives its last computed value). Cells become the
same text a CSV export would hold: dates as dd.mm.yyyy, whole numbers without decimals, True/False as
ja/nein. Refused: workbooks with macros (.xlsm, a vbaProject.bin inside), zip containers that unpack to more
than MAX_UNPACKED bytes or with a compression ratio above MAX_RATIO (zip bombs), and anything that is not a
workbook.

The size of the sheet is taken from its cells, never from its ``<dimension>`` tag (which may claim
A1:XFD1048576 for three cells): the sheet is streamed cell by cell and refused as soon as a value stands past
MAX_ROWS or MAX_COLUMNS, or once more than MAX_CELLS cells (empty ones included) were parsed or the rows,
padded to the widest one, would hold more than MAX_CELLS cells. The shared strings
are counted with a streaming parser before openpyxl loads them all, and refused past MAX_SHARED_STRINGS.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime, time
from xml.etree.ElementTree import XMLPullParser
from xml.parsers import expat

from monitor.texts import errors as t

MAX_UNPACKED = 200 * 1024 * 1024  # bytes all members of the workbook may unpack to
MAX_RATIO = 100  # unpacked / packed size of the whole container
ZIP_MAGIC = b"PK\x03\x04"
MAX_ROWS = 200_000  # Excel row number of the last row that may hold a value
MAX_COLUMNS = 200  # Excel column number of the last column that may hold a value
MAX_CELLS = 8_000_000  # <c> elements parsed, empty (formatted) ones included; also rows x columns read
MAX_SHARED_STRINGS = 250_000  # <si> entries of the shared string table (openpyxl loads them all at once)
MAX_CONTENT_TYPES = 1024 * 1024  # bytes of [Content_Types].xml
SHARED_STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
XML_CHUNK = 1 << 16


class WorkbookError(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def is_workbook(data: bytes) -> bool:
    return data.startswith(ZIP_MAGIC)


def _check_container(file: str, data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise WorkbookError(t.XLSX_BROKEN) from None
    with archive:
        members = archive.infolist()
        names = {m.filename for m in members}
        if file.lower().endswith(".xlsm") or any(n.lower().endswith("vbaproject.bin") for n in names):
            raise WorkbookError(t.XLSX_MACROS)
        unpacked = sum(m.file_size for m in members)
        packed = max(1, sum(m.compress_size for m in members))
        if unpacked > MAX_UNPACKED or unpacked / packed > MAX_RATIO:
            raise WorkbookError(t.XLSX_TOO_LARGE)
        if "xl/workbook.xml" not in names:
            raise WorkbookError(t.XLSX_BROKEN)
        for name in _shared_string_parts(archive, names):
            if _count_elements(archive, name, "si", MAX_SHARED_STRINGS) > MAX_SHARED_STRINGS:
                raise WorkbookError(t.XLSX_TOO_MANY_STRINGS.format(file=file, limit=_number(MAX_SHARED_STRINGS)))


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _shared_string_parts(archive: zipfile.ZipFile, names: set[str]) -> set[str]:
    """The members openpyxl may read as the shared string table: the one [Content_Types].xml names, and the
    usual path."""
    parts = {n for n in names if n.lower() == "xl/sharedstrings.xml"}
    info = archive.getinfo("[Content_Types].xml") if "[Content_Types].xml" in names else None
    if info is None or info.file_size > MAX_CONTENT_TYPES:
        return parts
    parser = XMLPullParser(events=("end",))
    try:
        parser.feed(archive.read(info))
        for _, element in parser.read_events():
            if _local(element.tag) == "Override" and element.get("ContentType") == SHARED_STRINGS_TYPE:
                part = (element.get("PartName") or "").lstrip("/")
                if part in names:
                    parts.add(part)
    except Exception:  # a broken manifest is openpyxl's to refuse
        return parts
    return parts


def _count_elements(archive: zipfile.ZipFile, name: str, tag: str, bound: int) -> int:
    """How many <tag> elements the member holds, counted while streaming (no element is built); stops once
    past ``bound``."""
    parser = expat.ParserCreate(namespace_separator="}")
    count = 0

    def start(element: str, _attributes) -> None:
        nonlocal count
        if element == tag or element.endswith("}" + tag):
            count += 1
            if count > bound:
                raise _Enough

    parser.StartElementHandler = start
    try:
        with archive.open(name) as stream:
            while chunk := stream.read(XML_CHUNK):
                parser.Parse(chunk, False)
    except _Enough:
        pass
    except Exception:  # broken XML is openpyxl's to refuse with XLSX_BROKEN
        return count
    return count


class _Enough(Exception):
    pass


def cell_text(value) -> str:
    """One cell as the text a CSV export would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, datetime):
        return value.strftime("%d.%m.%Y") if value.time() == time(0) else value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def records(file: str, data: bytes) -> list[tuple[int, list[str]]]:
    """(row number, cell texts) for every row of the first worksheet; the row number is Excel's."""
    _check_container(file, data)
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a damaged file; the message says what to do
        raise WorkbookError(t.XLSX_BROKEN) from None
    try:
        return _sheet_records(file, workbook.worksheets[0])
    except WorkbookError:
        raise
    except Exception:
        raise WorkbookError(t.XLSX_BROKEN) from None
    finally:
        workbook.close()


def _sheet_records(file: str, sheet) -> list[tuple[int, list[str]]]:
    """Stream the sheet's cells with openpyxl's parser and place them by their own coordinates, so nothing is
    allocated by what ``<dimension>`` claims. Every row is as wide as the widest row holding a value, rows
    missing in the file become empty rows, and trailing empty rows and columns are left out."""
    from openpyxl.worksheet._reader import WorkSheetParser

    book = sheet.parent
    found: list[tuple[int, list[str]]] = []
    cells = 0
    with sheet._get_source() as source:
        parser = WorkSheetParser(source, sheet._shared_strings, data_only=book.data_only, epoch=book.epoch,
                                 date_formats=book._date_formats, timedelta_formats=book._timedelta_formats)
        for number, row in parser.parse():
            cells += len(row)
            if cells > MAX_CELLS:
                raise WorkbookError(t.XLSX_TOO_MANY_CELLS.format(file=file, limit=_number(MAX_CELLS)))
            values = {}
            for cell in row:
                text = cell_text(cell["value"])
                if not text:
                    continue
                if cell["column"] > MAX_COLUMNS:
                    raise WorkbookError(t.XLSX_TOO_MANY_COLUMNS.format(file=file, limit=_number(MAX_COLUMNS)))
                values[cell["column"]] = text
            if not values:
                continue
            if number > MAX_ROWS:
                raise WorkbookError(t.XLSX_TOO_MANY_ROWS.format(file=file, limit=_number(MAX_ROWS)))
            texts = [""] * max(values)
            for column, text in values.items():
                texts[column - 1] = text
            found.append((number, texts))
    if not found:
        return []
    width = max(len(texts) for _, texts in found)
    if found[-1][0] * width > MAX_CELLS:  # the rectangle the rows are padded to
        raise WorkbookError(t.XLSX_TOO_MANY_CELLS.format(file=file, limit=_number(MAX_CELLS)))
    numbered: list[tuple[int, list[str]]] = []
    for number, texts in found:
        if numbered and number <= numbered[-1][0]:
            raise WorkbookError(t.XLSX_BROKEN)  # rows out of order or repeated
        numbered.extend((gap, [""] * width) for gap in range(numbered[-1][0] + 1 if numbered else 1, number))
        numbered.append((number, texts + [""] * (width - len(texts))))
    return numbered
