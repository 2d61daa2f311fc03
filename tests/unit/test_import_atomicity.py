"""An import is all or nothing, on every backend.

1. A property over generated calls (several files of several kinds, valid or broken in varied ways, in varied
   encodings and delimiters), each starting from a generated earlier state: afterwards the database is either
   exactly the old state or exactly the old state with the files upserted by their kinds' keys, one import
   batch per new file, and ``report.ok`` says which. The expected state is computed here, from the generated
   rows, by a plain-Python model (``accepted_import``), never read from the pipeline. Undoing the new
   batches, newest first, brings back exactly the old state.
2. The real command line, killed with SIGKILL at a delay drawn over the whole run of a large import: opened
   afresh, the database holds the old state or the complete new state, nothing in between.

How many killed runs ended before, during and after the write transaction is logged (``-o log_cli=true
--log-cli-level=INFO`` shows it): the distribution depends on the machine and is not asserted.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import logging
import os
import random
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, event, example, given, settings, strategies as st
from sqlalchemy import delete, func, select, text

from etl.pipeline import import_files
from etl.transform import pseudonym
from etl.undo import undo_batch
from monitor import audit, codes, contract, db, settings as monitor_settings

log = logging.getLogger(__name__)

# --------------------------------------------------------------------------------------------- the state


@dataclass(frozen=True)
class Batch:
    """An import batch as the model knows it (no id, no time: those the database chooses)."""

    kind: str
    file_name: str
    sha256: str
    row_count: int
    inserted: int
    updated: int
    unchanged: int
    imported_by: str


@dataclass(frozen=True)
class State:
    """Everything an import may change, independent of the ids the database hands out.

    batches: in id order. rows: kind -> key -> (values in contract field order, sha256 of the row's batch).
    versions: (sha256 of the batch that replaced the row, kind, key, sha256 of the batch the old values came
    from, old values), sorted."""

    batches: tuple[Batch, ...]
    rows: dict[str, dict[tuple, tuple[tuple, str]]]
    versions: tuple[tuple, ...]


EMPTY = State((), {k.name: {} for k in contract.KINDS}, ())


def key_of(kind: contract.Kind, values: tuple) -> tuple:
    names = [f.name for f in kind.fields]
    return tuple(values[names.index(k)] for k in kind.key)


@dataclass(frozen=True)
class CallFile:
    """One generated file of a call: its bytes, and the rows the database must hold for it if accepted."""

    name: str
    data: bytes
    kind: str
    rows: tuple[tuple, ...]  # stored values in contract field order, pseudonymised
    broken: tuple[str, ...] = ()  # how the file was broken (empty: valid)
    logical: tuple[dict, ...] = field(default=(), compare=False, repr=False)  # the rows before rendering

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    def __repr__(self) -> str:  # short, in tracebacks: the name, how it was broken, the start of the bytes
        return f"CallFile({self.name!r}, broken={self.broken!r}, data={self.data[:300]!r})"


def accepted_import(state: State, files: list[CallFile], user: str) -> State:
    """THE model of what an accepted import call does to the state (the one place to change when the import
    gains other semantics).

    Files whose bytes came earlier in the same call are skipped. The others are taken in the contract's load
    order (then call order). A file whose bytes were imported before is skipped while every row of it is stored
    with its values (in the state the files before it in the call left); otherwise it is loaded like any other.
    Each file loaded becomes one batch. The user has agreed that every file replaces what is stored for its
    period (``replace=True``). Each row is upserted by its kind's key: a new
    key is added with the new batch; a stored key with other values gets the new values and batch, and its old
    values and batch become a row version ("update"); a stored key with the same values stays as it is. Stored
    rows of a Gemeinde of the file whose period date lies within the file's first and last date for that
    Gemeinde, and whose key the file lacks, are removed, their values kept as a row version ("delete")."""
    return accepted_import_statuses(state, files, user)[0]


def accepted_import_statuses(state: State, files: list[CallFile], user: str) -> tuple[State, list[str]]:
    """``accepted_import``, and the status of each file of the call ("imported" or "unchanged")."""
    known = {b.sha256 for b in state.batches}
    statuses = ["unchanged"] * len(files)
    seen: set[str] = set()
    fresh: list[tuple[int, int, CallFile]] = []
    for position, f in enumerate(files):
        if f.sha256 not in seen:
            seen.add(f.sha256)
            fresh.append((contract.LOAD_ORDER.index(f.kind), position, f))
    batches, versions = list(state.batches), list(state.versions)
    rows = {kind: dict(stored) for kind, stored in state.rows.items()}
    for _, position, f in sorted(fresh, key=lambda item: item[:2]):
        kind_of_file = contract.kind(f.kind)
        if f.sha256 in known and all(rows[f.kind].get(key_of(kind_of_file, values), (None,))[0] == values
                                     for values in f.rows):
            continue  # the same bytes again, every row still stored as they hold it
        statuses[position] = "imported"
        kind, stored, counts, sha = contract.kind(f.kind), rows[f.kind], Counter(), f.sha256
        names = [field.name for field in kind.fields]
        ags_at, period_at = names.index("ags"), names.index(kind.period)
        spans: dict[str, list] = {}
        for values in f.rows:
            if values[period_at] is not None:
                span = spans.setdefault(values[ags_at], [values[period_at], values[period_at]])
                span[0], span[1] = min(span[0], values[period_at]), max(span[1], values[period_at])
        in_file = {key_of(kind, values) for values in f.rows}
        for key, (values, batch) in list(stored.items()):
            span, day = spans.get(values[ags_at]), values[period_at]
            if key not in in_file and span is not None and day is not None and span[0] <= day <= span[1]:
                versions.append((sha, f.kind, key, batch, values, "delete"))
                del stored[key]
        for values in f.rows:
            key = key_of(kind, values)
            before = stored.get(key)
            if before is not None and before[0] == values:
                counts["unchanged"] += 1
                continue
            if before is not None:
                versions.append((sha, f.kind, key, before[1], before[0], "update"))
            counts["updated" if before is not None else "inserted"] += 1
            stored[key] = (values, sha)
        batches.append(Batch(f.kind, f.name, sha, len(f.rows), counts["inserted"], counts["updated"],
                             counts["unchanged"], user))
    return State(tuple(batches), rows, tuple(sorted(versions, key=repr))), statuses


def _previous(kind: contract.Kind, stored_json: str) -> tuple:
    """A row version's JSON back to values in field order (dates were written as ISO text)."""
    previous = json.loads(stored_json)
    return tuple(date.fromisoformat(previous[f.name]) if f.type == contract.DATE and previous[f.name] is not None
                 else previous[f.name] for f in kind.fields)


def read_state(engine) -> State:
    """The state as stored: every data table, import_batches and row_versions. On the way, the row counts that
    every import and undo keep per Gemeinde and kind (db.gemeinde_rows) must be the tables' own."""
    with engine.connect() as conn:
        kept = set(conn.execute(select(db.gemeinde_rows.c.kind, db.gemeinde_rows.c.ags, db.gemeinde_rows.c.rows)))
        counted = {(name, ags, n) for name, table in db.TABLES.items()
                   for ags, n in conn.execute(select(table.c.ags, func.count()).group_by(table.c.ags))}
        assert kept == counted, (kept ^ counted)
        stored_batches = conn.execute(select(db.import_batches).order_by(db.import_batches.c.id)).mappings().all()
        sha_of = {b["id"]: b["sha256"] for b in stored_batches}
        rows: dict[str, dict] = {}
        key_by_id: dict[tuple[str, int], tuple] = {}
        for kind in contract.KINDS:
            table = db.TABLES[kind.name]
            query = select(table.c.id, table.c.batch_id, *[table.c[f.name] for f in kind.fields])
            rows[kind.name] = {}
            for row in conn.execute(query):
                values = tuple(row[2:])
                key = key_of(kind, values)
                rows[kind.name][key] = (values, sha_of.get(row[1], f"batch {row[1]}"))
                key_by_id[(kind.name, row[0])] = key
        stored_versions = conn.execute(select(db.row_versions)).mappings().all()
        removed_at = {}  # (kind, row id) -> [(batch id, key)] of the "delete" versions that row id keeps
        for v in stored_versions:
            if v["action"] == "delete":
                kind = contract.kind(v["kind"])
                key = key_of(kind, _previous(kind, v["previous"]))
                removed_at.setdefault((v["kind"], v["row_id"]), []).append((v["batch_id"], key))
        versions = []
        for v in stored_versions:
            kind = contract.kind(v["kind"])
            previous = _previous(kind, v["previous"])
            if v["action"] == "update":
                # Undo (newest batch first) restores the old values under the row's id: so the row is still
                # there under that id, or a later batch removed it from there and keeps it in a "delete" version
                # (undoing that batch first brings it back under the id; SQLite may have given the id to a new
                # row meanwhile, which the undo of the removing batch waits for).
                here = key_by_id.get((v["kind"], v["row_id"])) == key_of(kind, previous)
                assert here or any(batch > v["batch_id"] and key == key_of(kind, previous)
                                   for batch, key in removed_at.get((v["kind"], v["row_id"]), ())), dict(v)
            versions.append((sha_of.get(v["batch_id"], f"batch {v['batch_id']}"), v["kind"], key_of(kind, previous),
                             sha_of.get(v["previous_batch_id"], f"batch {v['previous_batch_id']}"), previous,
                             v["action"]))
    batches = tuple(Batch(b["kind"], b["file_name"], b["sha256"], b["row_count"], b["inserted"], b["updated"],
                          b["unchanged"], b["imported_by"]) for b in stored_batches)
    return State(batches, rows, tuple(sorted(versions, key=repr)))


def fingerprint(state: State) -> dict:
    """Counts, a checksum over every row and row version, and the batches: for states too large to diff."""
    digest = hashlib.sha256()
    for kind in sorted(state.rows):
        for key, stored in sorted(state.rows[kind].items(), key=repr):
            digest.update(repr((kind, key, stored)).encode())
    digest.update(repr(state.versions).encode())
    return {"rows": {k: len(v) for k, v in state.rows.items() if v}, "row_versions": len(state.versions),
            "checksum": digest.hexdigest(), "import_batches": state.batches}


def clear(engine) -> None:
    """Back to an empty database (the audit log is append-only and stays; tests look at new entries only)."""
    with engine.begin() as conn:
        conn.execute(delete(db.row_versions))
        for table in db.TABLES.values():
            conn.execute(delete(table))
        conn.execute(delete(db.gemeinde_rows))
        conn.execute(delete(db.import_batches))


def batch_ids(engine) -> list[int]:
    with engine.connect() as conn:
        return list(conn.execute(select(db.import_batches.c.id).order_by(db.import_batches.c.id)).scalars())


def audit_watermark(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.coalesce(func.max(db.audit_log.c.id), 0))).scalar_one()


