"""Page benchmark: the server's time to build each page of figures, as a ratio to the bare SQL the page needs.

The pages are found in the code: the overview, the page Kontext (the Gemeinde's own figures per 1,000 inhabitants
and, for a viewer of every Gemeinde, all of them compared) and every measure page of
``monitor.views.MEASURE_PAGES`` that is registered in ``monitor.roles.PAGES`` and has its file in pages/ (a page
added later is measured without an edit here). Each page is run through Streamlit's AppTest (the page's script with
its caches, as the server runs it, without a browser) on the demo data of the Landkreis Celle (``demo --scale 21``,
then the retention run the app makes on its first start), for Wietze and the Gemeinde with the most cases, on
SQLite and PostgreSQL, for an exact role (``buergermeister``: the Gemeinde's FigureSource) and a suppressed one
(``rat``: the published set):

- first view after an import: ``st.cache_data.clear()`` and a new data version (an import's audit entry), then
  the page in a new session;
- cached: the same page again in a new session, once the data version's reads are cached.

For the suppressed role, the first view of a Gemeinde after an import builds that Gemeinde's part of the published
set (``published.from_database`` with its AGS), the same call whichever of its pages comes first. That build is
measured truly cold ``--cold-suppressed`` times per backend and Gemeinde (its overview, caches cleared, new data
version; the time inside the build is taken apart), and every page's own share as its first view with every cache
cleared but the sets: a suppressed page's first view after an import is then its Gemeinde's set plus its own
share. That is what a view waits for without an earlier set in the process. In the server, after an import,
a suppressed view shows the set published until then while the new one is built in the background, and reloads
itself when it is ready (ui.cache.published_set): measured as each page viewed right after a new data version
with that background build running, and the seconds until every offered Gemeinde's new set is ready.

Baseline, in the same run: the bare SQL the page needs, the fields its KPIs are computed from (the registry's
``sources`` of the page's KPIs) selected for that Gemeinde with SQLAlchemy Core and every row fetched, fastest of
3, on the same engine. Reported: medians of ``--repeat`` runs (wall clock and the process's CPU time) and
their ratios to the baseline, against the bounds of the issue (cached < 0.5 s; first view after an import < 2 s).
At the end cProfiles of the slowest first view of each role and of the slowest cached view (on SQLite) are written
next to the results. Each run is timed by the wall clock and by the process's CPU time (AppTest runs the page in a
thread of this process): on a machine shared with other work the CPU seconds vary less.

    .venv/bin/python benchmarks/bench_pages.py [--scale 21] [--repeat 3] [--postgres URL] [--no-profile]

``--postgres`` or ``BENCH_DATABASE_URL``: that database's schema ``public`` is dropped and recreated. Results:
benchmarks/results/pages.json (and pages-profile-*.txt).
"""

from __future__ import annotations

import argparse
import gc
import io
import json
import os
import pstats
import statistics
import sys
import tempfile
import time
import types
from collections import defaultdict
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("MONITOR_SECRET", "benchmark")

import streamlit as st  # noqa: E402
import streamlit.logger  # noqa: E402

streamlit.logger.set_log_level("error")  # the caches made at import and reads outside a page run warn on each call

from sqlalchemy import select, text  # noqa: E402
from streamlit.runtime.caching.cache_utils import CachedFunc  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from etl import demo  # noqa: E402
from etl.pipeline import import_files  # noqa: E402
from monitor import audit, auth, bootstrap, db, overview, published, queries, registry, roles, views  # noqa: E402
from monitor.texts import ui  # noqa: E402
from monitor.views import kontext as kontext_view  # noqa: E402
from ui import cache, filters, session  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
PAGES_DIR = ROOT / "pages"
OVERVIEW = "uebersicht"
KONTEXT = "kontext"  # its baseline: the fields of its KPIs of every Gemeinde, which it compares
WIETZE = demo.WIETZE
EXACT, SUPPRESSED = roles.MAYOR, roles.COUNCIL
BOUND_CACHED, BOUND_FIRST = 0.5, 2.0  # seconds, from the issue
TIMEOUT = 1800  # an AppTest run may build the published set
FLOOR_PAGE = 'import streamlit as st\nst.title("Boden")\nst.metric("Kennzahl", "42")\n'


