"""Daten hochladen (verwaltung, admin): validate the dropped exports, show preview and problem report, let the
user map unfamiliar columns and values and decide on files that overlap stored rows, import on confirmation
through the same pipeline as `python -m monitor import`, and list the import history."""

from __future__ import annotations

import hashlib

import streamlit as st

from etl import mappings
from etl.identifying import file_name_for_record
from etl.locks import LockTimeout
from etl.pipeline import IMPORTED, UNCHANGED, FileResult, import_files, overlap_message
from etl.transform import suggest_columns
from etl.undo import UndoError, undo_batch
from monitor import audit, contract, db, fmt, queries, roles
from monitor.texts import errors as import_texts, ui
from ui import session, tables, uploads

SEEN = "uploads_seen"  # hashes of the files this session has already logged as uploaded
UNDONE = "undo_message"  # the confirmation of an undo, shown after the rerun
DONE = "import_message"  # the confirmation of an import or a saved mapping, made before the rerun
NOT_DONE = "import_failed"  # an import that wrote nothing after all (the stored data changed since the preview)
RESET = "decisions_reset"  # files whose decision was dropped, since the preview it was made on is outdated
SURE = "undo_sure"  # the undo's confirmation box, unticked again after every undo
FORGOTTEN = "mapping_message"  # the confirmation of a deleted mapping, shown after the rerun
DECISION = "overlap_{sha}"  # the radio of the user's decision on an overlapping file
DECIDED = "overlap_decisions"  # sha256 -> (decision, the file's fingerprint in the preview it was made on), kept
# also through runs that do not show the radio
PREVIEW = "upload_preview"  # (what it was made of, the dry run's report) of the files in the uploader
OPEN = "mapping_open"  # (dialog, file hash) of the mapping dialog that is open
NOT_TAKEN = ""  # the column mapping's choice "not taken over"


def _log_uploads(viewer: session.Viewer, files: list[tuple[str, bytes]], hashes: list[str]) -> None:
    seen = st.session_state.setdefault(SEEN, set())
    engine = db.get_engine()
    for (name, _), sha in zip(files, hashes):
        if sha not in seen:
            audit.record(engine, audit.UPLOAD, viewer.name or "?", viewer.role, object=file_name_for_record(name),
                         file_sha256=sha)
            seen.add(sha)


def _decisions(hashes: list[str]) -> dict[str, str]:
    """sha256 -> "replace", "merge" or "skip", as the user chose for files that overlap stored rows. Kept apart
    from the radios: Streamlit forgets a widget's value in a run that does not show it (e.g. while another
    file of the upload is rejected)."""
    decided = st.session_state.get(DECIDED, {})
    return {sha: decided[sha][0] for sha in hashes if sha in decided}


def _preview(engine, viewer: session.Viewer, files: list[tuple[str, bytes]], hashes: list[str],
             decisions: dict[str, str]):
    """The dry run of the dropped files, made again only when the files, the decisions, the stored data or the
    remembered mappings changed: a click elsewhere on the page does not validate a large file once more."""
    key = (tuple(hashes), tuple(sorted(decisions.items())), queries.upload_version(engine), viewer.scope)
    cached = st.session_state.get(PREVIEW)
    if cached is not None and cached[0] == key:
        return cached[1]
    replace, merge = uploads.chosen(decisions)
    report = import_files(engine, files, user=viewer.name or "?", dry_run=True, replace=replace, merge=merge,
                          hashes=hashes, scope=viewer.scope)
    st.session_state[PREVIEW] = (key, report)
    return report


def _bound_preview(engine, viewer: session.Viewer, files: list[tuple[str, bytes]], hashes: list[str]):
    """(the preview, the decisions it was made with). A decision holds only for the plan it was made on: if the
    file's plan changed since (another workplace imported or undid rows of it), the decision is dropped, staff are
    told, and the preview is made again without it."""
    decisions = _decisions(hashes)
    report = _preview(engine, viewer, files, hashes, decisions)
    outdated = uploads.outdated(report, st.session_state.get(DECIDED, {}))
    if outdated:
        for sha in outdated:
            del st.session_state[DECIDED][sha]
            st.session_state.pop(DECISION.format(sha=sha), None)  # the radio starts unset again
        st.session_state[RESET] = [f.file for f in report.files if f.sha256 in outdated]
        decisions = _decisions(hashes)
        report = _preview(engine, viewer, files, hashes, decisions)
    return report, decisions


