"""The meeting mode (Sitzungsmodus) as plain data: the slides of a council meeting and the meetings staff plan.

A meeting is a Gemeinde, a day, the period it reports on and the slides in the order they are shown. The slides
are a title slide, one per KPI of the overview (its value with target against actual) and one per measure page
(its main chart; for the map, the map with its table). Every figure comes from the published set, whatever the
viewer's role: a meeting is public (docs/sitzungsmodus.md). Storage: the table ``meetings``, one row per Gemeinde
and day, no free text (the slides are keys of ``catalogue``); each save is in the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

import pandas as pd
from sqlalchemy import Engine, delete, insert, select, update

from monitor import audit, db, overview, registry
from monitor.periods import Period
from monitor.published import PublishedSet
from monitor.texts import kpis as kpi_texts, sitzung as texts, ui
from monitor.views import karte
from monitor.views.model import PageModel, Trend, published_model
from monitor.views.specs import SPECS

TITLE = "titel"
KPI_PREFIX = "kpi:"
BAR_HEADROOM = 1.25  # the bar's scale reaches a quarter beyond the larger of actual and target
MAX_SLIDES_TEXT = 400  # the stored list of slide keys (comma-separated)


def catalogue() -> list[str]:
    """Every slide there is, in the default order: the title, the overview's KPIs, the measures."""
    kpis = [KPI_PREFIX + spec.id for spec in registry.REGISTRY if spec.overview]
    return [TITLE, *kpis, *SPECS]


def slide_label(key: str) -> str:
    """A slide's name in the planner: "Kennzahl: Aktive Fälle", "Maßnahme: Sprachkurse", "Titel"."""
    if key == TITLE:
        return texts.SLIDE_TITLE
    if key.startswith(KPI_PREFIX):
        return texts.SLIDE_KPI.format(name=kpi_texts.NAMES[key.removeprefix(KPI_PREFIX)])
    return texts.SLIDE_MEASURE.format(name=SPECS[key].title)


# --- meetings --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Meeting:
    ags: str
    day: date
    period: Period
    slides: tuple[str, ...]
    id: int | None = None

    @property
    def label(self) -> str:
        return texts.MEETING_LABEL.format(day=f"{self.day:%d.%m.%Y}", period=self.period.label)


class MeetingError(ValueError):
    """A meeting that cannot be saved; the message is German."""


def clean_slides(keys) -> tuple[str, ...]:
    """The known slide keys of `keys`, each once, in their order."""
    known = set(catalogue())
    return tuple(dict.fromkeys(k for k in keys if k in known))


def _meeting(row) -> Meeting:
    return Meeting(row.ags, row.day, Period.parse(row.period), clean_slides(row.slides.split(",")), row.id)


def meetings(engine: Engine, ags: str) -> list[Meeting]:
    """The Gemeinde's meetings, the newest day first."""
    table = db.meetings
    with engine.connect() as conn:
        rows = conn.execute(select(table).where(table.c.ags == ags).order_by(table.c.day.desc())).all()
    return [_meeting(r) for r in rows]


def by_id(engine: Engine, meeting_id: int) -> Meeting | None:
    with engine.connect() as conn:
        row = conn.execute(select(db.meetings).where(db.meetings.c.id == meeting_id)).first()
    return _meeting(row) if row is not None else None


def current(engine: Engine, gemeinden: list[str], today: date) -> Meeting | None:
    """The meeting to show when none is asked for, of any of `gemeinden`: the next one from today on, else the
    last one before."""
    table = db.meetings
    with engine.connect() as conn:
        rows = conn.execute(select(table).where(table.c.ags.in_(gemeinden)).order_by(table.c.day.desc(),
                                                                                    table.c.ags)).all()
    planned = [_meeting(r) for r in rows]
    coming = [m for m in planned if m.day >= today]
    if coming:
        return coming[-1]
    return planned[0] if planned else None


