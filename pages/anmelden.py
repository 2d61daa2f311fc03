"""Anmelden: the login form (local accounts) or the button to the town hall's provider (OpenID Connect)."""

from __future__ import annotations

import streamlit as st

from monitor import auth, db
from monitor.texts import ui
from ui import session


def render() -> None:
    session.require("anmelden")
    st.title(ui.LOGIN_TITLE)
    session.show_flash()
    st.text(ui.LOGIN_INTRO)
    if session.oidc_configured():
        if st.button(ui.LOGIN_OIDC, type="primary", icon=":material/login:"):
            st.login()
        return
    if auth.count_accounts(db.get_engine()) == 0:
        st.info(ui.NO_ACCOUNTS, icon=":material/info:")
        st.code(ui.NO_ACCOUNTS_COMMAND, language="bash")
        return
    with st.form("login_form", enter_to_submit=True):
        name = st.text_input(ui.LOGIN_NAME, max_chars=auth.NAME_MAX, autocomplete="username")
        password = st.text_input(ui.LOGIN_PASSWORD, type="password", autocomplete="current-password")
        submitted = st.form_submit_button(ui.LOGIN_SUBMIT, type="primary")
    if not submitted:
        return
    result = session.login_local(name, password)
    if result.ok:
        st.switch_page("pages/uebersicht.py")  # the login page itself is for the public only
    else:  # unknown name, wrong password, locked or deactivated: the same words (the audit log tells them apart)
        st.error(ui.LOGIN_FAILED, icon=":material/error:")

render()
