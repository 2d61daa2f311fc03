"""The staff upload in a real browser, end to end on a fresh app with the demo data: an administrator logs in,
drops a messy Windows-1252 export of cases with two mistakes (reported by line and column, nothing imported),
drops the corrected file, which overlaps November's stored cases and so asks whether it replaces or adds to
them, decides to add, confirms the import, sees the active cases on the overview go up by the new open
cases, undoes the import and sees them back at the old value. The browser talks to no host but the app's.

Each step is a small helper."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from playwright.sync_api import Locator, Page, expect

from monitor import contract, fmt, roles, settings
from monitor.texts import errors, kpis as kpi_texts, ui
from tests.e2e.conftest import HostLog, running_app
from ui import uploads

pytestmark = pytest.mark.e2e

FIRST_LOAD_MS = 180_000  # the first run migrates and imports the demo data
RERUN_MS = 60_000
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
ACCOUNT = "it-admin"
PASSWORD = "ein langes Passwort"

# --- the export, as a staff member's Excel saves it ------------------------------------------------------------

COLUMNS = [f.header for f in contract.CASES.fields]
FIRST_DATA_LINE = 3  # line 1 is Excel's "sep=;", line 2 the header
WIETZE = "03351023"


def case(case_id: str, group: str, opened: str, closed: str = "", reason: str = "", district: str = "wietze") -> dict:
    return {"gemeinde_ags": WIETZE, "fall_id": case_id, "zielgruppe": group, "geschlecht": "w",
            "altersgruppe": "27_44", "herkunftsregion": "syrien", "ortsteil": district, "zustaendig": "IB-W",
            "beginn": opened, "abschluss": closed, "abschlussgrund": reason}


# New cases of Wietze, opened in the weeks before the demo data's reference day (24.11.2026); one of them is
# closed again, so that the active cases go up by the open ones only.
NEW_CASES = [
    case("F-2026-0901", "schutz_anerkannt", "10.11.2026", district="steinförde"),  # an umlaut in cp1252
    case("F-2026-0902", "asylverfahren", "13.11.2026"),
    case("F-2026-0903", "eu_arbeitnehmer", "17.11.2026", district="hornbostel"),
    case("F-2026-0904", "drittstaat_sonstig", "02.11.2026", closed="20.11.2026", reason="weitervermittelt"),
]
OPEN_CASES = sum(1 for row in NEW_CASES if not row["abschluss"])
MISTAKES = {(1, "beginn"): "31.02.2026", (2, "zielgruppe"): "fluechtling"}  # (row, column) -> wrong value
FIXED_FILE = "Faelle_Export_November_korrigiert.csv"
MESSY_FILE = "Faelle_Export_November.csv"


def cases_export(rows: list[dict], mistakes: dict[tuple[int, str], str] | None = None) -> bytes:
    """Windows-1252, semicolons, CRLF, German dates, Excel's "sep=;" first line and two trailing empty columns
    on every line; `mistakes` puts wrong values into some cells."""
    mistakes = mistakes or {}
    lines = ["sep=;", ";".join(COLUMNS) + ";;"]
    for index, row in enumerate(rows):
        cells = [mistakes.get((index, column), row.get(column, "")) for column in COLUMNS]
        lines.append(";".join(cells) + ";;")
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


# --- the app -----------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def upload_app(tmp_path_factory):
    """A fresh app (the first page run loads the demo data) with an administrator account made by the CLI, as
    the IT of the Gemeinde makes the first account."""
    with running_app(tmp_path_factory.mktemp("upload")) as (url, database_url):
        added = subprocess.run(
            [sys.executable, "-m", "monitor", "user", "add", ACCOUNT, "--role", roles.ADMIN, "--password-stdin"],
            input=PASSWORD + "\n", text=True, capture_output=True, cwd=settings.PROJECT_DIR,
            env={**os.environ, "DATABASE_URL": database_url}, timeout=120)
        assert added.returncode == 0, added.stderr
        yield url


# --- steps -------------------------------------------------------------------------------------------------------


def wait_idle(page: Page, timeout: int = RERUN_MS) -> None:
    expect(page.locator(IDLE)).to_be_attached(timeout=timeout)


def nav(page: Page) -> Locator:
    return page.get_by_test_id("stSidebarNav")


def open_app(page: Page, url: str) -> None:
    """The start page first: on a fresh server, an address like /anmelden opened before any session has run
    dashboard.py shows that page without the app's start-up (no demo data) and without its menu."""
    page.goto(url)
    expect(page.get_by_test_id("stMetric").first).to_be_visible(timeout=FIRST_LOAD_MS)
    wait_idle(page, FIRST_LOAD_MS)


