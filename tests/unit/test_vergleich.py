"""The Gemeinden compared per 1,000 inhabitants (monitor.views.vergleich), against values computed by hand; a
withheld count stays withheld in its rate and its shade; the map carries what the table prints."""

from __future__ import annotations

import dataclasses
import json
from datetime import date

from monitor import geo, maps
from monitor.periods import Period
from monitor.published import Figures
from monitor.texts import kontext as texts, ui
from monitor.views import vergleich

PERIOD = Period(2025)
ACTIVE, OPENED, STARTED, PLACED = ("K1", "active"), ("K1", "opened"), ("K6", "started"), ("K12", "placed")
WIETZE, CELLE, BERGEN, LOHHEIDE = "03351023", "03351006", "03351004", "03351501"


def figures(active: int | None, opened: int, started: int, placed: int, hidden: frozenset[str] = frozenset()):
    return {"K1": Figures("K1", {"active": active, "opened": opened}, hidden),
            "K6": Figures("K6", {"started": started}), "K12": Figures("K12", {"placed": placed})}


def entries() -> list[vergleich.Entry]:
    day = date(2024, 12, 31)
    return [
        vergleich.Entry(WIETZE, "Gemeinde Wietze", figures(60, 25, 12, 9), 8000.0, day),
        vergleich.Entry(CELLE, "Gemeinde Celle", figures(300, 110, 40, 20), 70000.0, day),
        vergleich.Entry(BERGEN, "Gemeinde Bergen", figures(None, 8, 5, 6, frozenset({"active"})), 13500.0, day),
        vergleich.Entry(LOHHEIDE, "Gemeinde Lohheide", None, 700.0, day),  # nothing published
    ]


def test_each_gemeinde_per_thousand_inhabitants_computed_by_hand():
    comparison = vergleich.build(entries(), PERIOD, exact=False, figure=ACTIVE)
    wietze, celle, bergen, lohheide = comparison.rows
    assert wietze.figure(ACTIVE).rate == 7.5  # 60 / 8,000 * 1,000
    assert round(celle.figure(ACTIVE).rate, 4) == round(300 / 70, 4)  # 4.2857...
    assert wietze.figure(PLACED).rate == 1.125  # 9 / 8,000 * 1,000
    assert bergen.figure(ACTIVE).withheld and bergen.figure(ACTIVE).rate is None
    assert round(bergen.figure(OPENED).rate, 4) == round(8 / 13.5, 4)
    assert not lohheide.published and lohheide.own == ()
    shown = comparison.table.shown
    assert list(shown[texts.COMPARE_COL_GEMEINDE]) == ["Gemeinde Wietze", "Gemeinde Celle", "Gemeinde Bergen",
                                                       "Gemeinde Lohheide"]
    rate = texts.COMPARE_COL_RATE.format(figure=texts.OWN_SHORT[ACTIVE])
    assert list(shown[rate]) == ["7,5", "4,3", ui.SUPPRESSED, texts.COMPARE_NOT_PUBLISHED]
    assert list(shown[texts.COMPARE_COL_POPULATION]) == ["8.000", "70.000", "13.500", "700"]
    download = comparison.table.download
    assert list(download[rate]) == [7.5, 4.3, ui.SUPPRESSED, texts.COMPARE_NOT_PUBLISHED]
    assert list(download[texts.COMPARE_COL_AGS]) == [WIETZE, CELLE, BERGEN, LOHHEIDE]
    assert texts.COMPARE_NOT_PUBLISHED_NOTE in comparison.notes and texts.OWN_PUBLISHED in comparison.notes


def test_the_shades_rank_the_published_rates_and_leave_the_withheld_grey():
    comparison = vergleich.build(entries(), PERIOD, exact=False, figure=ACTIVE)
    shades = {shade.ags: shade for shade in comparison.shades}
    # two rates, two classes (the two darkest shades): Celle 4.3 below Wietze 7.5
    assert shades[CELLE].colour == vergleich.SHADES[-2] and shades[WIETZE].colour == vergleich.SHADES[-1]
    assert shades[BERGEN].colour == vergleich.NO_SHADE and shades[BERGEN].label == ui.SUPPRESSED
    assert shades[LOHHEIDE].colour == vergleich.NO_SHADE and shades[LOHHEIDE].label == texts.COMPARE_NOT_PUBLISHED
    assert shades[WIETZE].tooltip == "Gemeinde Wietze: 7,5 Aktive Fälle je 1.000 Einwohner (60 bei 8.000 Einwohnern)"
    assert [text for _, text in comparison.legend] == ["bis 4,3", "über 4,3 bis 7,5"]
    by_placed = vergleich.build(entries(), PERIOD, exact=False, figure=PLACED)
    rates = sorted(row.figure(PLACED).rate for row in by_placed.rows if row.published)
    assert [round(r, 3) for r in rates] == [0.286, 0.444, 1.125]  # 20/70, 6/13.5, 9/8


def test_five_classes_of_equal_count_at_most():
    assert vergleich._classes([]) == []
    assert vergleich._classes([3.0, 3.0, 3.0]) == [3.0]
    assert vergleich._classes([float(i) for i in range(1, 11)]) == [2.0, 4.0, 6.0, 8.0, 10.0]


