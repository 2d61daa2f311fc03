"""Official context tables as they are downloaded: the real files (GENESIS-Online, Regionaldatenbank, a third-party
re-export of the Regionaldatenbank, the Gemeindeverzeichnis), a constructed file in the layout of the Bundesagentur
für Arbeit, and variants built from their bytes (saved again by a spreadsheet, another table of the same source),
read by their layout; a broken or foreign file is refused in German with its file and line."""

from __future__ import annotations

import csv
import io
import math
import re
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from etl import context as parser
from monitor import context as ctx, settings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "kontext"
SHIPPED = settings.PROJECT_DIR / "data" / "kontext"
GENESIS = "genesis_12411-0015_bevoelkerung_kreise.csv"
REGIONAL = "regionalstatistik_12411-01-01-4_bevoelkerung_kreise_2018.csv"
SEEKERS = "regionalstatistik_12531_schutzsuchende_kreise_2018.csv"
GV = "destatis_gemeindeverzeichnis_2019_landkreis_celle_auszug.csv"
BA = "ba_arbeitslose_celle_2018-12_konstruiertes_beispiel.csv"
END_2018, END_2019 = date(2018, 12, 31), date(2019, 12, 31)


def raw(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def parse(name: str) -> ctx.ContextTable:
    return parser.parse(raw(name), name)


def value(table: ctx.ContextTable, key: str, variable: str = "population", day: date = END_2018) -> float:
    frame = table.values
    found = frame[(frame["region_key"] == key) & (frame["variable"] == variable) & (frame["reference_date"] == day)]
    assert len(found) == 1, (key, variable, day)
    return found["value"].iloc[0]


def printed(name: str, key: str, column: int, encoding: str = "iso-8859-1") -> int:
    """The number printed in the file's line of `key`, in its `column` (0 = the key), read from the text."""
    for line in raw(name).decode(encoding).splitlines():
        cells = line.split(";")
        if cells[0] == key:
            return int(cells[column])
    raise AssertionError(key)


def levels(table: ctx.ContextTable) -> dict[str, int]:
    return table.regions().groupby("level")["region_key"].nunique().to_dict()


def assert_same_figures(first: ctx.ContextTable, second: ctx.ContextTable) -> None:
    columns = ctx.COLUMNS
    pd.testing.assert_frame_equal(first.values[columns].reset_index(drop=True),
                                  second.values[columns].reset_index(drop=True))


def test_the_shipped_context_files_are_the_fixtures_byte_for_byte():
    names = sorted(p.name for p in FIXTURES.glob("*.csv"))
    assert names == sorted(p.name for p in SHIPPED.glob("*.csv"))
    assert len(names) == 5
    for name in names:
        assert (SHIPPED / name).read_bytes() == raw(name)


# --- the real files ---

def test_genesis_table_12411_0015_population_of_every_kreis_1995_to_2018():
    table = parse(GENESIS)
    assert (table.source, table.table_code) == ("genesis", "12411-0015")
    assert table.title == "Bevölkerung: Kreise, Stichtag"
    assert table.reference_dates == tuple(date(year, 12, 31) for year in range(1995, 2019))
    assert table.licence == "Datenlizenz Deutschland – Namensnennung – 2.0"
    assert table.attribution == "© Statistisches Bundesamt (Destatis)"
    assert levels(table) == {"kreis": 476}
    assert set(table.values["variable"]) == {"population"}
    assert value(table, "03351") == 178_936 == printed(GENESIS, "03351", 25)
    assert value(table, "03351", day=date(1995, 12, 31)) == 179_143 == printed(GENESIS, "03351", 2)
    assert value(table, "01001", day=date(1995, 12, 31)) == 87_276
    assert table.regions().set_index("region_key").loc["03351", "region_name"] == "Celle, Landkreis"
    # Göttingen before and after the merger of 2016: '-' where the Kreis did not exist, missing and never 0
    assert math.isnan(value(table, "03159", day=date(2015, 12, 31)))
    assert value(table, "03159", day=date(2016, 12, 31)) == 327_065
    assert math.isnan(value(table, "03152", day=date(2016, 12, 31)))
    assert value(table, "03152", day=date(2015, 12, 31)) == 255_653
    assert table.values["value"].isna().sum() == raw(GENESIS).count(b";-")
    assert (table.values["value"] != 0).all()


def test_regionaldatenbank_12411_01_01_4_population_by_sex_with_every_level():
    table = parse(REGIONAL)
    assert (table.source, table.table_code) == ("regionalstatistik", "12411-01-01-4")
    assert table.title == "Bevölkerung nach Geschlecht - Stichtag 31.12. - regionale Tiefe: Kreise und krfr. Städte"
    assert table.reference_dates == (END_2018,)
    assert table.licence == "Datenlizenz Deutschland – Namensnennung – 2.0"
    assert table.attribution == "© Statistische Ämter des Bundes und der Länder"
    assert levels(table) == {"bund": 1, "land": 16, "bezirk": 35, "kreis": 471, "gemeinde": 15}
    assert set(table.values["variable"]) == {"population", "population_male", "population_female"}
    assert value(table, "03351") == 178_936 == printed(REGIONAL, "03351", 2)
    assert value(table, "03351", "population_male") == 88_054
    assert value(table, "03351", "population_female") == 90_882
    assert value(table, "DG") == 83_019_213
    regions = table.regions().set_index("region_key")
    assert regions.loc["03", "region_name"] == "Niedersachsen"  # the indentation is not part of the name
    assert regions.loc["033", "level"] == "bezirk" and regions.loc["03241001", "level"] == "gemeinde"
    # '-' for a Kreis that no longer exists, '.' for Berlin's Bezirke: missing, never 0
    assert math.isnan(value(table, "03152")) and math.isnan(value(table, "11001001"))


def test_the_kreise_of_niedersachsen_add_up_to_the_land_and_no_subtotal_is_counted_twice():
    frame = parse(REGIONAL).values
    population = frame[frame["variable"] == "population"]
    lower_saxony = population[population["region_key"].str.startswith("03")]
    total = value(parse(REGIONAL), "03")
    assert total == 7_982_448
    assert lower_saxony[lower_saxony["level"] == "kreis"]["value"].sum() == total
    assert lower_saxony[lower_saxony["level"] == "bezirk"]["value"].sum() == total
    # Hannover (03241001) is part of the Region Hannover (03241): a Gemeinde row, not one more Kreis
    assert lower_saxony["value"].sum() > 3 * total
    assert population[population["level"] == "land"]["value"].sum() == value(parse(REGIONAL), "DG")


def test_a_third_party_re_export_with_stripped_keys_and_a_date_column():
    table = parse(SEEKERS)
    assert table.source == "regionalstatistik"  # no metadata: known by the key DG and the indented names
    assert table.table_code == "12531"  # not in the file: from its name
    assert table.reference_dates == (END_2018,)
    assert set(table.values["variable"]) == {"protection_seekers"}
    assert levels(table) == {"bund": 1, "land": 16, "bezirk": 35, "kreis": 471, "gemeinde": 15}
    regions = table.regions().set_index("region_key")
    for key in ("03", "031", "03351", "03241001", "01001", "16077"):
        assert key in regions.index
    assert regions.loc["03", "level"] == "land" and regions.loc["031", "level"] == "bezirk"
    assert value(table, "03351", "protection_seekers") == 4_860
    assert value(table, "03", "protection_seekers") == 190_020
    assert math.isnan(value(table, "03152", "protection_seekers"))
    assert math.isnan(value(table, "03241001", "protection_seekers"))
    # rounded to multiples of 5: the Kreise of Niedersachsen differ from the Land by less than the rounding
    frame = table.values
    kreise = frame[(frame["level"] == "kreis") & frame["region_key"].str.startswith("03")]
    assert abs(kreise["value"].sum() - 190_020) <= 2.5 * len(kreise)


def test_gemeindeverzeichnis_2019_excerpt_of_landkreis_celle():
    table = parse(GV)
    assert (table.source, table.table_code) == ("gemeindeverzeichnis", "GV-ISys")
    assert table.reference_dates == (END_2019,)  # from the year in the file name: the excerpt names none
    assert table.attribution == "© Statistisches Bundesamt (Destatis)"
    assert levels(table) == {"gemeinde": 21}
    assert value(table, "03351023", "population", END_2019) == 8_360
    assert value(table, "03351023", "area_km2", END_2019) == 63.26
    assert value(table, "03351023", "population_male", END_2019) == 4_197
    assert value(table, "03351006", "population", END_2019) == 69_540  # "69 540": a space as thousands separator
    assert value(table, "03351501", "population", END_2019) == 764
    gemeinden = table.values[table.values["variable"] == "population"]
    printed_total = sum(int(r[9].replace(" ", "")) for r in csv.reader(raw(GV).decode("utf-8").splitlines())
                        if r[0] == "60")
    assert gemeinden["value"].sum() == printed_total == 179_011  # the Kreis on 31.12.2019, each Gemeinde once
    assert table.regions().set_index("region_key").loc["03351023", "region_name"] == "Wietze"


def test_a_constructed_export_in_the_layout_of_the_bundesagentur_fuer_arbeit():
    table = parse(BA)
    assert table.source == "ba" and table.table_code is None
    assert table.title == "Arbeitslose nach ausgewählten Personengruppen - Gemeinden"
    assert table.reference_dates == (END_2018,)  # "Berichtsmonat: Dezember 2018"; not the export's own date
    assert table.attribution == "© Statistik der Bundesagentur für Arbeit"
    assert levels(table) == {"kreis": 1, "gemeinde": 21}
    assert set(table.values["variable"]) == {"unemployed", "unemployed_foreign", "unemployed_protection_seekers",
                                             "unemployed_under_25"}
    assert value(table, "03351", "unemployed") == 7_905  # "7.905": a thousands dot, in quotes
    assert value(table, "03351023", "unemployed") == 326
    assert math.isnan(value(table, "03351501", "unemployed_foreign"))  # '*' anonymised
    assert math.isnan(value(table, "03351501", "unemployed_protection_seekers"))  # '-' nothing
    frame = table.values[table.values["variable"] == "unemployed"]
    assert frame[frame["level"] == "gemeinde"]["value"].sum() == value(table, "03351", "unemployed")


# --- variants of the real files ---

def test_genesis_saved_again_as_utf8_with_bom_and_crlf_reads_the_same():
    text = raw(GENESIS).decode("iso-8859-1")
    again = parser.parse(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"), GENESIS)
    assert_same_figures(parse(GENESIS), again)
    assert again.title == "Bevölkerung: Kreise, Stichtag"


def test_genesis_saved_by_a_spreadsheet_without_leading_zeros_and_with_quotes_reads_the_same():
    lines = raw(GENESIS).decode("iso-8859-1").split("\n")
    changed = []
    for line in lines:
        if re.match(r"\d{5};", line):
            key, name, *numbers = line.split(";")
            line = ";".join([str(int(key)), f'"{name}"', *(f'"{n}"' for n in numbers)])
        changed.append(line)
    again = parser.parse("\r\n".join(changed).encode("cp1252"), "Tabelle.csv")
    assert_same_figures(parse(GENESIS), again)
    assert again.table_code == "12411-0015"  # from the content, whatever the file is called
    assert value(again, "03351") == 178_936 and value(again, "01001") == 89_504


def test_another_genesis_table_with_years_instead_of_days_is_read_by_its_layout():
    text = raw(GENESIS).decode("iso-8859-1")
    text = text.replace("GENESIS-Tabelle: 12411-0015", "GENESIS-Tabelle: 12521-0041")
    text = text.replace("Bevölkerung: Kreise, Stichtag", "Ausländer: Kreise, Stichtag, Geschlecht")
    text = text.replace("Bevölkerungsstand (Anzahl)", "Ausländer (Anzahl)")
    text = text.replace(";Stichtag", ";männlich")
    text = re.sub(r";31\.12\.(\d{4})", r";\1", text)
    table = parser.parse(text.encode("iso-8859-1"), "download.csv")
    assert (table.source, table.table_code) == ("genesis", "12521-0041")
    assert table.title == "Ausländer: Kreise, Stichtag, Geschlecht"
    assert set(table.values["variable"]) == {"foreigners_male"}
    assert table.reference_dates[0] == date(1995, 12, 31) and table.reference_dates[-1] == END_2018
    assert value(table, "03351", "foreigners_male") == 178_936


def test_a_regionaldatenbank_table_with_an_extra_value_column_is_read_by_its_layout():
    lines = raw(REGIONAL).decode("iso-8859-1").split("\n")
    out = []
    for line in lines:
        if line.startswith(";;Stichtag"):
            line += ";Stichtag"
        elif line.startswith(";;31.12.2018"):
            line += ";31.12.2018"
        elif line.startswith(";;Insgesamt"):
            line += ";Ausländer"
        elif re.match(r"(DG|\d+);", line):
            cells = line.split(";")
            line += ";" + ("x" if cells[2] in "-." else str(int(cells[2]) // 10))
        out.append(line)
    text = "\n".join(out).replace("12411-01-01-4", "12521-01-02-4")
    table = parser.parse(text.encode("iso-8859-1"), "tabelle.csv")
    assert (table.source, table.table_code) == ("regionalstatistik", "12521-01-02-4")
    assert set(table.values["variable"]) == {"population", "population_male", "population_female",
                                             "population_foreign"}
    assert value(table, "03351", "population_foreign") == 17_893
    assert math.isnan(value(table, "03152", "population_foreign"))  # 'x'
    assert value(table, "03351") == 178_936


def test_the_gemeindeverzeichnis_saved_by_a_german_spreadsheet_reads_the_same():
    records = list(csv.reader(io.StringIO(raw(GV).decode("utf-8"))))
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for index, record in enumerate(records):
        if index and record[0] == "60":
            record[2] = str(int(record[2]))  # Land 03 -> 3
            record[6] = str(int(record[6]))  # Gemeinde 023 -> 23
            record[8] = record[8].strip().replace(".", ",")  # 63.26 -> 63,26
            record[9] = f"{int(record[9].replace(' ', '')):,}".replace(",", ".")  # 8 360 -> 8.360
        writer.writerow(record)
    again = parser.parse(out.getvalue().encode("cp1252"), GV)
    assert_same_figures(parse(GV), again)


def test_the_gemeindeverzeichnis_with_its_printed_column_names_reads_the_same():
    text = raw(GV).decode("utf-8")
    header, rest = text.split("\n", 1)
    printed_names = header.replace("satzart", "Satz-art").replace("gemeindename", "Gemeinde-name").replace(
        "flaeche", "Fläche km2").replace("bevoelkerung", "Bevölkerung insgesamt").replace("maennlich", "männlich")
    again = parser.parse(f"{printed_names}\n{rest}".encode("utf-8-sig"), GV)
    assert_same_figures(parse(GV), again)


# --- broken and foreign files ---

def test_a_file_cut_off_in_the_middle_of_a_row_is_refused_with_its_line():
    data = raw(GENESIS)
    cut = data[: data.index(b"03351;") + 40]
    with pytest.raises(parser.ContextError) as err:
        parser.parse(cut, GENESIS)
    line = cut.count(b"\n") + 1
    assert str(err.value).startswith(f"{GENESIS}, Zeile {line}: Die Zeile hat")
    assert "abgeschnitten" in str(err.value)


def test_a_file_cut_off_at_the_end_of_a_row_is_refused_for_its_missing_footer():
    data = raw(GENESIS)
    cut = data[: data.index(b"__________")]
    with pytest.raises(parser.ContextError, match=r"Zeile \d+: Die Datei endet mitten in der Tabelle"):
        parser.parse(cut, GENESIS)
    regional = raw(REGIONAL)
    with pytest.raises(parser.ContextError, match="abgeschnitten"):
        parser.parse(regional[: regional.index(b"03351;") + 20], REGIONAL)


def test_a_header_without_reference_dates_is_refused():
    text = raw(GENESIS).decode("iso-8859-1")
    text = re.sub(r";31\.12\.\d{4}", ";", text)
    with pytest.raises(parser.ContextError, match=r"ohne_jahre.csv, Zeile 5: Die Kopfzeile nennt keinen Stichtag"):
        parser.parse(text.encode("iso-8859-1"), "ohne_jahre.csv")
    # the same table is read when the date is given
    table = parser.parse(text.encode("iso-8859-1"), "ohne_jahre.csv", reference_date=END_2018)
    assert table.reference_dates == (END_2018,)


def test_a_cell_that_is_no_number_is_refused_with_line_and_column():
    text = raw(GENESIS).decode("iso-8859-1").replace(";178936\n", ";178x936\n")
    with pytest.raises(parser.ContextError, match=r"Zeile 44, Spalte Stichtag 31\.12\.2018: „178x936“ ist keine Zahl"):
        parser.parse(text.encode("iso-8859-1"), GENESIS)


def test_a_foreign_or_empty_file_is_refused_in_german():
    for data in (b"Name;Wert\nAnna;1\n", (settings.PROJECT_DIR / "data" / "ortsteile.csv").read_bytes(),
                 (settings.PROJECT_DIR / "docs" / "vorlagen" / "faelle.csv").read_bytes()):
        with pytest.raises(parser.ContextError, match="Kein bekanntes Tabellenformat|keine Zeile mit einem"):
            parser.parse(data, "fremd.csv")
    with pytest.raises(parser.ContextError, match="fremd.csv: Die Datei ist leer"):
        parser.parse(b"  \n", "fremd.csv")
    with pytest.raises(parser.ContextError, match="keine Textdatei"):
        parser.parse(b"PK\x03\x04\x00\x00binary", "fremd.csv")


# --- the pieces ---

@pytest.mark.parametrize(("raw_key", "expected"), [
    ("DG", ("DG", "bund")), ("3", ("03", "land")), ("03", ("03", "land")), ("16", ("16", "land")),
    ("31", ("031", "bezirk")), ("033", ("033", "bezirk")), ("3351", ("03351", "kreis")),
    ("03351", ("03351", "kreis")), ("3351.0", ("03351", "kreis")), ("3351023", ("03351023", "gemeinde")),
    ("03351023", ("03351023", "gemeinde")), ("16077", ("16077", "kreis")), ("033515402", ("033515402", "verband")),
    ("17", ("017", "bezirk")), ("99999", None), ("Celle", None), ("", None), ("123456", None),
])
def test_region_keys_keep_or_regain_their_leading_zeros(raw_key, expected):
    assert ctx.region_key(raw_key) == expected


@pytest.mark.parametrize(("cell", "expected"), [
    ("178936", 178936), ("1.234", 1234), ("1.234.567", 1234567), ("1.234,5", 1234.5), ("63,26", 63.26),
    ("63.26", 63.26), (" 13 430", 13430), ("0", 0),
])
def test_numbers_in_their_german_forms(cell, expected):
    assert parser.number(cell) == expected


@pytest.mark.parametrize("cell", ["-", ".", "x", "X", "...", "/", "*", "", "  ", "–"])
def test_placeholders_are_missing_never_zero(cell):
    assert math.isnan(parser.number(cell))


def test_decoding_tries_utf8_with_bom_then_utf8_then_windows_1252():
    assert parser.decode("Bevölkerung".encode("utf-8-sig")) == ("Bevölkerung", "utf-8-sig")
    assert parser.decode("Bevölkerung".encode()) == ("Bevölkerung", "utf-8")
    assert parser.decode("Bevölkerung ©".encode("iso-8859-1")) == ("Bevölkerung ©", "cp1252")
