"""What identifies a person and may therefore never be uploaded (docs/datenschutz.md): header names and cell contents.

Three questions about what is uploaded, each answered with a key of the German texts in ``monitor.texts.errors``
or None:

* ``forbidden_column(header)``: does a header name point at personal data? A blocklist of names and their
  variants (German and English, abbreviated, compound, camelCase), judged after a normalisation that ignores
  case, spacing, punctuation, umlaut spelling and Unicode form. Adding a variant is one word in ``BLOCKLIST``.
* ``personal_content(text)``: does a text cell contain personal data (e-mail, phone, IBAN, tax ID, social
  insurance number, a full date, a street address or a postcode with town)?
* ``identifying_key(text)``: does a record ID (pseudonymised on import) contain something that can never be an
  ordinary case number (e-mail, IBAN, tax ID, social insurance number)? Phone numbers, dates and plain digit
  runs are left out on purpose: case numbers such as 2017/0815 or 0042 look like them.

What a file says is kept beyond the import only as vocabulary (a column name in a column mapping, an own word
for a code in a value mapping) or as a file name (audit log, import history). Stricter questions for those:

* ``personal_value(text)``: ``personal_content``, and also a person's name or a record number?
* ``data_like_header(header)``: is the header row a record (an export without its header row)?
* ``recordable_file_name(name)``: may the file name be kept?

The import refuses the whole file on a hit, names the column, and never quotes the cell. The cell checks run
once per distinct value of a large upload, so they are cheap (a few microseconds a value, linear in its
length): no quantifiers nested over the same text, and check digits (IBAN, tax ID, social insurance number)
instead of loose shapes.
"""

from __future__ import annotations

import re
import unicodedata

from monitor import settings

# --------------------------------------------------------------------------------------------------------
# Normalisation: every header and cell is judged in this form
# --------------------------------------------------------------------------------------------------------


def _build_unicode_table() -> dict[int, str | None]:
    """Every decimal digit of any script to its Latin digit ("٠١٥١" -> "0151", Devanagari, Thai ...), every
    invisible format character (soft hyphen, zero width, BOM, direction marks) dropped. Decimal digits and
    format characters outside planes 0, 1 and 14 do not exist, so only those are scanned."""
    table: dict[int, str | None] = {}
    for code in (*range(0x80, 0x20000), *range(0xE0000, 0xE1000)):
        char = chr(code)
        category = unicodedata.category(char)
        if category == "Nd":
            table[code] = str(unicodedata.decimal(char))
        elif category == "Cf":
            table[code] = None
    return table


_UNICODE_TABLE = _build_unicode_table()

# An e-mail address written against spam: "(at)", "[at]", "( at )" for @ and "(dot)", "[dot]" for the dot.
_BRACKETED = re.compile(r" ?[(\[] ?((?i:at|dot)) ?[)\]] ?")
# ... and " at " between a local part and a domain whose last label is letters ("ahmed at gmx.de", "ahmed at
# gmx dot de"); "Treffen at 10.30" stays as it is.
_SPOKEN_AT = re.compile(r"([\w.+-]) (?i:at) ([\w-]+(?:(?: (?i:dot) |\.)[\w-]+)+)")
_SPOKEN_DOT = re.compile(r" (?i:dot) ")
_TOP_LABEL = re.compile(r"[A-Za-z]{2,}")


