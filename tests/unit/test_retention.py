"""Retention (docs/datenschutz.md, "Aufbewahrung"): microdata before the cut-off go, every figure stays the same
(from the archive), imports do not bring the rows back, audit entries expire after 12 months and not before."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta

import pandas as pd
import pytest
from sqlalchemy import delete, func, select, text, update
from sqlalchemy.exc import DBAPIError

from etl.pipeline import import_files
from monitor import audit, bootstrap, cli, contract, db, overview, published, queries, retention, settings
from monitor.periods import Period
from monitor.scope import ALL
from monitor.texts import ui
from tests.unit.test_load import CASE_HEADER, CONTACT_HEADER, csv_file

TODAY = date(2026, 12, 4)  # the cut-off is then 1 January 2024
CUT_OFF = date(2024, 1, 1)
WIETZE = "03351023"


def counts(engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {k.name: conn.execute(select(func.count()).select_from(db.TABLES[k.name])).scalar_one()
                for k in contract.KINDS}


def table_count(engine, table) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


# --- the proof: every figure of every period and the published set are the same after a run ------------------


def everything(engine, today: date) -> dict:
    """Every figure a view, the command line or the published set can give, per Gemeinde."""
    out: dict = {"gemeinden": queries.gemeinden(engine), "cases": queries.case_counts(engine)}
    for ags in out["gemeinden"]:
        source = queries.load_source(engine, ags)
        first = source.first_day()
        closed = published.closed_periods(date(first.year, 1, 1), today)
        every = [closed[0].previous(), *closed]
        out[ags] = {
            "first": first, "first_case": source.first_case(), "stand": source.stand(today),
            "values": {p.key: source.values(p) for p in every},
            "trend": overview.trend_frame(source, source.stand(today)),
        }
        for quarterly in (False, True):
            options = overview.period_options(source, quarterly, today)
            out[ags][("options", quarterly)] = options
            # the tiles compare with the period before: every year, the quarters on both sides of the cut-off
            out[ags][("tiles", quarterly)] = [overview.build_overview(source, p, None, ags=ags) for p in options
                                              if not quarterly or p.year in (2016, 2023, 2024, 2026)]
    pset = published.from_database(engine, today)
    figures = {key: {k: (f.values, f.hidden) for k, f in by_kpi.items()} for key, by_kpi in pset.figures.items()}
    out["published"] = (pset.gemeinden, pset.periods, pset.stand, pset.categories, pset.hidden, figures)
    out["cli"] = [cli.kpis_payload(engine, as_of, WIETZE, quarterly, today=today, scope=ALL)
                  for as_of in (date(2019, 12, 31), date(2023, 12, 31), date(2025, 3, 31))
                  for quarterly in (False, True)]
    out["cli", "rat"] = cli.kpis_payload(engine, date(2023, 12, 31), WIETZE, True, "rat", today=today, scope=ALL)
    return out


def test_every_figure_and_the_published_set_are_the_same_after_a_run(engine):
    bootstrap.load_demo_files(engine)
    before, stored = everything(engine, TODAY), counts(engine)
    # the demo data reach back to 2015: most of them lie wholly before the cut-off
    assert before[WIETZE]["first"] == date(2015, 10, 1)
    assert before[WIETZE]["trend"]["period"].iloc[0] == "2015-Q1"

    result = retention.run(engine, TODAY)

    after = counts(engine)
    assert {k: stored[k] - after[k] for k in stored} == result.removed
    assert result.removed["cases"] > 300 and result.removed["contacts"] > 3000 and result.archived > 40
    frames = queries.load_all(engine)
    for kind in contract.KINDS:  # what is left lies (partly) after the cut-off or is still open
        assert not retention.expired(kind, frames[kind.name], CUT_OFF, retention.seen_after(
            engine.connect(), CUT_OFF)).any(), kind.name
    assert frames["contacts"]["date"].min() >= pd.Timestamp(CUT_OFF)
    assert (frames["cases"]["closed_on"].isna() | (frames["cases"]["closed_on"] >= pd.Timestamp(CUT_OFF))).all()

    again = everything(engine, TODAY)
    for key in before:
        if key in before["gemeinden"]:
            for part in before[key]:
                if part == "trend":
                    pd.testing.assert_frame_equal(before[key][part], again[key][part])
                else:
                    assert before[key][part] == again[key][part], (key, part)
        else:
            assert before[key] == again[key], key
    # the archived periods' figures come from the archive: the rows are gone; a year to date before the cut-off
    # has no figures any more (the archive holds closed quarters and years only)
    assert queries.load_source(engine, WIETZE).archived(Period(2019))
    assert cli.kpis_payload(engine, date(2019, 6, 30), WIETZE, False, today=TODAY, scope=ALL)["ags"] is None
    assert table_count(engine, db.kpi_archive) > 0


# --- which rows go, by hand ----------------------------------------------------------------------------------


def frame(kind_name: str, *rows: dict) -> pd.DataFrame:
    return queries.typed_frame(contract.kind(kind_name), pd.DataFrame(list(rows)))


def gone(kind_name: str, *rows: dict, seen: retention.Seen | None = None) -> list[bool]:
    return retention.expired(contract.kind(kind_name), frame(kind_name, *rows), CUT_OFF,
                             seen or retention.Seen()).tolist()


def test_which_rows_lie_wholly_before_the_cut_off():
    case = dict(ags=WIETZE, case_id="a", opened_on="2016-03-01")
    assert gone("cases", {**case, "closed_on": "2023-12-31"}, {**case, "closed_on": "2024-01-01"},
                {**case, "closed_on": None}) == [True, False, False]  # closed before; on the cut-off; open
    # a case with a contact on or after the cut-off stays (its gender counts for K18 then)
    assert gone("cases", {**case, "closed_on": "2019-05-01"},
                seen=retention.Seen(cases=frozenset({(WIETZE, "a")}))) == [False]
    assert gone("contacts", dict(ags=WIETZE, date="2023-12-31"), dict(ags=WIETZE, date="2024-01-01")) == [True, False]
    assert gone("cafe_sessions", dict(ags=WIETZE, date="2023-06-01"), dict(ags=WIETZE, date="2024-06-01")) == \
        [True, False]
    assert gone("network_events", dict(ags=WIETZE, date="2023-06-01")) == [True]
    enrolment = dict(ags=WIETZE, entitled_on="2019-01-10")
    assert gone("enrolments",
                {**enrolment, "started_on": "2019-02-01", "ended_on": "2019-12-20", "status": "regulaer_beendet"},
                {**enrolment, "status": "abgebrochen"},  # broken off before it began
                {**enrolment, "status": "wartend"},  # still waiting for a course: open
                {**enrolment, "started_on": "2019-02-01", "status": "laufend"},
                {**enrolment, "started_on": "2023-02-01", "ended_on": "2024-02-01", "status": "abgebrochen"},
                ) == [True, True, False, False, False]
    place = dict(ags=WIETZE, offered_on="2019-01-10", placed_on="2019-02-01", start="2019-03-01", end="2019-04-30")
    assert gone("internships", {**place, "status": "abgeschlossen", "outcome_on": "2019-08-01"},
                {**place, "status": "abgeschlossen", "outcome_on": "2024-02-01"},  # the outcome came after
                {**place, "status": "vermittelt"},  # not over
                {**place, "status": "abgebrochen"}) == [True, False, False, True]
    assert gone("courses", dict(ags=WIETZE, start="2019-01-01", end="2019-06-30"),
                dict(ags=WIETZE, start="2019-01-01", end=None)) == [True, False]
    partner = dict(ags=WIETZE, active_from="2016-01-01")
    assert gone("partners", {**partner, "active_until": "2022-12-31"}, {**partner, "active_until": None},
                {**partner, "active_until": "2022-12-31", "agreement_on": "2024-03-01"}) == [True, False, False]
    staff = dict(ags=WIETZE, officer="IB-W", valid_from="2016-01-01", valid_until="2020-06-30")
    assert gone("staffing", staff, {**staff, "valid_until": None}) == [True, False]
    assert gone("staffing", staff, seen=retention.Seen(officers=frozenset({(WIETZE, "IB-W")}))) == [False]


def test_the_cut_off_and_the_months():
    assert retention.cut_off_for(date(2026, 12, 4), 2) == date(2024, 1, 1)
    assert retention.cut_off_for(date(2026, 1, 1), 0) == date(2026, 1, 1)
    assert retention.cut_off_for(date(2026, 1, 1), None) is None
    assert audit.months_before(datetime(2027, 3, 31, 8, tzinfo=UTC), 13) == datetime(2026, 2, 28, 8, tzinfo=UTC)
    assert audit.months_before(datetime(2026, 12, 4, tzinfo=UTC), 12) == datetime(2025, 12, 4, tzinfo=UTC)


def test_settings_off_and_refused(monkeypatch):
    monkeypatch.delenv("MONITOR_RETENTION_YEARS", raising=False)
    monkeypatch.delenv("MONITOR_AUDIT_RETENTION_MONTHS", raising=False)
    assert (settings.retention_years(), settings.audit_retention_months()) == (2, 12)
    monkeypatch.setenv("MONITOR_RETENTION_YEARS", "aus")
    monkeypatch.setenv("MONITOR_AUDIT_RETENTION_MONTHS", "24")
    assert (settings.retention_years(), settings.audit_retention_months()) == (None, 24)
    monkeypatch.setenv("MONITOR_AUDIT_RETENTION_MONTHS", "6")
    with pytest.raises(settings.SettingError, match="mindestens 12 Monate"):
        settings.audit_retention_months()
    monkeypatch.setenv("MONITOR_RETENTION_YEARS", "zwei")
    with pytest.raises(settings.SettingError, match="ungültigen Wert"):
        settings.retention_years()


# --- small database cases -------------------------------------------------------------------------------------

CASES = csv_file("faelle.csv", CASE_HEADER,
                 "03351023;F-1;geduldet;w;14.03.2022;30.06.2022;wegzug;1",  # wholly before the cut-off
                 "03351023;F-2;geduldet;m;01.04.2022;;;2",  # open
                 "03351023;F-3;schutz_anerkannt;w;02.05.2025;;;3",
                 "03351023;F-4;geduldet;w;02.05.2022;30.06.2023;wegzug;1")  # closed before, a contact after
# The officer the contacts name (the import checks Kürzel against the staffing); from the first case's quarter.
STAFFING = csv_file("stellenanteile.csv", "gemeinde_ags;kuerzel;geschlecht;vze;gueltig_ab",
                    "03351023;IB-W;w;0,5;01.03.2022")
CONTACTS = csv_file("kontakte.csv", CONTACT_HEADER, "03351023;K-1;F-1;02.05.2022;sprechstunde;wohnen;IB-W;30",
                    "03351023;K-2;F-4;02.05.2024;sprechstunde;wohnen;IB-W;30")


def test_a_small_run_removes_what_the_rules_say_and_a_second_run_nothing(engine):
    assert import_files(engine, [STAFFING, CASES, CONTACTS], user="anna").ok
    version = queries.data_version(engine)
    result = retention.run(engine, TODAY)
    assert result.removed["cases"] == 1 and result.removed["contacts"] == 1  # F-1 and its contact of 2018
    assert counts(engine)["cases"] == 3
    assert queries.case_counts(engine) == {WIETZE: 4}  # the removed case still counts for offering the Gemeinde
    assert queries.data_version(engine) > version  # the caches of the pages are invalidated
    entries = audit.entries(engine, audit.Filter(actions=(audit.RETENTION,)))
    assert len(entries) == 1 and entries["row_count"].iloc[0] == 2
    assert "Fälle 1" in entries["detail"].iloc[0] and "Kontakte 1" in entries["detail"].iloc[0]
    assert ui.AUDIT_ACTION_LABELS[audit.RETENTION].startswith("Aufbewahrung")
    second = retention.run(engine, TODAY)
    assert second.rows == 0 and second.archived == 0 and counts(engine)["cases"] == 3


def test_an_import_after_a_run_does_not_store_rows_before_the_cut_off(engine):
    assert import_files(engine, [STAFFING, CASES, CONTACTS], user="anna").ok
    retention.run(engine, TODAY)
    stored = counts(engine)
    # the next full export: the same rows and a new case; F-1 lies wholly before the cut-off
    again = csv_file("faelle_2026.csv", CASE_HEADER, *CASES[1].decode("cp1252").splitlines()[1:],
                     "03351023;F-5;geduldet;m;02.09.2026;;;1")
    report = import_files(engine, [again], user="anna")
    assert report.ok, [p.message for f in report.files for p in f.problems]
    result = report.files[0]
    assert (result.inserted, result.updated, result.removed, result.stale) == (1, 0, 0, 0)
    warning = [p.message for p in result.warnings]
    assert warning == ["1 Zeile(n) liegen ganz vor dem Stichtag 01.01.2024 der Aufbewahrung und werden nicht "
                       "gespeichert: für diese Zeit sind nur noch die Kennzahlen archiviert (siehe Datenschutz, "
                       "Aufbewahrung)."]
    assert counts(engine)["cases"] == stored["cases"] + 1
    # a file that replaces its period: stored rows that lie wholly before the cut-off are not "to be removed"
    with engine.begin() as conn:  # F-4's contact of 2024 goes: F-4 now lies wholly before the cut-off
        conn.execute(delete(db.TABLES["contacts"]))
    newer = csv_file("faelle_neu.csv", CASE_HEADER, "03351023;F-2;geduldet;m;01.04.2022;;;2",
                     "03351023;F-4;geduldet;w;02.05.2022;30.06.2023;wegzug;1",
                     "03351023;F-5;geduldet;m;02.09.2026;;;1")
    report = import_files(engine, [newer], user="anna", dry_run=True)
    # F-4 is not stored again, and of the stored rows of the file's period only F-3 (2025) is missing from it
    assert report.files[0].stale == 1 and len(report.files[0].warnings) == 1


def test_a_gemeinde_whose_rows_are_all_archived_keeps_its_figures(engine):
    old = csv_file("faelle.csv", CASE_HEADER, *[f"03351023;F-{i};geduldet;w;14.03.2022;30.06.2023;wegzug;1"
                                                for i in range(12)])
    assert import_files(engine, [old], user="anna").ok
    before = published.from_database(engine, TODAY)
    retention.run(engine, TODAY)
    assert counts(engine)["cases"] == 0
    after = published.from_database(engine, TODAY)
    assert after.gemeinden == before.gemeinden == (WIETZE,)
    assert after.figures == before.figures and after.hidden == before.hidden
    assert queries.gemeinden(engine) == [WIETZE]
    source = queries.load_source(engine, WIETZE)
    assert source.values(Period(2022))["K1"]["active"] == 12
    assert source.values(Period(2026, 1)) is not None and source.values(Period(2026, 1))["K1"]["active"] == 0
    assert source.values(Period(2023, 4, date(2023, 11, 15))) is None  # a year to date before the cut-off
    # the tiles of 2024 compare with the archived 2023; those of 2024 to 31 March would compare with 2023 to
    # 31 March, which begins before the cut-off and is no closed period: no comparison
    whole = {tile.kpi_id: tile for tile in overview.build_overview(source, Period(2024), None, ags=WIETZE)}
    assert whole["K1"].previous["closed"] == 12 and whole["K1"].change is not None
    early = overview.build_overview(source, Period(2024, None, date(2024, 3, 31)), None, ags=WIETZE)
    assert all(tile.previous is None and tile.change is None for tile in early)


def test_an_archive_made_before_a_kpi_was_registered_answers_without_it(engine):
    old = csv_file("faelle.csv", CASE_HEADER, *[f"03351023;F-{i};geduldet;w;14.03.2022;30.06.2023;wegzug;1"
                                                for i in range(12)])
    assert import_files(engine, [old], user="anna").ok
    retention.run(engine, TODAY)
    source = queries.load_source(engine, WIETZE)
    # the archive as an older version made it: without the figures of K17 (cases per Ortsteil)
    values = {key: {k: v for k, v in by_kpi.items() if k != "K17"} for key, by_kpi in source.archive.values.items()}
    older = dataclasses.replace(source, archive=dataclasses.replace(source.archive, values=values))
    assert older.values(Period(2022))["K17"] == {} and older.values(Period(2022))["K1"]["active"] == 12
    pset = published.build({WIETZE: older}, TODAY)
    assert pset.get(WIETZE, Period(2022))["K17"].headline is None
    assert pset.get(WIETZE, Period(2022))["K1"].values == published.build({WIETZE: source}, TODAY).get(
        WIETZE, Period(2022))["K1"].values


# --- the audit log ------------------------------------------------------------------------------------------


def test_old_audit_entries_expire_and_young_ones_are_refused_by_the_database(engine):
    now = datetime.now(UTC)
    audit.record(engine, audit.LOGIN, "alt", at=now - timedelta(days=400))
    audit.record(engine, audit.LOGIN, "jung", at=now - timedelta(days=300))
    with engine.begin() as conn:  # another old one: the database lets it go (older than 12 months) ...
        audit.record(conn, audit.LOGIN, "auch-alt", at=now - timedelta(days=380))
    result = retention.run(engine, TODAY)
    assert result.audit_removed == 2
    actors = set(audit.entries(engine)["actor"])
    assert "jung" in actors and not actors & {"alt", "auch-alt"}
    # ... but never a younger one, whatever the application asks
    with pytest.raises(DBAPIError, match="12 months"):
        with engine.begin() as conn:
            conn.execute(delete(db.audit_log).where(db.audit_log.c.actor == "jung"))
    with pytest.raises(audit.ExpiryRefused, match="mindestens 12 Monate"):
        with engine.begin() as conn:
            audit.expire(conn, now - timedelta(days=200), "mallory")
    with pytest.raises(DBAPIError, match="append-only"):
        with engine.begin() as conn:
            conn.execute(update(db.audit_log).values(actor="mallory"))
    if engine.dialect.name == "postgresql":
        with pytest.raises(DBAPIError, match="append-only"):
            with engine.begin() as conn:
                conn.execute(text("TRUNCATE audit_log"))
    assert "jung" in set(audit.entries(engine)["actor"])


def test_a_longer_audit_period_keeps_more(engine, monkeypatch):
    now = datetime.now(UTC)
    audit.record(engine, audit.LOGIN, "alt", at=now - timedelta(days=400))
    monkeypatch.setenv("MONITOR_AUDIT_RETENTION_MONTHS", "24")
    assert retention.run(engine, TODAY).audit_removed == 0
    monkeypatch.setenv("MONITOR_AUDIT_RETENTION_MONTHS", "6")
    with pytest.raises(settings.SettingError):
        retention.run(engine, TODAY)
    assert "alt" in set(audit.entries(engine)["actor"])


def test_retention_off_removes_no_rows(engine, monkeypatch):
    assert import_files(engine, [STAFFING, CASES, CONTACTS], user="anna").ok
    monkeypatch.setenv("MONITOR_RETENTION_YEARS", "aus")
    stored = counts(engine)
    result = retention.run(engine, TODAY)
    assert result.cut_off is None and result.rows == 0 and counts(engine) == stored
    assert not retention.due(engine, TODAY)


# --- at start-up: once a day, only when due -------------------------------------------------------------------


def test_the_start_up_run_is_once_a_day_and_only_when_due(engine):
    assert bootstrap.daily(engine, TODAY) is None  # an empty database: nothing due, nothing written
    assert table_count(engine, db.retention_runs) == 0
    assert import_files(engine, [STAFFING, CASES, CONTACTS], user="anna").ok
    first = bootstrap.daily(engine, TODAY)
    assert first is not None and first.removed["cases"] == 1
    assert bootstrap.daily(engine, TODAY) is None  # the same day: not again
    assert table_count(engine, db.retention_runs) == 1
    assert bootstrap.daily(engine, TODAY + timedelta(days=1)) is None  # the next day: nothing due
    assert table_count(engine, db.retention_runs) == 1
    # in a new year the cut-off moves on: 2024 is archived and its rows go
    next_year = bootstrap.daily(engine, date(2027, 1, 2))
    assert next_year is not None and next_year.cut_off == date(2025, 1, 1) and next_year.removed["contacts"] == 1


# --- the command line --------------------------------------------------------------------------------------------


def run_cli(url: str, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "monitor", *args], cwd=settings.PROJECT_DIR,
                          env={**os.environ, "DATABASE_URL": url, **env}, capture_output=True, text=True,
                          timeout=600)


def test_the_command_dry_run_changes_nothing_a_run_removes_and_archives_a_second_is_a_no_op(engine):
    # the command runs with the real date: F-1 (closed 2022) lies before the cut-off from 2024 on and goes
    lines = CASES[1].decode("cp1252").splitlines()
    assert import_files(engine, [STAFFING, csv_file("faelle.csv", *lines[:4]), CONTACTS], user="anna").ok
    url = engine.url.render_as_string(hide_password=False)
    stored = counts(engine)
    dry = run_cli(url, "retention", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "Probelauf" in dry.stderr and "  Fälle: 1 Zeilen" in dry.stderr and "würden entfernt" in dry.stderr
    assert counts(engine) == stored and table_count(engine, db.kpi_archive) == 0
    done = run_cli(url, "retention")
    assert done.returncode == 0, done.stderr
    assert "wurden entfernt" in done.stderr and "  Fälle: 1 Zeilen" in done.stderr
    assert "Kennzahlen archiviert für" in done.stderr and "Protokolleinträge älter als 12 Monate" in done.stderr
    assert counts(engine)["cases"] == stored["cases"] - 1 and table_count(engine, db.kpi_archive) > 0
    archived = table_count(engine, db.kpi_archive)
    again = run_cli(url, "retention")
    assert again.returncode == 0 and "  Fälle: 0 Zeilen" in again.stderr and "für 0 Zeiträume" in again.stderr
    assert table_count(engine, db.kpi_archive) == archived
    refused = run_cli(url, "retention", MONITOR_AUDIT_RETENTION_MONTHS="3")
    assert refused.returncode == 2 and "mindestens 12 Monate" in refused.stderr
