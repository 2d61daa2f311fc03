"""The page Kontext as plain data: official statistics beside the Gemeinde's own figures. No Streamlit here;
ui.kontext renders the model, monitor.charts draws its charts.

What the page shows (docs/kontext.md, "Die Seite Kontext"):

1. the Gemeinde's population (its newest figure and its series where the tables have more than one date) and its
   own figures per 1,000 inhabitants for the chosen period: active cases at the end of the period, cases opened,
   course starts and internships placed. The counts are those the viewer may see: exact for the mayor, staff
   and administration, the published set's for the public, the council and the meeting view, where a withheld
   count stays "•" and so does its value per 1,000 (it would give the count back). The population is the
   Gemeinde's on the reference date nearest to the period's end, and the page says which;
2. the Landkreis against the Land: the population over the reference dates (a chart per region with a series,
   the census 2011 break marked), the protection seekers per 1,000 inhabitants and the foreigners' share, each
   only where an imported table has it (nothing is estimated, summed up or carried over from another year).

Every chart and table carries the lines of its sources: publisher, table code, reference dates, and the
attribution and licence stored with the file (the licence asks for them wherever the figures are shown).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlalchemy import Engine

from monitor import context as ctx, fmt
from monitor.periods import Period
from monitor.published import Figures
from monitor.texts import kontext as texts, ui
from monitor.views.model import Table

PAGE = "kontext"
OWN_FIGURES = tuple(texts.OWN_FIGURES)  # (KPI, part): the Gemeinde's own counts put per 1,000 inhabitants
OWN_KPIS = tuple(dict.fromkeys(kpi for kpi, _ in OWN_FIGURES))
SEEKERS, FOREIGNERS = "protection_seekers", "foreigners"
VARIABLES = (ctx.POPULATION, SEEKERS, FOREIGNERS)
# The population is carried forward from the census of 9 May 2011 from the reference date 31.12.2011 on, before it
# from earlier censuses: the series breaks between 31.12.2010 and 31.12.2011.
CENSUS_DAY = date(2011, 12, 31)
PER_THOUSAND, SHARE = "per_thousand", "share"


# --- what is read from the database ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ContextData:
    """The official series of the Gemeinde, its Kreis and its Land (monitor.context.series frames), by
    (region key, variable); a frame is empty where no imported table has the variable for the region."""

    ags: str
    series: dict[tuple[str, str], pd.DataFrame]

    @property
    def kreis(self) -> str:
        return self.ags[:5]

    @property
    def land(self) -> str:
        return self.ags[:2]

    def of(self, region: str, variable: str) -> pd.DataFrame:
        frame = self.series.get((region, variable))
        return frame if frame is not None else _empty()

    def known(self, region: str, variable: str) -> pd.DataFrame:
        """The series without its missing values (a placeholder of the file)."""
        frame = self.of(region, variable)
        return frame[frame["value"].notna()].reset_index(drop=True)

    @property
    def empty(self) -> bool:
        return all(frame.empty for frame in self.series.values())


def _empty() -> pd.DataFrame:
    return pd.DataFrame(columns=["reference_date", "value", "region_name", "level", "source", "table_code",
                                 "licence", "attribution", "file_id"])


def load(engine: Engine, ags: str) -> ContextData:
    """The series the page shows, of the Gemeinde (AGS), its Kreis (the first 5 digits) and its Land (2)."""
    regions = (ags, ags[:5], ags[:2])
    return ContextData(ags, {(region, variable): ctx.series(engine, region, variable)
                             for region in regions for variable in VARIABLES})


# --- names, sources, the census break --------------------------------------------------------------------------

_SUFFIXED = re.compile(r"^(?P<name>.+?),\s*(?P<kind>Landkreis|Kreis|Region)$")


def region_name(frame: pd.DataFrame, fallback: str) -> str:
    """The region's name as the newest table writes it, a Kreis turned round ("Celle, Landkreis" -> "Landkreis
    Celle"); `fallback` without a table."""
    if frame.empty:
        return fallback
    name = str(frame["region_name"].iloc[-1]).strip()
    found = _SUFFIXED.match(name)
    return f"{found['kind']} {found['name']}" if found else name


def _dates(days: list[date]) -> str:
    days = sorted(set(days))
    if len(days) == 1:
        return fmt.date_de(days[0])
    return f"{fmt.date_de(days[0])} bis {fmt.date_de(days[-1])}"