def test_the_map_carries_no_count_the_table_withholds():
    comparison = vergleich.build(entries(), PERIOD, exact=False, figure=ACTIVE)
    areas = vergleich.areas(comparison)
    assert {WIETZE, CELLE, BERGEN} <= {area.ags for area in areas}  # the real boundaries of the Landkreis Celle
    assert len(areas) == len(geo.kreis_areas(WIETZE))
    deck = json.loads(maps.comparison_deck(comparison, areas).to_json())
    sent = json.dumps(deck, ensure_ascii=False)
    assert "7,5 Aktive Fälle" in sent and "Gemeinde Bergen: •" in sent
    bergen = next(f for layer in deck["layers"] if layer["id"] == "vergleich" for f in layer["data"]["features"]
                  if f["properties"]["tooltip"].startswith("Gemeinde Bergen"))
    assert bergen["properties"]["fill"] == [*vergleich.NO_SHADE, 230]


def test_the_gemeinden_read_at_once_from_the_kinds_they_need_give_the_same_figures(engine, tmp_path):
    """queries.load_sources (one query per kind for every Gemeinde, only the kinds and archived figures of the
    compared KPIs) gives every compared KPI of every Gemeinde exactly as the Gemeinde's whole source does, for
    archived periods too."""
    from etl import demo
    from etl.pipeline import import_files
    from monitor import bootstrap, queries, registry
    from monitor.views.kontext import OWN_KPIS

    paths = demo.generate(tmp_path, scale=3)
    assert import_files(engine, [(p.name, p.read_bytes()) for p in paths], user="demo").ok
    assert bootstrap.daily(engine).cut_off is not None  # the years before the cut-off now come from the archive
    keys = queries.gemeinden(engine)
    kinds = registry.kinds_of(OWN_KPIS)
    assert kinds == {"cases", "enrolments", "courses", "internships"}  # not the contacts, the bulk of the rows
    together = queries.load_sources(engine, keys, OWN_KPIS)
    assert sorted(together) == sorted(keys) and len(keys) == 3
    for ags in keys:
        whole = queries.load_source(engine, ags)
        assert len(together[ags].frames["contacts"]) == 0 and len(whole.frames["contacts"]) > 0
        assert together[ags].frames["cases"]["ags"].eq(ags).all()
        assert together[ags].archived(Period(2019)) and together[ags].kpi_values(Period(2019), "K1")
        for period in (Period(2019), Period(2022, 2), Period(2024), Period(2025, 3), Period(2026)):
            alone = queries.load_sources(engine, keys, OWN_KPIS, [period.key])[ags]  # as the comparison reads it
            for kpi in OWN_KPIS:
                expected = whole.kpi_values(period, kpi)
                assert together[ags].kpi_values(period, kpi) == expected, (ags, period, kpi)
                assert alone.kpi_values(period, kpi) == expected, (ags, period, kpi)


def test_a_gemeinde_whose_figures_are_being_computed_says_so():
    pending = [*entries()[:3], vergleich.Entry(LOHHEIDE, "Gemeinde Lohheide", None, 700.0, date(2024, 12, 31),
                                               pending=True)]
    comparison = vergleich.build(pending, PERIOD, exact=False, figure=ACTIVE)
    lohheide = comparison.rows[-1]
    assert lohheide.pending and not lohheide.published
    rate = texts.COMPARE_COL_RATE.format(figure=texts.OWN_SHORT[ACTIVE])
    assert comparison.table.shown[rate].iloc[-1] == texts.COMPARE_PENDING_CELL
    assert {s.ags: s.label for s in comparison.shades}[LOHHEIDE] == texts.COMPARE_PENDING_CELL
    assert texts.COMPARE_NOT_PUBLISHED_NOTE not in comparison.notes  # not known yet
    # a pending Gemeinde with the figures published until then shows them
    older = vergleich.build([*entries()[:3], dataclasses.replace(entries()[0], ags=LOHHEIDE, pending=True)],
                            PERIOD, exact=False, figure=ACTIVE)
    assert not older.rows[-1].pending and older.table.shown[rate].iloc[-1] == "7,5"


def test_the_populations_of_all_gemeinden_come_from_one_query_as_each_own_series(engine):
    """context.series_of (one query for every region) gives each region the frame context.series gives it; the
    comparison's populations are the reference dates nearest to the period's end, as on the Gemeinde's own part."""
    from monitor import bootstrap, context as ctx
    from monitor.views import kontext

    bootstrap.load_context_files(engine)
    regions = [WIETZE, CELLE, LOHHEIDE, "03351", "03", "09999999"]  # the last: no figures
    together = ctx.series_of(engine, regions, ctx.POPULATION)
    assert "09999999" not in together
    for region in regions[:-1]:
        assert together[region].equals(ctx.series(engine, region, ctx.POPULATION)), region
    assert ctx.series(engine, "09999999", ctx.POPULATION).empty
    day = date(2025, 12, 31)
    found = vergleich.populations(engine, [WIETZE, CELLE, "09999999"], day)
    data = kontext.load(engine, WIETZE)
    base = kontext.nearest(data.known(WIETZE, ctx.POPULATION), day)
    assert found[WIETZE] == (float(base["value"]), base["reference_date"]) and found["09999999"] is None
    assert found[WIETZE][0] == 8360.0  # the Gemeindeverzeichnis: Wietze on 31.12.2019
