"""What the text fields of the contract may hold (``contract.Field.vocabulary``): never free text about a person.

* **Codes** the Gemeinde gives (an officer's Kürzel, a partner_id) and references to them (``zustaendig``,
  ``beauftragte``, ``traeger``, ``vermittlung_an``, ``partner_ids``): letters, digits and ``. _ / -``, no
  spaces, at most 20 characters (``code_problem``). Whether a reference names a stored code is checked against
  the database when the file is planned (etl.pipeline).
* **Numbers** of records (``kurs_id``, ``praktikum_id``, ``treffen_id``): letters, digits, ``. _ / -`` and single
  spaces, at most 40 characters (``record_id_problem``).
* **Ortsteile**: a code or name of the Gemeinde's list (monitor.districts), stored as the code (``district``).
* **Names of institutions** (``name`` of a network partner): at most 80 characters and nothing that marks a
  person (``institution_problem``).

Every check first folds the text (``fold``): the Unicode form of etl.identifying.normalise (NFKC: full-width
and mathematical letters, digits of any script, invisible characters dropped), Cyrillic and Greek letters that
look like Latin ones as those, accents dropped, every dash a hyphen. Words are then compared by ``word_key``
(lower case, ß as ss, ä/ae, ö/oe, ü/ue alike).

What marks a person (``person_marker``), each a key of texts.errors.PERSONAL_CONTENT_WHAT:

* "title": a form of address or a title (Herr, Frau, Fam., Familie, Dr., Prof., ...) followed by another word
  that is not a small word such as "und" or "der", unless a small word stands before it ("Haus der Familie");
* "given_name": a given name of data/vornamen.txt as a word of its own (not joined by hyphens, as in
  "Albert-Schweitzer-Schule", not after "St." or "Sankt", as in "St. Michael") followed by another capitalised
  word ("Ahmed Yilmaz"; written all in lower case, any further word), or after a capitalised word and a comma
  ("Yilmaz, Ahmed");
* "sensitive": a word about a person's health, criminal record or asylum procedure (HIV, krank, suizid…,
  Diagnose, Straftat, Haft, Asylantrag, abgelehnt, Abschiebung, ...);
* "phone": six or more digits in a row, also with spaces, slashes, dots, hyphens or brackets between them;
* whatever etl.identifying.personal_content finds (e-mail, phone, IBAN, date, address, ...).

Codes, numbers and Ortsteile are stricter (``strict``): there any given name of the list that stands as a word or
part of its own counts ("IB-Ahmed", "Ahmed"), when of four letters or more or written as a name ("Ali", not "ALI"),
and a title followed by any other word, also joined by a hyphen ("Frau-Kaya").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from etl import identifying
from etl.identifying import normalise, personal_content
from monitor import contract, districts
from monitor.texts import errors as t

NAMES_FILE = identifying.NAMES_FILE  # one list of given names for the whole import

# --------------------------------------------------------------------------------------------------------
# Folding
# --------------------------------------------------------------------------------------------------------

# Letters of other scripts that look like Latin letters (after NFKC), and Latin letters that NFD does not
# split into a base letter and an accent.
_LOOK_ALIKES = {
    # Cyrillic
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T",
    "Х": "X", "У": "Y", "І": "I", "Ј": "J", "Ѕ": "S", "Ԁ": "D", "Ԛ": "Q", "Ԝ": "W", "Ү": "Y", "Һ": "H",
    "а": "a", "в": "b", "е": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c", "т": "t",
    "х": "x", "у": "y", "і": "i", "ј": "j", "ѕ": "s", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ү": "y", "һ": "h",
    "ё": "e", "ї": "i", "ɡ": "g",
    # Greek
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O",
    "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "ο": "o", "ι": "i", "κ": "k", "ν": "v", "ρ": "p", "τ": "t",
    "υ": "u", "χ": "x", "α": "a", "ε": "e",
    # Latin letters without a decomposition
    "ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ħ": "h", "Ħ": "H", "ŀ": "l",
    "ɩ": "i", "ǀ": "l", "ℓ": "l",
}
# ... and every dash (Unicode category Pd: hyphen, en dash, non-breaking hyphen, ...) and minus sign a hyphen.
_FOLD_TABLE = str.maketrans(_LOOK_ALIKES | {chr(c): "-" for c in range(0x80, 0x10000)
                                            if unicodedata.category(chr(c)) == "Pd"} | {"\u2212": "-"})


def fold(text: str) -> str:
    """The text as every check of this module sees it (see the module's docstring); letter case and the
    places of spaces, hyphens and dots are kept."""
    text = normalise(text)
    if text.isascii():
        return text
    text = "".join(c for c in unicodedata.normalize("NFD", text.translate(_FOLD_TABLE))
                   if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", text)


_SPELLED = (("ae", "a"), ("oe", "o"), ("ue", "u"))


def word_key(word: str) -> str:
    """A folded word as lists are compared: lower case, ß as ss, ae/oe/ue as a/o/u (so that "Jürgen",
    "Juergen" and "JURGEN" are one key)."""
    key = word.casefold().replace("ß", "ss")
    if "e" in key:
        for spelled, plain in _SPELLED:
            key = key.replace(spelled, plain)
    return key


def _key(word: str) -> str:
    """A word of the lists below as the words of a text are compared."""
    return word_key(fold(word))


# --------------------------------------------------------------------------------------------------------
# The lists
# --------------------------------------------------------------------------------------------------------

# Forms of address and titles that stand before a person's name.
TITLES = frozenset(map(_key, (
    "Herr", "Herrn", "Hr", "Frau", "Fr", "Fam", "Familie", "Dr", "Prof", "Dipl", "Mag", "Mr", "Mrs", "Ms",
    "Miss", "Madame", "Monsieur", "Sayed", "Sayyid", "Scheich", "Sheikh", "Hadschi", "Hajji",
)))
# Words before a given name that make it a saint's (St. Michael, Sankt Anna): a church or its Kita.
SAINTS = frozenset(map(_key, ("St", "Sankt", "Hl", "Heilige", "Heiliger", "Heiligen", "San", "Santa",
                                  "Saint", "Ste")))
# Small words: after a title they show it is not one ("Frau und Beruf"), after a given name that no surname
# follows ("Maria und Josef"). An article before a title makes it a thing's ("Haus der Familie").
SMALL_WORDS = frozenset(map(_key, (
    "und", "oder", "für", "der", "die", "das", "des", "den", "dem", "im", "in", "am", "an", "auf", "aus", "bei",
    "zu", "zur", "zum", "von", "vom", "mit", "nach", "über", "unter", "e", "v", "ev", "eV", "gGmbH", "GmbH",
    "of", "and", "the", "for", "et", "de", "la", "le",
)))
ARTICLES = frozenset(map(_key, ("der", "die", "das", "des", "den", "dem", "the")))
# Words about a person's health, criminal record or asylum procedure. A word (or a part of a hyphenated one)
# counts when it is one of EXACT or starts with one of STEMS (after ``word_key``). Kept narrow on purpose:
# institutions have such words too (Krankenhaus, Gesundheitsamt, Gemeinschaft, Bewährungshilfe,
# Asylverfahrensberatung, Behindertenbeauftragte), so there are no stems like "krank", "haft" or "asyl".
SENSITIVE_EXACT = frozenset(map(_key, (
    "HIV", "AIDS", "krank", "kranke", "kranker", "krankes", "erkrankt", "erkrankte", "krankheit", "Diagnose",
    "Diagnosen", "depressiv", "Depression", "Depressionen", "behindert", "schwerbehindert", "PTBS", "TBC",
    "Tuberkulose", "Hepatitis", "Haft", "verhaftet", "festgenommen", "angeklagt", "kriminell", "Ausweisung",
    "ausgewiesen", "abgeschoben",
)))
SENSITIVE_STEMS = tuple(map(_key, (
    "suizid", "selbstmord", "diagnostiz", "schizophren", "traumatisiert", "schwanger", "analphabet",
    "drogenabhängig", "alkoholabhängig", "alkoholkrank", "suchtkrank", "hivpositiv",
    "straftat", "vorstraf", "vorbestraft", "verurteil", "inhaftiert", "haftstrafe", "haftbefehl",
    "untersuchungshaft", "strafanzeige", "strafverfahren", "ermittlungsverfahren", "asylantrag",
    "asylfolgeantrag", "abgelehnt", "ablehnungsbescheid", "abschieb", "ausreisepflicht",
)))


@lru_cache(maxsize=2)
def given_names(path: Path = NAMES_FILE) -> frozenset[str]:
    """The keys (``word_key`` of ``fold``) of the given names in data/vornamen.txt."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(_key(line.strip()) for line in lines if line.strip() and not line.startswith("#"))


# --------------------------------------------------------------------------------------------------------
# What marks a person
# --------------------------------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+")
_PHONE_LIKE = re.compile(r"[0-9](?:[ ./()+-]{0,2}[0-9]){5,}")
_BEFORE_NAME = re.compile(r"\.?\s*")  # what may stand between a title and the name: "Herr Kaya", "Fam.Kaya"


@dataclass(frozen=True)
class _Word:
    text: str
    key: str
    before: str  # the characters between the previous word and this one ("" for the first: the text before it)
    after: str  # ... between this word and the next (for the last: the text after it)
    last: bool

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


def _words(folded: str) -> list[_Word]:
    spans = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(folded)]
    out = []
    for i, (word, start, end) in enumerate(spans):
        before = folded[spans[i - 1][2]:start] if i else folded[:start]
        last = i == len(spans) - 1
        after = folded[end:] if last else folded[end:spans[i + 1][1]]
        out.append(_Word(word, word_key(word), before, after, last))
    return out


