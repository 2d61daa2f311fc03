"""The demo generator: deterministic, shaped like real exports, and telling Wietze's story (docs/kennzahlen.md)."""

from __future__ import annotations

import io
from datetime import date

import pandas as pd
import pytest

from etl import demo
from etl.pipeline import import_files
from monitor import contract, districts, kpis, queries, registry, settings
from monitor.periods import Period


def read(path, encoding: str) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(path.read_bytes()), sep=";", encoding=encoding, dtype=str, keep_default_na=False)


def dates(column: pd.Series) -> pd.Series:
    return pd.to_datetime(column.replace("", None), format="%d.%m.%Y")


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo")
    paths = demo.generate(out)
    return {p.name: p for p in paths}


@pytest.fixture(scope="module")
def frames(exported):
    def frame(slug: str) -> pd.DataFrame:
        kind = next(k for k in contract.KINDS if k.slug == slug)
        encoding = "utf-8-sig" if kind.name in demo.UTF8_KINDS else "cp1252"
        return read(exported[f"{slug}.csv"], encoding)

    return {k.slug: frame(k.slug) for k in contract.KINDS}


def test_same_seed_gives_byte_identical_files_and_another_seed_does_not(tmp_path, exported):
    again = demo.generate(tmp_path / "again")
    assert [p.name for p in again] == list(exported)
    assert all(p.read_bytes() == exported[p.name].read_bytes() for p in again)
    other = demo.generate(tmp_path / "other", seed=demo.DEFAULT_SEED + 1)
    assert any(p.read_bytes() != exported[p.name].read_bytes() for p in other)


def test_the_shipped_demo_files_are_exactly_what_the_generator_writes(exported):
    shipped = sorted(p.name for p in settings.DEMO_DIR.glob("*.csv"))
    assert shipped == sorted(exported), "data/demo is out of date: run python -m etl.demo"
    for name, path in exported.items():
        assert (settings.DEMO_DIR / name).read_bytes() == path.read_bytes(), f"{name}: run python -m etl.demo"


def test_files_look_like_a_german_excel_export(exported):
    for name, path in exported.items():
        raw = path.read_bytes()
        kind = next(k for k in contract.KINDS if f"{k.slug}.csv" == name)
        if kind.name in demo.UTF8_KINDS:
            assert raw.startswith(b"\xef\xbb\xbf"), name
            text = raw.decode("utf-8-sig")
        else:
            assert not raw.startswith(b"\xef\xbb\xbf"), name
            text = raw.decode("cp1252")
        lines = text.split("\r\n")
        assert lines[0] == ";".join(kind.headers), name
        assert "\n" not in text.replace("\r\n", ""), f"{name}: lines must end in CRLF"
    partners = exported["netzwerkpartner.csv"].read_bytes()
    assert "Ausländerbehörde".encode("cp1252") in partners  # Windows-1252, not UTF-8
    staffing = exported["stellenanteile.csv"].read_bytes().decode("cp1252")
    assert "IB-W;w;0,5;01.07.2017;" in staffing  # decimal comma and German dates


def test_volumes_match_a_gemeinde_of_8500(frames):
    assert 500 <= len(frames["faelle"]) <= 800
    assert 2000 <= len(frames["kontakte"]) <= 8000
    assert 18 <= len(frames["netzwerkpartner"]) <= 25
    assert set(frames["faelle"]["gemeinde_ags"]) == {demo.WIETZE}


def test_arrival_waves_of_2015_16_and_2022_and_eu_workers_every_year(frames):
    cases = frames["faelle"].assign(opened=lambda f: dates(f["beginn"]))
    per_year = cases.groupby(cases["opened"].dt.year).size()
    assert per_year[2016] > 2 * per_year[2019]
    assert per_year[2022] > 1.5 * per_year[2021]
    assert cases["opened"].min() >= pd.Timestamp(demo.POST_START)
    ukraine = cases[cases["herkunftsregion"] == "ukraine"]
    assert (ukraine["opened"] >= pd.Timestamp(2022, 2, 24)).all() and len(ukraine) >= 40
    eu = cases[cases["zielgruppe"] == "eu_arbeitnehmer"]
    assert set(range(2016, 2027)) <= set(eu["opened"].dt.year)


