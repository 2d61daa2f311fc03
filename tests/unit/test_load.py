"""The whole import against a real database (SQLite and, with TEST_DATABASE_URL, PostgreSQL): all or
nothing, one batch per file, upsert by key, pseudonyms only, dry runs and repeated files write nothing."""

from __future__ import annotations

import hashlib
import logging
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import String, func, select

from etl import pipeline
from etl.pipeline import format_problem, import_files
from etl.transform import pseudonym
from monitor import contract, db, settings

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
TEMPLATES = settings.PROJECT_DIR / "docs" / "vorlagen"
DEMO = settings.DEMO_DIR

CASE_HEADER = "gemeinde_ags;fall_id;zielgruppe;geschlecht;beginn;abschluss;abschlussgrund;ziele_gesetzt"
CONTACT_HEADER = "gemeinde_ags;kontakt_id;fall_id;datum;kontaktart;themen;beauftragte;dauer_minuten"


def csv_file(name: str, header: str, *rows: str, encoding: str = "cp1252") -> tuple[str, bytes]:
    return name, ("\r\n".join([header, *rows]) + "\r\n").encode(encoding)


def fixture(name: str) -> tuple[str, bytes]:
    return name, (FIXTURES / name).read_bytes()


OFFICERS = ("IB-M", "IB-W", "IB-Mü", "IB-Ü")
PARTNER_IDS = tuple(f"P{n:02d}" for n in range(1, 26))


def roster(*gemeinden: str) -> list[tuple[str, bytes]]:
    """A staffing and a partners file that define the officers' Kürzel (OFFICERS) and the partner_ids
    (PARTNER_IDS) of the Gemeinden, from 2010 (before the periods the tests import), so that files referring
    to them are accepted: import them first, or in the same call."""
    gemeinden = gemeinden or ("03351023",)
    staffing = [f"{ags};{officer};w;0,5;01.01.2010" for ags in gemeinden for officer in OFFICERS]
    partners = [f"{ags};{pid};Einrichtung {pid[1:]};verein;gemeinde;01.01.2010" for ags in gemeinden
                for pid in PARTNER_IDS]
    return [csv_file("stellenanteile_roster.csv", "gemeinde_ags;kuerzel;geschlecht;vze;gueltig_ab", *staffing),
            csv_file("netzwerkpartner_roster.csv", "gemeinde_ags;partner_id;name;partnertyp;ebene;aktiv_seit",
                     *partners)]


def with_roster(engine, *gemeinden: str) -> None:
    """Store ``roster`` (a second time changes nothing)."""
    report = import_files(engine, roster(*gemeinden), user="roster")
    assert report.ok, [format_problem(p) for f in report.files for p in f.problems]


def rows(engine, kind: str) -> list[dict]:
    table = db.TABLES[kind]
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(select(table).order_by(table.c.id)).mappings()]


def batches(engine) -> list[dict]:
    with engine.connect() as conn:
        table = db.import_batches
        return [dict(r) for r in conn.execute(select(table).order_by(table.c.id)).mappings()]


def snapshot(engine) -> dict[str, list[tuple]]:
    """Every row of every table, for "nothing changed" checks on any backend."""
    with engine.connect() as conn:
        return {name: [tuple(r) for r in conn.execute(select(table).order_by(*table.primary_key.columns))]
                for name, table in db.metadata.tables.items()}


def sqlite_bytes(engine) -> bytes | None:
    if engine.dialect.name != "sqlite":
        return None
    path = Path(engine.url.database)
    parts = [p.read_bytes() for p in (path, Path(f"{path}-wal")) if p.exists()]
    return hashlib.sha256(b"".join(parts)).digest()


def ok(report) -> None:
    assert report.ok, [format_problem(p) for f in report.files for p in f.problems]


# ------------------------------------------------------------------------------------------------ import


