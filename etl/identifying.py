"""What identifies a person and may therefore never be uploaded (privacy.md): header names and cell contents.

``forbidden_column`` judges a header name against a blocklist of names and their variants (German and English,
abbreviated, with dots, hyphens or spaces); ``personal_content`` judges a text cell by pattern (e-mail, phone,
IBAN, a full date). Both return a key of the German texts in ``monitor.texts.errors`` or None. The import
refuses the whole file on a hit, names the column, and never quotes the cell.
"""

from __future__ import annotations

import re

from etl.extract import normalise_header

# Header names that point at personal data which may never be uploaded (privacy.md). Only consulted for
# columns the contract does not know, to say why they are refused.
_FORBIDDEN_TOKENS = {
    "name": {"name", "vorname", "nachname", "familienname", "geburtsname", "rufname", "nachnamen", "vornamen"},
    "birth": {"geburtsdatum", "geburtstag", "geb", "gebdatum", "geb_datum", "geburtsort", "geburtsjahr_tag"},
    "address": {"adresse", "anschrift", "strasse", "str", "hausnummer", "hausnr", "plz", "postleitzahl", "wohnort",
                "unterkunft", "wohnung", "wohnadresse"},
    "contact": {"telefon", "tel", "telefonnummer", "handy", "mobil", "mobilnummer", "email", "e_mail", "mail",
                "emailadresse", "fax"},
    "file_number": {"aktenzeichen", "az", "azr", "azr_nummer", "kundennummer", "kunden_nr", "bg_nummer",
                    "bedarfsgemeinschaft", "ba_kundennummer"},
    "id_number": {"steuer_id", "steuerid", "steuernummer", "sozialversicherungsnummer", "sv_nummer", "rvnr",
                  "passnummer", "pass", "ausweis", "ausweisnummer", "reisepass"},
    "bank": {"iban", "bic", "konto", "kontonummer", "bankverbindung"},
    "photo": {"foto", "bild", "lichtbild"},
    "free_text": {"notiz", "notizen", "bemerkung", "bemerkungen", "kommentar", "kommentare", "freitext",
                  "anmerkung", "anmerkungen", "beschreibung"},
    "sensitive": {"religion", "konfession", "diagnose", "krankheit", "behinderung", "straftat", "vorstrafe",
                  "gesundheitszustand"},
    "nationality": {"staatsangehoerigkeit", "nationalitaet", "staatsbuergerschaft"},
}
_FORBIDDEN_STEMS = {
    "name": ("vorname", "nachname", "familienname", "geburtsname"),
    "birth": ("geburt",),
    "address": ("adresse", "anschrift", "strasse"),
    "contact": ("telefon", "mail"),
    "file_number": ("aktenzeichen", "kundennummer"),
    "id_number": ("steuer", "versicherungsnummer", "ausweis", "passnummer"),
    "bank": ("iban", "bankverbindung", "kontonummer"),
    "free_text": ("notiz", "bemerkung", "kommentar", "freitext", "anmerkung"),
    "sensitive": ("religion", "konfession", "diagnose"),
    "nationality": ("staatsangeh", "nationalit"),
}


def forbidden_column(header: str) -> str | None:
    """The kind of personal data a header name points at (key of texts.errors.FORBIDDEN_WHAT), or None."""
    normalised = normalise_header(header)
    tokens = set(normalised.split("_")) | {normalised}
    for what, names in _FORBIDDEN_TOKENS.items():
        if tokens & names:
            return what
    for what, stems in _FORBIDDEN_STEMS.items():
        if any(s in normalised for s in stems):
            return what
    return None


_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}")
_PHONE = re.compile(r"(?:\+|00)\d[\d /()-]{6,}\d|0\d{2,5}[ /-]+\d{3,}(?:[ -]\d+)*")
_IBAN = re.compile(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}")
_FULL_DATE = re.compile(r"(?<!\d)\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2})(?!\d)")


def personal_content(text: str) -> str | None:
    """Key of texts.errors.PERSONAL_CONTENT_WHAT if a text cell looks like personal data."""
    if _EMAIL.search(text):
        return "email"
    if _IBAN.fullmatch(text.replace(" ", "").upper()):
        return "iban"
    if _FULL_DATE.search(text):
        return "date"
    if _PHONE.fullmatch(text.strip()):
        return "phone"
    return None
