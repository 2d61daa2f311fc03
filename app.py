"""Start the dashboard: `streamlit run app.py` (scripts/start.sh does). It runs dashboard.py as Streamlit's
``st.App``, whose middleware serves every page as a German document (ui.german.GermanDocument: ``lang="de"``
and the app's title from the first byte, so that no browser offers to translate the page) and which shows a
page's unexpected error as a German notice (ui.german.script_error). dashboard.py on its own works too; the page
then becomes German a moment later, when its first run sets the language.
"""

import streamlit as st
from starlette.middleware import Middleware

from ui.german import GermanDocument, script_error

app = st.App("dashboard.py", middleware=[Middleware(GermanDocument)], on_script_error=script_error)
