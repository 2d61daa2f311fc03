"""German and legible on every page, through AppTest against the demo database: the German layer is on every
page, charts carry plotly's German, tiles say better or worse in words, and tables offer downloads that mark
exact figures and are written to the audit log. (What the browser shows of it: tests/e2e/test_german_browser.py.)"""

from __future__ import annotations

import hashlib
import json
from datetime import date, timedelta

import pytest
from streamlit.proto.Metric_pb2 import Metric as MetricProto

from monitor import audit, db, roles
from monitor.texts import ui
from tests.app.test_pages import DASHBOARD, PROJECT, run
from tests.app.test_roles import PAGE_FILES, last_audit
from ui import downloads, german, printing


@pytest.mark.parametrize("role", roles.ROLES)
def test_every_page_of_every_role_gets_the_german_and_the_print_layer(demo_db, role):
    at = run(DASHBOARD, role=role)
    assert not at.exception
    html = at.get("html")
    scripts = [h for h in html if h.proto.unsafe_allow_javascript]
    styles = [h for h in html if not h.proto.unsafe_allow_javascript]
    assert [h.proto.body for h in scripts] == [
        f'<span id="{german.MARKER}" hidden></span><script>{german.script()}</script>',
        f'<span id="{printing.MARKER}" hidden></span><script>{printing.script()}</script>']  # and the print layer
    assert [h.proto.body for h in styles] == [f"<style>{german.CSS}</style>", f"<style>{printing.CSS}</style>"]


def test_the_chart_speaks_german_and_keeps_only_its_picture_button(demo_db):
    at = run()
    config = json.loads(at.get("plotly_chart")[0].proto.config)
    assert config["locale"] == "de" and config["locales"]["de"]["format"]["decimal"] == ","
    assert config["modeBarButtons"] == [["toImage"]]
    assert config["toImageButtonOptions"]["filename"] == ui.CHART_FILE


@pytest.mark.parametrize("role", [roles.PUBLIC, roles.MAYOR])
def test_tiles_say_better_or_worse_in_words_not_colour_alone(demo_db, role):
    at = run(role=role)
    verdicts = {MetricProto.MetricColor.GREEN: ui.CHANGE_BETTER, MetricProto.MetricColor.RED: ui.CHANGE_WORSE}
    judged = 0
    for metric in at.metric:
        if not metric.proto.delta:
            continue
        description = metric.proto.delta_description
        assert description.startswith("ggü. ")
        if metric.proto.color in verdicts:
            assert description.endswith(f": {verdicts[metric.proto.color]}"), (metric.label, description)
            judged += 1
        else:
            assert not description.endswith((ui.CHANGE_BETTER, ui.CHANGE_WORSE)), (metric.label, description)
    assert judged  # the demo data have changes for the better and the worse


def test_the_audit_log_marks_its_downloads_and_logs_them(demo_db):
    at = run(PAGE_FILES["protokoll"], role=roles.ADMIN)
    assert not at.exception
    today = date.today()
    shown_entries = audit.entries(db.get_engine(), audit.Filter(today - timedelta(days=30), today))
    entries = audit.labelled(shown_entries)
    sha = ui.AUDIT_COLUMNS["file_sha256"]
    table = at.dataframe[0].value
    hashes = [h for h in entries[sha] if h != "–"]
    assert hashes and all(len(h) == 64 for h in hashes)  # the demo imports
    assert sha not in table.columns and list(table.columns) == list(audit.on_page(entries).columns)
    shown = " ".join(table[ui.AUDIT_COLUMNS["object"]])
    assert all(f"Prüfsumme {h[:8]}…" in shown and h not in shown for h in hashes)  # the start of each on the page
    assert ui.AUDIT_HASH_NOTE in [c.value for c in at.caption]
    expected = downloads.csv_bytes(entries, exact=True)  # ... all of it in the download
    assert all(h.encode() in expected for h in hashes)
    assert expected.decode("utf-8-sig").startswith(ui.FOR_OFFICIAL_USE + "\r\n")
    buttons = {b.proto.label: b for b in at.get("download_button")}
    csv_label, xlsx_label = downloads.labels(ui.AUDIT_TITLE, exact=True)
    assert set(buttons) == {csv_label, xlsx_label} and "(nur für den Dienstgebrauch)" in csv_label

    at.get("download_button")[0].click().run()
    assert not at.exception
    entry = last_audit(audit.EXPORT)
    assert entry is not None and (entry["object"], entry["row_count"]) == ("protokoll.csv", len(entries))
    assert entry["file_sha256"] == hashlib.sha256(expected).hexdigest()  # exactly the file that was offered
    assert entry["actor"] == f"test-{roles.ADMIN}" and entry["role"] == roles.ADMIN


def test_the_data_format_is_no_data_and_is_not_logged(demo_db):
    before = len(audit.entries(db.get_engine(), audit.Filter(actions=(audit.EXPORT,))))
    at = run(str(PROJECT / "pages" / "datenformat.py"), role=roles.STAFF)
    button = next(b for b in at.get("download_button") if b.proto.label.startswith(ui.CONTRACT_TABLE.format(kind="")))
    button.click().run()
    assert not at.exception
    assert len(audit.entries(db.get_engine(), audit.Filter(actions=(audit.EXPORT,)))) == before