def source_lines(*frames: pd.DataFrame) -> tuple[str, ...]:
    """One line per file the rows come from, in the order of the frames (the figure first, then the population it
    is put against): publisher, table code, the reference dates of the rows shown, and the attribution with the
    licence as the file stores them."""
    lines: list[str] = []
    for frame in frames:
        for _, group in frame.groupby("file_id", sort=True) if not frame.empty else ():
            first = group.iloc[0]
            values = dict(publisher=texts.PUBLISHERS.get(first["source"], first["source"]),
                          table=first["table_code"], dates=_dates(list(group["reference_date"])),
                          attribution=first["attribution"], licence=first["licence"])
            line = (texts.SOURCE_LINE if first["table_code"] else texts.SOURCE_LINE_NO_CODE).format(**values)
            if line not in lines:
                lines.append(line)
    return tuple(lines)


def census_break(days: list[date]) -> int | None:
    """The index of the first reference date revised by the census 2011 (31.12.2011 or later), when the series
    has dates on both sides of the break; None otherwise (the series does not cross it)."""
    after = [i for i, day in enumerate(days) if day >= CENSUS_DAY]
    if not after or after[0] == 0:
        return None
    return after[0]


def nearest(frame: pd.DataFrame, day: date) -> pd.Series | None:
    """The row of the reference date nearest to `day` (of two as near, the later); None without a row."""
    if frame.empty:
        return None
    distance = [(abs((d - day).days), -d.toordinal()) for d in frame["reference_date"]]
    return frame.iloc[min(range(len(distance)), key=distance.__getitem__)]


# --- section 1: the Gemeinde -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class OwnFigure:
    """One of the Gemeinde's counts and its value per 1,000 inhabitants, as the page prints them."""

    kpi_id: str
    part: str
    name: str
    short: str  # the name on its tile
    count: float | None  # None: withheld or not known
    withheld: bool
    rate: float | None

    @property
    def count_text(self) -> str:
        return ui.SUPPRESSED if self.withheld else fmt.number(self.count)

    @property
    def rate_text(self) -> str:
        return ui.SUPPRESSED if self.withheld else fmt.number(self.rate, 1)


def own_figures(figures: dict[str, Figures], population: float | None) -> tuple[OwnFigure, ...]:
    """The Gemeinde's counts of OWN_FIGURES per 1,000 inhabitants. `figures` are exact or the published set's:
    a withheld part stays withheld, and so does its rate; a part without a value has none."""
    rows = []
    for kpi_id, part in OWN_FIGURES:
        found = figures.get(kpi_id)
        withheld = found is not None and found.is_hidden(part)
        count = None if found is None or withheld else found[part]
        count = None if fmt.is_missing(count) else float(count)
        rate = None if withheld else ctx.per_thousand(count, population)
        rows.append(OwnFigure(kpi_id, part, texts.OWN_FIGURES[(kpi_id, part)], texts.OWN_SHORT[(kpi_id, part)], count,
                                withheld, rate))
    return tuple(rows)


def _whole(value: float | None):
    return None if value is None else int(round(value))


def _tenth(value: float | None):
    return None if value is None else round(value, 1)


def own_table(rows: tuple[OwnFigure, ...], period: Period, base: pd.Series | None) -> Table:
    shown = pd.DataFrame([[r.name, r.count_text, r.rate_text] for r in rows],
                         columns=[texts.COL_FIGURE, texts.COL_COUNT, texts.COL_PER_THOUSAND])
    population = _whole(base["value"]) if base is not None else None
    day = base["reference_date"] if base is not None else None
    download = pd.DataFrame([[r.name, ui.SUPPRESSED if r.withheld else _whole(r.count), population, day,
                              ui.SUPPRESSED if r.withheld else _tenth(r.rate)] for r in rows],
                            columns=[texts.COL_FIGURE, texts.COL_COUNT, texts.COL_POPULATION,
                                     texts.COL_REFERENCE_DATE, texts.COL_PER_THOUSAND], dtype=object)
    if base is not None:
        download[texts.COL_SOURCE] = " / ".join(source_lines(base.to_frame().T))
    return Table(texts.OWN_TABLE.format(period=period.label), shown, download)


@dataclass(frozen=True)
class Own:
    """The Gemeinde's own figures per 1,000 inhabitants for a period."""

    rows: tuple[OwnFigure, ...]
    table: Table
    base: float | None  # the population they are put against
    base_date: date | None
    notes: tuple[str, ...]
    sources: tuple[str, ...]