def log_in(page: Page, url: str, account: str = ACCOUNT) -> None:
    """Log in; an administrator or a staff member lands on the overview."""
    page.goto(f"{url}/anmelden")
    expect(page.get_by_label(ui.LOGIN_NAME)).to_be_visible(timeout=RERUN_MS)
    page.get_by_label(ui.LOGIN_NAME).fill(account)
    page.get_by_label(ui.LOGIN_PASSWORD).fill(PASSWORD)
    page.get_by_role("button", name=ui.LOGIN_SUBMIT).click()
    expect(page.get_by_role("heading", name=ui.OVERVIEW_TITLE)).to_be_visible(timeout=RERUN_MS)
    wait_idle(page)


def open_page(page: Page, menu_entry: str, title: str) -> None:
    """Through the menu: opening an address would start a new session, and the login lives in the session."""
    nav(page).get_by_text(menu_entry, exact=True).click()
    expect(page.get_by_role("heading", name=title)).to_be_visible(timeout=RERUN_MS)
    wait_idle(page)


def active_cases_tile(page: Page) -> Locator:
    label = page.get_by_test_id("stMetricLabel").filter(has_text=kpi_texts.NAMES["K1"])
    return page.get_by_test_id("stMetric").filter(has=label).get_by_test_id("stMetricValue")


def active_cases(page: Page) -> int:
    """The value of the tile of active cases (K1) on the overview, as a number."""
    tile = active_cases_tile(page)
    expect(tile).to_have_text(re.compile(r"^\d{1,3}(\.\d{3})*$"), timeout=RERUN_MS)  # exact, not suppressed
    return int(tile.inner_text().replace(".", ""))


def expect_active_cases(page: Page, value: int) -> None:
    expect(active_cases_tile(page)).to_have_text(fmt.number(value), timeout=RERUN_MS)


def upload(page: Page, name: str, data: bytes) -> None:
    """Drop one file on the uploader, after removing what lies there from before."""
    uploader = page.get_by_test_id("stFileUploader").filter(has_text=ui.UPLOAD_FILES)
    remove = uploader.get_by_test_id("stFileChipDeleteBtn")
    while remove.count():
        before = remove.count()
        remove.first.click()
        expect(remove).to_have_count(before - 1, timeout=RERUN_MS)
        wait_idle(page)
    uploader.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": data}])
    expect(uploader.get_by_test_id("stFileChip")).to_have_count(1, timeout=RERUN_MS)
    expect(page.get_by_role("heading", name=ui.UPLOAD_PREVIEW)).to_be_visible(timeout=RERUN_MS)
    wait_idle(page)


# st.dataframe draws on a canvas; the cells it shows are also written into an accessible table inside the
# canvas, which is not rendered, hence include_hidden.


def table_with(page: Page, column: str) -> Locator:
    """The table (st.dataframe) that has a column of this name."""
    header = page.get_by_role("columnheader", name=column, exact=True, include_hidden=True)
    return page.get_by_test_id("stDataFrame").filter(has=header)


def rows(table: Locator) -> Locator:
    return table.get_by_role("row", include_hidden=True)


def row_of(table: Locator, *cells: str) -> Locator:
    """The rows of a table that have all these cells (exact texts)."""
    found = rows(table)
    for text in cells:
        found = found.filter(has=table.page.get_by_role("gridcell", name=text, exact=True, include_hidden=True))
    return found


def expect_preview(page: Page, file: str, *cells: str) -> None:
    expect(row_of(table_with(page, ui.UPLOAD_COL_STATE), file, *cells)).to_have_count(1, timeout=RERUN_MS)


def expect_in_history(page: Page, file: str, count: int) -> None:
    """How often the import history lists a file (the table lists the newest imports first)."""
    expect(table_with(page, ui.UPLOAD_COL_HASH)).to_be_visible(timeout=RERUN_MS)
    expect(row_of(table_with(page, ui.UPLOAD_COL_HASH), file)).to_have_count(count, timeout=RERUN_MS)


def decide_overlap(page: Page, file: str, decision: str) -> None:
    """Answer the question what an overlapping file should do to the stored rows of its period."""
    question = page.get_by_test_id("stRadio").filter(has_text=ui.OVERLAP_QUESTION.format(file=file))
    expect(question).to_be_visible(timeout=RERUN_MS)
    expect(page.get_by_role("button", name=ui.UPLOAD_CONFIRM)).to_have_count(0)  # not before the decision
    question.get_by_text(ui.OVERLAP_CHOICES[decision]).click()
    wait_idle(page)


def confirm_import(page: Page) -> None:
    page.get_by_role("button", name=ui.UPLOAD_CONFIRM).click()
    wait_idle(page)