def save(engine: Engine, meeting: Meeting, actor: str) -> Meeting:
    """Store the meeting (a new one, or the Gemeinde's meeting of that day replaced), with an audit entry."""
    slides = clean_slides(meeting.slides)
    if not slides:
        raise MeetingError(texts.ERROR_NO_SLIDES)
    stored = ",".join(slides)
    if len(stored) > MAX_SLIDES_TEXT:  # cannot happen with the catalogue's keys; a guard for the column
        raise MeetingError(texts.ERROR_NO_SLIDES)
    table, now = db.meetings, datetime.now(UTC)
    values = {"period": meeting.period.key, "slides": stored, "changed_at": now, "changed_by": actor}
    with engine.begin() as conn:
        old = conn.execute(select(table.c.id).where(table.c.ags == meeting.ags, table.c.day == meeting.day)).first()
        if old is None:
            meeting_id = conn.execute(insert(table).values(ags=meeting.ags, day=meeting.day, **values)
                                      ).inserted_primary_key[0]
        else:
            meeting_id = old.id
            conn.execute(update(table).where(table.c.id == meeting_id).values(**values))
        audit.record(conn, audit.MEETING_SAVED, actor, object=f"{meeting.ags} {meeting.day.isoformat()}",
                     detail=texts.AUDIT_SAVED.format(period=meeting.period.key, count=len(slides)), at=now)
    return Meeting(meeting.ags, meeting.day, meeting.period, slides, meeting_id)


def remove(engine: Engine, meeting: Meeting, actor: str) -> None:
    table = db.meetings
    with engine.begin() as conn:
        conn.execute(delete(table).where(table.c.ags == meeting.ags, table.c.day == meeting.day))
        audit.record(conn, audit.MEETING_REMOVED, actor, object=f"{meeting.ags} {meeting.day.isoformat()}")


def default_period(pset: PublishedSet, ags: str) -> Period | None:
    """The newest closed year of the set (a meeting looks back on a year), else the newest closed quarter."""
    for quarterly in (False, True):
        options = [p for p in pset.periods_of(quarterly) if pset.has(ags, p)]
        if options:
            return options[0]
    return None


def default_meeting(pset: PublishedSet, ags: str, today: date) -> Meeting | None:
    """All slides for the newest closed year, when no meeting is planned."""
    period = default_period(pset, ags)
    return Meeting(ags, today, period, tuple(catalogue())) if period is not None else None


# --- slides ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Slide:
    key: str
    title: str
    tile: overview.Tile | None = None  # a KPI slide
    page: PageModel | None = None  # a measure slide
    trend: Trend | None = None  # its chart (none for the map)

    @property
    def is_map(self) -> bool:
        return self.page is not None and self.page.spec.name == karte.PAGE.name


@dataclass(frozen=True)
class TargetBar:
    """Target against actual at a glance: the actual value as a bar, the target as a mark on the same scale (both
    in percent of the bar's width)."""

    actual: float
    target: float
    target_text: str  # "Ziel: höchstens 150"
    label: str  # for screen readers: "Ist 115, Ziel höchstens 150"


def target_bar(tile: overview.Tile) -> TargetBar | None:
    """The bar of a KPI slide; None without a target or a shown value (a withheld value has no bar: its length
    would tell it)."""
    value = tile.figures.headline
    if tile.target is None or tile.suppressed or value is None or value != value:
        return None
    unit = tile.figures.spec.unit
    scale = max(float(value), tile.target.value) * BAR_HEADROOM
    if scale <= 0:
        return None
    target = overview.target_number(tile.target.value, unit)
    direction = ui.DIRECTION[tile.target.direction]
    return TargetBar(round(100 * float(value) / scale, 1), round(100 * tile.target.value / scale, 1),
                     texts.BAR_TARGET.format(direction=direction, target=target),
                     texts.BAR_LABEL.format(actual=tile.value, direction=direction, target=target))


def main_trend(page: PageModel) -> Trend | None:
    """The measure's chart for a slide: the first of its trends over parts (not a breakdown's categories) that has
    a value; else the first with a value."""
    with_values = [t for t in page.trends if any(v is not None for s in t.series for v in s.values)]
    plain = [t for t in with_values if t.spec.breakdown is None]
    return (plain or with_values or [None])[0]


def slides(meeting: Meeting, pset: PublishedSet, targets: pd.DataFrame | None) -> list[Slide]:
    """The meeting's slides, built from the published set only."""
    ags, period = meeting.ags, meeting.period
    quarterly = period.quarter is not None
    tiles = {t.kpi_id: t for t in overview.published_tiles(pset, ags, period, targets)}
    pages: dict[str, PageModel] = {}
    out = []
    for key in meeting.slides:
        if key == TITLE:
            out.append(Slide(key, texts.TITLE))
        elif key.startswith(KPI_PREFIX):
            tile = tiles.get(key.removeprefix(KPI_PREFIX))
            if tile is not None:
                out.append(Slide(key, tile.title, tile=tile))
        elif key in SPECS:
            if key not in pages:
                pages[key] = published_model(SPECS[key], pset, ags, period, quarterly, targets)
            page = pages[key]
            trend = None if key == karte.PAGE.name else main_trend(page)
            out.append(Slide(key, page.spec.title, page=page, trend=trend))
    return out
