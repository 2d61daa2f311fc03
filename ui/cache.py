"""The cached reads every page of figures shares: keyed by the database and its data version, so that an import
(or an undo, a retention run) invalidates them (monitor.queries.data_version).

The exact figures (a Gemeinde's FigureSource and what is computed from it) stay on the server; a page renders
only aggregates of them. The published set of the suppressed views is built once per data version and closed
quarter, per Gemeinde; the server builds the sets of every offered Gemeinde in the background as soon as it sees
a new data version (``prepare_published``, at the start of every run of the app), so that the first view of the
public or the council after an import finds its set ready instead of waiting seconds for the audit. A view that
comes before its set is ready shows the set published until then, says so and reloads itself when the new one is
there (``published_set``); only the first view of a process (or of a new quarter) waits for a build.

Every read of a Gemeinde's figures takes the viewer's scope (monitor.scope) as its first argument and refuses a
Gemeinde outside it (OutOfScope); lists of Gemeinden are cut to it. The cached reads underneath are shared by
every viewer of the process and are never called by a page.
"""

from __future__ import annotations

import logging
import threading
from datetime import date, timedelta

import streamlit as st
from streamlit import runtime

from monitor import db, overview, published, queries, subgroups, targets as targets_mod
from monitor.periods import Period
from monitor.scope import Scope
from monitor.texts import ui
from monitor.views.model import PageModel, PageSpec, exact_model


def database() -> tuple[str, int]:
    """(the database's URL without password, its data version): the key of every cached read."""
    engine = db.get_engine()
    return engine.url.render_as_string(hide_password=True), queries.data_version(engine)


@st.cache_data(max_entries=16, show_spinner=False)
def _gemeinden(database: str, version: int) -> list[str]:
    return overview.by_name(queries.gemeinden(db.get_engine()))


def gemeinden(scope: Scope, database: str, version: int) -> list[str]:
    """The Gemeinden with data that the viewer may see, by name."""
    return scope.restrict(_gemeinden(database, version))


@st.cache_data(max_entries=4, show_spinner=False)
def _source(database: str, ags: str, version: int):
    return queries.load_source(db.get_engine(), ags)


def source(scope: Scope, database: str, ags: str, version: int):
    """Where the Gemeinde's figures come from: its typed frames and its archive (server side only; the pages
    render aggregates of them)."""
    return _source(database, scope.require(ags), version)


@st.cache_data(max_entries=16, show_spinner=False)
def _subgroup_source(database: str, ags: str, version: int, subgroup: subgroups.Subgroup):
    """The source of a subgroup of the Gemeinde's cases (monitor.subgroups; exact views only)."""
    return subgroups.restrict_source(_source(database, ags, version), subgroup)


@st.cache_data(max_entries=64, show_spinner=False)
def _periods(database: str, ags: str, version: int, quarterly: bool, today: date) -> list[Period]:
    return overview.period_options(_source(database, ags, version), quarterly, today)


def periods(scope: Scope, database: str, ags: str, version: int, quarterly: bool, today: date) -> list[Period]:
    return _periods(database, scope.require(ags), version, quarterly, today)


@st.cache_data(max_entries=8, show_spinner=False)
def targets(stamp: int):
    """The targets of the database (monitor.targets), read again after every change of one (`stamp`:
    ``targets_stamp``)."""
    return targets_mod.from_database(db.get_engine())


def targets_stamp() -> int:
    """Changes with every change of a target: a change is effective on every page at once."""
    return targets_mod.version(db.get_engine())


def _set_day(today: date) -> date:
    """The day a published set is built for: the day after the last closed quarter, not today (the set only
    changes when a quarter closes)."""
    return published.last_closed_quarter(today).full_end + timedelta(days=1)


@st.cache_data(max_entries=16, show_spinner=False)
def _offered(database: str, version: int, today: date) -> list[str]:
    return overview.by_name(published.offered_in(db.get_engine(), today))


def offered(scope: Scope, database: str, version: int, today: date) -> list[str]:
    """The Gemeinden the suppressed views offer to the viewer, by name."""
    return scope.restrict(_offered(database, version, _set_day(today)))


