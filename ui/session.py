"""Who is looking: the viewer of this browser session, login and logout, and the check every page makes.

Two ways to log in (docs/anmeldung.md):
- OpenID Connect (``st.login``) when ``.streamlit/secrets.toml`` has an ``[auth]`` section: the town hall's
  provider authenticates, and the role comes from a claim (``[integrationsmonitor] role_claim``) through a
  mapping (``[integrationsmonitor.role_mapping]``, group name -> role); the Gemeinden it may see through
  ``[integrationsmonitor.gemeinde_mapping]`` (group name -> keys or ``*``; without it every Gemeinde).
- Otherwise local accounts in the database (monitor.auth), with a login form, lock-out and an idle timeout.

Without a login the viewer has the role ``oeffentlich``. The account is read again on every run, so a role
removed while somebody is logged in takes effect at their next click. This module is the only one that
reads ``st.session_state`` for login data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from monitor import audit, auth, db, roles, scope as scopes
from monitor.texts import ui

STATE = "login"  # {"name", "role", "last_seen"} of a local login
FLASH = "login_flash"  # a message to show once (after a timeout, a removed role, a logout)
OIDC_SEEN = "oidc_seen"  # the OIDC subject whose login was already recorded in the audit log
STARTED = "app_started"  # this session has run dashboard.py
WANTED = "wanted_page"  # the page an address asked for before dashboard.py had run


@dataclass(frozen=True)
class Viewer:
    name: str | None
    role: str | None  # None: logged in through the provider, but without any role of ours
    source: str  # "public", "local" or "oidc"
    scope: scopes.Scope  # the Gemeinden the viewer may see (the public: every published one)

    @property
    def logged_in(self) -> bool:
        return self.source != "public"

    @property
    def label(self) -> str:
        return ui.ROLE_LABELS.get(self.role, ui.NO_ROLE) if self.role else ui.NO_ROLE


PUBLIC_VIEWER = Viewer(None, roles.PUBLIC, "public", scopes.ALL)


def _secrets_section(name: str) -> dict:
    try:
        return dict(st.secrets[name]) if name in st.secrets else {}
    except (FileNotFoundError, StreamlitSecretNotFoundError):
        return {}


def oidc_configured() -> bool:
    return bool(_secrets_section("auth"))


def _flash(message: str) -> None:
    st.session_state[FLASH] = message


def show_flash() -> None:
    message = st.session_state.pop(FLASH, None)
    if message:
        st.warning(message, icon=":material/lock:")


# --- the viewer of this run -----------------------------------------------------------------------------------


def current() -> Viewer:
    return _oidc_viewer() if oidc_configured() else _local_viewer()


def _local_viewer() -> Viewer:
    state = st.session_state.get(STATE)
    if not state:
        return PUBLIC_VIEWER
    engine = db.get_engine()
    now = datetime.now(UTC)
    name = state["name"]
    if now - state["last_seen"] > auth.session_timeout():
        audit.record(engine, audit.SESSION_EXPIRED, name, state["role"])
        del st.session_state[STATE]
        _flash(ui.SESSION_EXPIRED)
        return PUBLIC_VIEWER
    account = auth.account(engine, name)
    if account is None or not account.active or account.role not in roles.LOGIN_ROLES:
        audit.record(engine, audit.ACCESS_DENIED, name, state["role"], outcome=audit.REFUSED, detail="account_removed")
        del st.session_state[STATE]
        _flash(ui.ACCOUNT_REMOVED)
        return PUBLIC_VIEWER
    st.session_state[STATE] = {"name": name, "role": account.role, "last_seen": now}
    return Viewer(name, account.role, "local", account.scope)


def _oidc_viewer() -> Viewer:
    if not st.user.is_logged_in:
        return PUBLIC_VIEWER
    claims = st.user.to_dict()
    settings = _secrets_section("integrationsmonitor")
    claim = str(settings.get("role_claim", "groups"))
    mapping = {str(k): str(v) for k, v in dict(settings.get("role_mapping", {})).items()}
    role = auth.role_from_claims(claims, claim, mapping)
    gemeinde_mapping = settings.get("gemeinde_mapping")
    scope = auth.scope_from_claims(claims, str(settings.get("gemeinde_claim", claim)),
                                   None if gemeinde_mapping is None else
                                   {str(k): str(v) for k, v in dict(gemeinde_mapping).items()}, role)
    name = str(claims.get("email") or claims.get("preferred_username") or claims.get("sub") or "?")
    seen = f"{claims.get('sub')}|{role}"
    if st.session_state.get(OIDC_SEEN) != seen:  # the first run of this login (or of a changed role)
        st.session_state[OIDC_SEEN] = seen
        if role is None:
            audit.record(db.get_engine(), audit.ACCESS_DENIED, name, None, outcome=audit.REFUSED,
                         detail="no_role_claim")
        else:
            audit.record(db.get_engine(), audit.LOGIN, name, role, detail="oidc")
    return Viewer(name, role, "oidc", scope)


# --- the meeting view -------------------------------------------------------------------------------------------

MEETING = "meeting_view"  # session key of the sidebar switch
MEETING_PARAM = "sitzung"  # ?sitzung=1 opens the meeting view directly (e.g. on the meeting room's screen)


def meeting_view() -> bool:
    """True while the meeting view is on: figures are suppressed as for the public, whatever the role."""
    return bool(st.session_state.get(MEETING)) or st.query_params.get(MEETING_PARAM) == "1"


def suppressed(viewer: Viewer) -> bool:
    """Whether this run may show only suppressed figures: the viewer's role, or the meeting view."""
    return viewer.role is None or roles.suppressed(viewer.role) or meeting_view()


