"""Mapping a foreign export in a real browser: a staff member drops an export whose column names are not the
contract's, maps them in the dialog and saves; then maps the export's own word for a gender code in the second
dialog, while an administrator removes the staff role of the account. Saving in that dialog is refused there,
and nothing is remembered: a click in a dialog reruns the dialog alone, not the page with its check.

And the attack of an export without its header row: its first record (a name, a birth date, a clear case
number) must never become column names that the dialog offers and the audit log keeps."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from playwright.sync_api import Page, expect

from etl import mappings
from monitor import db, fmt, roles, settings
from monitor.texts import ui
from tests.e2e import test_upload_flow as flow
from tests.e2e.conftest import running_app
from tests.e2e.test_upload_flow import PASSWORD, RERUN_MS, log_in, open_app, open_page, upload, wait_idle

pytestmark = pytest.mark.e2e

STAFF = "ib-wietze"
HEADER = ["Gemeindeags", "Fallid", "Zielgrupe", "Geschlecht", "Beginn"]  # close to the contract, not the same
EXPORT = (";".join(HEADER) + "\r\n03351023;F-900;geduldet;weiblich;14.03.2016\r\n").encode("cp1252")


def monitor_cli(database_url: str, *args: str, stdin: str | None = None) -> None:
    done = subprocess.run([sys.executable, "-m", "monitor", *args], input=stdin, text=True, capture_output=True,
                          cwd=settings.PROJECT_DIR, env={**os.environ, "DATABASE_URL": database_url}, timeout=120)
    assert done.returncode == 0, done.stderr


def test_mapping_dialogs_save_for_staff_and_refuse_once_the_role_is_gone(page: Page, tmp_path):
    with running_app(tmp_path) as (url, database_url):
        monitor_cli(database_url, "user", "add", STAFF, "--role", roles.STAFF, "--password-stdin",
                    stdin=PASSWORD + "\n")
        open_app(page, url)
        log_in(page, url, STAFF)
        open_page(page, ui.PAGE_UPLOAD, ui.UPLOAD_TITLE)
        upload(page, "export.csv", EXPORT)
        expect(page.get_by_text(ui.UPLOAD_REJECTED)).to_be_visible()

        # The columns: the dialog proposes the contract's column for each; the staff member saves it.
        page.get_by_role("button", name=ui.MAP_COLUMNS_BUTTON.format(file="export.csv")).click()
        dialog = page.get_by_role("dialog")
        expect(dialog.get_by_text(ui.MAP_COLUMNS_HELP)).to_be_visible(timeout=RERUN_MS)
        dialog.get_by_role("button", name=ui.MAP_SAVE).click()
        expect(page.get_by_text(ui.MAP_SAVED)).to_be_visible(timeout=RERUN_MS)
        wait_idle(page)

        # The values: "weiblich" is to mean "w"; before saving, the account loses its staff role.
        page.get_by_role("button", name=ui.MAP_VALUES_BUTTON.format(file="export.csv")).click()
        dialog = page.get_by_role("dialog")
        label = ui.MAP_VALUE_LABEL.format(value=fmt.plain("weiblich"), column="geschlecht")
        dialog.get_by_role("combobox", name=label).press_sequentially("w")
        page.get_by_role("option", name="w", exact=True).click()
        wait_idle(page)
        monitor_cli(database_url, "user", "role", STAFF, roles.COUNCIL)
        dialog.get_by_role("button", name=ui.MAP_SAVE).click()
        expect(dialog.get_by_text(ui.PAGE_REFUSED)).to_be_visible(timeout=RERUN_MS)

        engine = db.make_engine(database_url)
        try:
            remembered = mappings.load(engine)
            assert remembered.for_header(HEADER) is not None and remembered.values == {}
        finally:
            engine.dispose()
        expect(page.get_by_test_id("stException")).to_have_count(0)


def test_an_export_without_its_header_row_is_refused_and_never_reaches_a_dialog_or_the_log(page: Page, tmp_path):
    from sqlalchemy import select

    from monitor import audit
    from monitor.texts import errors
    from tests.unit.test_mappings import ATTACK_NAME, HEADERLESS, assert_nothing_of_the_file

    with running_app(tmp_path) as (url, database_url):
        monitor_cli(database_url, "user", "add", STAFF, "--role", roles.STAFF, "--password-stdin",
                    stdin=PASSWORD + "\n")
        open_app(page, url)
        log_in(page, url, STAFF)
        open_page(page, ui.PAGE_UPLOAD, ui.UPLOAD_TITLE)
        upload(page, ATTACK_NAME, HEADERLESS)

        expect(page.get_by_text(ui.UPLOAD_REJECTED)).to_be_visible(timeout=RERUN_MS)
        refusal = errors.HEADER_LOOKS_LIKE_DATA.format(file=ATTACK_NAME, line=1)
        expect(flow.row_of(flow.table_with(page, ui.UPLOAD_COL_MESSAGE), refusal)).to_have_count(1, timeout=RERUN_MS)
        # No dialog to map columns or values is offered for the file, so none can show its first record.
        expect(page.get_by_role("button", name=ui.MAP_COLUMNS_BUTTON.format(file=ATTACK_NAME))).to_have_count(0)
        expect(page.get_by_role("button", name=ui.MAP_VALUES_BUTTON.format(file=ATTACK_NAME))).to_have_count(0)
        expect(page.get_by_role("dialog")).to_have_count(0)
        expect(page.get_by_text("hassan_al_masri", exact=True)).to_have_count(0)
        expect(page.get_by_test_id("stException")).to_have_count(0)

        engine = db.make_engine(database_url)
        try:
            remembered = mappings.load(engine)
            assert remembered.columns == {} and remembered.values == {}
            with engine.connect() as conn:
                uploads = conn.execute(select(db.audit_log.c.object).where(db.audit_log.c.action == audit.UPLOAD))
                assert [row.object for row in uploads] == [errors.FILE_NAME_WITHHELD]
            assert_nothing_of_the_file(engine)
        finally:
            engine.dispose()
