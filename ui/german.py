"""German everywhere: the page is a German document, and nothing of Streamlit's own English is left on it.

Streamlit 1.67 has no setting for the page's language or its own texts, so:

- ``GermanDocument``, a middleware for ``st.App`` (app.py), serves the page as ``<html lang="de">`` with the app's
  title from the first byte, so that no browser offers to translate it; ``script_error``, the App's error handler,
  shows a page's unexpected error in German;
- ``apply()``, called by dashboard.py on every run, puts one style sheet and one small script into the page. The
  style sheet hides Streamlit's English table toolbar (ui.tables offers German downloads instead), lets the tiles'
  comparison lines and values in words wrap instead of cutting them off, and keeps headings from breaking inside a
  word. The script (german.js) sets ``lang="de"`` as well (also when dashboard.py is started without app.py) and
  puts German in place of the English labels Streamlit gives its controls (monitor.texts.controls).

plotly's own texts are German through the locale ui.figures passes with every chart.
"""

from __future__ import annotations

import gzip
import json
import re
from functools import cache
from pathlib import Path

import streamlit as st

from monitor.texts import controls, ui

LANG = "de"
MARKER = "integrationsmonitor-deutsch"  # the id of the element that carries the script

# The attributes german.js translates anywhere in the page.
ATTRIBUTE_NAMES = ["aria-label", "title", "placeholder", "aria-valuetext", "aria-roledescription", "alt",
                   "data-title"]
# Where german.js may translate text: inside Streamlit's own controls only, never in the app's content.
TEXT_SCOPES = [
    '[data-testid="stSkipToContent"]',
    '[data-testid="InputInstructions"]',
    '[data-testid="stFileUploaderDropzone"]',
    '[data-testid="stFileUploader"] [role="alert"]',
    '[data-testid="stStatusWidget"]',
    '[data-testid="stConnectionStatus"]',
    '[data-testid="stSelectboxVirtualDropdown"]',
    '[role="listbox"]',
    '[data-testid="stDateInputCalendar"]',
    '[data-testid^="stDataFrameColumn"]',
    '[data-testid^="stDataFrameStatistics"]',
    '[role="dialog"]',
]
# Never inside these, even within a scope: what the app itself writes (labels, Markdown, its own dialogs).
NOT_TEXT_SCOPES = ['[data-testid="stWidgetLabel"]', '[data-testid="stDialog"] [data-testid="stMarkdownContainer"]']

CSS = """
/* Streamlit's toolbar over tables (show/hide columns, search, CSV download, fullscreen) speaks English; the app
   offers its own downloads beside every table (ui.tables, ui.downloads). */
[data-testid="stElementToolbar"] { display: none !important; }
/* A tile's comparison line is shown in full, wrapping if needed, not cut off with an ellipsis. */
[data-testid="stMetricDeltaDescription"], [data-testid="stMetricDeltaDescription"] * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
}
:has(> [data-testid="stMetricDeltaDescription"]) { flex-wrap: wrap !important; height: auto !important; }
/* So is a tile's value in words ("46 von 47 Terminen"): it wraps between words in a narrow tile. */
[data-testid="stMetricValue"], [data-testid="stMetricValue"] * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important; height: auto !important;
}
/* Headings and labels break between words, never inside one (German compounds are long). */
h1, h2, h3, h4, h5, h6, [data-testid="stMetricLabel"], [data-testid="stExpander"] summary {
  hyphens: manual; word-break: normal; overflow-wrap: normal;
}
@media (max-width: 640px) {
  h1 { font-size: 1.875rem !important; }
  h2 { font-size: 1.5rem !important; }
  h3 { font-size: 1.25rem !important; }
}
/* Long codes in static tables may break anywhere rather than push the table wider than the page; the first
   column, which names the row, keeps its words whole. */
[data-testid="stTable"] td, [data-testid="stTable"] td * { overflow-wrap: anywhere !important; }
[data-testid="stTable"] tr > :first-child, [data-testid="stTable"] tr > :first-child * {
  overflow-wrap: normal !important;
}
/* The element that carries german.js takes no room. */
[data-testid="stElementContainer"]:has(#MARKER) { display: none; }
""".replace("MARKER", MARKER)


