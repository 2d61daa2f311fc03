"""Targets: parsing data/ziele.csv, how a yearly target applies to quarters and to the year to date."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from monitor import targets
from monitor.periods import Period

AGS = "03351023"

FILE = """ags;kpi;jahr;zielwert;richtung
# comment lines and empty lines are ignored

03351023;K2;2024;150;hoechstens
03351023;K9;2024;0,55;mindestens
03351023;K8;2024;0.8;mindestens
03351023;K12;2024;12;mindestens
03351023;K16;2024;15;mindestens
3351023;K15;2024;0,9;Mindestens
03351023;k18;2024;0,7;höchstens
"""


@pytest.fixture
def table():
    return targets.parse_targets(FILE.encode("utf-8"))


def test_parse_accepts_comma_and_point_and_normalises(table):
    assert len(table) == 7
    row = table[table["kpi"] == "K9"].iloc[0]
    assert (row["ags"], int(row["year"]), float(row["value"]), row["direction"]) == (AGS, 2024, 0.55, "mindestens")
    assert float(table[table["kpi"] == "K8"]["value"].iloc[0]) == 0.8
    assert table[table["kpi"] == "K15"]["ags"].iloc[0] == AGS  # leading zero lost by Excel comes back
    assert table[table["kpi"] == "K18"]["direction"].iloc[0] == "hoechstens"  # ö spelt out, lower case


def test_parse_windows_1252_with_bom_free_umlaut():
    raw = "ags;kpi;jahr;zielwert;richtung\n03351023;K18;2024;0,7;höchstens\n".encode("cp1252")
    assert targets.parse_targets(raw)["direction"].iloc[0] == "hoechstens"


def test_parse_utf8_bom():
    raw = "\ufeffags;kpi;jahr;zielwert;richtung\n03351023;K16;2024;15;mindestens\n".encode("utf-8")
    assert targets.parse_targets(raw)["value"].iloc[0] == 15


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("03351023;K99;2024;1;mindestens", "Spalte kpi"),
        ("03351023;K9;zwanzig;0,5;mindestens", "Spalte jahr"),
        ("03351023;K9;2024;viel;mindestens", "Spalte zielwert"),
        ("03351023;K9;2024;55;mindestens", "Quoten als Dezimalzahl"),
        ("03351023;K9;2024;0,5;genau", "Spalte richtung"),
        ("0335102X;K9;2024;0,5;mindestens", "Spalte ags"),
        ("03351023;K9;2024;0,5", "Spalten"),
    ],
)
def test_errors_name_line_and_column(line, message):
    with pytest.raises(targets.TargetsError) as err:
        targets.parse_targets(f"ags;kpi;jahr;zielwert;richtung\n{line}\n")
    assert "Zeile 2" in str(err.value) and message in str(err.value)


def test_a_target_in_days_is_not_a_ratio():
    parsed = targets.parse_targets("ags;kpi;jahr;zielwert;richtung\n03351023;K7;2024;42;hoechstens\n")
    assert (float(parsed["value"].iloc[0]), parsed["direction"].iloc[0]) == (42, "hoechstens")  # six weeks


def test_duplicate_target_is_an_error():
    text = "ags;kpi;jahr;zielwert;richtung\n03351023;K9;2024;0,5;mindestens\n03351023;K9;2024;0,6;mindestens\n"
    with pytest.raises(targets.TargetsError, match="Zeile 3.*Zeile 2"):
        targets.parse_targets(text)


def test_missing_columns_are_named():
    with pytest.raises(targets.TargetsError, match="richtung"):
        targets.parse_targets("ags;kpi;jahr;zielwert\n03351023;K9;2024;0,5\n")


def test_missing_file_means_no_targets(tmp_path):
    assert targets.load_targets(tmp_path / "ziele.csv").empty
    assert targets.target_for(targets.load_targets(tmp_path / "ziele.csv"), AGS, "K9", Period(2024)) is None


def test_shipped_file_is_valid_and_covers_wietze_2017_to_2026():
    table = targets.load_targets()
    wietze = table[table["ags"] == AGS]
    for kpi in ("K2", "K8", "K9", "K12", "K15", "K16", "K18"):
        assert sorted(wietze[wietze["kpi"] == kpi]["year"]) == list(range(2017, 2027)), kpi
    k2 = targets.target_for(table, AGS, "K2", Period(2024))
    assert (k2.value, k2.direction) == (150, "hoechstens")


def test_ratio_target_applies_unchanged_to_quarters_and_year_to_date(table):
    for period in (Period(2024), Period(2024, 3), Period(2024, None, date(2024, 5, 31))):
        target = targets.target_for(table, AGS, "K9", period)
        assert (target.value, target.final) == (0.55, True)
        assert target.assess(0.55) == targets.MET
        assert target.assess(0.549) == targets.NOT_MET
        assert target.assess(None) == targets.NO_VALUE


def test_stock_target_applies_unchanged(table):
    target = targets.target_for(table, AGS, "K16", Period(2024, 2))
    assert target.value == 15 and target.final
    assert target.assess(14) == targets.NOT_MET


def test_flow_target_is_a_quarter_for_quarters(table):
    target = targets.target_for(table, AGS, "K12", Period(2024, 3))
    assert (target.value, target.yearly_value, target.final) == (3, 12, True)
    assert target.assess(3) == targets.MET
    assert target.assess(2) == targets.NOT_MET


def test_flow_target_to_date_is_only_decided_once_certain(table):
    target = targets.target_for(table, AGS, "K12", Period(2024, None, date(2024, 9, 30)))
    assert (target.value, target.final) == (12, False)
    assert target.assess(9) == targets.OPEN  # the year is not over: 3 more may come
    assert target.assess(12) == targets.MET  # already reached, stays reached
    quarter_to_date = targets.target_for(table, AGS, "K12", Period(2024, 4, date(2024, 11, 24)))
    assert (quarter_to_date.value, quarter_to_date.assess(2)) == (3, targets.OPEN)


def test_caseload_target_only_for_years(table):
    assert targets.target_for(table, AGS, "K2", Period(2024, 2)) is None
    year = targets.target_for(table, AGS, "K2", Period(2024))
    assert year.assess(150) == targets.MET and year.assess(151) == targets.NOT_MET
    to_date = targets.target_for(table, AGS, "K2", Period(2024, None, date(2024, 6, 30)))
    assert to_date.assess(120) == targets.OPEN  # more cases can come until December
    assert to_date.assess(160) == targets.NOT_MET  # already above the yearly maximum


def test_at_most_ratio(table):
    target = targets.target_for(table, AGS, "K18", Period(2024))
    assert target.assess(0.7) == targets.MET and target.assess(0.71) == targets.NOT_MET


def test_no_target_for_other_year_gemeinde_or_kpi(table):
    assert targets.target_for(table, AGS, "K9", Period(2023)) is None
    assert targets.target_for(table, "03351001", "K9", Period(2024)) is None
    assert targets.target_for(table, AGS, "K1", Period(2024)) is None
    assert targets.assess(None, 5) == targets.NO_TARGET


# --- in the database ---------------------------------------------------------------------------------------------


def _edit(*rows: dict) -> pd.DataFrame:
    base = {"direction": targets.AT_LEAST, "source": None, "decided_on": None, "reference": None}
    return pd.DataFrame([{**base, **r} for r in rows], columns=list(targets.EDIT_COLUMNS))


def test_the_file_seeds_the_database_once(engine, tmp_path):
    path = tmp_path / "ziele.csv"
    path.write_text("ags;kpi;jahr;zielwert;richtung;quelle;beschlossen_am;aktenzeichen\n"
                    "03351023;K9;2024;0,55;mindestens;ratsbeschluss;14.03.2017;DS 2017/045\n"
                    "03351023;K7;2024;42;hoechstens;;;\n", encoding="utf-8")
    assert targets.version(engine) == 0
    assert targets.seed(engine, path) == 2
    stored = targets.from_database(engine)
    assert stored[["kpi", "year", "value", "direction", "source", "reference"]].values.tolist() == [
        ["K7", 2024, 42.0, "hoechstens", None, None], ["K9", 2024, 0.55, "mindestens", "ratsbeschluss", "DS 2017/045"]]
    assert stored["decided_on"].tolist()[1] == date(2017, 3, 14)
    assert targets.version(engine) > 0
    targets.save(engine, AGS, stored.iloc[0:0][list(targets.EDIT_COLUMNS)], actor="admin")  # all removed ...
    assert targets.seed(engine, path) == 0 and targets.from_database(engine).empty  # ... and not seeded again


def test_a_broken_seed_file_stores_nothing_and_is_tried_again(engine, tmp_path):
    path = tmp_path / "ziele.csv"
    path.write_text("ags;kpi;jahr;zielwert;richtung\n03351023;K9;2024;viel;mindestens\n", encoding="utf-8")
    assert targets.seed(engine, path) == 0 and targets.version(engine) == 0
    path.write_text("ags;kpi;jahr;zielwert;richtung\n03351023;K9;2024;0,5;mindestens\n", encoding="utf-8")
    assert targets.seed(engine, path) == 1


def test_save_applies_the_difference_and_audits_old_and_new_values(engine):
    from monitor import audit

    targets.save(engine, AGS, _edit({"kpi": "K7", "year": 2026, "value": 42, "direction": targets.AT_MOST},
                                    {"kpi": "K9", "year": 2026, "value": 0.5}), actor="admin")
    before = targets.version(engine)
    changes = targets.save(engine, AGS, _edit(
        {"kpi": "K7", "year": 2026, "value": 40, "direction": targets.AT_MOST},  # changed
        {"kpi": "K12", "year": 2026, "value": 12, "source": "ratsbeschluss", "reference": "BV-12/2026"}),  # new
        actor="admin")  # K9 removed
    assert changes == ["K12 2026: neu: mindestens 12", "K7 2026: höchstens 42 → höchstens 40",
                       "K9 2026: entfernt (war mindestens 0,50)"]
    assert targets.version(engine) > before
    stored = targets.from_database(engine)
    assert sorted(stored["kpi"]) == ["K12", "K7"] and stored.loc[stored["kpi"] == "K7", "value"].item() == 40
    entries = audit.entries(engine, audit.Filter(actions=(audit.TARGET_CHANGED,)))
    assert entries["object"].tolist()[:3] == [f"{AGS} K9 2026", f"{AGS} K7 2026", f"{AGS} K12 2026"]
    assert targets.save(engine, AGS, _edit(
        {"kpi": "K7", "year": 2026, "value": 40, "direction": targets.AT_MOST},
        {"kpi": "K12", "year": 2026, "value": 12, "source": "ratsbeschluss", "reference": "BV-12/2026"}),
        actor="admin") == []  # nothing changed, nothing recorded
    other = targets.from_database(engine)
    assert set(other["ags"]) == {AGS}


def test_bad_rows_are_refused_in_german_with_row_and_column_and_nothing_is_stored(engine):
    rows = _edit({"kpi": "K9", "year": 2026, "value": 55},  # a share above 1
                 {"kpi": "K7", "year": 1999, "value": 42},
                 {"kpi": "K7", "year": 2026, "value": 42, "reference": "Frau Meier"},  # a name is no reference
                 {"kpi": "K7", "year": 2026, "value": 40},  # the same KPI and year again
                 {"kpi": None, "year": None, "value": None})  # an empty row of the editor: left out
    with pytest.raises(targets.TargetsError) as err:
        targets.save(engine, AGS, rows, actor="admin")
    assert str(err.value).splitlines() == [
        "Zeile 1, Spalte „Zielwert“: Quoten als Dezimalzahl angeben (0,55 für 55 %).",
        "Zeile 2, Spalte „Jahr“: ein Jahr von 2000 bis 2100.",
        "Zeile 3, Spalte „Aktenzeichen“: ein Aktenzeichen wie „DS 2017/045“ (Großbuchstaben und Zahlen, keine Namen).",
        "Zeile 4, Spalte „Jahr“: dieses Jahr hat die Kennzahl schon in Zeile 3."]
    assert targets.from_database(engine).empty and targets.version(engine) == 0


def test_the_export_reads_back_as_the_same_targets(engine):
    targets.save(engine, AGS, _edit({"kpi": "K9", "year": 2026, "value": 0.55, "source": "ratsbeschluss",
                                     "decided_on": date(2026, 3, 12), "reference": "DS 2026/7"},
                                    {"kpi": "K7", "year": 2026, "value": 42, "direction": targets.AT_MOST}),
                 actor="admin")
    stored = targets.from_database(engine)
    again = targets.parse_targets(targets.export_csv(stored))
    columns = ["ags", "kpi", "year", "value", "direction", "source", "decided_on", "reference"]
    assert again[columns].astype(object).values.tolist() == stored[columns].astype(object).values.tolist()
