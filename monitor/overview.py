"""The overview (the mayor's cockpit) as plain data: tiles for the overview KPIs and the input of the trend chart.

Pure functions over KPI figures; no Streamlit here. The page only renders what comes out: every number is
already formatted German text. Tiles are built the same way from exact figures (mayor, staff, admin:
``build_overview``) and from the published set of the suppressed views (``published_tiles``), whose figures
have been made safe together (monitor.published, docs/datenschutz.md).
"""

from __future__ import annotations

import csv
import string
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import pandas as pd

from monitor import codes, fmt, published, registry, settings, targets as targets_mod
from monitor.periods import Period, data_stand, first_day, has_data, periods_between  # noqa: F401
from monitor.published import Figures
from monitor.source import FigureSource
from monitor.texts import kpis as kpi_texts, ui

Frames = dict[str, pd.DataFrame]

# The first periods of the current year or quarter are too short to say much: before this many days have
# passed, the default period is the last complete one.
MIN_DEFAULT_DAYS = 31
# Trend chart: target groups whose active cases never reach this many are merged (Regel 5/10: merge first).
TREND_MIN_GROUP = registry.spec("K1").breakdown_named("active").merge_below


@dataclass(frozen=True)
class Tile:
    kpi_id: str
    title: str
    value: str  # formatted headline value ("•" when withheld, "–" when missing)
    change: str | None  # formatted change against the previous period; None = not shown
    change_direction: str  # "up", "down" or "none"
    change_color: str  # "green", "red" or "gray" (a named colour for st.metric)
    change_label: str  # "ggü. 2025 (bis 24.11.)"
    target: targets_mod.Target | None
    status: str  # monitor.targets status code
    target_text: str  # "Ziel 2024: mindestens 55 %" (or "Kein Ziel festgelegt")
    target_line: str  # "Ziel 2024: mindestens 55 % – erreicht" (target_text alone without a target)
    explanation: str  # one German line: what the value is, with the period's further figures
    definition: str  # what exactly is counted
    figures: Figures  # the figures the tile is made of (for suppressed views: from the published set)
    previous: Figures | None = None
    suppressed: bool = False  # the headline is withheld for privacy

    @property
    def status_label(self) -> str:
        """The status in words; for a withheld headline why there is none."""
        return ui.WITHHELD if self.suppressed else ui.STATUS[self.status]

    @property
    def change_verdict(self) -> str | None:
        """Whether the change is good or bad, in a word ("besser", "schlechter"): what the colour says, for those
        who do not see colours apart. None for no change or a KPI without a good direction."""
        return {"green": ui.CHANGE_BETTER, "red": ui.CHANGE_WORSE}.get(self.change_color) if self.change else None

    @property
    def change_description(self) -> str:
        """The line beside the change: "ggü. 2025 (bis 24.11.): besser"."""
        verdict = self.change_verdict
        return ui.CHANGE_JUDGED.format(label=self.change_label, verdict=verdict) if verdict else self.change_label

    @property
    def shows_missing(self) -> bool:
        """Whether the tile shows "–" (no value), which the page then explains."""
        return fmt.MISSING in (self.value, self.change) or fmt.MISSING in self.explanation


# --- the data's time range ---------------------------------------------------------------------------------

def period_options(source: FigureSource | Frames, quarterly: bool, today: date | None = None) -> list[Period]:
    """Periods to choose from, newest first; the newest is cut off at the data stand if it is not over."""
    source = FigureSource.of(source)
    stand, first = source.stand(today), source.first_day()
    if stand is None or first is None:
        return []
    periods = periods_between(min(first, stand), stand, quarterly)
    periods[-1] = Period.containing(stand, quarterly, cut_off=True)
    return [p for p in periods[::-1] if source.answerable(p)]


def default_period(options: list[Period]) -> Period | None:
    """The period to show first: the running year (quarter) up to the data stand, compared with the same
    span a year (quarter) before, because that is what the mayor steers now. Only in its first month, when
    so few days say little, the last complete period is shown instead."""
    if not options:
        return None
    newest = options[0]
    if newest.is_partial and newest.days < MIN_DEFAULT_DAYS and len(options) > 1:
        return options[1]
    return newest


# --- tiles -------------------------------------------------------------------------------------------------


def _single_ags(frames: Frames) -> str:
    keys = set()
    for kind in ("cases", "staffing"):
        if kind in frames:
            keys.update(frames[kind]["ags"].dropna().astype(str))
    if len(keys) != 1:
        raise ValueError(f"build_overview needs the frames of exactly one Gemeinde, got {sorted(keys)}")
    return keys.pop()


