"""The report as PDF on the overview page (monitor.report, docs/bericht.md): built on the server when asked for,
then offered for download.

A viewer gets the report of what the page shows: the suppressed views (public, council, meeting view) the public
report from the same published set the page reads (``Selection.pset``), the exact views the internal one ("Nur für
den Dienstgebrauch"). Building takes seconds (the charts are drawn by a browser), so it happens only after a click
on "Bericht erstellen"; the PDF is kept per data version, Gemeinde, period and targets, so that a second viewer or
a rerun gets it at once.
"""

from __future__ import annotations

from datetime import date, timedelta

import streamlit as st

from monitor import published, report
from monitor.periods import Period
from monitor.texts import report as texts
from ui import cache, filters

MIME = "application/pdf"
REQUESTED = "report_requested"  # session key: the selection whose report the viewer asked for


@st.cache_data(max_entries=8, show_spinner=False)
def public_pdf(_pset: published.PublishedSet, database: str, version: int, updating: bool, ags: str, period: Period,
               quarterly: bool, targets_stamp: int, today: date) -> tuple[bytes, str]:
    """The public report of the published set the page shows (its data version, and whether it is the set of an
    earlier version while the new one is built, are the key): (PDF, file name)."""
    built = report.published_report(_pset, ags, period, quarterly, cache.targets(targets_stamp), today)
    return report.to_pdf(built), built.file_name


@st.cache_data(max_entries=8, show_spinner=False)
def exact_pdf(_source, database: str, version: int, ags: str, period: Period, quarterly: bool, targets_stamp: int,
              closed_until: date, today: date) -> tuple[bytes, str]:
    """The internal report with exact figures of the Gemeinde's source (of this data version), its trends up to
    the last closed quarter as on the pages: (PDF, file name)."""
    built = report.exact_report(_source, ags, period, quarterly,
                                cache.targets(targets_stamp), closed_until + timedelta(days=1))
    return report.to_pdf(built), built.file_name


def pdf(selection: filters.Selection) -> tuple[bytes, str]:
    """The report of the selection for its viewer: public from ``selection.pset``, else internal."""
    stamp = cache.targets_stamp()
    if selection.pset is not None:
        return public_pdf(selection.pset, selection.database, selection.version, selection.updating, selection.ags,
                          selection.period, selection.quarterly, stamp, selection.today)
    source = cache.source(selection.scope, selection.database, selection.ags, selection.version)
    return exact_pdf(source, selection.database, selection.version, selection.ags, selection.period,
                     selection.quarterly, stamp, selection.closed_until, selection.today)


def _wanted(selection: filters.Selection) -> tuple:
    return selection.database, selection.version, selection.ags, selection.period.key, selection.exact


def offer(selection: filters.Selection) -> None:
    """The button "Bericht erstellen"; once clicked (for this Gemeinde and period), the PDF to download."""
    wanted = _wanted(selection)
    if st.button(texts.BUILD_BUTTON, help=texts.BUILD_HELP, icon=":material/picture_as_pdf:", key="report-build"):
        st.session_state[REQUESTED] = wanted
    if st.session_state.get(REQUESTED) != wanted:
        return
    with st.spinner(texts.BUILDING):
        try:
            data, file_name = pdf(selection)
        except Exception as err:  # the renderer's libraries or browser missing on this server (docs/bericht.md)
            st.error(texts.FAILED.format(error=err), icon=":material/error:")
            return
    st.download_button(texts.DOWNLOAD_BUTTON, data=data, file_name=file_name, mime=MIME, on_click="ignore",
                       icon=":material/download:", type="primary", key="report-download")
    st.caption(texts.PUBLIC_NOTE if selection.pset is not None else texts.INTERNAL_NOTE)
