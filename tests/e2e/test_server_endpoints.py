"""Streamlit's own endpoints under /_stcore/: the running server answers some that the browser never uses, among
them /_stcore/metrics (sessions, upload sizes, cache misses and compute times: when and how much is worked and
imported), and no setting turns that off. The reverse proxy of docs/sicherheit.md must refuse every one of those
and pass every one the browser needs; this test asks the real server and reads the documented nginx block."""

from __future__ import annotations

import re
import tomllib
import urllib.error
import urllib.request
from importlib import import_module
from pathlib import Path

import pytest
import streamlit

from monitor import settings
from tests.e2e.conftest import running_app

pytestmark = pytest.mark.e2e

SICHERHEIT = settings.PROJECT_DIR / "docs" / "sicherheit.md"
STREAMLIT_ROUTE_MODULES = [f"streamlit.web.server.starlette.{name}" for name in (
    "starlette_routes", "starlette_agent_routes", "starlette_websocket", "starlette_auth_routes",
    "starlette_static_routes")]
CORE = "/_stcore/"


def known_core_paths() -> set[str]:
    """Every fixed /_stcore/ path Streamlit's server declares (route constants without parameters)."""
    found = set()
    for name in STREAMLIT_ROUTE_MODULES:
        for value in vars(import_module(name)).values():
            if isinstance(value, str) and value.startswith(CORE[1:]) and "{" not in value:
                found.add("/" + value.rstrip("/"))
    return found


def paths_the_browser_uses() -> set[str]:
    """The /_stcore/ paths that Streamlit's frontend bundle requests (nothing else is needed by a browser)."""
    bundle = Path(streamlit.__file__).parent / "static" / "static" / "js"
    used = set()
    for script in bundle.glob("*.js"):
        used |= {"/" + m for m in re.findall(r"_stcore/[A-Za-z0-9_.-]+", script.read_text(errors="replace"))}
    return used


def fetch(url: str, method: str = "GET") -> tuple[int, bytes]:
    request = urllib.request.Request(url, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


class Nginx:
    """The location rules of an nginx server block: exact (`=`) before the longest prefix, as nginx decides."""

    def __init__(self, block: str) -> None:
        self.locations = re.findall(r"location\s+(=\s+)?(\S+)\s*\{([^{}]*)\}", block)
        assert len(self.locations) == block.count("location"), "only exact and prefix locations are modelled"
        self.server = re.sub(r"location\s+[^{]*\{[^{}]*\}", "", block)

    def rule(self, path: str) -> str:
        exact = [body for eq, where, body in self.locations if eq and where == path]
        if exact:
            return exact[0]
        prefixes = [(len(where), body) for eq, where, body in self.locations if not eq and path.startswith(where)]
        return max(prefixes)[1]

    def passes(self, path: str) -> bool:
        body = self.rule(path)
        return "proxy_pass http://127.0.0.1:8501;" in body and "return" not in body

    def refuses(self, path: str) -> bool:
        return re.search(r"return\s+(403|404);", self.rule(path)) is not None and "proxy_pass" not in self.rule(path)


def documented_nginx() -> Nginx:
    [block] = re.findall(r"```nginx\n(.*?)```", SICHERHEIT.read_text(encoding="utf-8"), flags=re.S)
    return Nginx(block)


def test_the_documented_proxy_refuses_every_endpoint_the_browser_does_not_need(tmp_path):
    needed = paths_the_browser_uses()
    assert {"/_stcore/health", "/_stcore/host-config", "/_stcore/stream", "/_stcore/upload_file"} <= needed
    with running_app(tmp_path) as (url, _):
        methods = ("GET", "POST")
        # What an unknown path answers (GET: the app's page): an endpoint that answers the same is not there.
        unknown = {method: fetch(f"{url}/_stcore/no-such-endpoint", method) for method in methods}
        served = set()
        for path in sorted(known_core_paths() - {"/_stcore/stream"}):  # the WebSocket does not answer GET
            answers = {method: fetch(url + path, method) for method in methods}
            if any(answers[m] != unknown[m] and answers[m][0] != 404 for m in methods):
                served.add(path)
        status, metrics = fetch(f"{url}/_stcore/metrics")
    assert status == 200 and b"session_events_total" in metrics and b"active_sessions" in metrics
    # What the running server answers without a login, and no browser asks for:
    exposed = served - needed
    assert {"/_stcore/metrics", "/_stcore/agent/openapi.json"} <= exposed
    assert "/_stcore/script-health-check" not in served  # off in .streamlit/config.toml

    nginx = documented_nginx()
    for path in exposed | {"/_stcore/script-health-check", "/_stcore/a-later-endpoint"}:
        assert nginx.refuses(path), path
    for path in needed | {"/", "/media/abc.png"}:  # upload_file and bidi-components are prefixes of the requests
        assert nginx.passes(path) or nginx.passes(f"{path}/session/file"), path
    stream = nginx.rule("/_stcore/stream")
    assert "proxy_set_header Upgrade $http_upgrade;" in stream and "proxy_set_header Host $host;" in stream
    assert f"client_max_body_size {settings.MAX_UPLOAD_MB}m;" in nginx.server


def test_the_streamlit_settings_keep_the_extra_endpoints_off():
    config = tomllib.loads((settings.PROJECT_DIR / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    server = config["server"]
    assert server["scriptHealthCheckEnabled"] is False
    assert server["unsafeMetricsUserAttributes"] == []
    assert server["enableAgentApi"] is False
