"""The report for the council (Sitzungsvorlage, Jahresbericht) as a PDF made on the server (docs/bericht.md).

Two steps, as the pages do it:

1. **The report as plain data** (``Report``): the cover (Gemeinde, period, data stand, day of creation), the chosen
   filters, the overview's tiles (target against actual) with its trend of active cases, one section per measure
   page (monitor.views.MEASURE_PAGES: its cards, charts and tables, built by views.model like the page), the
   definitions of the KPIs from the registry and the notes the pages show. ``published_report`` builds it for the
   public (and the council) from the audited published set only; ``exact_report`` from the exact figures, for
   internal use, marked "Nur für den Dienstgebrauch" on every page. Every number is already formatted German
   text; the report also lists every count of people it prints (``Report.counts``), so that a test can prove the
   public one has none of 1-4.
2. **Rendering** (``to_html``, ``to_pdf``): HTML with every value escaped, A4 with running header and page numbers
   ("Seite X von Y") from CSS margin boxes, laid out by WeasyPrint into a tagged PDF with embedded fonts; the charts
   are the pages' plotly figures (monitor.charts) drawn as SVG by kaleido with the local Chromium, all in one
   browser session and without any request to another host (plotly.js from the plotly package, no MathJax).

WeasyPrint and kaleido are imported only inside the rendering, so the rest of the app works without them.
"""

from __future__ import annotations

import asyncio
import base64
import html
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from monitor import charts, fmt, overview, registry, views
from monitor.overview import Tile
from monitor.periods import Period
from monitor.published import Figures, PublishedSet
from monitor.source import FigureSource
from monitor.texts import (
    kpis as kpi_texts,
    netzwerk as netzwerk_texts,
    report as texts,
    sprachkurse as sprachkurse_texts,
    ui,
)
from monitor.views import model, netzwerk, sprachkurse
from monitor.views.model import Card, PageModel
from monitor.views.specs import SPECS

FONT = "DejaVu Sans"  # Debian's fonts-dejavu-core: known to WeasyPrint and Chromium, embedded as a subset
CHART_WIDTH = 680  # px of the SVG; the PDF scales it to the text width (17 cm)
PRINT_HEIGHT = 0.7  # the charts a little flatter than on the screen: more of them on a page


# --- the report as plain data ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Chart:
    """A chart of the report: a plotly figure of monitor.charts, its title and its description for screen
    readers."""

    title: str
    alt: str
    figure: go.Figure = field(compare=False, repr=False)


@dataclass(frozen=True)
class ReportTable:
    title: str
    frame: pd.DataFrame = field(compare=False)  # German texts, as the page shows them (views.model.Table.shown)
    notes: tuple[str, ...] = ()


Block = Chart | ReportTable | str  # a str is a note under what comes before


@dataclass(frozen=True)
class Section:
    """A measure page in the report: its cards, then its charts, tables and notes in the page's order."""

    name: str  # the page's stem (monitor.views.MEASURE_PAGES)
    title: str
    intro: str
    cards: tuple[Card, ...]
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Count:
    """A count of people the report prints: where, which KPI part (or chart), the value."""

    where: str
    kpi_id: str
    part: str
    value: float


@dataclass(frozen=True)
class Report:
    ags: str
    gemeinde: str
    period: Period
    quarterly: bool
    stand: date | None
    created: date
    internal: bool  # exact figures, "Nur für den Dienstgebrauch"
    tiles: tuple[Tile, ...]
    trend: Chart | None
    trend_caption: str
    sections: tuple[Section, ...]
    definitions: tuple[tuple[str, str, str], ...]  # (German name, definition, unit) in registry order
    filters: tuple[tuple[str, str], ...]
    notes: tuple[str, ...]
    counts: tuple[Count, ...] = field(compare=False, default=())

    @property
    def title(self) -> str:
        return texts.TITLE

    @property
    def charts(self) -> list[Chart]:
        """Every chart, in the order of the document."""
        found = [self.trend] if self.trend is not None else []
        return found + [b for s in self.sections for b in s.blocks if isinstance(b, Chart)]

    @property
    def file_name(self) -> str:
        return texts.FILE_NAME.format(ags=self.ags, period=self.period.key,
                                      internal=texts.FILE_INTERNAL if self.internal else "")


