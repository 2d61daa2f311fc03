"""The page Kontext's view model (monitor.views.kontext) on a small hand-made fixture: the Gemeinde's own figures
per 1,000 inhabitants computed by hand, a withheld count whose rate stays withheld, the population of the nearest
reference date, the census 2011 break marked in the chart, rates only against the population of the same date,
and the source lines with the attribution and licence the files store."""

from __future__ import annotations

from datetime import date

import pandas as pd

from monitor import charts
from monitor.periods import Period
from monitor.published import Figures
from monitor.texts import kontext as texts, ui
from monitor.views import kontext as view

GEMEINDE, KREIS, LAND = "03351023", "03351", "03"
LICENCE = "Datenlizenz Deutschland – Namensnennung – 2.0"
DESTATIS = "© Statistisches Bundesamt (Destatis)"
LAENDER = "© Statistische Ämter des Bundes und der Länder"
GENESIS = dict(source="genesis", table_code="12411-0015", licence=LICENCE, attribution=DESTATIS, file_id=1)
REGIONAL = dict(source="regionalstatistik", table_code="12531", licence=LICENCE, attribution=LAENDER, file_id=2)
GV = dict(source="gemeindeverzeichnis", table_code="GV-ISys", licence=LICENCE, attribution=DESTATIS, file_id=3)


def frame(name: str, level: str, values: dict[date, float | None], origin: dict) -> pd.DataFrame:
    return pd.DataFrame([dict(reference_date=day, value=float("nan") if value is None else float(value),
                              region_name=name, level=level, **origin) for day, value in values.items()])


def end(year: int) -> date:
    return date(year, 12, 31)


def data(extra: dict | None = None) -> view.ContextData:
    series = {
        (GEMEINDE, "population"): frame("Wietze", "gemeinde", {end(2017): 1900, end(2019): 2000}, GV),
        (KREIS, "population"): frame("Celle, Landkreis", "kreis",
                                     {end(2009): 100_000, end(2010): 101_000, end(2011): 98_000, end(2012): None,
                                      end(2013): 99_000}, GENESIS),
        (LAND, "population"): frame("Niedersachsen", "land", {end(2013): 8_000_000}, GENESIS),
        (KREIS, "protection_seekers"): frame("Celle, Landkreis", "kreis", {end(2013): 2_475}, REGIONAL),
        (LAND, "protection_seekers"): frame("Niedersachsen", "land", {end(2013): 160_000}, REGIONAL),
    }
    series.update(extra or {})
    return view.ContextData(GEMEINDE, series)


OWN = {"K1": Figures("K1", {"active": 30, "opened": 12}), "K6": Figures("K6", {"started": 7}),
       "K12": Figures("K12", {"placed": 0})}


def test_own_figures_per_1000_inhabitants_are_computed_from_the_nearest_population():
    model = view.build(data(), "Gemeinde Wietze", OWN, Period(2025), exact=True)
    own = {(r.kpi_id, r.part): r for r in model.own.rows}
    # 30 active cases among 2,000 inhabitants (31.12.2019, the date nearest to 2025): 15 per 1,000
    assert own["K1", "active"].rate == 15.0 and own["K1", "active"].rate_text == "15,0"
    assert own["K1", "opened"].rate == 6.0
    assert own["K6", "started"].rate == 3.5 and own["K6", "started"].rate_text == "3,5"
    assert own["K12", "placed"].rate == 0.0 and own["K12", "placed"].rate_text == "0,0"
    assert model.own.base == 2000 and model.own.base_date == end(2019)
    assert texts.OWN_REFERENCE.format(population="2.000", date="31.12.2019", period="2025") in model.own.notes
    shown = model.own.table.shown.set_index(texts.COL_FIGURE)
    assert shown.loc[texts.OWN_FIGURES["K1", "active"], texts.COL_COUNT] == "30"
    assert shown.loc[texts.OWN_FIGURES["K1", "active"], texts.COL_PER_THOUSAND] == "15,0"
    download = model.own.table.download.set_index(texts.COL_FIGURE)
    assert download.loc[texts.OWN_FIGURES["K6", "started"], texts.COL_PER_THOUSAND] == 3.5
    assert download.loc[texts.OWN_FIGURES["K6", "started"], texts.COL_POPULATION] == 2000
    assert DESTATIS in download[texts.COL_SOURCE].iloc[0]
    # 2017: its own year's population (1,900)
    earlier = view.build(data(), "Gemeinde Wietze", OWN, Period(2017), exact=True)
    assert earlier.own.base == 1900
    assert round(earlier.own.rows[0].rate, 6) == round(30 * 1000 / 1900, 6)


