"""Published-set benchmark: building the set the suppressed views show, as a ratio to loading its data.

``published.from_database(engine, today)`` computes every KPI of every offered Gemeinde for every closed year
and quarter, hides the small counts (primary suppression) and then audits the whole set by linear programming,
hiding more until no hidden count of people can be narrowed to fewer than 5 values (secondary suppression).
Measured in one run on the same machine, on the demo data of one Gemeinde (scale 1: Wietze) and of the
Landkreis Celle (scale 21: its 21 Gemeinden, the gemeindefreie Bezirk Lohheide included), ``today`` =
2026-12-03, each the median of ``--repeat`` runs:

- baseline: loading the frames of every offered Gemeinde from SQLite (``queries.load_all`` per Gemeinde), the
  data the set is made of (fastest of 3 loads, each run). It does not depend on the code under test (KPIs,
  suppression), grows with the data as the set does, and is what a page pays anyway on a cache miss, so the
  ratio says how many loads of the data one build of the set costs (every row of a scale, PostgreSQL too,
  against that scale's SQLite load);
- ``published.from_database`` whole, on SQLite (and PostgreSQL with ``--postgres URL`` or
  ``BENCH_DATABASE_URL``), with where its time goes, by timing the module's own steps while they run: loading,
  the KPIs for all periods (the exact figures, which the unsuppressed roles see), cells and identities, primary
  suppression, secondary suppression (the LP solver and the rest: components, matrices, candidates) and the
  derived figures;
- counts: Gemeinden, periods, cells, identities, hidden cells after each step, secondary rounds, components
  audited and LP calls.

Each run is timed by the wall clock and by the process's CPU time: on a machine shared with other work the
wall-clock seconds of a build of minutes vary more than the CPU seconds.

Peak memory: the build in a fresh process, from the kernel's accounting (``wait4``), against a process that only
loads the frames. Usage:

    .venv/bin/python benchmarks/bench_published.py [--repeat 3] [--scales 1,21] [--postgres URL]

The PostgreSQL database is emptied (schema ``public`` dropped and recreated) before each scale is loaded.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import json
import os
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from contextlib import contextmanager
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("MONITOR_SECRET", "benchmark")

from peak_memory import peak_rss  # noqa: E402
from sqlalchemy import text  # noqa: E402

from etl import demo  # noqa: E402
from etl.pipeline import import_files  # noqa: E402
from monitor import db, lp, published, queries, registry  # noqa: E402

TODAY = date(2026, 12, 3)
RESULTS = ROOT / "benchmarks" / "results"
BASELINE = "baseline: load the frames, sqlite"

# ------------------------------------------------------------------------------------------------------------
# Data
# ------------------------------------------------------------------------------------------------------------


def fresh_engine(url: str):
    engine = db.make_engine(url)
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    db.upgrade(engine)
    return engine


def load_demo(engine, files: list[tuple[str, bytes]]) -> None:
    report = import_files(engine, files, user="benchmark")
    if not report.ok:
        raise RuntimeError(f"demo import failed: {[(f.name, f.status) for f in report.files]}")


def load_frames(engine) -> dict:
    """What from_database reads before it builds: the frames of every offered Gemeinde."""
    return {ags: queries.load_all(engine, ags) for ags in published.offered(queries.case_counts(engine))}


# ------------------------------------------------------------------------------------------------------------
# Steps of the build: the module's own functions, timed while they run
# ------------------------------------------------------------------------------------------------------------

# (label, owner, attribute); nested ones are subtracted from their parents in the report.
_TIMED = (
    ("load", queries, "load_all"),
    ("case counts", queries, "case_counts"),
    ("merge categories", published, "_merge_categories"),
    ("cells", published, "_add_cells"),
    ("primary", published, "_primary"),
    ("coarsen", published, "_coarsen"),
    ("secondary", published, "secondary"),
    ("close derived", published, "_close_derived"),
    ("figures", published, "_figures"),
    ("LP model", lp.Ranges, "__init__"),
    ("LP solve", lp.Ranges, "of"),
)
# Counted calls and the size of the set some steps return.
_COUNTED = ("LP solve", "secondary rounds", "components audited")
_COUNT_ORDER = ("gemeinden", "periods", "cells", "published cells (not context)", "identities",
                "hidden after primary", "hidden after coarsening", "secondary rounds", "components audited",
                "LP cells solved (min and max)", "hidden after secondary", "hidden in the end",
                "hidden published cells", "figures", "withheld figures")
_SIZES = {"primary": "hidden after primary", "coarsen": "hidden after coarsening",
          "secondary": "hidden after secondary", "close derived": "hidden in the end"}


@contextmanager
def timed_steps(seconds: dict[str, float], counts: Counter):
    """Wrap the build's steps so that their time adds up in `seconds`; count LP calls, rounds and components.
    The KPIs are timed by a registry whose compute functions are wrapped (build reads registry.REGISTRY)."""
    targets = [(label, owner, name) for label, owner, name in _TIMED if hasattr(owner, name)]
    originals = [(owner, name, getattr(owner, name)) for _, owner, name in targets]
    counted = [(published, "audit_cells", "secondary rounds"), (published, "_audit_component", "components audited")]
    originals += [(owner, name, getattr(owner, name)) for owner, name, _ in counted if hasattr(owner, name)]
    original_registry = registry.REGISTRY

    def wrap(label, function):
        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                result = function(*args, **kwargs)
            finally:
                seconds[label] += time.perf_counter() - start
                if label in _COUNTED:
                    counts[label] += 1
            if label in _SIZES:
                counts[_SIZES[label]] = len(result)
            return result
        return timed

    def count(label, function):
        def counting(*args, **kwargs):
            counts[label] += 1
            return function(*args, **kwargs)
        return counting

    for label, owner, name in targets:
        setattr(owner, name, wrap(label, getattr(owner, name)))
    for owner, name, label in counted:
        if hasattr(owner, name):
            setattr(owner, name, count(label, getattr(owner, name)))
    registry.REGISTRY = tuple(dataclasses.replace(spec, compute=wrap(f"kpi {spec.id}", spec.compute))
                              for spec in original_registry)
    try:
        yield
    finally:
        registry.REGISTRY = original_registry
        for owner, name, function in originals:
            setattr(owner, name, function)


def breakdown(total: float, s: dict[str, float]) -> dict[str, float]:
    """Exclusive seconds per step; 'other' is finding the periods, the raw figures' dicts and the set itself."""
    steps = {
        "load the frames": s["load"] + s["case counts"],
        "KPIs for all periods": sum(seconds for label, seconds in s.items() if label.startswith("kpi ")),
        "cells and identities": s["merge categories"] + s["cells"],
        "primary suppression": s["primary"] + s["coarsen"],
        "secondary: LP solver (HiGHS models and solves)": s["LP model"] + s["LP solve"],
        "secondary: components, matrices, candidates": s["secondary"] - s["LP model"] - s["LP solve"],
        "derived figures": s["close derived"] + s["figures"],
    }
    steps["other"] = total - sum(steps.values())
    return steps


