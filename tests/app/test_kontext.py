"""The page Kontext through AppTest against the demo database (the first start imported the shipped official
tables), for every role: the note that these are official statistics, the Gemeinde's population and its own
figures per 1,000 inhabitants (for the public and the council the published set's only, a withheld count and its
rate "•"), the Landkreis against the Land, the census break, the source and licence under every chart; and
figures on the page checked against the numbers printed in the shipped files themselves, read here without the
import."""

from __future__ import annotations

import csv
import io
import json

import pytest

from monitor import db, fmt, queries, roles, settings
from monitor.texts import kontext as texts, ui
from tests.app.measures import EXACT_ROLES, SUPPRESSED_ROLES, chosen_period, open_page, page_path, published_set
from tests.app.test_pages import WIETZE, run
from ui import downloads, session

NAME = "kontext"
KONTEXT = settings.DATA_DIR / "kontext"
LICENCE = "Datenlizenz Deutschland – Namensnennung – 2.0"


def printed_genesis(key: str, day: str) -> int:
    """The figure of a region on a reference date as GENESIS 12411-0015 prints it (ISO-8859-1, `;`)."""
    lines = (KONTEXT / "genesis_12411-0015_bevoelkerung_kreise.csv").read_text(encoding="latin-1").splitlines()
    dates = next(line for line in lines if line.startswith(";;31.12.")).split(";")
    row = next(line for line in lines if line.startswith(f"{key};")).split(";")
    return int(row[dates.index(day)])


def printed_gemeindeverzeichnis(name: str) -> int:
    """The population of a Gemeinde (Satzart 60) as the Gemeindeverzeichnis prints it ("8 360")."""
    text = (KONTEXT / "destatis_gemeindeverzeichnis_2019_landkreis_celle_auszug.csv").read_text(encoding="utf-8")
    row = next(r for r in csv.DictReader(io.StringIO(text)) if r["satzart"] == "60" and r["gemeindename"] == name)
    return int(row["bevoelkerung"].replace(" ", ""))


def printed_seekers(key: str) -> int:
    """Schutzsuchende of a region as the shipped table 12531 prints it (keys without their leading zero)."""
    text = (KONTEXT / "regionalstatistik_12531_schutzsuchende_kreise_2018.csv").read_text(encoding="latin-1")
    row = next(line for line in text.splitlines() if line.split(";")[1:2] == [key.lstrip("0")])
    return int(row.split(";")[-1])


def captions(at) -> list[str]:
    return [c.value for c in at.caption]


def own_table(at):
    return next(t.value for t in at.table if texts.COL_PER_THOUSAND in t.value.columns
                and texts.COL_FIGURE in t.value.columns).set_index(texts.COL_FIGURE)


def table_with(at, column: str):
    return next(t.value for t in at.table if column in t.value.columns)


@pytest.mark.parametrize("role", roles.ROLES)
def test_the_page_opens_for_every_role_with_the_official_figures_and_their_sources(demo_db, role):
    at = open_page(NAME, role)
    assert at.title[0].value == texts.TITLE
    assert at.info[0].value == texts.OFFICIAL_NOTE  # first: official context, not the Gemeinde's results
    assert "keine Ergebnisse der Integrationsarbeit" in texts.OFFICIAL_NOTE
    metrics = {m.label: m.value for m in at.metric}
    # the Gemeinde's population, as the Gemeindeverzeichnis 2019 prints it
    assert metrics["Einwohner am 31.12.2019"] == fmt.number(printed_gemeindeverzeichnis("Wietze")) == "8.360"
    for name in texts.OWN_SHORT.values():
        assert name in metrics
    # the Landkreis against the Land: Celle on 31.12.2018 as GENESIS prints it
    population = table_with(at, "Landkreis Celle").set_index(texts.COL_REFERENCE_DATE)
    assert population.loc["31.12.2018", "Landkreis Celle"] == fmt.number(printed_genesis("03351", "31.12.2018"))
    assert population.loc["31.12.2018", "Landkreis Celle"] == "178.936"
    assert population.loc["31.12.2018", "Niedersachsen"] == "7.982.448"
    assert population.loc["31.12.1995", "Landkreis Celle"] == fmt.number(printed_genesis("03351", "31.12.1995"))
    seekers = table_with(at, texts.COL_SEEKERS).set_index(texts.COL_REGION)
    assert seekers.loc["Landkreis Celle", texts.COL_SEEKERS] == fmt.number(printed_seekers("03351")) == "4.860"
    assert seekers.loc["Niedersachsen", texts.COL_SEEKERS] == fmt.number(printed_seekers("03")) == "190.020"
    assert seekers.loc["Landkreis Celle", texts.COL_PER_THOUSAND] == fmt.number(4860 * 1000 / 178936, 1) == "27,2"
    # no shipped table has the foreigners: the page says which it needs, and shows no number for it
    assert texts.FOREIGNERS_NONE in [i.value for i in at.info]
    # the census break in the chart of Celle's series and in a caption
    charts = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    assert len(charts) == 2  # Celle's population, the protection seekers
    line, bars = charts
    assert [a["text"] for a in line["layout"]["annotations"]] == [texts.CENSUS_LABEL]
    (shape,) = line["layout"]["shapes"]
    assert shape["x0"] == line["data"][0]["x"].index("2011") - 0.5
    assert texts.CENSUS_NOTE in captions(at)
    assert bars["data"][0]["x"] == ["Landkreis Celle", "Niedersachsen"]
    # the source and licence under every chart, with the attribution the licence asks for
    texts_in_order = [c.value for c in at.caption]
    genesis = [t for t in texts_in_order if t.startswith("Quelle: Statistisches Bundesamt (Destatis), GENESIS-Online, "
                                                          "Tabelle 12411-0015, Stichtag 31.12.1995 bis 31.12.2017.")]
    assert genesis and genesis[0].endswith(f"© Statistisches Bundesamt (Destatis), {LICENCE}")
    regional = "Quelle: Statistische Ämter des Bundes und der Länder, Regionaldatenbank Deutschland, Tabelle 12531, "
    assert any(t.startswith(regional) and t.endswith(f"© Statistische Ämter des Bundes und der Länder, {LICENCE}")
               for t in texts_in_order)
    gv = ("Quelle: Statistisches Bundesamt (Destatis), Gemeindeverzeichnis, Tabelle GV-ISys, Stichtag 31.12.2019. "
          f"© Statistisches Bundesamt (Destatis), {LICENCE}")
    assert gv in texts_in_order
    # each table can be downloaded
    labels = [b.proto.label for b in at.get("download_button")]
    exact = role in EXACT_ROLES
    for name in ("Bevölkerung Landkreis Celle und Niedersachsen",
                 "Schutzsuchende Landkreis Celle und Niedersachsen"):
        assert downloads.labels(name, False)[0] in labels, name
    period = chosen_period(at)
    assert downloads.labels(texts.OWN_TABLE.format(period=period.label), exact)[0] in labels


