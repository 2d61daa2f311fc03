"""German everywhere (ui.german, monitor.texts.controls, ui.figures): Streamlit's own index.html served as a German
document, the translations of Streamlit's and plotly's English, and that each English text translated is one
their frontend bundles really write (after an upgrade that renamed one, this fails rather than the page turning
English unnoticed)."""

from __future__ import annotations

import asyncio
import gzip
import json
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import streamlit

from monitor.texts import controls, ui
from ui import figures, german

STATIC = Path(streamlit.__file__).parent / "static"
INDEX = (STATIC / "index.html").read_bytes()


@pytest.fixture(scope="module")
def bundle() -> str:
    """Streamlit's frontend, plotly.js included, as one text."""
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in (STATIC / "static" / "js").glob("*.js"))


def js_replace(pattern: str, replacement: str, text: str) -> str | None:
    """What german.js does with a pattern: the replacement, or None if it does not match."""
    if not re.search(pattern, text):
        return None
    return re.sub(pattern, re.sub(r"\$(\d)", r"\\\1", replacement), text)


def translated(text: str, exact: dict, patterns: list) -> str | None:
    if text in exact:
        return exact[text]
    return next((r for p, repl in patterns if (r := js_replace(p, repl, text)) is not None), None)


# --- the document -----------------------------------------------------------------------------------------------


def test_streamlits_index_html_becomes_a_german_document():
    assert b'<html lang="en">' in INDEX  # what Streamlit serves; if this changes, look again
    html = german.german_document(INDEX)
    assert b'<html lang="de">' in html and b'lang="en"' not in html
    assert f"<title>{ui.APP_TITLE}</title>".encode() in html and b"<title>Streamlit</title>" not in html
    # nothing else changes: the scripts and styles Streamlit loads stay as they are
    assert html.replace(b'lang="de"', b'lang="en"').replace(f"<title>{ui.APP_TITLE}</title>".encode(),
                                                            b"<title>Streamlit</title>") == INDEX


@pytest.mark.parametrize("tag,expected", [
    (b"<html>", b'<html lang="de">'),
    (b"<HTML class='x' lang='en-US' dir=ltr>", b"<HTML lang=\"de\" class='x' dir=ltr>"),
    (b'<html lang=en>', b'<html lang="de">'),
])
def test_any_html_element_gets_lang_de(tag, expected):
    assert german.german_document(b"<!DOCTYPE html>" + tag + b"<head></head>") == b"<!DOCTYPE html>" + expected + \
        b"<head></head>"


def run_asgi(headers: list[tuple[bytes, bytes]], body: bytes, chunks: int = 1, method: str = "GET",
             status: int = 200) -> tuple[dict, bytes]:
    """Send one request through GermanDocument in front of an app that answers with `body` in `chunks` parts."""
    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": status,
                    "headers": headers + [(b"content-length", str(len(body)).encode())]})
        size = -(-len(body) // chunks)
        for i in range(chunks):
            await send({"type": "http.response.body", "body": body[i * size:(i + 1) * size],
                        "more_body": i < chunks - 1})

    sent = []

    async def send(message):
        sent.append(message)

    async def receive():
        return {"type": "http.request"}

    request = german.GermanDocument(app)({"type": "http", "method": method, "path": "/anmelden"}, receive, send)
    # In a thread of its own: the browser tests' Playwright keeps an event loop running in the main thread.
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, request).result()
    start = next(m for m in sent if m["type"] == "http.response.start")
    return start, b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")


def test_the_middleware_serves_every_html_page_german_also_gzipped():
    start, body = run_asgi([(b"content-type", b"text/html; charset=utf-8")], INDEX, chunks=3)
    assert body == german.german_document(INDEX)
    assert dict(start["headers"])[b"content-length"] == str(len(body)).encode()
    start, body = run_asgi([(b"content-type", b"text/html"), (b"content-encoding", b"gzip")], gzip.compress(INDEX))
    assert gzip.decompress(body) == german.german_document(INDEX)
    assert dict(start["headers"])[b"content-length"] == str(len(body)).encode()


@pytest.mark.parametrize("headers,method,status", [
    ([(b"content-type", b"application/javascript")], "GET", 200),  # Streamlit's scripts
    ([(b"content-type", b"text/html")], "GET", 304),  # "not modified": no body to change
    ([(b"content-type", b"text/html")], "POST", 200),
    ([(b"content-type", b"text/html"), (b"content-encoding", b"br")], "GET", 200),  # cannot be read: left as is
])
def test_everything_else_passes_untouched(headers, method, status):
    start, body = run_asgi(headers, INDEX, chunks=2, method=method, status=status)
    assert body == INDEX and dict(start["headers"])[b"content-length"] == str(len(INDEX)).encode()


def test_app_py_serves_dashboard_py_through_the_middleware_with_german_error_notices():
    source = (Path(german.__file__).parent.parent / "app.py").read_text(encoding="utf-8")
    assert 'st.App("dashboard.py", middleware=[Middleware(GermanDocument)], on_script_error=script_error)' in source
    assert german.script_error(RuntimeError("kaputt")) is True  # Streamlit's English notice is not shown
    assert ui.UNEXPECTED_ERROR.startswith("Auf dieser Seite ist ein unerwarteter Fehler aufgetreten.")