def test_a_withheld_count_stays_withheld_and_so_does_its_rate():
    published = {"K1": Figures("K1", {"active": 3, "opened": 12}, hidden=frozenset({"active"})),
                 "K6": Figures("K6", {"started": None})}
    model = view.build(data(), "Gemeinde Wietze", published, Period(2025), exact=False)
    own = {(r.kpi_id, r.part): r for r in model.own.rows}
    active = own["K1", "active"]
    assert active.withheld and active.count is None and active.rate is None
    assert active.count_text == ui.SUPPRESSED and active.rate_text == ui.SUPPRESSED
    assert own["K1", "opened"].rate_text == "6,0"  # a published count keeps its rate
    assert own["K6", "started"].rate_text == "–" and not own["K6", "started"].withheld  # no value: none
    assert own["K12", "placed"].rate is None  # the KPI is not in the set
    row = model.own.table.download.set_index(texts.COL_FIGURE).loc[texts.OWN_FIGURES["K1", "active"]]
    assert row[texts.COL_COUNT] == ui.SUPPRESSED and row[texts.COL_PER_THOUSAND] == ui.SUPPRESSED
    assert "3" not in " ".join(model.own.table.shown.astype(str).to_numpy().ravel())  # the withheld 3 nowhere
    assert texts.OWN_PUBLISHED in model.own.notes


def test_without_a_population_there_is_no_rate():
    model = view.build(data({(GEMEINDE, "population"): view._empty()}), "Gemeinde Wietze", OWN, Period(2025),
                       exact=True)
    assert model.population is None and model.gemeinde_population is None
    assert all(r.rate is None for r in model.own.rows)
    assert model.own.notes[0] == texts.OWN_NO_POPULATION


def test_the_census_break_is_marked_where_a_series_crosses_it():
    assert view.census_break([end(2009), end(2010), end(2011), end(2013)]) == 2
    assert view.census_break([end(2011), end(2012)]) is None  # all after it
    assert view.census_break([end(2008), end(2010)]) is None  # all before it
    model = view.build(data(), "Gemeinde Wietze", OWN, Period(2025), exact=True)
    block = model.kreis_population
    (chart,) = block.charts  # the Land has one date only: no chart, a note
    assert chart.region == "Landkreis Celle"
    assert chart.labels == ("2009", "2010", "2011", "2013")  # the placeholder of 2012 is no point (and no 0)
    assert chart.census_index == 2
    assert texts.CENSUS_NOTE in block.notes
    assert texts.POPULATION_ONLY_DATES.format(region="Niedersachsen", dates="31.12.2013") in block.notes
    figure = charts.population_line(chart)
    (line,) = [s for s in figure.layout.shapes if s.type == "line"]
    assert line.x0 == line.x1 == 1.5  # between 2010 and 2011 (category indices 1 and 2)
    assert [a.text for a in figure.layout.annotations] == [texts.CENSUS_LABEL] == ["Zensus 2011: Bruch der Zeitreihe"]
    assert "Zensus 2011" in chart.alt
    shown = block.table.shown.set_index(texts.COL_REFERENCE_DATE)
    assert shown.loc["31.12.2011", "Landkreis Celle"] == "98.000" and shown.loc["31.12.2011", "Niedersachsen"] == "–"