# ------------------------------------------------------------------------------------------------------------
# What is measured: the pages and the fields their KPIs are computed from
# ------------------------------------------------------------------------------------------------------------


def pages() -> tuple[dict[str, tuple[str, ...]], list[str]]:
    """(page stem -> its KPI ids, for the overview and every measure page the app has; the measure pages declared
    in MEASURE_PAGES that are not pages yet)."""
    found = {OVERVIEW: tuple(spec.id for spec in registry.REGISTRY if spec.overview)}
    if KONTEXT in roles.PAGES and (PAGES_DIR / f"{KONTEXT}.py").exists():
        found[KONTEXT] = kontext_view.OWN_KPIS  # its own figures per 1,000, and every Gemeinde's compared
    missing = []
    for page, kpi_ids in views.MEASURE_PAGES.items():
        if page in roles.PAGES and (PAGES_DIR / f"{page}.py").exists():
            found[page] = kpi_ids
        else:
            missing.append(page)
    return found, missing


def sources(kpi_ids: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """kind -> the fields the KPIs are computed from (the union of their registry ``sources``, in order)."""
    fields: dict[str, list[str]] = defaultdict(list)
    for kpi_id in kpi_ids:
        for kind, names in registry.spec(kpi_id).sources:
            fields[kind] += [name for name in names if name not in fields[kind]]
    return {kind: tuple(names) for kind, names in fields.items()}


def bare_sql(engine, needed: dict[str, tuple[str, ...]], ags: str | None) -> tuple[float, int]:
    """The baseline: seconds of the fastest of 3 selects of the needed fields of one Gemeinde (None: of every
    Gemeinde), every row fetched; and the number of rows."""
    best, rows = float("inf"), 0
    for _ in range(3):
        gc.collect()
        start = time.perf_counter()
        with engine.connect() as conn:
            rows = 0
            for kind, names in needed.items():
                table = db.TABLES[kind]
                query = select(*[table.c[name] for name in names])
                rows += len(conn.execute(query if ags is None else query.where(table.c.ags == ags)).all())
        best = min(best, time.perf_counter() - start)
    return best, rows


# ------------------------------------------------------------------------------------------------------------
# The database
# ------------------------------------------------------------------------------------------------------------


def fresh_engine(url: str):
    engine = db.make_engine(url)
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    db.upgrade(engine)
    return engine


def prepare(url: str, files: list[tuple[str, bytes]]) -> dict:
    """Load the demo data as `python -m monitor demo` does, then the retention run of the app's first start, and
    the accounts of the two roles; seconds and rows of each step."""
    engine = fresh_engine(url)
    start = time.perf_counter()
    report = import_files(engine, files, user="benchmark")
    if not report.ok:
        raise RuntimeError(f"demo import failed: {[(f.name, f.status) for f in report.files]}")
    imported = time.perf_counter() - start
    start = time.perf_counter()
    result = bootstrap.daily(engine)
    retention = time.perf_counter() - start
    bootstrap.load_context_files(engine)  # the official populations of the page Kontext, as on a first start
    for role in (EXACT, SUPPRESSED):
        auth.add_user(engine, account(role), role, "ein langes Passwort für den Benchmark", actor="benchmark")
    counts = queries.case_counts(engine)
    engine.dispose()
    return {"import_s": round(imported, 2), "retention_s": round(retention, 2),
            "retention_cut_off": result.cut_off.isoformat() if result and result.cut_off else None,
            "rows_removed_by_retention": dict(result.removed) if result else {}, "cases": counts}


def account(role: str) -> str:
    return f"benchmark-{role}"


def use_database(url: str) -> None:
    """Point the app at `url` (as tests/app/conftest.py does) with empty caches."""
    os.environ["DATABASE_URL"] = url
    db.get_engine.cache_clear()
    st.cache_data.clear()


def new_data_version() -> int:
    """What an import does to the pages' caches: a new data version (the import's audit entry, here without
    rows) and Streamlit's data cache cleared."""
    engine = db.get_engine()
    audit.record(engine, audit.IMPORT, "benchmark", detail="benchmark: new data version")
    st.cache_data.clear()
    return queries.data_version(engine)


def clear_all_but_the_set() -> None:
    """Every cached read of ui.cache cleared except the published set (of the current data version)."""
    for value in vars(cache).values():
        if isinstance(value, CachedFunc) and value is not cache._published:
            value.clear()


# ------------------------------------------------------------------------------------------------------------
# Running a page
# ------------------------------------------------------------------------------------------------------------


class Timed:
    """Wall-clock seconds spent inside published.from_database while it is wrapped (the published set's build)."""

    def __init__(self):
        self.seconds = 0.0
        self.original = published.from_database

    def __enter__(self):
        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return self.original(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - start
        published.from_database = timed
        return self

    def __exit__(self, *exc):
        published.from_database = self.original


_components: list = []  # the installed components, found once as the server does at its start


def view(script: Path, role: str | None, ags: str | None, updating: bool = False) -> tuple[float, float]:
    """Wall and CPU seconds of one run of the page in a new session, logged in with `role`, Gemeinde `ags`.

    A new AppTest looks for installed Streamlit components in the metadata of every installed package on its first
    run (about 0.25 s); the server does that once when it starts, not per session. So every AppTest here shares
    the components found by the first."""
    at = AppTest.from_file(str(script), default_timeout=TIMEOUT)
    if _components:
        at._bidi_component_manager = _components[0]
    at.context = {"locale": "de-DE"}
    if role is not None:
        at.session_state[session.STATE] = {"name": account(role), "role": role, "last_seen": datetime.now(UTC)}
    if ags is not None:
        at.session_state[filters.REMEMBERED] = {"ags": ags}  # the Gemeinde chosen on an earlier page
    gc.collect()
    start, cpu = time.perf_counter(), time.process_time()
    at.run()
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    if not _components:
        _components.append(at._bidi_component_manager)
    if at.exception or at.error:
        raise RuntimeError(f"{script.name} as {role}: {[e.value for e in at.exception or at.error]}")
    if ags is not None and not any(overview.gemeinde_name(ags) in c.value for c in at.caption):
        raise RuntimeError(f"{script.name} as {role} does not show {ags}")
    if updating and ui.PUBLISHED_UPDATING not in [i.value for i in at.info]:
        raise RuntimeError(f"{script.name} as {role} did not show the set published until then")
    return wall, cpu


def page_view(page: str, role: str, ags: str, updating: bool = False) -> tuple[float, float]:
    return view(PAGES_DIR / f"{page}.py", role, ags, updating)


def after_import_in_server(found: dict, ags: str) -> tuple[dict[str, tuple[float, float]], float]:
    """The server's path after an import: a new data version, the app's run starts building the published sets of
    every offered Gemeinde in the background (dashboard.py: cache.prepare_published), and each page of `ags` is
    viewed at once, while its set is still being built, so it shows the set published until then
    (ui.cache.published_set). The pages' (wall, CPU) seconds, and the seconds until every new set was ready."""
    new_data_version()
    runtime = cache.runtime
    cache.runtime = types.SimpleNamespace(exists=lambda: True)  # as in the server, for ui.cache only
    try:
        start = time.perf_counter()
        if not cache.prepare_published(date.today()):
            raise RuntimeError("no preparation of the new sets was started")
        views = {page: page_view(page, SUPPRESSED, ags, updating=True) for page in found}
        while cache._started:  # the background builds
            if time.perf_counter() - start > 1800:
                raise RuntimeError("the new published sets were not ready after 30 minutes")
            time.sleep(0.05)
        return views, time.perf_counter() - start
    finally:
        cache.runtime = runtime


def measure_backend(backend: str, url: str, found: dict, gemeinden: list[str], repeat: int, cold_suppressed: int,
                    tmp: Path) -> dict:
    use_database(url)
    engine = db.get_engine()
    floor_script = tmp / "floor.py"
    floor_script.write_text(FLOOR_PAGE)
    for page in found:  # imports and first compilations, not measured
        page_view(page, EXACT, WIETZE)
    view(floor_script, None, None)
    floor = [view(floor_script, None, None)[0] for _ in range(5)]
    runs: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))

    def key(page, role, ags):
        return f"{page}|{role}|{ags}"

    for i in range(repeat):
        # the exact role: every page's first view after an import, then cached
        for ags in gemeinden:
            for page, kpi_ids in found.items():
                entry = runs[key(page, EXACT, ags)]
                seconds, rows = bare_sql(engine, sources(kpi_ids), None if page == KONTEXT else ags)
                entry["baseline_s"].append(seconds)
                entry["rows"] = rows
                new_data_version()
                wall, cpu = page_view(page, EXACT, ags)
                entry["first_s"].append(wall)
                entry["first_cpu_s"].append(cpu)
                wall, cpu = page_view(page, EXACT, ags)
                entry["cached_s"].append(wall)
                entry["cached_cpu_s"].append(cpu)
        print(f"{backend}, run {i + 1}/{repeat}: {EXACT} done", file=sys.stderr)

    # the suppressed role: the Gemeinde's part of the published set, built by its first view after an import
    cold = []
    for ags in gemeinden:
        for _ in range(cold_suppressed):
            new_data_version()
            with Timed() as inside:
                wall, cpu = page_view(OVERVIEW, SUPPRESSED, ags)
            cold.append({"page": OVERVIEW, "ags": ags, "wall_s": round(wall, 3), "cpu_s": round(cpu, 3),
                         "published_set_s": round(inside.seconds, 3), "rest_s": round(wall - inside.seconds, 3)})
            print(f"{backend}: first suppressed view of {ags} {wall:.1f} s, of it its published set "
                  f"{inside.seconds:.1f} s", file=sys.stderr)
    # every offered Gemeinde's set of the current data version, as the server prepares them after an import: the
    # pages below read them (Kontext compares every Gemeinde)
    cache.prepare(*cache.database(), cache._set_day(date.today()))
    for i in range(repeat):
        for ags in gemeinden:
            for page, kpi_ids in found.items():
                entry = runs[key(page, SUPPRESSED, ags)]
                seconds, rows = bare_sql(engine, sources(kpi_ids), None if page == KONTEXT else ags)
                entry["baseline_s"].append(seconds)
                entry["rows"] = rows
                clear_all_but_the_set()
                with Timed() as inside:
                    wall, cpu = page_view(page, SUPPRESSED, ags)
                if inside.seconds:
                    raise RuntimeError("the published set was built again")
                entry["first_without_set_s"].append(wall)
                entry["first_without_set_cpu_s"].append(cpu)
                wall, cpu = page_view(page, SUPPRESSED, ags)
                entry["cached_s"].append(wall)
                entry["cached_cpu_s"].append(cpu)
        print(f"{backend}, run {i + 1}/{repeat}: {SUPPRESSED} done", file=sys.stderr)
    ready = {}  # the server's path after an import, once per Gemeinde (it rebuilds every offered Gemeinde's set)
    for ags in gemeinden:
        views, ready[ags] = after_import_in_server(found, ags)
        for page, (wall, cpu) in views.items():
            runs[key(page, SUPPRESSED, ags)]["in_server_s"].append(wall)
            runs[key(page, SUPPRESSED, ags)]["in_server_cpu_s"].append(cpu)
        print(f"{backend}: after an import in the server, {ags}'s pages showed the sets published until then, "
              f"every new set ready after {ready[ags]:.1f} s", file=sys.stderr)
    engine.dispose()
    return {"apptest_floor_s": round(statistics.median(floor), 3), "cold_suppressed": cold, "sets_ready_s": ready,
            "runs": {k: {name: ([round(v, 4) for v in values] if isinstance(values, list) else values)
                         for name, values in entry.items()} for k, entry in runs.items()}}


