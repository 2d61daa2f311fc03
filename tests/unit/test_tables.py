"""Tables that fit (ui.tables.layout) and explain their marks (ui.tables.notes)."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd

from monitor.texts import ui
from ui import tables


def test_a_narrow_table_keeps_one_line_per_row():
    frame = pd.DataFrame({"Datei": ["faelle.csv"], "Zeilen": ["706"]})
    fitted = tables.layout(frame)
    assert fitted.row_height is None
    # each column as wide as its longest text or its header
    assert fitted.widths["Datei"] >= len("faelle.csv") * tables.CHAR_PX
    assert fitted.widths["Zeilen"] >= len("Zeilen") * tables.HEADER_CHAR_PX


def test_a_wide_table_wraps_its_texts_instead_of_running_off_the_page():
    """The audit log of a 1366 px screen: nine columns, long file names and notes."""
    frame = pd.DataFrame({
        "Zeitpunkt": pd.to_datetime([datetime(2026, 11, 24, 13, 5, 1, tzinfo=UTC)] * 3, utc=True),
        "Person": ["verwaltung@wietze.example", "it-admin", "demo"],
        "Rolle": ["Administration", "Verwaltung", "–"],
        "Aktion": ["Anmeldung fehlgeschlagen", "Import", "Hochladen"],
        "Objekt": ["network_events:netzwerktreffen.csv", "cases:faelle.csv", "–"],
        "Prüfsumme": ["53159649…", "–", "d5bacbdb…"],
        "Zeilen": ["4.662", "–", "12"],
        "Ergebnis": ["fehlgeschlagen", "erfolgreich", "abgelehnt"],
        "Hinweis": ["Konto gesperrt nach fünf Fehlversuchen", "–", "account_removed"],
    })
    fitted = tables.layout(frame)
    assert sum(fitted.widths.values()) <= tables.PAGE_PX
    assert fitted.row_height is not None and fitted.row_height > 64  # Streamlit wraps only in rows above 4rem
    for column, width in fitted.widths.items():
        assert width >= len(column) * tables.HEADER_CHAR_PX  # a header does not wrap: never cut
    assert fitted.widths["Zeitpunkt"] >= len("24.11.2026 14:05:01") * tables.CHAR_PX  # moments do not wrap
    longest = max(tables._lines(v, fitted.widths[c]) for c in frame.columns if c != "Zeitpunkt"
                  for v in frame[c].astype(str))
    assert fitted.row_height >= tables.ROW_PADDING_PX + tables.LINE_PX * longest  # every line has room


def test_words_stay_whole_where_that_fits():
    """File names and kinds are kept whole; the long note wraps between its words."""
    note = "Die Datei ersetzt die gespeicherten Zeilen ihres Zeitraums vollständig, auch die des Vorjahres"
    frame = pd.DataFrame({"Nr.": [9, 8], "Zeitpunkt": pd.to_datetime(["2026-11-24 14:05", "2026-11-24 14:05"]),
                          "Datei": ["integrationscafe.csv", "kursteilnahmen.csv"],
                          "Datenart": ["Integrationscafé", "Kursteilnahmen"], "Zeilen": ["509", "4.662"],
                          "von": ["demo", "it-admin"], "Hinweis": [note, "–"]})
    fitted = tables.layout(frame)
    assert fitted.row_height is not None and sum(fitted.widths.values()) <= tables.PAGE_PX
    for column, word in (("Datei", "integrationscafe.csv"), ("Datenart", "Integrationscafé"),
                         ("Hinweis", "vollständig,")):
        assert fitted.widths[column] >= len(word) * tables.CHAR_PX + tables.PADDING_PX, column
    assert tables._lines(note, fitted.widths["Hinweis"]) <= (fitted.row_height - tables.ROW_PADDING_PX) / tables.LINE_PX


def test_a_table_with_many_columns_still_fits_with_words_broken():
    """The upload page's preview: eleven columns; a long result wraps, words break where they must."""
    frame = pd.DataFrame({"Datei": ["kursteilnahmen.csv", "integrationscafe.csv"], "Datenart": ["Kursteilnahmen"] * 2,
                          "Zeichensatz": ["UTF-8 mit BOM"] * 2, "Trennzeichen": ["Semikolon"] * 2,
                          "Zeilen": ["364", "509"], "Zeitraum": ["01.01.2015 bis 24.11.2026"] * 2,
                          "neu": ["–"] * 2, "geändert": ["–"] * 2, "entfernt": ["–"] * 2, "unverändert": ["–"] * 2,
                          "Ergebnis": ["fehlerfrei, ersetzt gespeicherte Zeilen, 3 Hinweis(e)", "bereits importiert"]})
    fitted = tables.layout(frame, tables.EXPANDER_PX)
    assert fitted.row_height is not None and sum(fitted.widths.values()) <= tables.EXPANDER_PX
    lines = max(tables._lines(v, fitted.widths[c]) for c in frame.columns for v in frame[c])
    assert lines <= tables.MAX_LINES and fitted.row_height >= tables.ROW_PADDING_PX + tables.LINE_PX * lines


