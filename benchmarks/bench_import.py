"""Import benchmark: a contacts export of 100,000 rows, as a ratio to reading the same bytes with pandas.

The file looks like a real export (Windows-1252, semicolons, CRLF, German dates), drawn from a fixed seed
over the Gemeinden of the Landkreis Celle. Measured in one run on the same machine, each the median of
``--repeat`` runs, each run on a new, empty database:

- baseline: ``pandas.read_csv`` of the same bytes with ``sep=";"`` and ``encoding="cp1252"`` (fastest of 3 reads
  in a process of its own, each run);
- validation only: ``import_files(..., dry_run=True)`` on an empty database;
- full import into an empty SQLite database (and PostgreSQL with ``--postgres URL`` or ``BENCH_DATABASE_URL``);
- re-import of a changed version of the file (5 % of the rows changed, 1 % new) over the first one;
- the database alone: the same rows, validated beforehand, written into an empty table by the import's own
  write and committed (the part of an import no validation can make faster).

Every run also records where its time goes (extract, parse and checks, pandera, pseudonymise, fetching the
stored rows, planning, writing), by timing the pipeline's own functions.

Peak memory: ``python -m monitor import`` on a 10 MB contacts file in a fresh process, against a process that
only imports the modules. Usage:

    .venv/bin/python benchmarks/bench_import.py [--repeat 5] [--rows 100000] [--postgres URL]

The PostgreSQL database is emptied (schema ``public`` dropped and recreated) before each run.
"""

from __future__ import annotations

import argparse
import csv
import gc
import io
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("MONITOR_SECRET", "benchmark")

from peak_memory import peak_rss  # noqa: E402
from sqlalchemy import text  # noqa: E402

from etl import demo, extract as ex, load as ld, pipeline, transform as tr  # noqa: E402
from monitor import contract, db  # noqa: E402

SEED = 2015
FIRST_DAY, LAST_DAY = date(2015, 10, 1), date(2026, 11, 24)
OFFICERS = {"IB-M": 55, "IB-W": 35, "IB-Mü": 10}  # an umlaut, so the file is not plain ASCII
CONTACTS_PER_CASE = 6.6
MEMORY_FILE_BYTES = 10 * 2**20
CHANGED_SHARE, NEW_SHARE = 0.05, 0.01
RESULTS = ROOT / "benchmarks" / "results"

# ------------------------------------------------------------------------------------------------------------
# The file
# ------------------------------------------------------------------------------------------------------------


def contact_rows(n: int, seed: int = SEED) -> list[dict]:
    """n valid contact rows over the Gemeinden of the Landkreis Celle (by population), from a fixed seed."""
    rng = random.Random(seed)
    gemeinden = demo.load_gemeinden()
    weights = [g.population for g in gemeinden]
    total = sum(weights)
    cases = {g.ags: max(1, round(n * g.population / total / CONTACTS_PER_CASE)) for g in gemeinden}
    numbers: dict[str, int] = defaultdict(int)
    topic_order = contract.CONTACTS.field("topics").codes
    topic_weights = demo.TOPICS["refugee"]
    span = (LAST_DAY - FIRST_DAY).days
    rows = []
    for gemeinde in rng.choices(gemeinden, weights=weights, k=n):
        ags = gemeinde.ags
        numbers[ags] += 1
        case = rng.randrange(cases[ags])
        day = demo._weekday(FIRST_DAY + timedelta(days=rng.randrange(span)))
        ctype = demo._pick(rng, demo.CONTACT_TYPES)
        topics = {demo._pick(rng, topic_weights) for _ in range(rng.choice((1, 1, 2, 2, 3)))}
        low, high = demo.MINUTES[ctype]
        partner = f"P{rng.randint(1, 22):02d}" if rng.random() < 0.16 else ""
        rows.append(dict(
            ags=ags, contact_id=f"K-{numbers[ags]:06d}", case_id=f"F-{2015 + case % 12}-{case // 12 + 1:04d}",
            date=day, contact_type=ctype, topics="|".join(t for t in topic_order if t in topics),
            officer=demo._pick(rng, OFFICERS), duration_min=str(5 * round(rng.randint(low, high) / 5)),
            referral_partner=partner, referral_feedback=demo._yes_no(rng.random() < 0.62) if partner else "",
        ))
    rows.sort(key=lambda r: (r["date"], r["ags"], r["contact_id"]))
    for row in rows:
        row["date"] = demo._de(row["date"])
    return rows