@st.cache_resource(max_entries=32, show_spinner=ui.PUBLISHED_SPINNER)
def _published(database: str, version: int, ags: str, today: date) -> published.PublishedSet:
    """The figures of the suppressed views of one Gemeinde, made safe as one set (the same as its part of the whole
    set, monitor.published.from_database); once per data version, Gemeinde and closed quarter. A resource, not
    data: the set is never changed by a page, so every session shares the one object instead of a copy per run,
    and its audit (the costliest step of a view) runs once per process and data version."""
    built = published.from_database(db.get_engine(), today, ags)
    with _newest_lock:
        known = _newest.get((database, ags, today))
        if known is None or known[0] < version:
            for old in [k for k in _newest if k[:2] == (database, ags) and k[2] != today]:
                del _newest[old]  # the set of a quarter before
            _newest[(database, ags, today)] = (version, built)
    return built


# (database, Gemeinde, day) -> (data version, set): the newest set this process has built of each Gemeinde
_newest: dict[tuple[str, str, date], tuple[int, published.PublishedSet]] = {}
_newest_lock = threading.Lock()


def published_set(scope: Scope, database: str, version: int, ags: str,
                  today: date) -> tuple[published.PublishedSet, bool]:
    """The Gemeinde's published set of this data version, and False. In the server, while that set is still being
    built after an import (in the background: ``prepare_published``, started by the app's first run that sees the
    new data version; this Gemeinde's set first), the newest set built before it and True: the view shows the
    figures as they were published until now, says so, and reloads itself when the new set is ready (ui.filters);
    it does not wait seconds for the audit. Without an earlier set (the first view of this process, or of a new
    quarter) or outside the app (a page alone in a test), the view builds the set or waits for its build."""
    scope.require(ags)
    day = _set_day(today)
    with _newest_lock:
        known = _newest.get((database, ags, day))
    with _prepared_lock:
        preparing = (database, version, day) in _prepared
    if known is not None and known[0] < version and preparing:
        _start(("published set", database, version, ags, day), _published, (database, version, ags, day))
        return known[1], True
    return _published(database, version, ags, day), False


def built_published_set(scope: Scope, database: str, version: int, ags: str,
                        today: date) -> tuple[published.PublishedSet | None, bool]:
    """For a view of several Gemeinden at once (the comparison on Kontext): the Gemeinde's newest set this process
    has built, and whether it is of this data version, without waiting for a build. In the server a Gemeinde
    without a set of this version gets (its newest older set or None, False), and its build is started in the
    background unless the preparation of this version (``prepare_published``, after an import) runs and builds
    it: the view says that its figures are still being computed and reloads itself. Outside the app (a page
    alone in a test) the set is built here."""
    scope.require(ags)
    day = _set_day(today)
    with _newest_lock:
        known = _newest.get((database, ags, day))
    if known is not None and known[0] >= version:
        return known[1], True
    if not runtime.exists():
        return _published(database, version, ags, day), True
    with _prepared_lock:
        preparing = (database, version, day) in _prepared
    if not preparing:  # else the preparation builds it, one set after the other (builds side by side are slower)
        _start(("published set", database, version, ags, day), _published, (database, version, ags, day))
    return (known[1], False) if known is not None else (None, False)


def is_ready(database: str, version: int, ags: str, today: date) -> bool:
    """Whether the Gemeinde's set of this data version has been built."""
    with _newest_lock:
        known = _newest.get((database, ags, _set_day(today)))
    return known is not None and known[0] >= version


_started: set[tuple] = set()  # the background builds running now
_started_lock = threading.Lock()


def _start(name: tuple, target, args: tuple) -> None:
    """`target(*args)` in a background thread, unless one of that name is running. Errors are logged; a view that
    needs the set tries again (a view without an earlier set builds it itself, and shows what fails)."""
    with _started_lock:
        if name in _started:
            return
        _started.add(name)

    def run() -> None:
        try:
            target(*args)
        except Exception:
            logging.getLogger("integrationsmonitor").exception("building a published set failed")
        finally:
            with _started_lock:
                _started.discard(name)

    threading.Thread(target=run, name=name[0], daemon=True).start()