def _sensitive(key: str) -> bool:
    return key in SENSITIVE_EXACT or key.startswith(SENSITIVE_STEMS)


def _name_like(word: _Word, names: frozenset[str]) -> bool:
    """A given name written as one: of four letters or more, or a shorter one written as a name ("Ali", but
    not "ALI" or "ali", which may be abbreviations)."""
    return word.key in names and (len(word.text) >= 4 or word.text[:1].isupper() and word.text[1:].islower())


def person_marker(text: str, strict: bool = False) -> str | None:
    """Key of texts.errors.PERSONAL_CONTENT_WHAT if the text marks a person (see the module's docstring),
    else None. ``strict`` (codes, numbers, Ortsteile): also a given name standing alone; digits are left to
    personal_content there, since numbers such as VHS-IK-2017-03 hold six digits."""
    what = personal_content(text)
    if what is not None:
        return what
    folded = fold(text)
    if not strict and _PHONE_LIKE.search(folded):
        return "phone"
    words = _words(folded)
    if not words:
        return None
    names = given_names()
    whole_lower = folded == folded.lower()
    for i, word in enumerate(words):
        if _sensitive(word.key):
            return "sensitive"
        following = None if word.last else words[i + 1]
        previous = words[i - 1] if i else None
        joined_before = previous is not None and word.before == "-"
        joined_after = following is not None and word.after == "-"
        after_saint = previous is not None and previous.key in SAINTS and word.before in (". ", ".", " ")
        if word.key in TITLES and following is not None and following.key not in SMALL_WORDS \
                and (strict or not joined_after and _BEFORE_NAME.fullmatch(word.after)
                     and not (previous is not None and previous.key in ARTICLES)):
            return "title"
        if word.key not in names or after_saint:
            continue
        if strict and _name_like(word, names):
            return "given_name"
        if joined_before or joined_after:
            continue
        if following is not None and word.after.strip() == "" and following.key not in SMALL_WORDS \
                and (following.capitalised or whole_lower):
            return "given_name"
        if previous is not None and previous.capitalised and word.before.replace(" ", "") == ",":
            return "given_name"
    return None


