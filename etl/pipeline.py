"""The import: files -> extract -> transform -> load, all or nothing.

All files of one call are validated first; if any is rejected, nothing of the call is written. Otherwise
all are loaded in ONE transaction, each file as one import batch, in ``contract.LOAD_ORDER``. A file whose
SHA-256 is already in ``import_batches`` is "unchanged" and not read again. Warnings (e.g. an Excel date
number) are shown but do not stop a file.

A file that would change or remove rows already stored (it overlaps a period imported before) is only written
when the user decided: it replaces them (``replace``: changed rows updated, stored rows of its period that it
lacks removed) or it adds to them (``merge``: changed rows updated, nothing removed). Otherwise it is
"overlap" and nothing of the call is written. Each file is planned against the stored rows plus what the files
before it in the call wrote; a dry run takes the same path and rolls it back, so that the preview says exactly what
the import will do. Column and value mappings remembered in the database (etl.mappings) apply to every file.

What a file can only be checked against the stored rows is checked there too, as it is planned: an enrolment
that is a person's first DTZ attempt while another one is stored for that case (and stays) rejects the file,
and with it the call; so does a reference to a code of another kind (an officer's Kürzel, a partner_id:
``contract.REFERENCES``) that neither the stored rows of the row's Gemeinde nor a file earlier in the call
defines. The stored codes are read once, when the transaction starts (one query per referenced kind for all
Gemeinden of the call), so that a dry run, which writes less, judges exactly as the import.

Logging carries file names, kinds and counts only, never a cell value.
"""

from __future__ import annotations

import gc
import hashlib
import logging
from collections import defaultdict
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import pandas as pd
from sqlalchemy import Connection, Engine, select

from etl import extract as ex, load as ld, mappings as mp, transform as tr
from etl.extract import Problem
from monitor import audit, contract, db, fmt, settings
from monitor.texts import errors as t

__all__ = ["FileResult", "ImportReport", "Problem", "format_problem", "import_files", "overlap_message", "period_text",
           "validate_file"]

log = logging.getLogger(__name__)

IMPORTED, UNCHANGED, VALID, REJECTED, OVERLAP = "imported", "unchanged", "valid", "rejected", "overlap"
MEGABYTE = 1024 * 1024


@dataclass
class FileResult:
    file: str
    kind: str | None
    # "imported"; "unchanged" (same bytes imported before); "valid" (validated, not written); "rejected";
    # "overlap" (valid, but would change or remove stored rows, and the user has not agreed to replace them)
    status: str
    rows: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    stale: int = 0  # stored rows of the file's period that the file lacks (removed if it replaces them)
    encoding: str | None = None
    delimiter: str | None = None
    problems: list[Problem] = field(default_factory=list)  # errors and warnings, at most 20 a column and kind
    groups: list[tr.ProblemGroup] = field(default_factory=list)  # all of them, counted by column and kind (by
    # default those of ``problems``; validate_file gives those of the whole file, before the list is cut)
    sha256: str = ""
    period: tuple[date, date] | None = None  # first and last day the file covers
    header: list[str] = field(default_factory=list)  # as written in the file
    closest: str | None = None  # the kind the header is closest to (also when it matches none)
    mapped: bool = False  # a remembered column mapping was applied
    header_fits: bool = False  # the header fits a kind (by the contract's names or a remembered mapping)
    unknown_codes: dict[str, list[str]] = field(default_factory=dict)  # code field -> values that are no code

    def __post_init__(self) -> None:
        if self.problems and not self.groups:  # a list that nothing cut: its own groups
            self.groups = tr.group_problems(self.problems, self.header)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.warning]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.warning]

    @property
    def error_count(self) -> int:
        """All errors of the file, also those the problem list leaves out."""
        return sum(g.count for g in self.groups if not g.warning)

    @property
    def warning_count(self) -> int:
        return sum(g.count for g in self.groups if g.warning)