def normalise(text: str) -> str:
    """The Unicode form every check sees: NFKC (full-width "＠" and "Ｖｏｒｎａｍｅ", NBSP, ligatures, superscripts
    become ASCII or their plain form), then ``_UNICODE_TABLE``. Pure ASCII text is returned as it is, so
    the common case costs one ``isascii``."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFKC", text).translate(_UNICODE_TABLE)


def _spoken_at(match: re.Match) -> str:
    domain = _SPOKEN_DOT.sub(".", match.group(2))
    if _TOP_LABEL.fullmatch(domain.rpartition(".")[2]) is None:
        return match.group()
    return f"{match.group(1)}@{domain}"


def normalise_cell(text: str) -> str:
    """A cell as the cell patterns see it: ``normalise``, and an e-mail address spelled against spam turned
    into its plain form ("ahmed (at) gmx (dot) de" -> "ahmed@gmx.de"), so that one e-mail pattern serves."""
    text = normalise(text)
    if "(" in text or "[" in text:
        text = _BRACKETED.sub(lambda m: "@" if m.group(1).lower() == "at" else ".", text)
    if " " in text:
        text = _SPOKEN_AT.sub(_spoken_at, text)
    return text


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
        # A client, a family or a contact person is named in such a column: "Klient/in", "Familie Ahmadi".
        "klient*", "familie", "familien", "*ansprechpartner*", "ansprechperson*",
    ),
    "birth": (
        # A birth year is allowed by docs/datenschutz.md, but the contract asks for an age band, and year with
        # gender, district and origin points at one person in a village: "Geburtsjahr" is refused too.
        "*geburt*", "geb", "gebdat", "gebdatum", "gebam", "gebtag", "gebort", "geboren", "dob", "*birth*",
        "bday",
    ),
    "contact": (
        "*telefon*", "tel", "telnr", "fon", "*phone*", "handy*", "mobil", "mobilnr", "mobilnummer",
        "mobiltelefon", "mobile", "mobilfunk*", "*rufnummer*", "*mail*", "fax*", "whatsapp", "messenger", "skype",
    ),
    "address": (
        "*adresse*", "*anschrift*", "*strasse*", "str", "strnr", "*hausnummer*", "hausnr", "hnr", "plz",
        "postleitzahl", "*wohnort*", "wohnsitz", "aufenthaltsort", "*unterkunft*", "wohnung", "wohnheim",
        "zimmer", "zimmernr", "zimmernummer", "*address*", "street*", "zip", "zipcode", "postcode",
        "postalcode", "housenumber", "*herkunftsort*",
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
        "*versichertennr", "svnr", "svnummer", "rvnr", "rvnummer", "kvnr", "*passnummer*", "passnr", "pass",
        "*reisepass*", "*ausweis*", "passport*", "idcard", "socialsecurity*", "ssn", "nationalinsurance*",
    ),
    "bank": (
        "*iban*", "bic", "swift", "bank", "*bankverbindung*", "konto*", "*konto", "*kontonummer*", "kto", "ktonr",
        "blz", "bankleitzahl", "bankaccount", "accountnumber", "accountno",
    ),
    "employer": ("arbeitgeber*", "*arbeitgeber", "employer*"),  # docs/datenschutz.md: the sector instead
    "photo": ("*foto*", "photo*", "bild", "lichtbild", "passbild", "portrait", "picture"),
    "free_text": (
        # Not "Note" alone: in German lists it is mostly a grade, not a note; English notes are caught as
        # "notes" and in compounds ("Case Notes", "note_text", "Notefield").
        "*notiz*", "*bemerkung*", "*kommentar*", "*anmerkung*", "*freitext*", "*vermerk*", "*beschreibung*",
        "*hinweis*", "*erlaeuterung*", "zusatzinfo*", "text", "*notes", "casenote*", "notetext*", "notefield*",
        "*comment*", "*remark*", "freetext", "description*", "annotation*", "memo*", "info", "infos",
    ),
    "sensitive": (
        # "Gesundheitsamt" as a header would be refused as health data: privacy wins.
        "religion*", "religioes*", "religious", "konfession*", "*diagnose*", "diagnos*", "*krankheit*",
        "*erkrankung*", "*behinderung*", "schwerbehindert*", "gesundheit*", "pflegegrad", "schwanger*",
        "medikament*", "trauma*", "*vorstrafe*", "*straftat*", "strafverfahren", "verurteilung*", "sexuell*",
        "ethnie", "ethnisch*", "health*", "medical", "disease*", "illness*", "disabilit*", "disabled",
        "pregnan*", "criminal*", "conviction*", "offence*", "offense*", "ethnic*", "sexual*",
        "*fluchtgrund*", "*fluchtgruende*", "fluchtursache*",  # persecution, religion, orientation
    ),
    "nationality": (
        "*staatsangehoerigkeit*", "staatsang*", "sta", "*nationalitaet*", "*staatsbuergerschaft*",
        "nationality", "nationalities", "citizenship", "herkunftsland", "herkunftslaender", "countryoforigin",
    ),
}

# "Name" on its own (or a compound ending in it, "Teilnehmername") is a person's name, unless every other word
# says whose name it is and that is a thing: "Name des Kurses", "Kursname", "Dateiname", "Name der
# Einrichtung". Not "Partner": in a case file that is a spouse. Not "Firma": an employer's name points at
# the person (docs/datenschutz.md: employer to sector).
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

# Letters that no accent-stripping turns into ASCII are written as their base letter ("Yıldız", "Małgorzata").
_SPELLED_OUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss",
                              "ẞ": "SS", "ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
                              "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe"})
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_WORD = re.compile(r"[a-z]+|[0-9]+")


def header_words(header: str) -> list[str]:
    """A header name as lower-case ASCII words: ``normalise`` (full-width and other compatibility forms,
    digits of any script, invisible characters dropped), umlauts spelled out, other accents dropped, camelCase split,
    everything that is not a letter or digit a separator. "Geb.-Datum" -> ["geb", "datum"],
    "FirstName" -> ["first", "name"], "Staatsangehörigkeit" -> ["staatsangehoerigkeit"]."""
    text = normalise(header).translate(_SPELLED_OUT)
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


# Each pattern starts with a character class and checks what stands before it only after that first
# character (``[1-9](?<![0-9.,][1-9])``): a leading lookbehind would stop the regex engine from skipping
# quickly to possible starts. No pattern nests quantifiers that can match the same text, so none can
# backtrack far; IBAN, tax ID and social insurance number are confirmed by their check digits.

# E-mail: one character of a local part, @, a domain with at least one dot ("(at)", "[at]", " at ", "(dot)"
# as people write it against spam are turned into @ and the dot by ``normalise_cell``).
_EMAIL = re.compile(r"[\w.+-]@[\w-]+(?:\.[\w-]+)+")

# IBAN: two letters, two check digits, then letters and digits, a single space or hyphen allowed between them
# (searched in the upper-cased text). The candidate is cut to its country's length and must pass mod 97.
_IBAN = re.compile(r"[A-Z](?<![A-Z0-9][A-Z])[A-Z][0-9]{2}(?:[ -]?[A-Z0-9]){11,32}")
# IBAN length per country (SWIFT IBAN registry).
IBAN_LENGTHS = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BI": 27,
    "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DJ": 27, "DK": 18, "DO": 28,
    "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FK": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23,
    "GL": 18, "GR": 27, "GT": 28, "HN": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26,
    "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21,
    "LY": 25, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MN": 20, "MR": 27, "MT": 31, "MU": 30, "NI": 28,
    "NL": 18, "NO": 15, "OM": 23, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22,
    "RU": 33, "SA": 24, "SC": 31, "SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "SO": 23, "ST": 25,
    "SV": 28, "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20, "YE": 30,
}

# German tax ID (steuerliche Identifikationsnummer): 11 digits, the first not 0, often grouped 2-3-3-3.
_TAX_ID = re.compile(r"[1-9](?<![0-9.,][1-9])[0-9](?: ?[0-9]{3}){3}(?![0-9]|[.,][0-9])")

# German social insurance number (Versicherungsnummer der Rentenversicherung): area (2 digits), birth date
# (DDMMYY), first letter of the birth name, serial (2 digits), check digit; single spaces between the parts.
_SOCIAL_INSURANCE = re.compile(
    r"([0-9](?<![\w][0-9])[0-9]) ?((?:0[1-9]|[12][0-9]|3[01])(?:0[1-9]|1[0-2])[0-9]{2}) ?([A-Za-z]) ?"
    r"([0-9]{2})([0-9])(?![\w])"
)

# A full date: 01.03.1990, 1.3.90, 01/03/1990, 01-03-1990, 1990-03-01, "1. März 1990", "1 Mar 90". Day and
# month ranges are checked, so IDs such as VHS-IK-2017-03 or 2017/0815 stay out; an ISO date inside an ID
# ("K-2017-03-12") is a date all the same (privacy wins). Not after a letter or digit (``\b``).
_DAY, _MONTH = r"(?:0?[1-9]|[12][0-9]|3[01])", r"(?:0?[1-9]|1[0-2])"
_MONTH_NAME = (r"(?i:jan(?:uar|uary)?|feb(?:ruar|ruary)?|m(?:ae|ä)rz?|mrz|mar(?:ch)?|apr(?:il)?|mai|may|"
               r"jun[ie]?|jul[iy]?|aug(?:ust)?|sept?(?:ember)?|o[ck]t(?:ober)?|nov(?:ember)?|de[cz](?:ember)?)")
_YEAR = r"(?:[0-9]{4}|[0-9]{2})"
_FULL_DATE = re.compile(
    rf"\b(?:{_DAY}\.{_MONTH}\.{_YEAR}(?!\.?[0-9])"
    rf"|{_DAY}([/-]){_MONTH}\1(?:19|20)[0-9]{{2}}(?![0-9])"
    rf"|(?:19|20)[0-9]{{2}}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])(?![0-9])"
    rf"|{_DAY}\.? ?{_MONTH_NAME}\.? ?{_YEAR}(?![0-9]))"
)

# Phone numbers. International: + or 00, a country code, at least six more digits. National: 0, an area
# code not starting with 0 (a space may follow the 0), at least five more digits. Between digits up to three of
# space ( ) / -, so "+49 (0) 5146 12 34", "0 51 46 / 12 34" and "0151/2345678" match; each repetition takes
# exactly one digit. Not after a letter, digit, +, slash or hyphen: IDs such as K-000917, T-0311, F-2017-0042
# or 2017/0815 stay out; a bare "0815-2017" is read as a phone number (privacy wins). A dot only between an
# area code of three to five digits and the number ("0172.1234567"), so that dates and "Raum 1.12" stay out.
_PHONE = re.compile(
    r"(?:\+(?<![\w+/-]\+)|0(?<![\w+/-]0)0? ?)[1-9](?:[ ()/-]{0,3}[0-9]){5,16}(?![0-9])"
    r"|0(?<![\w+/.-]0)[1-9][0-9]{2,4}\.[0-9]{5,8}(?![0-9]|\.[0-9])"
)

# Street and house number: a word, a dot or a space, the house number (at most three digits, an optional
# letter, an optional range: 5a, 12-14). Whether the word and the words before it name a street is decided
# in Python (``_is_street``), which is cheaper than one pattern for all forms.
_WORD_AND_NUMBER = re.compile(
    r"\b([^\W\d_]++)(?:\. ?| )[0-9]{1,3}(?: ?[a-zA-Z](?![^\W\d_]))?(?:[-/][0-9]{1,3}[a-zA-Z]?)?(?![0-9]|[.,][0-9])"
)
STREET_WORDS = ("strasse", "straße", "str", "weg", "allee", "platz", "gasse", "ring", "damm", "ufer",
                "chaussee", "pfad", "steig", "stieg", "twiete")
# "Am Markt 3", "An der Kirche 2": a capitalised preposition before a capitalised word.
STREET_PREPOSITIONS = frozenset(("Am", "Im", "Zum", "Zur", "An der", "An den", "In der", "In den", "Auf dem",
                                 "Auf der", "Auf den", "Hinter dem", "Hinter der", "Unter den", "Vor dem"))
# Compounds on a street word that are not streets ("Praktikumsplatz 12"): the part before the street word.
NOT_STREETS = frozenset((
    "arbeits", "praktikums", "ausbildungs", "studien", "kurs", "kita", "krippen", "sitz", "stell", "park",
    "spiel", "bildungs", "lebens", "berufs", "lehr", "aus", "um", "zu", "heim",
))

# Postcode with town: five digits, a space, a capitalised word ("29323 Wietze", "D-29323 Wietze").
_POSTCODE_TOWN = re.compile(r"\b[0-9]{5} +([A-ZÄÖÜ][^\W\d_]{2,})")
# Words after five digits that are units, not towns ("10000 Euro").
NOT_TOWNS = frozenset(("Euro", "EUR", "Stunden", "Std", "Minuten", "Min", "Teilnehmende", "Personen",
                       "Einwohner", "Fälle", "Plätze", "Unterrichtseinheiten", "Kontakte", "Tage", "Jahre"))

_DIGIT = re.compile(r"[0-9]")


def _iban_ok(candidate: str) -> bool:
    compact = candidate.replace(" ", "").replace("-", "")
    length = IBAN_LENGTHS.get(compact[:2])
    if length is None or len(compact) < length:
        return False
    iban = compact[:length]
    return int("".join(str(int(c, 36)) for c in iban[4:] + iban[:4])) % 97 == 1


def _has_iban(text: str) -> bool:
    if len(text) < 15:
        return False
    upper = text.upper()
    return _IBAN.search(upper) is not None and any(_iban_ok(m.group()) for m in _IBAN.finditer(upper))


def _tax_id_ok(digits: str) -> bool:
    """ISO 7064 MOD 11,10 check digit, and in the first ten digits one digit twice or three times, no other
    digit more than once."""
    counts = sorted((digits[:10].count(d) for d in set(digits[:10])), reverse=True)
    if counts[0] not in (2, 3) or counts[1] > 1:
        return False
    product = 10
    for d in digits[:10]:
        product = ((int(d) + product) % 10 or 10) * 2 % 11
    return (11 - product) % 10 == int(digits[10])


def _has_tax_id(text: str) -> bool:
    return _TAX_ID.search(text) is not None and \
        any(_tax_id_ok(m.group().replace(" ", "")) for m in _TAX_ID.finditer(text))


_SV_WEIGHTS = (2, 1, 2, 5, 7, 1, 2, 1, 2, 1, 2, 1)


def _social_insurance_ok(area: str, birth: str, letter: str, serial: str, check: str) -> bool:
    """The letter becomes its place in the alphabet (two digits); weights 2 1 2 5 7 1 2 1 2 1 2 1 over the
    twelve digits before the check digit; the sum of the products' digit sums, mod 10, is the check digit."""
    digits = f"{area}{birth}{ord(letter.upper()) - 64:02d}{serial}"
    return sum(sum(divmod(int(d) * w, 10)) for d, w in zip(digits, _SV_WEIGHTS)) % 10 == int(check)


