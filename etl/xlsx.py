"""Excel workbooks (.xlsx) as a source of records, read with openpyxl after checks on the zip container.

Only the first worksheet is read, as values (a formula gives its last computed value). Cells become the
same text a CSV export would hold: dates as dd.mm.yyyy, whole numbers without decimals, True/False as
ja/nein. Refused: workbooks with macros (.xlsm, a vbaProject.bin inside), zip containers that unpack to more
than MAX_UNPACKED bytes or with a compression ratio above MAX_RATIO (zip bombs), and anything that is not a
workbook.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime, time

from monitor.texts import errors as t

MAX_UNPACKED = 200 * 1024 * 1024  # bytes all members of the workbook may unpack to
MAX_RATIO = 100  # unpacked / packed size of the whole container
ZIP_MAGIC = b"PK\x03\x04"


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
        sheet = workbook.worksheets[0]
        return [(number, [cell_text(v) for v in row])
                for number, row in enumerate(sheet.iter_rows(values_only=True), start=1)]
    finally:
        workbook.close()
