"""Hostile workbooks: how fast and how small their refusal is, as a ratio to reading an honest workbook.

Measured in one run, each case in a fresh process (its peak memory from the kernel, benchmarks/peak_memory.py):
- baseline: ``etl.extract.extract`` of an honest workbook of the demo staffing rows (a few cells);
- a sheet whose ``<dimension>`` claims the whole grid (A1:XFD1048576) and holds three cells: read by its cells;
- a cell past the row bound (row 200,001): refused;
- one million shared strings (a 2.5 MB file that once cost 20 s of CPU in openpyxl): refused before they load.

The issue's bound: refused in German within a second and under 100 MB. Usage:

    .venv/bin/python benchmarks/bench_workbook.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from peak_memory import peak_rss  # noqa: E402

from tests.unit.workbooks import NS, hand_written  # noqa: E402

# Run in the measured process: extract the file, print the seconds of the call and the problems' first words.
_EXTRACT = """
import json, sys, time
from etl.extract import extract
data = open(sys.argv[1], "rb").read()
started = time.perf_counter()
table = extract("faelle.xlsx", data)
seconds = time.perf_counter() - started
print(json.dumps({"seconds": seconds, "rows": len(table.rows), "problem": [p.message[:60] for p in table.problems]}))
"""


def _honest() -> bytes:
    import io

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in (["gemeinde_ags", "kuerzel", "geschlecht", "vze", "gueltig_ab"],
                ["03351023", "IB-M", "m", 1, "01.10.2015"], ["03351023", "IB-W", "w", 0.5, "01.07.2017"]):
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def cases() -> dict[str, bytes]:
    items = b"".join(b"<si><t>%d</t></si>" % n for n in range(1_000_000))
    flood = b"<sst " + NS.encode() + b' count="1" uniqueCount="1">' + items + b"</sst>"
    return {
        "baseline: honest workbook": _honest(),
        "dimension claims the whole grid": hand_written(
            '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
            '<row r="3"><c r="B3"><v>2.5</v></c></row>', strings=["kuerzel", "fte"]),
        "cell past row 200,000": hand_written('<row r="200001"><c r="A200001"><v>1</v></c></row>'),
        "one million shared strings": hand_written('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', shared=flood),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, data in cases().items():
            path = Path(tmp) / "book.xlsx"
            path.write_bytes(data)
            runs = [peak_rss([sys.executable, "-c", _EXTRACT, str(path)], env, ROOT) for _ in range(args.repeat)]
            outputs = [json.loads(r["stdout"]) for r in runs]
            results[name] = {"bytes": len(data), "seconds": statistics.median(o["seconds"] for o in outputs),
                             "peak_mb": statistics.median(r["rss"] for r in runs) / 1024 / 1024,
                             "problem": outputs[0]["problem"]}
    base = results["baseline: honest workbook"]
    print(f"{'case':36} {'file':>10} {'seconds':>8} {'x base':>7} {'peak MB':>8} {'x base':>7}  answer")
    for name, r in results.items():
        print(f"{name:36} {r['bytes']:>10,} {r['seconds']:>8.3f} {r['seconds'] / base['seconds']:>7.1f} "
              f"{r['peak_mb']:>8.0f} {r['peak_mb'] / base['peak_mb']:>7.2f}  {'; '.join(r['problem']) or 'read'}")


if __name__ == "__main__":
    main()
