"""What may never be uploaded (docs/datenschutz.md): header blocklist, cell patterns, identifying record IDs."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from etl import identifying as ident
from etl.identifying import forbidden_column, header_words
from etl.pipeline import format_problem, validate_file
from monitor import contract
from monitor.texts import errors as t

ROOT = Path(__file__).resolve().parent.parent.parent

# ------------------------------------------------------------------------------------------------ headers

FORBIDDEN_HEADERS = {
    "name": ["Klient", "Klientin", "Klient/in", "KlientIn", "Familie", "Ansprechpartner", "Ansprechpartner/in",
             "Ansprechpartnerin", "Name", "Vorname",
             "Nachname", "Vor- und Nachname", "Name, Vorname", "Nachname/Vorname",
             "Familienname", "Geburtsname", "first name", "last name", "surname", "full name", "given name",
             "FirstName", "LastName", "Teilnehmername", "Name des Kindes", "Name Kursteilnehmer", "Zuname"],
    "birth": ["Geburtsdatum", "Geb.-Datum", "geb. am", "Geburtstag", "Geburtsort", "date of birth", "DOB",
              "birthday", "birth date", "place of birth", "GebDatum", "Geb.Dat.", "Geburtsjahr"],
    "address": ["Adresse", "Anschrift", "Straße", "Str./Hausnr.", "Hausnummer", "PLZ", "PLZ/Ort", "Wohnort",
                "Unterkunft", "address", "street", "zip", "postcode", "postal code", "Wohnadresse",
                "Gemeinschaftsunterkunft", "Strasse", "Herkunftsort", "Herkunfts-Ort"],
    "contact": ["Telefon", "Tel.", "Tel.-Nr.", "Handy", "Mobil-Nr.", "E-Mail", "E-Mail-Adresse", "Fax", "phone",
                "mobile", "email", "Telefonnummer", "Handynummer", "eMail", "Mail", "Rufnummer", "Mobilfunknummer"],
    "file_number": ["Aktenzeichen", "Az.", "AZR-Nummer", "AZR-Nr.", "Kundennummer", "Kd.-Nr.", "BG-Nr.",
                    "BA-Kundennummer", "file number", "customer number", "Nummer der Bedarfsgemeinschaft"],
    "id_number": ["Steuer-ID", "StNr", "Sozialversicherungsnummer", "SV-Nr.", "RV-Nummer", "Passnummer", "Pass-Nr.",
                  "Ausweisnummer", "tax id", "social security number", "passport", "Steuer-IdNr.",
                  "Rentenversicherungsnummer", "Personalausweis", "Versichertennr."],
    "bank": ["IBAN", "BIC", "Kontonummer", "bank account", "Bankverbindung", "KundenIBAN", "kundeniban", "Kto.-Nr."],
    "employer": ["Arbeitgeber", "Name des Arbeitgebers", "employer", "Praktikumsarbeitgeber"],
    "photo": ["Foto", "Lichtbild", "photo", "Passbild"],
    "free_text": ["Notiz", "Bemerkung(en)", "Bemerkungen", "Kommentar", "Freitext", "Anmerkung", "notes", "comment",
                  "remarks", "free text", "Gesprächsnotiz", "Info", "Infos", "Notizen", "Bemerkung",
                  # plural, compounds, with a qualifier, English
                  "Fallnotiz", "Bemerkungen_intern", "Bemerkung intern", "Interne Bemerkung", "Kommentare",
                  "Kommentar (intern)", "Anmerkungen", "Freitexte", "Freitextfeld", "Beschreibung", "Beschreibungen",
                  "Kurzbeschreibung", "Fallbeschreibung", "Hinweis", "Hinweise", "Hinweistext", "Zusatzhinweis",
                  "Hinweise_intern", "Erläuterung", "Erläuterungen", "Zusatzinfo", "Notes", "case notes", "Case Note",
                  "note_text", "NoteText", "Comments", "staff comment", "Remark", "Remarks", "description",
                  "Description", "Memo", "Memofeld", "Annotation"],
    "sensitive": ["Religion", "Konfession", "Diagnose", "Krankheit", "Behinderung", "Vorstrafe", "religion",
                  "diagnosis", "health", "criminal record", "Vorerkrankungen", "Gesundheitszustand", "Fluchtgrund",
                  "Fluchtgründe", "Flucht-Grund"],
    "nationality": ["Staatsangehörigkeit", "Nationalität", "nationality", "citizenship", "Staatsang.", "StA"],
}


@pytest.mark.parametrize(("header", "what"), [(h, what) for what, hs in FORBIDDEN_HEADERS.items() for h in hs])
def test_headers_that_point_at_personal_data_are_named(header, what):
    assert forbidden_column(header) == what


@pytest.mark.parametrize(
    ("variants", "what"),
    [
        (["Geburtsdatum", "GEBURTSDATUM", " geburtsdatum ", "Geburts-Datum", "Geburts Datum", "Geburts\u00a0Datum",
          "Geburts\u00addatum", "GeburtsDatum", "geburts_datum", "Geburts.datum", "Geburts/Datum",
          "(Geburtsdatum)", "\ufeffGeburtsdatum"], "birth"),
        (["Staatsangehörigkeit", "Staatsangeho\u0308rigkeit", "Staatsangehoerigkeit", "STAATSANGEHÖRIGKEIT"],
         "nationality"),
        (["Straße", "Strasse", "STRASSE", "Stra\u00dfe", "Straßenname"], "address"),
        (["Vorname", "VORNAME", "Vor-Name", "Vor name", "vorName", "Vor\u200bname", "Ｖｏｒｎａｍｅ", "Vórname"],
         "name"),
        (["E-Mail", "E_Mail", "e.mail", "EMail", "eMail", "E-Mail (privat)", "Mail-Adresse"], "contact"),
    ],
)
def test_header_judgement_is_robust_to_spelling(variants, what):
    assert [forbidden_column(v) for v in variants] == [what] * len(variants)


def test_header_words():
    assert header_words("Geb.-Datum") == ["geb", "datum"]
    assert header_words("FirstName") == ["first", "name"]
    assert header_words("AZRNummer") == ["azr", "nummer"]
    assert header_words("Staatsangeho\u0308rigkeit") == ["staatsangehoerigkeit"]
    assert header_words("Str./Hausnr.") == ["str", "hausnr"]
    assert header_words("PLZ\u00a0/\u00a0Ort") == ["plz", "ort"]


@pytest.mark.parametrize("header", sorted({f.header for k in contract.KINDS for f in k.fields} - {"name"}))
def test_no_contract_header_is_taken_for_personal_data(header):
    assert forbidden_column(header) is None


def test_the_institutions_name_is_the_one_contract_header_the_blocklist_would_refuse():
    # forbidden_column is only asked about columns the contract does not know, so the partners' "name" (an
    # institution's name) is never refused; a bare "Name" anywhere else is a person's.
    assert contract.kind("partners").field("name").header == "name"
    assert forbidden_column("name") == "name"


@pytest.mark.parametrize(
    "header",
    ["Anzahl", "Datum", "Kursart", "Status", "Träger", "Kursname", "Name des Kurses", "Einrichtung", "Stadtteil",
     "Landkreis", "Kommune", "Dateiname", "Name der Einrichtung", "Einrichtungsname", "Trägername", "Kurs-Nr.",
     "Kursnummer", "Fallnummer", "Ortsteil", "Jahr", "Quartal", "Altersgruppe", "Herkunftsregion", "Geschlecht",
     "Teilnehmende", "Kontaktart", "Beginn", "Ende", "Dauer (Minuten)", "Unterrichtseinheiten", "Note", ""],
)
def test_ordinary_headers_are_not_taken_for_personal_data(header):
    assert forbidden_column(header) is None


def test_blocklist_entries_are_written_as_headers_are_normalised_and_each_is_refused():
    # An entry with a capital, an umlaut or a space could never match; each entry is one word of the table.
    for what, words in ident.BLOCKLIST.items():
        assert what in t.FORBIDDEN_WHAT, what
        for word in words:
            stem = word.strip("*")
            assert "".join(header_words(stem)) == stem, word
            assert forbidden_column(stem) is not None, word



# -------------------------------------------------------------------------------------------------- cells

PERSONAL_CELLS = {
    "email": ["max.mustermann@example.org", "Mail: a.b@c-d.de bitte", "x_y+z@sub.example.co.uk", "max(at)web.de",
              "max [at] web.de", "ahmed＠gmx.de", "ahmed (at) gmx (dot) de", "ahmed [at] gmx [dot] de",
              "ahmed at gmx.de", "ahmed AT gmx dot de", "ａｈｍｅｄ＠ｇｍｘ．ｄｅ", "ahmed\u200b@gmx.de"],
    "phone": ["05146 1234", "0151/2345678", "+49 (0) 5146 12 34", "0049 5146 123456", "0151 2345678",
              "+49 5146 123456", "(05146) 1234", "Tel. 05146-1234", "Tel.05146/1234", "+44 20 7946 0958",
              "01512345678", "0 51 46 / 12 34", "0172.1234567", "٠١٥١ ٢٣٤٥٦٧٨٩", "۰۱۵۱ ۲۳۴۵۶۷۸۹",
              "०१५१ २३४५६७८९", "０１５１ ２３４５６７８９", "+٤٩ ١٥١ ٢٣٤٥٦٧٨٩"],
    "iban": ["DE89 3704 0044 0532 0130 00", "DE89370400440532013000", "de89370400440532013000",
             "IBAN:DE89370400440532013000", "GB82WEST12345698765432", "FR1420041010050500013M02606",
             "NL91ABNA0417164300", "AT611904300234573201", "CH9300762011623852957", "NO9386011117947",
             "PL61 1090 1014 0000 0712 1981 2874", "MT84MALT011000012345MTLCAST001S", "DE89-3704-0044-0532-0130-00"],
    "date": ["01.02.1990", "1.2.90", "geb. 01.02.1990", "geb.01.02.1990", "1990-03-01", "1. März 1990",
             "1 Maerz 1990", "01. Januar 1990", "3. Mai 85", "01/03/1990", "01-03-1990", "1 March 1990",
             "K-2017-03-12", "15. Mrz. 1987"],
    "address": ["Hauptstraße 12", "Lange Str. 5a", "Am Markt 3", "Bahnhofstr. 7", "Hauptstrasse 12",
                "An der Kirche 2", "Alter Weg 3", "Kirchplatz 2", "Lindenallee 4b", "Steinförder Straße 5",
                "Schulweg 3", "Am Alten Markt 3", "Hauptstr.12", "Hauptstraße 12-14", "29323 Wietze",
                "D-29323 Wietze", "VHS Celle, Hauptstraße 12"],
    "tax_id": ["36574261809", "65929970489", "36 574 261 809", "Steuer-ID 36574261809"],
    "social_insurance": ["65170839J003", "65 170839 J 003", "12010188M011", "RV-Nr. 12010188m011"],
}

ORDINARY_CELLS = [
    "VHS-IK-2017-03", "PB-2019-07", "NT-2018-04", "P01|P03|P07", "IB-W", "K 2017/03", "F-2017-0042", "K-000917",
    "T-0311", "hornbostel", "VHS Celle", "Jobcenter im Landkreis Celle", "Caritasverband Celle",
    "Agentur für Arbeit Celle", "Migrationsberatung für erwachsene Zuwanderer (MBE)", "2017/0815", "0042",
    "4711", "Praktikumsplatz 12", "Platz 3", "10000 Euro", "Kurs 3", "Gruppe 12", "B1 Kurs 2019", "Kurs 1.5",
    "Jahrgang 2019/2020", "Jobcenter im Landkreis Celle 3", "Im Kurs Modul 3", "Landkreis Celle – Ausländerbehörde",
    "P01|P02|P03|P04|P07|P08|P11|P17|P18", "SFC-FK-2016-01", "FK-2016-01", "Sprachforum Celle",
    "36574261808", "DE89370400440532013001", "12010188M012", "Raum 1.12", "IK 2017-03", "Libanon",
    "Kurs 01.2024-06.2024", "Version 0.12.3", "Treffpunkt (at) Rathaus",
    "Treffen at 10.30", "Kurs at home", "Look at this", "Treffpunkt [at] Rathaus [dot]", "Kurs ٣", "Gruppe ١٢",
]


@pytest.mark.parametrize(("value", "what"), [(v, what) for what, vs in PERSONAL_CELLS.items() for v in vs])
def test_text_cells_with_personal_data_are_recognised(value, what):
    assert ident.personal_content(value) == what
    assert what in t.PERSONAL_CONTENT_WHAT


@pytest.mark.parametrize("value", ORDINARY_CELLS)
def test_ordinary_text_cells_are_not_taken_for_personal_data(value):
    assert ident.personal_content(value) is None


def test_ordinary_ids_are_not_taken_for_personal_data_in_any_numbering():
    numbered = [f"F-2017-{i:04d}" for i in range(10_000)] + [f"K-{i:06d}" for i in range(0, 1_000_000, 97)] + \
        [f"VHS-IK-{y}-{n:02d}" for y in range(2000, 2031) for n in range(1, 100)] + [str(i) for i in range(10_000)]
    assert [v for v in numbered if ident.personal_content(v)] == []


@pytest.mark.parametrize("path", sorted((ROOT / "data" / "demo").glob("*.csv")), ids=lambda p: p.name)
def test_no_cell_of_the_demo_exports_is_refused(path):
    result, _ = validate_file(path.name, path.read_bytes())
    assert result.status == "valid", [format_problem(p) for p in result.problems]
    assert result.rows > 0


@pytest.mark.parametrize(
    ("value", "what"),
    [("max.mustermann@example.org", "E-Mail-Adresse"), ("0151 2345678", "Telefonnummer"),
     ("+49 5146 123456", "Telefonnummer"), ("DE89 3704 0044 0532 0130 00", "IBAN"), ("geb. 01.02.1990", "Datum"),
     ("Am Markt 3", "Anschrift"), ("36574261809", "Steuer-Identifikationsnummer"),
     ("65170839J003", "Sozialversicherungsnummer")],
)
def test_text_cells_with_personal_data_are_refused_without_quoting_them(value, what):
    data = (f"gemeinde_ags;fall_id;zielgruppe;geschlecht;beginn;zustaendig\n"
            f"03351023;F-1;geduldet;w;14.03.2016;{value}\n").encode()
    result, _ = validate_file("faelle.csv", data, None, b"unit-test-secret")
    assert [p.column for p in result.problems] == ["zustaendig"]
    assert what in result.problems[0].message
    assert value not in format_problem(result.problems[0])


# ---------------------------------------------------------------------------------------- look-alikes

# Decimal digits of other scripts that uploads carry: Arabic-Indic, Extended Arabic-Indic (Persian, Urdu),
# Devanagari, full-width.
_DIGIT_ZEROS = (0x0660, 0x06F0, 0x0966, 0xFF10)


@st.composite
def look_alike(draw, texts):
    """One of ``texts`` with any of its printable ASCII characters written full-width (U+FF01..U+FF5E) and any
    digit in another script."""
    text = draw(st.sampled_from(texts))
    chars = []
    for c in text:
        choice = draw(st.integers(0, 2)) if "!" <= c <= "~" else 0
        if choice == 1:
            c = chr(ord(c) - 0x21 + 0xFF01)
        elif choice == 2 and c.isdigit():
            c = chr(draw(st.sampled_from(_DIGIT_ZEROS)) + int(c))
        chars.append(c)
    return text, "".join(chars)


_HEADERS = sorted({h for hs in FORBIDDEN_HEADERS.values() for h in hs})
_CELLS = sorted({v for what in ("email", "phone", "iban", "tax_id", "date") for v in PERSONAL_CELLS[what]})


@given(look_alike(_HEADERS))
@settings(max_examples=1000, deadline=None)
def test_full_width_look_alikes_of_forbidden_headers_are_refused_as_the_original(pair):
    original, variant = pair
    assert forbidden_column(variant) == forbidden_column(original) is not None


@given(look_alike(_CELLS))
@settings(max_examples=1000, deadline=None)
def test_look_alikes_of_personal_cells_with_full_width_letters_and_foreign_digits_are_refused(pair):
    original, variant = pair
    assert ident.personal_content(variant) == ident.personal_content(original) is not None


def test_the_normalisation_maps_every_decimal_digit_and_leaves_ascii_alone():
    assert ident.normalise("٠١٢٣٤٥٦٧٨٩") == ident.normalise("۰۱۲۳۴۵۶۷۸۹") == ident.normalise("०१२३४५६७८९") == \
        ident.normalise("０１２３４５６７８９") == "0123456789"
    assert ident.normalise("Ｖｏｒ\u200bｎａｍｅ＠") == "Vorname@"
    text = "F-2017-0042 (at) Rathaus"
    assert ident.normalise(text) is text
    assert ident.normalise_cell("a (at) b (dot) de") == ident.normalise_cell("a [AT] b [dot] de") == "a@b.de"
    assert ident.normalise_cell("a at b dot de") == "a@b.de"
    assert ident.normalise_cell("Treffen at 10.30") == "Treffen at 10.30"


# ------------------------------------------------------------------------------------------ record IDs


@pytest.mark.parametrize(
    ("value", "what"),
    [("max.mustermann@example.org", "email"), ("F-2017-0042 anna@example.org", "email"),
     ("DE89370400440532013000", "iban"), ("DE89 3704 0044 0532 0130 00", "iban"), ("36574261809", "tax_id"),
     ("36 574 261 809", "tax_id"), ("65170839J003", "social_insurance"), ("12010188M011", "social_insurance"),
     ("ahmed＠gmx.de", "email"), ("ahmed (at) gmx (dot) de", "email"), ("٣٦٥٧٤٢٦١٨٠٩", "tax_id"),
     ("ＤＥ８９３７０４００４４０５３２０１３０００", "iban")],
)
def test_record_ids_that_are_identifying_numbers_are_recognised(value, what):
    assert ident.identifying_key(value) == what


@pytest.mark.parametrize(
    "value",
    ["F-2017-0042", "0042", "2017/0815", "K-000917", "4711", "T-0311", "K 2017/03", "F-2015-0008",
     # Phone numbers, dates and check-digit failures are ordinary case numbers here:
     "0151 2345678", "05146-1234", "01.02.1990", "20170815", "1990-03-01", "36574261808", "DE89370400440532013001",
     "12010188M012", "Fall 12 (Hauptstraße 12)"],
)
def test_ordinary_record_ids_are_not_taken_for_identifying_numbers(value):
    assert ident.identifying_key(value) is None


@given(st.text(alphabet="0123456789 ABDEFJMZabe@.-/", max_size=40))
@settings(max_examples=3000, deadline=None)
def test_the_column_scan_finds_every_id_that_identifying_key_refuses(text):
    # The import scans an ID column once with may_hold_key and checks single IDs only on a hit.
    if ident.identifying_key(text) is not None:
        assert ident.may_hold_key(text)


@pytest.mark.parametrize("value", ["max.mustermann@example.org", "DE89 3704 0044 0532 0130 00", "65170839J003"])
def test_an_identifying_number_in_a_pseudonymised_id_column_refuses_the_file_without_quoting_it(value):
    data = ("gemeinde_ags;kontakt_id;fall_id;datum;kontaktart;themen;beauftragte\n"
            f"03351023;K-1;F-1;02.05.2018;telefon;wohnen;IB-M\n03351023;K-2;{value};02.05.2018;telefon;wohnen;IB-M\n")
    result, _ = validate_file("kontakte.csv", data.encode("utf-8"))
    assert [(p.line, p.column, p.warning) for p in result.problems] == [(3, "fall_id", False)]
    assert value not in format_problem(result.problems[0]) and "offenbar" in result.problems[0].message


def test_no_numbering_scheme_of_case_ids_is_taken_for_identifying_numbers():
    # Year and an 11-digit serial ("20170004711") would pass as a tax ID from about the 34,000th case of a year
    # (then the first ten digits can hold one digit twice and no other twice); a Gemeinde has hundreds.
    numbered = [f"F-2017-{i:04d}" for i in range(10_000)] + [f"{i:04d}" for i in range(10_000)] + \
        [f"2017/{i:04d}" for i in range(10_000)] + [f"K-{i:06d}" for i in range(0, 1_000_000, 97)] + \
        [str(i) for i in range(100_000)] + [f"{y}{i:07d}" for y in (2000, 2017, 2024) for i in range(30_000)]
    assert [v for v in numbered if ident.identifying_key(v)] == []


# ------------------------------------------------------------------------------------ the whole import


@pytest.mark.parametrize(
    ("column", "values", "what"),
    [("Geb.-Datum", ["01.02.1990", "17.08.1985"], "Geburtsdaten"),
     ("E-Mail-Adresse", ["amina.hassan@example.org", "j.meier@wietze.example"], "Telefon oder E-Mail")],
)
def test_a_cases_file_with_a_personal_column_is_refused_by_naming_the_column_only(column, values, what):
    header, example = (ROOT / "docs" / "vorlagen" / "faelle.csv").read_text(encoding="utf-8-sig").splitlines()[:2]
    header_cells, example_cells = header.split(";"), example.split(";")
    header_cells.insert(2, column)
    rows = []
    for i, value in enumerate(values):
        cells = list(example_cells)
        cells[1] = f"F-2017-{i + 42:04d}"
        cells.insert(2, value)
        rows.append(";".join(cells))
    data = "\n".join([";".join(header_cells), *rows, ""]).encode("utf-8")

    result, _ = validate_file("faelle.csv", data, None, b"unit-test-secret")

    assert result.status == "rejected"
    named = [p for p in result.problems if p.column == column]
    assert len(named) == 1 and named[0].line == 1
    assert f"personenbezogene Daten ({what})" in named[0].message
    assert all(p.column in (None, column) for p in result.problems)  # the other columns are fine
    cells = {cell for row in rows for cell in row.split(";") if len(cell) >= 3}
    lines = [format_problem(p) for p in result.problems]
    assert [(cell, line) for cell in cells for line in lines if cell in line] == []


# ------------------------------------------------------------------- a first row that is data, not names

# The attack: an export of cases without its header row. Its first record became the column names, and saving
# the column mapping wrote the name, the birth date and the clear case number into the audit log.
HEADERLESS_CASES = [
    "hassan_al_masri;14.03.1985;F-2015-0008;03351023;geduldet;m;14.03.2016",
    "amina_haddad;02.07.1990;F-2015-0009;03351023;schutz_anerkannt;w;01.04.2016",
]

DATA_ROWS = [
    HEADERLESS_CASES[0],
    "Hassan Al-Masri;14.03.1985;F-2015-0008;w",  # written as a person would
    "03351023;F-1;geduldet;w;14.03.2016",  # the template's example row
    "3351023;IB-M;m;1,0;01.01.2015;",  # staffing, the Gemeindeschlüssel without its leading 0
    "K-000917;F-12;02.05.2018;sprechstunde;wohnen;IB-M;45",  # contacts without the Gemeinde
    "F-1;w;geduldet;Nord",  # no date, no Gemeinde: short numbers and a single letter
    "Hassan;Al-Masri;w;geduldet",  # a name and codes
    "Frau Müller;geduldet;w",
    "geduldet;w;anna.muster@example.org",
    "12;3;0;1;5",
    "ja;nein;ja;1",
    "P01;VHS Celle;verein;landkreis;ja",
    "hornbostel;42443;w",  # an Excel date number
]

# Column names of real exports: the contract's, its spelling variants, foreign exports of the tests.
HEADER_ROWS = [
    "Fall-ID;Geschlecht;Beginn;Datum des Kontakts;PLZ",
    " Gemeinde AGS ;FALL-ID;Zielgruppe; Geschlecht ;Beginn;Erwerbsfähig",
    "Case No;Municipality;Gender;Opened;Group;Team",
    "Gemeindeags;Fallid;Zielgrupe;Geschlecht;Beginn",
    "Nr.;Fall;Datum;Art;Themen;Dauer (Minuten)",
    "Fall-Nr.;Kontakt-Nr.;Datum;Kontaktart;Themen;Beauftragte;Dauer in Minuten",
    "Gemeinde;Kürzel;Geschlecht;VZE;gültig ab;gültig bis",
    "AGS;Partner;Name der Einrichtung;Typ;Ebene;aktiv seit",
    "Vorname;Nachname;Geburtsdatum;Straße;Telefon",  # forbidden columns, refused by name, but column names
    "gemeinde_ags;fall_id;Note;Status;Kurs 1",
]


def _cells(row: str) -> list[str]:
    return row.split(";")


@pytest.mark.parametrize("row", DATA_ROWS)
def test_a_first_row_that_is_a_record_is_taken_for_data(row):
    assert ident.data_like_header(_cells(row))


@pytest.mark.parametrize("row", HEADER_ROWS)
def test_column_names_of_real_exports_are_not_taken_for_data(row):
    assert not ident.data_like_header(_cells(row))


def _real_files() -> list[Path]:
    return sorted([*(ROOT / "docs" / "vorlagen").glob("*.csv"), *(ROOT / "tests" / "fixtures").glob("*.csv"),
                   *(ROOT / "data" / "demo").glob("*.csv")])


@pytest.mark.parametrize("path", _real_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_template_fixture_or_demo_file_is_taken_for_one_without_header(path):
    from etl.extract import extract

    table = extract(path.name, path.read_bytes())
    assert table.header and not ident.data_like_header(table.header)
    assert not [p for p in table.problems if p.message.startswith("Die erste Zeile sieht nach Daten aus")]


def test_the_contract_s_headers_in_every_spelling_are_column_names():
    for kind in contract.KINDS:
        headers = kind.headers
        spellings = [headers, [h.upper() for h in headers], [h.replace("_", " ").title() for h in headers],
                     [h.replace("_", "-").capitalize() for h in headers]]
        for spelling in spellings:
            assert not ident.data_like_header(spelling), spelling


def test_a_file_without_its_header_row_is_refused_before_anything_else_and_never_quoted():
    from etl.extract import extract

    data = ("\r\n".join(HEADERLESS_CASES) + "\r\n").encode("cp1252")
    table = extract("export.csv", data)
    assert table.header == [] and table.rows == [] and not table.usable  # nothing of it reaches a mapping
    [problem] = table.problems
    assert (problem.file, problem.line, problem.column) == ("export.csv", 1, None)
    assert problem.message.startswith(t.HEADER_LOOKS_LIKE_DATA.split(":")[0])
    assert "„export.csv“" in problem.message and "Zeile 1" in problem.message
    for cell in _cells(HEADERLESS_CASES[0]):
        assert len(cell) < 3 or cell not in problem.message

    result, _ = validate_file("export.csv", data)
    assert result.status == "rejected" and result.header == [] and result.closest is None
    assert [format_problem(p) for p in result.problems] == [f"Zeile 1: {problem.message}"]


def test_a_workbook_without_its_header_row_is_refused_as_well():
    from tests.unit.test_xlsx import workbook

    data = workbook([_cells(row) for row in HEADERLESS_CASES])
    result, _ = validate_file("faelle.xlsx", data)
    assert result.status == "rejected" and result.header == []
    assert result.problems[0].message.startswith("Die erste Zeile sieht nach Daten aus, nicht nach Spaltennamen")


# ------------------------------------------------------------------- names and record numbers in vocabulary

PERSONAL_VALUES = {
    "name": ["Hassan Al-Masri", "hassan_al_masri", "HassanAlMasri", "Al-Masri, Hassan", "Frau Müller", "Herrn Ahmadi",
             "Familie Haddad", "Dr. Schmidt", "A. Müller", "Mohammed", "fatima", "Olena K."],
    "record_number": ["F-2015-0008", "K-000917", "T-0311", "VHS-IK-2017-03", "2017/0815", "3351023", "AZ-123",
                      "Akte 123456", "20150317F002"],
    "date": ["14.03.1985", "hassan_14.03.1985", "1985-03-14"],
    "email": ["a.b@example.org"],
    "phone": ["0151 2345678"],
}

# Vocabulary that must stay mappable: own words for codes in the exports of the tests and of case software.
VOCABULARY = ["weiblich", "männlich", "F", "M", "1", "2", "divers", "keine Angabe", "Wohnungssuche", "Geduldet",
              "Schutz anerkannt", "Syrien", "Afghanistan", "Jobcenter Celle", "Agentur für Arbeit", "27-44",
              "18 bis 26", "65+", "AE25.2", "§ 25 Abs. 2 AufenthG", "B1", "A2", "unter A2", "Familiennachzug",
              "Frau", "Mann", "Sprechstunde", "Hausbesuch", "Telefon", "z. B. Jobcenter", "Integrationskurs 2019",
              "VZE 0,5", "Jahr_2016", "Kurs 3", "Quartal 1/2016"]


@pytest.mark.parametrize(("value", "what"), [(v, what) for what, vs in PERSONAL_VALUES.items() for v in vs])
def test_names_and_record_numbers_are_no_vocabulary(value, what):
    assert ident.personal_value(value) == what
    assert what in t.PERSONAL_CONTENT_WHAT


@pytest.mark.parametrize("value", VOCABULARY)
def test_own_words_for_codes_stay_vocabulary(value):
    assert ident.personal_value(value) is None


def test_no_word_of_the_contract_s_headers_and_codes_is_a_given_name():
    words = set()
    for kind in contract.KINDS:
        for f in kind.fields:
            words.update(header_words(f.header))
            for code in f.codes or ():
                words.update(header_words(code))
    words |= {w.strip("*") for ws in ident.BLOCKLIST.values() for w in ws} | ident.NAMED_THINGS
    assert words & ident.GIVEN_NAMES == set()
    assert all("".join(header_words(name)) == name for name in ident.GIVEN_NAMES)  # written as header_words gives


def test_the_values_of_the_contract_s_code_lists_and_examples_are_vocabulary():
    for kind in contract.KINDS:
        for f in kind.fields:
            for code in f.codes or ():
                assert ident.personal_value(code) is None, code
            if f.type in (contract.CODE, contract.CODES):
                assert ident.personal_value(f.example) is None, f.example


# ----------------------------------------------------------------------------------------------- file names

@pytest.mark.parametrize("name", ["faelle.csv", "kontakte_2026_q2.csv", "Kontakte Export.xlsx", "stellenanteile.csv",
                                  "C:\\Users\\ib\\faelle.csv"])
def test_an_ordinary_file_name_is_kept_without_its_folder(name):
    assert ident.recordable_file_name(name) == name.rsplit("\\", 1)[-1]
    assert ident.file_name_for_record(name) == name.rsplit("\\", 1)[-1]


@pytest.mark.parametrize("name", ["hassan_al_masri_14.03.1985.csv", "Hassan Al-Masri.csv", "faelle_F-2015-0008.csv",
                                  "faelle_30.06.2026.csv", "export_20260630.csv", "anna.muster@example.org.csv",
                                  "f" * 117 + ".csv", "faelle\u202e.csv", ""])
def test_a_file_name_that_may_say_whose_data_it_holds_is_not_kept(name):
    assert ident.recordable_file_name(name) is None
    assert ident.file_name_for_record(name) == t.FILE_NAME_WITHHELD


def test_every_given_name_is_one_word_of_a_header():
    """Letters without an ASCII base under accent-stripping (ı, ł) are spelled out: "Yıldız" is one word, not
    "y", "ld" and "z", so no single letter of a header counts as a given name."""
    assert ident.header_words("Yıldız Małgorzata Barış") == ["yildiz", "malgorzata", "baris"]
    assert all(len(name) > 2 for name in ident.GIVEN_NAMES)