def test_templates_and_fixtures_import_with_one_batch_per_file(engine):
    files = [(p.name, p.read_bytes()) for p in sorted(TEMPLATES.glob("*.csv"))]
    report = import_files(engine, files, user="ib-wietze")
    ok(report)
    assert [f.status for f in report.files] == ["imported"] * len(files)
    stored = batches(engine)
    assert len(stored) == len(files)
    by_file = {b["file_name"]: b for b in stored}
    faelle = by_file["faelle.csv"]
    assert faelle["kind"] == "cases" and faelle["row_count"] == 1 and faelle["inserted"] == 1
    assert faelle["sha256"] == hashlib.sha256((TEMPLATES / "faelle.csv").read_bytes()).hexdigest()
    assert faelle["imported_by"] == "ib-wietze"
    assert isinstance(faelle["imported_at"], datetime)
    case = rows(engine, "cases")[0]
    assert case["batch_id"] == faelle["id"]
    assert case["opened_on"] == date(2016, 3, 14) and case["employable"] is True and case["goals_set"] == 3
    staffing = rows(engine, "staffing")[0]
    assert staffing["fte"] == pytest.approx(0.5)


def test_files_load_in_contract_load_order(engine):
    files = [(p.name, p.read_bytes()) for p in sorted(TEMPLATES.glob("*.csv"), reverse=True)]
    ok(import_files(engine, files, user="t"))
    assert [b["kind"] for b in batches(engine)] == list(contract.LOAD_ORDER)


@pytest.mark.parametrize("name", ["netzwerkpartner_utf8.csv", "netzwerkpartner_utf8_bom.csv",
                                  "netzwerkpartner_utf16le_tab.csv", "netzwerkpartner_cp1252.csv"])
def test_each_encoding_stores_the_same_names(engine, name):
    report = import_files(engine, [fixture(name)], user="t")
    ok(report)
    assert report.files[0].encoding and report.files[0].delimiter
    stored = rows(engine, "partners")
    assert [r["name"] for r in stored] == ["Ausländerbehörde Landkreis Celle", "Caritas – Migrationsdienst Celle",
                                           "Förderverein Grundschule Wietze"]
    assert stored[1]["active_from"] == date(2016, 3, 1) and stored[2]["active_from"] == date(2017, 9, 1)
    assert [r["agreement"] for r in stored] == [True, False, None]


def test_comma_file_with_a_quoted_code_list(engine):
    ok(import_files(engine, [fixture("kontakte_komma.csv"), fixture("stellenanteile_excel.csv")], user="t"))
    assert [r["topics"] for r in rows(engine, "contacts")] == ["aufenthalt|wohnen", "wohnen"]


# ----------------------------------------------------------------------------------- all or nothing


def test_one_bad_file_means_nothing_of_the_call_is_written(engine):
    good = csv_file("stellenanteile.csv", "gemeinde_ags;kuerzel;geschlecht;vze;gueltig_ab",
                    "03351023;IB-W;w;0,5;01.07.2017")
    bad = fixture("faelle_falsche_codes.csv")
    report = import_files(engine, [good, bad], user="t")
    assert not report.ok
    assert [f.status for f in report.files] == ["valid", "rejected"]
    assert report.files[1].problems and report.files[0].problems == []
    assert batches(engine) == []
    assert all(rows(engine, k.name) == [] for k in contract.KINDS)


def test_a_rejected_call_leaves_the_database_unchanged(engine):
    ok(import_files(engine, [csv_file("faelle.csv", CASE_HEADER, "03351023;F-1;geduldet;w;14.03.2016;;;1")], user="t"))
    before = snapshot(engine)
    changed = csv_file("faelle2.csv", CASE_HEADER, "03351023;F-1;geduldet;w;14.03.2016;;;2",
                       "03351023;F-2;geduldet;w;14.03.2016;;;1")
    bad = csv_file("faelle3.csv", CASE_HEADER, "03351023;F-3;geduldet;w;31.02.2016;;;1")
    report = import_files(engine, [changed, bad], user="t")
    assert not report.ok
    after = snapshot(engine)
    # Only the audit log learns of the refusal (file name, hash and number of problems, no cell value).
    assert {k: v for k, v in after.items() if k != "audit_log"} == {k: v for k, v in before.items() if k != "audit_log"}
    new_entries = after["audit_log"][len(before["audit_log"]):]
    assert [(e[4], e[5]) for e in new_entries] == [("import_rejected", "cases:faelle3.csv")]
    assert "31.02.2016" not in repr(new_entries)


@pytest.mark.parametrize("name", ["faelle_zellenzahl.csv", "faelle_doppelte_spalte.csv", "faelle_unbekannte_spalte.csv",
                                  "faelle_pflichtspalte_fehlt.csv", "kurse_zeilenumbruch.csv", "faelle_sep_line.csv"])