def test_the_post_is_one_fte_from_2015_and_one_and_a_half_from_2017(frames):
    staffing = frames["stellenanteile"]
    assert staffing[["kuerzel", "geschlecht", "vze", "gueltig_ab"]].values.tolist() == [
        ["IB-M", "m", "1,0", "01.10.2015"], ["IB-W", "w", "0,5", "01.07.2017"]]


def test_cafe_is_weekly_with_holiday_breaks_and_covid_cancellations(frames):
    cafe = frames["integrationscafe"].assign(day=lambda f: dates(f["datum"]))
    assert (cafe["day"].dt.day_of_week == 2).all()  # Wednesdays
    gaps = cafe["day"].diff().dt.days.dropna()
    assert set(gaps) <= {7, 14, 21, 28}
    assert not ((cafe["day"].dt.month == 12) & (cafe["day"].dt.day >= 22)).any()
    summer_2019 = cafe[(cafe["day"] >= "2019-07-04") & (cafe["day"] <= "2019-08-14")]
    assert len(summer_2019) <= 3  # six holiday weeks, three of them without café
    lockdown = cafe[(cafe["day"] >= "2020-04-01") & (cafe["day"] <= "2021-06-30")]
    assert len(lockdown) > 40 and (lockdown["ausgefallen"] == "ja").all()
    held_2019 = cafe[(cafe["day"].dt.year == 2019) & (cafe["ausgefallen"] != "ja")]
    assert (held_2019["teilnehmende"].astype(int) > 0).all()


def test_courses_have_waiting_times_dropouts_and_dtz_results(frames):
    enrolments = frames["kursteilnahmen"]
    started = enrolments[enrolments["kursbeginn"] != ""]
    waiting = (dates(started["kursbeginn"]) - dates(started["berechtigung_datum"])).dt.days
    assert (waiting >= 0).all() and 60 <= waiting.median() <= 240
    status = enrolments["status"].value_counts()
    assert status["regulaer_beendet"] > 150 and 0.08 <= status["abgebrochen"] / status["regulaer_beendet"] <= 0.35
    first = enrolments[enrolments["dtz_versuch"] == "1"]["dtz_ergebnis"].value_counts(normalize=True)
    assert 0.35 <= first["B1"] <= 0.7 and first["A2"] > 0.15 and first["unter_A2"] > 0
    assert (enrolments["dtz_versuch"] == "2").any()  # repeaters
    courses = frames["kurse"]
    assert set(enrolments.loc[enrolments["kurs_id"] != "", "kurs_id"]) <= set(courses["kurs_id"])
    assert {"allgemein", "alphabetisierung", "bsk_basis_b2"} <= set(courses["kursart"])


def test_internships_start_with_the_exchange_in_2017_and_have_outcomes(frames):
    internships = frames["praktika"]
    assert dates(internships["angebot_datum"]).min() >= pd.Timestamp(demo.INTERNSHIP_EXCHANGE_START)
    completed = internships[internships["status"] == "abgeschlossen"]
    assert len(completed) > 50 and {"ausbildung", "beschaeftigung"} <= set(completed["anschluss"])
    placed_cases = set(internships["fall_id"]) - {""}
    assert placed_cases <= set(frames["faelle"]["fall_id"])



