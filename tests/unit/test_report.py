"""The PDF report (monitor.report) on the demo data, read back with pypdf: A4, tagged, fonts embedded, "Seite X von
Y" on every page; every KPI of the overview and of the measure sections with its value of the period; the
definitions and the privacy notes; the public report prints no count of people from 1 to 4 and is marked on no
page, the internal one on every page; rendering asks no other host."""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import socket
import subprocess
import sys
from datetime import date

import pypdf
import pytest

from etl.pipeline import import_files
from monitor import db, fmt, published, queries, registry, report, settings, suppression, targets as targets_mod
from monitor.periods import Period
from monitor.texts import kpis as kpi_texts, report as texts, ui

TODAY = date(2026, 12, 3)  # Q4 2026 is running: 2025 and the quarters up to Q3 2026 are closed
YEAR = Period(2025)
A4 = (595.28, 841.89)  # points


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The demo data loaded as the app loads them; (engine, published set, targets)."""
    engine = db.make_engine(f"sqlite:///{tmp_path_factory.mktemp('report') / 'demo.db'}")
    db.upgrade(engine)
    files = [(p.name, p.read_bytes()) for p in sorted(settings.DEMO_DIR.glob("*.csv"))]
    assert import_files(engine, files, user="test").ok
    yield engine, published.from_database(engine, TODAY), targets_mod.from_database(engine)
    engine.dispose()


@pytest.fixture(scope="module")
def ags(demo):
    return demo[1].gemeinden[0]


@pytest.fixture(scope="module")
def public(demo, ags):
    _, pset, targets = demo
    return report.published_report(pset, ags, YEAR, False, targets, TODAY)


@pytest.fixture(scope="module")
def internal(demo, ags):
    engine, _, targets = demo
    return report.exact_report(queries.load_source(engine, ags), ags, YEAR, False, targets, TODAY)


def read(pdf: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(pdf))


@pytest.fixture(scope="module")
def public_pdf(public):
    return read(report.to_pdf(public))


@pytest.fixture(scope="module")
def internal_pdf(internal):
    return read(report.to_pdf(internal))


def page_texts(reader: pypdf.PdfReader) -> list[str]:
    return [page.extract_text() or "" for page in reader.pages]


def squeezed(text: str) -> str:
    """Without white space and hyphens: a name broken over two lines ("Vollzeit-/stelle") reads as one."""
    return re.sub(r"[\s\-\u00ad\u2010]", "", text)


def contains(reader_text: str, wanted: str) -> bool:
    return squeezed(wanted) in reader_text


@pytest.fixture(scope="module")
def public_text(public_pdf):
    return squeezed(" ".join(page_texts(public_pdf)))


# --- the document --------------------------------------------------------------------------------------------


def test_the_pdf_is_a4_numbered_seite_x_von_y_and_the_count_is_the_page_count(public_pdf):
    pages = page_texts(public_pdf)
    assert 10 < len(pages) < 150  # cover, overview, six measures with charts and tables, definitions
    for number, text in enumerate(pages, start=1):
        assert f"Seite {number} von {len(pages)}" in text, number
    for page in public_pdf.pages:
        box = page.mediabox
        assert (float(box.width), float(box.height)) == pytest.approx(A4, abs=0.5)


def _fonts(resources, seen: set) -> list:
    """Every font of the resources, those of form XObjects (the charts) too."""
    found = []
    if resources is None:
        return found
    resources = resources.get_object()
    for font in (resources.get("/Font") or {}).values():
        found.append(font.get_object())
    for xobject in (resources.get("/XObject") or {}).values():
        xobject = xobject.get_object()
        if id(xobject) not in seen and xobject.get("/Subtype") == "/Form":
            seen.add(id(xobject))
            found += _fonts(xobject.get("/Resources"), seen)
    return found


def test_fonts_are_embedded_and_the_pdf_is_tagged_for_screen_readers(public_pdf):
    fonts, seen = [], set()
    for page in public_pdf.pages:
        fonts += _fonts(page.get("/Resources"), seen)
    assert fonts
    for font in fonts:
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"] if "/DescendantFonts" in font \
            else font["/FontDescriptor"]
        descriptor = descriptor.get_object()
        assert {"/FontFile2", "/FontFile3"} & set(descriptor), font.get("/BaseFont")
    assert any("DejaVu" in str(font.get("/BaseFont")) for font in fonts)
    root = public_pdf.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "de"


def _structure(node, found: list) -> list:
    """(tag, alternative text) of every element of the PDF's structure tree."""
    node = node.get_object() if hasattr(node, "get_object") else node
    if isinstance(node, dict):
        if "/S" in node:
            found.append((str(node["/S"]), str(node.get("/Alt", ""))))
        if node.get("/K") is not None:
            _structure(node["/K"], found)
    elif isinstance(node, list):
        for child in node:
            _structure(child, found)
    return found