def test_bad_fixtures_are_rejected_with_placed_problems(engine, name):
    report = import_files(engine, [fixture(name)], user="t")
    result = report.files[0]
    assert result.status == "rejected" and result.problems
    assert all(p.file == name and p.message for p in result.problems)
    assert any(p.line is not None for p in result.problems)
    assert batches(engine) == []


def test_duplicate_keys_within_a_file_are_rejected_naming_both_lines(engine):
    report = import_files(engine, [csv_file("faelle.csv", CASE_HEADER, "03351023;F-1;geduldet;w;14.03.2016;;;",
                                            "03351023;F-2;geduldet;w;14.03.2016;;;",
                                            "03351023;F-1;geduldet;w;15.03.2016;;;")], user="t")
    problems = report.files[0].problems
    assert [(p.line, p.column) for p in problems] == [(4, "fall_id")]
    assert "Zeilen 2 und 4" in problems[0].message
    assert rows(engine, "cases") == []


# ----------------------------------------------------------------------------------------- upsert


def test_same_bytes_twice_is_unchanged_and_makes_no_batch(engine):
    file = fixture("stellenanteile_excel.csv")
    ok(import_files(engine, [file], user="t"))
    before = snapshot(engine)
    report = import_files(engine, [file], user="t")
    ok(report)
    assert (report.files[0].status, report.files[0].kind, report.files[0].rows) == ("unchanged", "staffing", 2)
    assert report.files[0].problems == []
    assert snapshot(engine) == before


def test_the_same_file_twice_in_one_call_is_loaded_once(engine):
    file = fixture("stellenanteile_excel.csv")
    report = import_files(engine, [file, file], user="t")
    ok(report)
    assert [f.status for f in report.files] == ["imported", "unchanged"]
    assert len(batches(engine)) == 1


def test_an_updated_full_export_inserts_updates_and_keeps_unchanged_rows(engine):
    first = csv_file("faelle_q1.csv", CASE_HEADER,
                     "03351023;F-1;geduldet;w;14.03.2016;;;1",
                     "03351023;F-2;geduldet;m;15.03.2016;;;1",
                     "03351023;F-3;geduldet;m;16.03.2016;;;")
    ok(import_files(engine, [first], user="t"))
    first_batch = batches(engine)[0]["id"]
    second = csv_file("faelle_q2.csv", CASE_HEADER,
                      "03351023;F-1;geduldet;w;14.03.2016;;;1",  # unchanged
                      "03351023;F-2;geduldet;m;15.03.2016;30.06.2016;wegzug;1",  # closed since
                      "03351023;F-3;geduldet;m;16.03.2016;;;",  # unchanged
                      "03351023;F-4;asylverfahren;w;01.04.2016;;;")  # new
    before = snapshot(engine)
    undecided = import_files(engine, [second], user="t")  # it changes a stored row: the user decides
    assert [f.status for f in undecided.files] == ["overlap"] and not undecided.ok
    assert (undecided.files[0].inserted, undecided.files[0].updated, undecided.files[0].removed) == (1, 1, 0)
    assert snapshot(engine) == before
    report = import_files(engine, [second], user="t", replace=True)
    ok(report)
    result = report.files[0]
    assert (result.status, result.rows, result.inserted, result.updated, result.unchanged) == ("imported", 4, 1, 1, 2)
    second_batch = batches(engine)[1]
    assert (second_batch["inserted"], second_batch["updated"], second_batch["unchanged"], second_batch["row_count"]) \
        == (1, 1, 2, 4)
    stored = rows(engine, "cases")
    assert len(stored) == 4  # nothing doubled
    by_pseudonym = {r["case_id"]: r for r in stored}
    f2 = by_pseudonym[pseudonym(settings.pseudonym_secret(), "03351023", "F-2")]
    assert (f2["closed_on"], f2["closure_reason"], f2["batch_id"]) == (date(2016, 6, 30), "wegzug", second_batch["id"])
    f1 = by_pseudonym[pseudonym(settings.pseudonym_secret(), "03351023", "F-1")]
    assert f1["batch_id"] == first_batch


