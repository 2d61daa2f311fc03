"""Sessions benchmark: many browser sessions at once, and the server's memory, at Landkreis scale.

The demo data of the Landkreis Celle (``python -m monitor demo --scale 21``) is loaded into a fresh database before
a real server is started as the browser tests start it (``python -m streamlit run app.py --server.headless true``,
DATABASE_URL and MONITOR_SECRET in the environment), and a headless Chromium (Debian's, through Playwright) drives
it. Measured in one run:

1. Sessions at once. In the public overview (no login; the public chooses among the published Gemeinden in the
   selectbox "Gemeinde") the wall time from choosing a Gemeinde until its tiles are shown (the line
   "<Gemeinde> · Zeitraum …" visible, the script finished, the tiles there): for one session alone, and for 10
   sessions on 10 different Gemeinden that choose at the same moment (one browser, a context per session, driven
   concurrently with asyncio). Each of the 10 times is reported as a ratio to the time of one session alone on the
   same Gemeinde (the issue's bound: under 3x). Measured warm: every Gemeinde was opened once before, so every
   published set is built and the server shows no "updating" notice (checked on every choice).
2. The server's memory (VmRSS and its peak VmHWM from /proc/<pid>/status, the streamlit process and its children)
   right after its start, then as the public opens 1, 5 and every published Gemeinde in sequence in one session
   (the first opening of each after the start: it waits for that Gemeinde's published set, which the server builds
   for every offered Gemeinde in the background after the first page run), then as a mayor (``buergermeister``,
   exact figures; an account created before the start) opens 1, 5 and every Gemeinde with data, and at the end,
   after the sessions of part 1. The issue's bound: the server's peak under 1 GB.

Baseline, in the same run and the same browser: a minimal Streamlit app (a title, the selectbox "Gemeinde" with
the same names and a metric) with 1 and 10 sessions, measured the same way, so that the app's ratio can be set
against Streamlit's own; and its memory.

    .venv/bin/python benchmarks/bench_sessions.py [--scale 21] [--repeat 3] [--postgres URL]

``--postgres`` or ``BENCH_DATABASE_URL``: that database's schema ``public`` is dropped and recreated. Results:
benchmarks/results/sessions.json, and a Markdown table on stdout.
"""

from __future__ import annotations

import argparse
import asyncio
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
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("MONITOR_SECRET", "benchmark")

import psutil  # noqa: E402
from playwright.async_api import async_playwright  # noqa: E402
from sqlalchemy import text  # noqa: E402

from monitor import db, overview, published, queries, roles  # noqa: E402
from monitor.texts import ui  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]  # as tests/e2e/conftest.py
CONTEXT = {"locale": "de-DE", "timezone_id": "Europe/Berlin", "viewport": {"width": 1440, "height": 900}}
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
SESSIONS = 10
MEMORY_STEPS = (1, 5)  # and every Gemeinde
BOUND_RATIO, BOUND_MB = 3.0, 1024  # from the issue
WAIT_MS = 300_000  # a first view after the start may wait for its published set
MAYOR = f"benchmark-{roles.MAYOR}"
PASSWORD = "ein langes Passwort für den Benchmark"
FIRST = "Gemeinde Beispiel"  # the baseline app's first option, not one of those chosen
BASELINE_APP = '''import streamlit as st
st.title("Baseline")
name = st.selectbox("{label}", {names!r})
st.caption(f"{{name}} · Zeitraum 2025")
st.metric("Kennzahl", "42")
'''


# ------------------------------------------------------------------------------------------------------------
# The server and its memory
# ------------------------------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _status_kb(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    return 0


