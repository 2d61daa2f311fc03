"""What identifies a person and may therefore never be uploaded (privacy.md): header names and cell contents.

``forbidden_column`` judges a header name against a blocklist of names and their variants (German and English,
abbreviated, compound, camelCase), after a normalisation that ignores case, spacing, punctuation, umlaut
spelling and Unicode form; adding a variant is one word in ``BLOCKLIST``. ``personal_content`` judges a text
cell by pattern (e-mail, phone, IBAN, a full date). Both return a key of the German texts in
``monitor.texts.errors`` or None. The import refuses the whole file on a hit, names the column, and never
quotes the cell.
"""

from __future__ import annotations

import re
import unicodedata

# --------------------------------------------------------------------------------------------------------
# Header names
# --------------------------------------------------------------------------------------------------------

# Kind of personal data (key of texts.errors.FORBIDDEN_WHAT) -> words. A header is normalised to words
# (``header_words``); an entry matches one word or several adjacent words written together ("geb. Datum",
# "GebDatum" and "Geb.-Datum" all give "gebdatum"). An entry may carry a ``*``: "geburt*" matches words that
# start with "geburt", "*adresse" words that end with it, "*strasse*" words that contain it (compounds such
# as "Wohnadresse", "Sozialversicherungsnummer"). Entries are lower case, umlauts spelled out (ae, oe, ue, ss).
# The first kind that matches names the problem, so the order matters: "E-Mail-Adresse" is contact data,
# "Geburtsname" a name. Every header here is refused anyway (the contract does not know it); the blocklist
# only decides whether the refusal says why. Where a word is ambiguous, privacy wins (see the comments).
BLOCKLIST: dict[str, tuple[str, ...]] = {
    "name": (
        "*vorname*", "*nachname*", "*familienname*", "*geburtsname*", "*maedchenname*", "rufname", "zuname",
        "spitzname", "firstname", "lastname", "surname", "fullname", "givenname", "forename", "middlename",
        "familyname", "maidenname", "nickname", "username", "benutzername",
    ),
    "birth": (
        # A birth year is allowed by privacy.md, but the contract asks for an age band, and year with
        # gender, district and origin points at one person in a village: "Geburtsjahr" is refused too.
        "*geburt*", "geb", "gebdat", "gebdatum", "gebam", "gebtag", "gebort", "geboren", "dob", "*birth*",
        "bday",
    ),
    "contact": (
        "*telefon*", "tel", "telnr", "fon", "*phone*", "handy*", "mobil", "mobilnr", "mobilnummer",
        "mobiltelefon", "mobile", "*mail*", "fax*", "whatsapp", "messenger", "skype",
    ),
    "address": (
        "*adresse*", "*anschrift*", "*strasse*", "str", "strnr", "*hausnummer*", "hausnr", "hnr", "plz",
        "postleitzahl", "*wohnort*", "wohnsitz", "aufenthaltsort", "*unterkunft*", "wohnung", "wohnheim",
        "zimmer", "zimmernr", "zimmernummer", "*address*", "street*", "zip", "zipcode", "postcode",
        "postalcode", "housenumber",
    ),
    "file_number": (
        "*aktenzeichen*", "az", "azr", "azrnr", "*azrnummer*", "*auslaenderzentralregister*",
        "*kundennummer*", "*kundennr*", "kdnr", "kundenid", "bgnr", "*bgnummer*", "*bedarfsgemeinschaft*",
        "*geschaeftszeichen*", "gz", "filenumber", "fileno", "customernumber", "customerno", "customerid",
        "clientnumber", "clientid",
    ),
    "id_number": (
        "*steuerid*", "stid", "stidnr", "idnr", "*steuernummer*", "steuernr", "stnr", "*identifikationsnummer*",
        "taxid", "taxnumber", "tin", "*sozialversicherung*", "*versicherungsnummer*", "*versichertennummer*",
        "svnr", "svnummer", "rvnr", "rvnummer", "kvnr", "*passnummer*", "passnr", "pass", "*reisepass*",
        "*ausweis*", "passport*", "idcard", "socialsecurity*", "ssn", "nationalinsurance*",
    ),
    "bank": (
        "iban*", "bic", "swift", "bank", "*bankverbindung*", "konto*", "*konto", "*kontonummer*", "blz",
        "bankleitzahl", "bankaccount", "accountnumber", "accountno",
    ),
    "photo": ("*foto*", "photo*", "bild", "lichtbild", "passbild", "portrait", "picture"),
    "free_text": (
        # Not "Note": in German lists it is mostly a grade, not a note.
        "*notiz*", "*bemerkung*", "*kommentar*", "*anmerkung*", "*freitext*", "*vermerk*", "beschreibung",
        "hinweis", "hinweise", "text", "notes", "comment*", "remark*", "freetext", "memo",
    ),
    "sensitive": (
        # "Gesundheitsamt" as a header would be refused as health data: privacy wins.
        "religion*", "religioes*", "religious", "konfession*", "*diagnose*", "diagnos*", "*krankheit*",
        "*erkrankung*", "*behinderung*", "schwerbehindert*", "gesundheit*", "pflegegrad", "schwanger*",
        "medikament*", "trauma*", "*vorstrafe*", "*straftat*", "strafverfahren", "verurteilung*", "sexuell*",
        "ethnie", "ethnisch*", "health*", "medical", "disease*", "illness*", "disabilit*", "disabled",
        "pregnan*", "criminal*", "conviction*", "offence*", "offense*", "ethnic*", "sexual*",
    ),
    "nationality": (
        "*staatsangehoerigkeit*", "staatsang*", "sta", "*nationalitaet*", "*staatsbuergerschaft*",
        "nationality", "nationalities", "citizenship", "herkunftsland", "herkunftslaender", "countryoforigin",
    ),
}

