"""Transform: text cells -> typed, validated, pseudonymised values, per the data contract.

Steps, each collecting ALL problems (not just the first), each message in German and placed by file line
and the file's column header:

1. ``match_header`` / ``detect_kind``: which kind of file this is; unknown columns are rejected by name
   (privacy: nothing outside the contract gets in), missing required columns are named.
2. ``parse_cell`` per contract type (dates ``TT.MM.JJJJ``/``T.M.JJJJ``/ISO, whole numbers with optional
   thousands dots, decimals with comma or point, ja/nein, codes, code lists, AGS), on each distinct value
   once, so 100,000 rows with few distinct dates cost little. Text fields as their vocabulary says
   (etl.vocabulary: codes, references to codes, numbers, names of institutions; the Ortsteil per Gemeinde);
   whether a reference names a stored code is checked when the file is planned (etl.pipeline).
3. ``schema``: a pandera DataFrameSchema built from the contract checks the parsed frame: required, codes
   (isin), ranges, text length, key uniqueness and the cross-field rules (``RULES``); every failure case is
   translated into a Problem.
4. ``pseudonymise``: every field with ``pseudonymise=True`` becomes hex HMAC-SHA256 over ``"ags|value"``.

The result holds plain Python values per column (date, int, float, bool, str, None), ready to load.
"""

from __future__ import annotations

import difflib
import hashlib
import hmac
import operator
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

import pandas as pd
import pandera.pandas as pa

from etl import vocabulary
from etl.extract import Problem, RawTable, normalise_header
from etl.identifying import forbidden_column, identifying_key, may_hold_key, personal_content, personal_value
from monitor import codes, contract
from monitor.contract import AGS, BOOL, CODE, CODES, DATE, DECIMAL, INT, TEXT
from monitor.texts import errors as t

MAX_PROBLEMS_PER_COLUMN = 20
QUOTE_MAX = 60
YEAR_MIN, YEAR_MAX = 1900, 2099
# Excel counts days from 30.12.1899; a five-digit number in a date column is read as such a serial when it
# falls between 1950 and 2099 (a bare year like 2016 stays an error), with a warning to check it.
EXCEL_EPOCH = date(1899, 12, 30)
EXCEL_SERIAL_MIN, EXCEL_SERIAL_MAX = (date(1950, 1, 1) - EXCEL_EPOCH).days, (date(2099, 12, 31) - EXCEL_EPOCH).days
# Excel's error values, German and English, as an export writes them into a cell.
EXCEL_ERRORS = frozenset({
    "#NV", "#WERT!", "#DIV/0!", "#BEZUG!", "#NAME?", "#ZAHL!", "#NULL!", "#ÜBERLAUF!", "#KALK!", "#FELD!",
    "#N/A", "#VALUE!", "#REF!", "#NUM!", "#SPILL!", "#CALC!", "#FIELD!", "#GETTING_DATA", "#BLOCKED!",
    "#CONNECT!", "#BUSY!", "#UNKNOWN!",
})

# --------------------------------------------------------------------------------------------------------
# Header -> kind
# --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ColumnMapping:
    """What a staff member said once about files with a certain header: their kind, and which of their columns
    is which contract field (``None``: the column is not taken over). Keys are normalised header names."""

    kind: str
    columns: dict[str, str | None]


@dataclass(frozen=True)
class Mappings:
    """The remembered mappings of an installation: column mappings by header signature, and for code fields
    the staff's own values (lower case) -> the contract's code, per (kind, field)."""

    columns: dict[str, ColumnMapping] = field(default_factory=dict)
    values: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)

    def for_header(self, header: list[str]) -> ColumnMapping | None:
        return self.columns.get(header_signature(header))


NO_MAPPINGS = Mappings()


def header_signature(header: list[str]) -> str:
    """The same for every file with the same column names (in any order, case or spelling variant)."""
    names = sorted(n for n in (normalise_header(h) for h in header) if n)
    return hashlib.sha256("\x1f".join(names).encode("utf-8")).hexdigest()


@dataclass
class HeaderMatch:
    """How a file's header fits one kind."""

    kind: contract.Kind
    positions: dict[str, int]  # field name -> column index in the file
    missing: list[contract.Field]  # required fields without a column
    unknown: list[int]  # column indexes not in the contract
    duplicated: set[str] = field(default_factory=set)  # fields whose header occurs twice (reported by extract)
    ignored: list[int] = field(default_factory=list)  # columns a mapping says not to take over
    mapped: bool = False  # whether a remembered column mapping was applied

    @property
    def exact(self) -> bool:
        return not self.missing and not self.unknown

    @property
    def distance(self) -> int:
        return len(self.missing) + len(self.unknown)


def match_header(kind: contract.Kind, header: list[str], mapping: ColumnMapping | None = None) -> HeaderMatch:
    """Columns to fields: by the contract's header names, or as a remembered mapping of this kind says."""
    by_name = {normalise_header(f.header): f for f in kind.fields}
    chosen = mapping.columns if mapping is not None and mapping.kind == kind.name else {}
    positions: dict[str, int] = {}
    unknown: list[int] = []
    ignored: list[int] = []
    duplicated: set[str] = set()
    for index, name in enumerate(header):
        normalised = normalise_header(name)
        if not normalised:
            continue  # empty header name: reported by extract
        if normalised in chosen:
            target = chosen[normalised]
            if target is None:
                ignored.append(index)
                continue
            f = kind.field(target)
        else:
            f = by_name.get(normalised)
        if f is None:
            unknown.append(index)
        elif f.name in positions:
            duplicated.add(f.name)
        else:
            positions[f.name] = index
    for name in duplicated:
        del positions[name]
    missing = [f for f in kind.fields if f.required and f.name not in positions and f.name not in duplicated]
    return HeaderMatch(kind, positions, missing, unknown, duplicated, ignored, mapped=bool(chosen))


