"""The overview's tiles and trend input on a small hand-made Gemeinde; expected values counted by hand."""

from __future__ import annotations

import dataclasses
from datetime import date

import pandas as pd
import pytest

from monitor import contract, fmt, overview, published, registry, suppression, targets
from monitor.periods import Period
from monitor.queries import typed_frame

AGS = "03351023"
NB = "\u00a0"
MINUS = "\u2212"


def frame(kind: contract.Kind, rows: list[dict]) -> pd.DataFrame:
    if not rows:
        return typed_frame(kind, pd.DataFrame(columns=[f.name for f in kind.fields]))
    return typed_frame(kind, pd.DataFrame([{"ags": AGS, **row} for row in rows]))


def case(cid, opened, closed=None, group="schutz_anerkannt", gender="m", officer="IB-M"):
    return {"case_id": cid, "target_group": group, "gender": gender, "officer": officer, "opened_on": opened,
            "closed_on": closed}


def enrolment(eid, ended, status, dtz=None):
    return {"enrolment_id": eid, "case_id": f"c{eid}", "entitlement": "verpflichtet", "ended_on": ended,
            "status": status, "dtz_result": dtz, "dtz_attempt": 1 if dtz else None}


def contact(cid, case_id, day, officer):
    return {"contact_id": cid, "case_id": case_id, "date": day, "contact_type": "telefon", "topics": "wohnen",
            "officer": officer}


def cafe(day, cancelled=False):
    return {"date": day, "cancelled": cancelled, "attendees": 20, "first_time": 2, "women": 10, "volunteers": 4}


def build_frames() -> dict[str, pd.DataFrame]:
    cases = (
        [case(f"s{i}", "2023-02-01") for i in range(12)]  # open throughout, men, IB-M
        + [case(f"e{i}", "2024-03-01", "2024-10-01" if i < 2 else None, "eu_arbeitnehmer", "w", "IB-W")
           for i in range(6)]  # 6 opened in 2024, 2 of them closed in 2024; women with the woman officer
        + [case(f"a{i}", "2023-05-01", "2024-02-01", "asylverfahren", "w", "IB-M") for i in range(5)]
        + [case("x0", "2023-06-01", None, "spaetaussiedler")]  # one small group: merged in the trend
    )
    enrolments = (
        # 2023: 12 ended, 9 regularly; first-attempt DTZ: 6 B1, 6 A2
        [enrolment(f"p{i}", "2023-06-30", "regulaer_beendet" if i < 9 else "abgebrochen", "B1" if i < 6 else "A2")
         for i in range(12)]
        # 2024: 10 ended, 8 regularly; DTZ: 6 B1, 3 A2, 1 unter_A2
        + [enrolment(f"q{i}", "2024-06-30", "regulaer_beendet" if i < 8 else "abgebrochen",
                     "B1" if i < 6 else "A2" if i < 9 else "unter_A2") for i in range(10)]
    )
    internships = (
        [{"internship_id": f"i23-{i}", "offered_on": "2023-01-10", "sector": "handwerk", "status": "vermittelt",
          "placed_on": "2023-04-01"} for i in range(7)]
        + [{"internship_id": f"i24-{i}", "offered_on": "2024-01-10", "sector": "handwerk", "status": "vermittelt",
            "placed_on": "2024-08-01" if i < 3 else "2024-02-01"} for i in range(5)]  # 3 placed in Q3
    )
    sessions = ([cafe(f"2023-0{m}-06", cancelled=m > 8) for m in range(1, 10)] + [cafe("2023-10-06", True)]
                + [cafe(f"2024-0{m}-06", cancelled=m == 9) for m in range(1, 10)] + [cafe("2024-10-06")])
    partners = ([{"partner_id": f"P{i}", "name": f"Partner {i}", "partner_type": "verein", "level": "gemeinde",
                  "active_from": "2020-01-01"} for i in range(15)]
                + [{"partner_id": "P99", "name": "Jobcenter", "partner_type": "jobcenter", "level": "landkreis",
                    "active_from": "2024-06-01", "agreement": True, "agreement_on": "2024-06-01"}])
    staffing = [
        {"officer": "IB-M", "gender": "m", "fte": 1.0, "valid_from": "2015-01-01"},
        {"officer": "IB-W", "gender": "w", "fte": 0.5, "valid_from": "2017-07-01"},
    ]
    contacts = (
        [contact("k1", "s0", "2024-12-20", "IB-M")]
        + [contact(f"ke{i}", f"e{i}", "2024-03-01", "IB-W") for i in range(6)]  # the e women advised by IB-W
        + [contact(f"ka{i}", f"a{i}", day, "IB-M") for i in range(5)
           for day in ("2023-05-01", "2024-01-15")]  # the a women by IB-M, in both years
    )
    return {
        "cases": frame(contract.CASES, cases),
        "contacts": frame(contract.CONTACTS, contacts),
        "courses": frame(contract.COURSES, []),
        "enrolments": frame(contract.ENROLMENTS, enrolments),
        "internships": frame(contract.INTERNSHIPS, internships),
        "cafe_sessions": frame(contract.CAFE, sessions),
        "partners": frame(contract.PARTNERS, partners),
        "network_events": frame(contract.EVENTS, []),
        "staffing": frame(contract.STAFFING, staffing),
    }