def audit_since(engine, watermark: int) -> list[tuple[str, str, str]]:
    """(action, file sha256, file name) of the audit entries written after the watermark."""
    table = db.audit_log
    with engine.connect() as conn:
        found = conn.execute(select(table.c.action, table.c.file_sha256, table.c.object)
                             .where(table.c.id > watermark).order_by(table.c.id)).all()
    return sorted((action, sha, (obj or "").split(":", 1)[-1]) for action, sha, obj in found)


# ------------------------------------------------------------------------------------ rendering a file


@dataclass(frozen=True)
class Style:
    """How one export writes its cells."""

    date: str = "de"  # "de" 07.03.2016, "short" 7.3.2016, "iso" 2016-03-07
    comma: bool = True  # decimal comma
    yes_no: tuple[str, str] = ("ja", "nein")
    upper_codes: bool = False
    short_ags: bool = False  # the leading zero lost in Excel
    code_separator: str = "|"


def stored_value(f: contract.Field, value, ags: str, secret: bytes):
    """What the database holds for a logical value."""
    if value is None:
        return None
    if f.pseudonymise:
        return pseudonym(secret, ags, value)
    if f.type == contract.CODES:
        return "|".join(c for c in f.codes if c in value)
    return value


def render(f: contract.Field, value, style: Style) -> str:
    if value is None:
        return ""
    if f.type == contract.DATE:
        if style.date == "iso":
            return value.isoformat()
        return f"{value.day}.{value.month}.{value.year}" if style.date == "short" else value.strftime("%d.%m.%Y")
    if f.type == contract.DECIMAL:
        return f"{value:g}".replace(".", "," if style.comma else ".")
    if f.type == contract.BOOL:
        return style.yes_no[0 if value else 1]
    if f.type == contract.CODE:
        return value.upper() if style.upper_codes else value
    if f.type == contract.CODES:
        joined = style.code_separator.join(value)
        return joined.upper() if style.upper_codes else joined
    if f.type == contract.AGS:
        return value.lstrip("0") if style.short_ags and len(value.lstrip("0")) == 7 else value
    return str(value)