def _has_social_insurance(text: str) -> bool:
    return _SOCIAL_INSURANCE.search(text) is not None and \
        any(_social_insurance_ok(*m.groups()) for m in _SOCIAL_INSURANCE.finditer(text))


def _is_street(text: str, match: re.Match) -> bool:
    word = match.group(1)
    lowered = word.lower()
    if lowered.endswith(STREET_WORDS):
        suffix = next(s for s in STREET_WORDS if lowered.endswith(s))
        prefix = lowered[: -len(suffix)]
        if prefix:
            return prefix not in NOT_STREETS  # Hauptstraße 12, Bahnhofstr. 7
        # The street word alone: "Lange Str. 5a", "Alter Weg 3"; a bare "Str. 5" too.
        before = text[: match.start()].split()
        return suffix.startswith("str") or bool(before) and before[-1].endswith(("er", "e", "es"))
    start = match.start()
    if not word[0].isupper() or start < 3 or text[start - 1] != " ":
        return False
    before = text[:start].split()
    if before[-1] in STREET_PREPOSITIONS or " ".join(before[-2:]) in STREET_PREPOSITIONS:
        return True  # Am Markt 3, An der Kirche 2
    return len(before) >= 2 and before[-2] in STREET_PREPOSITIONS and before[-1][0].isupper() and \
        before[-1].endswith(("en", "er", "e"))  # Am Alten Markt 3


