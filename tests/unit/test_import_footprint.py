"""`python -m monitor import` loads only what an import needs: the memory of every module it loads counts against
the bound for a 10 MB upload (under 300 MB, benchmarks/README.md), so the modules of the other commands (accounts,
the published set and its LP solver, context statistics, the report, the dashboard) are imported where they are
used, not at the top of the modules the import goes through. Each case runs in a fresh process and names the
modules it found loaded; no timing or memory figures here (benchmarks/bench_import.py measures those)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from monitor import settings

TEMPLATES = settings.PROJECT_DIR / "docs" / "vorlagen"

# Runs `python -m monitor ...` as the command line does and prints its exit code and the loaded modules as the
# last line of stdout.
CHILD = """
import json, runpy, sys
sys.argv = ["monitor", *sys.argv[1:]]
code = 0
try:
    runpy.run_module("monitor", run_name="__main__", alter_sys=True)
except SystemExit as done:
    code = done.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""

# Made lazy for the import: loaded at the top of monitor.cli, monitor.kontext_cli and monitor.retention before.
LAZY = [
    "monitor.auth", "argon2",  # accounts (the user command, --benutzer)
    "monitor.published", "monitor.suppression", "monitor.lp", "highspy",  # the published set (retention's archive)
    "monitor.context",  # context statistics (the kontext command)
]
# Never part of an import: the report, the dashboard, its charts and maps, backups.
NEVER = [
    "monitor.report", "monitor.charts", "monitor.maps", "monitor.overview", "monitor.backup",
    "weasyprint", "kaleido", "plotly", "pydeck", "streamlit", "scipy", "authlib", "openpyxl", "ui", "pages",
]


def among(modules: set[str], names: list[str]) -> list[str]:
    """The modules of `modules` that are one of `names` or inside one of them."""
    return sorted(m for m in modules if any(m == n or m.startswith(n + ".") for n in names))


def loaded_by(*args: str, url: str) -> tuple[int, set[str], str]:
    env = {**os.environ, "DATABASE_URL": url}
    done = subprocess.run([sys.executable, "-c", CHILD, *args], cwd=settings.PROJECT_DIR, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return result["code"], set(result["modules"]), done.stderr


@pytest.mark.parametrize("dry_run", [True, False], ids=["dry-run", "import"])
def test_an_import_on_the_command_line_loads_only_what_importing_needs(tmp_path, dry_run):
    files = [str(p) for p in sorted(TEMPLATES.glob("*.csv"))]
    args = ["import", *(["--dry-run"] if dry_run else []), *files]
    code, modules, stderr = loaded_by(*args, url=f"sqlite:///{tmp_path / 'footprint.db'}")
    assert code == 0, stderr
    assert stderr.count("Probelauf" if dry_run else "importiert") == len(files), stderr
    # The import did run: its pipeline, the checks and the migration were loaded.
    assert {"etl.pipeline", "etl.transform", "pandera", "monitor.retention", "alembic"} <= modules
    assert among(modules, LAZY) == []
    assert among(modules, NEVER) == []


def test_the_commands_that_need_them_still_load_them(tmp_path):
    """The lazy imports are in place where they are used: listing the accounts loads monitor.auth, listing the
    context statistics monitor.context."""
    url = f"sqlite:///{tmp_path / 'footprint.db'}"
    code, modules, stderr = loaded_by("user", "list", url=url)
    assert code == 0, stderr
    assert {"monitor.auth", "argon2"} <= modules
    code, modules, stderr = loaded_by("kontext", "list", url=url)
    assert code == 0, stderr
    assert "monitor.context" in modules