def test_each_chart_is_followed_by_its_source(demo_db):
    """In the page's order: after each chart, before anything else but captions, a caption with its source."""
    at = open_page(NAME, roles.PUBLIC)
    flat = []

    def walk(node):
        kind = getattr(node, "type", None)
        flat.append((kind, getattr(node, "value", None) if kind == "caption" else None))
        for child in getattr(node, "children", {}).values():
            walk(child)

    for node in at.main.children.values():
        walk(node)
    charts = [i for i, (kind, _) in enumerate(flat) if kind == "plotly_chart"]
    assert len(charts) == 2
    for index in charts:
        following = flat[index + 1]
        assert following[0] == "caption" and following[1].startswith("Quelle: ") and LICENCE in following[1]


@pytest.mark.parametrize("role", EXACT_ROLES)
def test_exact_roles_see_their_counts_per_1000_inhabitants(demo_db, role):
    at = open_page(NAME, role)
    period = chosen_period(at)
    source = queries.load_source(db.get_engine(), WIETZE)
    table = own_table(at)
    for (kpi_id, part), name in texts.OWN_FIGURES.items():
        count = source.kpi_values(period, kpi_id)[part]
        assert table.loc[name, texts.COL_COUNT] == fmt.number(count)
        assert table.loc[name, texts.COL_PER_THOUSAND] == fmt.number(count * 1000 / 8360, 1)
    reference = texts.OWN_REFERENCE.format(population="8.360", date="31.12.2019", period=period.label)
    assert reference in captions(at)


@pytest.mark.parametrize("role", SUPPRESSED_ROLES)
def test_the_public_and_the_council_see_only_published_counts_and_no_rate_of_a_withheld_one(demo_db, role):
    at = open_page(NAME, role)
    pset = published_set()
    at.radio(key="granularity").set_value(ui.QUARTER).run()
    period = chosen_period(at)
    figures = pset.get(WIETZE, period)
    table = own_table(at)
    withheld = 0
    for (kpi_id, part), name in texts.OWN_FIGURES.items():
        found = figures[kpi_id]
        if found.is_hidden(part):
            withheld += 1
            assert table.loc[name, texts.COL_COUNT] == ui.SUPPRESSED
            assert table.loc[name, texts.COL_PER_THOUSAND] == ui.SUPPRESSED
            short = texts.OWN_SHORT[kpi_id, part]
            assert next(m.value for m in at.metric if m.label == short) == ui.SUPPRESSED
        else:
            assert table.loc[name, texts.COL_COUNT] == fmt.number(found[part])
            assert table.loc[name, texts.COL_PER_THOUSAND] == fmt.number(found[part] * 1000 / 8360, 1)
    assert withheld, "the newest quarter withholds none of the counts: nothing to check"
    assert texts.OWN_PUBLISHED in captions(at)


def test_the_meeting_view_shows_the_mayor_the_published_counts(demo_db):
    at = run(page_path(NAME), role=roles.MAYOR)
    at.session_state[session.MEETING] = True
    at.run()
    assert not at.exception
    period = chosen_period(at)
    figures = published_set().get(WIETZE, period)
    table = own_table(at)
    for (kpi_id, part), name in texts.OWN_FIGURES.items():
        found = figures[kpi_id]
        expected = ui.SUPPRESSED if found.is_hidden(part) else fmt.number(found[part])
        assert table.loc[name, texts.COL_COUNT] == expected
    assert texts.OWN_PUBLISHED in captions(at)


def test_an_empty_database_shows_the_note_and_a_german_hint(empty_db):
    at = open_page(NAME, roles.MAYOR)
    assert at.title[0].value == texts.TITLE
    assert [i.value for i in at.info][:2] == [texts.OFFICIAL_NOTE, ui.NO_DATA]

