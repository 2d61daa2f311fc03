"""Browser tests: a real `streamlit run app.py` (dashboard.py, served as a German document) on a free port,
Debian's Chromium through pytest-playwright.

Never `playwright install` (it downloads a browser): the launch uses /usr/bin/chromium.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import pytest

from monitor import settings

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
START_TIMEOUT_S = 90  # until /_stcore/health answers
POLL_INTERVAL_S = 0.25


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        "locale": "de-DE",
        "timezone_id": "Europe/Berlin",
        "viewport": {"width": 1440, "height": 900},
    }


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@contextmanager
def running_app(workdir: Path, *extra_args: str, port: int | None = None):
    """`streamlit run app.py` on a fresh SQLite database in `workdir`, as scripts/start.sh starts it; yields (app URL,
    database URL).
    The first page run loads the demo data, as on a first start."""
    if not os.path.exists(CHROMIUM):
        pytest.fail("Debian's Chromium is needed for the browser tests: apt-get install chromium")
    port = port or _free_port()
    database_url = f"sqlite:///{workdir / 'monitor.db'}"
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "MONITOR_SECRET": os.environ.get("MONITOR_SECRET", "test-secret-not-for-production"),
    }
    command = [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        *extra_args,
    ]
    log_path = workdir / "streamlit.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(command, cwd=settings.PROJECT_DIR, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not _healthy(url):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"streamlit did not start:\n{log_path.read_text(errors='replace')[-4000:]}")
            time.sleep(POLL_INTERVAL_S)  # polling the health endpoint, not waiting for the page
        yield url, database_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


class HostLog:
    """Every request and websocket a page opens, to prove that the browser talks to no host but the app's."""

    def __init__(self, page) -> None:
        self.seen: list[str] = []
        page.on("request", lambda request: self.seen.append(request.url))
        page.on("websocket", lambda socket: self.seen.append(socket.url))

    def assert_only(self, app_url: str) -> None:
        app_host = urlparse(app_url).netloc
        remote = [u for u in self.seen if urlparse(u).scheme in ("http", "https", "ws", "wss")]
        assert remote, "no request was logged"
        others = sorted({u for u in remote if urlparse(u).netloc != app_host})
        assert others == [], f"requests to other hosts: {others}"


@pytest.fixture(scope="session")
def app_url(tmp_path_factory):
    """The dashboard on a fresh SQLite database (public view; the first page run loads the demo data)."""
    with running_app(tmp_path_factory.mktemp("e2e")) as (url, _):
        yield url


ADMIN, ADMIN_PASSWORD = "it-admin", "ein langes Passwort"


@pytest.fixture(scope="module")
def admin_app(tmp_path_factory):
    """The dashboard on a database of its own (each test module its own) with one administrator account
    (ADMIN, ADMIN_PASSWORD): (URL, database URL)."""
    from monitor import auth, db, roles

    with running_app(tmp_path_factory.mktemp("admin")) as (url, database_url):
        engine = db.make_engine(database_url)
        db.upgrade(engine)
        auth.add_user(engine, ADMIN, roles.ADMIN, ADMIN_PASSWORD, actor="test")
        engine.dispose()
        yield url, database_url