def test_rates_of_kreis_and_land_use_the_population_of_the_same_date_only():
    model = view.build(data(), "Gemeinde Wietze", OWN, Period(2025), exact=True)
    bars = {b.region: b for b in model.seekers.comparison.bars}
    assert bars["Landkreis Celle"].value == 2_475 * 1000 / 99_000 == 25.0
    assert bars["Niedersachsen"].value == 160_000 * 1000 / 8_000_000 == 20.0
    shown = model.seekers.table.shown.set_index(texts.COL_REGION)
    assert shown.loc["Landkreis Celle", texts.COL_PER_THOUSAND] == "25,0"
    assert shown.loc["Niedersachsen", texts.COL_SEEKERS] == "160.000"
    # a count of a year without the population of that year: no rate rather than one against another year
    other = data({(KREIS, "protection_seekers"): frame("Celle, Landkreis", "kreis", {end(2014): 2_500}, REGIONAL)})
    later = view.build(other, "Gemeinde Wietze", OWN, Period(2025), exact=True)
    bar = next(b for b in later.seekers.comparison.bars if b.region == "Landkreis Celle")
    assert bar.value is None and bar.population is None
    assert "Landkreis Celle" not in charts.comparison_bars(later.seekers.comparison).data[0].x  # no bar, no 0


def test_foreigners_only_from_a_table_that_has_them():
    model = view.build(data(), "Gemeinde Wietze", OWN, Period(2025), exact=True)
    assert model.foreigners is None  # the page says which table it needs instead
    assert "12521" in texts.FOREIGNERS_NONE
    with_file = data({(KREIS, "foreigners"): frame("Celle, Landkreis", "kreis", {end(2013): 9_900}, REGIONAL)})
    share = view.build(with_file, "Gemeinde Wietze", OWN, Period(2025), exact=True).foreigners
    (bar,) = share.comparison.bars
    assert bar.value == 0.1 and share.comparison.text(bar.value) == "10,0\u00a0%"


def test_every_block_names_its_source_with_attribution_and_licence():
    model = view.build(data(), "Gemeinde Wietze", OWN, Period(2025), exact=True)
    genesis = ("Quelle: Statistisches Bundesamt (Destatis), GENESIS-Online, Tabelle 12411-0015, Stichtag 31.12.2009 "
               "bis 31.12.2013. © Statistisches Bundesamt (Destatis), Datenlizenz Deutschland – Namensnennung – 2.0")
    assert model.kreis_population.charts[0].sources == (genesis,)
    assert model.seekers.sources[0] == (
        "Quelle: Statistische Ämter des Bundes und der Länder, Regionaldatenbank Deutschland, Tabelle 12531, "
        "Stichtag 31.12.2013. © Statistische Ämter des Bundes und der Länder, Datenlizenz Deutschland – "
        "Namensnennung – 2.0")
    assert any(line.startswith("Quelle: Statistisches Bundesamt (Destatis), GENESIS-Online, Tabelle 12411-0015, "
                               "Stichtag 31.12.2013.") for line in model.seekers.sources)  # its population
    assert model.gemeinde_population.sources == (
        "Quelle: Statistisches Bundesamt (Destatis), Gemeindeverzeichnis, Tabelle GV-ISys, Stichtag 31.12.2017 bis "
        "31.12.2019. © Statistisches Bundesamt (Destatis), Datenlizenz Deutschland – Namensnennung – 2.0",)
    for block in (model.gemeinde_population, model.kreis_population, model.seekers):
        assert block.sources and all(LICENCE in line for line in block.sources)
        assert set(block.table.download[texts.COL_SOURCE]) == {" / ".join(block.sources)}
    assert model.own.sources == (model.gemeinde_population.sources[0].replace("31.12.2017 bis ", ""),)


def test_region_names_read_like_the_other_pages():
    model = view.build(data(), "Gemeinde Wietze", OWN, Period(2025), exact=True)
    assert (model.kreis, model.land) == ("Landkreis Celle", "Niedersachsen")
    assert model.population_label == "Einwohner am 31.12.2019" and model.population_text == "2.000"
    assert not model.empty
    assert view.build(view.ContextData(GEMEINDE, {}), "Gemeinde Wietze", OWN, Period(2025), exact=True).empty