def changed_rows(rows: list[dict], seed: int = SEED) -> list[dict]:
    """The next quarter's export: 5 % of the rows with another duration, 1 % new contacts at the end."""
    rng = random.Random(seed + 1)
    out = [dict(r) for r in rows]
    for row in rng.sample(out, round(len(out) * CHANGED_SHARE)):
        row["duration_min"] = str(int(row["duration_min"]) + 5)
    extra = contact_rows(round(len(rows) * NEW_SHARE), seed + 2)
    for number, row in enumerate(extra, start=1):
        row["contact_id"] = f"N-{number:06d}"
    return out + extra


def export(rows: list[dict]) -> bytes:
    """As Excel saves "CSV (Trennzeichen-getrennt)": German headers, `;`, CRLF, Windows-1252."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(contract.CONTACTS.headers)
    for row in rows:
        writer.writerow([row[f.name] for f in contract.CONTACTS.fields])
    return buffer.getvalue().encode("cp1252")


# ------------------------------------------------------------------------------------------------------------
# Stages: the pipeline's own functions, timed while they run
# ------------------------------------------------------------------------------------------------------------

# (label, module, attribute); nested stages are subtracted from their parents in the report.
_TIMED = (
    ("extract", ex, "extract"),
    ("transform", tr, "transform"),
    ("frame", tr, "_frame"),
    ("pseudonymise", tr, "pseudonymise"),
    ("records", tr.Transformed, "records"),
    ("write", ld, "write"),
    ("fetch stored rows", ld, "existing_rows"),
    ("plan", ld, "plan"),
)


@contextmanager
def timed_stages(seconds: dict[str, float]):
    """Wrap the pipeline's stage functions (and pandera's validate) so that their time adds up in `seconds`."""
    schema_class = type(tr.schema("contacts"))
    targets = [(label, owner, name) for label, owner, name in _TIMED if hasattr(owner, name)]
    targets.append(("pandera", schema_class, "validate"))
    originals = [(owner, name, getattr(owner, name)) for _, owner, name in targets]

    def wrap(label, function):
        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                seconds[label] += time.perf_counter() - start
        return timed

    for (label, owner, name), (_, _, function) in zip(targets, originals):
        setattr(owner, name, wrap(label, function))
    try:
        yield
    finally:
        for owner, name, function in originals:
            setattr(owner, name, function)


def breakdown(total: float, s: dict[str, float]) -> dict[str, float]:
    """Exclusive seconds per stage; 'other' is hashing, audit log, transaction and commit."""
    transform = s["transform"]
    return {
        "extract (decode, csv)": s["extract"],
        "parse and checks": transform - s["frame"] - s["pandera"] - s["pseudonymise"],
        "frame for pandera": s["frame"],
        "pandera": s["pandera"],
        "pseudonymise": s["pseudonymise"],
        "rows as tuples": s["records"],
        "fetch stored rows": s["fetch stored rows"],
        "plan": s["plan"],
        "write": s["write"],
        "other (hash, audit, commit)": total - s["extract"] - transform - s["records"] - s["write"]
        - s["fetch stored rows"] - s["plan"],
    }


# ------------------------------------------------------------------------------------------------------------
# Runs
# ------------------------------------------------------------------------------------------------------------


def vocabulary_files() -> list[tuple[str, bytes]]:
    """The staffing and network partners of every Gemeinde: the officers' Kürzel and partner_ids the contacts
    name (a contact naming an unknown one is refused)."""
    gemeinden = [g.ags for g in demo.load_gemeinden()]
    staffing = [f"{ags};{officer};w;0,5;01.10.2015" for ags in gemeinden for officer in OFFICERS]
    partners = [f"{ags};P{n:02d};Einrichtung {n};verein;gemeinde;01.10.2015" for ags in gemeinden for n in range(1, 23)]
    return [(name, ("\r\n".join([header, *lines]) + "\r\n").encode("utf-8")) for name, header, lines in (
        ("stellenanteile.csv", "gemeinde_ags;kuerzel;geschlecht;vze;gueltig_ab", staffing),
        ("netzwerkpartner.csv", "gemeinde_ags;partner_id;name;partnertyp;ebene;aktiv_seit", partners))]


def fresh_engine(url: str):
    """An empty database at the newest migration with the staffing and partners (``vocabulary_files``) stored."""
    engine = db.make_engine(url)
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    db.upgrade(engine)
    assert pipeline.import_files(engine, vocabulary_files(), user="benchmark").ok
    return engine


def run_import(engine, name: str, data: bytes, dry_run: bool = False) -> tuple[float, dict[str, float], dict]:
    """Seconds of one import_files call, its stages and counts."""
    seconds: dict[str, float] = defaultdict(float)
    gc.collect()
    with timed_stages(seconds):
        start = time.perf_counter()
        # replace=True: the changed file of the re-import overlaps the stored period (the user said "replace")
        report = pipeline.import_files(engine, [(name, data)], user="benchmark", dry_run=dry_run, replace=True)
        total = time.perf_counter() - start
    result = report.files[0]
    expected = pipeline.VALID if dry_run else pipeline.IMPORTED
    if result.status != expected:
        problems = [pipeline.format_problem(p) for p in result.problems[:5]]
        raise RuntimeError(f"{name}: {result.status} {problems}")
    return total, breakdown(total, seconds), {"inserted": result.inserted, "updated": result.updated,
                                              "unchanged": result.unchanged}


def write_only(engine, transformed) -> float:
    """Seconds to write already validated rows into an empty table and commit, through the import's own write
    (driver-level chunks, COPY on PostgreSQL): what the database alone costs an import, the floor under it."""
    rows = transformed.records()
    gc.collect()
    start = time.perf_counter()
    with engine.begin() as conn:
        ld.write(conn, transformed.kind, rows, ld.Plan(inserts=rows), file_name="kontakte.csv", sha256="0" * 64,
                 user="benchmark")
    return time.perf_counter() - start


_READ_CSV = """
import gc, io, sys, time
import pandas as pd
data = sys.stdin.buffer.read()
times = []
for _ in range(3):
    gc.collect()
    start = time.perf_counter()
    frame = pd.read_csv(io.BytesIO(data), sep=";", encoding="cp1252")
    times.append(time.perf_counter() - start)
    assert len(frame) > 0
    del frame