TARGETS = targets.parse_targets(
    "ags;kpi;jahr;zielwert;richtung\n"
    "03351023;K2;2024;150;hoechstens\n03351023;K8;2024;0,8;mindestens\n03351023;K9;2024;0,55;mindestens\n"
    "03351023;K12;2024;12;mindestens\n03351023;K15;2024;0,9;mindestens\n03351023;K16;2024;15;mindestens\n"
    "03351023;K18;2024;0,7;mindestens\n"
)


@pytest.fixture(scope="module")
def frames():
    return build_frames()


@pytest.fixture(scope="module")
def year_tiles(frames):
    """The exact view (mayor, staff): the figures computed by hand below."""
    return {t.kpi_id: t for t in overview.build_overview(frames, Period(2024), TARGETS)}


@pytest.fixture(scope="module")
def public_set(frames):
    """The published set as the public and the council see it on 2 January 2025: 2024 is closed."""
    return published.build({AGS: frames}, today=date(2025, 1, 2))


@pytest.fixture
def public_tiles(public_set):
    """The year 2024 as the public and the council see it."""
    return {t.kpi_id: t for t in overview.published_tiles(public_set, AGS, Period(2024), TARGETS)}


def test_eight_tiles_in_order_with_german_titles(year_tiles):
    assert list(year_tiles) == ["K1", "K2", "K8", "K9", "K12", "K15", "K16", "K18"]
    assert year_tiles["K1"].title == "Aktive Fälle"
    assert year_tiles["K2"].title == "Fälle je Vollzeitstelle"
    assert all(t.change_label == "ggü. 2023" for t in year_tiles.values())


def test_only_the_overview_kpis_have_tiles(frames, monkeypatch):
    """A KPI of the registry without ``overview=True`` is computed (its figures are there) but has no tile."""
    extra = dataclasses.replace(registry.spec("K1"), id="K99", overview=False)
    monkeypatch.setattr(registry, "REGISTRY", (*registry.REGISTRY, extra))
    monkeypatch.setattr(registry, "BY_ID", {**registry.BY_ID, "K99": extra})
    figures = published.exact_figures(frames, Period(2024))
    assert "K99" in figures
    tiles = overview.build_tiles(figures, None, Period(2024), TARGETS, AGS)
    assert [t.kpi_id for t in tiles] == ["K1", "K2", "K8", "K9", "K12", "K15", "K16", "K18"]


