"""`python -m monitor kontext import|list|undo` as municipal IT scripts it: exit codes and German messages."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from monitor import db, settings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "kontext"
GENESIS = FIXTURES / "genesis_12411-0015_bevoelkerung_kreise.csv"
GV = FIXTURES / "destatis_gemeindeverzeichnis_2019_landkreis_celle_auszug.csv"


def run_cli(url: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": url}
    return subprocess.run([sys.executable, "-m", "monitor", *args], cwd=settings.PROJECT_DIR, env=env,
                          capture_output=True, text=True, timeout=600)


def stored(url: str) -> tuple[int, int]:
    engine = db.make_engine(url)
    try:
        with engine.connect() as conn:
            return (conn.execute(select(func.count()).select_from(db.context_files)).scalar_one(),
                    conn.execute(select(func.count()).select_from(db.context_values)).scalar_one())
    finally:
        engine.dispose()


@pytest.fixture
def url(tmp_path):
    return f"sqlite:///{tmp_path / 'kontext.db'}"


def test_import_all_shipped_files_then_again_then_list_and_undo(url):
    files = sorted(str(p) for p in (settings.PROJECT_DIR / "data" / "kontext").glob("*.csv"))
    first = run_cli(url, "kontext", "import", *files)
    assert first.returncode == 0, first.stderr
    assert ("genesis_12411-0015_bevoelkerung_kreise.csv: GENESIS-Online (Statistisches Bundesamt), Tabelle "
            "12411-0015, Stichtag 31.12.1995–31.12.2018: 11424 Werte von 476 Regionen importiert") in first.stderr
    assert stored(url) == (5, 88 + 105 + 11_424 + 1_614 + 538)
    second = run_cli(url, "kontext", "import", *files)
    assert second.returncode == 0, second.stderr
    assert second.stderr.count("bereits importiert") == 5
    assert stored(url) == (5, 13_769)
    listed = run_cli(url, "kontext", "list")
    assert listed.returncode == 0
    lines = listed.stdout.splitlines()
    assert lines[0].split("\t")[:3] == ["Nr.", "Quelle", "Tabelle"] and len(lines) == 6
    assert "\tgenesis\t12411-0015\t31.12.1995–31.12.2018\t11424\t" in listed.stdout
    undone = run_cli(url, "kontext", "undo", "3")
    assert undone.returncode == 0, undone.stderr
    assert "Kontextdatei 3" in undone.stderr and "11424 Werte" in undone.stderr
    assert stored(url) == (4, 13_769 - 11_424)
    again = run_cli(url, "kontext", "undo", "3")
    assert again.returncode == 1 and "keine Kontextdatei mit der Nummer 3" in again.stderr


def test_a_broken_file_is_refused_with_file_and_line_and_nothing_of_the_call_is_stored(url, tmp_path):
    data = GENESIS.read_bytes()
    broken = tmp_path / "bevoelkerung.csv"
    broken.write_bytes(data[: data.index(b"03351;") + 40])
    result = run_cli(url, "kontext", "import", str(GV), str(broken))
    assert result.returncode == 1
    assert "bevoelkerung.csv, Zeile 44: Die Zeile hat" in result.stderr
    assert "Es wurde nichts importiert." in result.stderr
    assert stored(url) == (0, 0)
    missing = run_cli(url, "kontext", "import", str(tmp_path / "fehlt.csv"))
    assert missing.returncode == 1 and "Datei nicht gefunden" in missing.stderr


def test_a_reference_date_can_be_given_for_a_file_that_names_none(url, tmp_path):
    renamed = tmp_path / "gemeindeverzeichnis.csv"
    renamed.write_bytes(GV.read_bytes())
    refused = run_cli(url, "kontext", "import", str(renamed))
    assert refused.returncode == 1 and "--stichtag" in refused.stderr
    given = run_cli(url, "kontext", "import", "--stichtag", "2019-12-31", str(renamed))
    assert given.returncode == 0, given.stderr
    assert "Stichtag 31.12.2019: 105 Werte von 21 Regionen" in given.stderr
