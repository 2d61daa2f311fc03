"""The import: files -> extract -> transform -> load, all or nothing.

All files of one call are validated first; if any is rejected, nothing of the call is written. Otherwise
all are loaded in ONE transaction, each file as one import batch, in ``contract.LOAD_ORDER``. Warnings (e.g. an
Excel date number) are shown but do not stop a file.

The same bytes again are "unchanged" only while the stored rows still hold every row of the file as it holds it:
without reading the file while the import of these bytes is the newest change of its kind (``_still_stored``),
else after planning it. If another file or an undo changed those rows since, the file is planned like any other
(it would change them back) and, if written, becomes a batch of its own.

A file that would change or remove rows already stored (it overlaps a period imported before) is only written
when the user decided: it replaces them (``replace``: changed rows updated, stored rows of its period that it
lacks removed) or it adds to them (``merge``: changed rows updated, nothing removed). Otherwise it is
"overlap" and nothing of the call is written. Each file is planned against the stored rows plus what the files
before it in the call wrote; a dry run takes the same path and rolls it back, so that the preview says exactly what
the import will do. Column and value mappings remembered in the database (etl.mappings) apply to every file.

Two imports of the same Gemeinde and kind never run at once: a transaction that writes first takes their locks
(etl.locks), then plans. An import that staff confirmed on a preview passes that preview's fingerprint of each
file (``expected``); if the plan under the lock differs (another workplace imported or undid rows of it since), the
file is "changed" and nothing is written: the preview must be looked at again.

What a file can only be checked against the stored rows is checked there too, as it is planned: an enrolment
that is a person's first DTZ attempt while another one is stored for that case (and stays) rejects the file,
and with it the call; so does a reference to a code of another kind (an officer's Kürzel, a partner_id:
``contract.REFERENCES``) that neither the stored rows of the row's Gemeinde nor a file earlier in the call
defines. The stored codes are read once, when the transaction starts (one query per referenced kind for all
Gemeinden of the call), so that a dry run, which writes less, judges exactly as the import.

Logging and the audit log carry kinds, counts and file names only, never a cell value, and a file name only if it
says nothing of a person (``identifying.file_name_for_record``).
"""

from __future__ import annotations

import gc
import hashlib
import logging
from collections import defaultdict
from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import pandas as pd
from sqlalchemy import Connection, Engine, select

from etl import extract as ex, load as ld, locks, mappings as mp, transform as tr
from etl.extract import Problem
from etl.identifying import file_name_for_record
from monitor import audit, contract, db, fmt, retention, settings
from monitor.scope import ALL, Scope
from monitor.texts import errors as t

__all__ = ["CHANGED", "FileResult", "ImportReport", "Problem", "format_problem", "import_files", "overlap_message",
           "period_text", "validate_file"]

log = logging.getLogger(__name__)

IMPORTED, UNCHANGED, VALID, REJECTED, OVERLAP = "imported", "unchanged", "valid", "rejected", "overlap"
CHANGED = "changed"  # valid, but the import plans it otherwise than the preview that staff confirmed
MEGABYTE = 1024 * 1024


@dataclass
class FileResult:
    file: str
    kind: str | None
    # "imported"; "unchanged" (same bytes imported before); "valid" (validated, not written); "rejected";
    # "overlap" (valid, but would change or remove stored rows, and the user has not agreed to replace them);
    # "changed" (an import confirmed on a preview plans it otherwise: the stored rows changed since)
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
    fingerprint: str = ""  # of its plan, in a dry run (etl.load.fingerprint): an import passes it back as ``expected``

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
        """Nothing rejected, no overlap left undecided, nothing planned otherwise than its preview."""
        return all(f.status not in (REJECTED, OVERLAP, CHANGED) for f in self.files)

    @property
    def changed(self) -> bool:
        """The stored rows changed since the preview the import was confirmed on: nothing was written."""
        return any(f.status == CHANGED for f in self.files)

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
    """sha256 -> (kind, row count) of files imported before (of the newest batch, if the same bytes came again)."""
    if not hashes:
        return {}
    table = db.import_batches
    query = (select(table.c.sha256, table.c.kind, table.c.row_count).where(table.c.sha256.in_(hashes))
             .order_by(table.c.id))
    with engine.connect() as conn:
        return {sha: (kind, count) for sha, kind, count in conn.execute(query)}


