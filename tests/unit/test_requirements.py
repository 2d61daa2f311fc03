"""What the app imports when it runs is installed by requirements.txt, the file the start command installs (the test
and benchmark tools in requirements-dev.txt are not there on a production server). Every third-party module that
the app's code imports must come from a distribution pinned in requirements.txt."""

from __future__ import annotations

import ast
import re
import sys
from importlib import metadata

from monitor import settings

PROJECT = settings.PROJECT_DIR
RUNTIME = ("app.py", "dashboard.py", "monitor", "etl", "ui", "pages")


def pinned(file_name: str) -> set[str]:
    """The distributions pinned (name==version) in a requirements file, normalised."""
    names = set()
    for line in (PROJECT / file_name).read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Za-z0-9_.-]+)(\[[^\]]*\])?==", line.strip())
        if match:
            names.add(normalised(match.group(1)))
    return names


def normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def imported_modules(path) -> set[str]:
    """The top-level names of the absolute imports of a file, wherever they stand (inside functions too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def runtime_files():
    for entry in RUNTIME:
        path = PROJECT / entry
        yield from ([path] if path.is_file() else sorted(path.rglob("*.py")))


def test_every_third_party_import_of_the_app_is_pinned_for_runtime():
    own = {"monitor", "etl", "ui", "pages", "dashboard", "app"}
    distributions = metadata.packages_distributions()
    runtime = pinned("requirements.txt")
    missing = {}
    for path in runtime_files():
        for module in imported_modules(path) - own - set(sys.stdlib_module_names) - {"__future__"}:
            names = {normalised(d) for d in distributions.get(module, [module])}
            if not names & runtime:
                missing.setdefault(module, []).append(str(path.relative_to(PROJECT)))
    assert not missing, missing


def test_the_check_sees_a_module_that_only_the_tests_install(tmp_path):
    assert "scipy" in pinned("requirements-dev.txt") and "scipy" not in pinned("requirements.txt")
    module = tmp_path / "audit.py"
    module.write_text("def solve():\n    from scipy.optimize import linprog\n", encoding="utf-8")
    assert imported_modules(module) == {"scipy"}
