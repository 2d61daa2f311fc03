"""`python -m monitor` as municipal IT scripts it: exit codes, German messages on stderr, JSON on stdout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date

import pytest
from sqlalchemy import func, select

from monitor import db, queries, registry, settings
from monitor.periods import Period

TEMPLATES = settings.PROJECT_DIR / "docs" / "vorlagen"


def run_cli(url: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": url}
    return subprocess.run([sys.executable, "-m", "monitor", *args], cwd=settings.PROJECT_DIR, env=env,
                          capture_output=True, text=True, timeout=600)


def batch_count(url: str) -> int:
    engine = db.make_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(db.import_batches)).scalar_one()
    finally:
        engine.dispose()


@pytest.fixture
def url(tmp_path):
    return f"sqlite:///{tmp_path / 'cli.db'}"


def test_templates_import_and_a_second_import_changes_nothing(url):
    files = [str(p) for p in sorted(TEMPLATES.glob("*.csv"))]
    first = run_cli(url, "import", *files)
    assert first.returncode == 0, first.stderr
    assert "faelle.csv: Fälle, 1 Zeilen importiert (neu 1" in first.stderr
    assert batch_count(url) == 9
    second = run_cli(url, "import", *files)
    assert second.returncode == 0, second.stderr
    assert second.stderr.count("bereits importiert") == 9
    assert batch_count(url) == 9


def test_a_file_without_its_header_row_is_refused_on_the_command_line_as_on_the_page(url, tmp_path):
    from monitor import audit
    from tests.unit.test_mappings import HEADERLESS, assert_nothing_of_the_file

    export = tmp_path / "export.csv"
    export.write_bytes(HEADERLESS)
    result = run_cli(url, "import", str(export))
    assert result.returncode == 1
    assert "Zeile 1: Die erste Zeile sieht nach Daten aus, nicht nach Spaltennamen" in result.stderr
    assert "hassan" not in result.stderr and "14.03.1985" not in result.stderr
    assert batch_count(url) == 0
    engine = db.make_engine(url)
    try:
        entries = audit.entries(engine)
        # besides the targets of data/ziele.csv, stored once by the system as at the dashboard's start
        assert entries[entries["actor"] != audit.SYSTEM]["action"].tolist() == [audit.IMPORT_REJECTED]
        assert_nothing_of_the_file(engine)
    finally:
        engine.dispose()


def test_rejected_file_exits_1_names_line_and_column_and_stores_nothing(url, tmp_path):
    bad = tmp_path / "faelle.csv"
    text = (TEMPLATES / "faelle.csv").read_text(encoding="utf-8-sig")
    bad.write_text(text.replace("14.03.2016", "31.02.2016"), encoding="cp1252")
    good = TEMPLATES / "kurse.csv"
    result = run_cli(url, "import", str(good), str(bad))
    assert result.returncode == 1
    assert "faelle.csv" in result.stderr and "Zeile 2" in result.stderr and "beginn" in result.stderr
    assert "Es wurde nichts importiert" in result.stderr
    assert "kurse.csv: Kurse, 1 Zeilen, gültig, aber nicht gespeichert" in result.stderr
    assert "Probelauf" not in result.stderr
    assert batch_count(url) == 0  # the good file was not imported either


def test_an_overlapping_file_needs_replace_and_warnings_are_printed(url, tmp_path):
    first, second = tmp_path / "faelle.csv", tmp_path / "faelle_korrigiert.csv"
    header = "gemeinde_ags;fall_id;zielgruppe;geschlecht;beginn\n"
    first.write_text(header + "03351023;F-1;geduldet;w;14.03.2016\n03351023;F-2;geduldet;m;20.03.2016\n"
                     "03351023;F-3;geduldet;m;02.05.2016\n", encoding="cp1252")
    second.write_text(header + "03351023;F-1;geduldet;w;14.03.2016\n03351023;F-3;geduldet;w;42492\n",
                      encoding="cp1252")  # F-2 gone, F-3 corrected, its date as an Excel day number
    assert run_cli(url, "import", str(first)).returncode == 0
    refused = run_cli(url, "import", str(second))
    assert refused.returncode == 1 and batch_count(url) == 1
    assert ("faelle_korrigiert.csv: Fälle, 2 Zeilen: Die Datei überschneidet sich mit bereits importierten Daten "
            "(14.03.2016 – 02.05.2016): sie ändert 1 gespeicherte Zeile(n), und 1 gespeicherte Zeile(n) ihres "
            "Zeitraums fehlen in ihr.") in refused.stderr
    assert "Mit --replace ersetzen, mit --merge ergänzen." in refused.stderr
    assert "Es wurde nichts importiert" in refused.stderr
    assert "Hinweis: Zeile 3, Spalte „beginn“: „42492“ ist eine Excel-Datumszahl" in refused.stderr
    cafe = tmp_path / "integrationscafe.csv"  # a file that refers to no other kind
    cafe.write_bytes((TEMPLATES / "integrationscafe.csv").read_bytes())
    undecided = run_cli(url, "import", "--dry-run", str(second), str(cafe))
    assert undecided.returncode == 1
    assert "Probelauf: ohne --replace oder --merge würde nichts importiert" in undecided.stderr
    waiting = run_cli(url, "import", str(second), str(cafe))
    assert "integrationscafe.csv: Integrationscafé, 1 Zeilen, gültig, aber nicht gespeichert (über eine andere " \
        "Datei ist noch nicht entschieden)" in waiting.stderr and batch_count(url) == 1
    merged = run_cli(url, "import", "--merge", "--dry-run", str(second))
    assert merged.returncode == 0 and "gültig (Probelauf" in merged.stderr
    replaced = run_cli(url, "import", "--replace", str(second))
    assert replaced.returncode == 0, replaced.stderr
    assert "2 Zeilen importiert (neu 0, geändert 1, entfernt 1, unverändert 1)" in replaced.stderr
    assert batch_count(url) == 2


def test_dry_run_validates_without_storing(url):
    result = run_cli(url, "import", "--dry-run", str(TEMPLATES / "faelle.csv"), str(TEMPLATES / "stellenanteile.csv"))
    assert result.returncode == 0, result.stderr
    assert "Probelauf" in result.stderr
    assert batch_count(url) == 0


def test_missing_file_is_exit_1(url, tmp_path):
    result = run_cli(url, "import", str(tmp_path / "gibt-es-nicht.csv"))
    assert result.returncode == 1
    assert "Datei nicht gefunden" in result.stderr


def test_kpis_json_on_the_demo_data_equals_the_overview_computation(url):
    assert run_cli(url, "demo").returncode == 0
    result = run_cli(url, "kpis", "--as-of", "2024-06-30", "--ags", "03351023", "--json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["period"] == {"key": "2024", "start": "2024-01-01", "end": "2024-06-30"}
    assert list(payload["kpis"]) == list(registry.IDS)  # every KPI of the registry, not only the overview's
    engine = db.make_engine(url)
    expected = registry.compute_all(queries.load_all(engine, "03351023"),
                                        Period.containing(date(2024, 6, 30), quarterly=False, cut_off=True))
    engine.dispose()
    for kpi_id, kpi in expected.items():
        assert payload["kpis"][kpi_id]["value"] == pytest.approx(kpi.value), kpi_id
        # every part, the categories of every breakdown included (NaN is null in JSON)
        figures = registry.spec(kpi_id).figures(kpi)
        assert list(payload["kpis"][kpi_id]["parts"]) == list(figures), kpi_id
        for name, value in figures.items():
            assert payload["kpis"][kpi_id]["parts"][name] == (None if value is None or value != value
                                                              else pytest.approx(value)), (kpi_id, name)
    assert payload["kpis"]["K1"]["value"] > 0
    assert payload["kpis"]["K1"]["parts"]["active_geduldet"] == expected["K1"].details["active_geduldet"]
    text = run_cli(url, "kpis", "--as-of", "2024-06-30", "--ags", "03351023")
    assert text.returncode == 0, text.stderr
    lines = text.stdout.splitlines()
    assert lines[0] == "Kennzahlen 2024 (bis 30.06.), Gemeinde 03351023"
    assert [line.split()[0] for line in lines if not line.startswith("      ")][1:] == list(registry.IDS)
    active = expected["K1"].details["active_geduldet"]
    assert f"      aktive Fälle am Stichtag je Zielgruppe: Geduldet: {active}" in lines


def test_the_command_line_stores_the_targets_once_as_the_dashboard_does(url):
    from monitor import targets

    assert run_cli(url, "migrate").returncode == 0
    engine = db.make_engine(url)
    try:
        stored = targets.from_database(engine)
        assert len(stored) == len(targets.load_targets()) > 0
        assert run_cli(url, "migrate").returncode == 0
        assert len(targets.from_database(engine)) == len(stored)
    finally:
        engine.dispose()


def test_demo_scale_loads_several_gemeinden(url):
    result = run_cli(url, "demo", "--scale", "2")
    assert result.returncode == 0, result.stderr
    assert "Demodaten für 2 Gemeinde(n) geladen (2 des Landkreises Celle, 0 synthetische" in result.stderr
    engine = db.make_engine(url)
    assert len(queries.gemeinden(engine)) == 2
    engine.dispose()


def test_kpis_on_an_empty_database_says_so(url):
    result = run_cli(url, "kpis", "--json")
    assert result.returncode == 1
    assert "Keine Daten" in result.stderr


def test_undo_from_the_command_line(url):
    assert run_cli(url, "import", str(TEMPLATES / "integrationscafe.csv")).returncode == 0
    done = run_cli(url, "undo", "1")
    assert done.returncode == 0 and "Import Nr. 1 (integrationscafe.csv) rückgängig gemacht: 1 Zeilen entfernt" \
        in done.stderr
    assert batch_count(url) == 0
    again = run_cli(url, "undo", "1")
    assert again.returncode == 1 and "gibt es nicht" in again.stderr


def test_db_upgrade_migrates_the_owners_database_and_refuses_an_app_role_on_sqlite(tmp_path):
    owner_url, app_url = f"sqlite:///{tmp_path / 'owner.db'}", f"sqlite:///{tmp_path / 'app.db'}"
    env = {k: v for k, v in os.environ.items() if k != "MONITOR_APP_ROLE"}
    env |= {"DATABASE_URL": app_url, "MONITOR_OWNER_DATABASE_URL": owner_url}
    command = [sys.executable, "-m", "monitor", "db", "upgrade"]
    done = subprocess.run(command, cwd=settings.PROJECT_DIR, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "Datenbank ist auf dem neuesten Stand." in done.stderr
    assert (tmp_path / "owner.db").exists() and not (tmp_path / "app.db").exists()  # the owner's URL, not the app's
    assert batch_count(owner_url) == 0
    refused = subprocess.run(command, cwd=settings.PROJECT_DIR, env=env | {"MONITOR_APP_ROLE": "monitor_app"},
                             capture_output=True, text=True, timeout=300)
    assert refused.returncode == 1
    assert "MONITOR_APP_ROLE gilt nur für PostgreSQL" in refused.stderr and "Traceback" not in refused.stderr


def test_an_import_or_undo_while_another_one_holds_the_lock_gives_up_in_german_with_exit_1(url, monkeypatch):
    from etl import locks
    from monitor.texts import errors

    assert run_cli(url, "import", str(TEMPLATES / "stellenanteile.csv"), str(TEMPLATES / "faelle.csv")).returncode == 0
    monkeypatch.setenv("MONITOR_LOCK_WAIT_S", "0.3")
    engine = db.make_engine(url)
    holder = engine.connect()
    holder.begin()
    locks.lock(holder, {("03351023", "cases")})  # another workplace imports cases right now
    try:
        imported = run_cli(url, "import", str(TEMPLATES / "kurse.csv"))
        undone = run_cli(url, "undo", "1")
    finally:
        holder.rollback()
        holder.close()
        engine.dispose()
    for result in (imported, undone):
        assert result.returncode == 1 and errors.LOCK_TIMEOUT in result.stderr and "Traceback" not in result.stderr
    assert batch_count(url) == 2


def test_report_writes_the_public_pdf_and_refuses_a_period_not_closed_in_german(url, tmp_path):
    import pypdf

    assert run_cli(url, "demo").returncode == 0
    out = tmp_path / "bericht.pdf"
    result = run_cli(url, "report", "--year", "2025", "--out", str(out))  # the one Gemeinde by default
    assert result.returncode == 0, result.stderr
    assert "Bericht geschrieben" in result.stderr and "öffentlich" in result.stderr
    reader = pypdf.PdfReader(out)
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Gemeinde Wietze" in text and f"Seite 1 von {len(reader.pages)}" in text
    assert "Nur für den Dienstgebrauch" not in text

    running = run_cli(url, "report", "--year", str(date.today().year), "--out", str(tmp_path / "laufend.pdf"))
    assert running.returncode == 1
    assert "nicht abgeschlossen" in running.stderr and "2025" in running.stderr
    assert not (tmp_path / "laufend.pdf").exists()
    unknown = run_cli(url, "report", "--year", "1999", "--quarter", "2", "--out", str(tmp_path / "x.pdf"))
    assert unknown.returncode == 1 and "2. Quartal 1999" in unknown.stderr
    assert run_cli(url, "report", "--year", "2025", "--ags", "01001000", "--out", str(out)).returncode == 1
    assert run_cli(url, "report", "--year", "2025", "--quarter", "5", "--out", str(out)).returncode == 2


def test_report_intern_is_marked_on_every_page(url, tmp_path):
    import pypdf

    assert run_cli(url, "demo").returncode == 0
    out = tmp_path / "intern.pdf"
    result = run_cli(url, "report", "--year", "2025", "--quarter", "3", "--intern", "--ags", "03351023",
                     "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "intern" in result.stderr
    pages = pypdf.PdfReader(out).pages
    assert all("Nur für den Dienstgebrauch" in page.extract_text() for page in pages)
    assert "3. Quartal 2025" in pages[0].extract_text()


def test_report_on_an_empty_database_or_with_several_gemeinden_says_what_is_missing(url, tmp_path):
    empty = run_cli(url, "report", "--year", "2025", "--out", str(tmp_path / "x.pdf"))
    assert empty.returncode == 1 and "Keine Gemeinde" in empty.stderr
    assert run_cli(url, "demo", "--scale", "2").returncode == 0
    several = run_cli(url, "report", "--year", "2025", "--out", str(tmp_path / "x.pdf"))
    assert several.returncode == 2 and "--ags" in several.stderr