@dataclass
class ImportReport:
    files: list[FileResult]

    @property
    def ok(self) -> bool:
        """Nothing rejected and no overlap left undecided."""
        return all(f.status not in (REJECTED, OVERLAP) for f in self.files)

    @property
    def rejected(self) -> bool:
        return any(f.status == REJECTED for f in self.files)

    @property
    def undecided(self) -> list[FileResult]:
        """Files that overlap stored rows and wait for the user's decision."""
        return [f for f in self.files if f.status == OVERLAP]


@contextmanager
def bulk_mode() -> Iterator[None]:
    """Pause the cyclic garbage collector while hundreds of thousands of small lists and tuples are made:
    otherwise its repeated full passes triple the time of a large import. Restored afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def format_problem(problem: Problem) -> str:
    """One problem as a German line: "Zeile 14, Spalte „beginn“: …" (without the file name)."""
    if problem.line is not None and problem.column:
        return t.AT_LINE_COLUMN.format(line=problem.line, column=problem.column, message=problem.message)
    if problem.line is not None:
        return t.AT_LINE.format(line=problem.line, message=problem.message)
    if problem.column:
        return t.AT_COLUMN.format(column=problem.column, message=problem.message)
    return problem.message


def validate_file(file: str, data: bytes, kind: str | None = None, secret: bytes | None = None,
                  mappings: tr.Mappings = tr.NO_MAPPINGS) -> tuple[FileResult, tr.Transformed]:
    """Extract and transform one file (no database). Status "valid" or "rejected"."""
    limit = settings.max_upload_mb()
    if len(data) > limit * MEGABYTE:
        size = f"{len(data) / MEGABYTE:.1f}".replace(".", ",")
        problem = Problem(file, None, None, t.FILE_TOO_LARGE.format(size=size, limit=limit))
        return FileResult(file=file, kind=None, status=REJECTED, problems=[problem]), tr.Transformed(file, None)
    with bulk_mode():
        raw = ex.extract(file, data)
        transformed = tr.transform(raw, kind, secret if secret is not None else settings.pseudonym_secret(),
                                   mappings)
    every = raw.problems + transformed.problems
    groups = tr.group_problems(every, raw.header)
    problems = tr.order_and_cap(every, raw.header)
    del every
    result = FileResult(
        file=file,
        kind=transformed.kind.name if transformed.kind else None,
        status=REJECTED if any(not p.warning for p in problems) else VALID,
        rows=len(raw.rows) + raw.ragged,
        encoding=raw.encoding,
        delimiter=raw.delimiter,
        problems=problems,
        groups=groups,
        period=transformed.period(),
        header=[h.strip() for h in raw.header],
        closest=transformed.closest.name if transformed.closest else None,
        mapped=transformed.mapped,
        header_fits=transformed.header_fits,
        unknown_codes=transformed.unknown_codes,
    )
    return result, transformed


def _known_batches(engine: Engine, hashes: list[str]) -> dict[str, tuple[str, int]]:
    """sha256 -> (kind, row count) of files imported before."""
    if not hashes:
        return {}
    table = db.import_batches
    query = select(table.c.sha256, table.c.kind, table.c.row_count).where(table.c.sha256.in_(hashes))
    with engine.connect() as conn:
        return {sha: (kind, count) for sha, kind, count in conn.execute(query)}


class _RolledBack(Exception):
    """Rolls the import's transaction back: a dry run, or a file overlaps stored rows and nobody decided."""


