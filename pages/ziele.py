"""Ziele: the targets of the integration concept per KPI and year. The mayor, the staff and the administration see
all targets of a year with their status (exact figures) and the history of the changes; the administration edits
them (st.data_editor), checked in German, each change audited with its old and new value, effective at once on
every page (monitor.targets)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from monitor import audit, db, overview, registry, roles, targets
from monitor.texts import kpis as kpi_texts, ui
from ui import cache, session, tables

DONE = "targets_done"  # the changes of the last save, shown once after the rerun
KPI_LABELS = {spec.id: f"{spec.id} · {kpi_texts.NAMES[spec.id]}" for spec in registry.REGISTRY}
SOURCE_LABELS = ui.TARGET_SOURCES
DIRECTION_LABELS = ui.DIRECTION


def _for_editor(rows: pd.DataFrame) -> pd.DataFrame:
    """The Gemeinde's targets with German labels for the editor's choices."""
    col = ui.TARGET_COLUMNS
    return pd.DataFrame({
        col["kpi"]: rows["kpi"].map(KPI_LABELS).astype(object),
        col["year"]: rows["year"].astype("Int64"),
        col["direction"]: rows["direction"].map(DIRECTION_LABELS).astype(object),
        col["value"]: rows["value"].astype(float),
        col["source"]: rows["source"].map(lambda s: SOURCE_LABELS.get(s) if isinstance(s, str) else None),
        col["decided_on"]: pd.to_datetime(rows["decided_on"]),
        col["reference"]: rows["reference"].astype(object),
    })


def _from_editor(edited: pd.DataFrame) -> pd.DataFrame:
    """The edited table with the codes back in place of the labels (an unknown label stays: the check names it)."""
    col = ui.TARGET_COLUMNS

    def code(mapping: dict[str, str]):
        back = {label: key for key, label in mapping.items()}
        return lambda label: back.get(label, label) if isinstance(label, str) else None

    return pd.DataFrame({
        "kpi": edited[col["kpi"]].map(code(KPI_LABELS)),
        "year": edited[col["year"]],
        "direction": edited[col["direction"]].map(code(DIRECTION_LABELS)),
        "value": edited[col["value"]],
        "source": edited[col["source"]].map(code(SOURCE_LABELS)),
        "decided_on": edited[col["decided_on"]],
        "reference": edited[col["reference"]],
    })


def _editor(ags: str, all_targets: pd.DataFrame, actor: str) -> None:
    st.subheader(ui.TARGETS_EDITOR.format(gemeinde=overview.gemeinde_name(ags)))
    mine = all_targets[all_targets["ags"] == ags]
    col = ui.TARGET_COLUMNS
    edited = st.data_editor(
        _for_editor(mine), num_rows="dynamic", hide_index=True, width="stretch", key=f"targets-{ags}", placeholder="",
        column_config={
            col["kpi"]: st.column_config.SelectboxColumn(options=list(KPI_LABELS.values()), required=True,
                                                         width="large"),
            col["year"]: st.column_config.NumberColumn(min_value=2000, max_value=2100, step=1, format="%d",
                                                       required=True),
            col["direction"]: st.column_config.SelectboxColumn(options=list(DIRECTION_LABELS.values()),
                                                               required=True),
            col["value"]: st.column_config.NumberColumn(min_value=0, format="localized", required=True),
            col["source"]: st.column_config.SelectboxColumn(options=list(SOURCE_LABELS.values())),
            col["decided_on"]: st.column_config.DateColumn(format="DD.MM.YYYY"),
            col["reference"]: st.column_config.TextColumn(max_chars=40, validate=targets.REFERENCE.pattern,
                                                          help=ui.TARGET_REFERENCE_HELP),
        })
    if st.button(ui.TARGETS_SAVE, icon=":material/save:", type="primary"):
        try:
            changes = targets.save(db.get_engine(), ags, _from_editor(edited), actor)
        except targets.TargetsError as err:
            st.error(ui.TARGETS_NOT_SAVED, icon=":material/error:")
            st.text(str(err))  # row, column and what is wrong; as text: no Markdown acts on it
            return
        st.session_state[DONE] = changes
        st.rerun()
    st.download_button(ui.TARGETS_EXPORT_BUTTON, targets.export_csv(all_targets), file_name="ziele.csv",
                       mime="text/csv", icon=":material/download:", key="targets-export")


def render() -> None:
    viewer = session.require("ziele")
    st.title(ui.TARGETS_TITLE)
    st.text(ui.TARGETS_INTRO)
    if DONE in st.session_state:
        changes = st.session_state.pop(DONE)
        st.success(ui.TARGETS_SAVED if changes else ui.TARGETS_UNCHANGED, icon=":material/check:")
        for change in changes:
            st.text(change)
    database, version = cache.database()
    keys = cache.gemeinden(viewer.scope, database, version)
    if not keys:
        st.info(ui.NO_DATA, icon=":material/info:")
        return
    ags = st.selectbox(ui.GEMEINDE, keys, format_func=overview.gemeinde_name, key="ags") if len(keys) > 1 \
        else keys[0]
    years = cache.periods(viewer.scope, database, ags, version, False, date.today())
    all_targets = cache.targets(cache.targets_stamp())
    if years:
        period = st.selectbox(ui.PERIOD, years, format_func=lambda p: p.label, key=f"targets-year-{ags}")
        st.subheader(ui.TARGETS_STATUS.format(gemeinde=overview.gemeinde_name(ags), period=period.label))
        status = overview.target_table(cache.source(viewer.scope, database, ags, version), period, all_targets, ags)
        if status.empty:
            st.info(ui.TARGETS_STATUS_NONE.format(year=period.year), icon=":material/info:")
        else:
            tables.show(status, name=ui.TARGETS_STATUS.format(gemeinde=overview.gemeinde_name(ags),
                                                              period=period.label), exact=True)
    st.subheader(ui.TARGETS_HISTORY)
    history = audit.entries(db.get_engine(), audit.Filter(actions=(audit.TARGET_CHANGED,)))
    history = history[history["object"].fillna("").str.startswith(ags + " ")]
    if history.empty:
        st.info(ui.TARGETS_HISTORY_NONE, icon=":material/info:")
    else:
        shown = pd.DataFrame({ui.AUDIT_COLUMNS["at"]: history["at"], ui.AUDIT_COLUMNS["actor"]: history["actor"],
                              ui.TARGETS_COL_KPI: history["object"].str.removeprefix(ags + " "),
                              ui.TARGETS_CHANGE: history["detail"]})
        tables.show(shown, name=ui.TARGETS_HISTORY, exact=True, download=False, column_config={
            ui.AUDIT_COLUMNS["at"]: st.column_config.DatetimeColumn(format="DD.MM.YYYY HH:mm")})
    if viewer.role == roles.ADMIN:
        _editor(ags, all_targets, viewer.name or "?")


render()