def _people(kpi_id: str, part: str) -> bool:
    spec = registry.spec(kpi_id)
    try:
        found = spec.part(part)
    except KeyError:
        return False
    return found.kind == registry.COUNT and found.people and found.shown


def _figure_counts(where: str, figures: Figures | None) -> list[Count]:
    """The counts of people among the figures, withheld ones left out (they print as "•")."""
    if figures is None:
        return []
    out = []
    for name, value in figures.values.items():
        if figures.is_hidden(name) or fmt.is_missing(value) or not _people(figures.spec.id, name):
            continue
        out.append(Count(where, figures.spec.id, name, float(value)))
    return out


def _section(page: PageModel) -> tuple[Section, list[Count]]:
    """A measure page as a section, and the counts of people it prints."""
    spec = page.spec
    counts = [c for kpi_id in spec.kpis for c in _figure_counts(spec.title, (page.current or {}).get(kpi_id))]
    blocks: list[Block] = []
    if page.withheld:
        blocks.append(ui.SUPPRESSED_NOTE)
    if page.missing:
        blocks.append(ui.MISSING_TILES_NOTE)
    if spec.name == "sprachkurse":
        item = sprachkurse.funnel(page.current)
        if item is not None and item.stages:
            blocks.append(Chart(sprachkurse_texts.FUNNEL_TITLE, item.alt, charts.course_funnel(item)))
            blocks.append(sprachkurse_texts.FUNNEL_NOTE)
            counts += [Count(spec.title, "funnel", name, value) for name, value in item.stages]
        if item is not None and item.by_type:
            blocks.append(Chart(sprachkurse_texts.TYPE_TITLE, item.by_type_alt,
                                charts.course_type_stages(item.by_type)))
            counts += [Count(spec.title, "funnel", f"{label}: {stage}", value)
                       for label, stages in item.by_type for stage, value in stages]
    if spec.name == "netzwerk":
        flow = netzwerk.referral_flow(*netzwerk.referral_counts(page))
        if flow is not None:
            blocks.append(Chart(netzwerk_texts.FLOW_TITLE, netzwerk_texts.FLOW_ALT, charts.referral_sankey(flow)))
    if spec.name == "karte":
        blocks.append(texts.KARTE_NOTE)
    for item in page.breakdowns:
        blocks.append(ReportTable(item.title, item.table.shown, item.table.notes))
    if page.years_only:
        blocks.append(ui.YEARS_ONLY_NOTE.format(titles=", ".join(page.years_only)))
    blocks.append(ReportTable(texts.FIGURES_TITLE, page.figures.shown))
    if page.trends:
        blocks.append(ui.TREND_CLOSED[page.trends[0].quarterly].format(stand=fmt.date_de(page.stand)))
    for trend in page.trends:
        blocks.append(Chart(trend.title, trend.alt, charts.line_trend(trend)))
        if trend.has_gaps:
            blocks.append(ui.TREND_GAPS)
        blocks.append(ReportTable(f"{texts.TREND_TABLE}: {trend.title}", trend.table.shown))
        if trend.kind == "count":
            counts += [Count(trend.title, trend.spec.kpi_id, s.part, v) for s in trend.series for v in s.values
                       if v is not None and _people(trend.spec.kpi_id, s.part)]
    return Section(spec.name, spec.title, spec.intro, page.cards, tuple(blocks)), counts


def definitions() -> tuple[tuple[str, str, str], ...]:
    """Every KPI of the registry: its German name, definition and unit (as docs/kennzahlen.md names them)."""
    return tuple((kpi_texts.NAMES[s.id], kpi_texts.DEFINITIONS[s.id], kpi_texts.UNITS.get(s.unit, s.unit))
                 for s in registry.REGISTRY)