def test_headings_tables_and_charts_are_tagged_each_chart_with_its_description(public_pdf, public):
    tags = _structure(public_pdf.trailer["/Root"]["/StructTreeRoot"], [])
    names = {tag for tag, _ in tags}
    assert {"/H1", "/H2", "/H3", "/Table", "/TH", "/TD", "/L", "/LI", "/Figure"} <= names
    assert [alt for tag, alt in tags if tag == "/Figure"] == [chart.alt for chart in public.charts]


def test_the_cover_names_gemeinde_period_stand_and_the_day_it_was_made(public_pdf, public):
    cover = squeezed(public_pdf.pages[0].extract_text())
    assert public.gemeinde == "Gemeinde Wietze"
    for text in (texts.TITLE, public.gemeinde, texts.COVER_PERIOD, "2025", texts.COVER_CREATED, fmt.date_de(TODAY),
                 texts.COVER_STAND, fmt.date_de(date(2026, 9, 30)), texts.FILTER_RULE, texts.FILTER_RULE_ON):
        assert contains(cover, text), text


# --- what it says --------------------------------------------------------------------------------------------


def test_every_kpi_of_the_overview_and_of_each_section_appears_with_its_value(public, public_text):
    overview_ids = [s.id for s in registry.REGISTRY if s.overview]
    assert [t.kpi_id for t in public.tiles] == overview_ids
    for tile in public.tiles:
        assert contains(public_text, kpi_texts.NAMES[tile.kpi_id]), tile.kpi_id
        assert contains(public_text, f"{kpi_texts.NAMES[tile.kpi_id]}{tile.value}"), (tile.kpi_id, tile.value)
    assert [s.name for s in public.sections] == ["beratung", "praktikumsboerse", "integrationscafe", "netzwerk",
                                                 "sprachkurse", "karte"]
    for section in public.sections:
        assert contains(public_text, section.title)
        for card in section.cards:
            assert contains(public_text, f"{card.tile.title}{card.tile.value}"), (section.name, card.tile.kpi_id)
            for line in card.lines:
                assert contains(public_text, f"{line.label}: {line.value}"), (section.name, line)
        for block in section.blocks:
            if isinstance(block, report.ReportTable):
                assert contains(public_text, block.title), block.title
                for value in block.frame.to_numpy().ravel():
                    assert contains(public_text, str(value)), (block.title, value)


def test_definitions_filters_and_the_privacy_notes_are_in_it(public_text, public):
    for spec in registry.REGISTRY:
        assert contains(public_text, kpi_texts.DEFINITIONS[spec.id]), spec.id
    for label, value in public.filters:
        assert contains(public_text, label) and contains(public_text, value), label
    for note in (ui.SUPPRESSED_NOTE, ui.SOURCE_NOTE):
        assert contains(public_text, note)


def test_numbers_and_dates_are_german(public_text, public):
    assert contains(public_text, "30.09.2026")
    shares = [t.value for t in public.tiles if t.value.endswith("%")]
    assert shares and all("," in v for v in shares)


# --- privacy -----------------------------------------------------------------------------------------------------


def _unsafe(counts) -> list:
    return [c for c in counts if suppression.small(c.value)]


def test_the_public_report_prints_no_count_of_people_from_one_to_four(demo, ags, public, public_text, internal):
    """The model lists every count of people it prints (tiles, cards, tables, trends, the funnel's bars): none is
    1-4, in the year's report and in those of the other closed years and quarters; and what the model lists is
    what the PDF prints. The exact report of the same year has such counts, so the check is not empty."""
    assert len(public.counts) > 200
    assert _unsafe(public.counts) == []
    for count in public.counts:
        assert contains(public_text, fmt.number(count.value)), count
    _, pset, targets = demo
    for period in [*pset.periods_of(False)[:3], *pset.periods_of(True)[:4]]:
        other = report.published_report(pset, ags, period, period.quarter is not None, targets, TODAY)
        assert _unsafe(other.counts) == [], period.key
    assert _unsafe(internal.counts), "the exact figures of the demo data have small counts"


