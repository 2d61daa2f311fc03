"""Excel workbooks: read like the CSV export they replace; macros, zip bombs and broken files are refused."""

from __future__ import annotations

import io
from datetime import datetime

import pytest
from openpyxl import Workbook

from etl import xlsx
from etl.extract import extract
from etl.pipeline import import_files
from monitor import contract, queries
from tests.unit.workbooks import NS, hand_written, zip_with


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


# --- hostile workbooks: the size comes from the cells, never from <dimension> ---

def peak_bytes(function):
    """(result, peak bytes allocated by Python) of one call. The time it takes is a benchmark's business
    (benchmarks/bench_workbook.py), never a unit test's."""
    import tracemalloc

    tracemalloc.start()
    try:
        result = function()
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return result, peak


def test_a_sheet_claiming_the_whole_grid_is_read_by_its_real_cells():
    data = hand_written('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
                        '<row r="3"><c r="B3"><v>2.5</v></c></row>', strings=["kuerzel", "fte"])
    numbered, peak = peak_bytes(lambda: xlsx.records("faelle.xlsx", data))
    assert numbered == [(1, ["kuerzel", "fte"]), (2, ["", ""]), (3, ["", "2.5"])]
    assert peak < 20 * 1024 * 1024


def test_formatted_empty_cells_far_out_do_not_count():
    data = hand_written('<row r="1"><c r="A1"><v>1</v></c><c r="XFD1" s="1"/></row>'
                        '<row r="1048576"><c r="A1048576" s="1"/></row>')
    assert xlsx.records("faelle.xlsx", data) == [(1, ["1"])]


@pytest.mark.parametrize("cell, message", [
    (f'<row r="{xlsx.MAX_ROWS + 1}"><c r="A{xlsx.MAX_ROWS + 1}"><v>1</v></c></row>', "jenseits von Zeile 200.000"),
    ('<row r="1"><c r="GS1"><v>1</v></c></row>', "jenseits von Spalte 200"),
])
def test_a_value_past_the_row_or_column_bound_is_refused(cell, message):
    data = hand_written(cell)
    table, peak = peak_bytes(lambda: extract("faelle.xlsx", data))
    [problem] = table.problems
    assert message in problem.message and "„faelle.xlsx“" in problem.message and not table.rows
    assert peak < 20 * 1024 * 1024


def test_more_cells_than_the_bound_are_refused(monkeypatch):
    monkeypatch.setattr(xlsx, "MAX_CELLS", 1000)
    rows = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c><c r="B{n}" s="1"/></row>' for n in range(1, 600))
    with pytest.raises(xlsx.WorkbookError, match="mehr als 1.000 Zellen"):
        xlsx.records("faelle.xlsx", hand_written(rows))
    wide = '<row r="1"><c r="CV1"><v>1</v></c></row><row r="20"><c r="A20"><v>1</v></c></row>'
    with pytest.raises(xlsx.WorkbookError, match="mehr als 1.000 Zellen"):  # 20 rows x 100 columns
        xlsx.records("faelle.xlsx", hand_written(wide))


def test_a_flood_of_shared_strings_is_refused_before_openpyxl_loads_them():
    items = b"".join(b"<si><t>%d</t></si>" % n for n in range(1_000_000))
    shared = b'<sst ' + NS.encode() + b' count="1" uniqueCount="1">' + items + b"</sst>"
    data = hand_written('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', shared=shared)
    assert len(data) < 5 * 1024 * 1024
    table, peak = peak_bytes(lambda: extract("faelle.xlsx", data))
    [problem] = table.problems
    assert "mehr als 250.000 verschiedene Texte" in problem.message and "„faelle.xlsx“" in problem.message
    assert peak < 100 * 1024 * 1024


def test_a_few_shared_strings_are_read():
    data = hand_written('<row r="1"><c r="A1" t="s"><v>1</v></c></row>', strings=["a", "b"])
    assert xlsx.records("faelle.xlsx", data) == [(1, ["b"])]
