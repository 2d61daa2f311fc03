"""The overview (the mayor's cockpit) as plain data: tiles for the overview KPIs and the input of the trend chart.

Pure functions over the frames of monitor.queries.load_all; no Streamlit here. The page only renders what
comes out: every number is already formatted German text, and every figure about people has been through
the disclosure rules of privacy.md (rule 1: counts of 1-4 people print as "•"; rule 4: a percentage only
with at least 10 people in the denominator and a numerator that is not suppressed), unless the caller asks
for exact figures (staff roles, later).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import pandas as pd

from monitor import codes, fmt, indicators, kpis, settings, suppression, targets as targets_mod
from monitor.kpis import Kpi
from monitor.periods import Period, periods_between
from monitor.texts import ui

Frames = dict[str, pd.DataFrame]

# Which way is good: "up" (more is better), "down" (less is better), None (neither: shown grey).
GOOD_DIRECTION = {"K1": None, "K2": "down", "K8": "up", "K9": "up", "K12": "up", "K15": "up", "K16": "up", "K18": "up"}
# KPIs whose headline counts people (disclosure rules apply); K15 counts café sessions, K16 institutions.
ABOUT_PEOPLE = {"K1", "K2", "K8", "K9", "K12", "K18"}
# The first periods of the current year or quarter are too short to say much: before this many days have
# passed, the default period is the last complete one.
MIN_DEFAULT_DAYS = 31
# Trend chart: target groups whose active cases never reach this many are merged (privacy.md rule 3).
TREND_MIN_GROUP = 10


@dataclass(frozen=True)
class Tile:
    kpi_id: str
    title: str
    value: str  # formatted headline value ("•" when suppressed, "–" when missing)
    change: str | None  # formatted change against the previous period; None = not shown
    change_direction: str  # "up", "down" or "none"
    change_color: str  # "green", "red" or "gray" (a named colour for st.metric)
    change_label: str  # "ggü. 2025 (bis 24.11.)"
    target: targets_mod.Target | None
    status: str  # monitor.targets status code
    target_text: str  # "Ziel 2024: mindestens 55 %" (or "Kein Ziel festgelegt")
    target_line: str  # "Ziel 2024: mindestens 55 % – erreicht" (target_text alone without a target)
    explanation: str  # one German line: what the value is, with the period's further figures
    definition: str  # what exactly is counted (tooltip)
    kpi: Kpi  # raw values, unsuppressed: for tests and staff views, never rendered as such
    previous: Kpi | None = None
    suppressed: bool = False

    @property
    def status_label(self) -> str:
        return ui.STATUS[self.status]


# --- the data's time range ---------------------------------------------------------------------------------

_STAND_COLUMNS = (("cases", "opened_on"), ("cases", "closed_on"), ("contacts", "date"))
_FIRST_COLUMNS = (("cases", "opened_on"), ("staffing", "valid_from"))


def _dates(frames: Frames, columns) -> pd.Series:
    parts = [frames[kind][col].dropna() for kind, col in columns if kind in frames and col in frames[kind]]
    parts = [p for p in parts if len(p)]
    return pd.concat(parts) if parts else pd.Series([], dtype="datetime64[ns]")


def has_data(frames: Frames) -> bool:
    return len(_dates(frames, _FIRST_COLUMNS)) > 0


def data_stand(frames: Frames, today: date | None = None) -> date | None:
    """The newest day the records speak about (case opened or closed, contact), at most today; None if empty.

    It is the reference day of the running period, so that a Gemeinde whose last upload was in September
    does not see its flows for October and November as zero."""
    today = today or date.today()
    days = _dates(frames, _STAND_COLUMNS)
    days = days[days <= pd.Timestamp(today)]
    if days.empty:
        return None if not has_data(frames) else today
    return days.max().date()


def first_day(frames: Frames) -> date | None:
    """The first day of the records (earliest case or staffing row); None if empty."""
    days = _dates(frames, _FIRST_COLUMNS)
    return None if days.empty else days.min().date()


def period_options(frames: Frames, quarterly: bool, today: date | None = None) -> list[Period]:
    """Periods to choose from, newest first; the newest is cut off at the data stand if it is not over."""
    stand, first = data_stand(frames, today), first_day(frames)
    if stand is None or first is None:
        return []
    periods = periods_between(min(first, stand), stand, quarterly)
    periods[-1] = Period.containing(stand, quarterly, cut_off=True)
    return periods[::-1]


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


def _count(n, suppress: bool) -> str:
    """A count of people, "•" for 1-4 when suppressing."""
    return ui.SUPPRESSED if suppress and suppression.small(n) else fmt.number(n)


def _share(ratio, numerator, denominator, suppress: bool) -> str:
    """A share of people (numerator of denominator): "•" under the rules for derived figures and dominance
    when suppressing."""
    if suppress and not fmt.is_missing(ratio) and suppression.share_hidden(numerator, denominator):
        return ui.SUPPRESSED
    return fmt.percent(ratio)


def _hidden(kpi: Kpi, suppress: bool) -> bool:
    """privacy.md rules 1, 2 and 4 for the headline value."""
    if not suppress or kpi.id not in ABOUT_PEOPLE or fmt.is_missing(kpi.value):
        return False
    if kpi.unit == "ratio":
        return suppression.share_hidden(kpi.numerator, kpi.denominator)
    if kpi.unit == "per_fte":
        return suppression.small(kpi.numerator)
    return suppression.small(kpi.value)


def _target_number(value: float, unit: str) -> str:
    if unit == "ratio":
        return fmt.percent(value, 0 if round(value * 100, 6).is_integer() else 1)
    return fmt.number(value, 0 if round(value, 6).is_integer() else 1)


def _target_text(target: targets_mod.Target | None, unit: str, kpi_id: str, period: Period,
                 all_targets: pd.DataFrame | None, ags: str) -> str:
    """"Ziel 2024: mindestens 55 %", or why there is none for this period."""
    if target is None:
        yearly = targets_mod.target_for(all_targets, ags, kpi_id, Period(period.year)) \
            if all_targets is not None else None
        if yearly is not None and targets_mod.BASIS.get(kpi_id) == targets_mod.CASELOAD:
            return ui.TARGET_YEAR_ONLY.format(year=period.year, direction=ui.DIRECTION[yearly.direction],
                                              target=_target_number(yearly.value, unit))
        return ui.NO_TARGET
    values = dict(year=target.year, direction=ui.DIRECTION[target.direction],
                  target=_target_number(target.value, unit), yearly=_target_number(target.yearly_value, unit))
    if target.basis == targets_mod.FLOW and period.quarter is not None:
        return ui.TARGET_QUARTER.format(**values)
    return ui.TARGET.format(**values)


def _explanation(kpi: Kpi, period: Period, suppress: bool) -> str:
    d = kpi.details
    if kpi.id == "K1":
        return ui.KPI_EXPLANATIONS["K1"].format(end=fmt.date_de(period.end), opened=_count(d["opened"], suppress),
                                           closed=_count(d["closed"], suppress))
    if kpi.id == "K2":
        return ui.KPI_EXPLANATIONS["K2"].format(handled=_count(kpi.numerator, suppress), fte=fmt.number(d["fte"], 1))
    if kpi.id == "K8":
        return ui.KPI_EXPLANATIONS["K8"].format(ended=_count(d["ended"], suppress),
                                           dropout=_share(d["dropout_share"], d["dropped"], d["ended"], suppress))
    if kpi.id == "K9":
        return ui.KPI_EXPLANATIONS["K9"].format(takers=_count(d["takers"], suppress),
                                           a2=_share(d["at_least_a2_share"], d["b1"] + d["a2"], d["takers"],
                                                      suppress))
    if kpi.id == "K12":
        return ui.KPI_EXPLANATIONS["K12"].format(offered=fmt.number(d["offered"]),  # places, not people
                                            completed=_count(d["completed"], suppress),
                                            transitions=_count(d["transitions"], suppress))
    if kpi.id == "K15":
        return ui.KPI_EXPLANATIONS["K15"].format(held=fmt.number(d["held"]), planned=fmt.number(d["planned"]),
                                            attendance=fmt.number(d["mean_attendance"], 1),
                                            women=fmt.percent(d["women_share"], 0))
    if kpi.id == "K16":
        return ui.KPI_EXPLANATIONS["K16"].format(end=fmt.date_de(period.end), meetings=fmt.number(d["meetings"]),
                                            conferences=fmt.number(d["case_conferences"]),
                                            agreements=fmt.number(d["agreements"]))
    if kpi.id == "K18":
        if kpi.value is None:
            return ui.K18_NO_WOMAN_OFFICER
        return ui.KPI_EXPLANATIONS["K18"].format(clients=_count(d["women_clients"], suppress))
    return ""


def _change_color(kpi_id: str, direction: str) -> str:
    good = GOOD_DIRECTION.get(kpi_id)
    if direction == "none" or good is None:
        return "gray"
    return "green" if direction == good else "red"


def build_tile(current: Kpi, previous: Kpi | None, period: Period, target_table: pd.DataFrame | None, ags: str,
               suppress: bool = True) -> Tile:
    hidden = _hidden(current, suppress)
    prev_hidden = previous is not None and _hidden(previous, suppress)
    value = ui.SUPPRESSED if hidden else fmt.kpi_value(current.value, current.unit)
    change, direction = None, "none"
    if (previous is not None and not hidden and not prev_hidden
            and not fmt.is_missing(current.value) and not fmt.is_missing(previous.value)):
        delta = float(current.value) - float(previous.value)
        change = fmt.kpi_change(delta, current.unit)
        direction = fmt.kpi_change_direction(delta, current.unit)
    target = targets_mod.target_for(target_table, ags, current.id, period) if target_table is not None else None
    status = targets_mod.assess(target, None if hidden else current.value)
    target_text = _target_text(target, current.unit, current.id, period, target_table, ags)
    target_line = target_text if target is None else ui.TARGET_LINE.format(target=target_text,
                                                                          status=ui.STATUS[status])
    return Tile(
        kpi_id=current.id,
        title=ui.KPI_TITLES[current.id],
        value=value,
        change=change,
        change_direction=direction,
        change_color=_change_color(current.id, direction),
        change_label=ui.CHANGE_VS.format(period=period.previous().label),
        target=target,
        status=status,
        target_text=target_text,
        target_line=target_line,
        explanation=_explanation(current, period, suppress),
        definition=ui.KPI_DEFINITIONS[current.id],
        kpi=current,
        previous=previous,
        suppressed=hidden,
    )


def build_overview(frames: Frames, period: Period, targets: pd.DataFrame | None, *, ags: str | None = None,
                   suppress: bool = True) -> list[Tile]:
    """One tile per overview KPI (monitor.indicators.OVERVIEW, in its order) for `period`, each compared with
    the period before (Period.previous: year to date against the same span a year before). No change is
    shown when the previous period lies before the first day of the records."""
    ags = ags or _single_ags(frames)
    current = indicators.overview_kpis(frames, period)
    previous_period = period.previous()
    first = first_day(frames)
    previous = indicators.overview_kpis(frames, previous_period) \
        if first is not None and previous_period.end >= first else {}
    return [build_tile(kpi, previous.get(kpi_id), period, targets, ags, suppress) for kpi_id, kpi in current.items()]


# --- trend chart input -------------------------------------------------------------------------------------


def trend_frame(frames: Frames, until: date, first: date | None = None,
                min_group: int = TREND_MIN_GROUP) -> pd.DataFrame:
    """Active cases at the end of every quarter from the quarter of `first` (default: the start of the year of
    the first case, so that the chart shows whole years) to the quarter of `until`, per target group.

    Columns: period ("2016-Q3"), label ("2016 Q3"), group (code, or "other"), group_label (German), active.
    Target groups whose active cases stay below `min_group` in every quarter are merged into one
    "Weitere Zielgruppen" series (privacy.md rule 3: merge categories before suppressing); so is any group
    not in the code list. Groups are ordered as in the code list; groups with no cases at all are dropped."""
    cases = frames["cases"]
    if first is None:
        first_case = first_day({"cases": cases})
        first = None if first_case is None else date(first_case.year, 1, 1)
    columns = ["period", "label", "group", "group_label", "active"]
    if first is None or first > until:
        return pd.DataFrame(columns=columns)
    trend = kpis.active_cases_trend(cases, first, until, quarterly=True)
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


def suppress_trend(trend: pd.DataFrame) -> pd.DataFrame:
    """The trend as the public and the council may see it, quarter by quarter (suppression.line_mask: small
    groups hidden with enough others that no hidden one can be narrowed to fewer than 5 values). The hidden
    cells are drawn as one band "nicht ausgewiesen", so the stack still adds up to the quarter's total, which
    is published anyway; its split is not. A quarter too small for that is hidden as a whole (band NA: a gap).

    Same columns as trend_frame; hidden cells leave the rows and come back as one row of group HIDDEN."""
    if trend.empty:
        return trend
    kept, hidden = [], []
    for _, rows in trend.groupby("period", sort=False):
        values = [int(v) for v in rows["active"]]
        hide = suppression.line_mask(values)
        whole = suppression.line_total_hidden(values, hide)
        mask = pd.Series(hide, index=rows.index)
        kept.append(rows[~mask])
        if mask.any():
            first = rows.iloc[0]
            hidden.append({"period": first["period"], "label": first["label"], "group": HIDDEN,
                           "group_label": ui.HIDDEN_GROUPS,
                           "active": pd.NA if whole else int(rows.loc[mask, "active"].sum())})
    out = pd.concat([*kept, pd.DataFrame(hidden, columns=trend.columns)], ignore_index=True)
    order = {g: i for i, g in enumerate(dict.fromkeys([*trend["group"], HIDDEN]))}
    periods = {p: i for i, p in enumerate(dict.fromkeys(trend["period"]))}
    out = out.assign(_p=out["period"].map(periods), _g=out["group"].map(order))
    return out.sort_values(["_p", "_g"], kind="stable").drop(columns=["_p", "_g"]).reset_index(drop=True)


def trend_caption(trend: pd.DataFrame, stand: date) -> str:
    return ui.TREND_CAPTION.format(first=trend["label"].iloc[0] if len(trend) else fmt.MISSING,
                                   stand=fmt.date_de(stand))


def offered_gemeinden(keys: list[str], case_counts: dict[str, int], suppress: bool) -> list[str]:
    """The Gemeinden a viewer may choose, by name. For the suppressed roles, a Gemeinde with fewer than
    10 cases in all, or whose complement (all the others) has fewer than 10, would isolate a handful of people
    (privacy.md rule 5): not offered."""
    if suppress and len(keys) > 1:
        total = sum(case_counts.get(k, 0) for k in keys)
        keys = [k for k in keys if suppression.filter_offered(case_counts.get(k, 0), total)]
    elif suppress:
        keys = [k for k in keys if case_counts.get(k, 0) >= suppression.MIN_GROUP]
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


def gemeinde_name(ags: str) -> str:
    """"Gemeinde Wietze", or "Gemeinde 03351023" when the name is not known."""
    name = _gemeinde_names(GEMEINDEN_FILE).get(ags)
    return ui.GEMEINDE_NAMED.format(name=name, ags=ags) if name else ui.GEMEINDE_FALLBACK.format(ags=ags)