# What can change the stored rows of a kind (an import, an undo) or how a file of it reads (a mapping). Each is
# logged in the transaction that makes it, with the kind's name and a colon in front of its object.
DATA_CHANGES = (audit.IMPORT, audit.DELETE, audit.MAPPING)


def _still_stored(engine: Engine, known: dict[str, tuple[str, int]]) -> set[str]:
    """The SHA-256 of the known files that need not be read again: the import of their bytes is still the newest
    change of their kind in the audit log. Then the stored rows hold every row of the file as the file holds it,
    as that import left them. Otherwise another file, an undo or a mapping may have changed them since, and the
    file is read and planned like any other (and is "unchanged" only if the plan finds every row stored as it
    is). By kind, not by Gemeinde, since a batch does not record its Gemeinden: a later file of another Gemeinde
    only costs one reading of the file, which then finds nothing to do. One query per kind."""
    if not known:
        return set()
    table = db.audit_log
    out: set[str] = set()
    with engine.connect() as conn:
        for kind_name in sorted({kind_name for kind_name, _ in known.values()}):
            newest = conn.execute(
                select(table.c.action, table.c.file_sha256)
                .where(table.c.action.in_(DATA_CHANGES), table.c.object.startswith(f"{kind_name}:", autoescape=True))
                .order_by(table.c.id.desc()).limit(1)).first()
            if newest is not None and newest.action == audit.IMPORT and newest.file_sha256 in known \
                    and known[newest.file_sha256][0] == kind_name:
                out.add(newest.file_sha256)
    return out


def _lock_pairs(pending: list[tuple[int, FileResult, tr.Transformed]]) -> set[tuple[str, str]]:
    """(Gemeinde AGS, kind) of every row the files may write or remove, and of the codes they refer to (an
    officer's Kürzel, a partner_id: checked when the transaction starts, so they must not go before it commits):
    the locks the call takes (etl.locks)."""
    pairs = set()
    for _, _, transformed in pending:
        if transformed.kind is None:
            continue
        kinds = {transformed.kind.name} | {source for _, (source, _) in _references(transformed.kind)}
        pairs |= {(ags, kind_name) for ags in set(transformed.columns.get("ags", ())) for kind_name in kinds}
    return pairs


class _RolledBack(Exception):
    """Rolls the import's transaction back: a dry run, or a file overlaps stored rows and nobody decided."""