def test_the_overview_computes_the_kpis_of_its_tiles_only(frames, monkeypatch):
    """Asked for some KPIs, exact_figures computes those alone, with the same figures as all of them; the overview
    asks for those of its tiles (a KPI without a tile that could not be computed does not stop it)."""
    every = published.exact_figures(frames, Period(2024))
    some = published.exact_figures(frames, Period(2024), {"K12", "K1"})
    assert list(some) == ["K1", "K12"] and all(some[k] == every[k] for k in some)

    def fails(frames, period):
        raise AssertionError("a KPI without a tile was computed")

    broken = dataclasses.replace(registry.spec("K1"), id="K99", overview=False, compute=fails)
    monkeypatch.setattr(registry, "REGISTRY", (*registry.REGISTRY, broken))
    monkeypatch.setattr(registry, "BY_ID", {**registry.BY_ID, "K99": broken})
    tiles = overview.build_overview(frames, Period(2024), TARGETS, ags=AGS)
    assert [t.kpi_id for t in tiles] == ["K1", "K2", "K8", "K9", "K12", "K15", "K16", "K18"]


def test_k1_active_cases(year_tiles):
    tile = year_tiles["K1"]
    assert tile.figures.headline == 17  # 12 s + 4 open e + x0 on 31.12.2024
    assert tile.previous.headline == 18  # 12 s + 5 a + x0 on 31.12.2023
    assert (tile.value, tile.change, tile.change_direction) == ("17", f"{MINUS}1", "down")
    assert tile.change_color == "gray"  # more or fewer active cases is neither good nor bad
    assert tile.explanation == "Stand 31.12.2024 · im Zeitraum 6 neu, 7 abgeschlossen"  # 6 e; 5 a + 2 e
    assert (tile.status, tile.target_line) == (targets.NO_TARGET, "Kein Ziel festgelegt")


def test_k2_cases_per_fte_lower_is_better(year_tiles):
    tile = year_tiles["K2"]
    assert tile.figures["handled"] == 24 and tile.figures["fte"] == pytest.approx(1.5)  # 12 s + 6 e + 5 a + x0
    assert tile.value == "16"  # 24 / 1,5
    assert tile.change == "+4"  # 2023: 18 handled (12 s, 5 a, x0) / 1,5 = 12
    assert (tile.change_direction, tile.change_color) == ("up", "red")
    assert tile.target_line == "Ziel 2024: höchstens 150 – erreicht"
    assert tile.explanation == "24 betreute Fälle auf 1,5 Vollzeitstellen · Richtwert 150 je Jahr"


def test_k8_course_completion(year_tiles):
    tile = year_tiles["K8"]
    assert tile.value == f"80,0{NB}%"  # 8 of 10
    assert tile.change == f"+5,0{NB}Pp."  # 2023: 9 of 12 = 75 %
    assert (tile.change_direction, tile.change_color) == ("up", "green")
    assert tile.status == targets.MET
    assert tile.target_line == f"Ziel 2024: mindestens 80{NB}% – erreicht"
    assert tile.explanation == f"von 10 beendeten Kursteilnahmen · Abbruch 20,0{NB}%"


def test_k9_dtz_b1(year_tiles):
    tile = year_tiles["K9"]
    assert tile.value == f"60,0{NB}%"  # 6 B1 of 10 first-attempt takers
    assert tile.change == f"+10,0{NB}Pp."  # 2023: 6 of 12
    assert tile.target_line == f"Ziel 2024: mindestens 55{NB}% – erreicht"
    assert tile.explanation == f"von 10 Erstversuchen im DTZ · mindestens A2: 90,0{NB}%"


def test_k12_internships_below_target(year_tiles):
    tile = year_tiles["K12"]
    assert (tile.value, tile.change, tile.change_color) == ("5", f"{MINUS}2", "red")  # 5 placed; 2023: 7
    assert tile.status == targets.NOT_MET
    assert tile.target_line == "Ziel 2024: mindestens 12 – nicht erreicht"