def run_build(engine) -> tuple[float, float, dict[str, float], dict]:
    """Seconds (wall and CPU) of one from_database call, its steps and counts."""
    seconds: dict[str, float] = defaultdict(float)
    counts: Counter = Counter()
    gc.collect()
    with timed_steps(seconds, counts):
        start, cpu = time.perf_counter(), time.process_time()
        result = published.from_database(engine, TODAY)
        total, cpu = time.perf_counter() - start, time.process_time() - cpu
    counts.update({
        "gemeinden": len(result.gemeinden),
        "periods": len(result.periods),
        "cells": len(result.cells.value),
        "published cells (not context)": len(result.cells.audited),
        "identities": len(result.cells.equations),
        "hidden published cells": len(result.hidden & result.cells.audited),
        "figures": sum(len(f.values) for by_kpi in result.figures.values() for f in by_kpi.values()),
        "withheld figures": sum(len(f.hidden) for by_kpi in result.figures.values() for f in by_kpi.values()),
    })
    counts["LP cells solved (min and max)"] = counts.pop("LP solve", 0)
    steps: dict[str, float] = {}
    for step, step_seconds in breakdown(total, seconds).items():
        steps[step] = step_seconds
        if step == "KPIs for all periods":  # and each KPI's share of it
            steps.update({f"kpi {kpi_id}": seconds[f"kpi {kpi_id}"] for kpi_id in registry.IDS})
    return total, cpu, steps, {name: counts.get(name, 0) for name in _COUNT_ORDER}