def _report(ags: str, period: Period, quarterly: bool, stand: date | None, today: date, internal: bool,
            tiles: list[Tile], trend: pd.DataFrame, pages: list[PageModel]) -> Report:
    counts = [c for tile in tiles for c in _figure_counts(texts.OVERVIEW_TITLE, tile.figures)]
    counts += [Count(ui.TRENDS_TITLE, "K1", f"active_{g}", float(v)) for g, v in zip(trend["group"], trend["active"])
               if g != overview.HIDDEN]
    sections = []
    for page in pages:
        section, found = _section(page)
        sections.append(section)
        counts += found
    chart = None if trend.empty else Chart(ui.TRENDS_TITLE, ui.CHART_ALT, charts.active_cases_trend(trend))
    caption = "" if trend.empty or stand is None else overview.trend_caption(trend, stand)
    gemeinde = overview.gemeinde_name(ags)
    filters = (
        (texts.FILTER_GEMEINDE, f"{gemeinde} ({ags})"),
        (texts.FILTER_PERIOD, period.label),
        (texts.FILTER_STAND, fmt.date_de(stand)),
        (texts.FILTER_FIGURES, texts.FILTER_FIGURES_EXACT if internal else texts.FILTER_FIGURES_PUBLISHED),
        (texts.FILTER_RULE, texts.FILTER_RULE_OFF if internal else texts.FILTER_RULE_ON),
    )
    notes = [ui.SUPPRESSED_NOTE]
    if any(tile.shows_missing for tile in tiles) or any(p.missing for p in pages):
        notes.append(ui.MISSING_TILES_NOTE)
    notes.append(ui.SOURCE_NOTE)
    return Report(ags=ags, gemeinde=gemeinde, period=period, quarterly=quarterly, stand=stand, created=today,
                  internal=internal, tiles=tuple(tiles), trend=chart, trend_caption=caption,
                  sections=tuple(sections), definitions=definitions(), filters=filters, notes=tuple(notes),
                  counts=tuple(counts))


def published_report(pset: PublishedSet, ags: str, period: Period, quarterly: bool, targets: pd.DataFrame | None,
                     today: date) -> Report:
    """The public report (also the council's): every figure from the published set, as the suppressed views show
    it. Raises ValueError when the period of the Gemeinde is not in the set (not closed, or not in the data)."""
    if not pset.has(ags, period):
        raise ValueError(f"{ags} {period.key} is not in the published set")
    tiles = overview.published_tiles(pset, ags, period, targets)
    trend = overview.published_trend(pset, ags)
    pages = [model.published_model(SPECS[name], pset, ags, period, quarterly, targets) for name in views.MEASURE_PAGES]
    return _report(ags, period, quarterly, pset.stand, today, False, tiles, trend, pages)


def exact_report(source: FigureSource | dict, ags: str, period: Period, quarterly: bool,
                 targets: pd.DataFrame | None, today: date) -> Report:
    """The internal report with exact figures ("Nur für den Dienstgebrauch"), built as the exact views build the
    overview and the measure pages: the trends over the closed periods before `today`, the overview's trend up to
    the period's end. Raises ValueError when the source cannot answer the period."""
    source = FigureSource.of(source)
    if not source.answerable(period):
        raise ValueError(f"no figures for {period.key}")
    tiles = overview.build_overview(source, period, targets, ags=ags)
    trend = overview.trend_frame(source, period.end)
    pages = [model.exact_model(SPECS[name], source, ags, period, quarterly, targets, today)
             for name in views.MEASURE_PAGES]
    if any(page is None for page in pages):
        raise ValueError(f"no figures for {period.key}")
    return _report(ags, period, quarterly, period.end, today, True, tiles, trend, pages)


# --- HTML ------------------------------------------------------------------------------------------------------

NUM = ' class="num"'  # a cell of numbers: right-aligned
NUMERIC = re.compile(r"^[+\u2212±]?[\d.,]+(\u00a0(%|Pp\.))?$|^[•–]$")


def _e(value) -> str:
    return html.escape(str(value), quote=True)


def _css_string(text: str) -> str:
    """A text as a CSS string literal, safe inside <style> ("<" and ">" as CSS escapes)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return '"' + escaped.replace("<", "\\3c ").replace(">", "\\3e ") + '"'


def _page_number_css() -> str:
    """"Seite " counter(page) " von " counter(pages), from the German template."""
    out = []
    for piece in re.split(r"(\{page\}|\{pages\})", texts.PAGE_NUMBER):
        if piece == "{page}":
            out.append("counter(page)")
        elif piece == "{pages}":
            out.append("counter(pages)")
        elif piece:
            out.append(_css_string(piece))
    return " ".join(out)


def stylesheet(report: Report) -> str:
    header = f"{report.gemeinde} · {report.period.label}"
    internal = f"@top-right {{ content: {_css_string(texts.INTERNAL_MARK)}; font-weight: bold; color: #a00000; }}" \
        if report.internal else ""
    internal_bottom = f"@bottom-left {{ content: {_css_string(texts.INTERNAL_MARK)}; font-weight: bold; " \
                      f"color: #a00000; }}" if report.internal else ""
    return f"""
