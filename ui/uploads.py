"""What the upload page shows, as plain data: the preview of a validation run and the problem report.

Pure functions over etl.pipeline's ImportReport; no Streamlit here. They live in ui/, not in monitor/, since the
domain does not know the import pipeline. Tables for the page are German text (numbers with a thousands dot,
"–" where there is no value), so that no "None" and no "4662" reach the page.
"""

from __future__ import annotations

import csv
import io

import pandas as pd

from etl import mappings, vocabulary
from etl.extract import normalise_header
from etl.pipeline import OVERLAP, REJECTED, UNCHANGED, VALID, FileResult, ImportReport, period_text
from monitor import contract, fmt
from monitor.texts import errors, ui
from ui.downloads import neutralise

REPLACE, MERGE, SKIP = "replace", "merge", "skip"  # the user's decision on a file that overlaps stored rows
DECISIONS = (REPLACE, MERGE, SKIP)


def overlapping(result: FileResult) -> bool:
    """Whether the file changes or removes stored rows, so that the user must decide (or has decided)."""
    return result.status == OVERLAP or (result.status == VALID and bool(result.updated or result.stale))


def chosen(decisions: dict[str, str]) -> tuple[set[str], set[str]]:
    """(SHA-256 of the files that replace stored rows, of those that add to them), as the user decided."""
    return ({sha for sha, decision in decisions.items() if decision == REPLACE},
            {sha for sha, decision in decisions.items() if decision == MERGE})


def to_import(report: ImportReport, decisions: dict[str, str]) -> list[str] | None:
    """SHA-256 of the files an import would write, as the user decided; None while the import cannot run
    (a file rejected, an overlap undecided, or nothing new)."""
    if report.rejected or any(decisions.get(f.sha256) is None for f in report.undecided):
        return None
    chosen = [f.sha256 for f in report.files
              if f.status in (VALID, OVERLAP) and decisions.get(f.sha256) != SKIP]
    return chosen or None


def fingerprints(report: ImportReport, chosen: list[str]) -> dict[str, str]:
    """SHA-256 -> the file's fingerprint in this preview, of the files an import would write: what the import
    checks under its lock (etl.pipeline ``expected``)."""
    return {f.sha256: f.fingerprint for f in report.files if f.sha256 in chosen}


def outdated(report: ImportReport, decided: dict[str, tuple[str, str]]) -> set[str]:
    """SHA-256 of the files whose decision (decision, fingerprint of the preview it was made on) was made on
    another plan than this preview's: the stored rows changed since, so the decision no longer holds."""
    return {f.sha256 for f in report.files
            if f.sha256 in decided and f.fingerprint and decided[f.sha256][1] != f.fingerprint}


def _state(result: FileResult, decision: str | None) -> str:
    if result.status == REJECTED:
        return ui.UPLOAD_STATE_REJECTED.format(count=fmt.number(result.error_count))
    if result.status == UNCHANGED:
        return ui.UPLOAD_STATE_UNCHANGED
    if decision == SKIP and overlapping(result):
        return ui.UPLOAD_STATE_SKIP
    if result.status == OVERLAP:
        return ui.UPLOAD_STATE_OVERLAP
    if not overlapping(result):
        state = ui.UPLOAD_STATE_VALID
    else:
        state = ui.UPLOAD_STATE_MERGE if decision == MERGE else ui.UPLOAD_STATE_REPLACE
    if result.warnings:
        state += ui.UPLOAD_STATE_WARNINGS.format(count=fmt.number(result.warning_count))
    return state