def _decide(sha: str) -> None:
    """The radio's callback: the decision, bound to the file's plan in the preview it was shown with."""
    cached = st.session_state.get(PREVIEW)
    shown = next((f for f in cached[1].files if f.sha256 == sha), None) if cached else None
    fingerprint = shown.fingerprint if shown is not None else ""
    st.session_state.setdefault(DECIDED, {})[sha] = (st.session_state[DECISION.format(sha=sha)], fingerprint)


def _import(files: list[tuple[str, bytes]], replace: set[str], merge: set[str], expected: dict[str, str]) -> None:
    """The confirm button's callback: it runs before the page, so the page's validation run afterwards finds
    the files imported by their hashes and does not read them a second time. It checks the role itself, since
    it runs before the page's own check. ``expected``: each file's fingerprint in the preview staff confirmed; if
    the import plans a file otherwise (the stored data changed since), it writes nothing, and the page says so and
    shows the preview anew."""
    viewer = session.current()
    if viewer.role is None or not roles.may_open(viewer.role, "hochladen"):
        return  # the page refuses in this run
    try:
        done = import_files(db.get_engine(), files, user=viewer.name or "?", replace=replace, merge=merge,
                            expected=expected, scope=viewer.scope)
    except LockTimeout as err:  # another workplace imports the same data right now
        st.session_state[NOT_DONE] = str(err)
        return
    if not done.ok:  # e.g. another workplace imported rows of the same period since the preview
        st.session_state[NOT_DONE] = import_texts.CHANGED_SINCE_PREVIEW
        st.session_state.pop(PREVIEW, None)  # the preview again, on the data as they are now
        return
    imported = [f for f in done.files if f.status == IMPORTED]
    st.session_state[DONE] = ui.UPLOAD_DONE.format(files=len(imported), new=sum(f.inserted for f in imported),
                                                   changed=sum(f.updated for f in imported),
                                                   removed=sum(f.removed for f in imported))


def _open(dialog: str, sha: str) -> None:
    st.session_state[OPEN] = (dialog, sha)


def _close() -> None:
    st.session_state.pop(OPEN, None)


@st.dialog(ui.MAP_COLUMNS_TITLE, width="large", on_dismiss=_close)
def _map_columns(result: FileResult) -> None:
    viewer = session.require("hochladen")  # a dialog reruns alone: a role removed meanwhile must not save
    st.text(ui.MAP_COLUMNS_HELP)
    kinds = [k.name for k in contract.KINDS]
    start = result.kind or result.closest
    kind_name = st.selectbox(ui.MAP_KIND, kinds, index=kinds.index(start) if start in kinds else 0,
                             format_func=lambda name: contract.kind(name).label, key="map_kind")
    kind = contract.kind(kind_name)
    proposal = suggest_columns(kind, result.header, mappings.load(db.get_engine()).for_header(result.header))
    options = [NOT_TAKEN] + [f.name for f in kind.fields]
    labels = {NOT_TAKEN: ui.MAP_NOT_TAKEN} | {f.name: f.header + (ui.MAP_REQUIRED if f.required else "")
                                               for f in kind.fields}
    chosen: dict[str, str | None] = {}
    forbidden = []
    for header, normalised in uploads.mappable_columns(result.header):
        if uploads.identifying_header(kind, header):
            forbidden.append(header)
            continue
        target = st.selectbox(fmt.plain(header), options, index=options.index(proposal.get(normalised) or NOT_TAKEN),
                              format_func=labels.get, key=f"map_{kind_name}_{normalised}")
        chosen[normalised] = target or None
    if forbidden:
        st.warning(ui.MAP_FORBIDDEN.format(columns=", ".join(f"„{fmt.plain(h)}“" for h in forbidden)),
                   icon=":material/warning:")
    if st.button(ui.MAP_SAVE, type="primary", icon=":material/save:"):
        try:
            mappings.save_columns(db.get_engine(), result.header, kind_name, chosen, viewer.name or "?", viewer.role)
        except mappings.MappingError as err:
            st.error(fmt.plain(str(err)), icon=":material/error:")
            return
        st.session_state[DONE] = ui.MAP_SAVED
        _close()
        st.rerun()


