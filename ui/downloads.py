"""Downloads of a table as it is shown, for Excel: CSV and XLSX, with German labels.

- CSV: UTF-8 with BOM, semicolons, CRLF, decimal comma, dates as 24.11.2026 (what a German Excel opens as is).
- XLSX: numbers and dates as real numbers and dates, the header bold and frozen.
- Cells that a spreadsheet would run as a formula (text starting with = + - @, a tab or a carriage return) get a
  leading apostrophe (CWE-1236), in both.
- Exact figures (not suppressed, docs/datenschutz.md) are marked "Nur für den Dienstgebrauch": in the first line
  of the file, in the print header of the workbook and on the button; their download is written to the audit
  log (monitor.audit, action "export") with the file's SHA-256.

``csv_bytes``/``xlsx_bytes`` are pure; ``download_buttons`` puts the two buttons on the page.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import unicodedata
from datetime import date, datetime
from decimal import Decimal

import pandas as pd
import streamlit as st

from monitor import audit, db, fmt
from monitor.texts import ui
from ui import session

CSV_MIME = "text/csv"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue"})


def neutralise(text: str) -> str:
    """Prefix a text that a spreadsheet would run as a formula with an apostrophe."""
    return f"'{text}" if text.startswith(FORMULA_START) else text


def file_stem(name: str) -> str:
    """"Prüfbericht, zusammengefasst" -> "pruefbericht-zusammengefasst", "Integrationscafé" -> "integrationscafe":
    a file name without umlauts, accents, spaces or punctuation."""
    plain = unicodedata.normalize("NFKD", name.translate(_UMLAUTS)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "tabelle"


def _plain_columns(frame: pd.DataFrame) -> list[list]:
    """The table's columns as lists of plain Python values: numpy numbers as int/float, moments in local time
    (Europe/Berlin) without time zone, and a column of moments that all fall on midnight as dates."""
    columns = []
    for _, series in frame.items():
        if pd.api.types.is_datetime64_any_dtype(series):
            if getattr(series.dt, "tz", None) is not None:
                series = series.dt.tz_convert(fmt.TIME_ZONE.key).dt.tz_localize(None)
            with_time = bool((series.dropna() != series.dropna().dt.normalize()).any())
            values = [None if pd.isna(v) else (v.to_pydatetime() if with_time else v.date()) for v in series]
        else:
            values = [v.item() if hasattr(v, "item") and not isinstance(v, str) else v for v in series]
            values = [_local(v) if isinstance(v, datetime) else v for v in values]
        columns.append(values)
    return columns


def _rows(frame: pd.DataFrame):
    return zip(*_plain_columns(frame)) if len(frame.columns) else iter(())


def _local(moment: datetime) -> datetime:
    moment = moment.to_pydatetime() if isinstance(moment, pd.Timestamp) else moment
    return fmt.local_time(moment).replace(tzinfo=None) if moment.tzinfo is not None else moment


def _csv_cell(value) -> str:
    if fmt.is_missing(value):
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, datetime):
        return f"{fmt.date_de(value)} {value:%H:%M:%S}"
    if isinstance(value, date):
        return fmt.date_de(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return format(Decimal(repr(value)), "f").replace(".", ",")  # no thousands dot: Excel reads it as a number
    return neutralise(str(value))


def csv_bytes(frame: pd.DataFrame, *, exact: bool) -> bytes:
    """The table as CSV for a German Excel; exact figures with "Nur für den Dienstgebrauch" as the first line."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    if exact:
        writer.writerow([ui.FOR_OFFICIAL_USE])
    writer.writerow([neutralise(str(column)) for column in frame.columns])
    for row in _rows(frame):
        writer.writerow([_csv_cell(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig")


def _xlsx_cell(value):
    """(value, number format) of a cell; a text is always a text, never a formula."""
    if fmt.is_missing(value):
        return None, None
    if isinstance(value, bool):
        return ("ja" if value else "nein"), "@"
    if isinstance(value, datetime):
        return value, "DD.MM.YYYY HH:MM:SS"
    if isinstance(value, date):
        return value, "DD.MM.YYYY"
    if isinstance(value, int | float):
        return value, None
    return neutralise(str(value)), "@"


def xlsx_bytes(frame: pd.DataFrame, *, exact: bool, title: str) -> bytes:
    """The table as an Excel workbook, one sheet named after `title`; exact figures with "Nur für den
    Dienstgebrauch" in the first row and in the print header."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = re.sub(r"[\[\]:*?/\\]", " ", title)[:31].strip() or "Tabelle"
    row = 1
    if exact:
        sheet.cell(row=1, column=1, value=ui.FOR_OFFICIAL_USE).font = Font(bold=True)
        sheet.oddHeader.center.text = ui.FOR_OFFICIAL_USE
        row = 2
    for column, name in enumerate(frame.columns, start=1):
        cell = sheet.cell(row=row, column=column, value=neutralise(str(name)))
        cell.data_type = "s"
        cell.font = Font(bold=True)
        sheet.column_dimensions[cell.column_letter].width = min(60, max(10, len(str(name)) + 2))
    sheet.freeze_panes = sheet.cell(row=row + 1, column=1)
    for values in _rows(frame):
        row += 1
        for column, value in enumerate(values, start=1):
            shown, number_format = _xlsx_cell(value)
            cell = sheet.cell(row=row, column=column, value=shown)
            if number_format == "@":
                cell.data_type = "s"  # a text that looks like a formula stays a text
            if number_format:
                cell.number_format = number_format
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def labels(name: str, exact: bool) -> tuple[str, str]:
    """The two buttons' labels, with "nur für den Dienstgebrauch" for exact figures."""
    suffix = ui.DOWNLOAD_OFFICIAL if exact else ""
    return ui.DOWNLOAD_CSV.format(name=name) + suffix, ui.DOWNLOAD_XLSX.format(name=name) + suffix


def _record_export(file_name: str, sha256: str, rows: int) -> None:
    """The audit entry of a download of exact figures (a callback: it runs before the page, checks nothing
    else; the page that offered the button checked the role)."""
    viewer = session.current()
    audit.record(db.get_engine(), audit.EXPORT, viewer.name or "?", viewer.role, object=file_name,
                 file_sha256=sha256, row_count=rows)


def download_buttons(frame: pd.DataFrame, name: str, exact: bool, *, key: str | None = None) -> None:
    """Two buttons side by side: the table as CSV and as XLSX. `name` is the table's German name (labels, file
    names, the sheet); `exact` marks figures that are not suppressed (see the module docstring)."""
    stem = file_stem(name)
    key = key or stem
    csv_label, xlsx_label = labels(name, exact)
    csv_data, xlsx_data = csv_bytes(frame, exact=exact), xlsx_bytes(frame, exact=exact, title=name)
    left, right = st.columns(2)
    for column, label, data, suffix, mime in ((left, csv_label, csv_data, "csv", CSV_MIME),
                                              (right, xlsx_label, xlsx_data, "xlsx", XLSX_MIME)):
        file_name = f"{stem}.{suffix}"
        column.download_button(label, data, file_name=file_name, mime=mime, icon=":material/download:",
                               key=f"download-{key}-{suffix}", width="stretch", wrap=True,
                               on_click=_record_export if exact else "ignore",
                               args=(file_name, hashlib.sha256(data).hexdigest(), len(frame)) if exact else None)
