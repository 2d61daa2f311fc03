"""German and legible everywhere, in a real browser at 1366 and 390 px: every page each role can reach (the
public's, and the administrator's, who sees all) is a German document from the first byte, shows no English text
of Streamlit's or plotly's (visible text and aria-label, title, placeholder, ... of the whole document, the chart's
mode bar, the upload field, the hints under text fields, the date picker, the selection boxes), runs off nowhere at
1366 px (page, tables, tiles, buttons) and breaks no heading inside a word at 390 px. The login still submits with
Enter in the password field."""

from __future__ import annotations

import re
import urllib.request

import pytest
from playwright.sync_api import Page, expect

from monitor import auth, db, roles, settings
from monitor.texts import ui
from tests.e2e.conftest import running_app

pytestmark = pytest.mark.e2e

FIRST_LOAD_MS = 180_000
RERUN_MS = 60_000
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
ACCOUNT, PASSWORD = "it-admin", "ein langes Passwort"
WIDE, NARROW = 1366, 390

# English of Streamlit's and plotly's own controls, as their frontend bundles write it (streamlit/static/static/js/
# *.js, plotly.js inside it): labels, tooltips, placeholders, hints, status texts, menus. Matched as whole words,
# case-sensitive. Month names that are the same in German (April, August, September, November) are left out.
STREAMLIT = [
    "Press Enter", "Press Ctrl+Enter", "Press ⌘+Enter", "to submit form", "to apply",
    "Show/hide columns", "Search", "Type to search", "Close Search", "Previous Result", "Next Result",
    "Download as CSV", "Download", "Fullscreen", "Close fullscreen", "Copy to clipboard", "Copy column name",
    "Dataframe column menu", "Sort ascending", "Sort descending", "Pin column", "Unpin column", "Hide column",
    "Autosize", "Statistics", "Distinct", "Standard deviation", "Scrollable table",
    "Help for", "Help", "Get help", "Report a bug",
    "Choose an option", "Choose options", "Select...", "Select all", "No results", "No options", "No data",
    "Clear all", "Clear value", "Clear selection", "Clear entry", "Selected values", "Open", "Close", "Dismiss",
    "Remove",
    "Drag and drop", "Browse files", "Upload", "Add files", "Upload directories", "Limit", "per file",
    "files are not allowed", "File must be", "Only one file", "Too many files", "file upload",
    "Show password", "Hide password", "Increment", "Decrement",
    "Choose date", "Choose date range", "Quick select", "Previous month", "Next month", "Use arrow keys",
    "day", "month", "year", "January", "February", "March", "May", "June", "July", "October", "December",
    "Running", "Running...", "Stop", "Stopping", "Stop script", "Deploy", "Rerun", "Always rerun", "Clear cache",
    "Settings", "Print", "Record a screencast", "About", "Made with Streamlit", "Main menu", "Theme", "Light",
    "Dark", "Sidebar", "Collapse sidebar", "Expand sidebar", "App pages", "Navigate to home page",
    "Link to heading", "Skip to main content", "Notifications", "Previous page", "Next page", "Pagination",
    "Connecting", "Please wait", "Something went wrong", "Error", "Unknown error", "Network issue",
    "Connection error", "Connection timed out", "Try again", "Unable to connect", "View more", "View less",
    "Show more", "Copied",
]
PLOTLY = [
    "Zoom", "Pan", "Box Select", "Lasso Select", "Zoom in", "Zoom out", "Autoscale", "Reset axes", "Reset view",
    "Reset views", "Reset camera", "Toggle Spike Lines", "Show closest data on hover", "Compare data on hover",
    "Toggle show closest data on hover", "Download plot", "Download plot as a PNG", "Produced with Plotly",
    "Double-click", "Click to enter", "trace 0", "trace 1", "Preparing image", "Taking snapshot",
    "Orbital rotation", "Turntable rotation", "Draw line", "Draw rectangle", "Erase active shape", "Share chart",
]
ENGLISH = re.compile("|".join([*(rf"(?<![\w-]){re.escape(s)}(?![\w-])" for s in STREAMLIT + PLOTLY),
                               r"\b[a-z_]+ icon\b"]))  # the names of Streamlit's icons ("check_circle icon")

