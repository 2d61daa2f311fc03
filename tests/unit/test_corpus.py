"""The corpus of real-world exports (tests/fixtures, written by make_fixtures.py): each file through the whole
import into a real database, with exactly the outcome a staff member should get: imported with the right
values, imported with warnings, or refused with German messages by line and column and nothing stored."""

from __future__ import annotations

import os
from datetime import date

import pytest

from etl.pipeline import format_problem, import_files
from etl.transform import pseudonym
from monitor import settings
from tests.unit.test_load import batches, fixture, rows, with_roster
from ui import downloads

WIETZE = "03351023"


def placed(result) -> list[tuple[int | None, str | None, bool]]:
    return [(p.line, p.column, p.warning) for p in result.problems]


def imported(engine, name: str, *others: str):
    """The file (with ``others`` in the same call, e.g. the staffing its officers' Kürzel come from) imported."""
    report = import_files(engine, [fixture(name), *map(fixture, others)], user="t")
    result = report.files[0]
    assert result.status == "imported", [format_problem(p) for p in result.problems]
    return result


def refused(engine, name: str):
    report = import_files(engine, [fixture(name)], user="t")
    result = report.files[0]
    assert result.status == "rejected" and not report.ok
    assert batches(engine) == []
    return result


def test_excel_day_numbers_in_a_date_column_are_read_with_a_warning(engine):
    result = imported(engine, "kontakte_excel_datumszahl.csv", "stellenanteile_excel.csv")
    assert placed(result) == [(2, "datum", True), (4, "datum", True)]
    assert "„43222“ ist eine Excel-Datumszahl und wurde als 02.05.2018 gelesen" in result.problems[0].message
    assert sorted(r["date"] for r in rows(engine, "contacts")) == [date(2018, 5, 2), date(2018, 5, 2), date(2018, 5, 9)]
    assert sorted(r["duration_min"] for r in rows(engine, "contacts")) == [30, 45, 1200]  # thousands dot


def test_excel_error_values_are_named_in_every_column_also_in_ids(engine):
    result = refused(engine, "kontakte_excel_fehlerwerte.csv")
    assert placed(result) == [(2, "dauer_minuten", False), (3, "fall_id", False), (4, "datum", False)]
    assert [p.message.split(" ist ")[0] for p in result.problems] == ["„#DIV/0!“", "„#NV“", "„#WERT!“"]
    assert all("Excel-Fehlerwert" in p.message for p in result.problems)


def test_headers_in_other_case_with_spaces_nbsp_and_nfd_umlauts_are_the_contract_s(engine):
    result = imported(engine, "faelle_kopfzeile_varianten.csv")
    assert result.kind == "cases" and result.problems == []
    assert rows(engine, "cases")[0]["employable"] is True


def test_control_characters_and_a_stray_nul_are_named_by_line_and_column(engine):
    result = refused(engine, "faelle_steuerzeichen.csv")
    assert placed(result) == [(2, "ortsteil", False), (3, "fall_id", False)]
    assert "(U+001B)" in result.problems[0].message and "(U+0000)" in result.problems[1].message


def test_leading_zeros_belong_to_the_key_and_a_short_ags_gets_its_zero_back(engine):
    imported(engine, "faelle_fuehrende_nullen.csv")
    secret = settings.pseudonym_secret()
    stored = {r["case_id"] for r in rows(engine, "cases")}
    assert stored == {pseudonym(secret, WIETZE, "007"), pseudonym(secret, WIETZE, "7")}


def test_an_identical_row_twice_is_taken_once_with_a_warning(engine):
    result = imported(engine, "faelle_doppelte_zeilen.csv")
    assert placed(result) == [(4, None, True)]
    assert result.problems[0].message == "Die Zeile wiederholt Zeile 2 Zelle für Zelle und wird nur einmal übernommen."
    assert (result.rows, result.inserted, len(rows(engine, "cases"))) == (3, 2, 2)


def test_one_key_twice_with_other_content_is_an_error(engine):
    result = refused(engine, "faelle_doppelter_schluessel.csv")
    assert placed(result) == [(3, "fall_id", False)] and "die Zeilen 2 und 3" in result.problems[0].message


def test_formulas_markdown_and_html_are_stored_as_text_and_neutralised_in_the_report(engine):
    imported(engine, "netzwerkpartner_formeln.csv")
    names = [r["name"] for r in rows(engine, "partners")]
    assert names == ['=HYPERLINK("http://example.org";"Klick")', "+Integration e.V.", "-Sprachpaten-",
                     "@Treffpunkt Wietze", "**Tafel** <b>Wietze</b> <script>alert(1)</script>"]
    assert [downloads.neutralise(n)[:1] for n in names] == ["'", "'", "'", "'", "*"]


def test_a_very_long_cell_is_refused_by_its_length_without_being_quoted(engine):
    result = refused(engine, "faelle_sehr_langes_feld.csv")
    assert placed(result) == [(2, "ortsteil", False)]
    assert "139999 Zeichen" in result.problems[0].message and "wietze wietze" not in result.problems[0].message


def test_utf16_unicode_text_from_excel_is_read_with_its_umlauts(engine):
    imported(engine, "faelle_utf16_unicode_text.csv")
    assert rows(engine, "cases")[0]["district"] == "steinfoerde"  # the Ortsteil's code, found by its name


def test_a_file_above_the_size_limit_is_refused_before_it_is_read(engine, monkeypatch):
    monkeypatch.setenv("MONITOR_MAX_UPLOAD_MB", "1")
    header = "gemeinde_ags;kontakt_id;fall_id;datum;kontaktart;themen;beauftragte"
    body = "".join(f"{WIETZE};K-{i};F-1;02.05.2018;telefon;wohnen;IB-M\r\n" for i in range(25_000))
    data = (header + "\r\n" + body).encode("cp1252")
    assert len(data) > 1024 * 1024
    report = import_files(engine, [("kontakte.csv", data)], user="t")
    assert [format_problem(p) for p in report.files[0].problems] == [
        f"Die Datei ist {len(data) / 1024 / 1024:.1f} MB groß; angenommen werden höchstens 1 MB. ".replace(".", ",", 1)
        + "Bitte den Export auf einen kürzeren Zeitraum beschränken (z. B. ein Jahr je Datei)."]
    assert batches(engine) == []


def test_the_size_limit_of_the_import_is_the_browser_s():
    config = (settings.PROJECT_DIR / ".streamlit" / "config.toml").read_text(encoding="utf-8")
    assert f"maxUploadSize = {settings.MAX_UPLOAD_MB}\n" in config
    assert os.environ.get("MONITOR_MAX_UPLOAD_MB") is None and settings.max_upload_mb() == settings.MAX_UPLOAD_MB


@pytest.mark.parametrize("name", ["faelle_leere_enden.csv", "faelle_kopfzeile_varianten.csv",
                                  "faelle_utf16_unicode_text.csv", "netzwerkpartner_cp1252.csv",
                                  "stellenanteile_excel.csv", "kontakte_komma.csv"])
def test_the_same_file_twice_changes_nothing(engine, name):
    if name.startswith("kontakte"):
        with_roster(engine)  # the officers' Kürzel the contacts name
    before = len(batches(engine))
    imported(engine, name)
    again = import_files(engine, [fixture(name)], user="t")
    assert [f.status for f in again.files] == ["unchanged"] and len(batches(engine)) == before + 1