def format_part(figures: Figures, name: str) -> str:
    """One part of a KPI, formatted by its kind; "•" where it is withheld."""
    return part_text(figures.spec.part(name), figures.values.get(name), figures.is_hidden(name))


def part_text(part: registry.Part, value, hidden: bool = False) -> str:
    """A part's value formatted by its kind (shares in %, means and values with a decimal, counts whole); "•"
    where it is withheld."""
    if hidden:
        return ui.SUPPRESSED
    if part.shows_percent:
        return fmt.percent(value)
    if part.kind in (registry.MEAN, registry.VALUE):
        return fmt.number(value, 1)
    return fmt.number(value)


def target_number(value: float, unit: str) -> str:
    if unit == "ratio":
        return fmt.percent(value, 0 if round(value * 100, 6).is_integer() else 1)
    return fmt.number(value, 0 if round(value, 6).is_integer() else 1)


def _target_text(target: targets_mod.Target | None, unit: str, kpi_id: str, period: Period,
                 all_targets: pd.DataFrame | None, ags: str) -> str:
    """"Ziel 2024: mindestens 55 %", or why there is none for this period."""
    if target is None:
        yearly = targets_mod.target_for(all_targets, ags, kpi_id, Period(period.year)) \
            if all_targets is not None else None
        if yearly is not None and registry.spec(kpi_id).target_basis == registry.CASELOAD:
            return ui.TARGET_YEAR_ONLY.format(year=period.year, direction=ui.DIRECTION[yearly.direction],
                                              target=target_number(yearly.value, unit))
        return ui.NO_TARGET
    values = dict(year=target.year, direction=ui.DIRECTION[target.direction],
                  target=target_number(target.value, unit), yearly=target_number(target.yearly_value, unit))
    if target.basis == registry.FLOW and period.quarter is not None:
        return ui.TARGET_QUARTER.format(**values)
    return ui.TARGET.format(**values)


def _explanation(figures: Figures, period: Period) -> str:
    spec = figures.spec
    if fmt.is_missing(figures.values.get(spec.headline)) and spec.id in kpi_texts.NO_VALUE \
            and not figures.headline_hidden:
        return kpi_texts.NO_VALUE[spec.id]
    parts = {name: format_part(figures, name) for name in (*spec.explained_by, spec.headline)}
    return kpi_texts.EXPLANATIONS[spec.id].format(end=fmt.date_de(period.end), **parts)


def headline_text(figures: Figures) -> str:
    """The headline as a tile prints it: "•" when withheld, "–" when missing, else the KPI's value in its unit or,
    where monitor.texts.kpis.HEADLINES has a form in words ("46 von 47 Terminen"), that form."""
    spec = figures.spec
    if figures.headline_hidden:
        return ui.SUPPRESSED
    template = kpi_texts.HEADLINES.get(spec.id)
    if template is None or fmt.is_missing(figures.headline):
        return fmt.kpi_value(figures.headline, spec.unit)
    names = [field for _, field, _, _ in string.Formatter().parse(template) if field]
    return template.format(**{name: format_part(figures, name) for name in names})


def _change_color(kpi_id: str, direction: str) -> str:
    good = registry.spec(kpi_id).good
    if direction == "none" or good is None:
        return "gray"
    return "green" if direction == good else "red"


def build_tile(current: Figures, previous: Figures | None, period: Period, target_table: pd.DataFrame | None,
               ags: str) -> Tile:
    """A tile from a KPI's figures (exact, or the published set's) and those of the period before."""
    spec = current.spec
    hidden = current.headline_hidden
    value = headline_text(current)
    change, direction = None, "none"
    if previous is not None and not fmt.is_missing(current.headline) and not fmt.is_missing(previous.headline):
        delta = float(current.headline) - float(previous.headline)
        change = fmt.kpi_change(delta, spec.unit)
        direction = fmt.kpi_change_direction(delta, spec.unit)
    target = targets_mod.target_for(target_table, ags, spec.id, period) if target_table is not None else None
    status = targets_mod.assess(target, current.headline)
    target_text = _target_text(target, spec.unit, spec.id, period, target_table, ags)
    if target is None:
        target_line = target_text
    else:
        target_line = ui.TARGET_LINE.format(target=target_text,
                                            status=ui.WITHHELD if hidden else ui.STATUS[status])
    return Tile(
        kpi_id=spec.id,
        title=kpi_texts.NAMES[spec.id],
        value=value,
        change=change,
        change_direction=direction,
        change_color=_change_color(spec.id, direction),
        change_label=ui.CHANGE_VS.format(period=period.previous().label),
        target=target,
        status=status,
        target_text=target_text,
        target_line=target_line,
        explanation=_explanation(current, period),
        definition=kpi_texts.DEFINITIONS[spec.id],
        figures=current,
        previous=previous,
        suppressed=hidden,
    )


