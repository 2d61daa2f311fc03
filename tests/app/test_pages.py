"""Pages through Streamlit's AppTest, against a real database: the demo data loaded by monitor.bootstrap
(through the normal import pipeline), and an empty database."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select
from streamlit.proto.Metric_pb2 import Metric as MetricProto
from streamlit.testing.v1 import AppTest

from monitor import audit, auth, bootstrap, db, roles, settings, targets
from monitor.periods import Period
from monitor.texts import ui
from tests.app.conftest import use_database
from ui import session

PROJECT = settings.PROJECT_DIR
DASHBOARD = str(PROJECT / "dashboard.py")
OVERVIEW_PAGE = str(PROJECT / "pages" / "uebersicht.py")
PAGES = sorted(p for p in (PROJECT / "pages").glob("*.py") if not p.name.startswith("_"))
WIETZE = "03351023"
TIMEOUT = 120  # the first run loads and caches the demo frames

TILE_LABELS = [
    "Aktive Fälle",
    "Fälle je Vollzeitstelle",
    "Kursabschlussquote",
    "DTZ-B1-Quote",
    "Vermittelte Praktika",
    "Integrationscafé",
    "Aktive Netzwerkpartner",
    "Frauen von Frauen beraten",
]
# German numbers: 1.234 / 12,5 / 54,3 % (no-break space), or the markers for suppressed and missing values; the
# café's sessions in words ("46 von 47 Terminen", monitor.texts.kpis.HEADLINES).
NUMBER = r"\d{1,3}(\.\d{3})*"
GERMAN_VALUE = re.compile(rf"^({NUMBER}(,\d+)?(\u00a0%)?|{NUMBER} von {NUMBER} Terminen|•|–)$")
GERMAN_CHANGE = re.compile(r"^([+\u2212]\d{1,3}(\.\d{3})*|±0)(,\d)?(\u00a0Pp\.)?$")


def logged_in(role: str) -> dict:
    """The session of a local login with `role` (the account is created in the current database once)."""
    name = f"test-{role}"
    engine = db.get_engine()
    if auth.account(engine, name) is None:
        auth.add_user(engine, name, role, "ein langes Passwort", actor="test")
    return {"name": name, "role": role, "last_seen": datetime.now(UTC)}


def run(path: str = DASHBOARD, role: str | None = None) -> AppTest:
    """Run a page or the whole app; as the public (no login) or logged in with `role`."""
    at = AppTest.from_file(path, default_timeout=TIMEOUT)
    at.context = {"locale": "de-DE"}  # as a German browser sends it
    if role is not None and role != roles.PUBLIC:
        at.session_state[session.STATE] = logged_in(role)
    return at.run()


def metrics(at: AppTest) -> dict:
    return {m.label: m for m in at.metric}


def captions(at: AppTest) -> list[str]:
    return [c.value for c in at.caption]


def test_overview_shows_the_eight_tiles_in_german(demo_db):
    at = run()
    assert not at.exception
    assert [m.label for m in at.metric] == TILE_LABELS
    for metric in at.metric:
        assert GERMAN_VALUE.match(metric.value), (metric.label, metric.value)
        if metric.proto.delta:
            assert GERMAN_CHANGE.match(metric.proto.delta), (metric.label, metric.proto.delta)
            assert metric.proto.delta_description.startswith("ggü. ")
    values = {label: m.value for label, m in metrics(at).items()}
    assert values["Aktive Fälle"] not in ("•", "–", "0")
    assert values["Frauen von Frauen beraten"].endswith("\u00a0%") and "," in values["Frauen von Frauen beraten"]
    assert values["Aktive Netzwerkpartner"].isdigit()
    assert "." not in values["Integrationscafé"]  # a decimal point would be English
    assert re.fullmatch(r"\d+ von \d+ Terminen", values["Integrationscafé"])  # held of planned, not a bare share
    # a target line under the tiles, and the fixed German notes
    texts = captions(at)
    assert any(re.match(r"^Ziel 20\d\d: (mindestens|höchstens) ", t) for t in texts)
    assert any(t.startswith("Alle Zahlen stammen aus den eigenen") for t in texts)
    assert at.title[0].value.startswith("Übersicht")


def test_the_start_up_runs_the_retention_once_a_day_and_the_figures_reach_back_all_the_same(demo_db):
    run()
    run()
    runs = audit.entries(demo_db, audit.Filter(actions=(audit.RETENTION,)))
    assert len(runs) == 1 and runs["row_count"].iloc[0] > 0  # the demo data reach back to 2015
    with demo_db.connect() as conn:
        assert conn.execute(select(func.count()).select_from(db.kpi_archive)).scalar_one() > 0
    at = run()
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["data"][0]["x"][0] == "2015 Q1"  # the trend from the archive
    assert "2015" in at.selectbox[0].options


def test_default_period_is_the_running_year_to_the_data_stand(demo_db):
    at = run()
    period = at.selectbox[0].value
    assert isinstance(period, Period) and period.quarter is None
    assert at.selectbox[0].options[0] == period.label  # the newest year is the default
    header = next(t for t in captions(at) if t.startswith("Gemeinde "))
    assert f"Zeitraum {period.label}" in header and "Datenstand " in header


def test_k2_change_colour_is_inverted(demo_db):
    at = run()
    k2 = metrics(at)["Fälle je Vollzeitstelle"]
    if k2.proto.delta and not k2.proto.delta.startswith("±"):
        rising = k2.proto.delta.startswith("+")
        assert k2.proto.direction == (MetricProto.MetricDirection.UP if rising else MetricProto.MetricDirection.DOWN)
        assert k2.proto.color == (MetricProto.MetricColor.RED if rising else MetricProto.MetricColor.GREEN)


def test_trend_chart_with_german_target_groups(demo_db):
    at = run()
    charts = at.get("plotly_chart")
    assert len(charts) == 1
    spec = json.loads(charts[0].proto.spec)
    names = {trace["name"] for trace in spec["data"]}
    assert "Schutz anerkannt" in names
    assert names <= {"Im Asylverfahren", "Geduldet", "Schutz anerkannt", "EU-Arbeitnehmende",
                     "Weitere Drittstaatsangehörige", "Spätaussiedler", "Deutsche mit Migrationshintergrund",
                     "Weitere Zielgruppen", "Nicht ausgewiesen (•)"}
    first = spec["data"][0]["x"]
    assert first[0] == "2015 Q1"  # since 2015, as quarter categories
    assert spec["layout"]["separators"] == ",."
    assert spec["layout"]["xaxis"]["type"] == "category"
    assert at.subheader[0].value == "Aktive Fälle nach Zielgruppe"


def test_switching_to_quarters(demo_db):
    at = run()
    at.radio(key="granularity").set_value("Quartal").run()
    assert not at.exception
    period = at.selectbox(key=f"period-{WIETZE}-q").value
    assert period.quarter is not None
    assert all("Quartal" in label for label in at.selectbox(key=f"period-{WIETZE}-q").options)
    assert [m.label for m in at.metric] == TILE_LABELS
    assert any(m.proto.delta_description.startswith("ggü. ") and "Quartal" in m.proto.delta_description
               for m in at.metric)
    assert any(t.startswith("Ziel ") and "gilt für das ganze Jahr" in t for t in captions(at))  # K2


def past_year(role: str | None) -> AppTest:
    at = run(role=role)
    box = at.selectbox(key=f"period-{WIETZE}-y")
    box.select_index(box.options.index("2024")).run()
    assert not at.exception
    assert at.selectbox(key=f"period-{WIETZE}-y").value == Period(2024)
    return at


def test_a_past_year_shows_targets_and_their_status(demo_db):
    at = past_year(roles.MAYOR)
    texts = captions(at)
    assert "Ziel 2024: höchstens 150" in texts
    assert "Ziel 2024: mindestens 55\u00a0%" in texts
    badges = [m.value for m in at.markdown if "badge" in m.value]
    assert len(badges) == 7  # every KPI but K1 has a target in 2024
    assert all(any(s in b for s in ("erreicht", "nicht erreicht", "noch offen", "nicht bewertbar")) for b in badges)


def test_a_withheld_tile_has_no_target_status_for_the_public(demo_db):
    at = past_year(None)
    badges = [m.value for m in at.markdown if "badge" in m.value]
    withheld = captions(at).count(ui.WITHHELD)
    assert withheld and len(badges) + withheld == 7  # a withheld figure is neither met nor missed
    assert not any("nicht bewertbar" in b for b in badges)


def test_a_target_changed_in_the_database_counts_at_once_on_the_overview(demo_db):
    """The targets live in the database (edited on the page Ziele): removing the Gemeinde's targets leaves every
    tile without one on the next run, putting them back brings the badges back."""
    engine = db.get_engine()
    kept = targets.from_database(engine)
    kept = kept[kept["ags"] == WIETZE][list(targets.EDIT_COLUMNS)]
    with_targets = run(role=roles.MAYOR)
    assert len(kept) and captions(with_targets).count("Kein Ziel festgelegt") < len(TILE_LABELS)
    try:
        targets.save(engine, WIETZE, kept.iloc[0:0], actor="test")
        without = run(role=roles.MAYOR)
        assert not without.exception
        assert captions(without).count("Kein Ziel festgelegt") == len(TILE_LABELS)
    finally:
        targets.save(engine, WIETZE, kept, actor="test")
    again = run(role=roles.MAYOR)
    assert captions(again) == captions(with_targets)


def test_empty_database_shows_a_german_hint(empty_db):
    at = run(OVERVIEW_PAGE)
    assert not at.exception
    assert at.info[0].value.startswith("Für diese Datenbank liegen noch keine Daten vor")
    assert not at.metric and not at.get("plotly_chart")


def test_no_case_level_rows_reach_the_browser(demo_db):
    at = run()
    assert not at.dataframe and not at.table and not at.json
    # no pseudonym (64 hex characters) or case id in any text element
    for element in [*at.markdown, *at.caption, *at.text]:
        assert not re.search(r"\b[0-9a-f]{64}\b", element.value)


def test_start_failure_shows_a_german_message_not_a_traceback(tmp_path):
    blocked = tmp_path / "kein-ordner"
    blocked.write_text("a file where the database folder should be", encoding="utf-8")
    with use_database(f"sqlite:///{blocked / 'monitor.db'}"):
        at = run()
    assert not at.exception
    assert at.error[0].value.startswith("Der Integrationsmonitor konnte nicht starten")
    assert not at.metric


def test_gemeinde_selector_with_several_gemeinden(tmp_path):
    from etl import demo
    from etl.pipeline import import_files

    with use_database(f"sqlite:///{tmp_path / 'zwei.db'}") as engine:
        bootstrap.ensure_ready(engine, load_demo=False)
        paths = demo.generate(tmp_path / "exporte", scale=2)
        assert import_files(engine, [(p.name, p.read_bytes()) for p in paths], user="test").ok
        at = run()
        assert not at.exception
        box = at.selectbox(key="ags")
        assert box.options == ["Gemeinde Adelheidsdorf", "Gemeinde Wietze"]  # by name
        assert box.value == "03351001"
        box.select(WIETZE).run()
        assert not at.exception
        assert at.selectbox(key="ags").value == WIETZE
        assert at.selectbox(key=f"period-{WIETZE}-y").value.year >= 2015
        assert "Gemeinde Wietze" in captions(at)[0]
        assert [m.label for m in at.metric] == TILE_LABELS


STREAMLIT_PLACEHOLDERS = {"Choose an option", "Choose options", "Select...", ""}  # English, or none at all


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_every_page_runs_for_every_role_that_may_open_it(demo_db, page: Path):
    """Smoke test (as in OpenMS/streamlit-template): every page module runs without an exception."""
    allowed = sorted(roles.PAGES[page.stem])
    assert allowed, f"pages/{page.name} is not in monitor.roles.PAGES"
    for role in allowed:
        at = run(str(page), role=role)
        assert not at.exception, (role, [e.value for e in at.exception])
        assert not at.error, (role, [e.value for e in at.error])
        empty = [b for b in at.selectbox if b.value is None] + [b for b in at.multiselect if not b.value]
        assert not [b.label for b in empty if b.proto.placeholder in STREAMLIT_PLACEHOLDERS], role  # German only


def test_data_format_page_lists_every_kind_with_its_columns_and_a_template(demo_db):
    from monitor import contract, contract_docs

    at = run(str(PROJECT / "pages" / "datenformat.py"), role=roles.STAFF)
    assert not at.exception
    assert at.title[0].value == "Datenformat und Vorlagen"
    assert [e.label for e in at.expander] == [f"{k.label} ({k.slug}.csv)" for k in contract.KINDS]
    cases = at.table[0].value  # a static table: its long descriptions wrap and are read in full
    assert list(cases["Spalte"]) == contract.CASES.headers
    assert cases.loc[cases["Spalte"] == "geschlecht", "Erlaubte Werte"].item() == "w, m, d, k"
    assert not at.dataframe
    buttons = at.get("download_button")
    # per kind the templates and the column description, each as CSV and XLSX; and the whole description
    assert len(buttons) == 4 * len(contract.KINDS) + 1
    labels = [b.proto.label for b in buttons]
    assert "Spaltenbeschreibung Fälle als CSV herunterladen" in labels
    assert not [label for label in labels if "Dienstgebrauch" in label]  # the contract is no data
    assert contract_docs.template_bytes(contract.CASES).startswith("\ufeffgemeinde_ags;fall_id".encode("utf-8"))


def trend_traces(at: AppTest) -> dict[str, dict[str, int]]:
    """Trace name -> {quarter: value} of the trend chart; a quarter without a point is not in it."""
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    return {trace["name"]: dict(zip(trace["x"], trace["y"])) for trace in spec["data"]}


def test_trend_hides_small_groups_from_the_public_but_not_from_staff(demo_db):
    public, staff = trend_traces(run()), trend_traces(run(role=roles.STAFF))
    band = "Nicht ausgewiesen (•)"
    assert band in public and band not in staff
    assert not any(1 <= v <= 4 for name, points in public.items() if name != band for v in points.values())
    assert any(1 <= v <= 4 for points in staff.values() for v in points.values())
    # a withheld group is a gap, never a 0 where the staff see people
    for name, points in public.items():
        for quarter, value in points.items():
            if name != band:
                assert value == staff[name][quarter], (name, quarter)
    # closed quarters only for the public; the stack's height is the published total, the same as the staff's
    quarters = {q for points in public.values() for q in points}
    assert max(quarters) == "2026 Q3" and "2026 Q4" in {q for points in staff.values() for q in points}
    for quarter in quarters:
        public_total = sum(points.get(quarter, 0) for points in public.values())
        staff_total = sum(points.get(quarter, 0) for points in staff.values())
        if quarter in public[band] or all(quarter in points for points in public.values()):
            assert public_total == staff_total, quarter