class Server:
    """`python -m streamlit run <script>` as tests/e2e/conftest.py starts it, on a free port."""

    def __init__(self, script: str, env: dict, log: Path):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        with open(log, "wb") as out:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true",
                 "--browser.gatherUsageStats", "false", "--server.port", str(self.port),
                 "--server.address", "127.0.0.1"],
                cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        self.process = psutil.Process(self.proc.pid)
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"streamlit did not start:\n{log.read_text(errors='replace')[-3000:]}")
            time.sleep(0.1)

    def _tree(self) -> list[psutil.Process]:
        return [self.process, *self.process.children(recursive=True)]

    def memory(self) -> dict:
        """MB now (VmRSS) and at the peak so far (VmHWM), summed over the process and its children."""
        rss = hwm = 0
        for proc in self._tree():
            try:
                rss += _status_kb(proc.pid, "VmRSS")
                hwm += _status_kb(proc.pid, "VmHWM")
            except OSError:
                pass
        return {"rss_mb": round(rss / 1024), "peak_mb": round(hwm / 1024)}

    def cpu_s(self) -> float:
        return sum(sum(p.cpu_times()[:2]) for p in self._tree())

    def wait_quiet(self, limit_s: float = 600) -> float:
        """Seconds until the server used less than 5 % of a core for 3 s in a row (its background builds done)."""
        start = quiet_since = time.monotonic()
        last = self.cpu_s()
        while time.monotonic() - quiet_since < 3 and time.monotonic() - start < limit_s:
            time.sleep(1)
            now = self.cpu_s()
            if now - last > 0.05:
                quiet_since = time.monotonic()
            last = now
        return time.monotonic() - start

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=30)


class OtherWork(threading.Thread):
    """Every 5 s: the processes outside this benchmark's tree that used more than 20 % of a core, per phase of the
    benchmark, so that the results say whether other work shared the machine, and when."""

    def __init__(self):
        super().__init__(daemon=True)
        self.running = True
        self.phase = "start"
        self.samples: dict[str, int] = {}
        self.seen: dict[str, dict[str, int]] = {}
        self.load: list[float] = []

    def run(self) -> None:
        me = psutil.Process()
        known: dict[int, psutil.Process] = {}
        while self.running:
            for proc in psutil.process_iter(["cmdline"]):
                if proc.pid not in known:
                    known[proc.pid] = proc
                    try:
                        proc.cpu_percent(None)
                    except psutil.Error:
                        pass
            time.sleep(5)
            phase = self.phase
            ours = {me.pid, *(p.pid for p in me.children(recursive=True))}
            self.samples[phase] = self.samples.get(phase, 0) + 1
            self.load.append(os.getloadavg()[0])
            for pid, proc in list(known.items()):
                try:
                    busy = proc.cpu_percent(None)
                    if pid not in ours and busy > 20:
                        name = " ".join(proc.info["cmdline"] or [proc.name()])[:100]
                        seen = self.seen.setdefault(phase, {})
                        seen[name] = seen.get(name, 0) + 1
                except psutil.Error:
                    known.pop(pid, None)

    def report(self) -> dict:
        return {"samples_5s": self.samples, "busy_other_processes": self.seen,
                "load_1min_median": round(statistics.median(self.load), 2) if self.load else None}


WATCH = OtherWork()


# ------------------------------------------------------------------------------------------------------------
# The browser
# ------------------------------------------------------------------------------------------------------------


async def open_page(browser, url: str):
    context = await browser.new_context(**CONTEXT)
    page = await context.new_page()
    await page.goto(url)
    await shown(page)
    return page


async def shown(page, name: str | None = None) -> None:
    """Until the page shows `name`'s line under the filters (if given), the script has finished and tiles are
    there."""
    if name is not None:
        await page.get_by_text(f"{name} · Zeitraum").first.wait_for(state="visible", timeout=WAIT_MS)
    await page.locator(IDLE).wait_for(state="attached", timeout=WAIT_MS)
    await page.get_by_test_id("stMetric").first.wait_for(state="visible", timeout=WAIT_MS)


async def offer(page, name: str):
    """Open the selectbox "Gemeinde" and type the name: the option to click."""
    box = page.get_by_role("combobox", name=ui.GEMEINDE, exact=True)
    await box.click()
    await box.press_sequentially(name)
    option = page.get_by_role("option", name=name, exact=True)
    await option.wait_for(state="visible", timeout=30_000)
    return option