def suggest_columns(kind: contract.Kind, header: list[str],
                    mapping: ColumnMapping | None = None) -> dict[str, str | None]:
    """A first proposal for the mapping dialog: normalised file header -> field name or None. The remembered
    mapping where there is one, else the contract's header, else the closest contract header by spelling."""
    match = match_header(kind, header, mapping)
    by_index = {index: name for name, index in match.positions.items()}
    headers = {normalise_header(f.header): f.name for f in kind.fields}
    taken = set(match.positions)
    proposal: dict[str, str | None] = {}
    for index, name in enumerate(header):
        normalised = normalise_header(name)
        if not normalised:
            continue
        target = by_index.get(index)
        if target is None and index not in match.ignored:
            close = difflib.get_close_matches(normalised, list(headers), n=1, cutoff=0.75)
            if close and headers[close[0]] not in taken:
                target = headers[close[0]]
                taken.add(target)
        proposal[normalised] = target
    return proposal


def detect_kind(header: list[str], file_name: str = "") -> tuple[HeaderMatch | None, HeaderMatch]:
    """(the kind whose headers the file matches, or None; the closest kind). The file name only breaks ties."""
    stem = normalise_header(file_name.rsplit("/", 1)[-1])
    matches = [match_header(k, header) for k in contract.KINDS]

    def named(m: HeaderMatch) -> bool:
        return stem.startswith(m.kind.slug)

    exact = [m for m in matches if m.exact]
    exact.sort(key=lambda m: (not named(m), -len(m.positions)))
    closest = min(matches, key=lambda m: (m.distance, not named(m), -len(m.positions)))
    return (exact[0] if exact else None), closest


def header_problems(file: str, header: list[str], line: int, match: HeaderMatch) -> list[Problem]:
    """Columns that identify a person (by name, whatever a mapping says of them), unknown and missing columns."""
    problems = []
    known = [f.header for f in match.kind.fields]
    as_contract = {index for name, index in match.positions.items()
                   if normalise_header(header[index]) == normalise_header(match.kind.field(name).header)}
    for index, name in enumerate(header):
        name = name.strip()
        if index in as_contract or not normalise_header(name):
            continue
        what = forbidden_column(name)
        if what is not None:
            problems.append(Problem(file, line, name, t.FORBIDDEN_COLUMN.format(what=t.FORBIDDEN_WHAT[what])))
        elif index in match.unknown:
            message = t.UNKNOWN_COLUMN.format(label=match.kind.label)
            suggestion = difflib.get_close_matches(normalise_header(name), known, n=1, cutoff=0.75)
            if suggestion and suggestion[0] not in [normalise_header(h) for h in header]:
                message += t.UNKNOWN_COLUMN_HINT.format(suggestion=suggestion[0])
            problems.append(Problem(file, line, name, message))
    for f in match.missing:
        problems.append(Problem(file, line, f.header, t.MISSING_COLUMN))
    return problems


# --------------------------------------------------------------------------------------------------------
# Cells
# --------------------------------------------------------------------------------------------------------


class CellError(ValueError):
    """A cell that cannot be read as its contract type; the message is German and complete."""


@dataclass(frozen=True)
class Warned:
    """A cell that was read, with a German note asking the staff member to check it (a warning, no error)."""

    value: object
    message: str


def quote(value: str) -> str:
    return value if len(value) <= QUOTE_MAX else value[: QUOTE_MAX - 1] + "…"