def undo_import(page: Page, file: str) -> int:
    """The administration's form: choose the batch of this file, tick the confirmation, press the button.
    Returns the batch number."""
    # Typed into the box, as one looks for a file among many imports (a single click on the box did not
    # reliably open its list).
    page.get_by_role("combobox", name=ui.UNDO_CHOOSE).press_sequentially(file)
    option = page.get_by_role("option", name=re.compile(rf"^Nr\. \d+ · {re.escape(file)} · "))
    expect(option).to_have_count(1, timeout=RERUN_MS)
    number = int(re.match(r"Nr\. (\d+)", option.inner_text()).group(1))
    option.click()
    page.get_by_test_id("stCheckbox").filter(has_text=ui.UNDO_SURE).click()
    expect(page.get_by_role("checkbox", name=ui.UNDO_SURE)).to_be_checked()
    page.get_by_role("button", name=ui.UNDO_BUTTON).click()
    wait_idle(page)
    return number


# --- the scenario ------------------------------------------------------------------------------------------------


def test_upload_fix_import_and_undo(page: Page, upload_app: str):
    hosts = HostLog(page)

    # 1. An administrator logs in and reads the active cases before the upload.
    open_app(page, upload_app)
    log_in(page, upload_app)
    before = active_cases(page)

    # 2. The messy export: two mistakes, reported with the file's lines and column names; nothing imported.
    open_page(page, ui.PAGE_UPLOAD, ui.UPLOAD_TITLE)
    upload(page, MESSY_FILE, cases_export(NEW_CASES, MISTAKES))
    heading = ui.UPLOAD_PROBLEMS.format(errors=len(MISTAKES), warnings=0)
    expect(page.get_by_role("heading", name=heading)).to_be_visible()
    expect(page.get_by_text(ui.UPLOAD_REJECTED)).to_be_visible()
    expect_preview(page, MESSY_FILE, contract.CASES.label, ui.ENCODING_LABELS["cp1252"],
                   errors.DELIMITER_NAMES[";"], ui.UPLOAD_STATE_REJECTED.format(count=len(MISTAKES)))
    problems = table_with(page, ui.UPLOAD_COL_MESSAGE)
    for (index, column), wrong in MISTAKES.items():
        row = row_of(problems, MESSY_FILE, str(FIRST_DATA_LINE + index), column)
        expect(row).to_have_count(1)
        expect(row).to_contain_text(f"„{wrong}“")
    expect(rows(problems)).to_have_count(1 + len(MISTAKES))  # the header and one row each
    expect(page.get_by_role("button", name=ui.UPLOAD_CONFIRM)).to_have_count(0)
    expect_in_history(page, MESSY_FILE, 0)

    # 3. The corrected file: it holds only November's new cases, so stored cases of its period are missing from
    #    it. The staff member adds it to them (nothing removed) and confirms.
    upload(page, FIXED_FILE, cases_export(NEW_CASES))
    expect_preview(page, FIXED_FILE, ui.UPLOAD_STATE_OVERLAP, fmt.number(len(NEW_CASES)))
    expect(table_with(page, ui.UPLOAD_COL_MESSAGE)).to_have_count(0)  # no problem report
    decide_overlap(page, FIXED_FILE, uploads.MERGE)
    expect_preview(page, FIXED_FILE, ui.UPLOAD_STATE_MERGE, fmt.number(len(NEW_CASES)), "0")
    confirm_import(page)
    done = ui.UPLOAD_DONE.format(files=1, new=len(NEW_CASES), changed=0, removed=0)
    expect(page.get_by_text(done)).to_be_visible(timeout=RERUN_MS)
    expect_in_history(page, FIXED_FILE, 1)

    # 4. The overview counts the new open cases (the closed one not).
    open_page(page, ui.PAGE_OVERVIEW, ui.OVERVIEW_TITLE)
    expect_active_cases(page, before + OPEN_CASES)

    # 5. The administration undoes the import; the overview is back at the old value.
    open_page(page, ui.PAGE_UPLOAD, ui.UPLOAD_TITLE)
    batch = undo_import(page, FIXED_FILE)
    undone = ui.UNDO_DONE.format(no=batch, file=FIXED_FILE, removed=len(NEW_CASES), restored=0)
    expect(page.get_by_text(undone)).to_be_visible(timeout=RERUN_MS)
    expect_in_history(page, FIXED_FILE, 0)
    open_page(page, ui.PAGE_OVERVIEW, ui.OVERVIEW_TITLE)
    expect_active_cases(page, before)

    expect(page.get_by_test_id("stException")).to_have_count(0)
    hosts.assert_only(upload_app)
