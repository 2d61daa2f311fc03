"""Protokoll (admin): the audit log, filtered by time, person and action. Only metadata, never data values."""

from __future__ import annotations

from datetime import date, timedelta

import streamlit as st

from monitor import audit, db, fmt
from monitor.texts import ui
from ui import session, tables

LIMIT = 1000


def render() -> None:
    session.require("protokoll")
    st.title(ui.AUDIT_TITLE)
    st.text(ui.AUDIT_INTRO)
    today = date.today()
    since_col, until_col, actor_col, action_col = st.columns([2, 2, 3, 5])
    since = since_col.date_input(ui.AUDIT_SINCE, today - timedelta(days=30), format="DD.MM.YYYY", key="since")
    until = until_col.date_input(ui.AUDIT_UNTIL, today, format="DD.MM.YYYY", key="until")
    actor = actor_col.text_input(ui.AUDIT_ACTOR, key="actor", max_chars=120)
    actions = action_col.multiselect(ui.AUDIT_ACTIONS, audit.ACTIONS, format_func=ui.AUDIT_ACTION_LABELS.get,
                                     placeholder=ui.AUDIT_ACTIONS_PLACEHOLDER, key="actions")
    frame = audit.entries(db.get_engine(), audit.Filter(since, until, actor.strip() or None, tuple(actions), LIMIT))
    if frame.empty:
        st.info(ui.AUDIT_EMPTY, icon=":material/info:")
        return
    entries = audit.labelled(frame)
    sha, detail = ui.AUDIT_COLUMNS["file_sha256"], ui.AUDIT_COLUMNS["detail"]
    shown = audit.on_page(entries)
    st.caption(ui.AUDIT_COUNT.format(count=len(frame), limit=LIMIT))
    if (entries[sha] != fmt.MISSING).any():
        st.caption(ui.AUDIT_HASH_NOTE)
    if (entries[detail] != shown[detail]).any():
        st.caption(ui.AUDIT_DETAIL_NOTE)
    tables.show(shown, name=ui.AUDIT_TITLE, exact=True, download=entries, column_config={
        ui.AUDIT_COLUMNS["at"]: st.column_config.DatetimeColumn(format="DD.MM.YYYY HH:mm:ss")})


render()