def test_a_staffing_row_is_keyed_by_officer_and_start(engine):
    header = "gemeinde_ags;kuerzel;geschlecht;vze;gueltig_ab;gueltig_bis"
    ok(import_files(engine, [csv_file("s1.csv", header, "03351023;IB-M;m;1,0;01.01.2015;")], user="t"))
    report = import_files(engine, [csv_file("s2.csv", header, "03351023;IB-M;m;1,0;01.01.2015;30.06.2017",
                                            "03351023;IB-M;m;0,5;01.07.2017;")], user="t", replace=True)
    ok(report)
    assert (report.files[0].inserted, report.files[0].updated, report.files[0].unchanged) == (1, 1, 0)


def test_dry_run_writes_nothing_but_reports_what_would_happen(engine):
    ok(import_files(engine, [csv_file("faelle.csv", CASE_HEADER, "03351023;F-1;geduldet;w;14.03.2016;;;1")], user="t"))
    before, before_bytes = snapshot(engine), sqlite_bytes(engine)
    report = import_files(engine, [csv_file("faelle2.csv", CASE_HEADER, "03351023;F-1;geduldet;w;14.03.2016;;;2",
                                            "03351023;F-2;geduldet;w;14.03.2016;;;1")], user="t", dry_run=True)
    result = report.files[0]
    assert (result.status, result.inserted, result.updated, result.unchanged) == ("overlap", 1, 1, 0)
    assert snapshot(engine) == before
    assert sqlite_bytes(engine) == before_bytes


def test_dry_run_of_a_bad_file_reports_the_problems(engine):
    report = import_files(engine, [fixture("faelle_sep_line.csv")], user="t", dry_run=True)
    assert not report.ok and report.files[0].problems[0].line == 3


# ------------------------------------------------------------------------- one first DTZ attempt per person

ENROLMENT_HEADER = "gemeinde_ags;teilnahme_id;fall_id;berechtigung;berechtigung_datum;status;dtz_ergebnis;dtz_versuch"


def enrolments(name: str, *lines: str) -> tuple[str, bytes]:
    return csv_file(name, ENROLMENT_HEADER, *lines)


def first_attempts(engine) -> list[tuple[str, str]]:
    """(ags, case pseudonym) of the stored first attempts, sorted."""
    return sorted((r["ags"], r["case_id"]) for r in rows(engine, "enrolments")
                  if r["dtz_attempt"] == 1 and r["dtz_result"] is not None)


def case_of(raw: str, ags: str = "03351023") -> tuple[str, str]:
    return ags, pseudonym(settings.pseudonym_secret(), ags, raw)


EARLIER = enrolments("kursteilnahmen_2018.csv", "03351023;T-1;F-7;verpflichtet;01.02.2018;regulaer_beendet;A2;1",
                     "03351023;T-2;F-8;verpflichtet;01.03.2018;wartend;;")


def test_a_first_attempt_already_stored_refuses_the_file_and_the_whole_call(engine):
    ok(import_files(engine, [EARLIER], user="t"))
    before = snapshot(engine)
    staffing = csv_file("stellenanteile.csv", "gemeinde_ags;kuerzel;geschlecht;vze;gueltig_ab",
                        "03351023;IB-W;w;0,5;01.07.2017")
    later = enrolments("kursteilnahmen_2019.csv",
                       "03351023;T-3;F-8;verpflichtet;01.01.2019;regulaer_beendet;B1;1",  # F-8's first: fine
                       "03351023;T-4;F-7;verpflichtet;01.02.2019;regulaer_beendet;B1;1")  # F-7 has one stored
    for dry_run in (True, False):
        report = import_files(engine, [staffing, later], user="t", dry_run=dry_run)
        assert [f.status for f in report.files] == ["valid", "rejected"] and report.rejected
        problems = report.files[1].problems
        assert [(p.file, p.line, p.column) for p in problems] == [("kursteilnahmen_2019.csv", 3, "dtz_versuch")]
        assert "hat ein früherer Import bereits einen ersten DTZ-Versuch gespeichert" in problems[0].message
        assert "F-7" not in format_problem(problems[0]) and case_of("F-7")[1] not in problems[0].message
        assert report.files[1].error_count == 1 and report.files[1].inserted == 0
    after = snapshot(engine)  # nothing of the call written, the staffing file neither
    assert {k: v for k, v in after.items() if k != "audit_log"} == {k: v for k, v in before.items() if k != "audit_log"}
    new_entries = after["audit_log"][len(before["audit_log"]):]  # the dry run leaves no entry
    assert [(e[4], e[5]) for e in new_entries] == [("import_rejected", "enrolments:kursteilnahmen_2019.csv")]


