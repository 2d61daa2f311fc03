"""Context statistics in the database: stored with source and licence, the same file once, removed again in one
transaction with an audit entry, all files of a call or none; and the queries the Kontext page will ask, checked
against the numbers printed in the source files."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from etl import context as parser
from monitor import audit, context as ctx, db

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "kontext"
GENESIS = "genesis_12411-0015_bevoelkerung_kreise.csv"
REGIONAL = "regionalstatistik_12411-01-01-4_bevoelkerung_kreise_2018.csv"
SEEKERS = "regionalstatistik_12531_schutzsuchende_kreise_2018.csv"
GV = "destatis_gemeindeverzeichnis_2019_landkreis_celle_auszug.csv"
BA = "ba_arbeitslose_celle_2018-12_konstruiertes_beispiel.csv"
END_2018 = date(2018, 12, 31)


def load(engine, *names: str, actor: str = "anna") -> list[parser.ImportResult]:
    results = parser.import_files(engine, [(name, (FIXTURES / name).read_bytes()) for name in names], actor)
    assert all(result.error is None for result in results), [result.error for result in results]
    return results


def counts(engine) -> tuple[int, int]:
    with engine.connect() as conn:
        return (conn.execute(select(func.count()).select_from(db.context_files)).scalar_one(),
                conn.execute(select(func.count()).select_from(db.context_values)).scalar_one())


def entries(engine, action: str) -> list[dict]:
    with engine.connect() as conn:
        return [dict(row) for row in conn.execute(select(db.audit_log).where(db.audit_log.c.action == action)
                                                  .order_by(db.audit_log.c.id)).mappings()]


def test_a_file_is_stored_with_its_source_table_dates_and_licence(engine):
    (result,) = load(engine, GENESIS)
    assert result.stored.stored and result.stored.values == 476 * 24 and result.stored.regions == 476
    files = ctx.files(engine)
    assert len(files) == 1
    stored = files.iloc[0]
    assert (stored["source"], stored["table_code"], stored["title"]) == (
        "genesis", "12411-0015", "Bevölkerung: Kreise, Stichtag")
    assert (stored["first_date"], stored["reference_date"]) == (date(1995, 12, 31), END_2018)
    assert stored["licence"] == "Datenlizenz Deutschland – Namensnennung – 2.0"
    assert stored["attribution"] == "© Statistisches Bundesamt (Destatis)"
    assert stored["imported_by"] == "anna" and stored["value_count"] == 11_424
    (entry,) = entries(engine, audit.IMPORT)
    assert entry["object"].startswith("kontext:") and entry["row_count"] == 11_424
    assert entry["file_sha256"] == result.table.sha256


def test_placeholders_are_stored_as_missing_never_as_zero(engine):
    load(engine, GENESIS)
    with engine.connect() as conn:
        values = db.context_values
        missing = conn.execute(select(func.count()).where(values.c.value.is_(None))).scalar_one()
        zero = conn.execute(select(func.count()).where(values.c.value == 0)).scalar_one()
    assert missing == (FIXTURES / GENESIS).read_bytes().count(b";-") and zero == 0


def test_population_of_celle_from_genesis_and_from_the_regionaldatenbank_is_the_printed_number(engine):
    load(engine, GENESIS)
    figure = ctx.population(engine, "03351", END_2018)
    assert figure.value == 178_936 and figure.reference_date == END_2018
    assert (figure.source, figure.table_code, figure.region_name) == ("genesis", "12411-0015", "Celle, Landkreis")
    assert figure.attribution == "© Statistisches Bundesamt (Destatis)"
    assert ctx.population(engine, "03351", date(2018, 6, 30)).value == 178_764  # 31.12.2017: the newest before
    assert ctx.population(engine, "3351").value == 178_936  # a key without its leading zero is found too
    load(engine, REGIONAL)
    figure = ctx.population(engine, "03351")
    assert figure.value == 178_936 and figure.source == "regionalstatistik"  # the newest file's figure
    assert figure.attribution == "© Statistische Ämter des Bundes und der Länder"
    assert ctx.figure(engine, "03351", "population_female", END_2018).value == 90_882


def test_population_of_wietze_from_the_gemeindeverzeichnis(engine):
    load(engine, GV)
    figure = ctx.population(engine, "03351023")
    assert (figure.value, figure.reference_date, figure.level) == (8_360, date(2019, 12, 31), "gemeinde")
    assert figure.source == "gemeindeverzeichnis" and figure.region_name == "Wietze"
    assert ctx.figure(engine, "03351023", "area_km2").value == 63.26
    assert ctx.population(engine, "03351023", END_2018) is None  # nothing known on that day


def test_a_series_over_the_years_keeps_missing_years_missing(engine):
    load(engine, GENESIS)
    celle = ctx.series(engine, "03351", "population")
    assert len(celle) == 24 and celle["value"].iloc[0] == 179_143 and celle["value"].iloc[-1] == 178_936
    assert set(celle["source"]) == {"genesis"} and set(celle["licence"]) == {
        "Datenlizenz Deutschland – Namensnennung – 2.0"}
    goettingen = ctx.series(engine, "03159", "population").set_index("reference_date")["value"]
    assert math.isnan(goettingen[date(2015, 12, 31)]) and math.isnan(goettingen[END_2018])
    assert goettingen[date(2017, 12, 31)] == 328_036
    assert ctx.population(engine, "03159").value == 328_036  # the newest known value, not the placeholder
    assert ctx.series(engine, "03351", "unknown").empty


def test_per_thousand_inhabitants(engine):
    load(engine, REGIONAL, SEEKERS, BA)
    assert ctx.rate(engine, "03351", "protection_seekers") == pytest.approx(4_860 * 1000 / 178_936)
    assert ctx.rate(engine, "03351", "unemployed") == pytest.approx(7_905 * 1000 / 178_936)
    assert ctx.rate(engine, "03152", "protection_seekers") is None  # a Kreis that no longer exists: no figure
    assert ctx.per_thousand(5, 0) is None and ctx.per_thousand(None, 1000) is None
    assert ctx.per_thousand(float("nan"), 1000) is None and ctx.per_thousand(3, 1500) == 2


def test_the_kreise_of_niedersachsen_add_up_to_the_land_in_the_database(engine):
    load(engine, REGIONAL)
    values = db.context_values
    base = select(func.sum(values.c.value)).where(values.c.variable == "population",
                                                  values.c.region_key.like("03%"))
    with engine.connect() as conn:
        kreise = conn.execute(base.where(values.c.level == "kreis")).scalar_one()
    assert kreise == ctx.population(engine, "03").value == 7_982_448


def test_the_same_file_twice_stores_nothing_twice(engine):
    (first,) = load(engine, GENESIS)
    before = counts(engine)
    (second,) = load(engine, GENESIS, actor="bernd")
    assert not second.stored.stored and second.stored.file_id == first.stored.file_id
    assert counts(engine) == before
    assert len(entries(engine, audit.IMPORT)) == 1


def test_a_file_is_removed_with_all_its_figures_in_one_step_and_can_come_again(engine):
    genesis, gv = load(engine, GENESIS, GV)
    removed = ctx.remove(engine, genesis.stored.file_id, "anna")
    assert removed.values == 11_424 and removed.regions == 476
    assert counts(engine) == (1, 105)
    assert ctx.population(engine, "03351") is None and ctx.population(engine, "03351023").value == 8_360
    (entry,) = entries(engine, audit.DELETE)
    assert entry["object"].startswith("kontext:") and entry["row_count"] == 11_424
    assert entry["file_sha256"] == genesis.table.sha256
    with pytest.raises(ctx.ContextError, match="keine Kontextdatei mit der Nummer"):
        ctx.remove(engine, genesis.stored.file_id, "anna")
    (again,) = load(engine, GENESIS)
    assert again.stored.stored and ctx.population(engine, "03351").value == 178_936


def test_a_refused_file_stores_nothing_of_the_call(engine):
    data = (FIXTURES / GENESIS).read_bytes()
    results = parser.import_files(engine, [(GV, (FIXTURES / GV).read_bytes()),
                                           ("kaputt.csv", data[: data.index(b"__________")])], "anna")
    (refused,) = [r for r in results if r.error]
    assert refused.file_name == "kaputt.csv" and "kaputt.csv, Zeile" in refused.error
    assert counts(engine) == (0, 0) and entries(engine, audit.IMPORT) == []


def test_the_recorded_file_name_says_nothing_of_a_person(engine):
    (result,) = parser.import_files(engine, [("hassan_al_masri_14.03.1985.csv", (FIXTURES / BA).read_bytes())],
                                    "anna")
    assert result.error is None
    assert "hassan" not in ctx.files(engine).iloc[0]["file_name"]
    assert "hassan" not in (entries(engine, audit.IMPORT)[0]["object"] or "")