def import_files(engine: Engine, files: list[tuple[str, bytes]], user: str, dry_run: bool = False,
                 kind: str | None = None, replace: bool | Collection[str] = False,
                 merge: bool | Collection[str] = False, hashes: list[str] | None = None) -> ImportReport:
    """Validate all files, then (unless something was rejected) load them in one transaction, which a dry run
    rolls back (so that its counts and overlaps are the import's, also for several files of one kind).
    ``replace``: True, or the SHA-256 of each file that may change stored rows and remove those of its period it
    lacks. ``merge``: likewise for files that may change stored rows but remove none. ``hashes``: the files'
    SHA-256 if the caller has them already."""
    hashes = hashes or [hashlib.sha256(data).hexdigest() for _, data in files]
    known = _known_batches(engine, sorted(set(hashes)))
    secret = settings.pseudonym_secret()
    mappings = mp.load(engine)
    results: list[FileResult] = []
    pending: list[tuple[int, FileResult, tr.Transformed]] = []
    seen: set[str] = set()
    for (name, data), sha in zip(files, hashes):
        if sha in known or sha in seen:
            before = known.get(sha) or _seen_before(results, hashes, sha)
            results.append(FileResult(file=name, kind=before[0], status=UNCHANGED, rows=before[1], sha256=sha))
            log.info("import %s: already imported", name)
            continue
        seen.add(sha)
        result, transformed = validate_file(name, data, kind, secret, mappings)
        result.sha256 = sha
        results.append(result)
        log.info("import %s: kind=%s rows=%d problems=%d", name, result.kind, result.rows, len(result.problems))
        if result.status == VALID:
            pending.append((len(results) - 1, result, transformed))
    report = ImportReport(results)
    if not dry_run:
        _audit_rejected(engine, report, user)
    if report.rejected or not pending:
        return report

    def decided(result: FileResult, plan: ld.Plan) -> bool:
        """Count the plan as the user decided; False if the file overlaps stored rows and nobody decided."""
        result.stale = len(plan.removals)
        if _chosen(merge, result.sha256):
            plan.removals.clear()
        _count(result, plan)
        return not plan.overlaps or _chosen(replace, result.sha256) or _chosen(merge, result.sha256)

    order = {name: i for i, name in enumerate(contract.LOAD_ORDER)}
    pending.sort(key=lambda item: (order.get(item[1].kind, len(order)), item[0]))
    # A file is planned against the stored rows plus what the files before it in this call wrote. A dry run
    # takes the same path and rolls it back; it writes only a file that a later file of the same kind reads.
    kinds = [result.kind for _, result, _ in pending]
    read_later = {i for i, kind_name in enumerate(kinds) if kind_name in kinds[i + 1:]}
    now = datetime.now(UTC)
    try:
        with bulk_mode(), engine.begin() as conn:
            known = _stored_codes(conn, [transformed for _, _, transformed in pending])
            for position, (_, result, transformed) in enumerate(pending):
                rows = transformed.records()
                plan = ld.plan_file(conn, transformed.kind, rows)
                fits = decided(result, plan)
                refused = _first_attempts_stored(conn, transformed, plan) + _unknown_codes(transformed, known)
                _add_codes(transformed, known)
                if refused:
                    _refuse(result, refused)
                    continue
                if not fits:
                    result.status = OVERLAP
                    continue
                if report.undecided or report.rejected or (dry_run and position not in read_later):
                    continue  # nothing will be written, or nothing reads it; the plan only fills in the counts
                ld.write(conn, transformed.kind, rows, plan, file_name=result.file, sha256=result.sha256, user=user,
                         now=now)
                if dry_run:
                    continue
                result.status = IMPORTED
                audit.record(conn, audit.IMPORT, user, object=f"{result.kind}:{result.file}", file_sha256=result.sha256,
                             row_count=result.rows, at=now,
                             detail=f"neu {result.inserted}, geändert {result.updated}, entfernt {result.removed}")
            if report.undecided or report.rejected or dry_run:
                raise _RolledBack
    except _RolledBack:
        for result in results:
            if result.status == IMPORTED:
                result.status = VALID
        if not dry_run:
            _audit_rejected(engine, report, user)
            log.info("import: %d file(s) refused by the stored rows, %d overlap them without a decision; "
                     "nothing written", sum(r.status == REJECTED for r in results), len(report.undecided))
        return report
    for _, result, _ in pending:
        log.info("import %s: kind=%s inserted=%d updated=%d unchanged=%d removed=%d", result.file, result.kind,
                 result.inserted, result.updated, result.unchanged, result.removed)
    return report


