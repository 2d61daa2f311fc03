"""The import: files -> extract -> transform -> load, all or nothing.

All files of one call are validated first; if any is rejected, nothing of the call is written. Otherwise
all are loaded in ONE transaction, each file as one import batch, in ``contract.LOAD_ORDER``. A file whose
SHA-256 is already in ``import_batches`` is "unchanged" and not read again.

Logging carries file names, kinds and counts only, never a cell value.
"""

from __future__ import annotations

import gc
import hashlib
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone

from sqlalchemy import Engine, select

from etl import extract as ex
from etl import load as ld
from etl import transform as tr
from etl.extract import Problem
from monitor import audit, contract, db, settings
from monitor.texts import errors as t

__all__ = ["FileResult", "ImportReport", "Problem", "format_problem", "import_files", "validate_file"]

log = logging.getLogger(__name__)

IMPORTED, UNCHANGED, VALID, REJECTED = "imported", "unchanged", "valid", "rejected"


@dataclass
class FileResult:
    file: str
    kind: str | None
    status: str  # "imported", "unchanged" (same bytes imported before), "valid" (validated, not written), "rejected"
    rows: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    encoding: str | None = None
    delimiter: str | None = None
    problems: list[Problem] = field(default_factory=list)


@dataclass
class ImportReport:
    files: list[FileResult]

    @property
    def ok(self) -> bool:
        """Nothing rejected."""
        return all(f.status != REJECTED for f in self.files)


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


def validate_file(file: str, data: bytes, kind: str | None = None,
                  secret: bytes | None = None) -> tuple[FileResult, tr.Transformed]:
    """Extract and transform one file (no database). Status "valid" or "rejected"."""
    with bulk_mode():
        raw = ex.extract(file, data)
        transformed = tr.transform(raw, kind, secret if secret is not None else settings.pseudonym_secret())
    problems = tr.order_and_cap(raw.problems + transformed.problems, raw.header)
    result = FileResult(
        file=file,
        kind=transformed.kind.name if transformed.kind else None,
        status=REJECTED if problems else VALID,
        rows=len(raw.rows) + raw.ragged,
        encoding=raw.encoding,
        delimiter=raw.delimiter,
        problems=problems,
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


def import_files(engine: Engine, files: list[tuple[str, bytes]], user: str, dry_run: bool = False,
                 kind: str | None = None) -> ImportReport:
    """Validate all files, then (unless dry_run or something was rejected) load them in one transaction."""
    hashes = [hashlib.sha256(data).hexdigest() for _, data in files]
    known = _known_batches(engine, sorted(set(hashes)))
    secret = settings.pseudonym_secret()
    results: list[FileResult] = []
    pending: list[tuple[int, FileResult, tr.Transformed, str]] = []
    seen: set[str] = set()
    for (name, data), sha in zip(files, hashes):
        if sha in known or sha in seen:
            before = known.get(sha) or _seen_before(results, hashes, sha)
            results.append(FileResult(file=name, kind=before[0], status=UNCHANGED, rows=before[1]))
            log.info("import %s: already imported", name)
            continue
        seen.add(sha)
        result, transformed = validate_file(name, data, kind, secret)
        results.append(result)
        log.info("import %s: kind=%s rows=%d problems=%d", name, result.kind, result.rows, len(result.problems))
        if result.status == VALID:
            pending.append((len(results) - 1, result, transformed, sha))
    report = ImportReport(results)
    if not dry_run:
        _audit_rejected(engine, report, hashes, user)
    if not report.ok or not pending:
        return report

    order = {name: i for i, name in enumerate(contract.LOAD_ORDER)}
    pending.sort(key=lambda item: (order.get(item[1].kind, len(order)), item[0]))
    if dry_run:
        with engine.connect() as conn:
            for _, result, transformed, _ in pending:
                counts = ld.preview(conn, transformed.kind, transformed.records()).counts
                result.inserted, result.updated, result.unchanged = counts
        return report

    now = datetime.now(timezone.utc)
    with bulk_mode(), engine.begin() as conn:
        for _, result, transformed, sha in pending:
            _, plan = ld.load(conn, transformed.kind, transformed.records(), file_name=result.file, sha256=sha,
                              user=user, now=now)
            result.inserted, result.updated, result.unchanged = plan.counts
            result.status = IMPORTED
            audit.record(conn, audit.IMPORT, user, object=f"{result.kind}:{result.file}", file_sha256=sha,
                         row_count=result.rows, detail=f"neu {result.inserted}, geändert {result.updated}", at=now)
    for _, result, _, _ in pending:
        log.info("import %s: kind=%s inserted=%d updated=%d unchanged=%d", result.file, result.kind,
                 result.inserted, result.updated, result.unchanged)
    return report


def _audit_rejected(engine: Engine, report: ImportReport, hashes: list[str], user: str) -> None:
    """Rejected files go into the audit log with name, hash and the number of problems: never a cell value."""
    rejected = [(result, sha) for result, sha in zip(report.files, hashes) if result.status == REJECTED]
    if rejected:
        with engine.begin() as conn:
            for result, sha in rejected:
                audit.record(conn, audit.IMPORT_REJECTED, user, object=f"{result.kind or '?'}:{result.file}",
                             file_sha256=sha, row_count=result.rows, outcome=audit.REFUSED,
                             detail=f"{len(result.problems)} Probleme")


def _seen_before(results: list[FileResult], hashes: list[str], sha: str) -> tuple[str | None, int]:
    """(kind, rows) of the earlier file of this call with the same bytes."""
    earlier = results[hashes.index(sha)]
    return earlier.kind, earlier.rows