def encode(content: str, encoding: str) -> bytes:
    if encoding == "utf-16":
        return codecs.BOM_UTF16_LE + content.encode("utf-16-le")
    return content.encode(encoding)


def write_csv(header: list[str], cells: list[list[str]], delimiter: str, line_end: str, sep_line: bool) -> str:
    out = io.StringIO()
    if sep_line:
        out.write(f"sep={delimiter}{line_end}")
    writer = csv.writer(out, delimiter=delimiter, lineterminator=line_end)
    writer.writerow(header)
    writer.writerows(cells)
    return out.getvalue()


def stored_rows(kind: contract.Kind, columns: list[str], logical: list[dict], secret: bytes) -> tuple[tuple, ...]:
    """The rows the database must hold for these logical rows in a file with these columns."""
    return tuple(tuple(stored_value(f, row.get(f.name) if f.name in columns else None, row["ags"], secret)
                       for f in kind.fields) for row in logical)


# ------------------------------------------------------------------------------- generated files (kinds)

AGS = ("03351023", "03351024")
OFFICERS = ("IB-W", "IB-M", "IB-Ü")  # an umlaut, so that the encodings differ
days = st.dates(date(2015, 1, 1), date(2024, 12, 31))
optional_int = st.none() | st.integers(0, 60)


@st.composite
def case_rows(draw) -> dict:
    opened = draw(days)
    closed = draw(st.none() | st.integers(0, 900).map(lambda d: opened + timedelta(days=d)))
    goals_set = draw(st.none() | st.integers(0, 5))
    return {
        "ags": draw(st.sampled_from(AGS)), "case_id": draw(st.sampled_from(("F-1", "F-2", "F-3", "F-4"))),
        "target_group": draw(st.sampled_from(codes.TARGET_GROUPS)), "gender": draw(st.sampled_from(codes.GENDERS)),
        "employable": draw(st.none() | st.booleans()), "officer": draw(st.none() | st.sampled_from(OFFICERS)),
        "opened_on": opened, "closed_on": closed,
        "closure_reason": None if closed is None else draw(st.sampled_from(codes.CLOSURE_REASONS)),
        "goals_set": goals_set,
        "goals_reached": draw(st.none() | st.integers(0, 5 if goals_set is None else goals_set)),
    }