def _first_attempts_stored(conn: Connection, transformed: tr.Transformed, plan: ld.Plan) -> list[Problem]:
    """A person has one first DTZ attempt (etl.transform.first_attempts); a file is checked for two of its own
    when it is validated. Here: the file's first attempts of a case that already has another one stored, in a
    row the file neither holds (same key) nor removes as planned. One problem per such line. Case numbers are
    compared as stored, by their pseudonym, and never quoted."""
    kind = transformed.kind
    if kind is None or kind.name != contract.ENROLMENTS.name or not transformed.lines:
        return []
    columns = transformed.columns
    first = tr.first_attempts(pd.Series(columns["dtz_attempt"], dtype="Int64"),
                              pd.Series(columns["dtz_result"], dtype="object"))
    rows_of: dict[tuple[str, str], list[int]] = defaultdict(list)  # (ags, case pseudonym) -> rows of the file
    for row in first[first].index:
        rows_of[(columns["ags"][row], columns["case_id"][row])].append(row)
    if not rows_of:
        return []
    table = db.TABLES[kind.name]
    names = ["id", "ags", "enrolment_id", "case_id", "dtz_attempt", "dtz_result"]
    query = select(*[table.c[n] for n in names]).where(
        table.c.ags.in_(sorted({ags for ags, _ in rows_of})),
        table.c.dtz_attempt == 1)  # only narrows the rows read; first_attempts decides
    stored = pd.DataFrame(conn.execute(query).all(), columns=names)
    stored = stored[tr.first_attempts(stored["dtz_attempt"].astype("Int64"), stored["dtz_result"])]
    held = set(zip(columns["ags"], columns["enrolment_id"]))
    removed = {row_id for row_id, _, _ in plan.removals}
    clashing: set[int] = set()
    for row_id, ags, enrolment_id, case_id in zip(stored["id"], stored["ags"], stored["enrolment_id"],
                                                  stored["case_id"]):
        if row_id not in removed and (ags, enrolment_id) not in held:
            clashing.update(rows_of.get((ags, case_id), ()))
    header = transformed.headers
    message = t.FIRST_ATTEMPT_STORED.format(case_header=header["case_id"], attempt_header=header["dtz_attempt"],
                                            result_header=header["dtz_result"],
                                            enrolment_header=header["enrolment_id"])
    return [Problem(transformed.file, transformed.lines[row], header["dtz_attempt"], message)
            for row in sorted(clashing)]


def _references(kind: contract.Kind | None) -> list[tuple[contract.Field, tuple[str, str]]]:
    """The fields of a kind that name a code of another kind, each with that (kind, field)."""
    if kind is None:
        return []
    return [(f, contract.REFERENCES[f.vocabulary]) for f in kind.fields if f.vocabulary in contract.REFERENCES]


Codes = dict[tuple[str, str], dict[str, set[str]]]  # (kind, field) -> Gemeinde -> codes


def _stored_codes(conn: Connection, files: list[tr.Transformed]) -> Codes:
    """The codes stored for every (kind, field) that a file of the call refers to, for the Gemeinden of those
    files: one query each."""
    gemeinden: dict[tuple[str, str], set[str]] = defaultdict(set)
    for transformed in files:
        for _, source in _references(transformed.kind):
            gemeinden[source].update(transformed.columns["ags"])
    known: Codes = {}
    for (kind_name, field_name), wanted in gemeinden.items():
        table = db.TABLES[kind_name]
        query = select(table.c.ags, table.c[field_name]).where(table.c.ags.in_(sorted(wanted))).distinct()
        known[(kind_name, field_name)] = codes = defaultdict(set)
        for ags, code in conn.execute(query):
            codes[ags].add(code)
    return known


def _add_codes(transformed: tr.Transformed, known: Codes) -> None:
    """The codes a file of the call defines, for the files after it."""
    kind = transformed.kind
    for (kind_name, field_name), codes in known.items():
        if kind is not None and kind.name == kind_name:
            for ags, code in zip(transformed.columns["ags"], transformed.columns[field_name]):
                codes[ags].add(code)