def test_a_file_may_correct_the_stored_first_attempt_itself(engine):
    ok(import_files(engine, [EARLIER], user="t"))
    corrected = enrolments("kursteilnahmen_neu.csv",
                           "03351023;T-1;F-7;verpflichtet;01.02.2018;regulaer_beendet;A2;2",  # T-1 was the second
                           "03351023;T-2;F-8;verpflichtet;01.03.2018;wartend;;",
                           "03351023;T-0;F-7;verpflichtet;01.02.2018;regulaer_beendet;unter_A2;1")
    ok(import_files(engine, [corrected], user="t", merge=True))
    assert first_attempts(engine) == [case_of("F-7")]
    same_again = enrolments("kursteilnahmen_wieder.csv",  # holds the stored first attempt T-0 as it is
                            "03351023;T-0;F-7;verpflichtet;01.02.2018;regulaer_beendet;unter_A2;1",
                            "03351023;T-5;F-7;verpflichtet;01.09.2018;regulaer_beendet;B1;3")
    ok(import_files(engine, [same_again], user="t", merge=True))


def test_a_replacing_file_may_hold_the_first_attempt_in_another_row(engine):
    ok(import_files(engine, [EARLIER], user="t"))
    renumbered = enrolments("kursteilnahmen_neu.csv",  # same period, T-1 now numbered T-11
                            "03351023;T-11;F-7;verpflichtet;01.02.2018;regulaer_beendet;A2;1",
                            "03351023;T-2;F-8;verpflichtet;01.03.2018;wartend;;")
    undecided = import_files(engine, [renumbered], user="t")
    assert [f.status for f in undecided.files] == ["overlap"]  # replacing would remove T-1: the user decides
    merged = import_files(engine, [renumbered], user="t", merge=True)  # T-1 would stay beside T-11
    assert [(p.line, p.column) for p in merged.files[0].problems] == [(2, "dtz_versuch")]
    ok(import_files(engine, [renumbered], user="t", replace=True))
    assert first_attempts(engine) == [case_of("F-7")]


def test_first_attempts_of_files_in_one_call_and_of_other_gemeinden(engine):
    ok(import_files(engine, [EARLIER], user="t"))
    elsewhere = enrolments("kursteilnahmen_b.csv", "03351024;T-1;F-7;verpflichtet;01.02.2018;regulaer_beendet;B1;1")
    ok(import_files(engine, [elsewhere], user="t"))  # F-7 of another Gemeinde is another person
    first = enrolments("kursteilnahmen_c.csv", "03351023;T-6;F-9;verpflichtet;01.05.2019;regulaer_beendet;B1;1")
    second = enrolments("kursteilnahmen_d.csv", "03351023;T-7;F-9;verpflichtet;01.06.2020;regulaer_beendet;A2;1")
    report = import_files(engine, [first, second], user="t")
    assert [f.status for f in report.files] == ["valid", "rejected"]
    assert report.files[1].problems[0].line == 2
    assert first_attempts(engine) == sorted([case_of("F-7"), case_of("F-7", "03351024")])


# -------------------------------------------------------------------------------------- pseudonyms


def test_raw_ids_never_reach_the_database_and_pseudonyms_link_files(engine):
    cases = csv_file("faelle.csv", CASE_HEADER, "03351023;F-2017-0042;geduldet;w;14.03.2016;;;",
                     "03351024;F-2017-0042;geduldet;w;14.03.2016;;;")
    contacts = csv_file("kontakte.csv", CONTACT_HEADER,
                        "03351023;K-000917;F-2017-0042;02.05.2018;telefon;wohnen;IB-M;20")
    ok(import_files(engine, [contacts, cases, *roster()], user="t"))
    stored_cases, stored_contacts = rows(engine, "cases"), rows(engine, "contacts")
    in_wietze = next(r for r in stored_cases if r["ags"] == "03351023")
    elsewhere = next(r for r in stored_cases if r["ags"] == "03351024")
    assert stored_contacts[0]["case_id"] == in_wietze["case_id"]  # same id -> same pseudonym across files
    assert elsewhere["case_id"] != in_wietze["case_id"]  # other Gemeinde -> other pseudonym
    assert len(in_wietze["case_id"]) == 64 and int(in_wietze["case_id"], 16) >= 0
    with engine.connect() as conn:
        for table in db.metadata.tables.values():
            for column in table.columns:
                if isinstance(column.type, String):
                    found = conn.execute(select(func.count()).select_from(table).where(
                        column.like("%F-2017%") | column.like("%K-0009%"))).scalar_one()
                    assert found == 0, f"{table.name}.{column.name}"