async def choose(page, option, name: str) -> float:
    """Seconds from the click on the option until the Gemeinde's tiles are shown; raises if the page shows an
    exception or the set published until then (not the state measured)."""
    start = time.perf_counter()
    await option.click()
    await shown(page, name)
    seconds = time.perf_counter() - start
    if await page.get_by_test_id("stException").count():
        raise RuntimeError(f"{name}: the page shows an exception")
    if await page.get_by_text(ui.PUBLISHED_UPDATING[:40]).count():
        raise RuntimeError(f"{name}: the page shows the set published until then")
    return seconds


def _tree_cpu_s(without: set[int]) -> float:
    """CPU seconds of this process and its descendants (Playwright's driver, the browser), but `without`."""
    me = psutil.Process()
    total = 0.0
    for proc in [me, *me.children(recursive=True)]:
        if proc.pid not in without:
            try:
                total += sum(proc.cpu_times()[:2])
            except psutil.Error:
                pass
    return total


async def sessions_at_once(browser, url: str, names: list[str], server: Server) -> tuple[list[float], float, float]:
    """New sessions, one per name, each on the first Gemeinde; then every session chooses its name at the same
    moment. The seconds of each, and the CPU seconds the server and the browser (with Playwright) spent from the
    first click until the last page was done."""
    pages = await asyncio.gather(*(open_page(browser, url) for _ in names))
    try:
        options = [await offer(page, name) for page, name in zip(pages, names)]
        served = {p.pid for p in server._tree()}
        server_cpu, browser_cpu = server.cpu_s(), _tree_cpu_s(without=served)
        seconds = list(await asyncio.gather(*(choose(p, o, n) for p, o, n in zip(pages, options, names))))
        return seconds, server.cpu_s() - server_cpu, _tree_cpu_s(without=served) - browser_cpu
    finally:
        for page in pages:
            await page.context.close()


async def timings(browser, url: str, names: list[str], repeat: int, server: Server) -> dict:
    """Per name: the seconds of one session alone and of the sessions of every name at once, `repeat` times
    (interleaved, so that both see the same machine); the CPU seconds of the server and the browser per choice
    alone and per burst of every name at once."""
    alone: dict[str, list[float]] = {name: [] for name in names}
    together: dict[str, list[float]] = {name: [] for name in names}
    cpu: dict[str, list[float]] = {"server_alone": [], "browser_alone": [], "server_together": [],
                                   "browser_together": []}
    for i in range(repeat):
        for name in names:
            (seconds,), server_cpu, browser_cpu = await sessions_at_once(browser, url, [name], server)
            alone[name].append(seconds)
            cpu["server_alone"].append(server_cpu)
            cpu["browser_alone"].append(browser_cpu)
        seconds, server_cpu, browser_cpu = await sessions_at_once(browser, url, names, server)
        for name, s in zip(names, seconds):
            together[name].append(s)
        cpu["server_together"].append(server_cpu)
        cpu["browser_together"].append(browser_cpu)
        print(f"  run {i + 1}/{repeat}: alone {statistics.median(v[-1] for v in alone.values()):.2f} s, "
              f"{len(names)} at once {statistics.median(v[-1] for v in together.values()):.2f} s (medians); "
              f"CPU server {server_cpu:.1f} s, browser {browser_cpu:.1f} s", file=sys.stderr)
    return {"alone_s": alone, "together_s": together, "cpu_s": {k: [round(v, 2) for v in values]
                                                                 for k, values in cpu.items()}}


async def open_in_sequence(page, names: list[str], server: Server, label: str, memory: dict) -> dict[str, float]:
    """The session opens the Gemeinden one after the other (the first is shown already); the server's memory after
    1, 5 and all of them; the seconds of each opening."""
    seconds = {}
    for i, name in enumerate(names):
        if i:
            seconds[name] = await choose(page, await offer(page, name), name)
        if i + 1 in MEMORY_STEPS or i + 1 == len(names):
            memory[f"{label}: {i + 1} Gemeinde{'n' if i else ''} opened"] = server.memory()
    return seconds