# What a person sees and what a screen reader reads: text nodes that are rendered and not aria-hidden (icon
# glyphs are), and the attributes of every element, hidden ones too; also in same-origin frames.
COLLECT = """() => {
  const ATTRIBUTES = ["aria-label", "title", "placeholder", "alt", "data-title", "aria-valuetext",
                      "aria-roledescription", "aria-description"];
  const found = [];
  const scan = (doc, where) => {
    const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode, parent = node.parentElement;
      if (!node.nodeValue.trim() || !parent || parent.closest("script, style, [aria-hidden='true']")) continue;
      if (!parent.checkVisibility({visibilityProperty: true})) continue;
      found.push([where + "text", node.nodeValue.trim()]);
    }
    for (const el of doc.querySelectorAll("*")) {
      for (const name of ATTRIBUTES) {
        const value = el.getAttribute(name);
        if (value) found.push([where + name, value]);
      }
    }
    for (const frame of doc.querySelectorAll("iframe")) {
      try { if (frame.contentDocument) scan(frame.contentDocument, where + "iframe "); } catch (e) {}
    }
  };
  scan(document, "");
  return {lang: document.documentElement.lang, found};
}"""

# Elements wider than their box at 1366 px: the page, tables (Streamlit's grid and static tables), texts Streamlit
# keeps on one line (the tiles' comparison lines), tiles, button labels, captions.
OVERFLOW = """() => {
  const wider = (el) => el.scrollWidth > el.clientWidth + 1;
  const out = [];
  const check = (selector, pick) => document.querySelectorAll(selector).forEach((el) => {
    const box = pick ? pick(el) : el;
    if (box && wider(box)) {
      out.push(`${selector}: ${box.scrollWidth} > ${box.clientWidth}: ${el.innerText.slice(0, 60)}`);
    }
  });
  check("[data-testid='stMain']");
  check("[data-testid='stMainBlockContainer']");
  check("[data-testid='stDataFrame']", (el) => el.querySelector(".dvn-scroller"));
  check("[data-testid='stTable']", (el) => el.firstElementChild);
  check(".stMarkdownEllipsis");  // Streamlit's one-line texts, which it cuts off with "…"
  check("[data-testid='stMetric'] *");
  check("button *");
  check("[data-testid='stPageLink'] *");  // a link under a tile
  check("[data-testid='stCaptionContainer'] *");
  return out;
}"""

# Words of headings (and tile titles) that the browser broke over two lines at 390 px.
BROKEN_WORDS = """() => {
  const broken = [];
  const titles = "[data-testid='stMain'] :is(h1, h2, h3, h4), [data-testid='stMetricLabel'] p, "
               + "[data-testid='stExpander'] summary p";
  for (const el of document.querySelectorAll(titles)) {
    if (!el.checkVisibility()) continue;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      for (const match of node.nodeValue.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (tops.size > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}"""


@pytest.fixture(scope="module")
def german_app(tmp_path_factory):
    with running_app(tmp_path_factory.mktemp("german")) as (url, database_url):
        engine = db.make_engine(database_url)
        db.upgrade(engine)
        auth.add_user(engine, ACCOUNT, roles.ADMIN, PASSWORD, actor="test")
        engine.dispose()
        yield url


def wait_idle(page: Page, timeout: int = RERUN_MS) -> None:
    expect(page.locator(IDLE)).to_be_attached(timeout=timeout)


def english_on(page: Page, label: str) -> list[str]:
    """Every English text of Streamlit's or plotly's on the page now, as "label: where: text"."""
    result = page.evaluate(COLLECT)
    assert result["lang"] == "de", f"{label}: lang={result['lang']!r}"
    return [f"{label}: {where}: {text!r}" for where, text in result["found"] if ENGLISH.search(text)]


PAGE_OVERFLOW = """() => [document.documentElement, document.querySelector("[data-testid='stMain']")]
  .filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => `${el.scrollWidth} > ${el.clientWidth}`)"""


def check_layout(page: Page, label: str, width: int) -> list[str]:
    """At 1366 px nothing runs off; at 390 px no heading breaks inside a word, and a word too long for the line
    does not push the page sideways either (tables may scroll sideways inside their own box)."""
    if width == WIDE:
        return [f"{label}: runs off: {line}" for line in page.evaluate(OVERFLOW)]
    return [f"{label}: heading broken inside the word {word!r}" for word in page.evaluate(BROKEN_WORDS)] + \
        [f"{label}: the page is wider than the screen: {line}" for line in page.evaluate(PAGE_OVERFLOW)]


def open_menu_entry(page: Page, entry: str, title: str, width: int) -> None:
    """Through the menu (the login lives in the session); on a phone the menu is folded away first."""
    expand = page.get_by_test_id("stExpandSidebarButton")
    if width == NARROW and expand.is_visible():
        expand.click()
    page.get_by_test_id("stSidebarNav").get_by_text(entry, exact=True).click()
    expect(page.get_by_role("heading", name=title)).to_be_visible(timeout=RERUN_MS)
    wait_idle(page)
    collapse = page.get_by_test_id("stSidebarCollapseButton")
    if width == NARROW and collapse.is_visible():
        collapse.click()


