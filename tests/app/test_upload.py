"""The upload page with AppTest: a messy Windows-1252 export with an error is reported by line and column and
nothing is imported; the fixed file is previewed, imported on confirmation, listed in the history, and the
same file again changes nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from monitor import audit, bootstrap, db, fmt, roles, settings
from monitor.texts import errors, ui
from tests.app.conftest import use_database
from tests.app.test_pages import PROJECT, logged_in
from ui import session

PAGE = str(PROJECT / "pages" / "hochladen.py")
TEMPLATE = (settings.PROJECT_DIR / "docs" / "vorlagen" / "faelle.csv").read_text(encoding="utf-8-sig") \
    .replace("hornbostel", "Steinförde") \
    .replace(";IB-W;", ";;")  # an umlaut, as Excel saves it in Windows-1252; no officer (none is stored here)
GOOD = TEMPLATE.replace("\n", "\r\n").encode("cp1252")
BAD = TEMPLATE.replace("14.03.2016", "31.02.2016").replace("\n", "\r\n").encode("cp1252")


@pytest.fixture
def staff_page(tmp_path):
    with use_database(f"sqlite:///{tmp_path / 'upload.db'}") as engine:
        bootstrap.ensure_ready(engine, load_demo=False)
        at = AppTest.from_file(PAGE, default_timeout=120)
        at.session_state[session.STATE] = logged_in(roles.STAFF)
        yield at.run(), engine


def cases(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(db.TABLES["cases"])).scalar_one()


def test_a_bad_file_is_reported_by_line_and_column_and_not_imported(staff_page):
    at, engine = staff_page
    assert at.title[0].value == ui.UPLOAD_TITLE and not at.exception
    at.file_uploader[0].set_value([("faelle.csv", BAD, "text/csv")]).run()
    preview = at.dataframe[0].value
    assert preview.iloc[0][ui.UPLOAD_COL_KIND] == "Fälle"
    assert preview.iloc[0][ui.UPLOAD_COL_ENCODING] == "Windows-1252"
    assert preview.iloc[0][ui.UPLOAD_COL_DELIMITER] == "Semikolon"
    assert preview.iloc[0][ui.UPLOAD_COL_NEW] == "–"  # a rejected file says nothing about changes
    groups = at.dataframe[1].value
    per_column = groups[[ui.UPLOAD_COL_COLUMN, ui.UPLOAD_COL_COUNT, ui.UPLOAD_COL_LINES]]
    assert per_column.values.tolist() == [["beginn", "1", "2"]]
    problems = at.dataframe[2].value
    assert problems[[ui.UPLOAD_COL_LINE, ui.UPLOAD_COL_COLUMN]].values.tolist() == [["2", "beginn"]]
    assert [e.value for e in at.error] == [ui.UPLOAD_REJECTED]
    assert not [b for b in at.button if b.label == ui.UPLOAD_CONFIRM]
    assert cases(engine) == 0
    logged = audit.entries(engine, audit.Filter(actions=(audit.UPLOAD,)))
    assert list(logged["object"]) == ["faelle.csv"]


def test_a_good_file_is_previewed_imported_on_confirmation_and_listed(staff_page):
    at, engine = staff_page
    at.file_uploader[0].set_value([("faelle.csv", GOOD, "text/csv")]).run()
    preview = at.dataframe[0].value
    assert (preview.iloc[0][ui.UPLOAD_COL_NEW], preview.iloc[0][ui.UPLOAD_COL_STATE]) == ("1", ui.UPLOAD_STATE_VALID)
    assert cases(engine) == 0  # nothing before the confirmation
    next(b for b in at.button if b.label == ui.UPLOAD_CONFIRM).click().run()
    assert at.success[0].value == ui.UPLOAD_DONE.format(files=1, new=1, changed=0, removed=0)
    assert cases(engine) == 1
    history = at.dataframe[-1].value
    assert list(history[ui.UPLOAD_COL_FILE]) == ["faelle.csv"]
    assert history.iloc[0][ui.UPLOAD_COL_BY] == "test-verwaltung"
    at.run()  # the same file still in the uploader: already imported
    assert at.info[0].value == ui.UPLOAD_NOTHING_NEW
    assert cases(engine) == 1


def test_only_the_admin_can_undo_a_batch(tmp_path):
    with use_database(f"sqlite:///{tmp_path / 'undo.db'}") as engine:
        bootstrap.ensure_ready(engine, load_demo=False)
        from etl.pipeline import import_files

        assert import_files(engine, [("faelle.csv", GOOD)], user="anna").ok
        staff = AppTest.from_file(PAGE, default_timeout=120)
        staff.session_state[session.STATE] = logged_in(roles.STAFF)
        staff.run()
        assert not [s for s in staff.subheader if s.value == ui.UNDO_TITLE]

        at = AppTest.from_file(PAGE, default_timeout=120)
        at.session_state[session.STATE] = logged_in(roles.ADMIN)
        at.run()
        assert at.selectbox(key="undo_batch_1").options[0].startswith("Nr. 1 · faelle.csv · ")
        at.button[0].click().run()  # not confirmed: nothing happens
        assert cases(engine) == 1
        at.checkbox(key="undo_sure").check()
        at.button[0].click().run()
        assert cases(engine) == 0
        assert at.success[0].value.startswith("Import Nr. 1 (faelle\\.csv) rückgängig gemacht: 1 Zeilen entfernt")
        assert at.info[0].value == ui.UPLOAD_HISTORY_EMPTY


def test_an_excel_workbook_is_previewed_as_such(staff_page):
    from tests.unit.test_xlsx import staffing_rows, workbook

    at, engine = staff_page
    mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    at.file_uploader[0].set_value([("stellenanteile.xlsx", workbook(staffing_rows()), mime)]).run()
    preview = at.dataframe[0].value.iloc[0]
    assert (preview[ui.UPLOAD_COL_KIND], preview[ui.UPLOAD_COL_ENCODING]) == ("Stellenanteile", "Excel-Arbeitsmappe")
    assert (preview[ui.UPLOAD_COL_NEW], preview[ui.UPLOAD_COL_DELIMITER]) == ("2", "–")


def _button(at, label: str):
    return next(b for b in at.button if b.label == label)


def test_an_overlapping_file_waits_for_the_staff_s_decision(staff_page):
    from etl.pipeline import import_files
    from ui import uploads

    at, engine = staff_page
    assert import_files(engine, [("faelle.csv", GOOD)], user="anna").ok
    changed = GOOD.replace(b";3;2;1", b";3;3;0")  # the case reached all of its goals after all
    at.file_uploader[0].set_value([("faelle_neu.csv", changed, "text/csv")]).run()
    preview = at.dataframe[0].value.iloc[0]
    assert (preview[ui.UPLOAD_COL_STATE], preview[ui.UPLOAD_COL_CHANGED]) == (ui.UPLOAD_STATE_OVERLAP, "1")
    assert not [b for b in at.button if b.label == ui.UPLOAD_CONFIRM]  # no import before the decision
    radio = at.radio[0]
    assert radio.label == ui.OVERLAP_QUESTION.format(file=fmt.plain("faelle_neu.csv")) and radio.value is None
    assert radio.options == [ui.OVERLAP_CHOICES[d] for d in uploads.DECISIONS]

    radio.set_value(uploads.SKIP).run()
    assert at.dataframe[0].value.iloc[0][ui.UPLOAD_COL_STATE] == ui.UPLOAD_STATE_SKIP
    assert not [b for b in at.button if b.label == ui.UPLOAD_CONFIRM]

    at.radio[0].set_value(uploads.REPLACE).run()
    assert at.dataframe[0].value.iloc[0][ui.UPLOAD_COL_STATE] == ui.UPLOAD_STATE_REPLACE
    _button(at, ui.UPLOAD_CONFIRM).click().run()
    assert at.success[0].value == ui.UPLOAD_DONE.format(files=1, new=0, changed=1, removed=0)
    assert cases(engine) == 1


def test_warnings_are_reported_but_do_not_stop_the_import(staff_page):
    from etl.pipeline import import_files

    at, engine = staff_page
    staffing = (settings.PROJECT_DIR / "tests" / "fixtures" / "stellenanteile_excel.csv").read_bytes()
    assert import_files(engine, [("stellenanteile.csv", staffing)], user="anna").ok  # the contacts' officers
    data = (settings.PROJECT_DIR / "tests" / "fixtures" / "kontakte_excel_datumszahl.csv").read_bytes()
    at.file_uploader[0].set_value([("kontakte.csv", data, "text/csv")]).run()
    problems = at.dataframe[2].value
    assert problems[ui.UPLOAD_COL_SEVERITY].tolist() == [ui.UPLOAD_WARNING, ui.UPLOAD_WARNING]
    assert at.subheader[1].value == ui.UPLOAD_PROBLEMS.format(errors=0, warnings=2) and not at.error
    _button(at, ui.UPLOAD_CONFIRM).click().run()
    assert at.success[0].value == ui.UPLOAD_DONE.format(files=1, new=3, changed=0, removed=0)


FOREIGN = ("Case No;Municipality;Gender;Opened;Group;Team\r\n"
           "F-1;03351023;weiblich;14.03.2016;geduldet;Nord\r\n").encode("cp1252")


def test_foreign_columns_and_own_values_are_mapped_once_in_dialogs(staff_page):
    from etl import mappings

    at, engine = staff_page
    at.file_uploader[0].set_value([("export.csv", FOREIGN, "text/csv")]).run()
    assert at.error and not [b for b in at.button if b.label == ui.UPLOAD_CONFIRM]
    _button(at, ui.MAP_COLUMNS_BUTTON.format(file=fmt.plain("export.csv"))).click().run()
    at.selectbox(key="map_kind").set_value("cases").run()
    for source, target in {"case_no": "case_id", "municipality": "ags", "gender": "gender", "opened": "opened_on",
                           "group": "target_group", "team": ""}.items():
        at.selectbox(key=f"map_cases_{source}").set_value(target)
    _button(at, ui.MAP_SAVE).click().run()
    assert at.success[0].value == ui.MAP_SAVED
    header = ["Case No", "Municipality", "Gender", "Opened", "Group", "Team"]
    assert mappings.load(engine).for_header(header).kind == "cases"
    # Now only the own value "weiblich" is left; it is mapped in the second dialog.
    assert at.dataframe[0].value.iloc[0][ui.UPLOAD_COL_KIND] == "Fälle" + ui.UPLOAD_KIND_MAPPED
    _button(at, ui.MAP_VALUES_BUTTON.format(file=fmt.plain("export.csv"))).click().run()
    assert at.selectbox(key="value_cases_gender_weiblich").proto.placeholder == ui.MAP_VALUE_PLACEHOLDER
    at.selectbox(key="value_cases_gender_weiblich").set_value("w").run()
    _button(at, ui.MAP_SAVE).click().run()
    assert at.success[0].value == ui.MAP_VALUES_SAVED.format(count=1)
    _button(at, ui.UPLOAD_CONFIRM).click().run()
    assert at.success[0].value == ui.UPLOAD_DONE.format(files=1, new=1, changed=0, removed=0)
    assert cases(engine) == 1


OWN_DISTRICT = ("gemeinde_ags;fall_id;zielgruppe;geschlecht;beginn;ortsteil\r\n"
                "03351023;F-1;geduldet;w;14.03.2016;Ortskern\r\n"
                "03351023;F-2;geduldet;m;14.03.2016;Herr Kaya\r\n").encode("cp1252")


def test_an_own_ortsteil_is_mapped_to_the_list_of_ortsteile_and_a_name_is_never_offered(staff_page):
    from etl import mappings

    at, engine = staff_page
    at.file_uploader[0].set_value([("faelle.csv", OWN_DISTRICT, "text/csv")]).run()
    assert at.error and not [b for b in at.button if b.label == ui.UPLOAD_CONFIRM]
    _button(at, ui.MAP_VALUES_BUTTON.format(file=fmt.plain("faelle.csv"))).click().run()
    offered = [box.key for box in at.selectbox]
    assert "value_cases_district_Ortskern" in offered and not [k for k in offered if "Kaya" in k]
    box = at.selectbox(key="value_cases_district_Ortskern")
    assert list(box.options) == ["wietze", "steinfoerde", "hornbostel", "jeversen", "wieckenberg"]
    box.set_value("wietze").run()
    _button(at, ui.MAP_SAVE).click().run()
    assert at.success[0].value == ui.MAP_VALUES_SAVED.format(count=1)
    assert mappings.load(engine).values == {("cases", "district"): {"ortskern": "wietze"}}
    problems = at.dataframe[2].value  # the person's name is still refused, not quoted
    assert problems[ui.UPLOAD_COL_LINE].tolist() == ["3"] and "Kaya" not in " ".join(problems[ui.UPLOAD_COL_MESSAGE])


def test_the_admin_sees_and_deletes_remembered_mappings(tmp_path):
    with use_database(f"sqlite:///{tmp_path / 'map.db'}") as engine:
        bootstrap.ensure_ready(engine, load_demo=False)
        from etl import mappings

        mappings.save_values(engine, "cases", "gender", {"weiblich": "w"}, user="anna")
        at = AppTest.from_file(PAGE, default_timeout=120)
        at.session_state[session.STATE] = logged_in(roles.ADMIN)
        at.run()
        table = at.dataframe[-1].value
        assert table.iloc[0][ui.MAPPINGS_COLUMNS["mapping"]] == "weiblich → w"
        assert table.iloc[0][ui.MAPPINGS_COLUMNS["what"]] == "geschlecht"
        _button(at, ui.MAPPINGS_FORGET).click().run()
        assert at.success[0].value == ui.MAPPINGS_FORGOTTEN and mappings.load(engine).values == {}


@pytest.fixture
def admin_with_two_batches(tmp_path):
    """The page as an administrator, over two import batches: cases (no. 1) and staffing (no. 2)."""
    from etl.pipeline import import_files

    with use_database(f"sqlite:///{tmp_path / 'two.db'}") as engine:
        bootstrap.ensure_ready(engine, load_demo=False)
        assert import_files(engine, [("faelle.csv", GOOD)], user="anna").ok
        staff = (settings.PROJECT_DIR / "docs" / "vorlagen" / "stellenanteile.csv").read_bytes()
        assert import_files(engine, [("stellenanteile.csv", staff)], user="anna").ok
        at = AppTest.from_file(PAGE, default_timeout=120)
        at.session_state[session.STATE] = logged_in(roles.ADMIN)
        yield at.run(), engine


def test_after_another_import_the_undo_box_proposes_the_newest_batch(admin_with_two_batches):
    from etl.pipeline import import_files

    at, engine = admin_with_two_batches
    at.selectbox(key="undo_batch_2").select_index(1)
    _button(at, ui.UNDO_BUTTON).click().run()  # sent without the confirmation: nothing is undone
    assert at.selectbox(key="undo_batch_2").value["id"] == 1 and cases(engine) == 1
    assert import_files(engine, [("integrationscafe.csv", (settings.PROJECT_DIR / "docs" / "vorlagen"
                                                            / "integrationscafe.csv").read_bytes())], user="anna").ok
    at.run()
    assert at.selectbox(key="undo_batch_3").value["id"] == 3  # not the batch chosen before this import


def test_an_import_that_finds_the_data_changed_since_its_preview_writes_nothing_and_says_so(staff_page):
    from etl.pipeline import import_files

    at, engine = staff_page
    at.file_uploader[0].set_value([("faelle.csv", GOOD, "text/csv")]).run()
    confirm = _button(at, ui.UPLOAD_CONFIRM)
    changed = GOOD.replace(b";3;2;1", b";3;3;0")
    assert import_files(engine, [("faelle_kollegin.csv", changed)], user="kollegin").ok  # another workplace
    confirm.click().run()
    assert [w.value for w in at.warning] == [errors.CHANGED_SINCE_PREVIEW] and not at.success
    assert at.dataframe[0].value.iloc[0][ui.UPLOAD_COL_STATE] == ui.UPLOAD_STATE_OVERLAP  # now it needs a decision
    assert list(at.dataframe[-1].value[ui.UPLOAD_COL_FILE]) == ["faelle_kollegin.csv"]


CASE_HEADER = "gemeinde_ags;fall_id;zielgruppe;geschlecht;beginn;ziele_gesetzt"


def case_file(*cases: tuple[str, str]) -> bytes:
    """(case number, opening day) per row."""
    lines = [CASE_HEADER, *(f"03351023;{case};geduldet;w;{day};1" for case, day in cases)]
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


def test_a_decision_made_on_a_preview_that_removed_2_does_not_remove_22(staff_page):
    """Staff decide that a file replaces its period, where the preview says 2 stored cases are missing in it.
    Another workplace adds 20 cases of that period before the confirmation: nothing is imported, the page says
    why, shows the new preview (22 to remove) and asks for the decision again."""
    from etl.pipeline import import_files
    from ui import uploads

    at, engine = staff_page
    assert import_files(engine, [("faelle.csv", case_file(("F-1", "01.01.2016"), ("F-2", "01.02.2016"),
                                                           ("F-3", "01.03.2016"), ("F-4", "01.04.2016")))],
                        user="anna").ok
    corrected = ("faelle_korrigiert.csv", case_file(("F-1", "01.01.2016"), ("F-4", "01.04.2016")), "text/csv")
    at.file_uploader[0].set_value([corrected]).run()
    at.radio[0].set_value(uploads.REPLACE).run()
    preview = at.dataframe[0].value.iloc[0]
    assert (preview[ui.UPLOAD_COL_REMOVED], preview[ui.UPLOAD_COL_STATE]) == ("2", ui.UPLOAD_STATE_REPLACE)
    confirm = _button(at, ui.UPLOAD_CONFIRM)
    news = case_file(*[(f"N-{n}", f"{n:02d}.02.2016") for n in range(2, 22)])
    assert import_files(engine, [("faelle_neu.csv", news)], user="kollegin", merge=True).ok  # another workplace

    confirm.click().run()
    assert cases(engine) == 24 and not at.success
    assert [w.value for w in at.warning] == [errors.CHANGED_SINCE_PREVIEW, ui.OVERLAP_DECISION_RESET.format(
        files=f"„{fmt.plain('faelle_korrigiert.csv')}“")]
    preview = at.dataframe[0].value.iloc[0]
    assert (preview[ui.UPLOAD_COL_REMOVED], preview[ui.UPLOAD_COL_STATE]) == ("22", ui.UPLOAD_STATE_OVERLAP)
    assert at.radio[0].value is None and not [b for b in at.button if b.label == ui.UPLOAD_CONFIRM]
    at.run()  # the reset is said once
    assert not at.warning and at.radio[0].value is None

    at.radio[0].set_value(uploads.REPLACE).run()  # decided on what the page shows now
    _button(at, ui.UPLOAD_CONFIRM).click().run()
    assert at.success[0].value == ui.UPLOAD_DONE.format(files=1, new=0, changed=0, removed=22)
    assert cases(engine) == 2


def test_a_decision_is_asked_again_when_the_stored_rows_change_before_the_confirmation(staff_page):
    from etl.pipeline import import_files
    from ui import uploads

    at, engine = staff_page
    assert import_files(engine, [("faelle.csv", GOOD)], user="anna").ok
    changed = GOOD.replace(b";3;2;1", b";3;3;0")
    at.file_uploader[0].set_value([("faelle_neu.csv", changed, "text/csv")]).run()
    at.radio[0].set_value(uploads.MERGE).run()
    assert [b for b in at.button if b.label == ui.UPLOAD_CONFIRM]
    assert import_files(engine, [("faelle_kollegin.csv", GOOD.replace(b";3;2;1", b";3;1;1"))], user="kollegin",
                        replace=True).ok
    at.run()  # any click: the preview is made anew, on the changed rows, and the decision made before is dropped
    assert [w.value for w in at.warning] == [ui.OVERLAP_DECISION_RESET.format(files=f"„{fmt.plain('faelle_neu.csv')}“")]
    assert at.radio[0].value is None and not [b for b in at.button if b.label == ui.UPLOAD_CONFIRM]


def test_one_confirmation_undoes_one_batch(admin_with_two_batches):
    at, engine = admin_with_two_batches
    at.checkbox(key="undo_sure").check()
    _button(at, ui.UNDO_BUTTON).click().run()
    assert len(at.dataframe[0].value) == 1  # batch 2 undone, batch 1 left
    assert at.checkbox(key="undo_sure").value is False
    _button(at, ui.UNDO_BUTTON).click().run()  # the box not ticked again: nothing more is undone
    assert cases(engine) == 1


def test_a_decision_survives_a_run_in_which_another_file_is_rejected(staff_page):
    from etl.pipeline import import_files
    from ui import uploads

    at, engine = staff_page
    assert import_files(engine, [("faelle.csv", GOOD)], user="anna").ok
    changed = ("faelle_neu.csv", GOOD.replace(b";3;2;1", b";3;3;0"), "text/csv")
    at.file_uploader[0].set_value([changed]).run()
    at.radio[0].set_value(uploads.MERGE).run()
    at.file_uploader[0].set_value([changed, ("kaputt.csv", BAD, "text/csv")]).run()  # no decisions asked now
    assert not at.radio and at.error
    at.file_uploader[0].set_value([changed]).run()  # the broken file removed again
    assert at.radio[0].value == uploads.MERGE
    assert at.dataframe[0].value.iloc[0][ui.UPLOAD_COL_STATE] == ui.UPLOAD_STATE_MERGE
    _button(at, ui.UPLOAD_CONFIRM).click().run()
    assert at.success[0].value == ui.UPLOAD_DONE.format(files=1, new=0, changed=1, removed=0)


def test_a_click_elsewhere_does_not_validate_the_files_again(staff_page, monkeypatch):
    from etl import mappings, pipeline

    at, engine = staff_page
    dry_runs = []
    real = pipeline.import_files

    def counted(*args, **kwargs):
        dry_runs.append(kwargs.get("dry_run", False))
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "import_files", counted)
    at.file_uploader[0].set_value([("export.csv", FOREIGN, "text/csv")]).run()
    _button(at, ui.MAP_COLUMNS_BUTTON.format(file=fmt.plain("export.csv"))).click().run()  # opens the dialog
    at.run()
    assert dry_runs == [True]
    mappings.save_values(engine, "cases", "gender", {"weiblich": "w"}, user="kollegin")  # a mapping changes it
    at.run()
    assert dry_runs == [True, True]


def test_a_file_without_its_header_row_is_refused_and_no_dialog_offers_its_first_record(staff_page):
    from monitor.texts import errors
    from tests.unit.test_mappings import ATTACK_NAME, HEADERLESS, assert_nothing_of_the_file

    at, engine = staff_page
    at.file_uploader[0].set_value([(ATTACK_NAME, HEADERLESS, "text/csv")]).run()
    assert not at.exception and [e.value for e in at.error] == [ui.UPLOAD_REJECTED]
    problems = at.dataframe[2].value
    assert problems[ui.UPLOAD_COL_MESSAGE].tolist() == [
        errors.HEADER_LOOKS_LIKE_DATA.format(file=ATTACK_NAME, line=1)]
    assert problems[ui.UPLOAD_COL_COLUMN].tolist() == [""]
    labels = [b.label for b in at.button]
    assert not [label for label in labels if label.startswith(("Spalten zuordnen", "Werte zuordnen"))]
    assert not [s for s in at.selectbox if s.key and s.key.startswith(("map_", "value_"))]
    logged = audit.entries(engine, audit.Filter(actions=(audit.UPLOAD,)))
    assert logged["object"].tolist() == [errors.FILE_NAME_WITHHELD]  # the upload, without its name
    assert_nothing_of_the_file(engine)


def test_the_dialogs_offer_no_blocked_column_and_no_name_in_a_code_column(staff_page):
    from etl import mappings

    at, engine = staff_page
    data = ("Case No;Municipality;Gender;Opened;Group;Team;Bemerkungen_intern\r\n"
            "F-1;03351023;weiblich;14.03.2016;geduldet;Nord;\r\n"
            "F-2;03351023;Hassan Al-Masri;15.03.2016;geduldet;Süd;\r\n").encode("cp1252")
    at.file_uploader[0].set_value([("export.csv", data, "text/csv")]).run()
    _button(at, ui.MAP_COLUMNS_BUTTON.format(file=fmt.plain("export.csv"))).click().run()
    at.selectbox(key="map_kind").set_value("cases").run()
    keys = {s.key for s in at.selectbox if s.key and s.key.startswith("map_cases_")}
    assert keys == {f"map_cases_{n}" for n in ("case_no", "municipality", "gender", "opened", "group", "team")}
    assert [w.value for w in at.warning] == [ui.MAP_FORBIDDEN.format(columns="„Bemerkungen\\_intern“")]
    for source, target in {"case_no": "case_id", "municipality": "ags", "gender": "gender", "opened": "opened_on",
                           "group": "target_group", "team": ""}.items():
        at.selectbox(key=f"map_cases_{source}").set_value(target)
    _button(at, ui.MAP_SAVE).click().run()
    assert at.success[0].value == ui.MAP_SAVED
    _button(at, ui.MAP_VALUES_BUTTON.format(file=fmt.plain("export.csv"))).click().run()
    offered = {s.key for s in at.selectbox if s.key and s.key.startswith("value_")}
    assert offered == {"value_cases_gender_weiblich"}  # not the name two lines below it
    at.selectbox(key="value_cases_gender_weiblich").set_value("w").run()
    _button(at, ui.MAP_SAVE).click().run()
    assert mappings.load(engine).values == {("cases", "gender"): {"weiblich": "w"}}
    details = audit.entries(engine, audit.Filter(actions=(audit.MAPPING,)))["detail"].tolist()
    assert details == ["1 Wert(e) zugeordnet", "5 Spalten zugeordnet: gemeinde_ags, fall_id, zielgruppe, geschlecht, "
                                               "beginn; 1 nicht übernommen"]


def test_an_undo_the_database_refuses_is_shown_in_german(admin_with_two_batches):
    """A row version pointing at a batch that is not there (e.g. a database restored in part): the undo of batch 2
    breaks a foreign key; the page says so in German, nothing is undone, no traceback."""
    from sqlalchemy import update

    from etl.pipeline import import_files

    at, engine = admin_with_two_batches
    changed = GOOD.replace(b";3;2;1", b";3;3;0")
    assert import_files(engine, [("faelle_neu.csv", changed)], user="anna", replace=True).ok  # batch 3
    with engine.begin() as conn:
        conn.execute(update(db.row_versions).values(previous_batch_id=999))
    at.run()
    at.checkbox(key="undo_sure").check()
    _button(at, ui.UNDO_BUTTON).click().run()
    assert [e.value for e in at.error] == [errors.UNDO_FAILED.format(batch=3)] and not at.exception
    assert len(at.dataframe[0].value) == 3  # all three batches still there


def test_an_undo_while_another_workplace_imports_the_same_data_is_refused_in_german(admin_with_two_batches,
                                                                                     monkeypatch):
    from etl import locks

    at, engine = admin_with_two_batches
    monkeypatch.setenv("MONITOR_LOCK_WAIT_S", "0.3")
    holder = engine.connect()
    holder.begin()
    locks.lock(holder, {("03351023", "staffing")})
    try:
        at.checkbox(key="undo_sure").check()
        _button(at, ui.UNDO_BUTTON).click().run()
        assert [e.value for e in at.error] == [errors.LOCK_TIMEOUT] and not at.exception
    finally:
        holder.rollback()
        holder.close()
    assert len(at.dataframe[0].value) == 2