def test_casework_has_durations_feedback_employment_and_goals(frames):
    """What K3, K5, K13 and K14 read: phone calls timed from 2018 on, every other contact timed; partners with
    a written agreement give feedback more often; refugees whose case ran two years or more are more often in
    work at closure; every case has goals, none reached or partly reached beyond them."""
    contacts = frames["kontakte"]
    untimed_phone = (contacts["kontaktart"] == "telefon") & (dates(contacts["datum"]) < pd.Timestamp(
        demo.PHONE_TIMED_FROM))
    assert untimed_phone.any() and (contacts.loc[untimed_phone, "dauer_minuten"] == "").all()
    assert (contacts.loc[~untimed_phone, "dauer_minuten"] != "").all()
    referrals = contacts[contacts["vermittlung_an"] != ""]
    agreed_on = dates(frames["netzwerkpartner"].set_index("partner_id")["vereinbarung_datum"])
    agreed = dates(referrals["datum"]).to_numpy() >= agreed_on.reindex(referrals["vermittlung_an"]).to_numpy()
    feedback = (referrals["rueckmeldung"] == "ja").to_numpy()
    assert feedback[agreed].mean() > feedback[~agreed].mean() + 0.15
    cases = frames["faelle"]
    closed = cases[(cases["abschluss"] != "") & (cases["erwerbsfaehig"] == "ja")
                   & cases["zielgruppe"].isin(["asylverfahren", "geduldet", "schutz_anerkannt"])]
    long = (dates(closed["abschluss"]) - dates(closed["beginn"])).dt.days >= 2 * 365
    in_work = closed["erwerbsstatus_abschluss"].isin(["sv_beschaeftigung", "ausbildung", "selbststaendig"])
    assert in_work[long].mean() > in_work[~long].mean() + 0.1
    goals = cases[["ziele_gesetzt", "ziele_erreicht", "ziele_teilweise"]].astype(int)
    assert (goals["ziele_gesetzt"] >= 1).all()
    assert (goals["ziele_erreicht"] + goals["ziele_teilweise"] <= goals["ziele_gesetzt"]).all()

def test_contacts_reference_cases_partners_and_officers_on_staff(frames):
    contacts = frames["kontakte"]
    assert set(contacts["fall_id"]) <= set(frames["faelle"]["fall_id"])
    assert set(contacts["vermittlung_an"]) - {""} <= set(frames["netzwerkpartner"]["partner_id"])
    before_second_post = dates(contacts["datum"]) < pd.Timestamp(demo.SECOND_POST_START)
    assert set(contacts.loc[before_second_post, "beauftragte"]) == {"IB-M"}
    assert (dates(contacts["datum"]) <= pd.Timestamp(demo.DEMO_UNTIL)).all()


def test_every_text_of_the_demo_is_vocabulary(frames):
    partner_ids = set(frames["netzwerkpartner"]["partner_id"])
    providers = set(frames["kurse"]["traeger"]) - {""}
    assert providers <= partner_ids and {"P04", "P23"} <= providers  # VHS Celle and Sprachforum Celle
    names = dict(zip(frames["netzwerkpartner"]["partner_id"], frames["netzwerkpartner"]["name"]))
    assert (names["P04"], names["P23"]) == ("VHS Celle", "Sprachforum Celle")
    assert {frames["netzwerkpartner"].set_index("partner_id").loc[p, "partnertyp"] for p in ("P04", "P23")} == {
        "kurstraeger"}
    listed = {p for cell in frames["netzwerktreffen"]["partner_ids"] if cell for p in cell.split("|")}
    assert listed <= partner_ids
    officers = set(frames["stellenanteile"]["kuerzel"])
    assert set(frames["faelle"]["zustaendig"]) - {""} <= officers
    assert set(frames["faelle"]["ortsteil"]) - {""} <= {d.code for d in districts.of(demo.WIETZE)}


def test_a_demo_of_several_gemeinden_is_accepted_whole(engine, tmp_path):
    """Only Wietze keeps an Ortsteil list: the other Gemeinden's cases leave the column empty; each Gemeinde's
    courses and meetings name its own partners."""
    paths = demo.generate(tmp_path, scale=3)
    report = import_files(engine, [(p.name, p.read_bytes()) for p in paths], user="demo", dry_run=True)
    assert report.ok, [p.message for f in report.files for p in f.problems][:5]