def _has_address(text: str) -> bool:
    if _WORD_AND_NUMBER.search(text) is not None and any(_is_street(text, m) for m in _WORD_AND_NUMBER.finditer(text)):
        return True
    return _POSTCODE_TOWN.search(text) is not None and \
        any(m.group(1) not in NOT_TOWNS for m in _POSTCODE_TOWN.finditer(text))


def _identifying_number(text: str) -> str | None:
    if "@" in text and _EMAIL.search(text):
        return "email"
    if not _DIGIT.search(text):
        return None  # everything else needs a digit; most names of places and institutions end here
    if _has_iban(text):
        return "iban"
    if _has_tax_id(text):
        return "tax_id"
    if _has_social_insurance(text):
        return "social_insurance"
    return None


def personal_content(text: str) -> str | None:
    """Key of texts.errors.PERSONAL_CONTENT_WHAT if a text cell contains personal data, else None."""
    text = normalise_cell(text)
    what = _identifying_number(text)
    if what is not None or not _DIGIT.search(text):
        return what
    if _FULL_DATE.search(text):
        return "date"
    if _PHONE.search(text):
        return "phone"
    if _has_address(text):
        return "address"
    return None


# What every text that ``identifying_key`` refuses contains somewhere once normalised: "@", two letters
# before two digits (an IBAN), or eight digits in a row or two digits before a space and a digit (a tax ID or social
# insurance number, written together or grouped). Searched one by one over a whole ID column (single patterns scan fast,
# an alternation of them does not), so that 100,000 distinct IDs without any of it are not checked one by
# one; a test keeps them a superset of identifying_key.
KEY_CANDIDATES = tuple(re.compile(p) for p in ("@", r"[A-Za-z]{2}[0-9]{2}", r"[0-9]{8}", r"[0-9]{2} [0-9]"))