def import_files(engine: Engine, files: list[tuple[str, bytes]], user: str, dry_run: bool = False,
                 kind: str | None = None, replace: bool | Collection[str] = False,
                 merge: bool | Collection[str] = False, hashes: list[str] | None = None,
                 expected: Mapping[str, str] | None = None, scope: Scope = ALL) -> ImportReport:
    """Validate all files, then (unless something was rejected) load them in one transaction, which a dry run
    rolls back (so that its counts and overlaps are the import's, also for several files of one kind).
    ``replace``: True, or the SHA-256 of each file that may change stored rows and remove those of its period it
    lacks. ``merge``: likewise for files that may change stored rows but remove none. ``hashes``: the files'
    SHA-256 if the caller has them already.

    ``expected``: for an import that staff confirmed on a preview, each file's ``fingerprint`` in that preview (a
    dry run), by SHA-256. A file that the import, under its lock, plans otherwise (the stored rows it reads
    changed since, or a mapping did), or that the preview did not plan, is "changed", and nothing of the call is
    written.

    A transaction that writes takes the lock of every (Gemeinde, kind) its files hold before it plans them
    (etl.locks): one import of the same data at a time. Raises locks.LockTimeout (a German message) if another
    import or undo held it longer than the wait; nothing is written then.

    ``scope``: the Gemeinden of the person importing (monitor.scope; the command line on the server: every one). A
    row of another Gemeinde rejects its file, with its row and column."""
    hashes = hashes or [hashlib.sha256(data).hexdigest() for _, data in files]
    known = _known_batches(engine, sorted(set(hashes)))
    current = _still_stored(engine, known)
    secret = settings.pseudonym_secret()
    mappings = mp.load(engine)
    results: list[FileResult] = []
    read: dict[int, tr.Transformed] = {}  # position in the call -> the valid file

    def validated(position: int) -> FileResult:
        name, data = files[position]
        result, transformed = validate_file(name, data, kind, secret, mappings)
        result.sha256 = hashes[position]
        if result.status == VALID and not scope.everything:
            outside = _outside_scope(transformed, scope)
            if outside:
                _refuse(result, outside)
        if result.status == VALID:
            read[position] = transformed
        log.info("import %s: kind=%s rows=%d problems=%d", file_name_for_record(name), result.kind, result.rows,
                 len(result.problems))
        return result

    by_hash: list[int] = []  # positions of the files judged unchanged by their bytes alone
    seen: set[str] = set()
    for position, ((name, _), sha) in enumerate(zip(files, hashes)):
        if sha in seen:
            before = _seen_before(results, hashes, sha)
            results.append(FileResult(file=name, kind=before[0], status=UNCHANGED, rows=before[1], sha256=sha))
            log.info("import %s: the same file came before in this call", file_name_for_record(name))
            continue
        seen.add(sha)
        if sha in current:
            kind_name, rows = known[sha]
            results.append(FileResult(file=name, kind=kind_name, status=UNCHANGED, rows=rows, sha256=sha))
            by_hash.append(position)
            log.info("import %s: already imported, its rows unchanged since", file_name_for_record(name))
            continue
        results.append(validated(position))
    for position in by_hash:  # a file of its kind before it in the call may change its rows: it is read after all
        if any(r.status == VALID and r.kind == results[position].kind for r in results[:position]):
            results[position] = validated(position)
        elif expected is not None and hashes[position] in expected:
            results[position].status = CHANGED  # the preview planned it; its bytes were imported since
    pending = [(position, results[position], transformed) for position, transformed in sorted(read.items())]
    report = ImportReport(results)
    if not dry_run:
        _audit_rejected(engine, report, user)
    if report.rejected or report.changed or not pending:
        return report

    def decided(result: FileResult, plan: ld.Plan) -> bool:
        """Count the plan as the user decided; False if the file overlaps stored rows and nobody decided."""
        result.stale = len(plan.removals)
        if dry_run or expected is not None:  # what binds an import to its preview
            result.fingerprint = ld.fingerprint(plan)
        if _chosen(merge, result.sha256):
            plan.removals.clear()
        _count(result, plan)
        return not plan.overlaps or _chosen(replace, result.sha256) or _chosen(merge, result.sha256)

    order = {name: i for i, name in enumerate(contract.LOAD_ORDER)}
    pending.sort(key=lambda item: (order.get(item[1].kind, len(order)), item[0]))
    # A file is planned against the stored rows plus what the files before it in this call wrote. A dry run, or
    # an import that will be rolled back, takes the same path; it writes only a file that a later file of the same
    # kind reads (and then, like an import, holds the lock).
    kinds = [result.kind for _, result, _ in pending]
    read_later = {i for i, kind_name in enumerate(kinds) if kind_name in kinds[i + 1:]}
    pairs = _lock_pairs(pending) if not dry_run or read_later else None
    now = datetime.now(UTC)
    try:
        with bulk_mode(), locks.transaction(engine, pairs) as conn:
            codes_known = _stored_codes(conn, [transformed for _, _, transformed in pending])
            for position, (_, result, transformed) in enumerate(pending):
                rows, plan = _plan_current(conn, result, transformed)
                fits = decided(result, plan)
                if expected is not None and expected.get(result.sha256) != result.fingerprint:
                    result.status = CHANGED
                    log.info("import %s: the stored rows differ from those of its preview",
                             file_name_for_record(result.file))
                    continue
                if result.sha256 in known and not plan.inserts and not plan.updates:
                    result.status = UNCHANGED  # the same bytes again, and every row still stored as they hold it
                    continue
                refused = _first_attempts_stored(conn, transformed, plan) + _unknown_codes(transformed, codes_known)
                _add_codes(transformed, codes_known)
                if refused:
                    _refuse(result, refused)
                    continue
                if not fits:
                    result.status = OVERLAP
                    continue
                writing = not (dry_run or report.undecided or report.rejected or report.changed)
                if not writing and position not in read_later:
                    continue  # nothing will be written, or nothing reads it; the plan only fills in the counts
                ld.write(conn, transformed.kind, rows, plan, file_name=result.file, sha256=result.sha256, user=user,
                         now=now)
                if not writing:
                    continue  # written for the files after it to plan against, and rolled back
                result.status = IMPORTED
                audit.record(conn, audit.IMPORT, user, object=f"{result.kind}:{file_name_for_record(result.file)}",
                             file_sha256=result.sha256, row_count=result.rows, at=now,
                             detail=f"neu {result.inserted}, geändert {result.updated}, entfernt {result.removed}")
            if report.undecided or report.rejected or report.changed or dry_run:
                raise _RolledBack
    except _RolledBack:
        for result in results:
            if result.status == IMPORTED:
                result.status = VALID
        if not dry_run:
            _audit_rejected(engine, report, user)
            log.info("import: %d file(s) refused by the stored rows, %d overlap them without a decision, %d planned "
                     "otherwise than their preview; nothing written", sum(r.status == REJECTED for r in results),
                     len(report.undecided), sum(r.status == CHANGED for r in results))
        return report
    for _, result, _ in pending:
        log.info("import %s: kind=%s inserted=%d updated=%d unchanged=%d removed=%d", file_name_for_record(result.file),
                 result.kind, result.inserted, result.updated, result.unchanged, result.removed)
    return report