def preview(report: ImportReport, decisions: dict[str, str] | None = None) -> pd.DataFrame:
    """One row per file: kind, encoding, delimiter, rows, the period covered and what an import would change
    (German columns)."""
    decisions = decisions or {}
    rows = []
    for result in report.files:
        kind = contract.kind(result.kind).label if result.kind else fmt.MISSING
        if result.mapped and result.kind:
            kind += ui.UPLOAD_KIND_MAPPED
        counted = result.status not in (REJECTED, UNCHANGED)  # only a validated file says what would change
        rows.append({
            ui.UPLOAD_COL_FILE: result.file,
            ui.UPLOAD_COL_KIND: kind,
            ui.UPLOAD_COL_ENCODING: ui.ENCODING_LABELS.get((result.encoding or "").lower(),
                                                           result.encoding or fmt.MISSING),
            ui.UPLOAD_COL_DELIMITER: errors.DELIMITER_NAMES.get(result.delimiter or "", fmt.MISSING),
            ui.UPLOAD_COL_ROWS: fmt.number(result.rows),
            ui.UPLOAD_COL_PERIOD: period_text(result.period),
            ui.UPLOAD_COL_NEW: fmt.number(result.inserted) if counted else fmt.MISSING,
            ui.UPLOAD_COL_CHANGED: fmt.number(result.updated) if counted else fmt.MISSING,
            ui.UPLOAD_COL_REMOVED: fmt.number(result.removed) if counted else fmt.MISSING,
            ui.UPLOAD_COL_UNCHANGED: fmt.number(result.unchanged) if counted else fmt.MISSING,
            ui.UPLOAD_COL_STATE: _state(result, decisions.get(result.sha256)),
        })
    return pd.DataFrame(rows)


def problems(report: ImportReport) -> pd.DataFrame:
    """Every problem of every file, errors and warnings: file, line in the file, column, kind, message
    (German columns)."""
    rows = [{ui.UPLOAD_COL_FILE: p.file, ui.UPLOAD_COL_LINE: p.line, ui.UPLOAD_COL_COLUMN: p.column or "",
             ui.UPLOAD_COL_SEVERITY: ui.UPLOAD_WARNING if p.warning else ui.UPLOAD_ERROR,
             ui.UPLOAD_COL_MESSAGE: p.message}
            for result in report.files for p in result.problems]
    frame = pd.DataFrame(rows, columns=[ui.UPLOAD_COL_FILE, ui.UPLOAD_COL_LINE, ui.UPLOAD_COL_COLUMN,
                                        ui.UPLOAD_COL_SEVERITY, ui.UPLOAD_COL_MESSAGE])
    return frame.astype({ui.UPLOAD_COL_LINE: "Int64"})


def problem_groups(report: ImportReport) -> pd.DataFrame:
    """The problems of every file counted by column and kind of problem, all of them (the list below stops at
    20 a column): file, column, error or warning, how many, the first lines, the first message (German columns)."""
    rows = [{ui.UPLOAD_COL_FILE: g.file, ui.UPLOAD_COL_COLUMN: g.column or "",
             ui.UPLOAD_COL_SEVERITY: ui.UPLOAD_WARNING if g.warning else ui.UPLOAD_ERROR,
             ui.UPLOAD_COL_COUNT: fmt.number(g.count),
             ui.UPLOAD_COL_LINES: ", ".join(map(fmt.number, g.lines)) + (" …" if g.count > len(g.lines) > 0 else "")
             or fmt.MISSING,
             ui.UPLOAD_COL_EXAMPLE: g.message}
            for result in report.files for g in result.groups]
    return pd.DataFrame(rows, columns=[ui.UPLOAD_COL_FILE, ui.UPLOAD_COL_COLUMN, ui.UPLOAD_COL_SEVERITY,
                                       ui.UPLOAD_COL_COUNT, ui.UPLOAD_COL_LINES, ui.UPLOAD_COL_EXAMPLE])


def needs_columns(result: FileResult) -> bool:
    """Whether to offer the column mapping: the header fits no kind, or a remembered mapping was applied
    (which the user may want to correct)."""
    return bool(result.header) and result.status != UNCHANGED and (not result.header_fits or result.mapped)


def needs_values(result: FileResult) -> bool:
    """Whether to offer the value mapping: a code field holds values that are no code."""
    return bool(result.unknown_codes) and result.kind is not None


MAX_VALUE_CHOICES = 30  # own values of one column offered for mapping at once


def value_choices(result: FileResult) -> tuple[dict[str, list[str]], int]:
    """(code field -> the file's own values to map, at most MAX_VALUE_CHOICES each; how many were left out). Many
    values that are no code mean a column mapped to the wrong field, not a vocabulary to map one by one."""
    shown = {name: values[:MAX_VALUE_CHOICES] for name, values in result.unknown_codes.items()}
    return shown, sum(len(values) for values in result.unknown_codes.values()) - sum(map(len, shown.values()))