# ------------------------------------------------------------------------------------------------------------
# Summary, bounds, profile
# ------------------------------------------------------------------------------------------------------------


def summarise(result: dict) -> list[dict]:
    """One row per backend, page, role and Gemeinde: medians, ratios to the baseline, whether the bounds hold."""
    rows = []
    for backend, measured in result["backends"].items():
        cold = measured["cold_suppressed"]
        for name, entry in measured["runs"].items():
            page, role, ags = name.split("|")
            builds = [c["published_set_s"] for c in cold if c["ags"] == ags]
            set_s = statistics.median(builds) if builds else None
            base = statistics.median(entry["baseline_s"])
            cached = statistics.median(entry["cached_s"])
            if role == SUPPRESSED:
                own = statistics.median(entry["first_without_set_s"])
                first = own + set_s if set_s is not None else None
                first_cpu = statistics.median(entry["first_without_set_cpu_s"])  # the page's own share
                in_server = statistics.median(entry["in_server_s"])
                in_server_cpu = statistics.median(entry["in_server_cpu_s"])
            else:
                own, first = None, statistics.median(entry["first_s"])
                first_cpu = statistics.median(entry["first_cpu_s"])
                in_server = in_server_cpu = None
            # what a viewer waits for after an import: in the server, a suppressed view shows the set published
            # until then while its new set is built (without an earlier set in the process: set + page)
            seen = in_server if in_server is not None else first
            rows.append({
                "backend": backend, "page": page, "role": role, "ags": ags, "rows": entry["rows"],
                "baseline_s": round(base, 4),
                "first_s": round(first, 3) if first is not None else None,
                "first_ratio": round(first / base) if first is not None else None,
                "published_set_s": round(set_s, 2) if role == SUPPRESSED and set_s is not None else None,
                "first_without_set_s": round(own, 3) if own is not None else None,
                "first_without_set_ratio": round(own / base) if own is not None else None,
                "first_cpu_s": round(first_cpu, 3),
                "cached_s": round(cached, 3), "cached_ratio": round(cached / base),
                "cached_cpu_s": round(statistics.median(entry["cached_cpu_s"]), 3),
                "in_server_s": round(in_server, 3) if in_server is not None else None,
                "in_server_ratio": round(in_server / base) if in_server is not None else None,
                "in_server_cpu_s": round(in_server_cpu, 3) if in_server_cpu is not None else None,
                "first_within_bound": seen is not None and seen < BOUND_FIRST,
                "cached_within_bound": cached < BOUND_CACHED,
            })
    return rows


