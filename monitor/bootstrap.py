"""Start-up: bring the database to the newest schema, store the targets of data/ziele.csv once, and, if it is
empty, load the shipped demo exports and the shipped official context tables; once a day, the retention run if one
is due (monitor.retention)."""

from __future__ import annotations

import logging
from datetime import date

from sqlalchemy import Engine, func, or_, select

from monitor import audit, context, db, retention, settings, targets

log = logging.getLogger(__name__)

CONTEXT_DIR = settings.DATA_DIR / "kontext"
# The official tables of data/kontext loaded on the first start, named one by one: never a pattern, because the
# folder also holds the constructed example of the BA export layout, whose figures are invented and must not be
# shown (data/kontext/QUELLEN.md).
OFFICIAL_CONTEXT_FILES = (
    "genesis_12411-0015_bevoelkerung_kreise.csv",
    "regionalstatistik_12411-01-01-4_bevoelkerung_kreise_2018.csv",
    "regionalstatistik_12531_schutzsuchende_kreise_2018.csv",
    "destatis_gemeindeverzeichnis_2019_landkreis_celle_auszug.csv",
)
CONTEXT_ACTOR = "start"


def ensure_ready(engine: Engine | None = None, load_demo: bool = True, load_context: bool | None = None) -> Engine:
    """Migrate, then load data/demo/*.csv through the normal import pipeline if no data was ever imported, and
    the shipped official context tables if no context file was ever imported (``load_context``: as
    ``load_demo`` unless given)."""
    engine = engine or db.get_engine()
    db.upgrade(engine)
    targets.seed(engine)  # once: data/ziele.csv into a database whose targets were never touched
    if load_demo and not _any_data(engine):
        load_demo_files(engine)
    if (load_demo if load_context is None else load_context) and not _any_context(engine):
        load_context_files(engine)
    return engine


def _any_data(engine: Engine) -> bool:
    """Whether the Gemeinde's own data were ever imported: a batch is stored (also when the audit entries of the
    imports have expired), or the audit log records an import, undo or retention run of them. A context table's
    import or removal does not count: with the official tables alone, the first start still loads the demo."""
    log_ = db.audit_log
    with engine.connect() as conn:
        if conn.execute(select(func.count()).select_from(db.import_batches)).scalar_one() > 0:
            return True
        own = or_(log_.c.object.is_(None), ~log_.c.object.like(f"{context.OBJECT_PREFIX}%"))
        return conn.execute(select(func.count()).select_from(log_).where(
            log_.c.action.in_((audit.IMPORT, audit.DELETE, audit.RETENTION)), own)).scalar_one() > 0


def _any_context(engine: Engine) -> bool:
    """Whether a context file was ever imported: one is stored, or the audit log records an import or removal of
    one (a table the administration removed is not loaded again at the next start)."""
    with engine.connect() as conn:
        if conn.execute(select(func.count()).select_from(db.context_files)).scalar_one() > 0:
            return True
        return conn.execute(select(func.count()).select_from(db.audit_log)
                            .where(db.audit_log.c.object.like(f"{context.OBJECT_PREFIX}%"),
                                   db.audit_log.c.action.in_((audit.IMPORT, audit.DELETE)))).scalar_one() > 0


def daily(engine: Engine | None = None, today: date | None = None) -> retention.Result | None:
    """The retention run at start-up: at most once a day, and only when something is due. A failure is logged
    and the dashboard starts all the same (the run is tried again the next day or start)."""
    try:
        return retention.run_if_due(engine or db.get_engine(), today)
    except Exception:  # the details may name the database server: logged, not shown
        log.exception("retention run failed")
        return None


def load_demo_files(engine: Engine) -> None:
    from etl.pipeline import import_files

    files = [(p.name, p.read_bytes()) for p in sorted(settings.DEMO_DIR.glob("*.csv"))]
    report = import_files(engine, files, user="demo")
    if not report.ok:
        problems = "; ".join(p.message for f in report.files for p in f.problems[:3])
        raise RuntimeError(f"demo data failed to import: {problems}")


def load_context_files(engine: Engine) -> None:
    """The official tables of OFFICIAL_CONTEXT_FILES through the context import (all or none). A failure is
    logged and the dashboard starts all the same: the page Kontext then says that no table is imported."""
    from etl.context import import_files

    files = [(name, (CONTEXT_DIR / name).read_bytes()) for name in OFFICIAL_CONTEXT_FILES
             if (CONTEXT_DIR / name).is_file()]
    try:
        results = import_files(engine, files, actor=CONTEXT_ACTOR)
    except context.ContextError:
        log.exception("context tables failed to import")
        return
    for result in results:
        if result.error:
            log.error("context table refused: %s", result.error)
