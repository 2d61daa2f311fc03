"""The direct reading of quote-free files gives what the csv module gives, and repeated cells share one string."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from etl import extract as ex
from etl.extract import extract

CELLS = st.sampled_from(["03351023", "07.11.2018", "", " ", "IB-Mü", "a|b", "1.234", "x y", "\t", "€"])


def as_read(table: ex.RawTable) -> tuple:
    problems = [(p.line, p.column, p.message) for p in table.problems]
    return table.header, table.header_line, table.rows, table.lines, table.ragged, problems


def through_the_csv_module(monkeypatch, name: str, data: bytes) -> ex.RawTable:
    with monkeypatch.context() as m:
        m.setattr(ex, "_line_end", lambda text: None)
        return extract(name, data)


@settings(max_examples=300, deadline=None)
@given(
    rows=st.lists(st.lists(CELLS, min_size=0, max_size=6), min_size=1, max_size=12),
    delimiter=st.sampled_from([";", ",", "\t"]),
    line_end=st.sampled_from(["\r\n", "\n", "\r"]),
    final_line_end=st.booleans(),
    sep_line=st.booleans(),
)
def test_a_quote_free_file_reads_as_the_csv_module_reads_it(rows, delimiter, line_end, final_line_end, sep_line):
    lines = [delimiter.join(["gemeinde_ags", "datum", "themen"])] + [delimiter.join(r) for r in rows]
    if sep_line:
        lines.insert(0, f"sep={delimiter}")
    text = line_end.join(lines) + (line_end if final_line_end else "")
    data = text.encode("utf-8")
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert as_read(extract("x.csv", data)) == as_read(through_the_csv_module(monkeypatch, "x.csv", data))


def test_mixed_line_ends_and_quotes_go_through_the_csv_module():
    mixed = b"gemeinde_ags;datum\r\n03351023;07.11.2018\n03351023;14.11.2018\r03351023;21.11.2018\r\n"
    table = extract("x.csv", mixed)
    assert table.lines == [2, 3, 4] and table.rows[2] == ["03351023", "21.11.2018"]
    quoted = b'gemeinde_ags;name\r\n03351023;"Verein ""Miteinander""; e.V."\r\n'
    assert extract("x.csv", quoted).rows == [["03351023", 'Verein "Miteinander"; e.V.']]


def test_many_rows_read_in_chunks_keep_their_lines(monkeypatch):
    monkeypatch.setattr(ex, "READ_CHUNK", 7)
    monkeypatch.setattr(ex, "PLAIN_CHUNK_CHARS", 50)
    lines = ["gemeinde_ags;kontakt_id;datum"] + [f"03351023;K-{n:04d};{n % 28 + 1:02d}.05.2018" for n in range(100)]
    lines.insert(40, "")
    lines.insert(70, "03351023;K-9999")
    table = extract("kontakte.csv", ("\r\n".join(lines) + "\r\n").encode("cp1252"))
    assert [p.line for p in table.problems] == [71]
    assert len(table.rows) == 100 and table.rows[-1] == ["03351023", "K-0099", "16.05.2018"]
    assert table.lines == list(range(2, 41)) + list(range(42, 71)) + list(range(72, 104))
    assert as_read(table) == as_read(through_the_csv_module(monkeypatch, "kontakte.csv",
                                                            ("\r\n".join(lines) + "\r\n").encode("cp1252")))


@pytest.mark.parametrize("quote", [False, True])
def test_repeated_cells_of_a_column_are_one_string(quote):
    last = '"x"' if quote else "x"  # a quote character sends the file through the csv module
    rows = [f"03351023;K-{n:04d};{n % 3 + 1:02d}.05.2018;{last}" for n in range(40)]
    table = extract("kontakte.csv", ("gemeinde_ags;kontakt_id;datum;y\r\n" + "\r\n".join(rows)).encode("cp1252"))
    assert len(table.rows) == 40
    assert len({id(r[0]) for r in table.rows}) == 1  # the Gemeinde: one string for all rows
    assert len({id(r[2]) for r in table.rows}) == 3  # three dates
    assert len({id(r[1]) for r in table.rows}) == 40  # distinct ids stay as read
    assert [r[2] for r in table.rows[:4]] == ["01.05.2018", "02.05.2018", "03.05.2018", "01.05.2018"]
