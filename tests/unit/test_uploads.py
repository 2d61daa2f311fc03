"""The upload page's plain data: preview rows, the problem report and its CSV for Excel."""

from __future__ import annotations

import pandas as pd

from etl.extract import Problem
from etl.pipeline import FileResult, ImportReport
from monitor.texts import ui
from ui import downloads, uploads


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
    assert preview[ui.UPLOAD_COL_STATE].tolist()[1] == "1 Fehler"
    problems = uploads.problems(report)
    assert problems.values.tolist() == [["kurse.csv", 3, "beginn", "Fehler", "„31.02.2016“ ist kein gültiges Datum."]]


def test_problem_report_csv_opens_in_excel_and_neutralises_formulas():
    report = ImportReport([FileResult("f.csv", "cases", "rejected", problems=[
        Problem("f.csv", 2, "ortsteil", "=HYPERLINK(\"http://x\") ist kein Ortsteil"),
        Problem("f.csv", None, None, "Die Datei ist leer.")])])
    data = uploads.problems_csv(uploads.problems(report))
    assert data.startswith("\ufeffDatei;Zeile;Spalte;Art;Problem\r\n".encode("utf-8"))
    text = data.decode("utf-8-sig")
    assert 'f.csv;2;ortsteil;Fehler;"\'=HYPERLINK' in text  # quoted (it holds quotes) and neutralised
    assert text.endswith("f.csv;;;Fehler;Die Datei ist leer.\r\n")
    assert downloads.neutralise("+49") == "'+49" and downloads.neutralise("@x") == "'@x"
    assert downloads.neutralise("a=b") == "a=b"


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


def test_period_warnings_and_overlap_decisions_in_the_preview():
    from datetime import date

    warned = FileResult("kontakte.csv", "contacts", "valid", rows=2, inserted=2, sha256="a" * 64,
                        period=(date(2026, 1, 5), date(2026, 6, 30)),
                        problems=[Problem("kontakte.csv", 3, "datum", "Excel-Datumszahl", warning=True)])
    overlap = FileResult("faelle.csv", "cases", "overlap", rows=3, inserted=1, updated=1, removed=1, sha256="b" * 64)
    decided = FileResult("kurse.csv", "courses", "valid", rows=3, updated=2, sha256="c" * 64)
    report = ImportReport([warned, overlap, decided])
    preview = uploads.preview(report, {"c" * 64: uploads.REPLACE})
    assert preview[ui.UPLOAD_COL_PERIOD].tolist() == ["05.01.2026 – 30.06.2026", "–", "–"]
    assert preview[ui.UPLOAD_COL_REMOVED].tolist() == ["0", "1", "0"]
    assert preview[ui.UPLOAD_COL_STATE].tolist() == [
        "fehlerfrei, 1 Hinweis(e)", ui.UPLOAD_STATE_OVERLAP, ui.UPLOAD_STATE_REPLACE]
    assert uploads.problems(report)[ui.UPLOAD_COL_SEVERITY].tolist() == ["Hinweis"]
    # The import waits for a decision on every overlapping file; a skipped file is left out.
    assert uploads.to_import(report, {}) is None
    assert uploads.to_import(report, {"b" * 64: uploads.SKIP}) == ["a" * 64, "c" * 64]
    assert uploads.to_import(report, {"b" * 64: uploads.REPLACE}) == ["a" * 64, "b" * 64, "c" * 64]
    assert uploads.preview(report, {"b" * 64: uploads.SKIP})[ui.UPLOAD_COL_STATE].tolist()[1] == ui.UPLOAD_STATE_SKIP
    assert [uploads.overlapping(f) for f in report.files] == [False, True, True]
    merged = uploads.preview(report, {"b" * 64: uploads.MERGE, "c" * 64: uploads.MERGE})[ui.UPLOAD_COL_STATE]
    assert merged.tolist()[2] == ui.UPLOAD_STATE_MERGE


def test_nothing_to_import_when_a_file_is_rejected_or_all_are_known():
    rejected = ImportReport([FileResult("a.csv", "cases", "valid", sha256="a" * 64),
                             FileResult("b.csv", None, "rejected", sha256="b" * 64,
                                        problems=[Problem("b.csv", None, None, "Die Datei ist leer.")])])
    known = ImportReport([FileResult("a.csv", "cases", "unchanged", sha256="a" * 64)])
    assert uploads.to_import(rejected, {}) is None and uploads.to_import(known, {}) is None


def test_a_decision_holds_only_for_the_plan_it_was_made_on():
    report = ImportReport([FileResult("a.csv", "cases", "overlap", sha256="a" * 64, fingerprint="plan-1"),
                           FileResult("b.csv", "cases", "valid", sha256="b" * 64, fingerprint="plan-2"),
                           FileResult("c.csv", "cases", "unchanged", sha256="c" * 64)])
    decided = {"a" * 64: (uploads.REPLACE, "plan-1"), "b" * 64: (uploads.MERGE, "plan-0"),
               "c" * 64: (uploads.SKIP, "plan-0")}
    assert uploads.outdated(report, decided) == {"b" * 64}  # b's rows changed since; c was not planned
    assert uploads.fingerprints(report, ["a" * 64, "b" * 64]) == {"a" * 64: "plan-1", "b" * 64: "plan-2"}


def test_identifying_headers_cannot_be_mapped_but_the_contract_s_own_can():
    from monitor import contract

    assert uploads.identifying_header(contract.kind("cases"), "Geburtsdatum")
    assert not uploads.identifying_header(contract.kind("partners"), "Name")  # the institution's name
    assert uploads.identifying_header(contract.kind("cases"), "Name")
    assert uploads.mappable_columns(["Fall-Nr", " fall nr ", "", "Datum"]) == [("Fall-Nr", "fall_nr"),
                                                                               ("Datum", "datum")]


def test_at_most_thirty_own_values_of_a_column_are_offered_for_mapping():
    many = [f"wert {i:02d}" for i in range(45)]
    result = FileResult(file="x.csv", kind="cases", status="rejected",
                        unknown_codes={"gender": many, "target_group": ["fluechtling"]})
    shown, left_out = uploads.value_choices(result)
    assert shown == {"gender": many[:30], "target_group": ["fluechtling"]} and left_out == 15


def test_the_grouped_report_counts_every_problem_and_names_the_first_lines():
    from etl.pipeline import validate_file

    header = "gemeinde_ags;fall_id;zielgruppe;geschlecht;beginn"
    rows = [f"03351023;F-{i};geduldet;x;14.02.2016" for i in range(1_200)]
    result, _ = validate_file("faelle.csv", "\n".join([header, *rows]).encode(), secret=b"k")
    table = uploads.problem_groups(ImportReport([result]))
    assert table.values.tolist() == [["faelle.csv", "geschlecht", ui.UPLOAD_ERROR, "1.200", "2, 3, 4, 5, 6 …",
                                      result.groups[0].message]]
    assert uploads.preview(ImportReport([result])).iloc[0][ui.UPLOAD_COL_STATE] == \
        ui.UPLOAD_STATE_REJECTED.format(count="1.200")