def test_demo_imports_whole_and_gives_plausible_kpis(engine, exported):
    report = import_files(engine, [(p.name, p.read_bytes()) for p in exported.values()], user="demo")
    assert report.ok, [p.message for f in report.files for p in f.problems][:5]
    frames = queries.load_all(engine, demo.WIETZE)
    year_2016 = registry.compute_all(frames, Period(2016))
    year_2024 = registry.compute_all(frames, Period(2024))
    assert year_2016["K2"].denominator == pytest.approx(1.0)
    assert year_2024["K2"].denominator == pytest.approx(1.5)
    assert year_2016["K18"].value is None  # no woman officer before July 2017
    assert year_2024["K18"].value > 0.6
    assert year_2024["K15"].value > 0.9
    assert registry.compute_all(frames, Period(2020))["K15"].value < 0.5  # café closed from March 2020
    trend = kpis.active_cases_trend(frames["cases"], date(2016, 1, 1), date(2026, 9, 30))
    active = trend.groupby("period")["active"].sum()
    assert active["2016-Q4"] > active["2019-Q4"] and active["2022-Q4"] > active["2021-Q4"]


def test_scale_takes_further_gemeinden_of_the_landkreis(tmp_path):
    paths = demo.generate(tmp_path, scale=3)
    cases = read(next(p for p in paths if p.name == "faelle.csv"), "cp1252")
    names = {g.ags: g for g in demo.load_gemeinden()}
    keys = list(dict.fromkeys(cases["gemeinde_ags"]))
    assert keys[0] == demo.WIETZE and len(keys) == 3 and all(k in names for k in keys)
    per_gemeinde = cases.groupby("gemeinde_ags").size()
    big, small = max(keys, key=lambda k: names[k].population), min(keys, key=lambda k: names[k].population)
    assert per_gemeinde[big] > per_gemeinde[small]


def test_scale_21_is_the_whole_landkreis_and_beyond_it_come_synthetic_gemeinden_of_their_own():
    celle = demo.load_gemeinden()
    assert len(celle) == 21 and celle[0].ags == demo.WIETZE
    assert sum(g.population for g in celle) == 178_936  # the Landkreis on 31.12.2018, Lohheide included
    assert [g.ags for g in demo.choose_gemeinden(21)] == [g.ags for g in celle]
    land = demo.choose_gemeinden(940)
    keys = [g.ags for g in land]
    assert len(keys) == len(set(keys)) == 940  # each its own AGS: more Gemeinden, not bigger ones
    synthetic = land[21:]
    assert all(len(g.ags) == 8 and g.ags.startswith("03") and g.ags[:5] != "03351" for g in synthetic)
    assert all(int(g.ags[5:]) >= demo.SYNTHETIC_FIRST for g in synthetic)
    assert {g.population for g in synthetic} == {g.population for g in celle}  # sizes of real Gemeinden
    assert len({g.ags[:5] for g in synthetic}) == len(demo.OTHER_KREISE)


def test_a_demo_beyond_the_landkreis_adds_gemeinden_at_their_own_size(tmp_path):
    paths = demo.generate(tmp_path, scale=23)
    cases = read(next(p for p in paths if p.name == "faelle.csv"), "cp1252")
    per_gemeinde = cases.groupby("gemeinde_ags").size()
    assert len(per_gemeinde) == 23
    wietze_alone = read(next(p for p in demo.generate(tmp_path / "one", scale=1) if p.name == "faelle.csv"),
                        "cp1252")
    assert per_gemeinde[demo.WIETZE] == len(wietze_alone)  # Wietze is not made bigger by a larger demo


def test_scale_below_one_is_refused(tmp_path):
    with pytest.raises(ValueError):
        demo.generate(tmp_path, scale=0)