@st.composite
def contact_rows(draw) -> dict:
    return {
        "ags": draw(st.sampled_from(AGS)), "contact_id": draw(st.sampled_from(("K-1", "K-2", "K-3", "K-4", "K-5"))),
        "case_id": draw(st.sampled_from(("F-1", "F-2", "F-3"))), "date": draw(days),
        "contact_type": draw(st.sampled_from(codes.CONTACT_TYPES)),
        "topics": tuple(draw(st.lists(st.sampled_from(codes.TOPICS), min_size=1, max_size=3, unique=True))),
        "officer": draw(st.sampled_from(OFFICERS)), "duration_min": draw(st.none() | st.integers(0, 240)),
    }


@st.composite
def cafe_rows(draw) -> dict:
    attendees = draw(optional_int)
    part = st.none() | st.integers(0, 60 if attendees is None else attendees)
    return {
        "ags": draw(st.sampled_from(AGS)),
        "date": draw(st.sampled_from((date(2018, 11, 7), date(2018, 11, 14), date(2019, 2, 6), date(2019, 3, 6)))),
        "cancelled": draw(st.none() | st.booleans()), "attendees": attendees, "first_time": draw(part),
        "women": draw(part), "children": draw(optional_int), "volunteers": draw(optional_int),
    }


@st.composite
def staffing_rows(draw) -> dict:
    valid_from = draw(st.sampled_from((date(2015, 1, 1), date(2017, 7, 1), date(2020, 4, 1))))
    return {
        "ags": draw(st.sampled_from(AGS)), "officer": draw(st.sampled_from(OFFICERS)),
        "gender": draw(st.sampled_from(codes.OFFICER_GENDERS)),
        "fte": draw(st.sampled_from((0.25, 0.3, 0.5, 0.75, 1.0))), "valid_from": valid_from,
        "valid_until": draw(st.none() | st.integers(0, 2000).map(lambda d: valid_from + timedelta(days=d))),
    }


@dataclass(frozen=True)
class Spec:
    kind: contract.Kind
    optional: tuple[str, ...]  # the optional fields the generator fills
    rows: st.SearchStrategy


SPECS = (
    Spec(contract.CASES, ("employable", "officer", "closed_on", "closure_reason", "goals_set", "goals_reached"),
         case_rows()),
    Spec(contract.CONTACTS, ("duration_min",), contact_rows()),
    Spec(contract.CAFE, ("cancelled", "attendees", "first_time", "women", "children", "volunteers"), cafe_rows()),
    Spec(contract.STAFFING, ("valid_until",), staffing_rows()),
)

styles = st.builds(
    Style, date=st.sampled_from(("de", "short", "iso")), comma=st.booleans(),
    yes_no=st.sampled_from((("ja", "nein"), ("Ja", "Nein"), ("x", "n"), ("1", "0"), ("true", "false"))),
    upper_codes=st.booleans(), short_ags=st.booleans(), code_separator=st.sampled_from(("|", ",", " | ")))

# Ways to break a file; each makes the import refuse it. Cell damage first, then the structural kinds (so a
# damaged cell is never one that a shorter row has lost).
BREAKAGES = ("bad_date", "unknown_code", "empty_required", "duplicate_key", "ragged_row", "extra_column")


def _applicable(how: str, kind: contract.Kind, columns: list[str], rows: int) -> bool:
    if how == "extra_column":
        return True
    if rows == 0:
        return False
    types = {kind.field(name).type for name in columns}
    if how == "bad_date":
        return contract.DATE in types
    if how == "unknown_code":
        return bool(types & {contract.CODE, contract.CODES, contract.BOOL})
    if how == "duplicate_key":  # the copy differs outside the key (a copy cell for cell is taken once)
        return any(name not in kind.key for name in columns)
    return True


def _break(draw, how: str, kind: contract.Kind, columns: list[str], header: list[str], cells: list[list[str]]) -> None:
    def cell_in(names: list[str], value: str) -> None:
        row = draw(st.integers(0, len(cells) - 1))
        cells[row][columns.index(draw(st.sampled_from(names)))] = value

    if how == "bad_date":
        cell_in([n for n in columns if kind.field(n).type == contract.DATE],
                draw(st.sampled_from(("31.02.2017", "2017-13-01", "1.1.17", "morgen"))))
    elif how == "unknown_code":
        cell_in([n for n in columns if kind.field(n).type in (contract.CODE, contract.CODES, contract.BOOL)],
                "unbekannt")
    elif how == "empty_required":
        cell_in([n for n in columns if kind.field(n).required], draw(st.sampled_from(("", " "))))
    elif how == "duplicate_key":
        row = draw(st.integers(0, len(cells) - 1))
        copy = list(cells[row])
        other = columns.index(draw(st.sampled_from([n for n in columns if n not in kind.key])))
        copy[other] = copy[other] + "9" if copy[other].strip() else "9"  # same key, other content
        cells.insert(draw(st.integers(0, len(cells))), copy)
    elif how == "ragged_row":
        row = draw(st.integers(0, len(cells) - 1))
        shorter = cells[row][:-1]
        # A row cut down to blank cells is a blank line, which a file may have anywhere: one cell more instead.
        cells[row] = shorter if any(c.strip() for c in shorter) and draw(st.booleans()) else [*cells[row], "x"]
    else:
        header.append(draw(st.sampled_from(("zusatz", "bemerkung", "kreis"))))
        for row in cells:
            row.append("x")