async def log_in(browser, url: str):
    context = await browser.new_context(**CONTEXT)
    page = await context.new_page()
    await page.goto(f"{url}/anmelden")
    await page.get_by_label(ui.LOGIN_NAME).wait_for(state="visible", timeout=WAIT_MS)
    await page.get_by_label(ui.LOGIN_NAME).fill(MAYOR)
    await page.get_by_label(ui.LOGIN_PASSWORD).fill(PASSWORD)
    await page.get_by_role("button", name=ui.LOGIN_SUBMIT).click()
    await page.get_by_role("heading", name=ui.OVERVIEW_TITLE).wait_for(state="visible", timeout=WAIT_MS)
    await shown(page)
    return page


# ------------------------------------------------------------------------------------------------------------
# The run
# ------------------------------------------------------------------------------------------------------------


def fresh_database(url: str) -> None:
    engine = db.make_engine(url)
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def load_demo(env: dict, scale: int) -> float:
    """`python -m monitor demo --scale N` and the mayor's account; seconds of the demo load."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "monitor", "demo", "--scale", str(scale)], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    seconds = time.perf_counter() - start
    subprocess.run([sys.executable, "-m", "monitor", "user", "add", MAYOR, "--role", roles.MAYOR,
                    "--password-stdin"], cwd=ROOT, env=env, check=True, capture_output=True,
                   input=f"{PASSWORD}\n".encode())
    return seconds


def choices(url: str) -> tuple[list[str], list[str], dict[str, int]]:
    """What the public chooses among (the offered Gemeinden), what the mayor chooses among (every Gemeinde with
    data; here those with cases, whose overview has tiles), both by name; the cases per Gemeinde. Read after the
    server's first run (its retention run)."""
    engine = db.make_engine(url)
    try:
        offered = overview.by_name(published.offered_in(engine, date.today()))
        cases = queries.case_counts(engine)
        every = overview.by_name(ags for ags in queries.gemeinden(engine) if cases.get(ags))
        return offered, every, cases
    finally:
        engine.dispose()


async def measure_baseline(browser, names: list[str], env: dict, repeat: int, tmp: Path) -> dict:
    script = tmp / "baseline_app.py"
    script.write_text(BASELINE_APP.format(label=ui.GEMEINDE, names=[FIRST, *names]))  # a new session shows FIRST
    WATCH.phase = "baseline"
    server = Server(str(script), env, tmp / "baseline.log")
    try:
        memory = {"started": server.memory()}
        await (await open_page(browser, server.url)).context.close()  # the first run, not measured
        memory["1 session"] = server.memory()
        measured = await timings(browser, server.url, names, repeat, server)
        memory[f"after {SESSIONS} sessions at once"] = server.memory()
        return {**measured, "memory": memory}
    finally:
        server.stop()


async def measure_app(browser, url: str, env: dict, repeat: int, tmp: Path) -> dict:
    server = Server("app.py", env, tmp / "app.log")
    try:
        WATCH.phase = "app: first openings"
        memory = {"started, no page yet": server.memory()}
        start = time.perf_counter()
        public = await open_page(browser, server.url)  # the first run: retention, the background builds start
        first_page_s = time.perf_counter() - start
        offered, every, cases = choices(url)
        print(f"  first page {first_page_s:.1f} s; {len(offered)} Gemeinden offered, {len(every)} with data",
              file=sys.stderr)
        names = {ags: overview.gemeinde_name(ags) for ags in every}
        await public.get_by_text(f"{names[offered[0]]} · Zeitraum").first.wait_for(timeout=WAIT_MS)
        start = time.perf_counter()
        opened = await open_in_sequence(public, [names[a] for a in offered], server, "public", memory)
        public_all_s = time.perf_counter() - start
        await public.context.close()
        quiet_s = server.wait_quiet()
        memory["public: every published set built, server quiet"] = server.memory()
        print(f"  public: every Gemeinde opened in {public_all_s:.0f} s; quiet after {quiet_s:.0f} s more",
              file=sys.stderr)

        mayor = await log_in(browser, server.url)
        await mayor.get_by_text(f"{names[every[0]]} · Zeitraum").first.wait_for(timeout=WAIT_MS)
        start = time.perf_counter()
        mayor_opened = await open_in_sequence(mayor, [names[a] for a in every], server, "mayor", memory)
        mayor_all_s = time.perf_counter() - start
        await mayor.context.close()
        print(f"  mayor: every Gemeinde opened in {mayor_all_s:.0f} s", file=sys.stderr)

        # 10 different Gemeinden, none of them the one a new session shows first: those with the most cases
        WATCH.phase = "app: sessions"
        chosen = sorted(offered[1:], key=lambda a: -cases.get(a, 0))[:SESSIONS]
        measured = await timings(browser, server.url, [names[a] for a in chosen], repeat, server)
        memory[f"after the timings ({SESSIONS} sessions at once)"] = server.memory()
        return {**measured, "memory": memory, "first_page_s": round(first_page_s, 1),
                "offered": len(offered), "with_data": len(every),
                "chosen": {names[a]: cases.get(a, 0) for a in chosen},
                "public_first_openings_s": {k: round(v, 2) for k, v in opened.items()},
                "public_all_opened_s": round(public_all_s, 1), "quiet_after_s": round(quiet_s, 1),
                "mayor_openings_s": {k: round(v, 2) for k, v in mayor_opened.items()},
                "mayor_all_opened_s": round(mayor_all_s, 1)}
    finally:
        server.stop()


