"""What the upload page shows, as plain data: the preview of a validation run and the problem report.

Pure functions over etl.pipeline's ImportReport; no Streamlit here. Tables for the page are German text
(numbers with a thousands dot, "–" where there is no value), so that no "None" and no "4662" reach the page.
"""

from __future__ import annotations

import csv
import io

import pandas as pd

from etl.pipeline import REJECTED, UNCHANGED, ImportReport
from monitor import contract, fmt
from monitor.texts import errors, ui


def preview(report: ImportReport) -> pd.DataFrame:
    """One row per file: kind, encoding, delimiter, rows and what an import would change (German columns)."""
    rows = []
    for result in report.files:
        kind = contract.kind(result.kind).label if result.kind else fmt.MISSING
        if result.status == REJECTED:
            state = ui.UPLOAD_STATE_REJECTED.format(count=len(result.problems))
        elif result.status == UNCHANGED:
            state = ui.UPLOAD_STATE_UNCHANGED
        else:
            state = ui.UPLOAD_STATE_VALID
        counted = result.status not in (REJECTED, UNCHANGED)  # only a validated file says what would change
        rows.append({
            ui.UPLOAD_COL_FILE: result.file,
            ui.UPLOAD_COL_KIND: kind,
            ui.UPLOAD_COL_ENCODING: ui.ENCODING_LABELS.get((result.encoding or "").lower(),
                                                           result.encoding or fmt.MISSING),
            ui.UPLOAD_COL_DELIMITER: errors.DELIMITER_NAMES.get(result.delimiter or "", fmt.MISSING),
            ui.UPLOAD_COL_ROWS: fmt.number(result.rows),
            ui.UPLOAD_COL_NEW: fmt.number(result.inserted) if counted else fmt.MISSING,
            ui.UPLOAD_COL_CHANGED: fmt.number(result.updated) if counted else fmt.MISSING,
            ui.UPLOAD_COL_UNCHANGED: fmt.number(result.unchanged) if counted else fmt.MISSING,
            ui.UPLOAD_COL_STATE: state,
        })
    return pd.DataFrame(rows)


def problems(report: ImportReport) -> pd.DataFrame:
    """Every problem of every file: file, line in the file, column, message (German columns)."""
    rows = [{ui.UPLOAD_COL_FILE: p.file, ui.UPLOAD_COL_LINE: p.line, ui.UPLOAD_COL_COLUMN: p.column or "",
             ui.UPLOAD_COL_MESSAGE: p.message}
            for result in report.files for p in result.problems]
    frame = pd.DataFrame(rows, columns=[ui.UPLOAD_COL_FILE, ui.UPLOAD_COL_LINE, ui.UPLOAD_COL_COLUMN,
                                        ui.UPLOAD_COL_MESSAGE])
    return frame.astype({ui.UPLOAD_COL_LINE: "Int64"})


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


def neutralise(text: str) -> str:
    """Prefix a text that a spreadsheet would run as a formula with an apostrophe."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


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