def table(result: dict) -> str:
    """The summary as Markdown tables, one per backend, for benchmarks/README.md: wall clock (ratio to the bare
    SQL) and CPU seconds; for the suppressed role the first view is the published set plus the page's own share."""
    names = {ags: overview.gemeinde_name(ags).removeprefix("Gemeinde ") for ags in result["gemeinden"]}
    lines = []
    for backend, measured in result["backends"].items():
        lines += [f"{backend} (AppTest floor, a page with a title and a metric: "
                  f"{measured['apptest_floor_s'] * 1000:.0f} ms):", "",
                  "| page | role | Gemeinde | bare SQL (rows) | first view after an import (ratio) | CPU | "
                  "cached (ratio) | CPU | bounds: first < 2 s / cached < 0.5 s |",
                  "|---|---|---|---|---|---|---|---|---|"]
        for row in (r for r in result["summary"] if r["backend"] == backend):
            if row["role"] == SUPPRESSED:
                digits = 0 if row["first_s"] >= 10 else 1
                first = (f"{row['in_server_s']:.2f} s ({row['in_server_ratio']:,}) with the set published until "
                         f"then; without one {row['first_s']:.{digits}f} s = set {row['published_set_s']:.{digits}f}"
                         f" s + page {row['first_without_set_s']:.2f} s")
                first_cpu = row["in_server_cpu_s"]
            else:
                first = f"{row['first_s']:.2f} s ({row['first_ratio']:,})"
                first_cpu = row["first_cpu_s"]
            bounds = ("yes" if row["first_within_bound"] else "**no**") + " / " + (
                "yes" if row["cached_within_bound"] else "**no**")
            lines.append(f"| {row['page']} | {row['role']} | {names[row['ags']]} | {row['baseline_s'] * 1000:.1f} ms "
                         f"({row['rows']:,}) | {first} | {first_cpu:.2f} s | {row['cached_s']:.2f} s "
                         f"({row['cached_ratio']:,}) | {row['cached_cpu_s']:.2f} s | {bounds} |")
        for cold in measured["cold_suppressed"]:
            lines.append(f"\nMeasured whole: the first {SUPPRESSED} view after an import ({cold['page']}, "
                         f"{names[cold['ags']]}) {cold['wall_s']:.1f} s (CPU {cold['cpu_s']:.1f} s), of it the "
                         f"published set {cold['published_set_s']:.1f} s.")
        for ags, seconds in measured["sets_ready_s"].items():
            lines.append(f"\nIn the server, after an import viewed in {names[ags]}: every offered Gemeinde's new set "
                         f"ready after {seconds:.0f} s in the background (its pages reload then).")
        lines.append("")
    return "\n".join(lines)