def test_k15_cafe(year_tiles):
    tile = year_tiles["K15"]
    assert tile.value == "9 von 10 Terminen"  # held of planned, in words (texts.kpis.HEADLINES)
    assert tile.change == f"+10,0{NB}Pp."  # the share's change: 90 % against 2023: 8 of 10
    assert tile.status == targets.MET  # the share 90 % against at least 90 %
    assert tile.explanation == f"90,0{NB}% der geplanten Termine · im Mittel 20,0 Gäste, Frauenanteil 50,0{NB}%"


def test_a_headline_in_words_is_withheld_or_missing_like_a_figure(frames):
    # no session planned in 2022: no share, so "–", not "0 von 0 Terminen"
    empty = overview.build_overview(frames, Period(2022), None)
    assert next(t for t in empty if t.kpi_id == "K15").value == "–"
    hidden = published.Figures("K15", {"held_share": 0.5, "held": 1, "planned": 2}, frozenset({"held_share"}))
    assert overview.headline_text(hidden) == "•"


def test_k16_network(year_tiles):
    tile = year_tiles["K16"]
    assert (tile.value, tile.change, tile.status) == ("16", "+1", targets.MET)
    assert tile.explanation == "Stand 31.12.2024 · Netzwerktreffen: 0, Fallkonferenzen: 0, Vereinbarungen: 1"


def test_k18_same_gender_and_suppressed_previous(public_tiles):
    tile = public_tiles["K18"]
    assert tile.figures["women_clients"] == 11  # 6 e (by IB-W) + 5 a (by IB-M) women with a contact in 2024
    assert tile.value == f"54,5{NB}%"  # 6 of 11
    assert "Gezählt wird aus den Kontakten" in tile.definition  # not from the responsible officer of the case
    # 2023: the 5 a only, none with the woman officer: below 10, so no percentage; and since "at most 5 women
    # without her" would narrow the hidden split to fewer than 5 values, the 5 are withheld too
    assert tile.previous.values["women_clients"] == 5 and tile.previous["women_clients"] is None
    assert tile.change is None and tile.change_direction == "none"  # ... and no change that would reveal it
    assert tile.target_line == f"Ziel 2024: mindestens 70{NB}% – nicht erreicht"


def test_public_shares_hide_a_small_complement_and_dominance(public_tiles, frames):
    # K8: 8 of 10 ended regularly: the 2 drop-outs would be derivable
    assert public_tiles["K8"].value == "•" and public_tiles["K8"].suppressed
    assert public_tiles["K8"].status == targets.NO_VALUE and public_tiles["K8"].change is None
    assert public_tiles["K8"].target_line.endswith("aus Datenschutzgründen nicht ausgewiesen")
    # K9: 6 B1 of 10 leaves 4 without B1; 9 of 10 at least A2 leaves 1
    assert public_tiles["K9"].value == "•"
    assert public_tiles["K9"].explanation == "von 10 Erstversuchen im DTZ · mindestens A2: •"
    assert suppression.share_hidden(10, 10) and suppression.share_hidden(0, 12)  # 100 % and 0 %: dominance
    assert not suppression.share_hidden(6, 11)  # K18 above: 6 of 11, complement 5


def test_small_figures_are_suppressed_in_quarters(public_set):
    tiles = {t.kpi_id: t for t in overview.published_tiles(public_set, AGS, Period(2024, 3), TARGETS)}
    k12 = tiles["K12"]
    assert k12.figures.values["placed"] == 3 and k12.value == "•" and k12.suppressed  # 3 people placed in Q3
    assert k12.change is None
    assert k12.status == targets.NO_VALUE
    assert k12.target_line.startswith("Quartalsziel: mindestens 3 (ein Viertel von 12 im Jahr 2024)")
    assert k12.target_line.endswith("aus Datenschutzgründen nicht ausgewiesen")  # not "nicht bewertbar"
    assert tiles["K1"].explanation == "Stand 30.09.2024 · im Zeitraum 0 neu, 0 abgeschlossen"
    assert tiles["K8"].value == "–"  # nothing ended in Q3
    assert tiles["K2"].target is None
    assert tiles["K2"].target_line == "Ziel 2024 gilt für das ganze Jahr (höchstens 150)"
    assert tiles["K1"].change_label == "ggü. 2. Quartal 2024"