def summarise(measured: dict) -> dict:
    """Per name: medians alone and at once, their ratio; the worst ratio of any single run too."""
    rows = {}
    for name, alone in measured["alone_s"].items():
        together = measured["together_s"][name]
        base = statistics.median(alone)
        rows[name] = {"alone_s": round(base, 3), "together_s": round(statistics.median(together), 3),
                      "ratio": round(statistics.median(together) / base, 2),
                      "worst_ratio": round(max(together) / base, 2)}
    ratios = [r["ratio"] for r in rows.values()]
    cpu = {k: statistics.median(v) for k, v in measured["cpu_s"].items()}
    n = len(rows)
    cpu_summary = {"server_per_choice_alone_s": round(cpu["server_alone"], 3),
                   "server_per_choice_together_s": round(cpu["server_together"] / n, 3),
                   "browser_per_choice_alone_s": round(cpu["browser_alone"], 3),
                   "browser_per_choice_together_s": round(cpu["browser_together"] / n, 3),
                   # the least wall time the burst could take on this machine's cores
                   "burst_cpu_floor_s": round((cpu["server_together"] + cpu["browser_together"]) / os.cpu_count(),
                                              2)}
    return {"cpu": cpu_summary, "per_gemeinde": rows,
            "median_alone_s": round(statistics.median(r["alone_s"] for r in rows.values()), 3),
            "median_together_s": round(statistics.median(r["together_s"] for r in rows.values()), 3),
            "median_ratio": round(statistics.median(ratios), 2), "max_ratio": max(ratios),
            "worst_ratio": max(r["worst_ratio"] for r in rows.values())}


