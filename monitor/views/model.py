"""The framework of the measure pages as plain data: a page is declared once (``PageSpec``: its KPIs, its trends)
and built for one Gemeinde and period into a ``PageModel`` of figure cards, tables and trends whose every number
is already formatted German text. No Streamlit here; ui.measures renders a model.

Exact and suppressed figures are built the same way from different inputs, as the overview does it:

- ``exact_model``: the roles that see exact figures (mayor, staff, admin), from the Gemeinde's FigureSource,
  possibly restricted to a subgroup (monitor.subgroups);
- ``published_model``: the suppressed views (public, council, meeting view), from the PublishedSet only: every
  figure, table cell and point of a trend is one of its figures, "•" where it is withheld.

What a page shows:

- a **card** per KPI: the overview's tile (headline, change, target; monitor.overview.build_tile), the KPI's
  definition, its further parts, and the target against the actual value;
- a **table of the period's figures** (every shown part of the page's KPIs), to read and to download;
- a **breakdown table** per breakdown of a KPI (registry ``breakdowns``): the categories with their German names,
  the count and its share of the total (in the suppressed views only where rule 4 allows it);
- **trends**: parts of a KPI over the closed years (or quarters), one line each; every KPI's headline is in one.
  A trend of a breakdown has a line per category found in the periods (the counts, or their shares of the total,
  in the suppressed views only where rule 4 allows), possibly only the largest categories.

Categories are named by their code list's German names; a data-driven category by its code (an officer's Kürzel),
a partner by its institution's name and code in the exact views (from the Gemeinde's partner rows), by its code in
the suppressed views, which read nothing but the published set.

Pages are declared in monitor.views.<page>; which KPIs a page is about: monitor.views.MEASURE_PAGES.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from datetime import date

import pandas as pd

from monitor import districts, fmt, published, registry, subgroups, suppression
from monitor.overview import Tile, build_tile, format_part
from monitor.periods import Period
from monitor.published import Figures, PublishedSet
from monitor.registry import COUNT, MEAN, SHARE, VALUE
from monitor.source import FigureSource
from monitor.texts import kpis as kpi_texts, ui

Frames = dict[str, pd.DataFrame]
Names = dict[str, dict[str, str]]  # dimension -> category code -> German name shown (data-driven categories)
History = list[tuple[Period, dict[str, Figures]]]  # closed periods, oldest first, with the page's KPIs' figures
KINDS = {COUNT: "count", SHARE: "share", MEAN: "mean", VALUE: "value"}


# --- declaring a page -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TrendSpec:
    """A line chart of parts of one KPI over the closed periods; the parts share one kind (all counts, all
    shares, ...). ``labels``: the lines' names, if not the parts' names (monitor.texts.kpis.PARTS).

    With ``breakdown`` (a registry.Breakdown.name of the KPI) the lines are that breakdown's categories found in
    the periods (``parts`` stays empty): their counts, or with ``shares`` their shares of the breakdown's total
    (computed here from the counts: in the suppressed views only where both are published and rule 4 allows);
    with ``top`` only the categories with the most over all periods (the merged "other" never among them)."""

    kpi_id: str
    parts: tuple[str, ...]
    title: str
    labels: tuple[str, ...] = ()
    breakdown: str | None = None
    top: int | None = None
    shares: bool = False

    @property
    def kind(self) -> str:
        if self.breakdown is not None:
            return "share" if self.shares else "count"
        part = registry.spec(self.kpi_id).part(self.parts[0])
        return "share" if part.shows_percent else KINDS[part.kind]

    def label(self, part: str) -> str:
        if self.labels:
            return self.labels[self.parts.index(part)]
        return part_label(self.kpi_id, part)


@dataclass(frozen=True)
class PageSpec:
    """A measure page: its name (the page's stem, monitor.views.MEASURE_PAGES), its KPIs in the order of their
    cards, its German title and introduction, and its trends."""

    name: str
    kpis: tuple[str, ...]
    title: str
    intro: str
    trends: tuple[TrendSpec, ...] = ()

    def all_trends(self) -> tuple[TrendSpec, ...]:
        """The declared trends and, for a KPI whose headline is in none of them (neither itself nor the counts
        it is made of), one of its headline."""
        covered = {(t.kpi_id, part) for t in self.trends if t.breakdown is None for part in t.parts}
        extra = []
        for kpi_id in self.kpis:
            spec = registry.spec(kpi_id)
            of = spec.part(spec.headline).of
            if (kpi_id, spec.headline) not in covered and not (of and all((kpi_id, p) in covered for p in of)):
                extra.append(TrendSpec(kpi_id, (spec.headline,), kpi_texts.NAMES[kpi_id]))
        return (*self.trends, *extra)

    @property
    def case_based(self) -> bool:
        """Whether a KPI of the page counts cases or what belongs to them: then a subgroup filter applies."""
        return any(kind in subgroups.CASE_KINDS for kpi_id in self.kpis for kind, _ in registry.spec(kpi_id).sources)


# --- what a page shows ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Table:
    """A table as the page shows it (``shown``: German texts) and as it is downloaded (``download``: the same
    rows and columns with numbers as numbers, "•" where withheld, empty where there is no value)."""

    name: str  # German: the table's accessible name, the download buttons' labels, the file names
    shown: pd.DataFrame
    download: pd.DataFrame
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Line:
    label: str
    value: str


@dataclass(frozen=True)
class Card:
    """A KPI of the page: the overview's tile, with the KPI's further parts and its target against the actual."""

    tile: Tile
    lines: tuple[Line, ...]
    target: str  # "Ziel 2024: mindestens 12 · Ist: 15" (the status: tile.status_label), or "Kein Ziel festgelegt"

    @property
    def definition(self) -> str:
        return self.tile.definition


@dataclass(frozen=True)
class Series:
    part: str
    label: str
    values: tuple[float | None, ...]  # per period; shares as ratios; None where withheld or missing
    hidden: tuple[bool, ...]


@dataclass(frozen=True)
class Trend:
    spec: TrendSpec
    quarterly: bool
    periods: tuple[str, ...]  # axis categories, oldest first: "2016" or "2016 Q3"
    series: tuple[Series, ...]
    table: Table

    @property
    def kind(self) -> str:
        return self.spec.kind

    @property
    def title(self) -> str:
        return self.spec.title

    @property
    def alt(self) -> str:
        return ui.TREND_ALT.format(title=self.title, granularity=ui.TREND_GRANULARITY[self.quarterly],
                                   series=", ".join(s.label for s in self.series))

    @property
    def has_gaps(self) -> bool:
        return any(any(s.hidden) for s in self.series)


@dataclass(frozen=True)
class BreakdownTable:
    kpi_id: str
    title: str  # "Vermittelte Plätze nach Branche"
    table: Table


@dataclass(frozen=True)
class PageModel:
    spec: PageSpec
    exact: bool
    period: Period
    cards: tuple[Card, ...]
    figures: Table
    breakdowns: tuple[BreakdownTable, ...]
    trends: tuple[Trend, ...]
    stand: date | None  # the last day of the trends (the end of the last closed quarter)
    ags: str = ""
    current: dict[str, Figures] | None = None  # the figures it is built from (suppressed views: the published set's)
    names: Names | None = None  # the names of data-driven categories it shows (exact views: partners)
    years_only: tuple[str, ...] = ()  # titles of the breakdowns left out because a suppressed view shows quarters

    def values(self) -> list[str]:
        """Every value the page shows, as text: the cards' headlines, changes and parts, the tables' cells."""
        out = []
        for card in self.cards:
            out += [card.tile.value, card.tile.change or "", *(line.value for line in card.lines)]
        for table in (self.figures, *(b.table for b in self.breakdowns), *(t.table for t in self.trends)):
            out += [str(v) for v in table.shown.to_numpy().ravel()]
        return out

    @property
    def withheld(self) -> bool:
        """Whether a value is shown as "•": the page explains it."""
        return ui.SUPPRESSED in self.values()

    @property
    def missing(self) -> bool:
        """Whether a value is shown as "–": the page explains it."""
        return fmt.MISSING in self.values()


# --- names -----------------------------------------------------------------------------------------------------


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def part_label(kpi_id: str, part: str) -> str:
    """A part's German name, as a label: "Angebotene Plätze"."""
    return _capital(kpi_texts.PARTS[kpi_id][part])


def dimension(breakdown: registry.Breakdown) -> str:
    """The breakdown's dimension; none is the target group (K1's breakdown, whose parts are "active_<code>")."""
    return breakdown.dimension or "target_group"


def category_label(breakdown: registry.Breakdown, code: str, ags: str, names: Names | None = None) -> str:
    """A category's German name: from the code lists' names (monitor.texts.ui.CATEGORY_NAMES, else the registry's
    code labels, monitor.texts.kpis.CODE_LABELS), an Ortsteil's name, a calendar week, "Weitere" for the merged
    ones, a name of `names` (a partner's institution name in the exact views, with its code); the code itself (an
    officer's or partner's code) otherwise."""
    name = dimension(breakdown)
    if code == registry.OTHER:
        return ui.OTHER_GROUPS if name == "target_group" else ui.BREAKDOWN_OTHER
    if code in ui.CATEGORY_NAMES.get(name, {}):
        return ui.CATEGORY_NAMES[name][code]
    if breakdown.codes is not None and code in kpi_texts.CODE_LABELS.get(breakdown.codes, {}):
        return kpi_texts.CODE_LABELS[breakdown.codes][code]
    if names and code in names.get(name, {}):
        return ui.NAMED_CATEGORY.format(name=names[name][code], code=code)
    if name == "district":
        return next((d.name for d in districts.of(ags) if d.code == code), code)
    if name == "week" and code.isdigit():
        return ui.WEEK.format(week=int(code))
    return code


def category_counts(figures: Figures, breakdown: registry.Breakdown, ags: str, names: Names | None = None
                    ) -> dict[str, float | None]:
    """The breakdown's categories in the figures (registry order: a fixed list's, data categories sorted, "other"
    last), German name -> count (None where withheld): e.g. the published referral counts that
    views.netzwerk.referral_flow draws."""
    return {category_label(breakdown, code, ags, names): figures[breakdown.part(code)]
            for code in figures.spec.categories_in(breakdown, figures.values)}


def breakdown_title(kpi_id: str, breakdown: registry.Breakdown) -> str:
    """"Kontakte im Zeitraum nach Kontaktart": the breakdown's total and its dimension's German name."""
    column = ui.DIMENSIONS.get(dimension(breakdown), ui.BREAKDOWN_DEFAULT_DIMENSION)
    return ui.BREAKDOWN_TITLE.format(total=part_label(kpi_id, breakdown.total), dimension=column)


def partner_names(frames: Frames, ags: str) -> Names:
    """The institution names of the Gemeinde's network partners by partner_id (the contract admits institutions
    only, never a person), for the partner and course provider categories of the exact views."""
    rows = frames.get("partners")
    if rows is None or rows.empty:
        return {}
    rows = rows[rows["ags"] == ags]
    names = {str(code): str(name) for code, name in zip(rows["partner_id"], rows["name"])
             if isinstance(name, str) and name}
    return {"partner": names, "provider": names}  # referral partners (K5) and course providers (K11a)


# --- numbers ---------------------------------------------------------------------------------------------------


def _number(value, kind: str):
    """A value as a download holds it: counts whole, shares in percent (one decimal), others to one decimal."""
    if fmt.is_missing(value):
        return None
    if kind == "count":
        return int(round(float(value)))
    if kind == "share":
        return round(float(value) * 100, 1)
    return round(float(value), 1)


def _text(value, kind: str) -> str:
    if kind == "count":
        return fmt.number(value)
    if kind == "share":
        return fmt.percent(value)
    return fmt.number(value, 1)


def cell(figures: Figures, part: str, kind: str) -> tuple[str, object]:
    """(shown, download) of one part: "•" in both where withheld (the tables of every page)."""
    if figures.is_hidden(part):
        return ui.SUPPRESSED, ui.SUPPRESSED
    value = figures.values.get(part)
    return _text(value, kind), _number(value, kind)


def _share(count: float | None, total: float | None, count_hidden: bool, exact: bool) -> tuple[str, object]:
    """A category's share of its total: exact wherever there is a total; in the suppressed views only where both
    counts are published and rule 4 allows it (at least 10, neither the count nor the rest 1-4, not 0 % or 100 %)."""
    if fmt.is_missing(total) or not total:
        return fmt.MISSING, None
    if not exact and (count_hidden or count is None or suppression.share_hidden(count, total)):
        return ui.SUPPRESSED, ui.SUPPRESSED
    ratio = float(count) / float(total)
    return fmt.percent(ratio), _number(ratio, "share")


def _download(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    """A download's rows as objects, so that whole numbers stay whole beside an empty cell or a "•"."""
    return pd.DataFrame(rows, columns=columns, dtype=object)


# --- building -------------------------------------------------------------------------------------------------


def _headline_fields(kpi_id: str) -> set[str]:
    template = kpi_texts.HEADLINES.get(kpi_id, "")
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def build_card(current: Figures, previous: Figures | None, period: Period, targets: pd.DataFrame | None,
               ags: str) -> Card:
    """The card of one KPI: the overview's tile; as lines, every shown part but the headline (the headline's share
    too where the tile prints it in words, without the counts those words name)."""
    tile = build_tile(current, previous, period, targets, ags)
    spec = current.spec
    in_words = _headline_fields(spec.id)
    lines = tuple(Line(part_label(spec.id, p.name), format_part(current, p.name)) for p in spec.parts
                  if p.shown and p.name not in in_words and (p.name != spec.headline or in_words))
    if tile.target is None:
        target = tile.target_text
    else:
        actual = ui.SUPPRESSED if current.headline_hidden else fmt.kpi_value(current.headline, spec.unit)
        target = ui.CARD_TARGET.format(target=tile.target_text, actual=actual)
    return Card(tile, lines, target)


def figures_table(spec: PageSpec, current: dict[str, Figures], ags: str, period: Period) -> Table:
    """Every shown part of the page's KPIs for the period: KPI, part, value (and in the download its unit)."""
    shown, download = [], []
    for kpi_id in spec.kpis:
        figures = current[kpi_id]
        for part in registry.spec(kpi_id).parts:
            if not part.shown:
                continue
            kind = "share" if part.shows_percent else KINDS[part.kind]
            text, number = cell(figures, part.name, kind)
            name, label = kpi_texts.NAMES[kpi_id], part_label(kpi_id, part.name)
            shown.append({ui.COL_FIGURE: name, ui.COL_PART: label, ui.COL_VALUE: text})
            download.append({ui.COL_FIGURE: name, ui.COL_PART: label, ui.COL_VALUE: number,
                             ui.COL_UNIT: ui.UNIT_NAMES[kind]})
    columns = [ui.COL_FIGURE, ui.COL_PART, ui.COL_VALUE]
    return Table(ui.FIGURES_TABLE.format(page=spec.title, period=period.label),
                 pd.DataFrame(shown, columns=columns), _download(download, [*columns, ui.COL_UNIT]))


def breakdown_tables(spec: PageSpec, current: dict[str, Figures], ags: str, period: Period, exact: bool,
                     names: Names | None = None) -> tuple[BreakdownTable, ...]:
    """A table per breakdown of the page's KPIs: each category with a count (or "•") and its share of the total,
    then the total. Categories without anyone are left out; a breakdown with no category at all has no table."""
    out = []
    for kpi_id in spec.kpis:
        figures = current[kpi_id]
        for breakdown in registry.spec(kpi_id).breakdowns:
            codes = figures.spec.categories_in(breakdown, figures.values)
            total, total_hidden = figures[breakdown.total], figures.is_hidden(breakdown.total)
            column = ui.DIMENSIONS.get(dimension(breakdown), ui.BREAKDOWN_DEFAULT_DIMENSION)
            shown, download = [], []
            for code in codes:
                part = breakdown.part(code)
                hidden, count = figures.is_hidden(part), figures[part]
                if not hidden and not count:
                    continue
                text, number = cell(figures, part, "count")
                share_text, share = (ui.SUPPRESSED, ui.SUPPRESSED) if total_hidden \
                    else _share(count, total, hidden, exact)  # a withheld total: no share, and it says why
                label = category_label(breakdown, code, ags, names)
                shown.append({column: label, ui.COL_COUNT: text, ui.COL_SHARE: share_text})
                download.append({column: label, ui.COL_COUNT: number, ui.COL_SHARE: share})
            if not shown:
                continue
            text, number = cell(figures, breakdown.total, "count")
            shown.append({column: ui.BREAKDOWN_TOTAL, ui.COL_COUNT: text, ui.COL_SHARE: ""})
            download.append({column: ui.BREAKDOWN_TOTAL, ui.COL_COUNT: number, ui.COL_SHARE: None})
            notes = [ui.BREAKDOWN_SHARE_NOTE]
            if not breakdown.exclusive:
                notes.append(ui.BREAKDOWN_MULTIPLE)
            title = breakdown_title(kpi_id, breakdown)
            columns = [column, ui.COL_COUNT, ui.COL_SHARE]
            out.append(BreakdownTable(kpi_id, title, Table(
                ui.BREAKDOWN_TABLE.format(title=title, period=period.label),
                pd.DataFrame(shown, columns=columns), _download(download, columns), tuple(notes))))
    return tuple(out)


def _breakdown_lines(trend: TrendSpec, history: History, ags: str, names: Names | None
                     ) -> tuple[registry.Breakdown, list[tuple[str, str]]]:
    """A breakdown trend's (part, label) lines: the categories in any period of `history`, in registry order; with
    ``top`` the largest by their sum over the periods (withheld counts as nothing), "other" never among them. A
    category with nobody in any period (and never withheld) has no line."""
    spec = registry.spec(trend.kpi_id)
    breakdown = spec.breakdown_named(trend.breakdown)
    found: set[str] = set()
    for _, by_kpi in history:
        found |= set(spec.categories_in(breakdown, by_kpi[trend.kpi_id].values))
    codes = list(spec.categories_in(breakdown, {breakdown.part(c): None for c in found}))
    total = {c: sum(float(v) for _, by_kpi in history
                    if not fmt.is_missing(v := by_kpi[trend.kpi_id][breakdown.part(c)])) for c in codes}
    withheld = {c for c in codes if any(by_kpi[trend.kpi_id].is_hidden(breakdown.part(c)) for _, by_kpi in history)}
    codes = [c for c in codes if total[c] > 0 or c in withheld]  # no line of a category without anyone
    if trend.top is not None:
        chosen = set(sorted((c for c in codes if c != registry.OTHER and total[c] > 0),
                            key=lambda c: (-total[c], codes.index(c)))[:trend.top])
        codes = [c for c in codes if c in chosen]
    return breakdown, [(breakdown.part(c), category_label(breakdown, c, ags, names)) for c in codes]


def _trend_point(figures: Figures, part: str, trend: TrendSpec, total: str | None, exact: bool
                 ) -> tuple[float | None, bool, tuple[str, object]]:
    """(value, withheld, (shown, download)) of one line in one period: the part itself, or its share of `total`."""
    if total is None:
        value = figures[part]
        return None if fmt.is_missing(value) else float(value), figures.is_hidden(part), cell(figures, part,
                                                                                                trend.kind)
    count, whole = figures[part], figures[total]
    hidden = figures.is_hidden(part) or figures.is_hidden(total)
    if fmt.is_missing(count) and not hidden:
        return None, False, (fmt.MISSING, None)
    share = _share(count, None if figures.is_hidden(total) else whole, figures.is_hidden(part), exact)
    if share[0] == ui.SUPPRESSED:
        return None, True, share
    if share[1] is None:
        return None, False, share
    return float(count) / float(whole), False, share


def build_trend(trend: TrendSpec, history: History, quarterly: bool, exact: bool = True, ags: str = "",
                names: Names | None = None) -> Trend:
    """A trend's lines over the periods of `history`; a withheld value is a gap (None), never a 0."""
    periods = tuple(p.key.replace("-", " ") for p, _ in history)
    if trend.breakdown is None:
        lines, total = [(part, trend.label(part)) for part in trend.parts], None
    else:
        breakdown, lines = _breakdown_lines(trend, history, ags, names)
        total = breakdown.total if trend.shares else None
    series, cells = [], []
    for part, label in lines:
        points = [_trend_point(by_kpi[trend.kpi_id], part, trend, total, exact) for _, by_kpi in history]
        series.append(Series(part, label, tuple(p[0] for p in points), tuple(p[1] for p in points)))
        cells.append([p[2] for p in points])
    shown, download = [], []
    for i, (period, _) in enumerate(history):
        row_shown, row_download = {ui.COL_PERIOD: period.label}, {ui.COL_PERIOD: period.label}
        for s, line in zip(series, cells):
            row_shown[s.label], row_download[s.label] = line[i]
        shown.append(row_shown)
        download.append(row_download)
    columns = [ui.COL_PERIOD, *(s.label for s in series)]
    table = Table(ui.TREND_TABLE.format(title=trend.title), pd.DataFrame(shown, columns=columns),
                  _download(download, columns))
    return Trend(trend, quarterly, periods, tuple(series), table)


def _model(spec: PageSpec, ags: str, period: Period, current: dict[str, Figures],
           previous: dict[str, Figures] | None, history: History, quarterly: bool, targets: pd.DataFrame | None,
           exact: bool, stand: date | None, names: Names | None = None) -> PageModel:
    previous = previous or {}
    cards = tuple(build_card(current[k], previous.get(k), period, targets, ags) for k in spec.kpis)
    # the breakdowns the suppressed views publish for years only: no quarter's table or trend
    left_out = [(k, b) for k in spec.kpis for b in registry.spec(k).breakdowns
                if b.years_only and not exact and (quarterly or period.quarter is not None)]
    left_out_names = {(k, b.name) for k, b in left_out}
    trends = tuple(build_trend(t, history, quarterly, exact, ags, names) for t in spec.all_trends()
                   if (t.kpi_id, t.breakdown) not in left_out_names) if history else ()
    return PageModel(
        spec=spec,
        exact=exact,
        period=period,
        cards=cards,
        figures=figures_table(spec, current, ags, period),
        breakdowns=breakdown_tables(spec, current, ags, period, exact, names),
        trends=trends,
        stand=stand,
        ags=ags,
        current={k: current[k] for k in spec.kpis},
        names=names,
        years_only=tuple(breakdown_title(k, b) for k, b in left_out),
    )


def _exact(source: FigureSource, period: Period, kpis: tuple[str, ...]) -> dict[str, Figures]:
    return {kpi_id: Figures(kpi_id, source.kpi_values(period, kpi_id)) for kpi_id in kpis}


def closed_periods(source: FigureSource, quarterly: bool, today: date) -> list[Period]:
    """The closed years (or quarters) the source can answer, oldest first, from the year of its first day."""
    first = source.first_day()
    if first is None:
        return []
    return [p for p in published.closed_periods(date(first.year, 1, 1), today)
            if (p.quarter is not None) == quarterly and source.answerable(p)]


def exact_model(spec: PageSpec, source: FigureSource | Frames, ags: str, period: Period, quarterly: bool,
                targets: pd.DataFrame | None, today: date) -> PageModel | None:
    """The page with exact figures (mayor, staff, admin) for `period`, compared with the period before (as on the
    overview), its trends over the closed periods before `today`. None when the source cannot answer the period
    (it lies before the archive's cut-off and is not archived, or the source is a subgroup's, which has no
    archive)."""
    source = FigureSource.of(source)
    if not source.answerable(period):
        return None
    before, first = period.previous(), source.first_day()
    previous = _exact(source, before, spec.kpis) \
        if first is not None and before.end >= first and source.answerable(before) else None
    history = [(p, _exact(source, p, spec.kpis)) for p in closed_periods(source, quarterly, today)]
    return _model(spec, ags, period, _exact(source, period, spec.kpis), previous, history, quarterly, targets,
                  exact=True, stand=published.last_closed_quarter(today).full_end,
                  names=partner_names(source.frames, ags))


def published_model(spec: PageSpec, pset: PublishedSet, ags: str, period: Period, quarterly: bool,
                    targets: pd.DataFrame | None) -> PageModel:
    """The page of the suppressed views: every figure from the published set (closed periods only), the change
    only against a period that is in the set too."""
    before = period.previous()
    previous = pset.get(ags, before) if pset.has(ags, before) else None
    history = [(p, pset.get(ags, p)) for p in reversed(pset.periods_of(quarterly)) if pset.has(ags, p)]
    return _model(spec, ags, period, pset.get(ags, period), previous, history, quarterly, targets, exact=False,
                  stand=pset.stand)
