"""Retention (docs/datenschutz.md, "Aufbewahrung"): microdata are kept for the current year plus N years
(``MONITOR_RETENTION_YEARS``, default 2), then only the figures; audit entries for M months
(``MONITOR_AUDIT_RETENTION_MONTHS``, default and least 12).

A run, in one transaction:

1. **Archive.** For every Gemeinde whose records begin before the cut-off (1 January of the current year minus
   N), the exact figures of every KPI part of every closed quarter and year before the cut-off, and of the
   period before the first (the stocks the published set takes as known context), go into ``kpi_archive``; its
   first day, the day of its first case, the newest day of the removed rows and the number of removed cases into
   ``kpi_archive_extent``. Periods archived before stay as they are. From then on every figure of those periods
   comes from there (monitor.source).
2. **Remove.** Every row that lies wholly before the cut-off (``expired``) and the earlier versions of removed
   rows kept for undoing imports.
3. **Expire** audit entries older than M months (``monitor.audit.expire``; the database refuses younger ones).
4. **Log**: one audit entry with counts only, and the run with its cut-off in ``retention_runs``.

At start-up ``run_if_due`` runs it at most once a day, and only when something is due.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import pandas as pd
from sqlalchemy import Connection, Engine, delete, func, insert, select

from monitor import audit, contract, db, fmt, periods, queries, settings
from monitor.periods import Period
from monitor.source import FigureSource
from monitor.texts import cli as t

log = logging.getLogger(__name__)

CHUNK = 500  # ids per DELETE

# --- which rows go -------------------------------------------------------------------------------------------

_ENDED_ENROLMENT = ("regulaer_beendet", "abgebrochen")
_ENDED_INTERNSHIP = ("abgeschlossen", "abgebrochen")


def _flag(values: pd.Series) -> pd.Series:
    return values.astype("boolean").fillna(False).astype(bool)


# A row is only removed when it is over: a case closed, a course ended, an enrolment ended (or broken off
# before it began), an internship completed or broken off, a partner no longer active, a staffing row ended.
# Contacts, café sessions and network events are over on their day.
_FINISHED: dict[str, Callable[[pd.DataFrame], pd.Series]] = {
    "cases": lambda f: f["closed_on"].notna(),
    "courses": lambda f: f["end"].notna(),
    "enrolments": lambda f: f["ended_on"].notna() | _flag(f["status"].isin(_ENDED_ENROLMENT)),
    "internships": lambda f: _flag(f["status"].isin(_ENDED_INTERNSHIP)),
    "partners": lambda f: f["active_until"].notna(),
    "staffing": lambda f: f["valid_until"].notna(),
}


def date_fields(kind: contract.Kind) -> list[str]:
    return [f.name for f in kind.fields if f.type == contract.DATE]


@dataclass(frozen=True)
class Seen:
    """Who still appears on or after the cut-off: the (ags, case pseudonym) and (ags, officer) of the contacts
    dated then. A case or staffing row they need (K18 joins contacts to the case's gender and the officer's)
    is kept, even if it ended before."""

    cases: frozenset[tuple[str, str]] = frozenset()
    officers: frozenset[tuple[str, str]] = frozenset()


def _text(values: pd.Series) -> pd.Series:
    return values.astype("string").fillna("").str.strip()


def expired(kind: contract.Kind, frame: pd.DataFrame, cut_off: date, seen: Seen = Seen()) -> pd.Series:
    """The rows (a typed frame of the kind) that lie wholly before the cut-off: at least one date, every date
    before it, and the row is over (_FINISHED), and no contact on or after it needs it (Seen)."""
    limit = pd.Timestamp(cut_off)
    before = pd.Series(True, index=frame.index)
    dated = pd.Series(False, index=frame.index)
    for name in date_fields(kind):
        days = frame[name]
        before &= days.isna() | (days < limit)
        dated |= days.notna()
    out = before & dated
    if kind.name in _FINISHED:
        out &= _FINISHED[kind.name](frame)
    if kind.name == "cases" and seen.cases:
        out &= ~pd.Series([k in seen.cases for k in zip(_text(frame["ags"]), _text(frame["case_id"]))],
                          index=frame.index, dtype=bool)
    if kind.name == "staffing" and seen.officers:
        out &= ~pd.Series([k in seen.officers for k in zip(_text(frame["ags"]), _text(frame["officer"]))],
                          index=frame.index, dtype=bool)
    return out.astype(bool)


def seen_after(conn: Connection, cut_off: date, ags: list[str] | None = None) -> Seen:
    """Seen from the stored contacts dated on or after the cut-off (of the given Gemeinden, or all)."""
    table = db.TABLES["contacts"]
    query = select(table.c.ags, table.c.case_id, table.c.officer).where(table.c.date >= cut_off).distinct()
    if ags is not None:
        query = query.where(table.c.ags.in_(ags))
    cases, officers = set(), set()
    for row_ags, case_id, officer in conn.execute(query):
        cases.add((str(row_ags).strip(), str(case_id or "").strip()))
        officers.add((str(row_ags).strip(), str(officer or "").strip()))
    return Seen(frozenset(cases), frozenset(officers))


def cut_off_for(today: date, years: int | None) -> date | None:
    """1 January of the current year minus `years`; None when retention is off."""
    return None if years is None else date(today.year - years, 1, 1)


# --- imports after a run -------------------------------------------------------------------------------------


def archived_flags(conn: Connection, kind: contract.Kind, rows: list[tuple]) -> tuple[list[bool], date | None]:
    """For rows of a kind (tuples in field order): whether each lies wholly before the archive's cut-off (its
    periods are archived, so the import does not store it again), and that cut-off (None: nothing archived)."""
    cut_off = queries.archive_cut_off(conn)
    if cut_off is None or not rows:
        return [False] * len(rows), cut_off
    positions = [i for i, f in enumerate(kind.fields) if f.name in judged_fields(kind)]
    frame = judged_frame(kind, ([row[i] for i in positions] for row in rows), judged_fields(kind))
    seen = Seen()
    if kind.name in ("cases", "staffing"):
        seen = seen_after(conn, cut_off, sorted({str(a) for a in frame["ags"].dropna()}))
    return expired(kind, frame, cut_off, seen).tolist(), cut_off


# --- a run ---------------------------------------------------------------------------------------------------


@dataclass
class Result:
    """What a run removed (or, in a dry run, would remove): counts only."""

    cut_off: date | None
    audit_before: datetime | None
    years: int | None
    months: int | None
    removed: dict[str, int] = field(default_factory=dict)  # kind -> rows
    versions: int = 0  # earlier versions of rows (row_versions) removed
    archived: int = 0  # (Gemeinde, period) archived
    audit_removed: int = 0
    dry_run: bool = False

    @property
    def rows(self) -> int:
        return sum(self.removed.values())

    @property
    def changed(self) -> bool:
        return bool(self.rows or self.versions or self.archived or self.audit_removed)

    def detail(self) -> str:
        """The counts in German, for the audit log (at most 255 characters)."""
        kinds = ", ".join(f"{contract.kind(k).label} {n}" for k, n in self.removed.items() if n)
        return t.RETENTION_DETAIL.format(kinds=kinds or "–", versions=self.versions, archived=self.archived,
                                         audit=self.audit_removed)[:255]


def _all_gemeinden(conn: Connection) -> list[str]:
    keys: set[str] = set()
    for table in [*db.TABLES.values(), db.kpi_archive_extent]:
        keys.update(r[0] for r in conn.execute(select(table.c.ags).distinct()))
    return sorted(keys)


def _archive_periods(source: FigureSource, cut_off: date) -> list[Period]:
    """The closed quarters and years before the cut-off from the year of the first day, and the period before
    the first one (its stocks are the published set's context), that are not archived yet and can be computed."""
    from monitor import published  # here, not at the top: the import (archived_flags) needs none of its LP solver

    first = source.first_day()
    if first is None or first >= cut_off:
        return []
    periods_ = published.closed_periods(date(first.year, 1, 1), cut_off)
    if not periods_:
        return []
    wanted = [periods_[0].previous(), *periods_]
    return [p for p in wanted if p.key not in source.archive.values and not source.archived(p)]


def _archive_gemeinde(conn: Connection, ags: str, source: FigureSource, wanted: list[Period], gone: dict,
                      today: date, dry_run: bool) -> None:
    """Store the figures of the wanted periods and the Gemeinde's extent."""
    if dry_run:
        return
    rows = [dict(ags=ags, period=period.key, kpi=kpi_id, part=part, value=None if value is None else float(value))
            for period in wanted for kpi_id, parts in source.values(period).items() for part, value in parts.items()]
    for start in range(0, len(rows), 5_000):
        conn.execute(insert(db.kpi_archive), rows[start:start + 5_000])
    extent, archive = db.kpi_archive_extent, source.archive
    stands = [d for d in (archive.stand, periods.newest_day(gone, today)) if d is not None]
    conn.execute(delete(extent).where(extent.c.ags == ags))
    conn.execute(insert(extent).values(ags=ags, first_day=source.first_day(), first_case=source.first_case(),
                                       stand=max(stands) if stands else None,
                                       cases=archive.cases + len(gone["cases"])))


def _remove_versions(conn: Connection, removed_ids: dict[str, list[int]], cut_off: date, seen: Seen,
                     dry_run: bool) -> int:
    """Earlier versions kept for undoing imports: those of removed rows, and rows a replacing import removed
    that lie wholly before the cut-off (undoing that import would bring them back)."""
    table = db.row_versions
    doomed: set[int] = set()
    for kind_name, ids in removed_ids.items():
        for start in range(0, len(ids), CHUNK):
            query = select(table.c.id).where(table.c.kind == kind_name, table.c.row_id.in_(ids[start:start + CHUNK]))
            doomed.update(conn.execute(query).scalars())
    query = select(table.c.id, table.c.kind, table.c.previous).where(table.c.action == "delete")
    by_kind: dict[str, list[tuple[int, dict]]] = {}
    for version_id, kind_name, previous in conn.execute(query):
        by_kind.setdefault(kind_name, []).append((version_id, json.loads(previous)))
    for kind_name, versions in by_kind.items():
        kind = contract.kind(kind_name)
        frame = queries.typed_frame(kind, pd.DataFrame([v for _, v in versions]))
        mask = expired(kind, frame, cut_off, seen)
        doomed.update(version_id for (version_id, _), old in zip(versions, mask) if old)
    if not dry_run:
        ids = sorted(doomed)
        for start in range(0, len(ids), CHUNK):
            conn.execute(delete(table).where(table.c.id.in_(ids[start:start + CHUNK])))
    return len(doomed)


def run(engine: Engine, today: date | None = None, *, dry_run: bool = False, actor: str = "system",
        now: datetime | None = None) -> Result:
    """One retention run (see the module's docstring). Raises settings.SettingError (German) for a setting it
    cannot use. A dry run changes nothing and gives the same counts."""
    today = today or date.today()
    now = now or datetime.now(UTC)
    years, months = settings.retention_years(), settings.audit_retention_months()
    cut_off = cut_off_for(today, years)
    audit_before = None if months is None else audit.months_before(now, months)
    result = Result(cut_off, audit_before, years, months, dry_run=dry_run)
    with engine.begin() as conn:
        if cut_off is not None:
            archive_cut_off = queries.archive_cut_off(conn)
            seen = seen_after(conn, cut_off)
            removed_ids: dict[str, list[int]] = {}
            for ags in _all_gemeinden(conn):
                frames = queries.load_all(conn, ags, with_ids=True)
                gone = {}
                for kind in contract.KINDS:
                    frame = frames[kind.name]
                    gone[kind.name] = frame[expired(kind, frame, cut_off, seen)]
                    ids = [int(i) for i in gone[kind.name].index]
                    if ids:
                        removed_ids.setdefault(kind.name, []).extend(ids)
                source = FigureSource({k: f.reset_index(drop=True) for k, f in frames.items()},
                                      queries.load_archive(conn, ags), archive_cut_off)
                wanted = _archive_periods(source, cut_off)
                if wanted:
                    _archive_gemeinde(conn, ags, source, wanted, gone, today, dry_run)
                    result.archived += len(wanted)
                elif not dry_run and not gone["cases"].empty:  # cases removed of a Gemeinde without figures
                    _add_cases(conn, ags, len(gone["cases"]))
            result.versions = _remove_versions(conn, removed_ids, cut_off, seen, dry_run)
            for kind in contract.KINDS:
                ids = removed_ids.get(kind.name, [])
                result.removed[kind.name] = len(ids)
                if not dry_run:
                    table = db.TABLES[kind.name]
                    for start in range(0, len(ids), CHUNK):
                        conn.execute(delete(table).where(table.c.id.in_(ids[start:start + CHUNK])))
                    if ids:
                        db.refresh_row_counts(conn, kind.name)
        if audit_before is not None:
            result.audit_removed = audit.count_older(conn, audit_before) if dry_run \
                else audit.expire(conn, audit_before, actor)
        if not dry_run:
            conn.execute(insert(db.retention_runs).values(ran_at=now, cut_off=cut_off))
            audit.record(conn, audit.RETENTION, actor, object=t.RETENTION_OBJECT.format(
                cut_off=fmt.date_de(cut_off) if cut_off else "–"), row_count=result.rows, detail=result.detail(),
                at=now)
    log.info("retention%s: cut-off %s, rows %s, versions %d, periods archived %d, audit entries %d",
             " (dry run)" if dry_run else "", cut_off, result.removed, result.versions, result.archived,
             result.audit_removed)
    return result


def _add_cases(conn: Connection, ags: str, count: int) -> None:
    extent = db.kpi_archive_extent
    found = conn.execute(select(extent.c.cases).where(extent.c.ags == ags)).scalar_one_or_none()
    if found is None:
        conn.execute(insert(extent).values(ags=ags, cases=count))
    else:
        conn.execute(extent.update().where(extent.c.ags == ags).values(cases=found + count))


# --- at start-up ---------------------------------------------------------------------------------------------


def last_run(engine: Engine) -> datetime | None:
    with engine.connect() as conn:
        moment = conn.execute(select(func.max(db.retention_runs.c.ran_at))).scalar_one()
    if moment is None:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def due(engine: Engine, today: date | None = None, now: datetime | None = None) -> bool:
    """Whether a run would change anything: a Gemeinde has periods to archive, a row lies wholly before the
    cut-off, or an audit entry is older than its period. Reads little: the first days per Gemeinde, the rows
    whose dates all lie before the cut-off, and a count of the audit log."""
    today, now = today or date.today(), now or datetime.now(UTC)
    years, months = settings.retention_years(), settings.audit_retention_months()
    cut_off = cut_off_for(today, years)
    with engine.connect() as conn:
        if months is not None and audit.count_older(conn, audit.months_before(now, months)):
            return True
        if cut_off is None:
            return False
        archived = queries.archive_cut_off(conn)
        if (archived is None or archived < cut_off) and _first_day_before(conn, cut_off):
            return True
        seen = None
        for kind in contract.KINDS:
            candidates = _candidates(conn, kind, cut_off)
            if candidates.empty:
                continue
            seen = seen or seen_after(conn, cut_off)
            if expired(kind, candidates, cut_off, seen).any():
                return True
    return False


def _first_day_before(conn: Connection, cut_off: date) -> bool:
    for table, column in ((db.TABLES["cases"], "opened_on"), (db.TABLES["staffing"], "valid_from"),
                          (db.kpi_archive_extent, "first_day")):
        first = conn.execute(select(func.min(table.c[column]))).scalar_one()
        if first is not None and first < cut_off:
            return True
    return False


def _candidates(conn: Connection, kind: contract.Kind, cut_off: date) -> pd.DataFrame:
    """The rows whose dates all lie before the cut-off (at least one given): those expired() judges further."""
    table = db.TABLES[kind.name]
    names = judged_fields(kind)
    dates = [table.c[name] for name in date_fields(kind)]
    query = select(*[table.c[name] for name in names]).where(
        *[(c.is_(None)) | (c < cut_off) for c in dates],
        (func.coalesce(*dates) if len(dates) > 1 else dates[0]) < cut_off)
    rows = conn.execute(query).all()
    return judged_frame(kind, rows, names) if rows else pd.DataFrame()


def judged_fields(kind: contract.Kind) -> list[str]:
    """The fields expired() reads: the dates, the Gemeinde, and the case, officer and status where it has them."""
    return [f.name for f in kind.fields
            if f.type == contract.DATE or f.name in ("ags", "case_id", "officer", "status")]


def judged_frame(kind: contract.Kind, rows: list, names: list[str]) -> pd.DataFrame:
    """Rows (tuples of the fields `names`) as the frame expired() judges: dates as datetimes, the rest as they
    are. Lighter than queries.typed_frame, for the daily check and for large uploads."""
    frame = pd.DataFrame(list(rows), columns=names)
    for name in date_fields(kind):
        frame[name] = pd.to_datetime(frame[name], errors="coerce").astype("datetime64[ns]")
    return frame


def run_if_due(engine: Engine, today: date | None = None) -> Result | None:
    """At start-up: a run when none ran today and something is due (see `due`); None otherwise. A setting it
    cannot use is logged (German) and the run skipped: the dashboard starts all the same."""
    today = today or date.today()
    try:
        last = last_run(engine)
        if last is not None and last.astimezone(fmt.TIME_ZONE).date() >= today:
            return None
        if not due(engine, today):
            return None
        return run(engine, today)
    except settings.SettingError as err:
        log.error("retention skipped: %s", err)
        return None