# "Name" on its own (or a compound ending in it, "Teilnehmername") is a person's name, unless every other word
# says whose name it is and that is a thing: "Name des Kurses", "Kursname", "Dateiname", "Name der
# Einrichtung". Not "Partner": in a case file that is a spouse. Not "Firma": an employer's name points at
# the person (privacy.md: employer to sector).
NAMED_THINGS = frozenset((
    "kurs", "kurses", "kurse", "course", "datei", "file", "einrichtung", "einrichtungs", "traeger", "traegers",
    "institution", "organisation", "organization", "schule", "schul", "school", "verein", "vereins", "projekt",
    "projekts", "projektes", "project", "massnahme", "veranstaltung", "veranstaltungs", "event", "angebot",
    "angebots", "angebotes", "gemeinde", "kommune", "ortsteil", "ortsteils", "stadtteil", "stadtteils", "ort",
    "orts", "ortes", "landkreis", "landkreises", "kreis", "kreises", "behoerde", "amt", "amtes", "dienststelle",
    "tabelle", "tabellen", "blatt", "spalte", "spalten", "programm", "programms", "sheet", "column", "table",
    "provider",
))
_FILLER = frozenset(("des", "der", "dem", "den", "die", "von", "vom", "zum", "zur", "of", "the"))
_NAME_WORDS = ("name", "namen", "names")
_MAX_JOINED = 4  # adjacent words tried together ("date of birth", "social security number")


def _compile_blocklist() -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    exact: dict[str, str] = {}
    patterns: list[tuple[str, str, str]] = []  # (mode, stem, kind)
    for what, words in BLOCKLIST.items():
        for word in words:
            stem = word.strip("*")
            if word.startswith("*") and word.endswith("*"):
                patterns.append(("in", stem, what))
            elif word.endswith("*"):
                patterns.append(("start", stem, what))
            elif word.startswith("*"):
                patterns.append(("end", stem, what))
            else:
                exact.setdefault(stem, what)
    return exact, patterns


_EXACT, _PATTERNS = _compile_blocklist()
_KIND_ORDER = {what: i for i, what in enumerate(BLOCKLIST)}

_SPELLED_OUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss",
                              "ẞ": "SS"})
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_WORD = re.compile(r"[a-z]+|[0-9]+")


def header_words(header: str) -> list[str]:
    """A header name as lower-case ASCII words: NFKC (NBSP, ligatures, full-width), invisible characters
    (soft hyphen, zero width, BOM) dropped, umlauts spelled out, other accents dropped, camelCase split,
    everything that is not a letter or digit a separator. "Geb.-Datum" -> ["geb", "datum"],
    "FirstName" -> ["first", "name"], "Staatsangehörigkeit" -> ["staatsangehoerigkeit"]."""
    text = unicodedata.normalize("NFKC", header)
    text = "".join(c for c in text if unicodedata.category(c) != "Cf").translate(_SPELLED_OUT)
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return _WORD.findall(_CAMEL.sub(" ", text).lower())


def _joined(words: list[str]) -> set[str]:
    """Every word and every run of up to _MAX_JOINED adjacent words written together."""
    return {"".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, min(len(words), i + _MAX_JOINED) + 1)}


def _blocklisted(words: list[str]) -> str | None:
    hits = set()
    for candidate in _joined(words):
        what = _EXACT.get(candidate)
        if what is not None:
            hits.add(what)
        for mode, stem, kind in _PATTERNS:
            if (mode == "in" and stem in candidate) or (mode == "start" and candidate.startswith(stem)) or \
                    (mode == "end" and candidate.endswith(stem)):
                hits.add(kind)
    return min(hits, key=_KIND_ORDER.__getitem__) if hits else None


def _persons_name(words: list[str]) -> bool:
    """Whether the header is a name that is not, by its other words, the name of a thing (see NAMED_THINGS)."""
    for i, word in enumerate(words):
        stem = next((word[: -len(n)] for n in _NAME_WORDS if word.endswith(n)), None)
        if stem is None:
            continue
        qualifiers = [w for j, w in enumerate(words) if j != i] + ([stem] if stem else [])
        things = [w for w in qualifiers if w in NAMED_THINGS]
        if not things or any(w not in NAMED_THINGS and w not in _FILLER and not w.isdigit() for w in qualifiers):
            return True
    return False


def forbidden_column(header: str) -> str | None:
    """The kind of personal data a header name points at (key of texts.errors.FORBIDDEN_WHAT), or None."""
    words = header_words(header)
    what = _blocklisted(words)
    if what is None and _persons_name(words):
        what = "name"
    return what


# --------------------------------------------------------------------------------------------------------
# Cell contents
# --------------------------------------------------------------------------------------------------------


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