# --- Streamlit's own controls -------------------------------------------------------------------------------------

# Texts Streamlit puts together from parts (`Press Enter to ${…}`): the parts must be in its bundle.
BUILT = {"Press Enter to submit form": ["Press Enter to ", "submit form"],
         "Press Enter to apply": ["Press Enter to ", "`apply`"]}


def test_every_english_text_translated_is_written_by_streamlit_or_plotly(bundle):
    for english in [*controls.ATTRIBUTES, *controls.TEXTS, *controls.PLOTLY_DICTIONARY]:
        if english in BUILT:
            assert all(part in bundle for part in BUILT[english]), english
        else:
            assert f"`{english}`" in bundle or f'"{english}"' in bundle, english


def test_the_german_texts_are_german():
    for english, german_text in [*controls.ATTRIBUTES.items(), *controls.TEXTS.items(),
                                 *controls.PLOTLY_DICTIONARY.items()]:
        assert german_text and german_text != english, english
    assert len(controls.PLOTLY_FORMAT["months"]) == 12 and controls.PLOTLY_FORMAT["decimal"] == ","


@pytest.mark.parametrize("english,expected", [
    ("Help for Aktive Fälle", "Erläuterung zu Aktive Fälle"),
    ("Help for Zeitraum", "Erläuterung zu Zeitraum"),
    ("day, Von", "Tag, Von"),
    ("12 – December", "12 – Dezember"),
    ("Choose date, Dezember 2026", "Datum wählen, Dezember 2026"),
    ("Search: Protokoll", "Suchen: Protokoll"),
    ("kontakte.csv, 404.7KB", "kontakte.csv, 404,7 KB"),
    ("kontakte.csv entfernen", None),  # German already
    ("check_circle icon", ""),  # removed: the word beside the icon says it
    ("Remove faelle.csv", "faelle.csv entfernen"),
    ("Open", "Auswahl öffnen"),
])
def test_attributes(english, expected):
    assert translated(english, controls.ATTRIBUTES, controls.ATTRIBUTE_PATTERNS) == expected


@pytest.mark.parametrize("english,expected", [
    ("50MB per file", "höchstens 50 MB je Datei"),
    ("404.7KB", "404,7 KB"),
    ("Press Enter to submit form", "Mit der Eingabetaste absenden"),
    ("Press Ctrl+Enter to apply", "Mit Strg+Eingabetaste übernehmen"),
    ("csv files are not allowed.", "Dateien vom Typ csv sind nicht erlaubt."),
    ("add icon", ""),
    ("Upload", "Dateien auswählen"),
])
def test_texts(english, expected):
    assert translated(english, controls.TEXTS, controls.TEXT_PATTERNS) == expected


def test_no_german_text_is_translated_again():
    """german.js would otherwise keep rewriting what it wrote."""
    for german_text in [*controls.ATTRIBUTES.values(), *controls.TEXTS.values()]:
        assert translated(german_text, controls.ATTRIBUTES, controls.ATTRIBUTE_PATTERNS) in (None, german_text)
        assert translated(german_text, controls.TEXTS, controls.TEXT_PATTERNS) in (None, german_text)


def test_the_script_carries_the_texts_and_cannot_end_its_element_early():
    script = german.script()
    data = json.loads(re.search(r"const T = (\{.*?\});\n", script, re.S).group(1).replace("<\\/", "</"))
    assert data["attributes"] == controls.ATTRIBUTES and data["texts"] == controls.TEXTS
    assert [list(p) for p in controls.ATTRIBUTE_PATTERNS] == data["attributePatterns"]
    assert "__TEXTS__" not in script and "</script" not in script.lower()
    assert 'document.documentElement.lang = "de"' in script


def test_the_style_sheet_hides_streamlits_table_toolbar_and_keeps_words_whole():
    assert '[data-testid="stElementToolbar"] { display: none !important; }' in german.CSS
    assert "hyphens: manual; word-break: normal; overflow-wrap: normal;" in german.CSS
    assert f"#{german.MARKER}" in german.CSS


# --- plotly -------------------------------------------------------------------------------------------------------


def test_charts_get_the_german_locale_and_only_the_picture_button():
    config = figures.config("aktive-faelle")
    assert config["locale"] == "de"
    assert config["locales"]["de"]["dictionary"]["Download plot as a PNG"] == \
        "Diagramm als Bild (PNG) herunterladen"
    assert config["locales"]["de"]["format"]["decimal"] == "," and config["locales"]["de"]["format"]["thousands"] == "."
    assert config["modeBarButtons"] == [["toImage"]]  # replaces plotly's buttons and Streamlit's "Fullscreen"
    assert config["toImageButtonOptions"]["filename"] == "aktive-faelle" and config["displaylogo"] is False
    json.dumps(config)  # it travels to the browser as JSON


def test_the_bundled_plotly_has_no_german_of_its_own(bundle):
    """Why ui.figures passes the locale with every chart: plotly.js in Streamlit registers English only."""
    assert "locale-en" in bundle and "locale-de" not in bundle