def own(data: ContextData, figures: dict[str, Figures], period: Period, exact: bool) -> Own:
    """The own figures of the period against the Gemeinde's population on the reference date nearest to the
    period's end."""
    base = nearest(data.known(data.ags, ctx.POPULATION), period.end)
    population = float(base["value"]) if base is not None else None
    rows = own_figures(figures, population)
    notes = []
    if base is None:
        notes.append(texts.OWN_NO_POPULATION)
    else:
        notes.append(texts.OWN_REFERENCE.format(population=fmt.number(population),
                                                date=fmt.date_de(base["reference_date"]), period=period.label))
    if not exact:
        notes.append(texts.OWN_PUBLISHED)
    sources = source_lines(base.to_frame().T) if base is not None else ()
    return Own(rows, own_table(rows, period, base), population,
               base["reference_date"] if base is not None else None, tuple(notes), sources)


# --- charts and tables of the official figures -----------------------------------------------------------------


@dataclass(frozen=True)
class PopulationChart:
    """A region's population over the reference dates: a line chart with the census break marked."""

    region: str
    days: tuple[date, ...]
    values: tuple[float, ...]
    sources: tuple[str, ...]  # the lines under the chart

    @property
    def labels(self) -> tuple[str, ...]:
        """The categories of the axis: the year of each reference date (the 31 December), else the date."""
        return tuple(str(d.year) if (d.month, d.day) == (12, 31) else fmt.date_de(d) for d in self.days)

    @property
    def census_index(self) -> int | None:
        return census_break(list(self.days))

    @property
    def title(self) -> str:
        return texts.POPULATION_CHART_TITLE.format(region=self.region)

    @property
    def alt(self) -> str:
        template = texts.POPULATION_ALT if self.census_index is not None else texts.POPULATION_ALT_PLAIN
        return template.format(region=self.region, first=fmt.date_de(self.days[0]), last=fmt.date_de(self.days[-1]),
                               first_value=fmt.number(self.values[0]), last_value=fmt.number(self.values[-1]))


@dataclass(frozen=True)
class Bar:
    region: str
    value: float | None  # per 1,000 or a share (0..1)
    count: float
    population: float | None
    day: date


@dataclass(frozen=True)
class Comparison:
    """A figure of the Kreis and the Land side by side (bars): per 1,000 inhabitants or a share."""

    title: str
    kind: str  # PER_THOUSAND or SHARE
    bars: tuple[Bar, ...]

    def text(self, value: float | None) -> str:
        return fmt.percent(value) if self.kind == SHARE else fmt.number(value, 1)

    @property
    def alt(self) -> str:
        values = "; ".join(f"{b.region} {self.text(b.value)}" for b in self.bars)
        return texts.COMPARISON_ALT.format(title=self.title, date=_dates([b.day for b in self.bars]), values=values)


@dataclass(frozen=True)
class Block:
    """A part of the page: a heading, its charts, the table under them, notes and the lines of its sources."""

    title: str
    table: Table | None
    sources: tuple[str, ...]
    notes: tuple[str, ...] = ()
    charts: tuple[PopulationChart, ...] = ()
    comparison: Comparison | None = None


def population_block(data: ContextData, regions: list[tuple[str, str]], title: str, table_name: str) -> Block | None:
    """The population of `regions` ((key, name)) over the reference dates: a chart per region with at least two
    dates, a table of all dates with a column per region, and for a region with a single date a note saying so.
    None when no region has a figure."""
    series = {key: data.known(key, ctx.POPULATION) for key, _ in regions}
    if all(frame.empty for frame in series.values()):
        return None
    charts, notes = [], []
    for key, name in regions:
        frame = series[key]
        if len(frame) >= 2:
            charts.append(PopulationChart(name, tuple(frame["reference_date"]), tuple(frame["value"]),
                                          source_lines(frame)))
        elif len(frame) == 1:
            notes.append(texts.POPULATION_ONLY_DATES.format(region=name, dates=_dates(list(frame["reference_date"]))))
    if any(chart.census_index is not None for chart in charts):
        notes.append(texts.CENSUS_NOTE)
    days = sorted({d for frame in series.values() for d in frame["reference_date"]}, reverse=True)
    values = {key: dict(zip(frame["reference_date"], frame["value"])) for key, frame in series.items()}
    shown = pd.DataFrame([[fmt.date_de(d), *(fmt.number(values[key].get(d)) for key, _ in regions)] for d in days],
                         columns=[texts.COL_REFERENCE_DATE, *(name for _, name in regions)])
    download = pd.DataFrame([[d, *(_whole(values[key].get(d)) for key, _ in regions)] for d in days],
                            columns=[texts.COL_REFERENCE_DATE, *(name for _, name in regions)], dtype=object)
    sources = source_lines(*series.values())
    download[texts.COL_SOURCE] = " / ".join(sources)
    return Block(title, Table(table_name, shown, download), sources, tuple(notes), tuple(charts))