@st.dialog(ui.MAP_VALUES_TITLE, width="large", on_dismiss=_close)
def _map_values(result: FileResult) -> None:
    viewer = session.require("hochladen")  # a dialog reruns alone: a role removed meanwhile must not save
    st.text(ui.MAP_VALUES_HELP)
    kind = contract.kind(result.kind)
    chosen: dict[str, dict[str, str]] = {}
    shown, left_out = uploads.value_choices(result)
    if left_out:
        st.warning(ui.MAP_VALUES_MORE.format(count=fmt.number(left_out)), icon=":material/warning:")
    for field_name, values in shown.items():
        f = kind.field(field_name)
        for value in values:
            code = st.selectbox(ui.MAP_VALUE_LABEL.format(value=fmt.plain(value), column=f.header),
                                uploads.value_options(kind.name, field_name),
                                index=None, placeholder=ui.MAP_VALUE_PLACEHOLDER,
                                key=f"value_{kind.name}_{field_name}_{value}")
            if code is not None:
                chosen.setdefault(field_name, {})[value] = code
    if st.button(ui.MAP_SAVE, type="primary", icon=":material/save:", disabled=not chosen):
        try:
            count = mappings.save_all_values(db.get_engine(), kind.name, chosen, viewer.name or "?", viewer.role)
        except mappings.MappingError as err:
            st.error(fmt.plain(str(err)), icon=":material/error:")
            return
        st.session_state[DONE] = ui.MAP_VALUES_SAVED.format(count=count)
        _close()
        st.rerun()


def _mapping_buttons(report) -> None:
    """A button per file whose columns or values need mapping; the open dialog stays open across reruns."""
    for result in report.files:
        if uploads.needs_columns(result):
            st.button(ui.MAP_COLUMNS_BUTTON.format(file=fmt.plain(result.file)), icon=":material/table_edit:",
                      key=f"map_columns_{result.sha256}", on_click=_open, args=("columns", result.sha256))
        if uploads.needs_values(result):
            st.button(ui.MAP_VALUES_BUTTON.format(file=fmt.plain(result.file)), icon=":material/rule:",
                      key=f"map_values_{result.sha256}", on_click=_open, args=("values", result.sha256))
    dialog, sha = st.session_state.get(OPEN, (None, None))
    result = next((r for r in report.files if r.sha256 == sha), None)
    if result is not None and dialog == "columns" and uploads.needs_columns(result):
        _map_columns(result)
    elif result is not None and dialog == "values" and uploads.needs_values(result):
        _map_values(result)


def _overlaps(report, decisions: dict[str, str]) -> None:
    files = [r for r in report.files if uploads.overlapping(r)]
    if not files:
        return
    st.subheader(ui.OVERLAP_TITLE)
    for result in files:
        st.text(ui.OVERLAP_FILE.format(file=result.file, message=overlap_message(result)))
        chosen = decisions.get(result.sha256)
        st.radio(ui.OVERLAP_QUESTION.format(file=fmt.plain(result.file)), uploads.DECISIONS,
                 index=uploads.DECISIONS.index(chosen) if chosen else None, format_func=ui.OVERLAP_CHOICES.get,
                 key=DECISION.format(sha=result.sha256), on_change=_decide, args=(result.sha256,))


