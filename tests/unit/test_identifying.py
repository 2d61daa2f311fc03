"""What may never be uploaded (privacy.md): header blocklist, cell patterns, identifying record IDs."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl import identifying as ident
from etl.identifying import forbidden_column, header_words
from monitor import contract
from monitor.texts import errors as t

ROOT = Path(__file__).resolve().parent.parent.parent

# ------------------------------------------------------------------------------------------------ headers

FORBIDDEN_HEADERS = {
    "name": ["Name", "Vorname", "Nachname", "Vor- und Nachname", "Name, Vorname", "Nachname/Vorname",
             "Familienname", "Geburtsname", "first name", "last name", "surname", "full name", "given name",
             "FirstName", "LastName", "Teilnehmername", "Name des Kindes", "Name Kursteilnehmer", "Zuname"],
    "birth": ["Geburtsdatum", "Geb.-Datum", "geb. am", "Geburtstag", "Geburtsort", "date of birth", "DOB",
              "birthday", "birth date", "place of birth", "GebDatum", "Geb.Dat.", "Geburtsjahr"],
    "address": ["Adresse", "Anschrift", "Straße", "Str./Hausnr.", "Hausnummer", "PLZ", "PLZ/Ort", "Wohnort",
                "Unterkunft", "address", "street", "zip", "postcode", "postal code", "Wohnadresse",
                "Gemeinschaftsunterkunft", "Strasse"],
    "contact": ["Telefon", "Tel.", "Tel.-Nr.", "Handy", "Mobil-Nr.", "E-Mail", "E-Mail-Adresse", "Fax", "phone",
                "mobile", "email", "Telefonnummer", "Handynummer", "eMail", "Mail"],
    "file_number": ["Aktenzeichen", "Az.", "AZR-Nummer", "AZR-Nr.", "Kundennummer", "Kd.-Nr.", "BG-Nr.",
                    "BA-Kundennummer", "file number", "customer number", "Nummer der Bedarfsgemeinschaft"],
    "id_number": ["Steuer-ID", "StNr", "Sozialversicherungsnummer", "SV-Nr.", "RV-Nummer", "Passnummer", "Pass-Nr.",
                  "Ausweisnummer", "tax id", "social security number", "passport", "Steuer-IdNr.",
                  "Rentenversicherungsnummer", "Personalausweis"],
    "bank": ["IBAN", "BIC", "Kontonummer", "bank account", "Bankverbindung"],
    "photo": ["Foto", "Lichtbild", "photo", "Passbild"],
    "free_text": ["Notiz", "Bemerkung(en)", "Bemerkungen", "Kommentar", "Freitext", "Anmerkung", "notes", "comment",
                  "remarks", "free text", "Gesprächsnotiz"],
    "sensitive": ["Religion", "Konfession", "Diagnose", "Krankheit", "Behinderung", "Vorstrafe", "religion",
                  "diagnosis", "health", "criminal record", "Vorerkrankungen", "Gesundheitszustand"],
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