def test_the_public_report_is_made_of_the_published_set_only(demo, ags, public):
    _, pset, _ = demo
    figures = pset.get(ags, YEAR)
    for tile in public.tiles:
        assert tile.figures is figures[tile.kpi_id]


def test_a_period_not_in_the_published_set_has_no_public_report(demo, ags):
    _, pset, targets = demo
    for period in (Period(2026), Period(2026, 4), Period(1999)):
        with pytest.raises(ValueError):
            report.published_report(pset, ags, period, period.quarter is not None, targets, TODAY)


def test_internal_report_is_marked_on_every_page_and_the_public_one_on_none(internal_pdf, public_pdf):
    internal_pages = page_texts(internal_pdf)
    assert len(internal_pages) > 10
    for number, text in enumerate(internal_pages, start=1):
        assert texts.INTERNAL_MARK in text, number
        assert f"Seite {number} von {len(internal_pages)}" in text
    assert not any(texts.INTERNAL_MARK in text for text in page_texts(public_pdf))


def test_every_value_is_escaped_in_the_html(public):
    odd = dataclasses.replace(public, gemeinde='<script>alert("x")</script> & Co', sections=())
    document = report.to_html(odd)
    assert "<script>" not in document
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co" in document


# --- offline -----------------------------------------------------------------------------------------------------

LOCAL = ("127.0.0.1", "::1", "localhost")


@pytest.fixture
def no_network(monkeypatch):
    """Every connection of this process to another host fails the test (loopback and unix sockets are allowed:
    kaleido talks to its local browser)."""
    attempts = []
    connect = socket.socket.connect

    def guarded(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6) and address[0] not in LOCAL:
            attempts.append(address)
            raise OSError(f"network access during rendering: {address}")
        return connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)
    monkeypatch.setattr(socket.socket, "connect_ex", guarded)
    yield attempts


def test_rendering_requests_nothing_from_another_host(public, no_network):
    """The browser's page loads plotly.js from the installed package and no MathJax; WeasyPrint fetches nothing
    (everything is embedded); this process connects to no other host while it renders."""
    page = report.chart_page().generate_index()
    assert "http://" not in page and "https://" not in page
    assert re.findall(r'src="([^"]+)"', page) and all(src.startswith("file://")
                                                      for src in re.findall(r'src="([^"]+)"', page))
    small = dataclasses.replace(public, sections=public.sections[:1])
    pdf = read(report.to_pdf(small))
    assert len(pdf.pages) > 2
    assert no_network == []


def test_rendering_works_without_any_network():
    """In a network namespace of its own (no interface but loopback), where any request to another host would
    fail or hang, the report is rendered with its charts all the same."""
    if shutil.which("unshare") is None or subprocess.run(["unshare", "-rn", "true"], capture_output=True).returncode:
        pytest.skip("unshare -rn is not allowed here")
    script = (
        "import sys\nfrom datetime import date\nimport plotly.graph_objects as go\n"
        "from monitor import report\nfrom monitor.periods import Period\n"
        "chart = report.Chart('T', 'A', go.Figure(go.Scatter(x=['2024', '2025'], y=[5, 7])))\n"
        "r = report.Report(ags='1', gemeinde='G', period=Period(2025), quarterly=False, stand=None,\n"
        "    created=date(2026, 1, 1), internal=False, tiles=(), trend=chart, trend_caption='', sections=(),\n"
        "    definitions=(), filters=(), notes=())\n"
        "pdf = report.to_pdf(r)\n"
        "sys.stdout.write(str(len(pdf)) if pdf.startswith(b'%PDF') else 'no pdf')\n")
    result = subprocess.run(["unshare", "-rn", sys.executable, "-c", script], cwd=settings.PROJECT_DIR,  # noqa: S607
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert int(result.stdout) > 1000


def test_charts_are_drawn_also_where_an_event_loop_already_runs():
    """The caller's thread may run asyncio itself (as the browser tests' driver does): drawing still works."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    import plotly.graph_objects as go

    from monitor import report as report_mod

    chart = report_mod.Chart("Test", "Test", go.Figure(go.Scatter(x=["2024", "2025"], y=[5, 7])))

    async def inside_a_loop() -> list[bytes]:
        return report_mod.draw_charts([chart])

    with ThreadPoolExecutor(max_workers=1) as pool:  # a thread of its own: this one may run a loop already
        (svg,) = pool.submit(asyncio.run, inside_a_loop()).result()
    assert svg.lstrip().startswith(b"<svg") or b"<svg" in svg[:400]
