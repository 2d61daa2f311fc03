"""Shared by the page tests of the measure pages (test_praktikumsboerse.py, ...): running a page as a role, its
texts and numbers, and the proof that a suppressed view shows no number from outside the published set."""

from __future__ import annotations

import json
import re
from datetime import date

from streamlit.runtime.memory_media_file_storage import _calculate_file_id
from streamlit.testing.v1 import AppTest

from monitor import db, fmt, published, registry, roles, targets
from monitor.periods import Period
from monitor.texts import kpis as kpi_texts, ui
from monitor.views import model
from tests.app.test_pages import PROJECT, WIETZE, run
from ui import downloads

SUPPRESSED_ROLES = sorted(roles.SUPPRESSED_ROLES)
EXACT_ROLES = sorted(set(roles.ROLES) - roles.SUPPRESSED_ROLES)
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def page_path(name: str) -> str:
    return str(PROJECT / "pages" / f"{name}.py")


def open_page(name: str, role: str | None) -> AppTest:
    at = run(page_path(name), role=role)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def numbers(text: str) -> set[str]:
    """The numbers in a text as it prints them ("1.234", "12,5", "30.09.2026")."""
    return set(NUMBER.findall(text))


def page_texts(at: AppTest) -> list[str]:
    """Every text of the page's content: tiles, captions, Markdown, headings, table cells, button labels."""
    texts = [m.value for m in at.metric] + [m.proto.delta for m in at.metric if m.proto.delta]
    texts += [m.proto.delta_description for m in at.metric if m.proto.delta_description]
    texts += [e.value for e in (*at.caption, *at.markdown, *at.title, *at.header, *at.subheader, *at.info)]
    for frame in (*at.dataframe, *at.table):
        texts += [str(v) for v in frame.value.to_numpy().ravel()] + [str(c) for c in frame.value.columns]
    texts += [b.proto.label for b in at.get("download_button")]
    return texts


def chart_values(at: AppTest) -> list[float]:
    values = []
    for chart in at.get("plotly_chart"):
        for trace in json.loads(chart.proto.spec)["data"]:  # a funnel's and a lying bar's numbers are on x
            across = trace.get("type") == "funnel" or trace.get("orientation") == "h"
            values += [v for v in trace.get("x" if across else "y", []) if v is not None]
    return values


def published_set() -> published.PublishedSet:
    """The published set the page reads (built the same way, for today)."""
    return published.from_database(db.get_engine(), date.today())


def allowed_numbers(pset: published.PublishedSet, kpis: tuple[str, ...], ags: str = WIETZE
                    ) -> tuple[set[str], set[float]]:
    """(numbers as texts, numbers as values) a suppressed page of these KPIs may show: the published figures in
    every format a page prints them, the shares of a breakdown's published counts in their published total (whether
    rule 4 lets a page print one is checked in tests/unit/test_views.py), the categories' names (a partner's code),
    the changes between published headlines, the periods, the data stand and the numbers in the fixed German texts
    (5 and 10 of the privacy notes, 150 of the benchmark, ...)."""
    texts: set[str] = set()
    values: set[float] = set()
    periods = [p for p in pset.periods if pset.has(ags, p)]
    parts = {kpi_id: {p.name for p in registry.spec(kpi_id).parts} for kpi_id in kpis}  # the rest: categories
    for period in periods:
        texts |= numbers(period.label) | numbers(period.key.replace("-", " "))
        for kpi_id in kpis:
            figures = pset.get(ags, period)[kpi_id]
            for name in figures.values:
                value = figures[name]
                if value is None:
                    continue
                part = figures.spec.part(name)
                kind = ("share" if part.shows_percent else model.KINDS[part.kind]) if name in parts[kpi_id] else "count"
                values.add(round(float(value) * (100 if kind == "share" else 1), 6))
                texts |= numbers(model._text(value, kind))
            if figures.headline is not None:  # as a tile prints it, by the KPI's unit (K14: a VALUE in percent)
                texts |= numbers(fmt.kpi_value(figures.headline, registry.spec(kpi_id).unit))
            for breakdown in figures.spec.breakdowns:  # the views' shares of published counts, and the categories
                total = figures[breakdown.total]
                for code in figures.spec.categories_in(breakdown, figures.values):
                    texts |= numbers(model.category_label(breakdown, code, ags))
                    count = figures[breakdown.part(code)]
                    if count is not None and total:
                        values.add(round(float(count) / float(total) * 100, 6))
                        texts |= numbers(model._text(float(count) / float(total), "share"))
            before = period.previous()
            if pset.has(ags, before):
                old = pset.get(ags, before)[kpi_id]
                if figures.headline is not None and old.headline is not None:
                    texts |= numbers(fmt.kpi_change(figures.headline - old.headline, registry.spec(kpi_id).unit))
    texts |= numbers(fmt.date_de(pset.stand))
    goals = targets.from_database(db.get_engine())  # the Gemeinde's decisions, no figures about people
    for value in goals.loc[goals["ags"] == ags, "value"]:
        for target in (value, value / 4):
            texts |= numbers(fmt.number(target)) | numbers(fmt.number(target, 1))
            texts |= numbers(fmt.percent(target, 0)) | numbers(fmt.percent(target, 1))
    fixed = [v for module in (ui, kpi_texts) for v in vars(module).values() if isinstance(v, str)]
    fixed += [v for module in (ui, kpi_texts) for table in vars(module).values() if isinstance(table, dict)
              for v in table.values() if isinstance(v, str)]
    for text in fixed:
        texts |= numbers(text)
    return texts, values


def assert_only_published_numbers(at: AppTest, kpis: tuple[str, ...], page_texts_module) -> None:
    """Every number on the page (texts, table cells, chart points) is a figure of the published set (or of a fixed
    text); every CSV offered is the published model's table, whose numbers are the set's too."""
    pset = published_set()
    texts, values = allowed_numbers(pset, kpis)
    for text in (v for v in vars(page_texts_module).values() if isinstance(v, str | tuple)):
        for part in (text if isinstance(text, tuple) else (text,)):
            texts |= numbers(part)
    stray = {n: t for t in page_texts(at) for n in numbers(t) if n not in texts}
    assert not stray, stray
    points = [v for v in chart_values(at) if round(float(v), 6) not in values]
    assert not points, points
    return pset


def assert_downloads_are(at: AppTest, tables: list[model.Table], exact: bool) -> None:
    """The page offers each table as CSV and XLSX, and the CSV it serves is exactly ui.downloads' of the table."""
    buttons = {b.proto.label: b for b in at.get("download_button")}
    for table in tables:
        csv_label, xlsx_label = downloads.labels(table.name, exact)
        assert csv_label in buttons and xlsx_label in buttons, table.name
        data = downloads.csv_bytes(table.download, exact=exact)
        file_id = _calculate_file_id(data, downloads.CSV_MIME, f"{downloads.file_stem(table.name)}.csv")
        assert buttons[csv_label].proto.url.endswith(f"/{file_id}.csv"), table.name


def chosen_period(at: AppTest, ags: str = WIETZE) -> Period:
    return next(b.value for b in at.selectbox if isinstance(b.value, Period))


def model_tables(page: model.PageModel) -> list[model.Table]:
    return [page.figures, *(b.table for b in page.breakdowns), *(t.table for t in page.trends)]
