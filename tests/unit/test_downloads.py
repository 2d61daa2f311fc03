"""Downloads of a table (ui.downloads): CSV and XLSX as a German Excel opens them, formulas neutralised, exact
figures marked "Nur für den Dienstgebrauch"."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import pandas as pd
import pytest
from openpyxl import load_workbook

from monitor.texts import ui
from ui import downloads

FRAME = pd.DataFrame({
    "Zeitpunkt": pd.to_datetime([datetime(2026, 11, 24, 13, 5, tzinfo=UTC), None], utc=True),
    "Tag": pd.to_datetime(["2026-01-31", "2026-02-01"]),  # moments at midnight: dates
    "Person": ["=HYPERLINK(\"http://x\")", "anna"],
    "Quote": [0.5432, float("nan")],
    "Anzahl": pd.array([1234, None], dtype="Int64"),
    "Text": ["-3 Tage", "\tTab"],
    "Ja": [True, False],
})


def test_csv_for_a_german_excel():
    data = downloads.csv_bytes(FRAME, exact=False)
    assert data.startswith("\ufeff".encode())  # UTF-8 with BOM
    lines = data.decode("utf-8-sig").split("\r\n")
    assert lines[0] == "Zeitpunkt;Tag;Person;Quote;Anzahl;Text;Ja"
    # local time, decimal comma and no thousands dot (Excel reads it as a number), formulas neutralised
    assert lines[1] == "24.11.2026 14:05:00;31.01.2026;\"'=HYPERLINK(\"\"http://x\"\")\";0,5432;1234;'-3 Tage;ja"
    assert lines[2] == ";01.02.2026;anna;;;'\tTab;nein"  # missing values stay empty
    assert lines[3] == ""


def test_exact_figures_are_marked_for_official_use_only():
    exact = downloads.csv_bytes(FRAME, exact=True).decode("utf-8-sig").split("\r\n")
    assert exact[0] == ui.FOR_OFFICIAL_USE == "Nur für den Dienstgebrauch"
    assert exact[1].startswith("Zeitpunkt;")
    csv_label, xlsx_label = downloads.labels("Protokoll", exact=True)
    assert csv_label == "Protokoll als CSV herunterladen (nur für den Dienstgebrauch)"
    assert xlsx_label == "Protokoll als Excel-Datei herunterladen (nur für den Dienstgebrauch)"
    assert "Dienstgebrauch" not in "".join(downloads.labels("Protokoll", exact=False))


@pytest.mark.parametrize("exact", [False, True])
def test_xlsx_with_real_numbers_and_dates_and_no_formula(exact):
    book = load_workbook(io.BytesIO(downloads.xlsx_bytes(FRAME, exact=exact, title="Protokoll: Januar/Februar")))
    sheet = book.active
    assert sheet.title == "Protokoll  Januar Februar"  # characters Excel forbids in a sheet name replaced
    first = 2 if exact else 1
    if exact:
        assert sheet["A1"].value == ui.FOR_OFFICIAL_USE
        assert sheet.oddHeader.center.text == ui.FOR_OFFICIAL_USE  # on every printed page
    assert [c.value for c in sheet[first]] == list(FRAME.columns)
    row = [c for c in sheet[first + 1]]
    assert row[0].value == datetime(2026, 11, 24, 14, 5) and row[0].number_format == "DD.MM.YYYY HH:MM:SS"
    assert row[1].value == datetime(2026, 1, 31) and row[1].number_format == "DD.MM.YYYY"
    assert row[2].value == "'=HYPERLINK(\"http://x\")" and row[2].data_type == "s"  # a text, not a formula
    assert row[3].value == pytest.approx(0.5432) and row[4].value == 1234
    assert row[5].value == "'-3 Tage" and row[6].value == "ja"
    assert [c.value for c in sheet[first + 2]][2:5] == ["anna", None, None]
    assert sheet.freeze_panes == f"A{first + 1}"
    assert not any(c.data_type == "f" for r in sheet.iter_rows() for c in r)


def test_neutralise_and_file_names():
    assert [downloads.neutralise(t) for t in ("=1+1", "+49", "-x", "@a", "\tb", "\rc", "a=b", "")] == \
        ["'=1+1", "'+49", "'-x", "'@a", "'\tb", "'\rc", "a=b", ""]
    assert downloads.file_stem("Spaltenbeschreibung Integrationscafé") == "spaltenbeschreibung-integrationscafe"
    assert downloads.file_stem("Prüfbericht, zusammengefasst") == "pruefbericht-zusammengefasst"
    assert downloads.file_stem("???") == "tabelle"


def test_an_empty_table_still_has_its_header():
    empty = FRAME.iloc[0:0]
    header = "Zeitpunkt;Tag;Person;Quote;Anzahl;Text;Ja\r\n"
    assert downloads.csv_bytes(empty, exact=False).decode("utf-8-sig") == header
    sheet = load_workbook(io.BytesIO(downloads.xlsx_bytes(empty, exact=False, title="x"))).active
    assert sheet.max_row == 1


def test_dates_as_python_dates():
    frame = pd.DataFrame({"Datum": [date(2026, 3, 1)]})
    assert downloads.csv_bytes(frame, exact=False).decode("utf-8-sig").split("\r\n")[1] == "01.03.2026"
