"""The filters every page of figures shares: Gemeinde, year or quarter, period (``period_filter``) and, on the
pages about cases, target group, Ortsteil and gender (``subgroup_filter``).

The suppressed views (public, council, meeting view) choose among the Gemeinden and closed periods of the
published set only and get no subgroup filter (docs/datenschutz.md, "Filter"); the exact views choose among every
Gemeinde with data and every period up to the data stand. A choice made on one page is the default on the next.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import streamlit as st

from monitor import codes, districts, fmt, overview, published
from monitor.periods import Period
from monitor.scope import Scope
from monitor.subgroups import EVERYONE, Subgroup
from monitor.texts import ui
from ui import cache

REMEMBERED = "chosen_filters"  # session key: the last choices, the defaults of the next page


@dataclass(frozen=True)
class Selection:
    """What the viewer chose, and what the page reads with it."""

    scope: Scope  # the Gemeinden the viewer may see; `ags` is one of them
    database: str
    version: int
    today: date
    ags: str
    quarterly: bool
    period: Period
    stand: date  # the data stand (suppressed views: the end of the last closed quarter)
    pset: published.PublishedSet | None  # the published set for the suppressed views; None: exact figures
    updating: bool = False  # the set of an earlier data version, while the new one is being built

    def __post_init__(self):
        self.scope.require(self.ags)

    @property
    def exact(self) -> bool:
        return self.pset is None

    @property
    def closed_until(self) -> date:
        """The end of the last closed quarter: the trends end there."""
        return published.last_closed_quarter(self.today).full_end


def _remembered() -> dict:
    return st.session_state.get(REMEMBERED, {})


def _index(options: list, value, default: int = 0) -> int:
    return options.index(value) if value in options else default


def period_filter(scope: Scope, suppress: bool) -> Selection | None:
    """The Gemeinde (only when the viewer may see several), year or quarter, and the period; None (after a German
    hint) when there is nothing to choose."""
    database, version = cache.database()
    today = date.today()
    keys = cache.offered(scope, database, version, today) if suppress else cache.gemeinden(scope, database, version)
    if not keys:
        st.info(ui.NO_DATA if scope.everything else ui.NO_DATA_IN_SCOPE, icon=":material/info:")
        return None
    chosen = _remembered()
    columns = st.columns([3, 2, 3, 2] if len(keys) > 1 else [2, 3, 5], vertical_alignment="bottom")
    if len(keys) > 1:
        ags = columns[0].selectbox(ui.GEMEINDE, keys, index=_index(keys, chosen.get("ags")),
                                   format_func=overview.gemeinde_name, key="ags")
        columns = columns[1:]
    else:
        ags = keys[0]
    granularities = [ui.YEAR, ui.QUARTER]
    granularity = columns[0].radio(ui.GRANULARITY, granularities, horizontal=True, key="granularity",
                                   index=_index(granularities, chosen.get("granularity")))
    quarterly = granularity == ui.QUARTER
    # this Gemeinde's part; just after an import, the set as published until now while the new one is built
    pset, updating = cache.published_set(scope, database, version, ags, today) if suppress else (None, False)
    if pset is not None:  # closed periods only, newest first
        options = [p for p in pset.periods_of(quarterly) if pset.has(ags, p)]
    else:
        options = cache.periods(scope, database, ags, version, quarterly, today)
    if not options:
        st.info(ui.NO_CLOSED_PERIOD if pset is not None else ui.NO_DATA, icon=":material/info:")
        return None
    # Default: for exact figures the running year (quarter) up to the data stand against the same span before
    # (see overview.default_period); for the suppressed views the newest closed period.
    default = options[0] if pset is not None else overview.default_period(options)
    keys_of = [p.key for p in options]
    index = _index(keys_of, chosen.get("period"), options.index(default))
    period = columns[1].selectbox(ui.PERIOD, options, index=index, format_func=lambda p: p.label,
                                  help=ui.PERIOD_HELP_CLOSED if pset is not None else ui.PERIOD_HELP,
                                  key=f"period-{ags}-{'q' if quarterly else 'y'}")
    st.session_state[REMEMBERED] = {"ags": ags, "granularity": granularity, "period": period.key}
    stand = pset.stand if pset is not None else options[0].end
    return Selection(scope, database, version, today, ags, quarterly, period, stand, pset, updating)


def header(selection: Selection) -> None:
    """The line under the filters: Gemeinde, period, data stand; in the suppressed views why only closed periods."""
    st.caption(ui.HEADER_LINE.format(gemeinde=overview.gemeinde_name(selection.ags), period=selection.period.label,
                                     stand=fmt.date_de(selection.stand)))
    if not selection.exact:
        st.caption(ui.CLOSED_PERIODS_NOTE)
    if selection.updating:
        st.info(ui.PUBLISHED_UPDATING, icon=":material/update:")
        _reload_when_ready(selection)


REFRESH_SECONDS = 2


@st.fragment(run_every=REFRESH_SECONDS)
def _reload_when_ready(selection: Selection, others: tuple[str, ...] = ()) -> None:
    """While a view shows the set published until now (of its Gemeinde, or of `others` it shows too): the whole
    page again as soon as the new sets are ready."""
    if all(cache.is_ready(selection.database, selection.version, ags, selection.today)
           for ags in (selection.ags, *others)):
        st.rerun(scope="app")


def reload_when_ready(selection: Selection, others: list[str]) -> None:
    """For a part of a page that shows the published sets of `others` too: reload when they are all ready."""
    _reload_when_ready(selection, tuple(others))


ALL = ""  # the option "Alle" of a subgroup filter (an option, not an empty box)


def _choice(column, label: str, options: dict[str, str], key: str) -> str | None:
    value = column.selectbox(label, [ALL, *options], format_func=lambda v: options.get(v, ui.FILTER_ALL), key=key)
    return value or None


def subgroup_filter(selection: Selection, applies: bool) -> Subgroup:
    """Target group, Ortsteil (where the Gemeinde keeps a list) and gender, for the exact views of a page about
    cases (`applies`); the suppressed views get the note that these filters are internal only. Everyone when
    nothing is chosen, or the page is not about cases."""
    if not applies:
        return EVERYONE
    if not selection.exact:
        st.caption(ui.FILTER_INTERNAL_ONLY)
        return EVERYONE
    places = {d.code: d.name for d in districts.of(selection.ags)}
    columns = st.columns(3 if places else 2)
    target_group = _choice(columns[0], ui.FILTER_TARGET_GROUP, {c: ui.target_group(c) for c in codes.TARGET_GROUPS},
                           "filter-target-group")
    district = _choice(columns[1], ui.FILTER_DISTRICT, places, f"filter-district-{selection.ags}") if places else None
    gender = _choice(columns[-1], ui.FILTER_GENDER, {c: ui.GENDERS[c] for c in codes.GENDERS}, "filter-gender")
    subgroup = Subgroup(target_group, district, gender)
    if subgroup:
        names = [ui.target_group(target_group) if target_group else None, places.get(district),
                 ui.GENDERS.get(gender)]
        st.caption(ui.FILTER_ACTIVE.format(selection=", ".join(n for n in names if n)))
    return subgroup
