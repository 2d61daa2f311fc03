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


# --- hostile workbooks: the size comes from the cells, never from <dimension> ---

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
SHARED_STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


def hand_written(sheet_data: str, dimension: str = "A1:XFD1048576", strings: list[str] | None = None,
                 shared: bytes | None = None) -> bytes:
    """A minimal workbook whose sheet XML is written by hand, so it can claim anything."""
    override = f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SHARED_STRINGS_TYPE}"/>'
    members = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            + (override if strings is not None or shared is not None else "") + "</Types>").encode(),
        "_rels/.rels": (
            b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            b'officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        "xl/workbook.xml": (
            f'<workbook {NS} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="Tabelle1" sheetId="1" r:id="rId1"/></sheets></workbook>').encode(),
        "xl/_rels/workbook.xml.rels": (
            b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            b'worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
        "xl/worksheets/sheet1.xml": (
            f'<worksheet {NS}><dimension ref="{dimension}"/><sheetData>{sheet_data}</sheetData></worksheet>'
        ).encode(),
    }
    if strings is not None:
        items = "".join(f"<si><t>{s}</t></si>" for s in strings)
        shared = f'<sst {NS} count="{len(strings)}" uniqueCount="{len(strings)}">{items}</sst>'.encode()
    if shared is not None:
        members["xl/sharedStrings.xml"] = shared
    return zip_with(members)


def measured(function):
    """(result, seconds, peak bytes allocated) of one call."""
    import time
    import tracemalloc

    tracemalloc.start()
    started = time.perf_counter()
    try:
        result = function()
    finally:
        seconds = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return result, seconds, peak


def test_a_sheet_claiming_the_whole_grid_is_read_by_its_real_cells():
    data = hand_written('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
                        '<row r="3"><c r="B3"><v>2.5</v></c></row>', strings=["kuerzel", "fte"])
    numbered, seconds, peak = measured(lambda: xlsx.records("faelle.xlsx", data))
    assert numbered == [(1, ["kuerzel", "fte"]), (2, ["", ""]), (3, ["", "2.5"])]
    assert seconds < 1 and peak < 20 * 1024 * 1024


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
    table, seconds, peak = measured(lambda: extract("faelle.xlsx", data))
    [problem] = table.problems
    assert message in problem.message and "„faelle.xlsx“" in problem.message and not table.rows
    assert seconds < 1 and peak < 20 * 1024 * 1024


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
    table, seconds, peak = measured(lambda: extract("faelle.xlsx", data))
    [problem] = table.problems
    assert "mehr als 250.000 verschiedene Texte" in problem.message and "„faelle.xlsx“" in problem.message
    assert seconds < 2 and peak < 100 * 1024 * 1024


def test_a_few_shared_strings_are_read():
    data = hand_written('<row r="1"><c r="A1" t="s"><v>1</v></c></row>', strings=["a", "b"])
    assert xlsx.records("faelle.xlsx", data) == [(1, ["b"])]