# --------------------------------------------------------------------------------------------------------
# The checks of each vocabulary: a German message, or None if the value may be stored
# --------------------------------------------------------------------------------------------------------

_CODE = re.compile(r"[A-Za-zÄÖÜäöüß0-9][A-Za-zÄÖÜäöüß0-9._/-]*")
_RECORD_ID = re.compile(r"[A-Za-zÄÖÜäöüß0-9._/-]+(?: [A-Za-zÄÖÜäöüß0-9._/-]+)*")
_NAME_CASE = re.compile(r"[A-ZÄÖÜ][a-zäöüß]+")
_CODE_SPLIT = re.compile(r"[|,;]")


def _personal(what: str) -> str:
    return t.PERSONAL_CONTENT.format(what=t.PERSONAL_CONTENT_WHAT[what])


def code(text: str) -> str:
    """A code as it is compared and stored: in the normalised Unicode form (full-width letters as ASCII)."""
    return normalise(text)


def code_problem(text: str, limit: int = contract.CODE_MAX_LENGTH) -> str | None:
    """An own code or a reference to one (``text`` as ``code`` gives it)."""
    what = person_marker(text, strict=True)
    if what is not None:
        return _personal(what)
    if len(text) > limit:
        return t.TOO_LONG.format(length=len(text), maximum=limit)
    if not _CODE.fullmatch(text):
        return t.NOT_A_CODE.format(limit=limit)
    return None