def test_logging_carries_no_cell_values(engine, caplog):
    caplog.set_level(logging.DEBUG)
    bad = csv_file("faelle.csv", CASE_HEADER, "03351023;GEHEIM-4711;geduldet;w;31.02.2017;;;")
    good = csv_file("faelle2.csv", CASE_HEADER, "03351023;GEHEIM-4712;geduldet;w;14.03.2016;;;")
    import_files(engine, [bad], user="t")
    import_files(engine, [good], user="t")
    assert "faelle2.csv" in caplog.text  # it did log
    for value in ("GEHEIM", "31.02.2017", "14.03.2016", "geduldet"):
        assert value not in caplog.text


def test_report_and_problem_api():
    problem = pipeline.Problem("faelle.csv", 14, "beginn", "„31.02.2017“ ist kein gültiges Datum.")
    assert format_problem(problem) == "Zeile 14, Spalte „beginn“: „31.02.2017“ ist kein gültiges Datum."
    assert format_problem(pipeline.Problem("f", 3, None, "X.")) == "Zeile 3: X."
    assert format_problem(pipeline.Problem("f", None, "beginn", "X.")) == "Spalte „beginn“: X."
    report = pipeline.ImportReport([pipeline.FileResult("a.csv", "cases", "imported"),
                                    pipeline.FileResult("b.csv", None, "rejected")])
    assert not report.ok
    assert pipeline.ImportReport([pipeline.FileResult("a.csv", "cases", "unchanged")]).ok


# ------------------------------------------------------------------------------------------- demo data


def test_the_demo_exports_import_without_a_single_problem(engine):
    files = sorted(DEMO.glob("*.csv"))
    assert files, "data/demo/*.csv fehlt: python -m etl.demo schreibt die Demodaten"
    report = import_files(engine, [(p.name, p.read_bytes()) for p in files], user="demo")
    ok(report)
    assert {f.kind for f in report.files} == {k.name for k in contract.KINDS}
    assert all(f.status == "imported" and f.rows > 0 for f in report.files)


def test_two_files_of_one_kind_are_previewed_as_they_would_be_imported(engine):
    """The second file is planned after the first: the dry run says what the import will do, not less."""
    with_roster(engine)
    roster_batches = batches(engine)
    first = csv_file("kontakte_a.csv", CONTACT_HEADER, "03351023;K-1;F-1;02.05.2018;telefon;wohnen;IB-M;30")
    second = csv_file("kontakte_b.csv", CONTACT_HEADER, "03351023;K-2;F-1;01.05.2018;telefon;wohnen;IB-M;30",
                      "03351023;K-3;F-1;03.05.2018;telefon;wohnen;IB-M;30")  # its period holds K-1 of the first
    preview = import_files(engine, [first, second], user="t", dry_run=True)
    assert [(f.status, f.inserted, f.stale) for f in preview.files] == [("valid", 1, 0), ("overlap", 2, 1)]
    assert batches(engine) == roster_batches and rows(engine, "contacts") == []
    undecided = import_files(engine, [first, second], user="t")
    assert [f.status for f in undecided.files] == ["valid", "overlap"] and batches(engine) == roster_batches
    second_sha = hashlib.sha256(second[1]).hexdigest()
    assert [f.status for f in import_files(engine, [first, second], user="t", dry_run=True,
                                           merge={second_sha}).files] == ["valid", "valid"]
    report = import_files(engine, [first, second], user="t", merge={second_sha})
    assert [(f.status, f.inserted, f.removed) for f in report.files] == [("imported", 1, 0), ("imported", 2, 0)]
    assert len(rows(engine, "contacts")) == 3
