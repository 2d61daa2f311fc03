"""The contract is consistent, and the documentation and templates are made from it."""

import csv
import io

import pytest

from monitor import contract, contract_docs, settings

DOCS = settings.PROJECT_DIR / "docs"


@pytest.mark.parametrize("kind", contract.KINDS, ids=lambda k: k.name)
def test_kind_is_consistent(kind):
    names = [f.name for f in kind.fields]
    headers = [f.header for f in kind.fields]
    assert len(set(names)) == len(names)
    assert len(set(headers)) == len(headers)
    assert set(kind.key) <= set(names)
    assert all(kind.field(n).required for n in kind.key)
    assert kind.fields[0].name == "ags"  # every row carries the Gemeinde key
    for f in kind.fields:
        assert (f.codes is not None) == (f.type in (contract.CODE, contract.CODES)), f.name
        if f.codes and f.example:
            assert all(part in f.codes for part in f.example.split("|")), f.name


def test_no_direct_identifier_in_the_contract():
    forbidden = ("name", "geburt", "adresse", "strasse", "telefon", "mail", "aktenzeichen", "iban", "notiz",
                 "bemerkung")
    for kind in contract.KINDS:
        for f in kind.fields:
            if kind.name == "partners" and f.header == "name":
                continue  # the name of an institution, not of a person
            assert not any(word in f.header for word in forbidden), (kind.name, f.header)


def test_documentation_is_generated_from_the_contract():
    assert (DOCS / "datenformat.md").read_text(encoding="utf-8") == contract_docs.render_markdown()


@pytest.mark.parametrize("kind", contract.KINDS, ids=lambda k: k.name)
def test_shipped_template_matches_the_contract(kind):
    raw = (DOCS / "vorlagen" / f"{kind.slug}.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == kind.headers
    assert len(rows) == 2 and len(rows[1]) == len(kind.headers)


def test_write_templates_reproduces_the_shipped_ones(tmp_path):
    for path in contract_docs.write_templates(tmp_path):
        assert path.read_bytes() == (DOCS / "vorlagen" / path.name).read_bytes()


def test_xlsx_template_imports_like_the_csv_one_and_lists_the_codes(sqlite_engine):
    from openpyxl import load_workbook

    from etl.pipeline import import_files

    data = contract_docs.template_xlsx(contract.CASES)
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Daten", "Codes"]
    assert [c.value for c in book["Daten"][1]] == contract.CASES.headers
    codes = book["Codes"]
    header = [c.value for c in codes[1]]
    gender = [row[header.index("geschlecht")] for row in codes.iter_rows(min_row=2, values_only=True)]
    assert [g for g in gender if g] == list(contract.CASES.field("gender").codes)
    staffing = ("stellenanteile.xlsx", contract_docs.template_xlsx(contract.STAFFING))  # the officer's Kürzel
    report = import_files(sqlite_engine, [("faelle.xlsx", data), staffing], user="test")
    assert report.ok and report.files[0].inserted == 1
