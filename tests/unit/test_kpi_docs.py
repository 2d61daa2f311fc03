"""docs/kennzahlen.md is made from the KPI registry (python -m monitor kpi-docs) and names what it describes."""

from monitor import cli, kpi_docs, registry, settings
from monitor.texts import kpis as texts

DOCS = settings.PROJECT_DIR / "docs"


def test_documentation_is_generated_from_the_registry():
    assert (DOCS / "kennzahlen.md").read_text(encoding="utf-8") == kpi_docs.render_markdown()


def test_command_prints_it(capsys):
    assert cli.main(["kpi-docs"]) == 0
    assert capsys.readouterr().out == kpi_docs.render_markdown()


def test_every_kpi_and_part_is_described():
    text = kpi_docs.render_markdown()
    for spec in registry.REGISTRY:
        assert f"## {spec.id} – {texts.NAMES[spec.id]}" in text
        assert texts.DEFINITIONS[spec.id] in text
        for part in spec.parts:
            assert f"{texts.PARTS[spec.id][part.name]} (`{part.name}`)" in text


def test_links_stay_inside_the_repository():
    text = kpi_docs.render_markdown()
    for target in ("datenformat.md", "datenschutz.md"):
        assert f"]({target})" in text and (DOCS / target).is_file()