_PROFILED = """import cProfile
import runpy

_profile = cProfile.Profile()
_profile.enable()
try:
    runpy.run_path({page!r}, run_name="__main__")
finally:
    _profile.disable()
    _profile.dump_stats({out!r})
"""


def profile(page: str, role: str, ags: str, first: bool, label: str, tmp: Path) -> str:
    """cProfile of one view of the page: its first view after an import (caches cleared, new data version), or a
    cached one (after a run that fills the caches). The 25 functions with the most cumulative time and the 20 with
    the most own time, written to results/pages-profile-<label>.txt."""
    stats_file = tmp / f"{label}.prof"
    script = tmp / f"profiled_{label}.py"
    script.write_text(_PROFILED.format(page=str(PAGES_DIR / f"{page}.py"), out=str(stats_file)))
    if first:
        new_data_version()
    else:
        page_view(page, role, ags)
    wall, _ = view(script, role, ags)
    out = io.StringIO()
    out.write(f"{page} as {role}, {overview.gemeinde_name(ags)}, "
              f"{'first view after an import' if first else 'cached'}, profiled: {wall:.2f} s\n")
    stats = pstats.Stats(str(stats_file), stream=out)
    stats.strip_dirs().sort_stats("cumulative").print_stats(25)
    stats.sort_stats("tottime").print_stats(20)
    (RESULTS / f"pages-profile-{label}.txt").write_text(out.getvalue())
    return out.getvalue()