OVERVIEW_KPIS = frozenset(s.id for s in registry.REGISTRY if s.overview)


def build_tiles(current: dict[str, Figures], previous: dict[str, Figures] | None, period: Period,
                targets: pd.DataFrame | None, ags: str) -> list[Tile]:
    """One tile per KPI of the overview (``overview=True``), in registry order."""
    previous = previous or {}
    return [build_tile(current[s.id], previous.get(s.id), period, targets, ags) for s in registry.REGISTRY
            if s.overview]


def target_table(source: FigureSource | Frames, period: Period, targets: pd.DataFrame, ags: str) -> pd.DataFrame:
    """Every target of the Gemeinde for `period`'s year with its status (exact figures): the KPI's German name,
    the target, the value of the period and the status in words, in registry order."""
    source = FigureSource.of(source)
    figures = published.exact_figures(source, period) or {}
    mine = set(targets.loc[(targets["ags"] == ags) & (targets["year"] == period.year), "kpi"])
    rows = []
    for spec in registry.REGISTRY:
        if spec.id not in mine or spec.id not in figures:
            continue
        tile = build_tile(figures[spec.id], None, period, targets, ags)
        rows.append({ui.TARGETS_COL_KPI: kpi_texts.NAMES[spec.id], ui.TARGETS_COL_TARGET: tile.target_text,
                     ui.TARGETS_COL_VALUE: tile.value, ui.TARGETS_COL_STATUS: tile.status_label})
    return pd.DataFrame(rows, columns=[ui.TARGETS_COL_KPI, ui.TARGETS_COL_TARGET, ui.TARGETS_COL_VALUE,
                                       ui.TARGETS_COL_STATUS])


def build_overview(source: FigureSource | Frames, period: Period, targets: pd.DataFrame | None, *,
                   ags: str | None = None) -> list[Tile]:
    """The tiles with exact figures (mayor, staff, admin) for `period`, each compared with the period before
    (Period.previous: year to date against the same span a year before). No change is shown when the previous
    period lies before the first day of the records or cannot be answered (it begins before the archive's
    cut-off and is not an archived closed period)."""
    source = FigureSource.of(source)
    ags = ags or _single_ags(source.frames)
    previous_period = period.previous()
    first = source.first_day()
    shown = OVERVIEW_KPIS  # only the KPIs of the tiles are computed
    previous = published.exact_figures(source, previous_period, shown) \
        if first is not None and previous_period.end >= first else None
    current = published.exact_figures(source, period, shown)
    if current is None:
        raise ValueError(f"no figures for {period.key}: it begins before the archive's cut-off")
    return build_tiles(current, previous, period, targets, ags)


def published_tiles(pset: published.PublishedSet, ags: str, period: Period, targets: pd.DataFrame | None
                    ) -> list[Tile]:
    """The tiles of the suppressed views: every figure from the published set, the change only against a period
    that is in the set too."""
    previous = pset.get(ags, period.previous()) if pset.has(ags, period.previous()) else None
    return build_tiles(pset.get(ags, period), previous, period, targets, ags)


# --- trend chart input -------------------------------------------------------------------------------------


def trend_frame(source: FigureSource | Frames, until: date, first: date | None = None,
                min_group: int = TREND_MIN_GROUP) -> pd.DataFrame:
    """Active cases at the end of every quarter from the quarter of `first` (default: the start of the year of
    the first case, so that the chart shows whole years) to the quarter of `until`, per target group.

    Columns: period ("2016-Q3"), label ("2016 Q3"), group (code, or "other"), group_label (German), active.
    Target groups whose active cases stay below `min_group` in every quarter are merged into one
    "Weitere Zielgruppen" series (Regel 5/10: merge categories before suppressing); so is any group
    not in the code list. Groups are ordered as in the code list; groups with no cases at all are dropped."""
    source = FigureSource.of(source)
    if first is None:
        first_case = source.first_case()
        first = None if first_case is None else date(first_case.year, 1, 1)
    columns = ["period", "label", "group", "group_label", "active"]
    if first is None or first > until:
        return pd.DataFrame(columns=columns)
    trend = source.active_cases_trend(first, until)
    peak = trend.groupby("target_group")["active"].max()
    keep = [g for g in codes.TARGET_GROUPS if peak.get(g, 0) >= min_group]
    merged = [g for g in peak.index if g not in keep and peak[g] > 0]
    trend = trend.assign(group=trend["target_group"].where(trend["target_group"].isin(keep), "other"))
    out = trend.groupby(["period", "group"], sort=False, as_index=False)["active"].sum()
    order = {g: i for i, g in enumerate([*keep, "other"])}
    if not merged:
        out = out[out["group"] != "other"]
    out = out.assign(label=out["period"].str.replace("-", " ", regex=False),
                     group_label=out["group"].map(lambda g: ui.OTHER_GROUPS if g == "other" else ui.target_group(g)),
                     _order=out["group"].map(order))
    out = out.sort_values(["period", "_order"], kind="stable").drop(columns="_order")
    return out[columns].reset_index(drop=True)


