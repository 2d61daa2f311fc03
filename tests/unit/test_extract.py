"""Extract: bytes of real exports -> text cells with the right line numbers, never guessing."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from etl.extract import DecodeError, decode, extract, normalise_header, sniff_delimiter

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

PARTNER_NAMES = ["Ausländerbehörde Landkreis Celle", "Caritas – Migrationsdienst Celle",
                 "Förderverein Grundschule Wietze"]


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def messages(table) -> list[str]:
    return [p.message for p in table.problems]


@pytest.mark.parametrize(
    ("name", "encoding", "delimiter"),
    [
        ("netzwerkpartner_utf8.csv", "utf-8", ";"),
        ("netzwerkpartner_utf8_bom.csv", "utf-8-sig", ";"),
        ("netzwerkpartner_utf16le_tab.csv", "utf-16-le", "\t"),
        ("netzwerkpartner_cp1252.csv", "cp1252", ";"),
    ],
)
def test_encodings_and_delimiters_give_the_same_cells(name, encoding, delimiter):
    table = extract(name, fixture(name))
    assert table.problems == []
    assert (table.encoding, table.delimiter) == (encoding, delimiter)
    assert table.header[0] == "gemeinde_ags"  # no BOM left in the first header name
    assert [row[2] for row in table.rows] == PARTNER_NAMES  # umlauts and the en dash of cp1252 intact
    assert table.lines == [2, 3, 4]


def test_decode_order_utf8_before_cp1252_and_bom_wins():
    text = "Förderverein – Wietze"
    assert decode(text.encode("utf-8")) == (text, "utf-8")
    assert decode(text.encode("cp1252")) == (text, "cp1252")
    assert decode(codecs.BOM_UTF8 + text.encode("utf-8")) == (text, "utf-8-sig")
    assert decode(codecs.BOM_UTF16_BE + text.encode("utf-16-be")) == (text, "utf-16-be")


def test_bytes_cp1252_does_not_define_are_an_encoding_problem_not_a_guess():
    with pytest.raises(DecodeError):
        decode(b"gemeinde_ags;name\n03351023;\x81\x8d\n")


def test_a_broken_or_old_excel_workbook_is_named_as_such():
    table = extract("faelle.xlsx", b"PK\x03\x04" + b"\x00" * 50)
    assert len(table.problems) == 1 and "keine lesbare Excel-Arbeitsmappe" in table.problems[0].message
    old = extract("faelle.xls", b"\xd0\xcf\x11\xe0" + b"\x00" * 50)
    assert len(old.problems) == 1 and "alte Excel-Arbeitsmappe (.xls)" in old.problems[0].message
    assert table.rows == []


def test_utf16_without_bom_is_refused_not_misread():
    table = extract("x.csv", "gemeinde_ags;fall_id\n03351023;F-1\n".encode("utf-16-le"))
    assert "Nullzeichen" in messages(table)[0]


@pytest.mark.parametrize("data", [b"", b"\r\n\r\n", codecs.BOM_UTF8])
def test_empty_file(data):
    table = extract("leer.csv", data)
    assert messages(table) == ["Die Datei ist leer."]


def test_sep_line_wins_and_line_numbers_count_it():
    table = extract("faelle_sep_line.csv", fixture("faelle_sep_line.csv"))
    assert table.delimiter == ";"
    assert table.header_line == 2
    assert table.header[0] == "gemeinde_ags"
    assert table.lines == [3, 4]
    assert table.rows[0][4] == "31.02.2017"


def test_sep_line_can_name_a_delimiter_the_sniffer_would_not_pick():
    data = b"sep=|\ngemeinde_ags|datum\n03351023|07.11.2018\n"
    table = extract("integrationscafe.csv", data)
    assert (table.delimiter, table.header, table.rows) == ("|", ["gemeinde_ags", "datum"], [["03351023", "07.11.2018"]])


def test_comma_delimiter_with_quoted_commas_in_a_cell():
    table = extract("kontakte_komma.csv", fixture("kontakte_komma.csv"))
    assert table.problems == []
    assert table.delimiter == ","
    assert table.rows[0][5] == "aufenthalt,wohnen"


def test_sniffer_prefers_the_delimiter_with_a_consistent_column_count():
    # Decimal commas in the data must not make "," win over ";".
    text = "gemeinde_ags;kuerzel;vze\n03351023;IB-W;0,5\n03351023;IB-M;1,0\n"
    assert sniff_delimiter(text) == ";"
    assert sniff_delimiter("a\tb\tc\n1\t2\t3\n") == "\t"
    assert sniff_delimiter("a,b,c\n1,2,3\n") == ","


def test_quoted_line_break_keeps_the_line_numbers_of_later_rows_right():
    table = extract("kurse_zeilenumbruch.csv", fixture("kurse_zeilenumbruch.csv"))
    assert table.problems == []
    assert table.rows[0][3] == "VHS Celle\r\nAußenstelle Wietze"
    assert table.lines == [2, 4]  # the second record starts on physical line 4, not 3
    assert table.rows[1][4] == "32.09.2017"


def test_line_numbers_with_blank_lines_and_lone_cr_line_ends():
    data = b"gemeinde_ags;datum\r03351023;07.11.2018\r\r03351023;14.11.2018\r"
    table = extract("integrationscafe.csv", data)
    assert table.rows == [["03351023", "07.11.2018"], ["03351023", "14.11.2018"]]
    assert table.lines == [2, 4]


def test_trailing_empty_rows_and_columns_are_ignored():
    table = extract("faelle_leere_enden.csv", fixture("faelle_leere_enden.csv"))
    assert table.problems == []
    assert table.header == ["gemeinde_ags", "fall_id", "zielgruppe", "geschlecht", "beginn", "abschluss",
                            "abschlussgrund"]
    assert len(table.rows) == 2 and all(len(r) == 7 for r in table.rows)
    assert table.lines == [2, 3]


def test_ragged_rows_are_named_by_line():
    table = extract("faelle_zellenzahl.csv", fixture("faelle_zellenzahl.csv"))
    assert [(p.line, p.column) for p in table.problems] == [(3, None), (4, None)]
    assert "8 Zellen, die Kopfzeile aber 7 Spalten" in table.problems[0].message
    assert "6 Zellen, die Kopfzeile aber 7 Spalten" in table.problems[1].message
    assert "Semikolon" in table.problems[0].message
    assert table.lines == [2]  # the row that fits is kept for further checks
    assert table.ragged == 2


def test_a_cell_beyond_the_header_that_holds_data_is_ragged_not_ignored():
    table = extract("x.csv", b"gemeinde_ags;datum;;\n03351023;07.11.2018;;\n03351023;14.11.2018;;x\n")
    assert [p.line for p in table.problems] == [3]


def test_duplicate_header_is_checked_on_the_raw_header():
    table = extract("faelle_doppelte_spalte.csv", fixture("faelle_doppelte_spalte.csv"))
    assert len(table.problems) == 1
    problem = table.problems[0]
    assert (problem.line, problem.column) == (1, "beginn")
    assert "mehrfach" in problem.message and "Spalten 5 und 6" in problem.message
    assert not any(h.endswith(".1") for h in table.header)


def test_empty_header_name_in_the_middle_is_a_problem():
    table = extract("x.csv", b"gemeinde_ags;;datum\n03351023;;07.11.2018\n")
    assert "Spalte 2 hat in der Kopfzeile keinen Namen" in messages(table)[0]


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("Gemeinde AGS", "gemeinde_ags"),
        ("\u00a0fall-id ", "fall_id"),
        ("\ufeffbeginn", "beginn"),
        ("Erwerbsfa\u0308hig", "erwerbsfaehig"),  # decomposed umlaut -> NFC -> ae
        ("Rückmeldung", "rueckmeldung"),
    ],
)
def test_header_normalisation(raw, normalised):
    assert normalise_header(raw) == normalised


def test_cells_stay_text_even_when_they_look_like_numbers():
    table = extract("x.csv", b"gemeinde_ags;datum;teilnehmende\n03351023;01.03.2024;1.234\n")
    assert table.rows == [["03351023", "01.03.2024", "1.234"]]


def test_broken_utf8_after_a_bom_names_the_line():
    data = codecs.BOM_UTF8 + b"gemeinde_ags;name\n03351023;ok\n03351023;bad \xe4 byte\n"
    table = extract("x.csv", data)
    assert table.problems[0].line == 3
    assert "UTF-8" in table.problems[0].message