def table(result: dict) -> str:
    app, base = result["app"]["summary"], result["baseline"]["summary"]
    lines = [f"Choosing a Gemeinde until its tiles are shown, median of {result['repeat']} "
             f"({result['backend']}, {SESSIONS} sessions at once):", "",
             f"| Gemeinde (cases) | one session | {SESSIONS} at once | ratio (worst run) | "
             f"baseline: one | {SESSIONS} at once | ratio |", "|---|---|---|---|---|---|---|"]
    for name, row in app["per_gemeinde"].items():
        b = base["per_gemeinde"][name]
        lines.append(f"| {name.removeprefix('Gemeinde ')} ({result['app']['chosen'][name]:,}) | {row['alone_s']:.2f} s"
                     f" | {row['together_s']:.2f} s | {row['ratio']:.1f} ({row['worst_ratio']:.1f}) | "
                     f"{b['alone_s']:.2f} s | {b['together_s']:.2f} s | {b['ratio']:.1f} |")
    lines.append(f"| **median** | {app['median_alone_s']:.2f} s | {app['median_together_s']:.2f} s | "
                 f"**{app['median_ratio']:.1f}** (max {app['max_ratio']:.1f}, worst run {app['worst_ratio']:.1f}) | "
                 f"{base['median_alone_s']:.2f} s | {base['median_together_s']:.2f} s | "
                 f"**{base['median_ratio']:.1f}** (max {base['max_ratio']:.1f}) |")
    lines += ["", "CPU seconds per choice, alone / in the burst (server; browser with Playwright); the burst's CPU "
              "divided by the cores, the least wall time it could take:", ""]
    for label, summary in (("app", app), ("baseline", base)):
        c = summary["cpu"]
        lines.append(f"- {label}: server {c['server_per_choice_alone_s']:.2f} / {c['server_per_choice_together_s']:.2f}"
                     f" s, browser {c['browser_per_choice_alone_s']:.2f} / {c['browser_per_choice_together_s']:.2f} s;"
                     f" floor of the burst {c['burst_cpu_floor_s']:.1f} s")
    lines += ["", "Server memory (MB):", "", "| state | RSS | peak so far (VmHWM) |", "|---|---|---|"]
    for label, key in (("baseline app", "baseline"), ("app", "app")):
        for state, mem in result[key]["memory"].items():
            lines.append(f"| {label}: {state} | {mem['rss_mb']:,} | {mem['peak_mb']:,} |")
    bounds = result["bounds"]
    lines += ["", f"Bounds: each of the {SESSIONS} under {BOUND_RATIO:.0f}x one session: "
              f"{'yes' if bounds['ratio'] else '**no**'}; server peak under {BOUND_MB} MB: "
              f"{'yes' if bounds['memory'] else '**no**'} ({bounds['peak_mb']:,} MB)."]
    return "\n".join(lines)


async def run(args, url: str, backend: str, tmp: Path) -> dict:
    env = {**os.environ, "DATABASE_URL": url, "MONITOR_SECRET": os.environ["MONITOR_SECRET"]}
    WATCH.phase = "demo load"
    fresh_database(url)
    demo_s = load_demo(env, args.scale)
    print(f"demo --scale {args.scale} loaded in {demo_s:.0f} s", file=sys.stderr)
    result = {"today": date.today().isoformat(), "scale": args.scale, "repeat": args.repeat, "backend": backend,
              "cores": os.cpu_count(), "demo_load_s": round(demo_s, 1)}
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            print("app:", file=sys.stderr)
            result["app"] = await measure_app(browser, url, env, args.repeat, tmp)
            names = list(result["app"]["alone_s"])
            print("baseline:", file=sys.stderr)
            result["baseline"] = await measure_baseline(browser, names, env, args.repeat, tmp)
        finally:
            await browser.close()
    for key in ("app", "baseline"):
        result[key]["summary"] = summarise(result[key])
        for name in ("alone_s", "together_s"):
            result[key][name] = {k: [round(s, 3) for s in v] for k, v in result[key][name].items()}
    peak = max(m["peak_mb"] for m in result["app"]["memory"].values())
    result["bounds"] = {"ratio": result["app"]["summary"]["worst_ratio"] < BOUND_RATIO,
                        "memory": peak < BOUND_MB, "peak_mb": peak}
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=21, help="demo scale (21: the Landkreis Celle)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--postgres", default=os.environ.get("BENCH_DATABASE_URL"),
                        help="PostgreSQL URL (its schema public is dropped and recreated)")
    args = parser.parse_args()
    started = time.perf_counter()
    WATCH.start()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        url, backend = (args.postgres, "postgresql") if args.postgres else (f"sqlite:///{tmp}/sessions.db", "sqlite")
        result = asyncio.run(run(args, url, backend, tmp))
    WATCH.running = False
    result["other_work"] = WATCH.report()
    result["total_s"] = round(time.perf_counter() - started)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "sessions.json").write_text(json.dumps(result, indent=2, ensure_ascii=False))
    print(table(result))
    print(f"\nother work on the machine: {result['other_work']}; total {result['total_s']} s")


if __name__ == "__main__":
    main()
