"""Start-up benchmark: how long until a browser shows the overview, as a ratio to a baseline app.

Measured in one run on the same machine, in the same headless Chromium:
- baseline: a minimal Streamlit app (one title, one metric) from process start to rendered;
- first start: `streamlit run app.py` (as scripts/start.sh) on an empty SQLite database, which loads the demo data,
  until the overview's tiles and trend chart are visible;
- cold start: the same on the now existing database (a new process, nothing cached).
Peak memory (RSS) of the Streamlit process is sampled too. Usage:

    .venv/bin/python benchmarks/bench_startup.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import psutil
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
BASELINE_APP = '''import streamlit as st
st.title("Baseline")
st.metric("Kennzahl", "42")
'''
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _PeakRss(threading.Thread):
    """Samples the resident memory of a process and its children every 50 ms."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.process = psutil.Process(pid)
        self.peak = 0
        self.running = True

    def run(self) -> None:
        while self.running:
            try:
                procs = [self.process, *self.process.children(recursive=True)]
                self.peak = max(self.peak, sum(p.memory_info().rss for p in procs))
            except psutil.Error:
                pass
            time.sleep(0.05)


def time_to_render(browser, script: Path, env: dict, ready_selector: str) -> tuple[float, int]:
    """Seconds from process start until `ready_selector` is visible and the script has finished; peak RSS."""
    port = _free_port()
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true", "--server.port",
         str(port), "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    sampler = _PeakRss(proc.pid)
    sampler.start()
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"{url}/_stcore/health", timeout=1)
                break
            except OSError as err:
                if time.monotonic() > deadline:
                    raise TimeoutError("server did not start") from err
                time.sleep(0.05)
        page = browser.new_page()
        page.goto(url)
        page.locator(ready_selector).first.wait_for(state="visible", timeout=120_000)
        page.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for(timeout=120_000)
        elapsed = time.perf_counter() - start
        page.close()
        return elapsed, sampler.peak
    finally:
        sampler.running = False
        proc.terminate()
        proc.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    results: dict[str, list[float]] = {"baseline": [], "first_start": [], "cold_start": []}
    peaks: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        baseline = Path(tmp) / "baseline_app.py"
        baseline.write_text(BASELINE_APP)
        overview_ready = "[data-testid='stPlotlyChart']"
        for i in range(args.repeat):
            env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp}/bench{i}.db", "MONITOR_SECRET": "benchmark"}
            for name, script in (("baseline", baseline), ("first_start", ROOT / "app.py"),
                                 ("cold_start", ROOT / "app.py")):
                selector = "[data-testid='stMetric']" if name == "baseline" else overview_ready
                seconds, peak = time_to_render(browser, script, env, selector)
                results[name].append(seconds)
                peaks[name] = max(peaks.get(name, 0), peak)
        browser.close()
    base = statistics.median(results["baseline"])
    report = {
        name: {
            "median_s": round(statistics.median(values), 2),
            "ratio_to_baseline": round(statistics.median(values) / base, 2),
            "peak_rss_mb": round(peaks[name] / 2**20),
            "runs_s": [round(v, 2) for v in values],
        }
        for name, values in results.items()
    }
    out = ROOT / "benchmarks" / "results"
    out.mkdir(exist_ok=True)
    (out / "startup.json").write_text(json.dumps(report, indent=2))
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