print(min(times))
"""


def read_csv_seconds(data: bytes) -> float:
    """The fastest of 3 reads in a process of its own, so that the baseline does not depend on what the code
    under test left in this process's memory allocators."""
    out = subprocess.run([sys.executable, "-c", _READ_CSV], input=data, capture_output=True, check=True)
    return float(out.stdout)


def speed(rows: int, repeat: int, postgres: str | None, tmp: Path) -> dict:
    contacts = contact_rows(rows)
    data = export(contacts)
    changed = export(changed_rows(contacts))
    del contacts
    _, validated = pipeline.validate_file("kontakte.csv", data)
    runs: dict[str, list[tuple[float, dict, dict]]] = defaultdict(list)
    backends = [("sqlite", None)] + ([("postgresql", postgres)] if postgres else [])
    for i in range(repeat):
        runs["baseline: pandas.read_csv"].append((read_csv_seconds(data), {}, {}))
        engine = fresh_engine(f"sqlite:///{tmp}/dry{i}.db")
        runs["validation only (dry run)"].append(run_import(engine, "kontakte.csv", data, dry_run=True))
        engine.dispose()
        for backend, url in backends:
            engine = fresh_engine(url or f"sqlite:///{tmp}/full{i}.db")
            runs[f"full import, {backend}"].append(run_import(engine, "kontakte.csv", data))
            runs[f"re-import changed file, {backend}"].append(run_import(engine, "kontakte_q2.csv", changed))
            engine.dispose()
            engine = fresh_engine(url or f"sqlite:///{tmp}/write{i}.db")
            runs[f"database alone: write and commit, {backend}"].append((write_only(engine, validated), {}, {}))
            engine.dispose()
        print(f"run {i + 1}/{repeat}: " + ", ".join(f"{k} {v[-1][0]:.2f} s" for k, v in runs.items()), file=sys.stderr)
    base = statistics.median(r[0] for r in runs["baseline: pandas.read_csv"])
    report = {"rows": rows, "file_bytes": len(data), "runs": {}}
    for label, results in runs.items():
        median = statistics.median(r[0] for r in results)
        entry = {"median_s": round(median, 3), "ratio_to_baseline": round(median / base, 1),
                 "runs_s": [round(r[0], 3) for r in results]}
        if results[0][1]:
            entry["stages_s"] = {stage: round(statistics.median(r[1][stage] for r in results), 3)
                                 for stage in results[0][1]}
            entry["counts"] = results[0][2]
        report["runs"][label] = entry
    return report


# ------------------------------------------------------------------------------------------------------------
# Peak memory of the command line, in fresh processes
# ------------------------------------------------------------------------------------------------------------