HIDDEN = "hidden"  # the trend's group code for the cells not shown to the suppressed roles


def published_trend(pset: published.PublishedSet, ags: str) -> pd.DataFrame:
    """The trend as the suppressed views show it: active cases (K1) by target group at the end of every closed
    quarter, from the published set (small groups merged into "Weitere Zielgruppen" there). Withheld groups
    leave the rows; the quarter's published total minus the shown groups is one band "Nicht ausgewiesen (•)",
    so the stack still adds up to the total; a quarter whose total is withheld has no band (a gap). A withheld
    group is never a 0.

    Same columns as trend_frame."""
    columns = ["period", "label", "group", "group_label", "active"]
    rows = []
    for period in reversed(pset.periods_of(quarterly=True)):
        if not pset.has(ags, period):
            continue
        figures = pset.get(ags, period)["K1"]
        shown = 0
        for code in figures.categories("active"):
            value = figures[f"active_{code}"]
            if value is None:
                continue
            shown += value
            rows.append((period.key, period.key.replace("-", " "), code,
                         ui.OTHER_GROUPS if code == published.OTHER else ui.target_group(code), int(value)))
        total = figures["active"]
        if any(figures.is_hidden(f"active_{code}") for code in figures.categories("active")) and total is not None:
            rows.append((period.key, period.key.replace("-", " "), HIDDEN, ui.HIDDEN_GROUPS, int(total - shown)))
    return pd.DataFrame(rows, columns=columns)


def trend_caption(trend: pd.DataFrame, stand: date) -> str:
    return ui.TREND_CAPTION.format(first=trend["label"].iloc[0] if len(trend) else fmt.MISSING,
                                   stand=fmt.date_de(stand))


def by_name(keys) -> list[str]:
    """Gemeinden (AGS keys) in the order of their names, as a viewer chooses among them. The suppressed views
    offer those of their published set (published.offered), the others every Gemeinde with data."""
    return sorted(keys, key=lambda key: gemeinde_name(key).casefold())


# --- names of Gemeinden ------------------------------------------------------------------------------------

GEMEINDEN_FILE = settings.DATA_DIR / "gemeinden.csv"


@lru_cache(maxsize=4)
def _gemeinde_names(path: Path) -> dict[str, str]:
    """AGS -> name from data/gemeinden.csv (semicolon or comma separated; a column named like "ags" and one
    named like "name"/"gemeinde"); empty if the file is missing or has no such columns."""
    if not path.exists():
        return {}
    text = path.read_bytes().decode("utf-8-sig", errors="replace")
    lines = text.splitlines()
    if not lines:
        return {}
    delimiter = max(";,\t", key=lines[0].count)
    rows = list(csv.DictReader(lines, delimiter=delimiter))
    if not rows:
        return {}
    columns = [c for c in rows[0] if c]
    ags_col = next((c for c in columns if "ags" in c.lower()), None)
    name_col = next((c for c in columns if c.lower() in ("name", "gemeinde", "gen", "gemeindename")), None)
    if ags_col is None or name_col is None:
        return {}
    return {str(r[ags_col]).strip().zfill(8): str(r[name_col]).strip() for r in rows if r.get(ags_col)}


def known_gemeinden() -> list[str]:
    """The Gemeinden of data/gemeinden.csv (the Landkreis'), by name: those an account can be given."""
    return by_name(_gemeinde_names(GEMEINDEN_FILE))


def gemeinde_name(ags: str) -> str:
    """"Gemeinde Wietze", or "Gemeinde 03351023" when the name is not known."""
    name = _gemeinde_names(GEMEINDEN_FILE).get(ags)
    return ui.GEMEINDE_NAMED.format(name=name, ags=ags) if name else ui.GEMEINDE_FALLBACK.format(ags=ags)
