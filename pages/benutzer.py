"""Benutzer (admin): the local accounts: list, add (the first password shown once), change the role and the
Gemeinden the account sees (monitor.scope), reset the password (shown once), lift a lock, deactivate and activate
again. The rules are those of the command line (monitor.auth: argon2, lock-out, no account deleted), every change
is audited there, and no admin can take the admin rights of their own account or of the last active admin."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import streamlit as st

from monitor import auth, db, fmt, overview, queries, roles, scope as scopes
from monitor.texts import ui
from ui import session, tables

ONCE = "account_once"  # (message, name, password) to show in the next run only
DONE = "account_done"  # a message of the last action, shown once after the rerun


def _status(state: auth.AccountState) -> str:
    if not state.active:
        return ui.ACCOUNT_INACTIVE
    if state.locked_until is not None:
        until = fmt.local_time(state.locked_until)
        return ui.ACCOUNT_LOCKED.format(until=f"{fmt.date_de(until)} {fmt.time_de(until)}")
    return ui.ACCOUNT_ACTIVE


def _gemeinden_text(role: str, gemeinden: scopes.Scope) -> str:
    if role == roles.ADMIN or gemeinden.everything:
        return ui.ACCOUNT_ALL_GEMEINDEN
    names = [overview.gemeinde_name(ags) for ags in overview.by_name(gemeinden.gemeinden)]
    return ", ".join(names) or ui.ACCOUNT_NO_GEMEINDEN


def _table(states: list[auth.AccountState]) -> pd.DataFrame:
    col = ui.ACCOUNT_COLUMNS
    return pd.DataFrame({
        col["name"]: [s.name for s in states],
        col["role"]: [ui.ROLE_LABELS.get(s.role, s.role) for s in states],
        col["gemeinden"]: [_gemeinden_text(s.role, s.gemeinden) for s in states],
        col["status"]: [_status(s) for s in states],
        col["failed"]: [s.failed_logins for s in states],
        col["created"]: [fmt.local_time(s.created_at).replace(tzinfo=None) for s in states],
        col["changed"]: [fmt.local_time(s.changed_at).replace(tzinfo=None) for s in states],
    })


def _act(action, done: str, **names) -> None:
    """Run an account action; its German result once after the rerun, or its German refusal now."""
    try:
        shown = action()
    except auth.AccountError as err:
        st.error(fmt.plain(str(err)), icon=":material/error:")
        return
    if isinstance(shown, str):  # a password to show once
        st.session_state[ONCE] = (done.format(**names), shown)
    else:
        st.session_state[DONE] = done.format(**names)
    st.rerun()


def _chosen_scope(every: bool, chosen: list[str]) -> scopes.Scope:
    """The scope of the two inputs; AccountError (German) when neither says a Gemeinde."""
    if every:
        return scopes.ALL
    if not chosen:
        raise auth.AccountError(ui.ACCOUNT_NO_GEMEINDE)
    return scopes.of(chosen)


def _gemeinde_inputs(options: list[str], current: scopes.Scope, key: str) -> tuple[bool, list[str]]:
    """"Every Gemeinde" and the chosen ones (inputs only; read on submit)."""
    every = st.checkbox(ui.ACCOUNT_EVERY_GEMEINDE, value=current.everything, help=ui.ACCOUNT_EVERY_GEMEINDE_HELP,
                        key=f"every-{key}")
    chosen = st.multiselect(ui.ACCOUNT_GEMEINDEN, options, default=[] if current.everything else
                            [ags for ags in options if current.allows(ags)], format_func=overview.gemeinde_name,
                            placeholder=ui.ACCOUNT_GEMEINDEN_PLACEHOLDER, key=f"gemeinden-{key}")
    return every, chosen


def render() -> None:
    viewer = session.require("benutzer")
    st.title(ui.ACCOUNTS_TITLE)
    st.text(ui.ACCOUNTS_INTRO)
    if session.oidc_configured():
        st.info(ui.ACCOUNTS_OIDC, icon=":material/info:")
    engine, actor = db.get_engine(), viewer.name or "?"
    if ONCE in st.session_state:
        message, password = st.session_state.pop(ONCE)
        st.success(fmt.plain(message), icon=":material/key:")
        st.text(password)  # as text: no Markdown acts on it
    if DONE in st.session_state:
        st.success(fmt.plain(st.session_state.pop(DONE)), icon=":material/check:")

    states = auth.account_states(engine, datetime.now(UTC))
    if states:
        tables.show(_table(states), name=ui.ACCOUNTS_TABLE, exact=True, download=False, column_config={
            ui.ACCOUNT_COLUMNS[c]: st.column_config.DatetimeColumn(format="DD.MM.YYYY HH:mm")
            for c in ("created", "changed")})
    else:
        st.info(ui.ACCOUNTS_NONE, icon=":material/info:")

    # the Gemeinden an account can be given: those of the Landkreis, those with data, and those given before
    options = overview.by_name(set(overview.known_gemeinden()) | set(queries.gemeinden(engine))
                               | {ags for s in states if not s.gemeinden.everything for ags in s.gemeinden.gemeinden})
    st.subheader(ui.ACCOUNT_ADD)
    with st.form("add", clear_on_submit=True, enter_to_submit=False):
        name_col, role_col = st.columns([3, 2])
        name = name_col.text_input(ui.ACCOUNT_NAME, max_chars=auth.NAME_MAX, help=ui.ACCOUNT_NAME_HELP, key="new_name")
        role = role_col.selectbox(ui.ACCOUNT_ROLE, roles.LOGIN_ROLES, format_func=ui.ROLE_LABELS.get, key="new_role")
        every, chosen_gemeinden = _gemeinde_inputs(options, scopes.ALL, "new")
        if st.form_submit_button(ui.ACCOUNT_ADD_BUTTON, icon=":material/person_add:"):
            def add() -> str:  # the first password, to be shown once
                gemeinden = scopes.ALL if role == roles.ADMIN else _chosen_scope(every, chosen_gemeinden)
                password = auth.new_password()
                auth.add_user(engine, name, role, password, actor, gemeinden)
                return password

            _act(add, ui.ACCOUNT_ADDED, name=name.strip())

    if not states:
        return
    st.subheader(ui.ACCOUNT_CHANGE)
    names = [s.name for s in states]
    chosen = st.selectbox(ui.ACCOUNT_CHOSEN, names, key="chosen")
    state = next(s for s in states if s.name == chosen)
    role_col, button_col = st.columns([3, 2], vertical_alignment="bottom")
    new_role = role_col.selectbox(ui.ACCOUNT_NEW_ROLE, roles.LOGIN_ROLES, index=roles.LOGIN_ROLES.index(state.role)
                                  if state.role in roles.LOGIN_ROLES else 0, format_func=ui.ROLE_LABELS.get,
                                  key=f"role-{chosen}")
    if button_col.button(ui.ACCOUNT_SET_ROLE, icon=":material/badge:", disabled=new_role == state.role):
        _act(lambda: auth.set_role(engine, chosen, new_role, actor), ui.ACCOUNT_ROLE_SET, name=chosen,
             role=ui.ROLE_LABELS.get(new_role, new_role))
    if state.role == roles.ADMIN:
        st.caption(ui.ACCOUNT_ADMIN_EVERY_GEMEINDE)
    else:
        every, chosen_gemeinden = _gemeinde_inputs(options, state.gemeinden, chosen)
        if st.button(ui.ACCOUNT_SET_GEMEINDEN, icon=":material/location_city:"):
            _act(lambda: auth.set_gemeinden(engine, chosen, _chosen_scope(every, chosen_gemeinden), actor),
                 ui.ACCOUNT_GEMEINDEN_SET, name=chosen)
    reset_col, unlock_col, active_col = st.columns(3)
    if reset_col.button(ui.ACCOUNT_RESET, icon=":material/lock_reset:"):
        _act(lambda: auth.reset_password(engine, chosen, actor), ui.ACCOUNT_RESET_DONE, name=chosen)
    if unlock_col.button(ui.ACCOUNT_UNLOCK, icon=":material/lock_open:", disabled=state.locked_until is None):
        _act(lambda: auth.unlock(engine, chosen, actor), ui.ACCOUNT_UNLOCKED, name=chosen)
    if state.active and active_col.button(ui.ACCOUNT_DEACTIVATE, icon=":material/person_off:"):
        _act(lambda: auth.deactivate(engine, chosen, actor), ui.ACCOUNT_DEACTIVATED, name=chosen)
    if not state.active and active_col.button(ui.ACCOUNT_ACTIVATE, icon=":material/person_check:"):
        _act(lambda: auth.activate(engine, chosen, actor), ui.ACCOUNT_ACTIVATED, name=chosen)


render()
