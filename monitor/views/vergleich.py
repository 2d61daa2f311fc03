"""The Gemeinden a viewer may see, compared (page Kontext, section "Gemeinden im Vergleich"): each Gemeinde's own
counts (those of the Kontext page: active and new cases, course starts, internships) per 1,000 inhabitants, as a
table and as a map of the Landkreis shaded by a chosen figure. Plain data; monitor.maps draws the map.

Per 1,000 inhabitants, because the Gemeinden of a Landkreis differ in size by a factor of 70. For the suppressed
views the counts are those of each Gemeinde's published set (Regel 5/10): a withheld count has no rate and its
Gemeinde no shade, and a Gemeinde whose set has nothing for the period (too few cases to publish) is listed as
not published. A rate is then a published count over an official population: it tells nothing the two do not.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlalchemy import Engine

from monitor import context as ctx, fmt, geo
from monitor.periods import Period
from monitor.published import Figures
from monitor.texts import kontext as texts, ui
from monitor.views.kontext import OWN_FIGURES, OwnFigure, nearest, own_figures
from monitor.views.model import Table

SHADES = ([222, 235, 247], [158, 202, 225], [107, 174, 214], [49, 130, 189], [8, 81, 156])  # light to dark
NO_SHADE = [235, 235, 235]


@dataclass(frozen=True)
class Entry:
    """What is known of one Gemeinde: its own figures for the period (None: not published for it), and its
    population with the reference date (None: none imported)."""

    ags: str
    name: str
    figures: dict[str, Figures] | None
    population: float | None
    population_date: date | None
    pending: bool = False  # its published figures are still being computed (figures None: none before)


@dataclass(frozen=True)
class Row:
    ags: str
    name: str
    population: float | None
    population_date: date | None
    published: bool
    own: tuple[OwnFigure, ...]
    pending: bool = False

    @property
    def absent(self) -> str:
        """What stands for its figures when there are none: being computed, or not published."""
        return texts.COMPARE_PENDING_CELL if self.pending else texts.COMPARE_NOT_PUBLISHED

    def figure(self, key: tuple[str, str]) -> OwnFigure | None:
        return next((f for f in self.own if (f.kpi_id, f.part) == key), None)


@dataclass(frozen=True)
class Shade:
    """One Gemeinde on the map: its shade (RGB) and the text of its label and tooltip."""

    ags: str
    colour: list[int]
    label: str
    tooltip: str


@dataclass(frozen=True)
class Comparison:
    period: Period
    figure: tuple[str, str]  # (KPI, part) the map is shaded by
    rows: tuple[Row, ...]
    table: Table
    shades: tuple[Shade, ...]
    legend: tuple[tuple[list[int], str], ...]  # (shade, "von ... bis ...") of the classes in use
    notes: tuple[str, ...]


def _row(entry: Entry) -> Row:
    published = entry.figures is not None
    own = own_figures(entry.figures or {}, entry.population) if published else ()
    return Row(entry.ags, entry.name, entry.population, entry.population_date, published, own,
               entry.pending and not published)


def _cells(row: Row, key: tuple[str, str]) -> tuple[str, str]:
    if not row.published:
        return row.absent, row.absent
    found = row.figure(key)
    if found is None:
        return fmt.MISSING, fmt.MISSING
    return found.count_text, found.rate_text


def _table(rows: tuple[Row, ...], period: Period) -> Table:
    columns = [texts.COMPARE_COL_GEMEINDE, texts.COMPARE_COL_POPULATION]
    download_columns = [texts.COMPARE_COL_AGS, texts.COMPARE_COL_GEMEINDE, texts.COMPARE_COL_POPULATION,
                        texts.COL_REFERENCE_DATE]
    for key in OWN_FIGURES:
        short = texts.OWN_SHORT[key]
        columns += [short, texts.COMPARE_COL_RATE.format(figure=short)]
        download_columns += [short, texts.COMPARE_COL_RATE.format(figure=short)]
    shown, download = [], []
    for row in rows:
        cells = [row.name, fmt.number(row.population) if row.population is not None else fmt.MISSING]
        raw = [row.ags, row.name, None if row.population is None else int(round(row.population)), row.population_date]
        for key in OWN_FIGURES:
            count, rate = _cells(row, key)
            cells += [count, rate]
            found = row.figure(key)
            if not row.published or found is None:
                raw += [count if not row.published else None, count if not row.published else None]
            elif found.withheld:
                raw += [ui.SUPPRESSED, ui.SUPPRESSED]
            else:
                raw += [None if found.count is None else int(round(found.count)),
                        None if found.rate is None else round(found.rate, 1)]
        shown.append(cells)
        download.append(raw)
    return Table(texts.COMPARE_TABLE.format(period=period.label), pd.DataFrame(shown, columns=columns),
                 pd.DataFrame(download, columns=download_columns, dtype=object))


def _classes(rates: list[float]) -> list[float]:
    """The upper bounds of up to five classes of equal count (quantiles) of the rates; fewer when they repeat."""
    ordered = sorted(rates)
    if not ordered:
        return []
    bounds = []
    for i in range(1, len(SHADES) + 1):
        bound = ordered[min(len(ordered) - 1, (len(ordered) * i - 1) // len(SHADES))]
        if not bounds or bound > bounds[-1]:
            bounds.append(bound)
    return bounds


def _shades(rows: tuple[Row, ...], key: tuple[str, str]) -> tuple[tuple[Shade, ...], tuple]:
    rates = {row.ags: found.rate for row in rows
             if (found := row.figure(key)) is not None and not found.withheld and found.rate is not None}
    bounds = _classes(list(rates.values()))
    palette = SHADES[len(SHADES) - len(bounds):] if bounds else ()  # few classes: the darker shades
    name = texts.OWN_SHORT[key]
    shades = []
    for row in rows:
        found = row.figure(key)
        if row.ags in rates:
            rate = rates[row.ags]
            colour = palette[next(i for i, bound in enumerate(bounds) if rate <= bound)]
            label = fmt.number(rate, 1)
            tooltip = texts.COMPARE_TOOLTIP.format(gemeinde=row.name, figure=name, rate=label,
                                                   count=found.count_text,
                                                   population=fmt.number(row.population))
        else:
            colour = NO_SHADE
            label = row.absent if not row.published else \
                ui.SUPPRESSED if found is not None and found.withheld else fmt.MISSING
            tooltip = f"{row.name}: {label}"
        shades.append(Shade(row.ags, list(colour), label, tooltip))
    legend, lower = [], None
    for colour, bound in zip(palette, bounds):
        text = fmt.number(bound, 1) if lower is None else \
            texts.COMPARE_LEGEND_RANGE.format(low=fmt.number(lower, 1), high=fmt.number(bound, 1))
        legend.append((list(colour), text if lower is not None else texts.COMPARE_LEGEND_UP_TO.format(high=text)))
        lower = bound
    return tuple(shades), tuple(legend)


def build(entries: list[Entry], period: Period, exact: bool, figure: tuple[str, str] = next(iter(OWN_FIGURES))
          ) -> Comparison:
    """The comparison of the Gemeinden of `entries` (in their order) for the period, the map shaded by `figure`."""
    rows = tuple(_row(entry) for entry in entries)
    shades, legend = _shades(rows, figure)
    notes = [texts.COMPARE_REFERENCE]
    if not exact:
        notes.append(texts.OWN_PUBLISHED)
    if any(not row.published and not row.pending for row in rows):
        notes.append(texts.COMPARE_NOT_PUBLISHED_NOTE)
    if any(row.population is None for row in rows):
        notes.append(texts.COMPARE_NO_POPULATION)
    return Comparison(period, figure, rows, _table(rows, period), shades, legend, tuple(notes))


def populations(engine: Engine, gemeinden: list[str], day: date) -> dict[str, tuple[float, date] | None]:
    """Each Gemeinde's inhabitants on the imported reference date nearest to `day` (as the Gemeinde's own figures
    on Kontext are put against), with that date; None without any. One query for all."""
    found = ctx.series_of(engine, gemeinden, ctx.POPULATION)
    out: dict[str, tuple[float, date] | None] = {}
    for ags in gemeinden:
        frame = found.get(ags)
        base = None if frame is None else nearest(frame[frame["value"].notna()].reset_index(drop=True), day)
        out[ags] = None if base is None else (float(base["value"]), base["reference_date"])
    return out


def areas(comparison: Comparison) -> list[geo.Area]:
    """The boundaries of the compared Gemeinden and of the rest of their Landkreise (each once)."""
    seen: dict[str, geo.Area] = {}
    for row in comparison.rows:
        for area in geo.kreis_areas(row.ags):
            seen.setdefault(area.ags, area)
    return list(seen.values())