KNOWN_LISTED = 40  # codes named in a message at most


def _unknown_codes(transformed: tr.Transformed, known: Codes) -> list[Problem]:
    """One problem per row whose reference names a code that is not known for its Gemeinde (``known``: stored
    and defined earlier in the call). The distinct pairs of Gemeinde and value are judged first, so that a file
    without such a row costs one pass over its column."""
    problems = []
    columns = transformed.columns
    for f, source in _references(transformed.kind):
        codes = known[source]
        listed = f.vocabulary == contract.PARTNER_LIST

        def missing(ags: str, value: str, codes=codes, listed=listed) -> list[str]:
            return [c for c in (value.split("|") if listed else (value,)) if c not in codes.get(ags, ())]

        pairs = set(zip(columns["ags"], columns[f.name]))
        wrong = {pair for pair in pairs if pair[1] is not None and missing(*pair)}
        if not wrong:
            continue
        template = t.UNKNOWN_OFFICER if f.vocabulary == contract.OFFICER else t.UNKNOWN_PARTNER
        header = transformed.headers[f.name]
        for row, pair in enumerate(zip(columns["ags"], columns[f.name])):
            if pair in wrong:
                message = template.format(ags=pair[0], values=", ".join(f"„{c}“" for c in missing(*pair)),
                                          known=_known_text(codes.get(pair[0], set())))
                problems.append(Problem(transformed.file, transformed.lines[row], header, message))
    return problems


def _known_text(codes: set[str]) -> str:
    if not codes:
        return t.KNOWN_NONE
    ordered = sorted(codes, key=str.casefold)
    text = ", ".join(ordered[:KNOWN_LISTED])
    return text + (" " + t.KNOWN_MORE.format(count=len(ordered) - KNOWN_LISTED) if len(ordered) > KNOWN_LISTED else "")


def _refuse(result: FileResult, problems: list[Problem]) -> None:
    """A valid file that the stored rows refuse: rejected with these problems, nothing counted as imported."""
    result.status = REJECTED
    result.inserted = result.updated = result.unchanged = result.removed = result.stale = 0
    result.groups = tr.sort_groups(result.groups + tr.group_problems(problems, result.header), result.header)
    result.problems = tr.order_and_cap(result.problems + problems, result.header)


def period_text(period: tuple[date, date] | None) -> str:
    """"01.01.2026 – 30.06.2026", or "–" without dates."""
    if period is None:
        return fmt.MISSING
    return f"{fmt.date_de(period[0])} – {fmt.date_de(period[1])}"


def overlap_message(result: FileResult) -> str:
    """Why a file waits for the user's decision, in German, with the numbers."""
    return t.OVERLAP.format(period=period_text(result.period), changed=fmt.number(result.updated),
                            removed=fmt.number(result.stale))


def _chosen(decision: bool | Collection[str], sha256: str) -> bool:
    return decision is True or (decision is not False and sha256 in decision)


def _count(result: FileResult, plan: ld.Plan) -> None:
    result.inserted, result.updated, result.unchanged = plan.counts
    result.removed = len(plan.removals)


def _audit_rejected(engine: Engine, report: ImportReport, user: str) -> None:
    """Rejected files go into the audit log with name, hash and the number of problems: never a cell value."""
    rejected = [result for result in report.files if result.status == REJECTED]
    if rejected:
        with engine.begin() as conn:
            for result in rejected:
                audit.record(conn, audit.IMPORT_REJECTED, user, object=f"{result.kind or '?'}:{result.file}",
                             file_sha256=result.sha256, row_count=result.rows, outcome=audit.REFUSED,
                             detail=f"{result.error_count} Probleme")


def _seen_before(results: list[FileResult], hashes: list[str], sha: str) -> tuple[str | None, int]:
    """(kind, rows) of the earlier file of this call with the same bytes."""
    earlier = results[hashes.index(sha)]
    return earlier.kind, earlier.rows