@page {{
  size: A4;
  margin: 20mm 18mm 20mm 18mm;
  @top-left {{ content: {_css_string(header)}; font-size: 8pt; color: #444; }}
  {internal}
  {internal_bottom}
  @bottom-right {{ content: {_page_number_css()}; font-size: 8pt; color: #444; }}
}}
@page :first {{ @top-left {{ content: none; }} }}
html {{ font-family: "{FONT}", sans-serif; font-size: 9.5pt; line-height: 1.35; color: #111; }}
body {{ hyphens: auto; }}
h1 {{ font-size: 22pt; margin: 15mm 0 4mm 0; }}
h2 {{ font-size: 15pt; margin: 0 0 3mm 0; break-after: avoid; }}
h3 {{ font-size: 11pt; margin: 4mm 0 1.5mm 0; break-after: avoid; }}
p {{ margin: 0 0 2mm 0; }}
.subtitle {{ font-size: 13pt; color: #333; }}
.cover dl {{ margin-top: 6mm; font-size: 10pt; }}
.cover h2 {{ margin-top: 8mm; }}
.cover dt {{ float: left; clear: left; width: 45mm; margin-top: 1mm; }}
.cover dd {{ margin-left: 47mm; padding-top: 1mm; }}
table.tiles th[scope="row"] {{ width: 28%; }}
dl {{ margin: 0; }}
dt {{ font-weight: bold; margin-top: 2mm; }}
dd {{ margin: 0 0 0 0; }}
section.part {{ break-before: page; }}
.card {{ border: 0.6pt solid #999; padding: 2mm 3mm; margin: 0 0 3mm 0; break-inside: avoid; }}
.card .value {{ font-size: 14pt; font-weight: bold; margin: 0; }}
.card ul {{ margin: 1mm 0 1mm 0; padding-left: 5mm; }}
.small, .note, figcaption {{ font-size: 8.5pt; color: #333; }}
table {{ border-collapse: collapse; width: 100%; margin: 1mm 0 3mm 0; font-size: 8.5pt; }}
caption {{ text-align: left; font-weight: bold; font-size: 9.5pt; padding-bottom: 1mm; }}
th, td {{ border-bottom: 0.4pt solid #bbb; padding: 0.8mm 1.5mm; text-align: left; vertical-align: top; }}
th {{ border-bottom: 0.8pt solid #333; }}
td.num, th.num {{ text-align: right; white-space: nowrap; }}
tr {{ break-inside: avoid; }}
figure {{ margin: 2mm 0 3mm 0; break-inside: avoid; }}
.keep {{ break-inside: avoid; }}
figure img {{ width: 100%; }}
ol.contents a {{ color: inherit; text-decoration: none; }}
ol.contents a::after {{ content: leader(".") target-counter(attr(href), page); }}
"""


def _table(item: ReportTable) -> str:
    frame = item.frame
    numeric = [bool(len(frame)) and all(NUMERIC.match(str(v)) or str(v) == "" for v in frame[c]) and i > 0
               for i, c in enumerate(frame.columns)]
    head = "".join(f'<th scope="col"{NUM if n else ""}>{_e(c)}</th>'
                   for c, n in zip(frame.columns, numeric))
    rows = []
    for values in frame.itertuples(index=False):
        cells = []
        for i, (v, n) in enumerate(zip(values, numeric)):
            tag, end = ('th scope="row"', "th") if i == 0 else ("td", "td")
            cells.append(f'<{tag}{NUM if n else ""}>{_e(v)}</{end}>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    notes = "".join(f'<p class="note">{_e(n)}</p>' for n in item.notes)
    return (f"<table><caption>{_e(item.title)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>{notes}")


def _chart(item: Chart, svg: bytes | None) -> str:
    if svg is None:
        return f'<p class="note">{_e(item.alt)}</p>'
    data = base64.b64encode(svg).decode("ascii")
    return (f'<figure><img src="data:image/svg+xml;base64,{data}" alt="{_e(item.alt)}">'
            f"<figcaption>{_e(item.title)}</figcaption></figure>")


def _card(item: Card) -> str:
    tile = item.tile
    change = f"<p class=\"small\">{_e(tile.change)} {_e(tile.change_description)}</p>" if tile.change else ""
    lines = "".join(f"<li>{_e(line.label)}: <strong>{_e(line.value)}</strong></li>" for line in item.lines)
    status = f" – {_e(tile.status_label)}" if tile.target is not None or tile.suppressed else ""
    return (f'<div class="card"><h3>{_e(tile.title)}</h3><p class="value">{_e(tile.value)}</p>{change}'
            f"{f'<ul>{lines}</ul>' if lines else ''}"
            f'<p class="small">{_e(texts.CARD_TARGET)}: {_e(item.target)}{status}</p>'
            f'<p class="small">{_e(texts.CARD_DEFINITION)}: {_e(item.definition)}</p></div>')


def _tiles(report: Report) -> str:
    rows = []
    for tile in report.tiles:
        change = f"{tile.change} ({tile.change_description})" if tile.change else texts.NO_CHANGE
        rows.append(f'<tr><th scope="row">{_e(tile.title)}</th><td class="num">{_e(tile.value)}</td>'
                    f"<td>{_e(change)}</td><td>{_e(tile.target_text)}</td><td>{_e(tile.status_label)}</td></tr>")
    head = "".join(f'<th scope="col"{NUM if c == texts.COL_VALUE else ""}>{_e(c)}</th>' for c in
                   (texts.COL_KPI, texts.COL_VALUE, texts.COL_CHANGE, texts.COL_TARGET, texts.COL_STATUS))
    explanations = "".join(f"<li><strong>{_e(t.title)}:</strong> {_e(t.explanation)}</li>" for t in report.tiles)
    return (f'<table class="tiles"><caption>{_e(texts.OVERVIEW_TITLE)}'
            f", {_e(report.period.label)}</caption>"
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
            f'<ul class="small">{explanations}</ul>')


def to_html(report: Report, svgs: list[bytes | None] | None = None) -> str:
    """The report as one German HTML document; `svgs`: the charts (``Report.charts``' order) drawn, or None where a
    chart is described in words only."""
    svgs = list(svgs) if svgs is not None else [None] * len(report.charts)
    drawn = iter(svgs)
    body = ['<section class="cover">',
            f"<h1>{_e(report.title)}</h1>",
            f'<p class="subtitle">{_e(texts.SUBTITLE[report.internal])}</p>',
            f'<p class="subtitle">{_e(report.gemeinde)}</p>']
    if report.internal:
        body.append(f"<p><strong>{_e(texts.INTERNAL_MARK)}</strong></p>")
    body.append("<dl>")
    for label, value in ((texts.COVER_GEMEINDE, report.gemeinde), (texts.COVER_PERIOD, report.period.label),
                         (texts.COVER_STAND, fmt.date_de(report.stand)),
                         (texts.COVER_CREATED, fmt.date_de(report.created))):
        body.append(f"<dt>{_e(label)}</dt><dd>{_e(value)}</dd>")
    body.append("</dl>")
    body.append(f"<h2>{_e(texts.FILTERS_TITLE)}</h2><dl>")
    body += [f"<dt>{_e(label)}</dt><dd>{_e(value)}</dd>" for label, value in report.filters]
    body.append("</dl>")
    body.append(f'<h2>{_e(texts.CONTENTS)}</h2><ol class="contents">')
    contents = [("overview", texts.OVERVIEW_TITLE), *((f"section-{s.name}", s.title) for s in report.sections),
                ("definitions", texts.DEFINITIONS_TITLE), ("notes", texts.NOTES_TITLE)]
    body += [f'<li><a href="#{_e(anchor)}">{_e(title)}</a></li>' for anchor, title in contents]
    body.append("</ol></section>")

    body.append(f'<section class="part"><h2 id="overview">{_e(texts.OVERVIEW_TITLE)}</h2>{_tiles(report)}')
    body.append(f'<p class="note">{_e(ui.SUPPRESSED_NOTE)}</p>')  # under the table whose "•" it explains
    if report.trend is not None:
        body.append(f'<div class="keep"><h3>{_e(report.trend.title)}</h3>{_chart(report.trend, next(drawn))}'
                    f'<p class="note">{_e(report.trend_caption)}</p></div>')  # the caption stays with its chart
    body.append("</section>")

    for section in report.sections:
        body.append(f'<section class="part"><h2 id="section-{_e(section.name)}">{_e(section.title)}</h2>'
                    f"<p>{_e(section.intro)}</p>")
        body += [_card(c) for c in section.cards]
        for block in section.blocks:
            if isinstance(block, Chart):
                body.append(f"<h3>{_e(block.title)}</h3>{_chart(block, next(drawn))}")
            elif isinstance(block, ReportTable):
                body.append(_table(block))
            else:
                body.append(f'<p class="note">{_e(block)}</p>')
        body.append(f'<p class="note">{_e(ui.SOURCE_NOTE)}</p></section>')

    body.append(f'<section class="part"><h2 id="definitions">{_e(texts.DEFINITIONS_TITLE)}</h2><dl>')
    body += [f"<dt>{_e(name)}</dt><dd>{_e(text)} ({_e(texts.DEFINITION_UNIT)}: {_e(unit)})</dd>"
             for name, text, unit in report.definitions]
    body.append("</dl>")
    body.append(f'<h2 id="notes" style="margin-top: 8mm">{_e(texts.NOTES_TITLE)}</h2>')
    body += [f"<p>{_e(note)}</p>" for note in report.notes]
    body.append("</section>")
    title = f"{report.title} – {report.gemeinde}, {report.period.label}"
    return ("<!DOCTYPE html>\n"
            f'<html lang="de"><head><meta charset="utf-8"><title>{_e(title)}</title>'
            f'<meta name="author" content="{_e(report.gemeinde)}">'
            f"<style>{stylesheet(report)}</style></head><body>{''.join(body)}</body></html>")


# --- rendering ---------------------------------------------------------------------------------------------------


def chart_page():
    """kaleido's page for drawing the figures: plotly.js from the installed plotly package and no MathJax, so the
    browser loads nothing from another host."""
    import plotly
    from kaleido import PageGenerator

    return PageGenerator(plotly=(Path(plotly.__file__).parent / "package_data" / "plotly.min.js").as_uri(),
                         mathjax=False)


def _for_print(figure: go.Figure) -> go.Figure:
    """The page's figure in the report's font, without the hover line (there is no mouse on paper)."""
    figure = go.Figure(figure)
    height = round(int(figure.layout.height or 360) * PRINT_HEIGHT)
    figure.update_layout(template="plotly_white", font=dict(family=FONT, size=12), hovermode=False, height=height)
    return figure


async def _draw(figures: list[go.Figure]) -> list[bytes]:
    import kaleido

    out = []
    async with kaleido.Kaleido(n=1, page_generator=chart_page()) as browser:
        for figure in figures:
            height = int(figure.layout.height or 360)
            out.append(await browser.calc_fig(figure, opts={"format": "svg", "width": CHART_WIDTH,
                                                            "height": height}))
    return out


def draw_charts(items: list[Chart]) -> list[bytes]:
    """The charts as SVG, in one session of the local Chromium (its start costs the most)."""
    if not items:
        return []
    work = _draw([_for_print(c.figure) for c in items])
    try:
        asyncio.get_running_loop()
    except RuntimeError:  # no event loop in this thread (the app's script thread, the command line)
        return asyncio.run(work)
    # this thread already runs an event loop (e.g. a caller's own asyncio code): draw in a thread of its own
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, work).result()


def html_to_pdf(document: str) -> bytes:
    """HTML to a tagged PDF (PDF/UA tags for screen readers), fonts embedded as subsets."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    # the document embeds everything (data: URLs): nothing is fetched from a file or another host
    fetcher = URLFetcher(allowed_protocols=("data",), fail_on_errors=True)
    return HTML(string=document, url_fetcher=fetcher).write_pdf(pdf_tags=True)


def to_pdf(report: Report) -> bytes:
    """The report as PDF bytes: the charts drawn by kaleido, the document laid out by WeasyPrint."""
    return html_to_pdf(to_html(report, draw_charts(report.charts)))
