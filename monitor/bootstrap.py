"""Start-up: bring the database to the newest schema and, if it is empty, load the shipped demo exports."""

from __future__ import annotations

from sqlalchemy import Engine

from monitor import db, queries, settings


def ensure_ready(engine: Engine | None = None, load_demo: bool = True) -> Engine:
    """Migrate, then load data/demo/*.csv through the normal import pipeline if no data was ever imported."""
    engine = engine or db.get_engine()
    db.upgrade(engine)
    if load_demo and queries.data_version(engine) == 0:
        load_demo_files(engine)
    return engine


def load_demo_files(engine: Engine) -> None:
    from etl.pipeline import import_files

    files = [(p.name, p.read_bytes()) for p in sorted(settings.DEMO_DIR.glob("*.csv"))]
    report = import_files(engine, files, user="demo")
    if not report.ok:
        problems = "; ".join(p.message for f in report.files for p in f.problems[:3])
        raise RuntimeError(f"demo data failed to import: {problems}")