def test_exact_figures_when_not_suppressing(frames):
    tiles = {t.kpi_id: t for t in overview.build_overview(frames, Period(2024, 3), TARGETS)}
    assert tiles["K12"].value == "3"
    assert tiles["K12"].status == targets.MET  # 3 = a quarter of 12


def test_year_to_date_compares_the_same_span(frames):
    period = Period(2024, None, date(2024, 6, 30))
    tiles = {t.kpi_id: t for t in overview.build_overview(frames, period, TARGETS)}
    assert tiles["K1"].change_label == f"ggü. {period.previous().label}"  # "2023 (bis ...)", as many days
    assert tiles["K1"].change_label.startswith("ggü. 2023 (bis ")
    assert tiles["K12"].value == "2"
    assert tiles["K2"].status == targets.OPEN
    assert tiles["K2"].target_line == "Ziel 2024: höchstens 150 – noch offen"


def test_no_change_before_the_records_begin(frames):
    tiles = overview.build_overview(frames, Period(2015), TARGETS)
    assert all(t.change is None for t in tiles)
    assert {t.kpi_id: t.value for t in tiles}["K18"] == "–"  # no woman officer before 2017
    assert {t.kpi_id: t.explanation for t in tiles}["K18"].startswith("Im Zeitraum war keine Integrationsbeauftragte")


def test_without_targets(frames):
    tiles = overview.build_overview(frames, Period(2024), None)
    assert all(t.status == targets.NO_TARGET and t.target_line == "Kein Ziel festgelegt" for t in tiles)


def test_frames_of_several_gemeinden_need_an_ags(frames):
    mixed = dict(frames)
    other = frames["cases"].copy()
    other["ags"] = "03351001"
    mixed["cases"] = pd.concat([frames["cases"], other])
    with pytest.raises(ValueError):
        overview.build_overview(mixed, Period(2024), TARGETS)


def test_time_range_and_default_period(frames):
    assert overview.first_day(frames) == date(2015, 1, 1)  # staffing starts before the first case
    assert overview.data_stand(frames, today=date(2025, 5, 1)) == date(2024, 12, 20)  # the last contact
    assert overview.data_stand(frames, today=date(2024, 11, 30)) == date(2024, 10, 1)  # future rows ignored
    years = overview.period_options(frames, quarterly=False, today=date(2025, 5, 1))
    # the newest year ends at the data stand: nothing is known about the last days of December
    assert years[0] == Period(2024, None, date(2024, 12, 20)) and years[-1] == Period(2015) and len(years) == 10
    quarters = overview.period_options(frames, quarterly=True, today=date(2024, 11, 30))
    assert quarters[0] == Period(2024, 4, date(2024, 10, 1))  # the running quarter, cut at the data stand
    # only one day into the quarter: the last complete quarter is the default
    assert overview.default_period(quarters) == Period(2024, 3)
    years_now = overview.period_options(frames, quarterly=False, today=date(2024, 11, 30))
    assert overview.default_period(years_now) == Period(2024, None, date(2024, 10, 1))
    assert overview.default_period([]) is None


def test_empty_frames():
    empty = {k.name: frame(k, []) for k in contract.KINDS}
    assert not overview.has_data(empty)
    assert overview.data_stand(empty) is None
    assert overview.period_options(empty, quarterly=False) == []


