"""The page Ziele in AppTest: the mayor sees the targets of a year with their status and the history of changes,
without an editor; the administration also edits them; a change counts at once (the overview: test_pages)."""

from __future__ import annotations

from monitor import db, roles, targets
from monitor.texts import ui
from tests.app.test_pages import PROJECT, WIETZE, run

PAGE = str(PROJECT / "pages" / "ziele.py")


def test_the_mayor_sees_every_target_of_the_year_with_its_status_and_edits_nothing(demo_db):
    at = run(PAGE, role=roles.MAYOR)
    assert not at.exception and at.title[0].value == ui.TARGETS_TITLE
    period = at.selectbox(key=f"targets-year-{WIETZE}").value
    status = at.dataframe[0].value
    assert list(status.columns) == [ui.TARGETS_COL_KPI, ui.TARGETS_COL_TARGET, ui.TARGETS_COL_VALUE,
                                    ui.TARGETS_COL_STATUS]
    stored = targets.from_database(db.get_engine())
    expected = stored[(stored["ags"] == WIETZE) & (stored["year"] == period.year)]
    assert len(status) == len(expected) > 0
    assert set(status[ui.TARGETS_COL_STATUS]) <= set(ui.STATUS.values())
    assert all(t.startswith(f"Ziel {period.year}") or t.startswith("Quartalsziel") or t == ui.NO_TARGET
               or "gilt für das ganze Jahr" in t for t in status[ui.TARGETS_COL_TARGET])
    assert ui.TARGETS_SAVE not in [b.label for b in at.button]


def test_the_admin_saves_and_the_history_shows_old_and_new_value(demo_db):
    engine = db.get_engine()
    kept = targets.from_database(engine)
    kept = kept[kept["ags"] == WIETZE][list(targets.EDIT_COLUMNS)].reset_index(drop=True)
    at = run(PAGE, role=roles.ADMIN)
    assert ui.TARGETS_SAVE in [b.label for b in at.button]
    next(b for b in at.button if b.label == ui.TARGETS_SAVE).click().run()  # nothing edited
    assert [s.value for s in at.success] == [ui.TARGETS_UNCHANGED]
    changed = kept.copy()
    k7 = changed.index[(changed["kpi"] == "K7")][0]
    old = changed.loc[k7, "value"]
    changed.loc[k7, "value"] = old + 1
    try:
        targets.save(engine, WIETZE, changed, actor="test-admin")
        at = run(PAGE, role=roles.MAYOR)
        history = at.dataframe[-1].value
        year = changed.loc[k7, "year"]
        assert history.iloc[0][ui.TARGETS_COL_KPI] == f"K7 {year}"
        assert history.iloc[0][ui.TARGETS_CHANGE] == f"höchstens {old:g} → höchstens {old + 1:g}"
    finally:
        targets.save(engine, WIETZE, kept, actor="test-admin")