def value_options(kind_name: str, field_name: str) -> tuple[str, ...]:
    """The codes an own value of a field can be mapped to: the field's code list, or for the Ortsteil every
    Ortsteil code of data/ortsteile.csv."""
    return vocabulary.mappable_codes(contract.kind(kind_name).field(field_name))


def mappable_columns(header: list[str]) -> list[tuple[str, str]]:
    """(header as written, normalised) of each named column, each name once."""
    out, seen = [], set()
    for name in header:
        normalised = normalise_header(name)
        if normalised and normalised not in seen:
            seen.add(normalised)
            out.append((name.strip(), normalised))
    return out


def identifying_header(kind: contract.Kind, header: str) -> bool:
    """A column that may not be mapped at all, not even as "not taken over": its name says it holds personal
    data, holds some itself or is too long to keep (etl.mappings.source_problem; the kind's own contract column,
    like the partners' "name" of an institution, always may)."""
    return mappings.source_problem(kind, header, 1) is not None


def mapping_table(stored: pd.DataFrame) -> pd.DataFrame:
    """Remembered mappings for the page, German columns."""
    def what(row) -> str:
        if row["table"] == "column_mappings":
            return ui.MAPPINGS_KIND_COLUMNS
        return contract.kind(row["kind"]).field(row["field"]).header

    return pd.DataFrame({
        ui.MAPPINGS_COLUMNS["what"]: [what(row) for row in stored.to_dict("records")],
        ui.MAPPINGS_COLUMNS["kind"]: stored["kind"].map(lambda k: contract.kind(k).label),
        ui.MAPPINGS_COLUMNS["mapping"]: stored["mapping"],
        ui.MAPPINGS_COLUMNS["created_by"]: stored["created_by"],
        ui.MAPPINGS_COLUMNS["created_at"]: fmt.local_times(stored["created_at"]).map(
            lambda t: f"{fmt.date_de(t)} {fmt.time_de(t)}"),
    })


def mapping_label(record: dict) -> str:
    """"Fälle · Spalten · fall_nr → fall_id, …" for choosing a mapping to delete (cut to a line)."""
    what = ui.MAPPINGS_KIND_COLUMNS if record["table"] == "column_mappings" else record["field"]
    text = f"{contract.kind(record['kind']).label} · {what} · {record['mapping']}"
    return text if len(text) <= 100 else text[:99] + "…"


def problems_shown(frame: pd.DataFrame) -> pd.DataFrame:
    """The problem report for the page: a problem of the whole file has "–" as its line."""
    return frame.assign(**{ui.UPLOAD_COL_LINE: frame[ui.UPLOAD_COL_LINE].map(fmt.number)})


def problems_csv(frame: pd.DataFrame) -> bytes:
    """The problem report for Excel: semicolons, UTF-8 with BOM, CRLF; a cell that Excel would take for a
    formula (= + - @, tab, carriage return first) gets a leading apostrophe (CWE-1236)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(frame.columns)
    for row in frame.itertuples(index=False):
        writer.writerow([neutralise("" if pd.isna(v) else str(v)) for v in row])
    return buffer.getvalue().encode("utf-8-sig")


def history(batches: pd.DataFrame) -> pd.DataFrame:
    """Import batches for the history table, German columns."""
    return pd.DataFrame({
        ui.UPLOAD_COL_NO: batches["id"],
        ui.UPLOAD_COL_WHEN: batches["imported_at"],
        ui.UPLOAD_COL_FILE: batches["file_name"],
        ui.UPLOAD_COL_KIND: batches["kind"].map(lambda k: contract.kind(k).label if k in contract.KINDS_BY_NAME else k),
        ui.UPLOAD_COL_ROWS: batches["row_count"].map(fmt.number),
        ui.UPLOAD_COL_NEW: batches["inserted"].map(fmt.number),
        ui.UPLOAD_COL_CHANGED: batches["updated"].map(fmt.number),
        ui.UPLOAD_COL_BY: batches["imported_by"],
        ui.UPLOAD_COL_HASH: batches["sha256"].str[:12],
    })


def batch_label(batch: dict) -> str:
    """"Nr. 12 · faelle.csv · 24.11.2026 14:05" for choosing a batch to undo."""
    return ui.UNDO_OPTION.format(no=batch["id"], file=batch["file_name"], when=fmt.date_de(batch["imported_at"]),
                                 time=fmt.time_de(batch["imported_at"]))