def profiles(url: str, summary: list[dict], tmp: Path) -> dict[str, str]:
    """On SQLite: the slowest first view of each role (the suppressed one builds the published set) and the
    slowest cached view; in this order, so that the set the second builds serves the third."""
    rows = [r for r in summary if r["backend"] == "sqlite"]
    chosen = [(max((r for r in rows if r["role"] == role), key=lambda r: r["first_s"]), True)
              for role in (EXACT, SUPPRESSED)]
    chosen.append((max(rows, key=lambda r: r["cached_s"]), False))
    use_database(url)
    written = {}
    for row, first in chosen:
        label = f"{row['role']}-{row['page']}-{row['ags']}-{'first' if first else 'cached'}"
        print(profile(row["page"], row["role"], row["ags"], first, label, tmp)[:4000], file=sys.stderr)
        written[label] = f"benchmarks/results/pages-profile-{label}.txt"
    db.get_engine().dispose()
    return written


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=21, help="demo scale (21: the Landkreis Celle, 1: Wietze)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cold-suppressed", type=int, default=1,
                        help="truly cold first suppressed views per backend (each builds the published set)")
    parser.add_argument("--postgres", default=os.environ.get("BENCH_DATABASE_URL"),
                        help="PostgreSQL URL (its schema public is dropped and recreated)")
    parser.add_argument("--no-profile", action="store_true")
    args = parser.parse_args()
    started = time.perf_counter()
    RESULTS.mkdir(exist_ok=True)
    for old in RESULTS.glob("pages-profile-*.txt"):
        old.unlink()
    found, missing = pages()
    result = {"today": date.today().isoformat(), "scale": args.scale, "repeat": args.repeat,
              "pages": {page: list(kpi_ids) for page, kpi_ids in found.items()}, "not yet pages": missing,
              "backends": {}, "setup": {}}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        start = time.perf_counter()
        files = [(p.name, p.read_bytes()) for p in demo.generate(tmp / "demo", scale=args.scale)]
        result["setup"]["generate_s"] = round(time.perf_counter() - start, 1)
        backends = [("sqlite", f"sqlite:///{tmp}/pages.db")] + ([("postgresql", args.postgres)]
                                                                 if args.postgres else [])
        for backend, url in backends:
            result["setup"][backend] = prepare(url, files)
            counts = result["setup"][backend]["cases"]
            largest = max(counts, key=counts.get)
            gemeinden = list(dict.fromkeys([WIETZE, largest]))
            result["gemeinden"] = {ags: counts[ags] for ags in gemeinden}
            print(f"{backend}: prepared {result['setup'][backend]}", file=sys.stderr)
            result["backends"][backend] = measure_backend(backend, url, found, gemeinden, args.repeat,
                                                          args.cold_suppressed, tmp)
        result["summary"] = summarise(result)
        if not args.no_profile:
            result["profiles"] = profiles(backends[0][1], result["summary"], tmp)
    result["total_s"] = round(time.perf_counter() - started, 1)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "pages.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result["summary"], indent=2))
    print(table(result))
    print(f"total {result['total_s']:.0f} s")


if __name__ == "__main__":
    main()