@cache
def script() -> str:
    """german.js with the German texts of monitor.texts.controls filled in."""
    texts = {
        "attributeNames": ATTRIBUTE_NAMES,
        "attributes": controls.ATTRIBUTES,
        "attributePatterns": controls.ATTRIBUTE_PATTERNS,
        "texts": controls.TEXTS,
        "textPatterns": controls.TEXT_PATTERNS,
        "textScopes": TEXT_SCOPES,
        "notTextScopes": NOT_TEXT_SCOPES,
    }
    source = Path(__file__).with_name("german.js").read_text(encoding="utf-8")
    # "<\/" keeps a "</script>" inside a text from ending the script element early
    return source.replace("__TEXTS__", json.dumps(texts, ensure_ascii=False).replace("</", "<\\/"))


def apply() -> None:
    """Put the style sheet and the script into the page (dashboard.py, every run, before the page's content).
    Both are fixed texts of the app; nothing from outside goes into them."""
    st.html(f"<style>{CSS}</style>")  # style only: Streamlit puts it where it takes no room
    st.html(f'<span id="{MARKER}" hidden></span><script>{script()}</script>', unsafe_allow_javascript=True)


def script_error(error: Exception) -> bool:
    """``st.App``'s on_script_error (app.py): a page's uncaught error is shown as a German notice instead of
    Streamlit's English one ("This app has encountered an error ..."). Streamlit has logged it already; like
    its own notice (client.showErrorDetails = "none"), this one shows no details."""
    st.error(ui.UNEXPECTED_ERROR, icon=":material/error:")
    return True  # Streamlit shows nothing of its own


# --- the document itself: lang="de" from the first byte ---------------------------------------------------------

_HTML_TAG = re.compile(rb"<html\b[^>]*>", re.IGNORECASE)
_LANG = re.compile(rb"""\slang\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""", re.IGNORECASE)
_TITLE = re.compile(rb"<title>[^<]*</title>", re.IGNORECASE)


def german_document(html: bytes) -> bytes:
    """Streamlit's index.html as a German document: ``lang="de"`` on the html element and the app's title
    (Streamlit's own title is "Streamlit" until the app's first run sets it)."""
    def with_lang(match: re.Match) -> bytes:
        tag = _LANG.sub(b"", match.group(0))
        return tag[:5] + f' lang="{LANG}"'.encode() + tag[5:]

    html = _HTML_TAG.sub(with_lang, html, count=1)
    return _TITLE.sub(f"<title>{ui.APP_TITLE}</title>".encode(), html, count=1)


class GermanDocument:
    """ASGI middleware for ``st.App`` (app.py): every HTML page Streamlit serves (index.html, for every page
    address) goes out as a German document (german_document). Other responses pass untouched."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope.get("method") != "GET":
            await self.app(scope, receive, send)
            return
        start: dict | None = None
        body: list[bytes] = []

        async def rewrite(message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                headers = {k.lower(): v for k, v in message.get("headers", [])}
                if message.get("status") == 200 and headers.get(b"content-type", b"").startswith(b"text/html") \
                        and headers.get(b"content-encoding", b"identity") in (b"identity", b"gzip"):
                    start = message  # held back until the body is complete
                    return
            elif message["type"] == "http.response.body" and start is not None:
                body.append(message.get("body", b""))
                if message.get("more_body"):
                    return
                await _send_german(send, start, b"".join(body))
                return
            await send(message)

        await self.app(scope, receive, rewrite)


async def _send_german(send, start: dict, data: bytes) -> None:
    headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
    zipped = any(k.lower() == b"content-encoding" and v == b"gzip" for k, v in headers)
    data = gzip.compress(german_document(gzip.decompress(data))) if zipped else german_document(data)
    headers.append((b"content-length", str(len(data)).encode()))
    await send({**start, "headers": headers})
    await send({"type": "http.response.body", "body": data})