def memory(repeat: int, postgres: str | None, tmp: Path) -> dict:
    per_row = len(export(contact_rows(2000))) / 2000
    rows = contact_rows(int(MEMORY_FILE_BYTES / per_row * 1.01) + 1)
    data = export(rows)
    while len(data) > MEMORY_FILE_BYTES * 1.02:
        rows = rows[: int(len(rows) * MEMORY_FILE_BYTES / len(data))]
        data = export(rows)
    path = tmp / "kontakte.csv"
    path.write_bytes(data)
    python = [sys.executable]
    resident = ("import resource; from pathlib import Path; "
                "print(int(Path('/proc/self/statm').read_text().split()[1]) * resource.getpagesize())")
    commands = {
        "only the modules imported": (python + ["-c", f"import monitor.cli, etl.pipeline; {resident}"], None),
        "python -m monitor import --dry-run": (python + ["-m", "monitor", "import", "--dry-run", str(path)], None),
        "python -m monitor import, sqlite": (python + ["-m", "monitor", "import", str(path)], None),
    }
    if postgres:
        commands["python -m monitor import, postgresql"] = (python + ["-m", "monitor", "import", str(path)], postgres)
    results: dict[str, list[dict]] = defaultdict(list)
    for i in range(repeat):
        for label, (args, url) in commands.items():
            url = url or f"sqlite:///{tmp}/memory{i}-{len(results[label])}.db"
            fresh_engine(url).dispose()
            env = {**os.environ, "MONITOR_SECRET": "benchmark", "DATABASE_URL": url}
            results[label].append(peak_rss(args, env, ROOT))
    report = {
        "file_bytes": len(data),
        "rows": len(rows),
        "runs": {
            label: {"peak_rss_mb": round(statistics.median(r["rss"] for r in values) / 2**20),
                    "wall_s": round(statistics.median(r["seconds"] for r in values), 2),
                    "runs_mb": [round(r["rss"] / 2**20) for r in values]}
            for label, values in results.items()
        },
    }
    baseline = results["only the modules imported"]
    report["runs"]["only the modules imported"]["resident_after_mb"] = round(
        statistics.median(int(r["stdout"]) for r in baseline) / 2**20)
    return report


def table(report: dict) -> str:
    """The figures as Markdown tables, for benchmarks/README.md."""
    lines = []
    if "speed" in report:
        runs = report["speed"]["runs"]
        lines += [f"{report['speed']['rows']:,} rows, {report['speed']['file_bytes'] / 2**20:.1f} MB:", "",
                  "| run | median | ratio to read_csv |", "|---|---|---|"]
        for label, entry in runs.items():
            lines.append(f"| {label} | {entry['median_s']:.2f} s | {entry['ratio_to_baseline']} |")
        stage_runs = [(label, e["stages_s"]) for label, e in runs.items() if "stages_s" in e]
        lines += ["", "| stage (s) | " + " | ".join(label for label, _ in stage_runs) + " |",
                  "|---" * (len(stage_runs) + 1) + "|"]
        for stage in stage_runs[0][1]:
            lines.append(f"| {stage} | " + " | ".join(f"{s[stage]:.2f}" for _, s in stage_runs) + " |")
        lines.append("")
    if "memory" in report:
        memory_report = report["memory"]
        lines += [f"Peak RSS, {memory_report['file_bytes'] / 2**20:.1f} MB file ({memory_report['rows']:,} rows):",
                  "", "| process | peak RSS | wall |", "|---|---|---|"]
        for label, entry in memory_report["runs"].items():
            after = f" (resident afterwards: {entry['resident_after_mb']} MB)" if "resident_after_mb" in entry else ""
            lines.append(f"| {label} | {entry['peak_rss_mb']} MB{after} | {entry['wall_s']:.1f} s |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--postgres", default=os.environ.get("BENCH_DATABASE_URL"),
                        help="PostgreSQL URL (its schema public is dropped and recreated)")
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--skip-memory", action="store_true")
    args = parser.parse_args()
    report = {}
    with tempfile.TemporaryDirectory() as tmp:
        if not args.skip_speed:
            report["speed"] = speed(args.rows, args.repeat, args.postgres, Path(tmp))
        if not args.skip_memory:
            report["memory"] = memory(max(1, min(args.repeat, 3)), args.postgres, Path(tmp))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "import.json").write_text(json.dumps(report, indent=2))
    print(json.dumps(report, indent=2))
    print(table(report))


if __name__ == "__main__":
    main()