def test_lines_of_a_wrapped_text():
    width = tables.PADDING_PX + 10 * tables.CHAR_PX  # room for 10 characters
    assert tables._lines("", width) == 1
    assert tables._lines("abc def", width) == 1
    assert tables._lines("abcdef ghijkl", width) == 2
    assert tables._lines("a" * 25, width) == 3  # a long word breaks
    assert tables._lines("x " * 40, width) == 8


def test_marks_are_explained_below_a_table_that_shows_them():
    assert tables.notes(pd.DataFrame({"a": ["1", "2"]})) == []
    assert tables.notes(pd.DataFrame({"a": ["1", "–"]})) == [ui.MISSING_NOTE]
    assert tables.notes(pd.DataFrame({"a": [None, "•"]})) == [ui.MISSING_NOTE, ui.SUPPRESSED_TABLE_NOTE]
    assert ui.MISSING_NOTE.startswith("– = ") and ui.SUPPRESSED_TABLE_NOTE.startswith("• = ")


def test_the_audit_log_fits_a_1366_px_screen_without_breaking_a_word():
    """Long but real entries (an e-mail address as the person, the longest action, a network file's object, a
    failed import's note): the page's six columns keep every word whole in the width beside the sidebar."""
    from monitor import audit
    from monitor.texts import ui

    raw = pd.DataFrame({
        "at": pd.to_datetime(["2026-12-05 04:54:39+01:00"] * 3), "actor": ["m.mustermann@wietze.de"] * 3,
        "role": ["admin", "verwaltung", None], "action": ["audit_expired", "login_failed", "import"],
        "object": ["network_events:netzwerktreffen.csv", None, "cases:faelle_2026_q2.csv"],
        "file_sha256": ["0494df6a53f255eed8cca1a9b655987ee001a5235666cc113fbaf841fde77177", None, "ab" * 32],
        "row_count": [4772, None, 12], "outcome": ["failed", "refused", "ok"],
        "detail": ["Zeile 12, Spalte „geburtsdatum“: Geburtsdaten werden nicht angenommen", None, "neu 12"]})
    shown = audit.on_page(audit.labelled(raw))
    assert list(shown.columns) == ["Zeitpunkt", ui.AUDIT_PERSON, "Aktion", "Objekt", "Ergebnis", "Hinweis"]
    assert shown.iloc[0].tolist()[1:5] == ["m.mustermann@wietze.de (Administration)",
                                           "Alte Protokolleinträge gelöscht",
                                           "network_events: netzwerktreffen.csv, Prüfsumme 0494df6a…",
                                           "fehlgeschlagen, 4.772 Zeilen"]
    assert shown.iloc[1].tolist()[1:5] == ["m.mustermann@wietze.de (Verwaltung)",
                                           "Anmeldung fehlgeschlagen", "–", "abgelehnt"]
    fitted = tables.layout(shown)
    assert sum(fitted.widths.values()) <= tables.PAGE_PX
    for column in shown.columns[1:]:
        longest_word = max(len(w) for v in shown[column] for w in str(v).split())
        assert fitted.widths[column] >= longest_word * tables.CHAR_PX + tables.PADDING_PX, column