def overview(page: Page, label: str, width: int) -> list[str]:
    expect(page.get_by_test_id("stPlotlyChart")).to_be_visible(timeout=FIRST_LOAD_MS)
    wait_idle(page, FIRST_LOAD_MS)
    chart = page.get_by_test_id("stPlotlyChart")
    chart.scroll_into_view_if_needed()
    chart.hover()  # plotly draws its mode bar and the hover label
    expect(chart.locator(".modebar-btn")).to_have_count(1)  # only the picture button
    problems = english_on(page, f"{label} (chart hovered)")
    period = page.get_by_role("combobox", name=ui.PERIOD)
    period.click()
    period.press_sequentially("zzz")  # a filter without a match: Streamlit's "No results"
    problems += english_on(page, f"{label} (choice without a match)")
    period.press("Escape")
    return problems + check_layout(page, label, width)


def login_page(page: Page, url: str, label: str, width: int) -> list[str]:
    page.goto(f"{url}/anmelden")
    name = page.get_by_label(ui.LOGIN_NAME)
    expect(name).to_be_visible(timeout=FIRST_LOAD_MS)
    wait_idle(page, FIRST_LOAD_MS)
    name.fill(ACCOUNT)  # Streamlit shows its hint under a filled field of a form
    expect(page.get_by_test_id("InputInstructions")).to_have_count(1)
    return english_on(page, label) + check_layout(page, label, width)


def log_in_with_enter(page: Page) -> None:
    page.get_by_label(ui.LOGIN_PASSWORD, exact=True).fill(PASSWORD)
    page.get_by_label(ui.LOGIN_PASSWORD, exact=True).press("Enter")
    expect(page.get_by_role("heading", name=ui.OVERVIEW_TITLE)).to_be_visible(timeout=RERUN_MS)
    wait_idle(page)


def upload_page(page: Page, label: str, width: int) -> list[str]:
    uploader = page.get_by_test_id("stFileUploader")
    problems = english_on(page, f"{label} (empty upload field)")
    uploader.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
        str(settings.DEMO_DIR / "kontakte.csv"))  # already imported: a preview, nothing changes
    expect(page.get_by_role("heading", name=ui.UPLOAD_PREVIEW)).to_be_visible(timeout=RERUN_MS)
    wait_idle(page)
    expect(page.get_by_text(ui.UPLOAD_NOTHING_NEW)).to_be_visible(timeout=RERUN_MS)
    return problems + english_on(page, f"{label} (file dropped)") + check_layout(page, label, width)


def data_format_page(page: Page, label: str, width: int) -> list[str]:
    page.get_by_test_id("stExpander").first.locator("summary").click()
    expect(page.get_by_test_id("stTable").first).to_be_visible(timeout=RERUN_MS)
    return english_on(page, label) + check_layout(page, label, width)


def audit_log_page(page: Page, label: str, width: int) -> list[str]:
    expect(page.get_by_test_id("stDataFrame")).to_be_visible(timeout=RERUN_MS)
    problems = english_on(page, label) + check_layout(page, label, width)
    page.get_by_test_id("stDateInputCalendarButton").first.click()  # the date picker
    expect(page.get_by_test_id("stDateInputCalendar")).to_be_visible(timeout=RERUN_MS)
    problems += english_on(page, f"{label} (date picker)")
    page.keyboard.press("Escape")
    return problems


def test_the_document_is_german_from_the_first_byte(german_app):
    for path in ("/", "/anmelden", "/protokoll"):
        with urllib.request.urlopen(f"{german_app}{path}", timeout=30) as response:
            html = response.read().decode("utf-8")
        assert '<html lang="de">' in html and f"<title>{ui.APP_TITLE}</title>" in html, path


@pytest.mark.parametrize("width", [WIDE, NARROW])
def test_no_english_of_streamlit_or_plotly_on_any_page_of_any_role(page: Page, german_app: str, width: int):
    page.set_viewport_size({"width": width, "height": 900})
    problems = []
    # the public: the overview and the login page
    page.goto(german_app)
    problems += overview(page, f"{width} public overview", width)
    problems += login_page(page, german_app, f"{width} login", width)
    # the administrator, who sees every page
    log_in_with_enter(page)
    problems += overview(page, f"{width} admin overview", width)
    for entry, title, check in ((ui.PAGE_UPLOAD, ui.UPLOAD_TITLE, upload_page),
                                (ui.PAGE_CONTRACT, ui.CONTRACT_TITLE, data_format_page),
                                (ui.PAGE_AUDIT, ui.AUDIT_TITLE, audit_log_page)):
        open_menu_entry(page, entry, title, width)
        problems += check(page, f"{width} {entry}", width)
    assert problems == []
