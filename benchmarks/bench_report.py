"""Report benchmark: the time to build the PDF report of a year (monitor.report), as a ratio to building the
overview page's figures in the same run.

On the demo data of the Landkreis Celle (``demo --scale 21``, SQLite), for Wietze and the Gemeinde with the most
cases, the last closed year:

- baseline: the overview's figures as the exact views build them: the Gemeinde's FigureSource read from the
  database, the tiles (overview.build_overview) and the trend (overview.trend_frame);
- public report: the Gemeinde's part of the published set (published.from_database, shared with every
  suppressed page: a view after an import builds it anyway), the report's model (published_report), the charts
  drawn by kaleido (draw_charts, one browser session) and the PDF laid out by WeasyPrint (html_to_pdf);
- internal report: the same from the FigureSource (exact_report).

Reported: medians of ``--repeat`` runs of each step (wall clock), the report's pages and charts, and the ratios of
the report (without and with the published set) to the baseline.

    .venv/bin/python benchmarks/bench_report.py [--scale 21] [--repeat 3]

Results: benchmarks/results/report.json.
"""

from __future__ import annotations

import argparse
import gc
import io
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("MONITOR_SECRET", "benchmark")

import pypdf  # noqa: E402

from etl import demo  # noqa: E402
from etl.pipeline import import_files  # noqa: E402
from monitor import db, overview, published, queries, report, targets  # noqa: E402
from monitor.periods import Period  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"


def timed(function, *args):
    gc.collect()
    start = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - start, result


def run(engine, ags: str, period: Period, today: date) -> dict:
    table = targets.from_database(engine)
    seconds = {}
    seconds["source_s"], source = timed(queries.load_source, engine, ags)
    seconds["overview_s"], _ = timed(lambda: (overview.build_overview(source, period, table, ags=ags),
                                              overview.trend_frame(source, period.end)))
    seconds["published_set_s"], pset = timed(published.from_database, engine, today, ags)
    seconds["public_model_s"], public = timed(report.published_report, pset, ags, period, False, table, today)
    seconds["public_charts_s"], svgs = timed(report.draw_charts, public.charts)
    seconds["public_pdf_s"], pdf = timed(report.html_to_pdf, report.to_html(public, svgs))
    seconds["internal_model_s"], internal = timed(report.exact_report, source, ags, period, False, table, today)
    seconds["internal_render_s"], internal_pdf = timed(report.to_pdf, internal)
    seconds["public_pages"] = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
    seconds["internal_pages"] = len(pypdf.PdfReader(io.BytesIO(internal_pdf)).pages)
    seconds["charts"] = len(public.charts)
    return seconds


def summary(runs: list[dict]) -> dict:
    out = {key: round(statistics.median(r[key] for r in runs), 3) for key in runs[0]}
    baseline = out["source_s"] + out["overview_s"]
    public = out["public_model_s"] + out["public_charts_s"] + out["public_pdf_s"]
    internal = out["source_s"] + out["internal_model_s"] + out["internal_render_s"]
    out.update(baseline_s=round(baseline, 3), public_report_s=round(public, 3),
               public_with_set_s=round(public + out["published_set_s"], 3), internal_report_s=round(internal, 3),
               public_ratio=round(public / baseline, 1),
               public_with_set_ratio=round((public + out["published_set_s"]) / baseline, 1),
               internal_ratio=round(internal / baseline, 1))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=21, help="demo scale (21: Landkreis Celle)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    today = date.today()
    period = Period(published.last_closed_quarter(today).year if published.last_closed_quarter(today).quarter == 4
                    else today.year - 1)
    results = {"scale": args.scale, "year": period.key, "today": today.isoformat(), "gemeinden": {}}
    with tempfile.TemporaryDirectory() as tmp:
        files = [(p.name, p.read_bytes()) for p in demo.generate(Path(tmp) / "demo", scale=args.scale)]
        engine = db.make_engine(f"sqlite:///{Path(tmp) / 'bench.db'}")
        db.upgrade(engine)
        start = time.perf_counter()
        assert import_files(engine, files, user="benchmark").ok
        results["import_s"] = round(time.perf_counter() - start, 1)
        counts = queries.case_counts(engine)
        largest = max(counts, key=counts.get)
        for ags in dict.fromkeys([demo.WIETZE, largest]):
            runs = [run(engine, ags, period, today) for _ in range(args.repeat)]
            results["gemeinden"][ags] = {"cases": counts[ags], **summary(runs)}
            print(ags, json.dumps(results["gemeinden"][ags]), flush=True)
        engine.dispose()
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "report.json").write_text(json.dumps(results, indent=2))
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
