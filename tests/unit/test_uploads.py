"""The upload page's plain data: preview rows, the problem report and its CSV for Excel."""

from __future__ import annotations

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
    assert preview[ui.UPLOAD_COL_NEW].tolist()[0] == 2 and preview[ui.UPLOAD_COL_STATE].tolist()[1] == "1 Problem(e)"
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