@st.composite
def csv_files(draw, number: int, pool: dict[str, list[dict]], broken: bool) -> CallFile:
    """One export file of a drawn kind; its rows are new or copies of rows of earlier files (``pool``)."""
    spec = draw(st.sampled_from(SPECS))
    kind = spec.kind
    known = pool.get(kind.name, [])
    row = st.one_of(spec.rows, st.sampled_from(known)) if known else spec.rows
    logical = draw(st.lists(row, min_size=1 if broken else 0, max_size=5,
                            unique_by=lambda r: key_of_logical(kind, r)))
    optional = set(draw(st.lists(st.sampled_from(spec.optional), unique=True)))
    if "closed_on" in optional:
        optional.add("closure_reason")  # a closed case needs its reason (a rule of the contract)
    columns = [f.name for f in kind.fields if f.required or f.name in optional]
    if draw(st.booleans()):
        columns = draw(st.permutations(columns))
    style = draw(styles)
    header = [kind.field(n).header.upper() if draw(st.booleans()) else kind.field(n).header for n in columns]
    header = [h.replace("erwerbsfaehig", "erwerbsfähig") for h in header]
    cells = [[render(kind.field(n), r.get(n), style) for n in columns] for r in logical]
    how: tuple[str, ...] = ()
    if broken:
        possible = [b for b in BREAKAGES if _applicable(b, kind, columns, len(cells))]
        how = tuple(sorted(draw(st.lists(st.sampled_from(possible), min_size=1, max_size=2, unique=True)),
                           key=BREAKAGES.index))
        for b in how:
            _break(draw, b, kind, columns, header, cells)
    delimiter = draw(st.sampled_from((";", ",", "\t")))
    content = write_csv(header, cells, delimiter, draw(st.sampled_from(("\r\n", "\n"))), draw(st.booleans()))
    encoding = draw(st.sampled_from(("utf-8", "utf-8-sig", "cp1252", "utf-16")))
    event(f"encoding {encoding}, delimiter {delimiter!r}")
    secret = monitor_settings.pseudonym_secret()
    return CallFile(f"{kind.slug}_{number}.csv", encode(content, encoding), kind.name,
                    stored_rows(kind, columns, logical, secret), how, tuple(logical))


def key_of_logical(kind: contract.Kind, row: dict) -> tuple:
    return tuple(row[k] for k in kind.key)


@dataclass(frozen=True)
class Scenario:
    earlier: tuple[tuple[CallFile, ...], ...]  # accepted calls that make the old state
    call: tuple[CallFile, ...]

    @property
    def accepted(self) -> bool:
        return not any(f.broken for f in self.call)


@st.composite
def scenarios(draw) -> Scenario:
    numbers = iter(range(1, 100))
    pool: dict[str, list[dict]] = {}

    def files(count: int, broken: set[int]) -> list[CallFile]:
        made = []
        for i in range(count):
            f = draw(csv_files(next(numbers), pool, i in broken))
            if not f.broken:
                pool.setdefault(f.kind, []).extend(f.logical)
            made.append(f)
        return made

    earlier = tuple(tuple(files(draw(st.integers(1, 2)), set())) for _ in range(draw(st.integers(0, 2))))
    count = draw(st.integers(1, 3))
    broken = set(draw(st.lists(st.integers(0, count - 1), min_size=1, unique=True))) if draw(st.booleans()) else set()
    call = files(count, broken)
    before = [f for c in earlier for f in c]
    if before and draw(st.booleans()):  # a file imported before comes again
        call.insert(draw(st.integers(0, len(call))), draw(st.sampled_from(before)))
    if draw(st.booleans()):  # the same file twice in one call
        call.insert(draw(st.integers(0, len(call))), draw(st.sampled_from(call)))
    return Scenario(earlier, tuple(call))


def expected_statuses(old: State, scenario: Scenario) -> list[str]:
    """Accepted: as the model says. Rejected: nothing is planned, so a file is "rejected" (broken), "valid", or
    "unchanged" when its bytes came before in the call or are judged by them alone: those of the newest batch of
    their kind (the newest change of it in the audit log; this test neither undoes nor maps before the call),
    unless a file of that kind is read before it in the call."""
    if scenario.accepted:
        return accepted_import_statuses(old, list(scenario.call), USER)[1]
    newest = {b.kind: b.sha256 for b in old.batches}  # batches in id order
    seen: set[str] = set()
    read_kinds: set[str] = set()
    out = []
    for f in scenario.call:
        if f.sha256 in seen:
            out.append("unchanged")
            continue
        seen.add(f.sha256)
        if newest.get(f.kind) == f.sha256 and f.kind not in read_kinds:
            out.append("unchanged")
            continue
        out.append("rejected" if f.broken else "valid")
        if not f.broken:
            read_kinds.add(f.kind)
    return out


# ---------------------------------------------------------------------------------------- 1. the property

USER = "atomicity"


