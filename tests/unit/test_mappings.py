"""Column and value mappings: a staff member maps a foreign header or their own code values once, and every
later file with that header (from the page or the command line) imports as the contract's; nothing that
identifies a person gets in through a mapping."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from etl import mappings
from etl.extract import normalise_header
from etl.pipeline import format_problem, import_files
from etl.transform import header_signature, pseudonym
from monitor import audit, db, settings
from monitor.texts import errors as t
from tests.unit.test_load import roster, with_roster

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
    with pytest.raises(mappings.MappingError, match="„Vorname“ enthält offenbar personenbezogene Daten"):
        mappings.save_columns(engine, header, "cases", COLUMNS | {"vorname": None}, user="anna")
    mappings.save_columns(engine, header, "cases", COLUMNS, user="anna")  # the other columns: saved
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


# ---------------------------------------------------------------------------------------------------------------
# Only checked things are kept: the attacks, each followed by a look at everything the database remembers
# ---------------------------------------------------------------------------------------------------------------

HEADERLESS = ("\r\n".join([
    "hassan_al_masri;14.03.1985;F-2015-0008;03351023;geduldet;m;14.03.2016",
    "amina_haddad;02.07.1990;F-2015-0009;03351023;schutz_anerkannt;w;01.04.2016",
]) + "\r\n").encode("cp1252")
ATTACK_NAME = "hassan_al_masri_14.03.1985.csv"
# What the file says (cells and file name), in every form it could be kept in: as written, normalised, lower case.
FILE_SAYS = ["hassan", "masri", "amina", "haddad", "14.03.1985", "02.07.1990", "2015-0008", "2015_0008",
             "2015-0009", "frau müller", "müller"]
TEMPLATE = (settings.PROJECT_DIR / "docs" / "vorlagen" / "faelle.csv").read_bytes()


def remembered(engine) -> str:
    """Everything the audit log, the remembered mappings and the import history hold, as one lower-case text."""
    with engine.connect() as conn:
        return "\n".join(repr(tuple(row)) for table in (db.audit_log, db.column_mappings, db.value_mappings,
                                                        db.import_batches)
                         for row in conn.execute(select(table))).lower()


def assert_nothing_of_the_file(engine) -> None:
    text = remembered(engine)
    assert [said for said in FILE_SAYS if said in text] == []


def test_a_file_without_its_header_row_is_refused_and_nothing_of_it_is_remembered(engine):
    report = import_files(engine, [(ATTACK_NAME, HEADERLESS)], user="anna")
    result = report.files[0]
    assert result.status == "rejected" and result.header == [] and result.unknown_codes == {}
    assert [format_problem(p) for p in result.problems][0].startswith(
        "Zeile 1: Die erste Zeile sieht nach Daten aus, nicht nach Spaltennamen")
    from ui import uploads

    assert not uploads.needs_columns(result) and not uploads.needs_values(result)  # no dialog is offered
    logged = audit.entries(engine, audit.Filter(actions=(audit.IMPORT_REJECTED,)))
    assert list(logged["object"]) == [f"?:{t.FILE_NAME_WITHHELD}"] and list(logged["detail"]) == ["1 Probleme"]
    assert_nothing_of_the_file(engine)


def test_a_header_row_that_is_a_record_is_never_kept_as_a_column_mapping(engine):
    header = "hassan_al_masri;14.03.1985;F-2015-0008;03351023;geduldet;m;14.03.2016".split(";")
    columns = {"hassan_al_masri": None, "14.03.1985": None, "f_2015_0008": "case_id", "03351023": "ags",
               "geduldet": "target_group", "m": "gender", "14.03.2016": "opened_on"}
    with pytest.raises(mappings.MappingError, match="sieht nach Daten aus"):
        mappings.save_columns(engine, header, "cases", columns, user="anna", role="verwaltung")
    assert mappings.check_columns("cases", header, columns) == [t.MAPPING_HEADER_DATA]
    assert mappings.load(engine).columns == {}
    assert audit.entries(engine).empty
    assert_nothing_of_the_file(engine)


BLOCKED = ["Vorname", "Bemerkung", "Bemerkungen_intern", "Fallnotiz", "Notiz", "Kommentar", "Anmerkungen", "Freitext",
           "Beschreibung", "Hinweis", "Hinweise", "Notes", "Remarks", "Comment", "Klient", "Herkunftsort"]


@pytest.mark.parametrize("blocked", BLOCKED)
def test_a_blocked_column_is_the_source_of_no_mapping_not_even_left_out(engine, blocked):
    header = HEADER + [blocked]
    key = normalise_header(blocked)
    for target in (None, "district"):
        with pytest.raises(mappings.MappingError, match=re.escape(f"„{blocked}“ enthält offenbar personenbezogene")):
            mappings.save_columns(engine, header, "cases", COLUMNS | {key: target}, user="anna")
    assert mappings.load(engine).columns == {} and audit.entries(engine).empty
    assert uploads_identifying(blocked)


def uploads_identifying(header: str) -> bool:
    from monitor import contract
    from ui import uploads

    return uploads.identifying_header(contract.kind("cases"), header)


def test_a_column_name_is_kept_only_up_to_its_length_limit(engine):
    long_name = "Anzahl der im Berichtszeitraum vereinbarten und dokumentierten Ziele des Falles insgesamt"
    assert len(long_name) > mappings.MAX_MAPPED_HEADER
    header = HEADER + [long_name]
    with pytest.raises(mappings.MappingError, match=f"höchstens {mappings.MAX_MAPPED_HEADER} Zeichen"):
        mappings.save_columns(engine, header, "cases", COLUMNS | {normalise_header(long_name): "goals_set"},
                              user="anna")
    assert mappings.load(engine).columns == {} and uploads_identifying(long_name)


def test_the_audit_log_names_the_contract_s_columns_never_the_file_s(engine):
    mappings.save_columns(engine, HEADER, "cases", COLUMNS, user="anna", role="verwaltung")
    [detail] = audit.entries(engine, audit.Filter(actions=(audit.MAPPING,)))["detail"]
    assert detail == "5 Spalten zugeordnet: gemeinde_ags, fall_id, zielgruppe, geschlecht, beginn; 1 nicht übernommen"
    with engine.connect() as conn:
        logged = " ".join(map(repr, conn.execute(select(db.audit_log)))).lower()
    assert [name for name in ("case no", "case_no", "municipality", "opened", "group", "team") if name in logged] == []


@pytest.mark.parametrize(("field", "chosen"), [
    ("gender", {"Hassan Al-Masri": "m"}), ("gender", {"hassan_al_masri": "m"}), ("gender", {"Frau Müller": "w"}),
    ("gender", {"14.03.1985": "w"}), ("gender", {"F-2015-0008": "w"}), ("target_group", {"Amina": "geduldet"}),
    ("gender", {"weiblich": "w", "Haddad, Amina": "w"}),  # one bad value: nothing is kept
    ("gender", {"w": "m"}),  # a code of the field itself: never offered, it would turn w into m
])
def test_a_value_that_the_validation_would_not_offer_is_not_kept(engine, field, chosen):
    with pytest.raises(mappings.MappingError):
        mappings.save_values(engine, "cases", field, chosen, user="anna")
    assert mappings.load(engine).values == {} and audit.entries(engine).empty
    assert_nothing_of_the_file(engine)


def test_values_of_several_columns_are_kept_all_or_none(engine):
    chosen = {"gender": {"weiblich": "w"}, "target_group": {"Hassan Al-Masri": "geduldet"}}
    with pytest.raises(mappings.MappingError, match="personenbezogenen"):
        mappings.save_all_values(engine, "cases", chosen, user="anna")
    assert mappings.load(engine).values == {} and audit.entries(engine).empty
    assert mappings.save_all_values(engine, "cases", {"gender": {"weiblich": "w"},
                                                      "target_group": {"Duldung": "geduldet"}}, user="anna") == 2
    assert sorted(audit.entries(engine)["detail"]) == ["1 Wert(e) zugeordnet", "1 Wert(e) zugeordnet"]


def test_names_and_case_numbers_in_a_code_column_are_refused_and_never_offered(engine):
    data = ("gemeinde_ags;fall_id;zielgruppe;geschlecht;beginn\n03351023;F-1;geduldet;weiblich;14.03.2016\n"
            "03351023;F-2;geduldet;Hassan Al-Masri;15.03.2016\n03351023;F-3;geduldet;F-2015-0008;16.03.2016\n"
            "03351023;F-4;geduldet;Frau Müller;16.03.2016\n").encode()
    report = import_files(engine, [("faelle.csv", data)], user="anna")
    result = report.files[0]
    assert result.unknown_codes == {"gender": ["weiblich"]}  # the only value the dialog offers
    refused = [(p.line, p.column, p.message) for p in result.problems if p.line != 2]  # line 2: weiblich, no code
    assert refused == [(3, "geschlecht", t.PERSONAL_CONTENT.format(what="einen Namen")),
                       (4, "geschlecht", t.PERSONAL_CONTENT.format(what="eine Fall-, Akten- oder Kennnummer")),
                       (5, "geschlecht", t.PERSONAL_CONTENT.format(what="einen Namen"))]
    assert_nothing_of_the_file(engine)


def test_a_file_name_is_kept_and_logged_only_if_it_says_nothing_of_a_person(engine):
    from etl.undo import undo_batch

    with_roster(engine)  # the officers the template's cases name
    assert import_files(engine, [(ATTACK_NAME, TEMPLATE)], user="anna").ok
    batches = db.import_batches
    with engine.connect() as conn:
        batch_id, name = conn.execute(select(batches.c.id, batches.c.file_name)
                                      .where(batches.c.kind == "cases")).one()
    assert name == t.FILE_NAME_WITHHELD
    undo_batch(engine, batch_id, actor="admin", role="admin")
    objects = [o for o in audit.entries(engine)["object"] if o.startswith("cases:")]
    assert objects == [f"cases:{t.FILE_NAME_WITHHELD}"] * 2  # the undo, the import
    assert_nothing_of_the_file(engine)

    assert import_files(engine, [("faelle.csv", TEMPLATE)], user="anna").ok
    assert audit.entries(engine)["object"].iloc[0] == "cases:faelle.csv"
