"""The upload page's plain data: preview rows, the problem report and its CSV for Excel."""

from __future__ import annotations

import pandas as pd

from etl.extract import Problem
from etl.pipeline import FileResult, ImportReport
from monitor import uploads
from monitor.texts import ui


def test_preview_and_problems_in_german():
    report = ImportReport([
        FileResult("faelle.csv", "cases", "valid", rows=3, inserted=2, updated=1, encoding="cp1252", delimiter=";"),
        FileResult("kurse.csv", "courses", "rejected", rows=2, encoding="utf-8-sig", delimiter=",",
                   problems=[Problem("kurse.csv", 3, "beginn", "„31.02.2016“ ist kein gültiges Datum.")]),
    ])
    preview = uploads.preview(report)
    assert preview[ui.UPLOAD_COL_KIND].tolist() == ["Fälle", "Kurse"]
    assert preview[ui.UPLOAD_COL_ENCODING].tolist() == ["Windows-1252", "UTF-8 mit BOM"]
    assert preview[ui.UPLOAD_COL_NEW].tolist() == ["2", "–"]  # nothing to say about a rejected file
    assert preview[ui.UPLOAD_COL_STATE].tolist()[1] == "1 Problem(e)"
    problems = uploads.problems(report)
    assert problems.values.tolist() == [["kurse.csv", 3, "beginn", "„31.02.2016“ ist kein gültiges Datum."]]


def test_problem_report_csv_opens_in_excel_and_neutralises_formulas():
    report = ImportReport([FileResult("f.csv", "cases", "rejected", problems=[
        Problem("f.csv", 2, "ortsteil", "=HYPERLINK(\"http://x\") ist kein Ortsteil"),
        Problem("f.csv", None, None, "Die Datei ist leer.")])])
    data = uploads.problems_csv(uploads.problems(report))
    assert data.startswith("\ufeffDatei;Zeile;Spalte;Problem\r\n".encode("utf-8"))
    text = data.decode("utf-8-sig")
    assert 'f.csv;2;ortsteil;"\'=HYPERLINK' in text  # quoted (it holds quotes) and neutralised
    assert text.endswith("f.csv;;;Die Datei ist leer.\r\n")
    assert uploads.neutralise("+49") == "'+49" and uploads.neutralise("@x") == "'@x" and uploads.neutralise("a=b") == "a=b"


def test_tables_for_the_page_are_german_text_without_none():
    report = ImportReport([FileResult("f.csv", "cases", "rejected", problems=[
        Problem("f.csv", None, None, "Die Datei ist leer.")])])
    assert uploads.problems_shown(uploads.problems(report))[ui.UPLOAD_COL_LINE].tolist() == ["–"]
    batches = pd.DataFrame({"id": [3], "imported_at": [pd.Timestamp("2026-11-24 13:05", tz="Europe/Berlin")],
                            "file_name": ["kontakte.csv"], "kind": ["contacts"], "row_count": [4662],
                            "inserted": [4662], "updated": [0], "imported_by": ["anna"], "sha256": ["ab" * 32]})
    history = uploads.history(batches)
    assert history.iloc[0][[ui.UPLOAD_COL_KIND, ui.UPLOAD_COL_ROWS, ui.UPLOAD_COL_CHANGED]].tolist() == [
        "Kontakte", "4.662", "0"]
