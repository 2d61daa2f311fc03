"""The import contracts in .importlinter hold: the domain (monitor) imports neither etl, ui, pages nor Streamlit,
etl imports neither ui, pages nor Streamlit, ui does not import pages. A violation fails pytest as well as
scripts/test.sh."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from monitor import settings

PROJECT = settings.PROJECT_DIR
CONFIG = PROJECT / ".importlinter"
LINT = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    """`lint-imports` with the project's contracts over the packages in `root` (it reads them from there)."""
    return subprocess.run([sys.executable, "-c", LINT, "--config", str(CONFIG), "--no-cache", "--no-logo"],
                          cwd=root, capture_output=True, text=True, timeout=120)


def root_packages() -> list[str]:
    config = configparser.ConfigParser()
    config.read(CONFIG, encoding="utf-8")
    return config["importlinter"]["root_packages"].split()


def test_the_contracts_are_kept():
    result = lint_imports(PROJECT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_every_package_of_the_app_is_checked():
    """A new top-level package of app code must be placed in the layers, not left outside the contracts."""
    packages = {p.name for p in PROJECT.iterdir()
                if p.is_dir() and not p.name.startswith(".") and any(p.glob("*.py"))}
    assert packages - {"tests", "benchmarks", "scripts", "data", "docs"} == set(root_packages())


@pytest.mark.parametrize("module,line,broken", [
    ("monitor/fmt.py", "import streamlit", "monitor is not allowed to import streamlit"),
    ("monitor/db.py", "from etl import extract", "monitor is not allowed to import etl"),
    ("monitor/queries.py", "from ui import session", "monitor is not allowed to import ui"),
    ("etl/load.py", "from ui import uploads", "etl is not allowed to import ui"),
    ("ui/uploads.py", "from pages import hochladen", "ui is not allowed to import pages"),
])
def test_a_violation_is_found(tmp_path, module, line, broken):
    """The contracts are not vacuous: the same packages with one forbidden import added break them."""
    for name in root_packages():
        shutil.copytree(PROJECT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    target = tmp_path / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    result = lint_imports(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert broken in result.stdout
