"""Entry point of the dashboard: page config, start-up (migrate, demo data on first start, the daily retention run),
navigation.

Start with `streamlit run app.py` (it serves this script as a German document, see app.py). Nothing else
belongs here: pages live in pages/, what they share (login state, the role check, German for Streamlit's own
controls) in ui/, the domain in monitor/. The page list is built per run for the viewer's role (monitor.roles);
each page checks the role again itself (ui.session.require).
"""

from __future__ import annotations

import logging
from datetime import date

import streamlit as st

from monitor import bootstrap, fmt, roles, settings
from monitor.texts import ui
from ui import cache, german, printing, session

log = logging.getLogger("integrationsmonitor")

st.set_page_config(page_title=ui.APP_TITLE, page_icon=ui.APP_ICON, layout="wide", initial_sidebar_state="auto")
german.apply()  # German for Streamlit's own controls, on every page (ui.german)
printing.apply()  # Ctrl+P gives a clean A4 (ui.printing)


@st.cache_resource(show_spinner=ui.STARTING)
def _start(database_url: str) -> bool:
    """Migrate the database and load the demo data into an empty one: once per process and database."""
    bootstrap.ensure_ready()
    return True


@st.cache_resource(show_spinner=False)
def _daily(database_url: str, day: date) -> bool:
    """The retention run (monitor.retention), at most once a day: on the first run of the app each day, and only
    when something is due; it skips fast otherwise."""
    bootstrap.daily()
    return True


PAGES = {  # page stem -> (title, icon); who may open which: monitor.roles.PAGES
    "uebersicht": (ui.PAGE_OVERVIEW, ui.PAGE_OVERVIEW_ICON),
    **ui.MEASURE_PAGE_MENU,  # Praktikumsbörse, Integrationscafé, Netzwerk, ...
    "kontext": (ui.PAGE_KONTEXT, ui.PAGE_KONTEXT_ICON),
    "sitzung": (ui.PAGE_MEETING, ui.PAGE_MEETING_ICON),
    "hochladen": (ui.PAGE_UPLOAD, ui.PAGE_UPLOAD_ICON),
    "datenformat": (ui.PAGE_CONTRACT, ui.PAGE_CONTRACT_ICON),
    "ziele": (ui.PAGE_TARGETS, ui.PAGE_TARGETS_ICON),
    "benutzer": (ui.PAGE_ACCOUNTS, ui.PAGE_ACCOUNTS_ICON),
    "protokoll": (ui.PAGE_AUDIT, ui.PAGE_AUDIT_ICON),
    "anmelden": (ui.PAGE_LOGIN, ui.PAGE_LOGIN_ICON),
}


def pages_for(role: str | None) -> list[st.Page]:
    """The menu of a role (monitor.roles). A viewer without a role of ours gets the overview entry only, and
    that page refuses them: every page checks the role again itself."""
    stems = roles.pages_for(role) if role else ["uebersicht"]
    return [st.Page(f"pages/{stem}.py", title=PAGES[stem][0], icon=PAGES[stem][1], default=i == 0)
            for i, stem in enumerate(stems)]


def sidebar(viewer: session.Viewer) -> None:
    with st.sidebar:
        if not viewer.logged_in:
            st.caption(ui.PUBLIC_VIEW)
            return
        st.caption(ui.LOGGED_IN_AS.format(name=fmt.plain(viewer.name), role=viewer.label))
        if viewer.role is not None and not roles.suppressed(viewer.role):
            st.toggle(ui.MEETING_VIEW, key=session.MEETING, help=ui.MEETING_VIEW_HELP)
        if st.button(ui.LOGOUT, icon=":material/logout:", key="logout"):
            session.logout(viewer)
            st.rerun()


try:
    _start(settings.database_url())
    _daily(settings.database_url(), date.today())
except Exception:  # the details may name the database server: log them, show a fixed German text
    log.exception("start-up failed")
    st.error(ui.START_FAILED, icon=":material/error:")
    st.stop()

session.mark_started()
viewer = session.current()
sidebar(viewer)
menu = pages_for(viewer.role)
current = st.navigation(menu, expanded=True)  # every entry at once: the menu is longer than Streamlit's 10
asked = session.wanted_page()  # the address that was opened before the app had started, once
wanted = next((p for p in menu if p.url_path == asked), None)
if wanted is not None and wanted.url_path != current.url_path:
    st.switch_page(wanted, query_params=st.query_params.to_dict())  # keeps e.g. ?sitzung=1
# a new data version's published sets, in the background, started by the first run that sees it: a suppressed
# view that comes before its set is ready shows the set published until then (ui.cache.published_set)
cache.prepare_published(date.today())
current.run()