def may_hold_key(text: str) -> bool:
    """Whether ``identifying_key`` could refuse something in ``text`` (a cheap first look; ``text`` may be a
    whole column joined by line breaks, normalised here once)."""
    text = normalise_cell(text)
    return any(p.search(text) for p in KEY_CANDIDATES)


def identifying_key(text: str) -> str | None:
    """Key of texts.errors.PERSONAL_CONTENT_WHAT if a record ID that is pseudonymised on import (fall_id,
    kontakt_id, teilnahme_id) contains something that is never an ordinary case number: an e-mail address,
    an IBAN, a tax ID or a social insurance number (the last three confirmed by their check digits). Phone
    numbers and dates are left out: case numbers such as 2017/0815, 0042 or 20170815 look like them.

    What is left: a case number of exactly the shape of one of these that happens to carry valid check
    digits, e.g. year and a seven-digit serial from about the 34,000th case of a year ("20170034563"), or
    date, letter and three digits written together ("20150317F001", one in ten)."""
    return _identifying_number(normalise_cell(text))


# --------------------------------------------------------------------------------------------------------
# Names and record numbers: what no column name, code value or file name of a clean export holds
# --------------------------------------------------------------------------------------------------------

# Given names: the project's list (data/vornamen.txt, also read by etl.vocabulary), as ``header_words`` gives
# them ("hassan_al_masri", "HassanAlMasri" and "Hassan Al-Masri" all hold "hassan"). Left out here: names that are
# also a German or English word of column and file names ("Can", "Jan", "Mina", "Said"). A test keeps every word
# of the contract's headers and codes out.
NAMES_FILE = settings.DATA_DIR / "vornamen.txt"
_WORDS_TOO = frozenset(("can", "jan", "mina", "said", "max", "will", "mark", "mai", "nur"))