def _plan_current(conn: Connection, result: FileResult, transformed: tr.Transformed) -> tuple[list[tuple], ld.Plan]:
    """The file's rows and their plan, without what lies wholly before the retention's cut-off (monitor.retention):
    those rows are not stored again (their periods are archived; the next full export would bring them back),
    with one warning that gives their number and the cut-off, and stored rows of that time are not counted as
    to be removed."""
    rows = transformed.records()
    old, cut_off = retention.archived_flags(conn, transformed.kind, rows)
    skipped = sum(old)
    if skipped:
        rows = [row for row, gone in zip(rows, old) if not gone]
        problem = Problem(transformed.file, None, None,
                          t.ARCHIVED_ROWS_SKIPPED.format(count=fmt.number(skipped), cut_off=fmt.date_de(cut_off)),
                          warning=True)
        result.groups = tr.sort_groups(result.groups + tr.group_problems([problem], result.header), result.header)
        result.problems = tr.order_and_cap(result.problems + [problem], result.header)
    plan = ld.plan_file(conn, transformed.kind, rows)
    if cut_off is not None and plan.removals:
        stored_old, _ = retention.archived_flags(conn, transformed.kind, [row for _, _, row in plan.removals])
        plan.removals = [removal for removal, gone in zip(plan.removals, stored_old) if not gone]
    return rows, plan


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


def _outside_scope(transformed: tr.Transformed, scope: Scope) -> list[Problem]:
    """One problem per row of a Gemeinde that `scope` does not allow."""
    column = transformed.columns["ags"]
    if all(scope.allows(ags) for ags in set(column)):
        return []
    allowed = ", ".join(sorted(scope.gemeinden or ())) or t.NO_GEMEINDE_IN_SCOPE
    header = transformed.headers["ags"]
    return [Problem(transformed.file, transformed.lines[row], header, t.OUTSIDE_SCOPE.format(ags=ags, allowed=allowed))
            for row, ags in enumerate(column) if not scope.allows(ags)]


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
    """Rejected files go into the audit log with their checked name, hash and the number of problems: never a cell
    value."""
    rejected = [result for result in report.files if result.status == REJECTED]
    if rejected:
        with engine.begin() as conn:
            for result in rejected:
                audit.record(conn, audit.IMPORT_REJECTED, user,
                             object=f"{result.kind or '?'}:{file_name_for_record(result.file)}",
                             file_sha256=result.sha256, row_count=result.rows, outcome=audit.REFUSED,
                             detail=f"{result.error_count} Probleme")


def _seen_before(results: list[FileResult], hashes: list[str], sha: str) -> tuple[str | None, int]:
    """(kind, rows) of the earlier file of this call with the same bytes."""
    earlier = results[hashes.index(sha)]
    return earlier.kind, earlier.rows