def render() -> None:
    viewer = session.require("hochladen")
    st.title(ui.UPLOAD_TITLE)
    st.text(ui.UPLOAD_INTRO)
    uploaded = st.file_uploader(ui.UPLOAD_FILES, type=["csv", "txt", "xlsx"], accept_multiple_files=True, key="files")
    engine = db.get_engine()
    report, decisions = None, {}
    if uploaded:
        files = [(f.name, f.getvalue()) for f in uploaded]
        hashes = [hashlib.sha256(data).hexdigest() for _, data in files]
        _log_uploads(viewer, files, hashes)
        if DONE in st.session_state:
            st.success(st.session_state.pop(DONE), icon=":material/check:")
        if NOT_DONE in st.session_state:
            st.warning(st.session_state.pop(NOT_DONE), icon=":material/warning:")
        try:
            report, decisions = _bound_preview(engine, viewer, files, hashes)
        except LockTimeout as err:  # a preview of two files of one kind writes the first (rolled back): it waits too
            st.warning(str(err), icon=":material/warning:")
        if RESET in st.session_state:
            names = ", ".join(f"„{fmt.plain(name)}“" for name in st.session_state.pop(RESET))
            st.warning(ui.OVERLAP_DECISION_RESET.format(files=names), icon=":material/warning:")
    if report is not None:
        st.subheader(ui.UPLOAD_PREVIEW)
        tables.show(uploads.preview(report, decisions), name=ui.UPLOAD_PREVIEW, exact=True, download=False)
        _mapping_buttons(report)
        problems = uploads.problems(report)
        if not problems.empty:
            errors, warnings = sum(f.error_count for f in report.files), sum(f.warning_count for f in report.files)
            st.subheader(ui.UPLOAD_PROBLEMS.format(errors=fmt.number(errors), warnings=fmt.number(warnings)))
            if errors:
                st.error(ui.UPLOAD_REJECTED, icon=":material/error:")
            st.text(ui.UPLOAD_GROUPS_HELP)
            tables.show(uploads.problem_groups(report), name=ui.UPLOAD_GROUPS_NAME, exact=True, download=False)
            st.text(ui.UPLOAD_PROBLEMS_HELP)
            st.download_button(ui.UPLOAD_PROBLEMS_DOWNLOAD, uploads.problems_csv(problems),
                               file_name="pruefbericht.csv", mime="text/csv", icon=":material/download:")
            tables.show(uploads.problems_shown(problems), name=ui.UPLOAD_PROBLEMS_NAME, exact=True, download=False)
        if not report.rejected:
            _overlaps(report, decisions)
            chosen = uploads.to_import(report, decisions)
            if chosen is not None:
                wanted = [file for file, sha in zip(files, hashes) if sha in chosen]
                st.button(ui.UPLOAD_CONFIRM, type="primary", icon=":material/upload:", on_click=_import,
                          args=(wanted, *uploads.chosen(decisions), uploads.fingerprints(report, chosen)))
            elif all(f.status == UNCHANGED for f in report.files):
                st.info(ui.UPLOAD_NOTHING_NEW, icon=":material/info:")
    st.subheader(ui.UPLOAD_HISTORY)
    if UNDONE in st.session_state:
        st.success(st.session_state.pop(UNDONE), icon=":material/check:")
    batches = queries.import_history(engine, viewer.scope)
    if batches.empty:
        st.info(ui.UPLOAD_HISTORY_EMPTY, icon=":material/info:")
    else:
        tables.show(uploads.history(batches), name=ui.UPLOAD_HISTORY, exact=True, download=False, column_config={
            ui.UPLOAD_COL_WHEN: st.column_config.DatetimeColumn(format="DD.MM.YYYY HH:mm")})
        if roles.may_undo_imports(viewer.role):
            _undo(viewer, batches)
    if roles.may_undo_imports(viewer.role):
        _stored_mappings(viewer)


def _undo(viewer: session.Viewer, batches) -> None:
    st.subheader(ui.UNDO_TITLE)
    st.caption(ui.UNDO_HELP)
    records = batches.to_dict("records")
    with st.form("undo"):
        # Keyed by the newest batch: after another import the box starts again at the newest one, instead of
        # keeping a choice made before that import.
        chosen = st.selectbox(ui.UNDO_CHOOSE, records, format_func=uploads.batch_label,
                              key=f"undo_batch_{records[0]['id']}")
        sure = st.checkbox(ui.UNDO_SURE, key=SURE)
        clicked = st.form_submit_button(ui.UNDO_BUTTON, icon=":material/undo:")
    if clicked and sure and roles.may_undo_imports(viewer.role):
        try:
            result = undo_batch(db.get_engine(), int(chosen["id"]), actor=viewer.name or "?", role=viewer.role)
        except UndoError as err:
            st.error(str(err), icon=":material/error:")
            return
        st.session_state[UNDONE] = ui.UNDO_DONE.format(no=result.batch_id, file=fmt.plain(result.file_name),
                                                       removed=result.removed, restored=result.restored)
        del st.session_state[SURE]  # one confirmation undoes one batch, not the next one too
        st.rerun()  # so that the history above no longer lists the batch


def _stored_mappings(viewer: session.Viewer) -> None:
    st.subheader(ui.MAPPINGS_TITLE)
    st.caption(ui.MAPPINGS_HELP)
    if FORGOTTEN in st.session_state:
        st.success(st.session_state.pop(FORGOTTEN), icon=":material/check:")
    stored = mappings.listing(db.get_engine())
    if stored.empty:
        st.info(ui.MAPPINGS_EMPTY, icon=":material/info:")
        return
    tables.show(uploads.mapping_table(stored), name=ui.MAPPINGS_TITLE, exact=True, download=False)
    with st.form("forget_mapping"):
        chosen = st.selectbox(ui.MAPPINGS_CHOOSE, stored.to_dict("records"), format_func=uploads.mapping_label)
        clicked = st.form_submit_button(ui.MAPPINGS_FORGET, icon=":material/delete:")
    if clicked and roles.may_undo_imports(viewer.role):
        mappings.forget(db.get_engine(), chosen["table"], int(chosen["id"]), viewer.name or "?", viewer.role)
        st.session_state[FORGOTTEN] = ui.MAPPINGS_FORGOTTEN
        st.rerun()


render()