def test_trend_frame_merges_small_groups(frames):
    trend = overview.trend_frame(frames, until=date(2024, 12, 31))
    assert list(trend.columns) == ["period", "label", "group", "group_label", "active"]
    assert trend["period"].iloc[0] == "2023-Q1" and trend["label"].iloc[-1] == "2024 Q4"
    # 12 s; 5 a (10 would be needed) and x0 are merged; e peaks at 6 -> merged too
    assert set(trend["group"]) == {"schutz_anerkannt", "other"}
    q4_2023 = trend[trend["period"] == "2023-Q4"].set_index("group")["active"]
    assert q4_2023.to_dict() == {"schutz_anerkannt": 12, "other": 6}  # 5 a + x0
    assert set(trend["group_label"]) == {"Schutz anerkannt", "Weitere Zielgruppen"}
    unmerged = overview.trend_frame(frames, until=date(2024, 12, 31), min_group=1)
    assert list(unmerged[unmerged["period"] == "2024-Q2"]["group"]) == [
        "asylverfahren", "schutz_anerkannt", "eu_arbeitnehmer", "spaetaussiedler"]


def test_good_or_bad_is_said_in_words_not_colour_alone(year_tiles):
    assert (year_tiles["K2"].change_color, year_tiles["K2"].change_verdict) == ("red", "schlechter")  # more per FTE
    assert year_tiles["K2"].change_description == "ggü. 2023: schlechter"
    assert (year_tiles["K8"].change_color, year_tiles["K8"].change_verdict) == ("green", "besser")
    assert year_tiles["K8"].change_description == "ggü. 2023: besser"
    # more or fewer active cases is neither good nor bad: no word, as no colour
    assert year_tiles["K1"].change_verdict is None and year_tiles["K1"].change_description == "ggü. 2023"


def test_a_tile_that_shows_no_value_says_so(frames, year_tiles, public_tiles):
    """The page explains "–" under the tiles when one shows it (Tile.shows_missing)."""
    # none here; a median of the months to a transition, "–" where nobody completed an internship, is on the
    # Praktikumsbörse page's card, not on the tile
    assert not any(t.shows_missing for t in year_tiles.values())
    tile = public_tiles["K18"]  # no change against the withheld year before; its value is shown
    assert tile.change is None and tile.change_verdict is None and not tile.shows_missing
    no_courses = {kind: rows.iloc[0:0] if kind == "enrolments" else rows for kind, rows in frames.items()}
    tiles = {t.kpi_id: t for t in overview.build_overview(no_courses, Period(2024), TARGETS)}
    assert tiles["K8"].value == "–" and tiles["K8"].shows_missing and tiles["K8"].change_verdict is None
    assert not tiles["K1"].shows_missing


# --- chart ------------------------------------------------------------------------------------------------


def test_trend_chart_has_german_labels_categories_and_separators(frames):
    import json

    from monitor import charts

    trend = overview.trend_frame(frames, until=date(2024, 12, 31), min_group=1)
    spec = json.loads(charts.active_cases_trend(trend).to_json())
    names = [t["name"] for t in spec["data"]]
    assert names == ["Im Asylverfahren", "Schutz anerkannt", "EU-Arbeitnehmende", "Spätaussiedler"]
    assert all(t["stackgroup"] == "active" for t in spec["data"])
    assert spec["data"][1]["x"][:2] == ["2023 Q1", "2023 Q2"]
    assert spec["data"][1]["y"][-1] == 12
    layout = spec["layout"]
    assert layout["separators"] == ",."
    assert layout["xaxis"]["type"] == "category"
    assert layout["xaxis"]["ticktext"] == ["2023", "2024"]  # years as text: never "2,023"
    assert layout["xaxis"]["tickvals"] == ["2023 Q1", "2024 Q1"]
    assert layout["yaxis"]["title"]["text"] == "Aktive Fälle"
    assert layout["xaxis"]["tickangle"] == 0  # whole years, upright, also on a phone
    # a chart to read, not to explore: nothing to zoom, so nothing to reset
    assert layout["dragmode"] is False and layout["xaxis"]["fixedrange"] and layout["yaxis"]["fixedrange"]