_DATE_DE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d+)")
_DATE_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_EXCEL_SERIAL = re.compile(r"\d{5}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_INT = re.compile(r"[+-]?(?:\d{1,3}(?:\.\d{3})+|\d+)")
_DECIMAL_PLAIN = re.compile(r"[+-]?\d*[.,]?\d+")
_DECIMAL_DE = re.compile(r"[+-]?\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_DECIMAL_EN = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_AGS = re.compile(r"\d{7,8}")
_CODE_SPLIT = re.compile(r"[|,;]")
_BOOL = {v.lower(): True for v in codes.BOOL_TRUE} | {v.lower(): False for v in codes.BOOL_FALSE}



def parse_date(text: str) -> date | Warned:
    if _EXCEL_SERIAL.fullmatch(text) and EXCEL_SERIAL_MIN <= int(text) <= EXCEL_SERIAL_MAX:
        day = EXCEL_EPOCH + timedelta(days=int(text))
        return Warned(day, t.EXCEL_SERIAL_DATE.format(value=text, date=day.strftime("%d.%m.%Y")))
    match = _DATE_DE.fullmatch(text)
    if match:
        day, month, year = match.groups()
        if len(year) == 2:
            raise CellError(t.TWO_DIGIT_YEAR.format(value=quote(text)))
        if len(year) != 4:
            raise CellError(t.INVALID_DATE.format(value=quote(text)))
    else:
        match = _DATE_ISO.fullmatch(text)
        if not match:
            raise CellError(t.INVALID_DATE.format(value=quote(text)))
        year, month, day = match.groups()
    if not YEAR_MIN <= int(year) <= YEAR_MAX:
        raise CellError(t.IMPLAUSIBLE_YEAR.format(value=quote(text), year=year))
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        raise CellError(t.INVALID_DATE.format(value=quote(text))) from None


def parse_int(text: str) -> int:
    if not _INT.fullmatch(text):
        raise CellError(t.INVALID_INT.format(value=quote(text)))
    return int(text.replace(".", ""))


def parse_decimal(text: str) -> float:
    if _DECIMAL_PLAIN.fullmatch(text):
        return float(text.replace(",", "."))
    if _DECIMAL_DE.fullmatch(text):
        return float(text.replace(".", "").replace(",", "."))
    if _DECIMAL_EN.fullmatch(text):
        return float(text.replace(",", ""))
    raise CellError(t.INVALID_DECIMAL.format(value=quote(text)))


def parse_bool(text: str) -> bool:
    try:
        return _BOOL[text.lower()]
    except KeyError:
        raise CellError(t.INVALID_BOOL.format(value=quote(text))) from None


def parse_ags(text: str) -> str:
    """8 digits; 7 digits are an AGS that lost its leading zero in Excel (3351023 -> 03351023)."""
    if not _AGS.fullmatch(text):
        raise CellError(t.INVALID_AGS.format(value=quote(text)))
    return text.zfill(8)


def _code_map(f: contract.Field) -> dict[str, str]:
    return {c.lower(): c for c in f.codes or ()}


MAX_MAPPED_VALUE = 120  # characters of a value that can be mapped to a code (db.value_mappings.source)


class UnknownCodes(CellError):
    """Values of a code list cell that are not codes (kept for the value mapping dialog)."""

    def __init__(self, message: str, values: list[str]):
        super().__init__(message)
        self.values = values


def parse_code(f: contract.Field, text: str, aliases: dict[str, str] | None = None) -> str:
    """The contract's spelling of a code (case-insensitive), or the code a remembered value mapping names; an
    unknown code is kept (lower case) so that the schema's isin check reports it with the allowed values."""
    lowered = text.lower()
    if aliases and lowered in aliases:
        return aliases[lowered]
    return _code_map(f).get(lowered, lowered)


def parse_codes(f: contract.Field, text: str, aliases: dict[str, str] | None = None) -> str | None:
    """A list of codes split on | , or ; -> joined with | in contract order, each checked (or mapped)."""
    mapping = _code_map(f) | (aliases or {})
    parts = [p.strip() for p in _CODE_SPLIT.split(text)]
    parts = [p for p in parts if p]
    invalid = [p for p in parts if p.lower() not in mapping]
    if invalid:
        raise UnknownCodes(t.INVALID_CODES.format(value=quote(text),
                                                  invalid=", ".join(f"„{quote(p)}“" for p in invalid),
                                                  allowed=", ".join(f.codes)), invalid)
    chosen = {mapping[p.lower()] for p in parts}
    return "|".join(c for c in f.codes if c in chosen) or None


def parse_text(f: contract.Field, text: str) -> str | None:
    """A text field as its vocabulary (etl.vocabulary) allows it: a code (normalised), a list of codes (sorted,
    each once, joined by |), the number of a record or the name of an institution. An Ortsteil is read with
    its Gemeinde (``_check_districts``); here only what no text may hold is refused."""
    vocabulary_name = f.vocabulary
    if vocabulary_name in (contract.OWN_CODE, contract.OFFICER, contract.PARTNER):
        value: str | None = vocabulary.code(text)
        problem = vocabulary.code_problem(value)
    elif vocabulary_name == contract.PARTNER_LIST:
        value, problem = vocabulary.codes_value(text)
    elif vocabulary_name == contract.RECORD_ID:
        value, problem = text, vocabulary.record_id_problem(text, f.max_length)
    elif vocabulary_name == contract.INSTITUTION:
        value, problem = text, vocabulary.institution_problem(text)
    elif f.pseudonymise:
        return text
    else:
        what = personal_content(text)
        value, problem = text, None if what is None else t.PERSONAL_CONTENT.format(what=t.PERSONAL_CONTENT_WHAT[what])
    if problem is not None:
        raise CellError(problem)
    return value


def check_cell(text: str) -> None:
    """What no cell of any type may hold: an Excel error value or a control character. Raises CellError."""
    if text[:1] == "#" and text.upper() in EXCEL_ERRORS:
        raise CellError(t.EXCEL_ERROR.format(value=text))
    control = _CONTROL.search(text)
    if control:
        raise CellError(t.CONTROL_CHARACTER.format(code=f"U+{ord(control.group()):04X}"))


def parse_cell(f: contract.Field, text: str, aliases: dict[str, str] | None = None):
    """One cell (already stripped) as the field's Python value, or a ``Warned`` value; None if empty.
    ``aliases``: the staff's own values of a code field -> code. Raises CellError."""
    if not text:
        return None
    check_cell(text)
    if f.type == DATE:
        return parse_date(text)
    if f.type == INT:
        return parse_int(text)
    if f.type == DECIMAL:
        return parse_decimal(text)
    if f.type == BOOL:
        return parse_bool(text)
    if f.type == AGS:
        return parse_ags(text)
    if f.type == CODE:
        return parse_code(f, text, aliases)
    if f.type == CODES:
        return parse_codes(f, text, aliases)
    return parse_text(f, text)


# --------------------------------------------------------------------------------------------------------
# Schema from the contract, and the cross-field rules
# --------------------------------------------------------------------------------------------------------

_DTYPES = {INT: "Int64", DECIMAL: "Float64", BOOL: "boolean", DATE: "datetime64[ns]"}


@dataclass(frozen=True)
class Rule:
    """A check across fields of one row. ``ok`` gives True for rows that pass (nulls pass, except where the
    rule is about a missing value); the problem is placed in ``column``.

    A rule with ``together`` is broken by rows only together (as a repeated key is): its failing rows are
    grouped by the ``together`` fields and, as for a repeated key, each row after the first of a group gets the
    problem, whose message names the lines of the whole group (``message`` is then also given ``lines=``)."""

    name: str
    column: str
    fields: tuple[str, ...]
    ok: Callable[[pd.DataFrame], pd.Series]
    message: Callable[..., str]  # (raw value of, header of) -> text
    together: tuple[str, ...] = ()


def _notna_both(df: pd.DataFrame, a: str, b: str) -> pd.Series:
    return df[a].notna() & df[b].notna()


def date_order(kind: str, earlier: str, later: str) -> Rule:
    def ok(df: pd.DataFrame) -> pd.Series:
        both = _notna_both(df, earlier, later)
        return ~both | (df[later] >= df[earlier]).fillna(True).astype(bool)

    def message(raw, header) -> str:
        return t.DATE_ORDER.format(later_value=quote(raw(later)), earlier_header=header(earlier),
                                   earlier_value=quote(raw(earlier)))

    return Rule(f"{kind}:{later}>={earlier}", later, (earlier, later), ok, message)


def part_of(kind: str, part: str, total: str) -> Rule:
    def ok(df: pd.DataFrame) -> pd.Series:
        both = _notna_both(df, part, total)
        return ~both | (df[part] <= df[total]).fillna(True).astype(bool)

    def message(raw, header) -> str:
        return t.PART_EXCEEDS_TOTAL.format(part_value=quote(raw(part)), total_header=header(total),
                                           total_value=quote(raw(total)))

    return Rule(f"{kind}:{part}<={total}", part, (part, total), ok, message)


def parts_of(kind: str, parts: tuple[str, ...], total: str) -> Rule:
    def ok(df: pd.DataFrame) -> pd.Series:
        summed = sum(df[p].fillna(0) for p in parts)
        return df[total].isna() | (summed <= df[total]).fillna(True).astype(bool)

    def message(raw, header) -> str:
        listed = f" {t.WORD_AND} ".join(f"„{header(p)}“ ({quote(raw(p)) or 0})" for p in parts)
        total_sum = sum(parse_int(raw(p)) for p in parts if raw(p))
        return t.SUM_EXCEEDS_TOTAL.format(parts=listed, sum=total_sum, total_header=header(total),
                                          total_value=quote(raw(total)))

    return Rule(f"{kind}:{'+'.join(parts)}<={total}", total, (*parts, total), ok, message)


def required_if(kind: str, required: str, condition: str, reason: str) -> Rule:
    def ok(df: pd.DataFrame) -> pd.Series:
        return df[condition].isna() | df[required].notna()

    def message(raw, header) -> str:
        return t.REQUIRED_IF.format(condition_header=header(condition), reason=reason)

    return Rule(f"{kind}:{required}_if_{condition}", required, (required, condition), ok, message)


def first_attempts(attempt: pd.Series, result: pd.Series) -> pd.Series:
    """The rows marked as a person's first DTZ attempt: dtz_attempt 1 with a dtz_result. A person has one:
    within a file ``one_first_attempt`` checks it, against earlier imports etl.pipeline."""
    return (attempt == 1).astype("boolean").fillna(False).astype(bool) & result.notna()


def one_first_attempt(kind: str) -> Rule:
    """At most one first DTZ attempt per person (the case, within its Gemeinde)."""
    person = ["ags", "case_id"]

    def ok(df: pd.DataFrame) -> pd.Series:
        first = first_attempts(df["dtz_attempt"], df["dtz_result"]) & df[person].notna().all(axis=1)
        clash = df.loc[first, person].duplicated(keep=False)
        return ~clash.reindex(df.index, fill_value=False)

    def message(raw, header, lines: str = "") -> str:
        return t.FIRST_ATTEMPT_TWICE.format(lines=lines, case_header=header("case_id"),
                                            attempt_header=header("dtz_attempt"), result_header=header("dtz_result"))

    return Rule(f"{kind}:one_first_attempt", "dtz_attempt", (*person, "dtz_attempt", "dtz_result"), ok, message,
                together=tuple(person))


RULES: dict[str, tuple[Rule, ...]] = {
    "cases": (
        date_order("cases", "opened_on", "closed_on"),
        required_if("cases", "closure_reason", "closed_on", t.REASON_CLOSED_CASE),
        parts_of("cases", ("goals_reached", "goals_partly"), "goals_set"),
    ),
    "courses": (date_order("courses", "start", "end"),),
    "enrolments": (
        date_order("enrolments", "entitled_on", "started_on"),
        date_order("enrolments", "started_on", "ended_on"),
        one_first_attempt("enrolments"),
    ),
    "internships": (date_order("internships", "start", "end"),),
    "cafe_sessions": (
        part_of("cafe_sessions", "first_time", "attendees"),
        part_of("cafe_sessions", "women", "attendees"),
    ),
    "partners": (date_order("partners", "active_from", "active_until"),),
    "staffing": (date_order("staffing", "valid_from", "valid_until"),),
}
UNIQUENESS_CHECK = "multiple_fields_uniqueness"


def _column_checks(f: contract.Field) -> list[pa.Check]:
    checks = []
    if f.type == CODE and f.codes:
        checks.append(pa.Check.isin(list(f.codes)))
    if f.type in (INT, DECIMAL):
        if f.minimum is not None:
            checks.append(pa.Check.ge(f.minimum))
        if f.maximum is not None:
            checks.append(pa.Check.le(f.maximum))
    if f.type == TEXT:
        checks.append(pa.Check.str_length(max_value=f.max_length))
    return checks


@lru_cache(maxsize=64)
def schema(kind_name: str, absent: frozenset[str] = frozenset()) -> pa.DataFrameSchema:
    """The pandera schema of a kind, from the contract. Fields in ``absent`` (column missing from the file,
    already reported) are allowed to be null."""
    kind = contract.kind(kind_name)
    columns = {
        f.name: pa.Column(_DTYPES.get(f.type, "string"), _column_checks(f),
                          nullable=not f.required or f.name in absent)
        for f in kind.fields
    }
    rule_checks = [pa.Check(rule.ok, name=rule.name) for rule in RULES.get(kind.name, ())]
    return pa.DataFrameSchema(columns, checks=rule_checks, unique=list(kind.key), report_duplicates="all",
                              strict=True, name=kind.name)


# --------------------------------------------------------------------------------------------------------
# Pseudonymisation
# --------------------------------------------------------------------------------------------------------


def pseudonym(secret: bytes, ags: str, value: str) -> str:
    """Hex HMAC-SHA256 over ``"ags|value"``: stable across uploads, different per Gemeinde."""
    return hmac.digest(secret, f"{ags}|{value}".encode(), "sha256").hex()


_IPAD = bytes(b ^ 0x36 for b in range(256))
_OPAD = bytes(b ^ 0x5C for b in range(256))


def _pseudonymiser(secret: bytes) -> Callable[[str, str | None], str | None]:
    """``pseudonym`` for many values (None stays None): HMAC (RFC 2104) with the keyed inner and outer hash
    states prepared once, and the inner state after ``"ags|"`` once per Gemeinde, about three times as fast
    as ``hmac.digest`` per value. A test checks both agree."""
    key = hashlib.sha256(secret).digest() if len(secret) > 64 else secret
    key = key.ljust(64, b"\0")
    inner, outer = hashlib.sha256(key.translate(_IPAD)), hashlib.sha256(key.translate(_OPAD))
    per_ags = {}  # Gemeinde -> inner state after "ags|"

    def one(ags: str, value: str | None) -> str | None:
        if value is None:
            return None
        i = per_ags.get(ags)
        if i is None:
            i = per_ags[ags] = inner.copy()
            i.update(f"{ags}|".encode())
        i = i.copy()
        i.update(value.encode("utf-8"))
        o = outer.copy()
        o.update(i.digest())
        return o.hexdigest()

    return one


def pseudonymise(kind: contract.Kind, columns: dict[str, list], secret: bytes) -> None:
    """Replace, in place, every pseudonymised field's values by their pseudonym. A field that is the key
    together with the Gemeinde has distinct pairs (checked before), so each is hashed directly; the others
    (case numbers in contacts) once per distinct pair.

    Arrow's memory pool still holds what pandera's checks of the file used (it keeps freed memory for
    reuse); it is given back first, so that the pseudonyms are not made on top of it (the import's peak)."""
    import sys

    if "pyarrow" in sys.modules:
        sys.modules["pyarrow"].default_memory_pool().release_unused()
    one = _pseudonymiser(secret)
    ags = columns["ags"]
    for f in kind.fields:
        if not f.pseudonymise:
            continue
        values = columns[f.name]
        if set(kind.key) == {"ags", f.name}:
            columns[f.name] = list(map(one, ags, values))
            continue
        pairs = dict.fromkeys(zip(ags, values))
        for pair in pairs:
            pairs[pair] = one(*pair)
        columns[f.name] = list(map(pairs.__getitem__, zip(ags, values)))


# --------------------------------------------------------------------------------------------------------
# Transform a file
# --------------------------------------------------------------------------------------------------------


@dataclass
class Transformed:
    """A validated file: plain Python values per contract field (pseudonymised), one per row."""

    file: str
    kind: contract.Kind | None
    columns: dict[str, list] = field(default_factory=dict)
    lines: list[int] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)  # field name -> its column header as in the file
    problems: list[Problem] = field(default_factory=list)
    closest: contract.Kind | None = None  # the kind the header is closest to, also when it matches none
    mapped: bool = False  # a remembered column mapping was applied
    header_fits: bool = False  # every column is a field (by name or mapping) and no required field is missing
    unknown_codes: dict[str, list[str]] = field(default_factory=dict)  # field name -> values that are no code

    @property
    def row_count(self) -> int:
        return len(self.lines)

    def records(self) -> list[tuple]:
        """Rows as tuples in the order of the kind's fields."""
        if self.kind is None:
            return []
        return list(zip(*(self.columns[f.name] for f in self.kind.fields)))

    def period(self) -> tuple[date, date] | None:
        """First and last day of the kind's period field over the rows (None if no row has one)."""
        if self.kind is None or not self.columns:
            return None
        days = [d for d in self.columns[self.kind.period] if d is not None]
        return (min(days), max(days)) if days else None


class _Sink:
    """Collects cell problems per field, in file terms (line, header as in the file)."""

    def __init__(self, file: str, lines: list[int], headers: dict[str, str]):
        self.file, self.lines, self.headers = file, lines, headers
        self.problems: list[Problem] = []
        self.failed: set[tuple[str, int]] = set()  # (field, row) with a problem already

    def add(self, field_name: str, row: int, message: str) -> None:
        if (field_name, row) in self.failed:
            return
        self.failed.add((field_name, row))
        self.problems.append(Problem(self.file, self.lines[row], self.headers[field_name], message))

    def warn(self, field_name: str, row: int, message: str) -> None:
        self.problems.append(Problem(self.file, self.lines[row], self.headers[field_name], message, warning=True))


def transform(raw: RawTable, kind: str | None, secret: bytes, mappings: Mappings = NO_MAPPINGS) -> Transformed:
    """Match the header (as a remembered mapping says, if there is one), parse and check every cell,
    pseudonymise. ``kind`` forces the kind (else detected)."""
    file = raw.file
    result = Transformed(file, None)
    if not raw.usable:
        return result
    mapping = mappings.for_header(raw.header)
    if kind is None and mapping is not None:
        kind = mapping.kind
    if kind is not None:
        if kind not in contract.KINDS_BY_NAME:
            result.problems.append(Problem(file, None, None, t.KIND_INVALID.format(
                kind=kind, allowed=", ".join(k.name for k in contract.KINDS))))
            return result
        match = match_header(contract.kind(kind), raw.header, mapping)
    else:
        exact, closest = detect_kind(raw.header, file)
        match = exact or closest
        if exact is None:
            if len(closest.positions) == 0:
                result.closest = _guess_by_name(file)  # a first guess for the column mapping, nothing more
                result.problems.append(Problem(file, raw.header_line, None, t.KIND_NOT_FOUND))
                return result
            result.problems.append(Problem(file, raw.header_line, None, t.KIND_UNKNOWN.format(
                label=closest.kind.label, slug=closest.kind.slug)))
    result.closest, result.mapped, result.header_fits = match.kind, match.mapped, match.exact
    result.problems.extend(header_problems(file, raw.header, raw.header_line, match))
    if kind is None and match.missing:
        return result  # not sure enough of the kind to judge the values
    result.kind = match.kind
    rows, lines = _without_repeated_rows(raw, match, result.problems)
    result.lines = lines
    aliases = {name: values for (kind_name, name), values in mappings.values.items() if kind_name == match.kind.name}
    _check_values(raw, rows, lines, match, aliases, result)
    if not any(not p.warning for p in result.problems) and not raw.problems:
        pseudonymise(match.kind, result.columns, secret)
    return result


def _guess_by_name(file: str) -> contract.Kind:
    """The kind a file name points at (kontakte_2026.csv: contacts), else cases, the file staff upload most."""
    stem = normalise_header(file.rsplit("/", 1)[-1])
    return next((k for k in contract.KINDS if stem.startswith(k.slug)), contract.KINDS[0])


def _without_repeated_rows(raw: RawTable, match: HeaderMatch,
                           problems: list[Problem]) -> tuple[list[list[str]], list[int]]:
    """The rows without exact repetitions of an earlier row (a copy-and-paste slip, not a second record):
    each repetition is taken once, with a warning naming both lines. Only rows whose key cells repeat can be
    repetitions, so the usual file (every key once) costs one pass of C-level work."""
    rows = raw.rows
    positions = [match.positions[name] for name in match.kind.key if name in match.positions]
    if not positions or not rows:
        return rows, raw.lines
    keys = list(map(operator.itemgetter(*positions), rows))
    if len(set(keys)) == len(keys):
        return rows, raw.lines
    first: dict = {}
    repeated: set[int] = set()
    for index, key in enumerate(keys):
        seen = first.setdefault(key, index)
        if seen != index and rows[seen] == rows[index]:
            repeated.add(index)
            problems.append(Problem(raw.file, raw.lines[index], None,
                                    t.REPEATED_ROW.format(first=raw.lines[seen]), warning=True))
    if not repeated:
        return rows, raw.lines
    keep = [i for i in range(len(rows)) if i not in repeated]
    return [rows[i] for i in keep], [raw.lines[i] for i in keep]


def _check_ids(f: contract.Field, cells: tuple[str, ...], sink: _Sink) -> list[str | None]:
    """A pseudonymised ID column: nothing to parse and mostly distinct values, so one scan of the whole column
    looks for anything suspicious (an Excel error value, a control character, personal data such as an
    e-mail address), and only then are the cells checked one by one. An ID is never quoted in a message."""
    values = [c.strip() or None for c in cells]
    column = "\n".join(cells)
    if "#" in column or _CONTROL.search(column) or may_hold_key(column):
        for row, value in enumerate(values):
            if value is None:
                continue
            try:
                check_cell(value)
                what = identifying_key(value)
                if what is not None:
                    raise CellError(t.PERSONAL_CONTENT.format(what=t.PERSONAL_CONTENT_WHAT[what]))
            except CellError as exc:
                sink.add(f.name, row, str(exc))
                values[row] = None
    return values


def _check_values(raw: RawTable, rows: list[list[str]], lines: list[int], match: HeaderMatch,
                  aliases: dict[str, dict[str, str]], result: Transformed) -> None:
    kind, n = match.kind, len(rows)
    headers = {f.name: raw.header[match.positions[f.name]].strip() if f.name in match.positions else f.header
               for f in kind.fields}
    sink = _Sink(raw.file, lines, headers)
    result.headers = headers
    columns: dict[str, list] = {}
    raw_columns: dict[str, list[str]] = {}
    transposed = list(zip(*rows)) if rows else [()] * len(raw.header)
    for f in kind.fields:
        position = match.positions.get(f.name)
        if position is None:
            columns[f.name] = [None] * n
            continue
        cells = transposed[position]
        raw_columns[f.name] = cells
        if f.type == TEXT and f.pseudonymise:
            columns[f.name] = _check_ids(f, cells, sink)
            continue
        if f.vocabulary == contract.DISTRICT:  # "ags" comes first in every kind, so it is read by now
            columns[f.name] = _check_districts(f, cells, columns["ags"], aliases.get(f.name), sink, result)
            continue
        parsed: dict[str, object] = {}
        failed: dict[str, str] = {}
        warned: dict[str, str] = {}
        unknown: set[str] = set()
        for cell in set(cells):
            text = cell.strip()
            strange: list[str] = []  # values of a code field that are no code
            try:
                value = parse_cell(f, text, aliases.get(f.name))
            except CellError as exc:
                value = None
                failed[cell] = str(exc)
                if isinstance(exc, UnknownCodes):
                    strange = exc.values
            if isinstance(value, Warned):
                warned[cell] = value.message
                value = value.value
            elif f.type == CODE and value is not None and value not in f.codes:
                strange = [text]
            if strange:
                what = personal_value(text)
                if what is not None:  # a name or a phone number where a code belongs: refused, never offered
                    failed[cell] = t.PERSONAL_CONTENT.format(what=t.PERSONAL_CONTENT_WHAT[what])
                else:
                    unknown.update(v for v in strange if len(v) <= MAX_MAPPED_VALUE)
            parsed[cell] = value
        columns[f.name] = list(map(parsed.__getitem__, cells))
        if unknown:
            result.unknown_codes[f.name] = sorted(unknown, key=str.lower)
        if failed or warned:
            for row, cell in enumerate(cells):
                message = failed.get(cell)
                if message is not None:
                    sink.add(f.name, row, message)
                message = warned.get(cell)
                if message is not None:
                    sink.warn(f.name, row, message)
    _check_ignored(raw, rows, match, sink)

    frame = _frame(kind, columns, n)
    absent = frozenset(f.name for f in kind.fields if f.name not in match.positions)
    try:
        schema(kind.name, absent).validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        _translate(exc.failure_cases, kind, frame, raw_columns, sink, lines)
    result.columns = columns
    result.problems.extend(sink.problems)


def _check_districts(f: contract.Field, cells: tuple[str, ...], gemeinden: list[str | None],
                     aliases: dict[str, str] | None, sink: _Sink, result: Transformed) -> list[str | None]:
    """The Ortsteil column: each cell a code or name of its Gemeinde's list (monitor.districts), or a value a
    remembered mapping names, stored as the code. An unknown value is an error; it is offered for a value
    mapping unless it marks a person (etl.vocabulary.person_marker) or its Gemeinde keeps no list. Judged once
    per distinct pair of Gemeinde and cell."""
    verdicts: dict[tuple[str | None, str], tuple[str | None, str | None]] = {}
    unknown: set[str] = set()
    values: list[str | None] = []
    for row, pair in enumerate(zip(gemeinden, cells)):
        verdict = verdicts.get(pair)
        if verdict is None:
            verdict = verdicts[pair] = _district_verdict(f, *pair, aliases, unknown)
        values.append(verdict[0])
        if verdict[1] is not None:
            sink.add(f.name, row, verdict[1])
    if unknown:
        result.unknown_codes[f.name] = sorted(unknown, key=str.lower)
    return values


def _district_verdict(f: contract.Field, ags: str | None, cell: str, aliases: dict[str, str] | None,
                      unknown: set[str]) -> tuple[str | None, str | None]:
    """(the value to store, the problem) of one Ortsteil cell of a Gemeinde; adds it to ``unknown`` if it may be
    offered for a value mapping."""
    text = cell.strip()
    if not text:
        return None, None
    try:
        check_cell(text)
    except CellError as exc:
        return None, str(exc)
    if len(text) > f.max_length:
        return text, None  # the schema's length check says how long it is, without quoting it
    if ags is None:
        return None, None  # the Gemeinde could not be read: that cell has its problem
    code = vocabulary.district(ags, text, aliases)
    if code is not None:
        return code, None
    if len(text) <= MAX_MAPPED_VALUE and vocabulary.offered(ags, text):
        unknown.add(text)
    return None, vocabulary.district_problem(ags, text)


def _check_ignored(raw: RawTable, rows: list[list[str]], match: HeaderMatch, sink: _Sink) -> None:
    """Columns a mapping leaves out are not stored, but they are read: personal data in them refuses the file
    as anywhere else (it should not have been exported)."""
    for index in match.ignored:
        name = raw.header[index].strip()
        verdicts: dict[str, str | None] = {}
        for row, cells in enumerate(rows):
            cell = cells[index]
            if cell not in verdicts:
                verdicts[cell] = personal_content(cell.strip()) if cell.strip() else None
            what = verdicts[cell]
            if what is not None:
                sink.problems.append(Problem(raw.file, sink.lines[row], name,
                                             t.PERSONAL_CONTENT.format(what=t.PERSONAL_CONTENT_WHAT[what])))


def _frame(kind: contract.Kind, columns: dict[str, list], n: int) -> pd.DataFrame:
    """The parsed values as the frame pandera checks. Text columns of pandas' Arrow-backed "string" dtype are
    built from memory of the system allocator, which frees it as the frame goes: Arrow's own pool keeps
    what it once held, and the conversion held about twice the frame (30 MB for 120,000 contacts)."""
    string = pd.api.types.pandas_dtype("string")
    to_arrow = None
    if getattr(string, "storage", None) == "pyarrow":
        import pyarrow as pa

        def to_arrow(values: list) -> pd.api.extensions.ExtensionArray:
            array = pa.array(values, type=pa.large_string(), memory_pool=pa.system_memory_pool())
            return pd.arrays.ArrowStringArray(pa.chunked_array([array]))

    data = {}
    for f in kind.fields:
        values = columns[f.name]
        dtype = _DTYPES.get(f.type)
        if f.type == DATE:
            data[f.name] = pd.to_datetime(pd.Series(values, dtype="object")).astype("datetime64[ns]")
        elif dtype is None and to_arrow is not None:
            data[f.name] = pd.Series(to_arrow(values))
        else:
            data[f.name] = pd.Series(pd.array(values, dtype=dtype or string))
    return pd.DataFrame(data, index=pd.RangeIndex(n))


def _translate(failures: pd.DataFrame, kind: contract.Kind, frame: pd.DataFrame, raw_columns: dict[str, list[str]],
               sink: _Sink, lines: list[int]) -> None:
    """pandera failure cases -> Problems. Rows without an index (pandera's summary noise) are dropped."""
    failures = failures[failures["index"].notna()]
    rules = {rule.name: rule for rule in RULES.get(kind.name, ())}
    fields = {f.name: f for f in kind.fields}
    duplicates: set[int] = set()
    seen_rules: set[tuple[str, int]] = set()

    def raw_of(name: str, row: int) -> str:
        cells = raw_columns.get(name)
        return cells[row].strip() if cells is not None else ""

    deferred: list[tuple[Rule, int]] = []
    together: dict[str, list[int]] = defaultdict(list)  # rule name -> failing rows of a rule with ``together``
    for check, column, index in zip(failures["check"], failures["column"], failures["index"]):
        row = int(index)
        check = str(check)
        if check == UNIQUENESS_CHECK:
            duplicates.add(row)
            continue
        rule = rules.get(check)
        if rule is not None:
            if (check, row) not in seen_rules:
                seen_rules.add((check, row))
                if rule.together:
                    together[check].append(row)
                else:
                    deferred.append((rule, row))
            continue
        f = fields.get(column)
        if f is None or (f.name, row) in sink.failed:
            continue
        value = raw_of(f.name, row)
        if check == "not_nullable":
            message = t.REQUIRED_EMPTY
        elif check.startswith("isin"):
            message = t.INVALID_CODE.format(value=quote(value), allowed=", ".join(f.codes or ()))
        elif check.startswith(("greater_than", "less_than", "in_range")):
            message = t.OUT_OF_RANGE.format(value=quote(value), minimum=_number(f.minimum), maximum=_number(f.maximum))
        elif check.startswith("str_length"):
            message = t.TOO_LONG.format(length=len(value), maximum=f.max_length)
        else:
            message = t.VALUE_NOT_CHECKED.format(check=check)
        sink.add(f.name, row, message)

    # Cross-field rules only where every cell involved could be read and passed its own checks.
    cell_failed = set(sink.failed)
    for rule, row in deferred:
        if any((name, row) in cell_failed for name in rule.fields):
            continue
        message = rule.message(lambda name, row=row: raw_of(name, row), lambda name: sink.headers[name])
        sink.add(rule.column, row, message)
    for name, rows in together.items():
        rule = rules[name]
        rows = [row for row in sorted(rows) if not any((f, row) in cell_failed for f in rule.fields)]
        for members in _groups(frame, rows, rule.together):
            listed = _listed(lines, members)
            for row in members[1:]:
                sink.add(rule.column, row, rule.message(lambda f, row=row: raw_of(f, row), sink.headers.__getitem__,
                                                        lines=listed))

    if duplicates:
        _duplicate_problems(kind, frame, sorted(duplicates), sink, lines)


def _groups(frame: pd.DataFrame, rows: list[int], key: tuple[str, ...]) -> list[list[int]]:
    """The rows (sorted) grouped by their values in ``key``: the groups of two or more. A row with a key part
    that could not be read is left out (it has its own problem)."""
    groups: dict[tuple, list[int]] = defaultdict(list)
    key_frame = frame.loc[rows, list(key)]
    for row, values in zip(rows, key_frame.itertuples(index=False, name=None)):
        if any(pd.isna(k) for k in values):
            continue
        groups[values].append(row)
    return [members for members in groups.values() if len(members) > 1]


def _listed(lines: list[int], rows: list[int]) -> str:
    """The file lines of rows: "2, 5 und 9"."""
    numbers = [str(lines[r]) for r in rows]
    return ", ".join(numbers[:-1]) + f" {t.WORD_AND} {numbers[-1]}"


def _duplicate_problems(kind: contract.Kind, frame: pd.DataFrame, rows: list[int], sink: _Sink,
                        lines: list[int]) -> None:
    place = next((name for name in kind.key if name != "ags"), kind.key[-1])
    columns = ", ".join(f"„{sink.headers[name]}“" for name in kind.key)
    for members in _groups(frame, rows, kind.key):
        listed = _listed(lines, members)
        for row in members[1:]:
            sink.add(place, row, t.DUPLICATE_KEY.format(lines=listed, columns=columns))


def _number(value: float | None) -> str:
    if value is None:
        return "–"
    if value == int(value):
        return f"{int(value):,}".replace(",", ".")
    return f"{value}".replace(".", ",")


# --------------------------------------------------------------------------------------------------------
# Capping and ordering the problems of a file
# --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProblemGroup:
    """Problems of one kind in one column, counted over the whole file (before ``order_and_cap`` cuts the list):
    the message of the first, how many there are, and the first lines."""

    file: str
    column: str | None
    warning: bool
    message: str  # of the first problem of the group
    count: int
    lines: tuple[int, ...]  # the first GROUP_LINES lines (none for problems of the whole file)


GROUP_LINES = 5
_QUOTED = re.compile(r"„[^“]*“|\b[0-9][0-9.,]*\b")  # the values in a message: problems of one kind differ only there


def group_problems(problems: list[Problem], header: list[str]) -> list[ProblemGroup]:
    """The problems by column, warning or error, and message with its values left out ("„31.02.2026“ ist kein
    gültiges Datum" and "„30.02.2025“ …" are one group); in the order of the header, problems of the whole file
    first."""
    groups: dict[tuple, list] = {}
    for p in problems:
        key = (p.column, p.warning, _QUOTED.sub("…", p.message))
        group = groups.get(key)
        if group is None:
            groups[key] = [p, 1, [p.line] if p.line is not None else []]
            continue
        group[1] += 1
        if p.line is not None and len(group[2]) < GROUP_LINES:
            group[2].append(p.line)
    return sort_groups([ProblemGroup(first.file, first.column, first.warning, first.message, count,
                                     tuple(sorted(lines))) for first, count, lines in groups.values()], header)


def sort_groups(groups: list[ProblemGroup], header: list[str]) -> list[ProblemGroup]:
    """Problems of the whole file first, then by the column's place in the header, errors before warnings."""
    order = {h.strip(): i for i, h in enumerate(header)}
    return sorted(groups, key=lambda g: (bool(g.lines), order.get(g.column, len(order)) if g.column else -1,
                                         g.warning, g.lines[:1]))


def order_and_cap(problems: list[Problem], header: list[str], limit: int = MAX_PROBLEMS_PER_COLUMN) -> list[Problem]:
    """File-level problems first, then by line and column; at most ``limit`` per column (and ``limit`` row
    problems without a column), each cut followed by one summary problem."""
    if not problems:
        return []
    order = {h.strip(): i for i, h in enumerate(header)}
    general = [p for p in problems if p.line is None]
    placed = [p for p in problems if p.line is not None]
    placed.sort(key=lambda p: (p.line, order.get(p.column, len(order)) if p.column is not None else -1))
    kept: list[Problem] = []
    dropped: dict[tuple[str | None, bool], int] = defaultdict(int)
    counts: dict[tuple[str | None, bool], int] = defaultdict(int)
    file = problems[0].file
    for p in placed:
        slot = (p.column, p.warning)  # warnings are capped apart from errors, so they never hide one
        counts[slot] += 1
        if counts[slot] > limit:
            dropped[slot] += 1
        else:
            kept.append(p)
    summaries = [
        Problem(file, None, column, _more(column, warning).format(count=count), warning=warning)
        for (column, warning), count in dropped.items()
    ]
    return general + kept + summaries


def _more(column: str | None, warning: bool) -> str:
    if warning:
        return t.MORE_WARNINGS
    return t.MORE_IN_COLUMN if column is not None else t.MORE_ROWS
