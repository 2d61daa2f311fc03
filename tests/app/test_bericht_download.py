"""The overview offers the report as PDF (ui.report): a click on "Bericht erstellen" builds it on the server, then
"Bericht als PDF" serves it. The public and the council get the public report of the page's published set, the
mayor the internal one with exact figures."""

from __future__ import annotations

import io
from datetime import date

import pypdf
from streamlit.runtime.memory_media_file_storage import _calculate_file_id
from streamlit.testing.v1 import AppTest

from monitor import published, roles
from monitor.periods import Period
from monitor.scope import ALL
from monitor.texts import report as texts
from tests.app.test_pages import OVERVIEW_PAGE, WIETZE, run
from ui import cache, report


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def download(at: AppTest):
    return next(b for b in at.get("download_button") if b.proto.label == texts.DOWNLOAD_BUTTON)


def built(at: AppTest) -> AppTest:
    """The overview after a click on "Bericht erstellen": no download before it, one after."""
    assert not [b for b in at.get("download_button") if b.proto.label == texts.DOWNLOAD_BUTTON]
    return button(at, texts.BUILD_BUTTON).click().run()


def served(at: AppTest, data: bytes, file_name: str) -> pypdf.PdfReader:
    """The download button serves exactly `data` as `file_name`; the PDF read back."""
    file_id = _calculate_file_id(data, report.MIME, file_name)
    assert download(at).proto.url.endswith(f"/{file_id}.pdf")
    assert data.startswith(b"%PDF")
    return pypdf.PdfReader(io.BytesIO(data))


def test_the_public_overview_offers_the_public_report_of_its_published_set(demo_db):
    at = built(run(OVERVIEW_PAGE))
    assert not at.exception and not at.error
    period = next(b.value for b in at.selectbox if isinstance(b.value, Period))
    assert period.quarter is None and not period.is_partial  # a closed year
    database, version = cache.database()
    # the page's cached PDF (a cache miss would fail: no published set is passed here)
    data, file_name = report.public_pdf(None, database, version, False, WIETZE, period, False, cache.targets_stamp(),
                                        date.today())
    assert file_name == f"Bericht_{WIETZE}_{period.key}.pdf"
    reader = served(at, data, file_name)
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Gemeinde Wietze" in text and f"Seite 1 von {len(reader.pages)}" in text
    assert texts.INTERNAL_MARK not in text
    assert texts.PUBLIC_NOTE in [c.value for c in at.caption]


def test_the_mayor_gets_the_internal_report(demo_db):
    at = built(run(OVERVIEW_PAGE, role=roles.MAYOR))
    assert not at.exception and not at.error
    period = next(b.value for b in at.selectbox if isinstance(b.value, Period))
    database, version = cache.database()
    today = date.today()
    source = cache.source(ALL, database, WIETZE, version)
    data, file_name = report.exact_pdf(source, database, version, WIETZE, period, False, cache.targets_stamp(),
                                       published.last_closed_quarter(today).full_end, today)
    assert file_name == f"Bericht_{WIETZE}_{period.key}_intern.pdf"
    reader = served(at, data, file_name)
    assert all(texts.INTERNAL_MARK in page.extract_text() for page in reader.pages)
    assert texts.INTERNAL_NOTE in [c.value for c in at.caption]
