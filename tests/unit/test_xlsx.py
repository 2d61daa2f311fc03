"""Excel workbooks: read like the CSV export they replace; macros, zip bombs and broken files are refused."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

import pytest
from openpyxl import Workbook

from etl import xlsx
from etl.extract import extract
from etl.pipeline import import_files
from monitor import contract, queries


def workbook(rows: list[list]) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def staffing_rows() -> list[list]:
    return [contract.STAFFING.headers,
            ["03351023", "IB-M", "m", 1, datetime(2015, 10, 1), None],
            ["03351023", "IB-W", "w", 0.5, datetime(2017, 7, 1), None]]


def test_cells_become_the_text_of_a_csv_export():
    assert [xlsx.cell_text(v) for v in (None, True, False, 3.0, 0.5, datetime(2017, 7, 1), "03351023")] == [
        "", "ja", "nein", "3", "0.5", "01.07.2017", "03351023"]


def test_a_workbook_is_extracted_with_excel_row_numbers():
    table = extract("stellenanteile.xlsx", workbook(staffing_rows()))
    assert not table.problems and table.encoding == "xlsx" and table.delimiter is None
    assert table.header == contract.STAFFING.headers
    assert table.rows[1] == ["03351023", "IB-W", "w", "0.5", "01.07.2017", ""]
    assert table.lines == [2, 3]


def test_a_workbook_imports_like_its_csv(engine):
    report = import_files(engine, [("stellenanteile.xlsx", workbook(staffing_rows()))], user="anna")
    assert report.ok and report.files[0].status == "imported"
    staffing = queries.load_frame(engine, "staffing")
    assert sorted(staffing["fte"].tolist()) == [0.5, 1.0]


def test_a_bad_cell_in_a_workbook_is_placed_by_excel_row_and_column(engine):
    rows = staffing_rows()
    rows[2][4] = "#NV"  # an Excel error value in a date column
    report = import_files(engine, [("stellenanteile.xlsx", workbook(rows))], user="anna")
    [problem] = report.files[0].problems
    assert (problem.line, problem.column) == (3, "gueltig_ab")


def zip_with(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize("name, data, message", [
    ("faelle.xlsm", None, "Makros"),
    ("faelle.xlsx", zip_with({"xl/workbook.xml": b"<w/>", "xl/vbaProject.bin": b"\x00" * 10}), "Makros"),
    ("faelle.xlsx", zip_with({"xl/workbook.xml": b"<w/>", "xl/worksheets/sheet1.xml": b"\x00" * 30_000_000}),
     "zu groß"),
    ("faelle.xlsx", zip_with({"word/document.xml": b"<d/>"}), "keine lesbare Excel-Arbeitsmappe"),
])
def test_macros_zip_bombs_and_other_zips_are_refused(name, data, message):
    data = data if data is not None else workbook(staffing_rows())
    table = extract(name, data)
    assert len(table.problems) == 1 and message in table.problems[0].message
    assert not table.rows