# --- login and logout -----------------------------------------------------------------------------------------


def login_local(name: str, password: str) -> auth.AuthResult:
    result = auth.authenticate(db.get_engine(), name, password)
    if result.ok:
        st.session_state[STATE] = {"name": result.account.name, "role": result.account.role,
                                   "last_seen": datetime.now(UTC)}
    return result


def logout(viewer: Viewer) -> None:
    audit.record(db.get_engine(), audit.LOGOUT, viewer.name or "?", viewer.role)
    st.session_state.pop(STATE, None)
    st.session_state.pop(OIDC_SEEN, None)
    _flash(ui.LOGGED_OUT)
    if viewer.source == "oidc":
        st.logout()


# --- the check at the top of every page -------------------------------------------------------------------------


def _started_through_the_app(page: str) -> None:
    """A page address opened as the very first request after the server started (a bookmark after a restart)
    makes Streamlit run the page file on its own, in its old mode for a `pages/` folder, without dashboard.py:
    no start-up (migrations, demo data), no menu of ours. Until dashboard.py has called st.navigation once, go
    there instead, and it opens the page that was asked for (``wanted_page``) with the address's query parameters;
    afterwards Streamlit routes every page address through it. (A session in which dashboard.py ran already is
    left alone: Streamlit's test runner keeps the old mode for later runs of such a session.)"""
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory and not st.session_state.get(STARTED):
        st.session_state[WANTED] = page
        st.switch_page("dashboard.py", query_params=st.query_params.to_dict())  # keeps e.g. ?sitzung=1


def wanted_page() -> str | None:
    """The page asked for by an address before the app had started (once), for dashboard.py to open."""
    return st.session_state.pop(WANTED, None)


def mark_started() -> None:
    """dashboard.py says that this session went through the app's start-up."""
    st.session_state[STARTED] = True


def require(page: str) -> Viewer:
    """The viewer, if their role may open `page`; otherwise a German refusal, an audit entry, and the run stops
    here (hiding a page in the menu is not protection: a page opened by its address checks again)."""
    _started_through_the_app(page)
    viewer = current()
    if viewer.role is not None and roles.may_open(viewer.role, page):
        return viewer
    audit.record(db.get_engine(), audit.ACCESS_DENIED, viewer.name or roles.PUBLIC, viewer.role, object=page,
                 outcome=audit.REFUSED)
    show_flash()
    st.error(ui.NO_ROLE_REFUSAL if viewer.role is None else ui.PAGE_REFUSED, icon=":material/block:")
    st.stop()
    raise AssertionError("unreachable")  # st.stop() ends the run


def open_page(page: str, title: str) -> Viewer:
    """The head of a page of figures: the role check (``require``), the title, a message left for this viewer,
    and in the meeting view the note that figures are suppressed. The viewer."""
    viewer = require(page)
    st.title(title)
    show_flash()
    if meeting_view():
        st.caption(ui.MEETING_VIEW_ON)
    return viewer
