"""Sitzungsmodus: the presentation for a council meeting, and for staff the planner of its slides. A thin view:
which of the two, then ui.meetings.

The presentation shows the published set only, whatever the viewer's role (docs/sitzungsmodus.md); the public
(the meeting room's screen, no login) and the council get it at once, staff and the administration after the
planner's "Präsentation starten" (the address then carries ?folie=…).
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from monitor import roles
from monitor.texts import ui
from ui import cache, meetings, session, slides


def render() -> None:
    viewer = session.require("sitzung")
    database, version = cache.database()
    today = date.today()
    gemeinden = cache.offered(viewer.scope, database, version, today)
    if not gemeinden:
        st.info(ui.NO_DATA, icon=":material/info:")
        return
    planner = roles.may_plan_meetings(viewer.role)
    if planner and slides.SLIDE_PARAM not in st.query_params:
        meetings.plan(viewer, gemeinden, database, version, today)
    else:
        meetings.present(viewer, gemeinden, database, version, today, can_end=planner)


render()