def comparison_block(data: ContextData, regions: list[tuple[str, str]], variable: str, kind: str, title: str,
                     table_name: str, count_column: str) -> Block | None:
    """A count of each region (its newest figure) against the population of the same reference date: per 1,000
    inhabitants or as a share. None when no region has the count. Without a population of that very date the
    rate stays empty: nothing is carried over from another year."""
    bars, frames = [], []
    for key, name in regions:
        counts = data.known(key, variable)
        if counts.empty:
            continue
        row = counts.iloc[-1]
        day = row["reference_date"]
        population = data.known(key, ctx.POPULATION)
        same_day = population[population["reference_date"] == day]
        inhabitants = float(same_day["value"].iloc[-1]) if not same_day.empty else None
        rate = ctx.per_thousand(float(row["value"]), inhabitants)
        if kind == SHARE and rate is not None:
            rate = rate / 1000.0
        bars.append(Bar(name, rate, float(row["value"]), inhabitants, day))
        frames += [counts.iloc[[-1]], same_day.iloc[[-1]] if not same_day.empty else _empty()]
    if not bars:
        return None
    comparison = Comparison(title, kind, tuple(bars))
    rate_column = texts.COL_PER_THOUSAND if kind == PER_THOUSAND else texts.COL_SHARE
    columns = [texts.COL_REGION, texts.COL_REFERENCE_DATE, count_column, texts.COL_POPULATION, rate_column]
    shown = pd.DataFrame([[b.region, fmt.date_de(b.day), fmt.number(b.count), fmt.number(b.population),
                           comparison.text(b.value)] for b in bars], columns=columns)
    download = pd.DataFrame([[b.region, b.day, _whole(b.count), _whole(b.population),
                              _tenth(None if b.value is None else b.value * (100 if kind == SHARE else 1))]
                             for b in bars], columns=columns, dtype=object)
    sources = source_lines(*frames)
    download[texts.COL_SOURCE] = " / ".join(sources)
    return Block(title, Table(table_name, shown, download), sources, (texts.BASED_ON,), comparison=comparison)


# --- the page --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class KontextModel:
    gemeinde: str
    kreis: str
    land: str
    population: ctx.Figure | None  # the Gemeinde's newest
    gemeinde_population: Block | None
    own: Own
    kreis_population: Block | None
    seekers: Block | None
    foreigners: Block | None
    empty: bool  # no official table has anything of the Gemeinde, its Kreis or Land

    @property
    def population_label(self) -> str:
        return texts.POPULATION_METRIC.format(date=fmt.date_de(self.population.reference_date))

    @property
    def population_text(self) -> str:
        return fmt.number(self.population.value)


def build(data: ContextData, gemeinde: str, figures: dict[str, Figures], period: Period, exact: bool
          ) -> KontextModel:
    """The page for a Gemeinde (`gemeinde`: its name as the other pages print it) and period, with the Gemeinde's
    own figures `figures` (KPI id -> Figures: exact, or the published set's)."""
    kreis = region_name(data.known(data.kreis, ctx.POPULATION), data.kreis)
    land = region_name(data.known(data.land, ctx.POPULATION), data.land)
    if kreis == data.kreis:
        kreis = region_name(data.known(data.kreis, SEEKERS), data.kreis)
    if land == data.land:
        land = region_name(data.known(data.land, SEEKERS), data.land)
    newest = data.known(data.ags, ctx.POPULATION)
    population = None
    if not newest.empty:
        row = newest.iloc[-1]
        population = ctx.Figure(data.ags, row["region_name"], row["level"], row["reference_date"], ctx.POPULATION,
                                float(row["value"]), row["source"], row["table_code"], row["licence"],
                                row["attribution"])
    regions = [(data.kreis, kreis), (data.land, land)]
    names = dict(kreis=kreis, land=land)
    return KontextModel(
        gemeinde=gemeinde, kreis=kreis, land=land, population=population,
        gemeinde_population=population_block(data, [(data.ags, gemeinde)], texts.POPULATION_TITLE,
                                             texts.POPULATION_TABLE.format(gemeinde=gemeinde)),
        own=own(data, figures, period, exact),
        kreis_population=population_block(data, regions, texts.POPULATION_TITLE,
                                          texts.POPULATION_TABLE_KREIS.format(**names)),
        seekers=comparison_block(data, regions, SEEKERS, PER_THOUSAND, texts.SEEKERS_TITLE,
                                 texts.SEEKERS_TABLE.format(**names), texts.COL_SEEKERS),
        foreigners=comparison_block(data, regions, FOREIGNERS, SHARE, texts.FOREIGNERS_TITLE,
                                    texts.FOREIGNERS_TABLE.format(**names), texts.COL_FOREIGNERS),
        empty=data.empty,
    )