def cafe_file(name: str, *sessions: tuple[str, date, int | None]) -> CallFile:
    """A café file of (Gemeinde, day, attendees) rows, for the explicit examples."""
    kind = contract.CAFE
    columns = ["ags", "date", "attendees"]
    logical = [{"ags": ags, "date": day, "attendees": attendees} for ags, day, attendees in sessions]
    content = write_csv([kind.field(n).header for n in columns],
                        [[render(kind.field(n), row[n], Style()) for n in columns] for row in logical],
                        ";", "\r\n", False)
    return CallFile(name, encode(content, "utf-8"), kind.name,
                    stored_rows(kind, columns, logical, monitor_settings.pseudonym_secret()), (), tuple(logical))


def staffing_file(name: str, rows: list[dict]) -> CallFile:
    kind = contract.STAFFING
    columns = ["ags", "officer", "gender", "fte", "valid_from"]
    content = write_csv([kind.field(n).header for n in columns],
                        [[render(kind.field(n), row[n], Style()) for n in columns] for row in rows],
                        ";", "\r\n", False)
    return CallFile(name, encode(content, "utf-8"), kind.name,
                    stored_rows(kind, columns, rows, monitor_settings.pseudonym_secret()), (), tuple(rows))


# Every officer's Kürzel of every Gemeinde, from 2010: cases and contacts name an officer of the staffing, and
# these rows lie before every period a generated staffing file covers, so that none replaces them. Stored
# before every scenario, as part of its old state.
ROSTER = staffing_file("stellenanteile_0.csv", [
    {"ags": ags, "officer": officer, "gender": "w", "fte": 0.5, "valid_from": date(2010, 1, 1)}
    for ags in AGS for officer in OFFICERS])


def with_roster(engine) -> State:
    """An empty database with ROSTER stored; the model's state of it."""
    clear(engine)
    assert import_files(engine, [(ROSTER.name, ROSTER.data)], user=USER).ok
    return accepted_import(EMPTY, [ROSTER], USER)


# A session changed by one file and removed by a later one (whose period covers it), in one call or two: the
# "update" version points at a row id that only the later batch's "delete" version still holds.
SESSIONS = cafe_file("integrationscafe_1.csv", ("03351024", date(2018, 11, 7), None),
                     ("03351024", date(2019, 2, 6), None), ("03351024", date(2019, 3, 6), None))
CHANGED = cafe_file("integrationscafe_2.csv", ("03351024", date(2019, 2, 6), 1))
WITHOUT = cafe_file("integrationscafe_3.csv", ("03351024", date(2018, 11, 7), None),
                    ("03351024", date(2019, 3, 6), None))
# The same with the removed row the newest: SQLite gives its id to the next new row (here of another Gemeinde).
NEWEST_LAST = cafe_file("integrationscafe_4.csv", ("03351024", date(2018, 10, 1), None),
                        ("03351024", date(2019, 3, 6), None), ("03351024", date(2018, 11, 7), None))
NEWEST_CHANGED = cafe_file("integrationscafe_5.csv", ("03351024", date(2018, 11, 7), 5))
NEWEST_WITHOUT = cafe_file("integrationscafe_6.csv", ("03351024", date(2018, 10, 1), None),
                           ("03351024", date(2019, 3, 6), None))
OTHER_GEMEINDE = cafe_file("integrationscafe_7.csv", ("03351023", date(2019, 2, 6), None))


