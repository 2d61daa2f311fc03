"""Daten hochladen (verwaltung, admin): validate the dropped exports, show preview and problem report, import
on confirmation through the same pipeline as `python -m monitor import`, and list the import history."""

from __future__ import annotations

import hashlib

import streamlit as st

from etl.pipeline import IMPORTED, UNCHANGED, import_files
from etl.undo import UndoError, undo_batch
from monitor import audit, db, fmt, queries, roles, session, uploads
from monitor.texts import ui

SEEN = "uploads_seen"  # hashes of the files this session has already logged as uploaded
UNDONE = "undo_message"  # the confirmation of an undo, shown after the rerun
DONE = "import_message"  # the confirmation of an import, made by the button's callback


def _log_uploads(viewer: session.Viewer, files: list[tuple[str, bytes]]) -> None:
    seen = st.session_state.setdefault(SEEN, set())
    engine = db.get_engine()
    for name, data in files:
        sha = hashlib.sha256(data).hexdigest()
        if sha not in seen:
            audit.record(engine, audit.UPLOAD, viewer.name or "?", viewer.role, object=name, file_sha256=sha)
            seen.add(sha)


def _import(files: list[tuple[str, bytes]]) -> None:
    """The confirm button's callback: it runs before the page, so the page's validation run afterwards finds
    the files imported by their hashes and does not read them a second time. It checks the role itself, since
    it runs before the page's own check."""
    viewer = session.current()
    if viewer.role is None or not roles.may_open(viewer.role, "hochladen"):
        return  # the page refuses in this run
    done = import_files(db.get_engine(), files, user=viewer.name or "?")
    imported = [f for f in done.files if f.status == IMPORTED]
    st.session_state[DONE] = ui.UPLOAD_DONE.format(files=len(imported), new=sum(f.inserted for f in imported),
                                                   changed=sum(f.updated for f in imported))


def render() -> None:
    viewer = session.require("hochladen")
    st.title(ui.UPLOAD_TITLE)
    st.text(ui.UPLOAD_INTRO)
    uploaded = st.file_uploader(ui.UPLOAD_FILES, type=["csv", "txt", "xlsx"], accept_multiple_files=True, key="files")
    engine = db.get_engine()
    if uploaded:
        files = [(f.name, f.getvalue()) for f in uploaded]
        _log_uploads(viewer, files)
        if DONE in st.session_state:
            st.success(st.session_state.pop(DONE), icon=":material/check:")
        report = import_files(engine, files, user=viewer.name or "?", dry_run=True)
        st.subheader(ui.UPLOAD_PREVIEW)
        st.dataframe(uploads.preview(report), hide_index=True, width="stretch")
        problems = uploads.problems(report)
        if not problems.empty:
            st.subheader(ui.UPLOAD_PROBLEMS.format(count=len(problems)))
            st.error(ui.UPLOAD_REJECTED, icon=":material/error:")
            st.text(ui.UPLOAD_PROBLEMS_HELP)
            st.download_button(ui.UPLOAD_PROBLEMS_DOWNLOAD, uploads.problems_csv(problems), file_name="pruefbericht.csv",
                               mime="text/csv", icon=":material/download:")
            st.dataframe(uploads.problems_shown(problems), hide_index=True, width="stretch")
        elif all(f.status == UNCHANGED for f in report.files):
            st.info(ui.UPLOAD_NOTHING_NEW, icon=":material/info:")
        else:
            st.button(ui.UPLOAD_CONFIRM, type="primary", icon=":material/upload:", on_click=_import, args=(files,))
    st.subheader(ui.UPLOAD_HISTORY)
    if UNDONE in st.session_state:
        st.success(st.session_state.pop(UNDONE), icon=":material/check:")
    batches = queries.import_history(engine)
    if batches.empty:
        st.info(ui.UPLOAD_HISTORY_EMPTY, icon=":material/info:")
        return
    st.dataframe(uploads.history(batches), hide_index=True, width="stretch", column_config={
        ui.UPLOAD_COL_WHEN: st.column_config.DatetimeColumn(format="DD.MM.YYYY HH:mm")})
    if roles.may_undo_imports(viewer.role):
        _undo(viewer, batches)


def _undo(viewer: session.Viewer, batches) -> None:
    st.subheader(ui.UNDO_TITLE)
    st.caption(ui.UNDO_HELP)
    records = batches.to_dict("records")
    with st.form("undo"):
        chosen = st.selectbox(ui.UNDO_CHOOSE, records, format_func=uploads.batch_label, key="undo_batch")
        sure = st.checkbox(ui.UNDO_SURE, key="undo_sure")
        clicked = st.form_submit_button(ui.UNDO_BUTTON, icon=":material/undo:")
    if clicked and sure and roles.may_undo_imports(viewer.role):
        try:
            result = undo_batch(db.get_engine(), int(chosen["id"]), actor=viewer.name or "?", role=viewer.role)
        except UndoError as err:
            st.error(str(err), icon=":material/error:")
            return
        st.session_state[UNDONE] = ui.UNDO_DONE.format(no=result.batch_id, file=fmt.plain(result.file_name),
                                                       removed=result.removed, restored=result.restored)
        st.rerun()  # so that the history above no longer lists the batch


render()
