"""Start-up: bring the database to the newest schema, store the targets of data/ziele.csv once, and, if it is
empty, load the shipped demo exports; once a day, the retention run if one is due (monitor.retention)."""

from __future__ import annotations

import logging
from datetime import date

from sqlalchemy import Engine, func, select

from monitor import db, queries, retention, settings, targets

log = logging.getLogger(__name__)


def ensure_ready(engine: Engine | None = None, load_demo: bool = True) -> Engine:
    """Migrate, then load data/demo/*.csv through the normal import pipeline if no data was ever imported."""
    engine = engine or db.get_engine()
    db.upgrade(engine)
    targets.seed(engine)  # once: data/ziele.csv into a database whose targets were never touched
    if load_demo and queries.data_version(engine) == 0 and not _any_batch(engine):
        load_demo_files(engine)
    return engine


def _any_batch(engine: Engine) -> bool:
    """Whether anything was ever imported: also when the audit entries of the imports have expired."""
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(db.import_batches)).scalar_one() > 0


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