# No shrinking: every attempt builds a database, and shrinking a failure took minutes; a falsifying example is
# small anyway (at most five files of at most five rows each).
@settings(max_examples=100, deadline=None, phases=(Phase.explicit, Phase.reuse, Phase.generate),
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(scenario=scenarios())
@example(scenario=Scenario(earlier=((SESSIONS,),), call=(CHANGED, WITHOUT)))
@example(scenario=Scenario(earlier=((SESSIONS,), (CHANGED,)), call=(WITHOUT,)))
@example(scenario=Scenario(earlier=((NEWEST_LAST,), (NEWEST_CHANGED,)), call=(NEWEST_WITHOUT, OTHER_GEMEINDE)))
# A file imported before comes again after a later file changed one of its rows (it changes it back, as a batch of
# its own), or after such a file in the same call.
@example(scenario=Scenario(earlier=((SESSIONS,), (CHANGED,)), call=(SESSIONS,)))
@example(scenario=Scenario(earlier=((SESSIONS,),), call=(CHANGED, SESSIONS, OTHER_GEMEINDE)))
def test_an_import_call_leaves_the_old_state_or_the_old_state_with_its_files_upserted(engine, scenario):
    old = with_roster(engine)
    for earlier_call in scenario.earlier:
        assert import_files(engine, [(f.name, f.data) for f in earlier_call], user=USER, replace=True).ok
        old = accepted_import(old, list(earlier_call), USER)
    assert read_state(engine) == old
    watermark = audit_watermark(engine)
    batches_before = batch_ids(engine)

    report = import_files(engine, [(f.name, f.data) for f in scenario.call], user=USER, replace=True)

    event("accepted" if scenario.accepted else "rejected: " + ", ".join(sorted({b for f in scenario.call
                                                                               for b in f.broken})))
    after = read_state(engine)
    assert report.ok is scenario.accepted, [(f.file, f.status, [p.message for p in f.problems])
                                            for f in report.files]
    assert [f.status for f in report.files] == expected_statuses(old, scenario)
    if report.ok:
        expected = accepted_import(old, list(scenario.call), USER)
        assert after == expected
        loaded = {b.sha256: b for b in expected.batches[len(old.batches):]}
        assert audit_since(engine, watermark) == sorted((audit.IMPORT, sha, b.file_name) for sha, b in loaded.items())
        for batch_id in reversed(batch_ids(engine)[len(batches_before):]):  # undone newest first: the old state
            undo_batch(engine, batch_id, actor=USER)
        assert read_state(engine) == old
    else:
        assert after == old
        refused: dict[str, str] = {}  # the same bytes twice in a call are judged (and logged) once
        for f in scenario.call:
            if f.broken:
                refused.setdefault(f.sha256, f.name)
        assert audit_since(engine, watermark) == sorted((audit.IMPORT_REJECTED, sha, name)
                                                        for sha, name in refused.items())


# --------------------------------------------------------------------------------- 2. killed mid-import

BIG_ROWS = 24_000  # contacts in the large file: an import of a second or two
OLD_ROWS = 2_000  # contacts stored before; half of them are in the large file too (half unchanged, half changed)


def contact_export(name: str, logical: list[dict]) -> CallFile:
    kind = contract.CONTACTS
    columns = [f.name for f in kind.fields if f.required or f.name == "duration_min"]
    content = write_csv([kind.field(n).header for n in columns],
                        [[render(kind.field(n), r.get(n), Style()) for n in columns] for r in logical],
                        ";", "\r\n", False)
    return CallFile(name, encode(content, "cp1252"), kind.name,
                    stored_rows(kind, columns, logical, monitor_settings.pseudonym_secret()))


@pytest.fixture(scope="module")
def large_import() -> tuple[CallFile, CallFile]:
    """(the file that makes the old state, the large file), with valid values from a fixed seed."""
    rnd = random.Random(20240611)

    def contact(number: int) -> dict:
        return {"ags": "03351023", "contact_id": f"K-{number:06d}", "case_id": f"F-{rnd.randrange(6000):05d}",
                "date": date(2016, 1, 1) + timedelta(days=rnd.randrange(3000)),
                "contact_type": rnd.choice(codes.CONTACT_TYPES),
                "topics": tuple(rnd.sample(codes.TOPICS, rnd.randint(1, 3))), "officer": rnd.choice(OFFICERS),
                "duration_min": rnd.choice((None, rnd.randrange(5, 120)))}

    old = [contact(n) for n in range(OLD_ROWS)]
    kept = old[OLD_ROWS // 2: OLD_ROWS * 3 // 4]  # in the large file with the same values
    changed = [{**r, "duration_min": 999} for r in old[OLD_ROWS * 3 // 4:]]
    new = kept + changed + [contact(n) for n in range(OLD_ROWS, OLD_ROWS + BIG_ROWS - len(kept) - len(changed))]
    return contact_export("kontakte_alt.csv", old), contact_export("kontakte_gross.csv", new)


class WriteProbe:
    """Whether the import process is inside its write transaction, seen from outside without disturbing it:
    on PostgreSQL its backend has a transaction id (assigned at the first write); on SQLite it holds the WAL
    write lock (byte 120 of the -shm file, visible in /proc/locks on Linux; elsewhere: unknown)."""

    def __init__(self, url: str, application_name: str):
        self.url, self.application_name = url, application_name
        self.monitor = None
        if url.startswith("postgresql"):
            self.monitor = db.make_engine(url)
            self.conn = self.monitor.connect().execution_options(isolation_level="AUTOCOMMIT")

    def writing(self, pid: int) -> bool | None:
        if self.monitor is not None:
            return self.conn.execute(text(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = :name AND backend_xid IS NOT NULL"
            ), {"name": self.application_name}).scalar_one() > 0
        locks, shm = Path("/proc/locks"), Path(self.url.split("///", 1)[1] + "-shm")
        if not locks.exists():
            return None
        try:
            inode = str(shm.stat().st_ino)
        except FileNotFoundError:
            return False
        for line in locks.read_text().splitlines():
            parts = line.split()  # "7: POSIX  ADVISORY  WRITE 4711 fe:00:2148032 120 120"; blocked ones have "->"
            if len(parts) >= 8 and parts[1] == "POSIX" and parts[3] == "WRITE" and parts[4] == str(pid) \
                    and parts[5].rsplit(":", 1)[-1] == inode and parts[6] == "120":
                return True
        return False

    def wait_until_gone(self) -> None:
        """A killed client's PostgreSQL backend may still finish a statement (even a COMMIT already sent):
        only once it is gone is the state final."""
        if self.monitor is None:
            return
        query = text("SELECT count(*) FROM pg_stat_activity WHERE application_name = :name")
        for _ in range(6000):
            if self.conn.execute(query, {"name": self.application_name}).scalar_one() == 0:
                return
            time.sleep(0.01)
        raise AssertionError("the backend of the killed import did not end")

    def close(self) -> None:
        if self.monitor is not None:
            self.conn.close()
            self.monitor.dispose()


@dataclass
class Run:
    seconds: float
    killed: bool
    returncode: int
    write_seen: bool | None
    write_window: tuple[float, float] | None  # first and last moment the write transaction was seen


def run_import(url: str, path: Path, kill_after: float | None, from_write: bool = False) -> Run:
    """`python -m monitor import FILE`, killed with SIGKILL `kill_after` seconds after its start, or after the
    write transaction was first seen (`from_write`; not killed if it is never seen). None: let it finish."""
    name = f"atomicity-{uuid.uuid4().hex[:12]}"
    env = {**os.environ, "DATABASE_URL": url, "MONITOR_SECRET": monitor_settings.pseudonym_secret().decode(),
           "PGAPPNAME": name}
    probe = WriteProbe(url, name)
    seen: list[float] = []
    unknown = False
    try:
        start = time.monotonic()
        proc = subprocess.Popen([sys.executable, "-m", "monitor", "import", "--replace", "--user", USER, str(path)],
                                cwd=monitor_settings.PROJECT_DIR, env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE)
        killed = False
        while proc.poll() is None:
            now = time.monotonic() - start
            anchor = (seen[0] if seen else None) if from_write else 0.0
            if kill_after is not None and anchor is not None and now >= anchor + kill_after:
                proc.send_signal(signal.SIGKILL)
                killed = True
                break
            writing = probe.writing(proc.pid)
            unknown |= writing is None
            if writing:
                seen.append(now)
            time.sleep(0.003)
        _, stderr = proc.communicate()
        seconds = time.monotonic() - start
        probe.wait_until_gone()
    finally:
        probe.close()
    if not killed:
        assert proc.returncode == 0, stderr.decode(errors="replace")
    return Run(seconds, killed, proc.returncode, None if unknown and not seen else bool(seen),
               (seen[0], seen[-1]) if seen else None)


def fresh_state(url: str) -> State:
    engine = db.make_engine(url)
    try:
        return read_state(engine)
    finally:
        engine.dispose()


def test_a_killed_import_leaves_the_old_or_the_complete_new_state(engine, tmp_path, large_import, record_property):
    old_file, big_file = large_import
    url = engine.url.render_as_string(hide_password=False)
    path = tmp_path / big_file.name
    path.write_bytes(big_file.data)

    def reset() -> State:
        roster = with_roster(engine)
        assert import_files(engine, [(old_file.name, old_file.data)], user=USER, replace=True).ok
        engine.dispose()  # the import process is alone with the database
        return accepted_import(roster, [old_file], USER)

    old_model = reset()
    old = fingerprint(old_model)
    new_model = accepted_import(old_model, [big_file], USER)
    new = fingerprint(new_model)
    assert fresh_state(url) == old_model
    assert old != new and new_model.batches[-1].updated > 0 and new_model.batches[-1].unchanged > 0

    # Calibration: one full run tells how long the import takes and when it writes.
    full = run_import(url, path, kill_after=None)
    assert fingerprint(fresh_state(url)) == new
    seconds = full.seconds
    assert full.write_window is not None or full.write_seen is None
    window = full.write_window or (0.0, seconds)
    writing = window[1] - window[0]
    log.info("%s: full import of %d rows in %.2f s, write transaction seen from %.2f to %.2f s",
             engine.dialect.name, BIG_ROWS, seconds, *window)

    tally: Counter = Counter()

    # A delay over the whole run (from the start; 10 % more, so that some runs end first), or over the write
    # transaction (from the moment it is seen; its length as calibrated, 10 % more, to reach the commit): the
    # write is a small part of the run, and start-up times vary too much to hit it from the start.
    @settings(max_examples=5, deadline=None, phases=(Phase.explicit, Phase.reuse, Phase.generate))
    @given(where=st.sampled_from(("run", "write")), fraction=st.floats(0, 1))
    @example(where="run", fraction=0.0)  # at once
    @example(where="write", fraction=0.5)  # in the middle of writing
    @example(where="run", fraction=1.0)  # at about the end
    def killed_at(where: str, fraction: float):
        reset()
        delay = fraction * 1.1 * (seconds if where == "run" else writing)
        watermark = audit_watermark(engine)
        engine.dispose()
        run = run_import(url, path, kill_after=delay, from_write=where == "write")
        state = fingerprint(fresh_state(url))
        assert state in (old, new), f"killed {delay:.2f} s after the {'start' if where == 'run' else 'first write'}"
        imported = [e for e in audit_since(engine, watermark) if e[0] == audit.IMPORT]
        assert imported == ([(audit.IMPORT, big_file.sha256, big_file.name)] if state == new else [])
        if not run.killed:
            phase = "finished"
        elif state == new:
            phase = "after"
        else:
            phase = {True: "during", False: "before", None: "unknown"}[run.write_seen]
        tally[phase] += 1
        log.info("%s: SIGKILL %.2f s after the %s (run %.2f s, writing %.2f s): %s, state %s", engine.dialect.name,
                 delay, "start" if where == "run" else "first write", seconds, writing, phase,
                 "new" if state == new else "old")

    killed_at()
    summary = (f"{engine.dialect.name}: killed before the write transaction {tally['before']}, during it "
               f"{tally['during']}, after its commit {tally['after']}, finished before the kill {tally['finished']}"
               + (f", unknown {tally['unknown']}" if tally["unknown"] else ""))
    log.info(summary)
    record_property("kill_phases", summary)
