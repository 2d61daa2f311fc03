"""Column and value mappings: a staff member maps a foreign header or their own code values once, and every
later file with that header (from the page or the command line) imports as the contract's; nothing that
identifies a person gets in through a mapping."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from etl import mappings
from etl.pipeline import format_problem, import_files
from etl.transform import header_signature, pseudonym
from monitor import audit, db, settings
from tests.unit.test_load import roster

# A case software's own export: English names, other order, one column we do not need.
FOREIGN_HEADER = "Case No;Municipality;Gender;Opened;Group;Team"
FOREIGN = ("\r\n".join([
    FOREIGN_HEADER,
    "F-1;03351023;w;14.03.2016;geduldet;Nord",
    "F-2;03351023;m;01.04.2016;schutz_anerkannt;Süd",
]) + "\r\n").encode("cp1252")
COLUMNS = {"case_no": "case_id", "municipality": "ags", "gender": "gender", "opened": "opened_on",
           "group": "target_group", "team": None}
HEADER = FOREIGN_HEADER.split(";")


def cases(engine) -> list[dict]:
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(select(db.TABLES["cases"])).mappings()]


def test_a_foreign_header_is_refused_until_its_columns_are_mapped_then_imports(engine):
    refused = import_files(engine, [("export.csv", FOREIGN)], user="anna")
    assert not refused.ok and cases(engine) == []
    assert refused.files[0].closest == "cases" and not refused.files[0].header_fits  # a guess for the dialog
    by_name = import_files(engine, [("kontakte_export.csv", FOREIGN)], user="anna", dry_run=True)
    assert by_name.files[0].closest == "contacts"

    mappings.save_columns(engine, HEADER, "cases", COLUMNS, user="anna", role="verwaltung")
    report = import_files(engine, [("export.csv", FOREIGN)], user="anna")
    assert report.ok, [format_problem(p) for p in report.files[0].problems]
    result = report.files[0]
    assert (result.kind, result.mapped, result.header_fits, result.inserted) == ("cases", True, True, 2)
    stored = {r["case_id"]: r for r in cases(engine)}
    secret = settings.pseudonym_secret()
    assert stored[pseudonym(secret, "03351023", "F-2")]["target_group"] == "schutz_anerkannt"
    assert "Süd" not in repr(stored) and "Nord" not in repr(stored)  # the column not taken over is not stored


def test_the_mapping_is_found_again_for_the_same_names_in_another_order_and_spelling(engine):
    mappings.save_columns(engine, HEADER, "cases", COLUMNS, user="anna")
    other = (b"team;GROUP;opened;gender;municipality;case no\n"
             b"Ost;geduldet;01.02.2017;w;03351023;F-9\n")
    reordered = ["team", "GROUP", "opened", "gender", "municipality", "case no"]
    assert header_signature(reordered) == header_signature(HEADER)
    report = import_files(engine, [("export2.csv", other)], user="anna")
    assert report.ok and report.files[0].inserted == 1


def test_problems_in_a_mapped_file_name_the_file_s_own_columns(engine):
    mappings.save_columns(engine, HEADER, "cases", COLUMNS, user="anna")
    bad = (FOREIGN_HEADER + "\nF-1;03351023;w;31.02.2016;geduldet;Nord\n").encode("utf-8")
    report = import_files(engine, [("export.csv", bad)], user="anna")
    assert [format_problem(p) for p in report.files[0].problems] == [
        "Zeile 2, Spalte „Opened“: „31.02.2016“ ist kein gültiges Datum (erwartet TT.MM.JJJJ, z. B. 14.03.2016)."]


def test_a_column_left_out_is_still_searched_for_personal_data(engine):
    mappings.save_columns(engine, HEADER, "cases", COLUMNS, user="anna")
    leaking = (FOREIGN_HEADER + "\nF-1;03351023;w;14.03.2016;geduldet;anna.muster@example.org\n").encode("utf-8")
    report = import_files(engine, [("export.csv", leaking)], user="anna")
    problem = report.files[0].problems[0]
    assert (report.files[0].status, problem.line, problem.column) == ("rejected", 2, "Team")
    assert "E-Mail-Adresse" in problem.message and "example.org" not in format_problem(problem)
    assert cases(engine) == []


def test_a_mapping_cannot_let_in_a_column_whose_name_is_personal(engine):
    header = HEADER + ["Vorname"]
    mappings.save_columns(engine, header, "cases", COLUMNS | {"vorname": None}, user="anna")
    data = (";".join(header) + "\nF-1;03351023;w;14.03.2016;geduldet;Nord;Max\n").encode("utf-8")
    report = import_files(engine, [("export.csv", data)], user="anna")
    assert report.files[0].status == "rejected"
    assert [(p.column, "Namen" in p.message) for p in report.files[0].problems] == [("Vorname", True)]


@pytest.mark.parametrize(("columns", "reason"), [
    (COLUMNS | {"opened": None}, "Pflichtspalte „beginn“"),
    (COLUMNS | {"team": "case_id"}, "„fall_id“ ist mehreren Spalten zugeordnet („Case No“, „Team“)"),
    (COLUMNS | {"team": "shoe_size"}, "„shoe_size“ ist keine Spalte"),
])
def test_an_unusable_mapping_is_refused_in_german(engine, columns, reason):
    with pytest.raises(mappings.MappingError, match=re.escape(reason)):
        mappings.save_columns(engine, HEADER, "cases", columns, user="anna")
    assert mappings.load(engine).columns == {}


def test_own_code_values_are_mapped_once_for_every_later_file(engine):
    header = "gemeinde_ags;fall_id;zielgruppe;geschlecht;beginn"
    data = (header + "\n03351023;F-1;geduldet;weiblich;14.03.2016\n03351023;F-2;Geduldet;F;15.03.2016\n"
            "03351023;F-3;geduldet;männlich;16.03.2016\n").encode("utf-8")
    refused = import_files(engine, [("faelle.csv", data)], user="anna")
    assert refused.files[0].unknown_codes == {"gender": ["F", "männlich", "weiblich"]}

    saved = mappings.save_values(engine, "cases", "gender", {"weiblich": "w", "F": "w", "Männlich": "m"}, user="anna")
    assert saved == 3
    report = import_files(engine, [("faelle.csv", data)], user="anna")
    assert report.ok and report.files[0].unknown_codes == {}
    assert sorted(r["gender"] for r in cases(engine)) == ["m", "w", "w"]


def test_values_in_a_list_of_codes_are_mapped_one_by_one(engine):
    mappings.save_values(engine, "contacts", "topics", {"Wohnungssuche": "wohnen"}, user="anna")
    data = (b"gemeinde_ags;kontakt_id;fall_id;datum;kontaktart;themen;beauftragte\n"
            b"03351023;K-1;F-1;02.05.2018;sprechstunde;aufenthalt|Wohnungssuche;IB-M\n")
    report = import_files(engine, [("kontakte.csv", data), *roster()], user="anna")
    assert report.ok
    with engine.connect() as conn:
        assert conn.execute(select(db.TABLES["contacts"].c.topics)).scalar_one() == "aufenthalt|wohnen"


def test_a_value_can_only_be_mapped_to_a_code_of_the_field(engine):
    with pytest.raises(mappings.MappingError, match="kein erlaubter Wert"):
        mappings.save_values(engine, "cases", "gender", {"weiblich": "female"}, user="anna")
    with pytest.raises(mappings.MappingError, match="keine Liste erlaubter Werte"):
        mappings.save_values(engine, "cases", "officer", {"Anna": "IB-W"}, user="anna")
    with pytest.raises(mappings.MappingError, match="kein erlaubter Wert"):
        mappings.save_values(engine, "cases", "district", {"Nord": "nordstadt"}, user="anna")


def test_only_vocabulary_is_remembered_as_a_value(engine):
    with pytest.raises(mappings.MappingError, match="personenbezogenen"):
        mappings.save_values(engine, "contacts", "contact_type", {"Frau Müller 0151 2345678": "telefon"}, user="anna")
    with pytest.raises(mappings.MappingError, match="121 Zeichen"):
        mappings.save_values(engine, "cases", "gender", {"w" * 121: "w"}, user="anna")
    assert mappings.load(engine).values == {}


def test_mappings_are_logged_listed_and_can_be_forgotten(engine):
    mappings.save_columns(engine, HEADER, "cases", COLUMNS, user="anna", role="verwaltung")
    mappings.save_values(engine, "cases", "gender", {"weiblich": "w"}, user="anna", role="verwaltung")
    logged = audit.entries(engine, audit.Filter(actions=(audit.MAPPING,)))
    assert sorted(logged["object"]) == ["cases:gender", "cases:spalten"]
    assert "1 Wert(e) zugeordnet" in list(logged["detail"]) and "weiblich" not in " ".join(logged["detail"])
    listed = mappings.listing(engine)
    assert listed["table"].tolist() == ["column_mappings", "value_mappings"]
    assert "case_no → case_id" in listed["mapping"].iloc[0] and listed["mapping"].iloc[1] == "weiblich → w"
    for row in listed.to_dict("records"):
        mappings.forget(engine, row["table"], row["id"], user="admin", role="admin")
    assert mappings.load(engine).columns == {} and mappings.load(engine).values == {}
    assert not import_files(engine, [("export.csv", FOREIGN)], user="anna").ok  # judged by the contract again


def test_saving_a_mapping_for_the_same_header_again_replaces_it(engine):
    mappings.save_columns(engine, HEADER, "cases", COLUMNS, user="anna")
    mappings.save_columns(engine, HEADER, "cases", COLUMNS | {"team": "district"}, user="berta")
    stored = mappings.load(engine).for_header(HEADER)
    assert stored.columns["team"] == "district" and len(mappings.load(engine).columns) == 1