def run_load(engine) -> tuple[float, float, dict, dict]:
    """The fastest of 3 loads (wall and CPU seconds): at scale 1 a load is a tenth of a second, where one slow
    start would count."""
    times = []
    for _ in range(3):
        gc.collect()
        start, cpu = time.perf_counter(), time.process_time()
        frames = load_frames(engine)
        times.append((time.perf_counter() - start, time.process_time() - cpu))
        assert frames
        del frames
    return min(times) + ({}, {})


def speed(scale: int, files: list[tuple[str, bytes]], repeat: int, postgres: str | None, tmp: Path) -> dict:
    backends = [("sqlite", f"sqlite:///{tmp}/published{scale}.db")] + ([("postgresql", postgres)] if postgres else [])
    engines = {}
    for backend, url in backends:
        engines[backend] = fresh_engine(url)
        load_demo(engines[backend], files)
    runs: dict[str, list[tuple[float, float, dict, dict]]] = defaultdict(list)
    for i in range(repeat):
        runs[BASELINE].append(run_load(engines["sqlite"]))
        for backend, _ in backends:
            if backend != "sqlite":
                runs[f"load the frames, {backend}"].append(run_load(engines[backend]))
            runs[f"published.from_database, {backend}"].append(run_build(engines[backend]))
        print(f"scale {scale}, run {i + 1}/{repeat}: " + ", ".join(f"{k} {v[-1][0]:.2f} s" for k, v in runs.items()),
              file=sys.stderr)
    for engine in engines.values():
        engine.dispose()
    base = statistics.median(r[0] for r in runs[BASELINE])
    cpu_base = statistics.median(r[1] for r in runs[BASELINE])
    report = {"scale": scale, "rows": sum(data.count(b"\n") - 1 for _, data in files), "runs": {}}
    for label, results in runs.items():
        median, cpu = statistics.median(r[0] for r in results), statistics.median(r[1] for r in results)
        entry = {"median_s": round(median, 3), "ratio_to_baseline": round(median / base, 1),
                 "cpu_median_s": round(cpu, 3), "cpu_ratio_to_baseline": round(cpu / cpu_base, 1),
                 "runs_s": [round(r[0], 3) for r in results], "cpu_runs_s": [round(r[1], 3) for r in results]}
        if results[0][2]:
            entry["steps_s"] = {step: round(statistics.median(r[2][step] for r in results), 3)
                                for step in results[0][2]}
            entry["steps_ratio_to_baseline"] = {step: round(seconds / base, 1)
                                                for step, seconds in entry["steps_s"].items()}
            entry["counts"] = results[0][3]
        report["runs"][label] = entry
    return report


# ------------------------------------------------------------------------------------------------------------
# Peak memory, in fresh processes
# ------------------------------------------------------------------------------------------------------------


_MEASURED = """
import sys
from datetime import date
sys.path.insert(0, {root!r})
from monitor import db, published, queries
engine = db.make_engine(sys.argv[1])
if sys.argv[2] == "load":
    frames = {{ags: queries.load_all(engine, ags) for ags in published.offered(queries.case_counts(engine))}}
else:
    result = published.from_database(engine, date.fromisoformat(sys.argv[3]))
"""


