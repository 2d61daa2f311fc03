"""The page Sitzungsmodus on screen: which meeting is presented (``present``), and the planner where staff set a
meeting's day, period and slides (``plan``). The slides are drawn by ui.slides; what they show comes from
monitor.meeting, from the published set only, whatever the viewer's role."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from monitor import db, meeting as meetings, overview
from monitor.texts import sitzung as texts, ui
from ui import cache, session, slides

NEW = 0  # the planner's option "Neue Sitzung"
CHOOSE_NEXT = "meeting_choose_next"  # session key: the meeting the planner shows after a save
NOTICE = "meeting_notice"  # session key: what the last save or removal did, shown after the rerun
EVERY_SLIDE = "alle"  # ?termin=alle: no planned meeting, every slide for the newest closed year


def _asked(engine, gemeinden: list[str], today: date) -> meetings.Meeting | None:
    """The meeting of the address (?termin=7), else the next planned one (or the last), of the offered Gemeinden;
    None for ?termin=alle or when none is planned."""
    raw = st.query_params.get(slides.MEETING_PARAM, "")
    if raw == EVERY_SLIDE:
        return None
    if raw.isdigit():
        asked = meetings.by_id(engine, int(raw))
        if asked is not None and asked.ags in gemeinden:
            return asked
    return meetings.current(engine, gemeinden, today)


def present(viewer: session.Viewer, gemeinden: list[str], database: str, version: int, today: date,
            can_end: bool) -> None:
    """The presentation of the meeting asked for (or the next one; without any, every slide for the newest
    closed year), from the published set."""
    planned = _asked(db.get_engine(), gemeinden, today)
    ags = planned.ags if planned is not None else gemeinden[0]
    pset, _ = cache.published_set(viewer.scope, database, version, ags, today)
    default = meetings.default_meeting(pset, ags, today)
    if default is None:
        st.info(texts.NO_PERIOD, icon=":material/info:")
        return
    chosen = planned or default
    if not pset.has(ags, chosen.period):  # e.g. the data of that period were taken back: the newest instead
        chosen = meetings.Meeting(ags, chosen.day, default.period, chosen.slides, chosen.id)
    shown = meetings.slides(chosen, pset, cache.targets(cache.targets_stamp()))
    slides.show(chosen, shown, pset.stand, on_end=(lambda: _back_to_planner(chosen.id)) if can_end else None)


def _back_to_planner(meeting_id: int | None) -> None:
    """Ends the presentation: the planner again, with the meeting that was presented."""
    st.query_params.pop(slides.SLIDE_PARAM, None)
    st.query_params.pop(slides.MEETING_PARAM, None)
    st.session_state[CHOOSE_NEXT] = meeting_id or NEW


def _slide_rows(chosen: meetings.Meeting | None) -> pd.DataFrame:
    """The planner's table: the meeting's slides first, in its order and ticked, then the others."""
    ordered = list(chosen.slides) if chosen is not None else meetings.catalogue()
    rest = [k for k in meetings.catalogue() if k not in ordered]
    return pd.DataFrame({
        texts.COL_POSITION: range(1, len(ordered) + len(rest) + 1),
        texts.COL_SHOW: [True] * len(ordered) + [False] * len(rest),
        texts.COL_SLIDE: [meetings.slide_label(k) for k in ordered + rest],
        "key": ordered + rest,
    })


def chosen_slides(edited: pd.DataFrame) -> tuple[str, ...]:
    """The ticked slides in the order of their numbers (equal numbers: the table's order)."""
    ticked = edited[edited[texts.COL_SHOW].fillna(False).astype(bool)].copy()
    ticked["_row"] = range(len(ticked))
    ticked[texts.COL_POSITION] = pd.to_numeric(ticked[texts.COL_POSITION], errors="coerce").fillna(len(edited) + 1)
    return tuple(ticked.sort_values([texts.COL_POSITION, "_row"])["key"])


def plan(viewer: session.Viewer, gemeinden: list[str], database: str, version: int, today: date) -> None:
    """The planner: choose or add a meeting, set its day, period and slides, save, present."""
    engine = db.get_engine()
    st.title(ui.PAGE_MEETING)
    session.show_flash()
    st.markdown(texts.INTRO)
    notice = st.session_state.pop(NOTICE, None)
    if notice:
        st.success(notice, icon=":material/check:")
    ags = gemeinden[0]
    if len(gemeinden) > 1:
        ags = st.selectbox(ui.GEMEINDE, gemeinden, format_func=overview.gemeinde_name, key="meeting_ags")
    planned = {m.id: m for m in meetings.meetings(engine, ags)}
    if CHOOSE_NEXT in st.session_state:  # set before the box exists: a widget's value cannot change afterwards
        wanted = st.session_state.pop(CHOOSE_NEXT)
        st.session_state[f"meeting_{ags}"] = wanted if wanted in planned else NEW
    chosen_id = st.selectbox(texts.CHOOSE_MEETING, [NEW, *planned], key=f"meeting_{ags}",
                             format_func=lambda i: planned[i].label if i in planned else texts.NEW_MEETING)
    chosen = planned.get(chosen_id)
    if chosen is not None:  # the address for the screen in the meeting room (no login needed there)
        st.caption(texts.ADDRESS.format(address=f"/sitzung?{slides.MEETING_PARAM}={chosen.id}"))
    pset, _ = cache.published_set(viewer.scope, database, version, ags, today)
    columns = st.columns([2, 2, 3], vertical_alignment="bottom")
    day = columns[0].date_input(texts.DAY, value=chosen.day if chosen else today, format="DD.MM.YYYY",
                                key=f"meeting_day_{chosen_id}")
    granularities = [texts.YEAR, texts.QUARTER]
    quarterly_before = chosen is not None and chosen.period.quarter is not None
    granularity = columns[1].radio(texts.GRANULARITY, granularities, horizontal=True, index=int(quarterly_before),
                                   key=f"meeting_granularity_{chosen_id}")
    options = [p for p in pset.periods_of(granularity == texts.QUARTER) if pset.has(ags, p)]
    if not options:
        st.info(texts.NO_PERIOD, icon=":material/info:")
        return
    keys = [p.key for p in options]
    index = keys.index(chosen.period.key) if chosen is not None and chosen.period.key in keys else 0
    period = columns[2].selectbox(texts.PERIOD, options, index=index, format_func=lambda p: p.label,
                                  key=f"meeting_period_{chosen_id}_{granularity}")
    edited = st.data_editor(
        _slide_rows(chosen), key=f"meeting_slides_{chosen_id}", hide_index=True, width="stretch",
        column_order=[texts.COL_POSITION, texts.COL_SHOW, texts.COL_SLIDE], num_rows="fixed",
        column_config={
            texts.COL_POSITION: st.column_config.NumberColumn(texts.COL_POSITION, min_value=1, step=1, width="small",
                                                              help=texts.SLIDES_HELP),
            texts.COL_SHOW: st.column_config.CheckboxColumn(texts.COL_SHOW, width="small", help=texts.SLIDES_HELP),
            texts.COL_SLIDE: st.column_config.TextColumn(texts.COL_SLIDE, disabled=True),
        })
    with st.container(horizontal=True):
        save = st.button(texts.SAVE, key="meeting_save", type="primary",
                         icon=":material/save:")
        present_saved = chosen is not None and st.button(texts.PRESENT, key="meeting_present",
                                                         icon=":material/slideshow:")
        present_default = chosen is None and st.button(texts.PRESENT_DEFAULT, key="meeting_present_default",
                                                       icon=":material/slideshow:")
        remove = chosen is not None and st.button(texts.REMOVE, key="meeting_remove", icon=":material/delete:")
    if save:
        try:
            saved = meetings.save(engine, meetings.Meeting(ags, day, period, chosen_slides(edited)), viewer.name)
        except meetings.MeetingError as error:
            st.error(str(error), icon=":material/error:")
            return
        st.session_state[NOTICE] = texts.SAVED.format(day=f"{saved.day:%d.%m.%Y}", count=len(saved.slides))
        st.session_state[CHOOSE_NEXT] = saved.id
        st.rerun()
    if present_saved:
        st.query_params.update({slides.SLIDE_PARAM: "1", slides.MEETING_PARAM: str(chosen.id)})
        st.rerun()
    if present_default:
        st.query_params.update({slides.SLIDE_PARAM: "1", slides.MEETING_PARAM: EVERY_SLIDE})
        st.rerun()
    if remove:
        meetings.remove(engine, chosen, viewer.name)
        st.session_state[NOTICE] = texts.REMOVED.format(day=f"{chosen.day:%d.%m.%Y}")
        st.session_state[CHOOSE_NEXT] = NEW
        st.rerun()