def codes_value(text: str) -> tuple[str | None, str | None]:
    """A list of codes (``partner_ids``): (the codes sorted, each once, joined by |; or the problem)."""
    parts = [code(p.strip()) for p in _CODE_SPLIT.split(text)]
    parts = [p for p in parts if p]
    what = person_marker(text, strict=True)
    if what is not None:
        return None, _personal(what)
    for part in parts:
        problem = code_problem(part)
        if problem is not None:
            return None, problem
    chosen = sorted(set(parts))
    if len(chosen) > contract.MAX_PARTNERS:
        return None, t.TOO_MANY_CODES.format(count=len(chosen), limit=contract.MAX_PARTNERS)
    return "|".join(chosen) or None, None


def record_id_problem(text: str, limit: int) -> str | None:
    """The number of a record: no person marker, no two capitalised words in a row (a name's shape)."""
    what = person_marker(text, strict=True)
    if what is not None:
        return _personal(what)
    if len(text) > limit:
        return t.TOO_LONG.format(length=len(text), maximum=limit)
    if not _RECORD_ID.fullmatch(text):
        return t.NOT_A_RECORD_ID.format(limit=limit)
    words = fold(text).split(" ")
    if any(_NAME_CASE.fullmatch(a) and _NAME_CASE.fullmatch(b) for a, b in zip(words, words[1:])):
        return _personal("two_names")
    return None


def institution_problem(text: str) -> str | None:
    """The name of an institution."""
    limit = contract.INSTITUTION_MAX_LENGTH
    if len(text) > limit:
        return t.TOO_LONG.format(length=len(text), maximum=limit)
    what = person_marker(text)
    if what is None:
        return None
    return _personal(what) + (t.NAMED_AFTER_PERSON if what == "given_name" else "")


# --------------------------------------------------------------------------------------------------------
# Ortsteile
# --------------------------------------------------------------------------------------------------------


@lru_cache(maxsize=64)
def _district_keys(ags: str) -> dict[str, str]:
    """Folded, lower-case code or name -> code, for one Gemeinde."""
    out: dict[str, str] = {}
    for district in districts.of(ags):
        out[fold(district.code).casefold()] = district.code
        out[" ".join(fold(district.name).casefold().split())] = district.code
    return out


def district(ags: str, text: str, aliases: dict[str, str] | None = None) -> str | None:
    """The Ortsteil code a cell names for its Gemeinde (by code or name, in any case, or as a remembered value
    mapping says), or None if it names none of that Gemeinde's list."""
    keys = _district_keys(ags)
    found = keys.get(" ".join(fold(text).casefold().split()))
    if found is None and aliases:
        mapped = aliases.get(text.lower())
        found = mapped if mapped in keys.values() else None
    return found


def district_problem(ags: str, text: str) -> str:
    """Why a value that ``district`` does not know cannot be stored (never quoting a value that marks a person)."""
    if not districts.of(ags):
        return t.NO_DISTRICTS.format(ags=ags)
    what = person_marker(text, strict=True)
    if what is not None:
        return _personal(what)
    allowed = ", ".join(f"{d.code} ({d.name})" for d in districts.of(ags))
    return t.UNKNOWN_DISTRICT.format(value=_quote(text), ags=ags, allowed=allowed)


def offered(ags: str, text: str) -> bool:
    """Whether an unknown Ortsteil value may be offered for a value mapping: its Gemeinde has a list and the
    value marks no person."""
    return bool(districts.of(ags)) and person_marker(text, strict=True) is None


def mappable_codes(field: contract.Field) -> tuple[str, ...]:
    """The codes a value of the field may be mapped to: its code list, or every Ortsteil code."""
    if field.vocabulary == contract.DISTRICT:
        return districts.codes()
    return tuple(field.codes or ())


def _quote(value: str, limit: int = 60) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"