def memory(scale: int, files: list[tuple[str, bytes]], postgres: str | None, tmp: Path) -> dict:
    backends = [("sqlite", f"sqlite:///{tmp}/memory{scale}.db")] + ([("postgresql", postgres)] if postgres else [])
    script = _MEASURED.format(root=str(ROOT))
    report = {}
    for backend, url in backends:
        engine = fresh_engine(url)
        load_demo(engine, files)
        engine.dispose()
        for label, what in (("load the frames", "load"), ("published.from_database", "build")):
            result = peak_rss([sys.executable, "-c", script, url, what, TODAY.isoformat()],
                               {**os.environ, "MONITOR_SECRET": "benchmark"}, ROOT)
            report[f"{label}, {backend}"] = {"peak_rss_mb": round(result["rss"] / 2**20),
                                             "wall_s": round(result["seconds"], 1)}
    return report


# ------------------------------------------------------------------------------------------------------------
# Report
# ------------------------------------------------------------------------------------------------------------


def table(report: dict) -> str:
    """The figures as Markdown tables, for benchmarks/README.md."""
    lines = []
    for scale, entry in report["scales"].items():
        runs = entry["speed"]["runs"]
        lines += [f"Scale {scale} ({entry['speed']['rows']:,} rows):", "",
                  "| run | median | ratio to loading the frames | CPU | CPU ratio | peak RSS |",
                  "|---|---|---|---|---|---|"]
        memory_report = entry.get("memory", {})
        for label, run in runs.items():
            key = label.removeprefix("baseline: ")
            peak = memory_report.get(key, {}).get("peak_rss_mb")
            lines.append(f"| {label} | {run['median_s']:.2f} s | {run['ratio_to_baseline']} | "
                         f"{run['cpu_median_s']:.2f} s | {run['cpu_ratio_to_baseline']} | "
                         f"{f'{peak} MB' if peak else '–'} |")
        builds = [(label, run) for label, run in runs.items() if "steps_s" in run]
        lines += ["", "| step (s, ratio) | " + " | ".join(label for label, _ in builds) + " |",
                  "|---" * (len(builds) + 1) + "|"]
        for step in builds[0][1]["steps_s"]:
            step_label = f"– of them {step.removeprefix('kpi ')}" if step.startswith("kpi ") else step
            lines.append(f"| {step_label} | " + " | ".join(
                f"{run['steps_s'][step]:.2f} ({run['steps_ratio_to_baseline'][step]})" for _, run in builds) + " |")
        lines += ["", "| count | " + " | ".join(label for label, _ in builds) + " |",
                  "|---" * (len(builds) + 1) + "|"]
        for name in builds[0][1]["counts"]:
            lines.append(f"| {name} | " + " | ".join(f"{run['counts'].get(name, 0):,}" for _, run in builds) + " |")
        lines.append("")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--scales", default="1,21", help="demo scales, comma-separated (1: Wietze, 21: Landkreis)")
    parser.add_argument("--postgres", default=os.environ.get("BENCH_DATABASE_URL"),
                        help="PostgreSQL URL (its schema public is dropped and recreated)")
    parser.add_argument("--skip-memory", action="store_true")
    args = parser.parse_args()
    report = {"today": TODAY.isoformat(), "scales": {}}
    with tempfile.TemporaryDirectory() as tmp:
        for scale in (int(s) for s in args.scales.split(",")):
            paths = demo.generate(Path(tmp) / f"demo{scale}", scale=scale)
            files = [(p.name, p.read_bytes()) for p in paths]
            entry = report["scales"][str(scale)] = {"speed": speed(scale, files, args.repeat, args.postgres,
                                                                   Path(tmp))}
            if not args.skip_memory:
                entry["memory"] = memory(scale, files, args.postgres, Path(tmp))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "published.json").write_text(json.dumps(report, indent=2))
    print(json.dumps(report, indent=2))
    print(table(report))


if __name__ == "__main__":
    main()
