"""Entry point of the dashboard: page config, start-up (migrate, demo data on first start), navigation.

Start with `streamlit run dashboard.py`. Nothing else belongs here: pages live in pages/, the domain in
monitor/. The page list is built per run by `pages_for(role)`, so that login and roles (a later step) only
have to pass the user's role.
"""

from __future__ import annotations

import logging

import streamlit as st

from monitor import bootstrap, settings
from monitor.texts import ui

log = logging.getLogger("integrationsmonitor")

st.set_page_config(page_title=ui.APP_TITLE, page_icon=ui.APP_ICON, layout="wide", initial_sidebar_state="auto")


@st.cache_resource(show_spinner=ui.STARTING)
def _start(database_url: str) -> bool:
    """Migrate the database and load the demo data into an empty one: once per process and database."""
    bootstrap.ensure_ready()
    return True


def pages_for(role: str | None) -> list[st.Page]:
    """The pages a role may open. Until login exists (a later step), everybody gets every page."""
    return [
        st.Page("pages/uebersicht.py", title=ui.PAGE_OVERVIEW, icon=ui.PAGE_OVERVIEW_ICON, default=True),
        st.Page("pages/datenformat.py", title=ui.PAGE_CONTRACT, icon=ui.PAGE_CONTRACT_ICON),
    ]


try:
    _start(settings.database_url())
except Exception:  # the details may name the database server: log them, show a fixed German text
    log.exception("start-up failed")
    st.error(ui.START_FAILED, icon=":material/error:")
    st.stop()

st.navigation(pages_for(role=None)).run()