def prepare(database: str, version: int, day: date) -> list[str]:
    """Build (or find) the published set of every offered Gemeinde for this data version; the Gemeinden, by name."""
    gemeinden = _offered(database, version, day)
    for ags in gemeinden:
        _published(database, version, ags, day)
    return gemeinden


_prepared: set[tuple[str, int, date]] = set()  # (database, data version, day) whose preparation has started
_prepared_lock = threading.Lock()


def prepare_published(today: date) -> bool:
    """In the server, once per database, data version and closed quarter: ``prepare`` in a background thread.
    The sets are shared resources with a lock per Gemeinde, so a build that comes while its set is being built
    waits for that build instead of starting another. Outside a Streamlit runtime (scripts) nothing: there is no
    process that would keep the sets. True if a preparation was started."""
    if not runtime.exists():
        return False
    key = (*database(), _set_day(today))
    with _prepared_lock:
        if key in _prepared:
            return False
        _prepared.add(key)
    _start(("published sets", *key), prepare, key)
    return True


@st.cache_data(max_entries=256, show_spinner=False)
def _own_counts(database: str, gemeinden: tuple[str, ...], version: int, period: Period,
                kpis: tuple[str, ...]) -> dict[str, dict]:
    sources = queries.load_sources(db.get_engine(), gemeinden, kpis, [period.key])  # only what these need
    return {ags: {kpi: published.Figures(kpi, source.kpi_values(period, kpi) or {}) for kpi in kpis}
            for ags, source in sources.items()}


def own_counts(scope: Scope, database: str, gemeinden: list[str], version: int, period: Period,
               kpis: tuple[str, ...]) -> dict[str, dict[str, published.Figures]]:
    """A few KPIs of each of these Gemeinden for a period, exact, read at once from the rows of the kinds they
    need only (small: a comparison of the Landkreis' Gemeinden costs one query per kind once per data version)."""
    return _own_counts(database, tuple(scope.require(ags) for ags in sorted(gemeinden)), version, period, kpis)


@st.cache_data(max_entries=128, show_spinner=False)
def _tiles(database: str, ags: str, version: int, period: Period, targets_stamp: int) -> list:
    table = targets(targets_stamp)
    return overview.build_overview(_source(database, ags, version), period, table, ags=ags)


def tiles(scope: Scope, database: str, ags: str, version: int, period: Period, targets_stamp: int) -> list:
    """The overview's tiles with exact figures."""
    return _tiles(database, scope.require(ags), version, period, targets_stamp)


@st.cache_data(max_entries=16, show_spinner=False)
def _active_cases_trend(database: str, ags: str, version: int, until: date):
    return overview.trend_frame(_source(database, ags, version), until)


def active_cases_trend(scope: Scope, database: str, ags: str, version: int, until: date):
    return _active_cases_trend(database, scope.require(ags), version, until)


@st.cache_data(max_entries=64, show_spinner=False)
def _exact_page(spec: PageSpec, database: str, ags: str, version: int, period: Period, quarterly: bool,
                subgroup: subgroups.Subgroup, targets_stamp: int, closed_until: date) -> PageModel | None:
    figures = _subgroup_source(database, ags, version, subgroup) if subgroup else _source(database, ags, version)
    table = None if subgroup else targets(targets_stamp)
    return exact_model(spec, figures, ags, period, quarterly, table, closed_until + timedelta(days=1))


def exact_page(scope: Scope, spec: PageSpec, database: str, ags: str, version: int, period: Period, quarterly: bool,
               subgroup: subgroups.Subgroup, targets_stamp: int, closed_until: date) -> PageModel | None:
    """A measure page with exact figures (views.model.exact_model), of the whole Gemeinde or of a subgroup (then
    without targets: they are the Gemeinde's). Keyed by the last closed quarter's end, which ends its trends."""
    return _exact_page(spec, database, scope.require(ags), version, period, quarterly, subgroup, targets_stamp,
                       closed_until)