def test_year_ticks_are_whole_years_and_few_enough_for_a_phone():
    from monitor import charts

    quarters = [f"{y} Q{q}" for y in range(2015, 2027) for q in range(1, 5)][2:-1]  # 2015 Q3 .. 2026 Q3
    ticks = charts.year_ticks(quarters)
    assert ticks == ["2016 Q1", "2018 Q1", "2020 Q1", "2022 Q1", "2024 Q1", "2026 Q1"]  # the newest year labelled
    assert len(ticks) <= charts.MAX_YEAR_TICKS
    assert charts.year_ticks(quarters[-8:]) == ["2025 Q1", "2026 Q1"]  # few years: every year
    assert charts.year_ticks(["2026 Q2", "2026 Q3"]) == ["2026 Q2"]  # no first quarter: the first one


def test_trend_caption(frames):
    trend = overview.trend_frame(frames, until=date(2024, 12, 20))
    assert overview.trend_caption(trend, date(2024, 12, 20)).startswith(
        "Offene Fälle jeweils am Quartalsende seit 2023 Q1; der letzte Wert zeigt den Stand am 20.12.2024.")


def test_gemeinde_name_from_the_gemeinden_file(tmp_path, monkeypatch):
    path = tmp_path / "gemeinden.csv"
    path.write_text("ags;name;einwohner\n03351023;Wietze;8500\n", encoding="utf-8")
    monkeypatch.setattr(overview, "GEMEINDEN_FILE", path)
    assert overview.gemeinde_name("03351023") == "Gemeinde Wietze"
    assert overview.gemeinde_name("03351001") == "Gemeinde 03351001"
    monkeypatch.setattr(overview, "GEMEINDEN_FILE", tmp_path / "fehlt.csv")
    assert overview.gemeinde_name("03351023") == "Gemeinde 03351023"


def test_gemeinden_with_fewer_than_ten_cases_are_not_offered_to_suppressed_roles():
    keys = ["03351023", "03351001", "03351004"]
    counts = {"03351023": 706, "03351001": 9, "03351004": 10}
    assert overview.by_name(keys) == ["03351001", "03351004", "03351023"]
    assert overview.by_name(published.offered(counts)) == ["03351004", "03351023"]  # Bergen, Wietze


def test_the_public_sees_closed_periods_only(frames):
    pset = published.build({AGS: frames}, today=date(2024, 11, 30))  # Q4 2024 and the year 2024 are running
    assert pset.stand == date(2024, 9, 30)
    assert pset.periods_of(quarterly=True)[0] == Period(2024, 3)
    assert pset.periods_of(quarterly=False)[0] == Period(2023)
    assert not any(p.is_partial for p in pset.periods)


def test_published_trend_shows_withheld_groups_as_a_band_never_as_zero(public_set, frames):
    trend = overview.published_trend(public_set, AGS)
    exact = overview.trend_frame(frames, until=date(2024, 12, 31))
    assert trend["period"].iloc[0] == "2015-Q1" and trend["period"].iloc[-1] == "2024-Q4"
    for period, rows in trend.groupby("period"):
        shown = rows.set_index("group")["active"]
        truth = exact[exact["period"] == period].set_index("group")["active"]
        for group, value in shown.items():
            if group != overview.HIDDEN:
                assert value == truth[group], (period, group)  # a shown group is its true value
                assert not 1 <= value <= 4, (period, group)
        if overview.HIDDEN in shown:
            assert shown.sum() == truth.sum(), period  # the band completes the published total


def test_a_value_that_is_a_ratio_is_shown_as_a_percentage():
    """K14's goal shares are VALUEs (published where their cases are), but ratios: "90 %", not "0,9"."""
    figures = published.Figures("K14", {"reached_share": 0.75, "fully_reached_share": 0.9, "cases": 12})
    assert overview.format_part(figures, "fully_reached_share") == fmt.percent(0.9)
    assert overview.format_part(figures, "cases") == "12"