def _given_names() -> frozenset[str]:
    words: set[str] = set()
    for line in NAMES_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            words.update(header_words(line))
    return frozenset(words - _WORDS_TOO)


GIVEN_NAMES = _given_names()

# A title before a capitalised word ("Frau Müller", "Herrn Ahmadi", "Familie Haddad", "Dr. Schmidt") and an initial
# before a surname ("A. Müller"; not the "B. Jobcenter" of "z. B. Jobcenter").
_TITLED = re.compile(r"(?<![^\W\d_])(?:Frau|Herrn?|Fr\.|Hr\.|Mrs?\.?|Ms\.?|Dr\.|Familie) ?[A-ZÄÖÜ]")
_INITIAL = re.compile(r"(?<![\w.] )(?<![\w.])[A-ZÄÖÜ]\. ?[A-ZÄÖÜ][a-zäöüß]{2,}")

# A record number: a short letter prefix and at least three digits, where the prefix is one or two letters, the
# digits start with 0 or more digit groups follow (F-2015-0008, K-000917, T-0311, AZ-123, VHS-IK-2017-03; not
# "Jahr_2016", "AE25.2" or "B1"); a year and a serial with a leading 0 (2017/0815); five digits or more in a row
# (a Gemeindeschlüssel, an Excel date number, a file or customer number).
_PREFIXED_NUMBER = re.compile(r"(?<![A-Za-z0-9])((?:[A-Za-z]{1,4}[-_/.]?){1,3})([0-9]{3,})((?:[-_/.][0-9]{2,})*)"
                              r"(?![0-9])")
_YEAR_SERIAL = re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}[-_/.]0[0-9]{2,}(?![0-9])")
_LONG_NUMBER = re.compile(r"(?<![0-9])[0-9]{5,}(?![0-9])")


def _names_person(text: str) -> bool:
    if _TITLED.search(text) or _INITIAL.search(text):
        return True
    return not GIVEN_NAMES.isdisjoint(header_words(text))


def _record_number(text: str) -> bool:
    for match in _PREFIXED_NUMBER.finditer(text):
        letters = sum(c.isalpha() for c in match.group(1))
        if letters <= 2 or match.group(2).startswith("0") or match.group(3):
            return True
    return _YEAR_SERIAL.search(text) is not None or _LONG_NUMBER.search(text) is not None


def personal_value(text: str) -> str | None:
    """Key of texts.errors.PERSONAL_CONTENT_WHAT if a text that would be kept as vocabulary (a code value offered
    for a value mapping, a column name kept in a column mapping, a file name in the audit log) holds something
    of a person's record: what ``personal_content`` finds (also between underscores, "name_14.03.1985"), a
    person's name ("name": a frequent given name, a title or an initial before a name) or a record number
    ("record_number", see above). Stricter than ``personal_content``: vocabulary is short, and a value
    refused here can still be written as the contract's code in the export."""
    spaced = normalise(text).replace("_", " ")
    what = personal_content(spaced)
    if what is not None:
        return what
    if _names_person(spaced):
        return "name"
    if _record_number(spaced):
        return "record_number"
    return None


# --------------------------------------------------------------------------------------------------------
# A first row that is data, not column names (an export without its header row)
# --------------------------------------------------------------------------------------------------------

# A cell that may be a value but hardly a column name: a number ("45", "1.200", "0,5", "2016"), a short record
# number ("F-1", "P01", "K1"), one character ("w", "x"), a yes/no word or a code of the contract ("geduldet",
# "verein"; not one that is also a column name of it). Such cells count towards the majority rule of
# ``data_like_header``; none of them refuses a header on its own ("Gemeinde" is a column name and a code).
_NUMBER = re.compile(r"[+-]?[0-9][0-9.,']*")
_SHORT_ID = re.compile(r"[A-Za-z]{1,4}[-_/.]?[0-9]{1,2}")
_YES_NO = frozenset(("ja", "nein", "yes", "no", "true", "false", "wahr", "falsch"))


def _contract_codes() -> frozenset[str]:
    from monitor import contract

    codes = {c.lower() for k in contract.KINDS for f in k.fields for c in f.codes or ()}
    return frozenset(codes - {f.header for k in contract.KINDS for f in k.fields})


_CODES = _contract_codes()


def _value_like(cell: str) -> bool:
    if len(cell) == 1 or _NUMBER.fullmatch(cell) is not None or _SHORT_ID.fullmatch(cell) is not None:
        return True
    lowered = cell.lower()
    return lowered in _YES_NO or lowered.replace(" ", "_").replace("-", "_") in _CODES


def data_like_header(header: list[str]) -> bool:
    """Whether the header row of a file is a record, not column names (an export without its header row, whose
    first record would otherwise become the column names of the mapping dialog). Yes if any cell holds what
    ``personal_value`` finds (a date, a name, a record number, a Gemeindeschlüssel, contact data ...), or if at
    least half of the filled cells, and at least two, are numbers, short record numbers, single characters,
    yes/no words or codes of the contract. Column names of a real export are words ("fall_id", "Fall-ID",
    "Datum des Kontakts", "Erwerbsfähig", "Case No"); a test runs every template, fixture, demo file and header
    variant through it."""
    cells = [normalise(cell).strip() for cell in header]
    cells = [cell for cell in cells if cell]
    if any(personal_value(cell) is not None for cell in cells):
        return True
    values = sum(map(_value_like, cells))
    return values >= 2 and 2 * values >= len(cells)


# --------------------------------------------------------------------------------------------------------
# File names in the audit log and the import history
# --------------------------------------------------------------------------------------------------------

MAX_FILE_NAME = 120  # characters of a file name that is kept


def recordable_file_name(name: str) -> str | None:
    """The file name as the audit log and the import history keep it, or None if it may not be kept: a file
    name is typed by a person and may say whose data it holds ("hassan_al_masri_14.03.1985.csv"). Kept only
    without a folder, at most MAX_FILE_NAME characters, without control characters and if ``personal_value``
    finds nothing in it (so also "faelle_30.06.2026.csv" is not kept: a date in a name is not told apart from a
    birth date)."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1].strip()
    if not name or len(name) > MAX_FILE_NAME or any(unicodedata.category(c) in ("Cc", "Cf") for c in name):
        return None
    return name if personal_value(name) is None else None


def file_name_for_record(name: str) -> str:
    """``recordable_file_name``, or the German note that the name was not kept."""
    from monitor.texts import errors

    return recordable_file_name(name) or errors.FILE_NAME_WITHHELD
