"""The data contract rendered for people: German Markdown (docs/datenformat.md) and CSV templates.

Both are made from monitor.contract, so they cannot drift from what the importer accepts; a test
compares docs/datenformat.md with render_markdown().
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from monitor import contract, districts, settings

_INTRO = """# Datenformat für den Import (Datenvertrag)

Diese Seite beschreibt, welche Dateien der Integrationsmonitor annimmt. Sie ist für die
Integrationsbeauftragten, die die Daten aus ihrer Tabelle oder Fallsoftware exportieren.

**Grundsätze**

- Je Datenart eine CSV-Datei (aus Excel: „CSV (Trennzeichen-getrennt)“ oder „CSV UTF-8“).
  Trennzeichen Semikolon (auch Komma oder Tabulator), Datum als `TT.MM.JJJJ`, Dezimalzahlen mit Komma.
- Auch Excel-Arbeitsmappen (.xlsx, ohne Makros) werden angenommen: das erste Tabellenblatt, als Werte.
  Höchstens {max_mb} MB je Datei.
- Die erste Zeile enthält die Spaltennamen wie unten angegeben; die Reihenfolge ist frei.
  Optionale Spalten dürfen fehlen. Unbekannte Spalten werden abgelehnt (Datenschutz: es kommt nichts
  in die Datenbank, was hier nicht beschrieben ist). Eine Datei, deren erste Zeile nach Daten aussieht
  (ein Export ohne Spaltennamen: Datum, Namen, Fall- oder Gemeindenummern in der ersten Zeile), wird ganz
  abgelehnt, bevor etwas zugeordnet werden kann.
- Exportiert Ihre Fallsoftware andere Spaltennamen (auch englische) oder eigene Bezeichnungen statt der
  Codes (z. B. `weiblich` statt `w`), ordnen Sie diese auf der Seite „Daten hochladen“ einmal zu
  („Spalten zuordnen“, „Werte zuordnen“). Die Zuordnung wird gespeichert: eine Spaltenzuordnung gilt für
  jede spätere Datei mit denselben Spaltennamen, eine Wertzuordnung für jede spätere Datei derselben
  Datenart. Spalten, die Sie nicht übernehmen, werden nicht gespeichert, aber
  trotzdem auf personenbezogene Inhalte geprüft; Spalten mit Namen, Geburtsdaten, Freitext
  (Bemerkung, Notiz, Kommentar, Hinweis …) usw. lassen sich nicht zuordnen, auch nicht als „nicht
  übernehmen“. Als eigene Bezeichnung eines Codes wird nur angeboten und gespeichert, was weder nach
  einem Namen noch nach einer Fall- oder Aktennummer, einem Datum oder Kontaktdaten aussieht.
- Jede Zeile trägt den Gemeindeschlüssel (`gemeinde_ags`, Wietze: `03351023`), so kann eine Installation
  mehrere Gemeinden bedienen.
- **Keine Namen, keine Geburtsdaten, keine Adressen, Telefonnummern, E-Mail-Adressen, Aktenzeichen oder
  Freitexte.** Statt Geburtsdatum die Altersgruppe, statt Staatsangehörigkeit die Herkunftsregion,
  statt Arbeitgeber die Branche. Ihre eigenen Fall- und Teilnahmenummern werden beim Import durch ein
  Pseudonym ersetzt (verschlüsselter Hashwert mit einem Schlüssel dieser Installation) und nie gespeichert.
- Keine Spalte nimmt freien Text: jede Textspalte ist ein Kürzel, ein Verweis auf ein Kürzel einer anderen
  Datei, ein Ortsteil aus der Liste der Gemeinde, eine Nummer oder der Name einer Einrichtung (siehe
  „Kürzel, Verweise und Namen von Einrichtungen“ und „Ortsteile“ am Ende).
- Eine Datei wird ganz oder gar nicht importiert. Bei Fehlern nennt die Meldung Zeile und Spalte.
  Hinweise (z. B. ein Datum, das Excel als Zahl wie `43222` gespeichert hat, oder eine Zeile, die eine
  andere Zelle für Zelle wiederholt und deshalb nur einmal übernommen wird) verhindern den Import nicht.
  Excel-Fehlerwerte wie `#NV` oder `#WERT!` sind Fehler.
- Dieselbe Datei zweimal zu importieren ändert nichts, solange die gespeicherten Zeilen noch so sind, wie die
  Datei sie enthält. Hat eine andere Datei (oder das Rückgängigmachen eines Imports) einige davon inzwischen
  geändert, zeigt die Vorschau, welche Zeilen die Datei zurückändern würde, und es wird wie unten gefragt.
  Neue Zeilen (erkannt am Schlüssel) werden hinzugefügt; nichts wird doppelt gezählt.
- Jede Datei deckt einen Zeitraum ab (vom ersten bis zum letzten Datum der unten genannten Zeitraum-Spalte).
  Würde sie bereits gespeicherte Zeilen ändern oder enthält sie Zeilen ihres Zeitraums nicht mehr, wird
  gefragt: **ersetzen** (die Datei gilt für ihren Zeitraum: geänderte Zeilen werden aktualisiert,
  fehlende entfernt), **ergänzen** (neue Zeilen hinzufügen, geänderte aktualisieren, nichts entfernen)
  oder **nicht importieren**. Auf der Kommandozeile: `--replace` oder `--merge`.
  Die Entscheidung gilt für die Vorschau, auf der sie getroffen wurde: Ändert ein anderer Arbeitsplatz
  inzwischen gespeicherte Zeilen dieser Datei, wird nichts importiert, die Vorschau zeigt den neuen Stand, und
  es wird erneut gefragt. Jeder Import lässt sich vollständig rückgängig machen.
- Listen von Codes in einer Zelle (z. B. mehrere Themen) werden mit `|` getrennt: `aufenthalt|wohnen`.
- Ja/Nein-Spalten: `ja` oder `nein` (leer = unbekannt).

Vorlagen mit Kopfzeile und einer Beispielzeile je Datenart liegen im Ordner `docs/vorlagen/`
(und werden mit `python -m monitor templates --out ORDNER` erzeugt).
"""


def _codes_cell(field: contract.Field) -> str:
    return ", ".join(f"`{c}`" for c in field.codes) if field.codes else ""


_VOCABULARY = """
## Kürzel, Verweise und Namen von Einrichtungen

Was in einer Textspalte stehen darf, prüft der Import Zelle für Zelle; eine Zelle, die gegen eine Regel
verstößt, lehnt die Datei ab (die Meldung nennt Datei, Zeile und Spalte). Vor jeder Prüfung wird der Text
vereinheitlicht: Vollbreiten- und ähnliche Sonderformen von Buchstaben und Ziffern, kyrillische und griechische
Buchstaben, die wie lateinische aussehen, Akzente, unsichtbare Zeichen und verschiedene Bindestriche zählen wie
ihre einfache Form.

- **Kürzel** (`kuerzel` in Stellenanteile, `partner_id` in Netzwerkpartner): Buchstaben, Ziffern und `. _ / -`,
  ohne Leerzeichen, höchstens {code_max} Zeichen. Ein Kürzel ist kein Name: ein Vorname aus der Liste der
  Vornamen (siehe unten) als Teil eines Kürzels („IB-Ahmed“) wird abgelehnt.
- **Verweise** auf ein Kürzel (`zustaendig` in Fälle, `beauftragte` in Kontakte: ein `kuerzel` der
  Stellenanteile; `traeger` in Kurse, `vermittlung_an` in Kontakte, `partner_ids` in Netzwerktreffen: eine
  `partner_id` der Netzwerkpartner) müssen ein Kürzel derselben Gemeinde nennen, das schon gespeichert ist
  oder im selben Hochladevorgang mitkommt (Stellenanteile und Netzwerkpartner werden zuerst geladen). Ein unbekanntes
  Kürzel lehnt die Datei ab; die Meldung nennt die bekannten Kürzel. Ein Kursträger ist deshalb immer ein
  Netzwerkpartner (Partnertyp `kurstraeger`). `partner_ids` nennt höchstens {partners_max} Partner, getrennt
  durch `|` (auch `,` oder `;`); gespeichert werden sie sortiert, jeder einmal, getrennt durch `|`.
- **Nummern** (`kurs_id`, `praktikum_id`, `treffen_id`): Buchstaben, Ziffern, `. _ / -` und einzelne
  Leerzeichen, höchstens 40 Zeichen, ohne Anrede, Vornamen und ohne zwei großgeschriebene Wörter
  hintereinander (so sieht ein Vor- und Nachname aus).
- **Namen von Einrichtungen** (`name` in Netzwerkpartner): höchstens {institution_max} Zeichen, und nichts,
  was auf eine Person zeigt:
  - eine Anrede oder ein Titel (Herr, Frau, Fam., Familie, Dr., Prof. …), auf den ein weiteres Wort folgt,
    außer einem kleinen Wort wie „und“ oder „der“ („Frau und Beruf“ ist erlaubt) und außer nach einem Artikel
    („Haus der Familie“ ist erlaubt);
  - ein Vorname als eigenes Wort, auf den ein weiteres großgeschriebenes Wort folgt („Ahmed Yilmaz“; ist
    alles klein geschrieben, jedes weitere Wort), oder der nach einem großgeschriebenen Wort und einem Komma
    steht („Yilmaz, Ahmed“). Nicht gemeint sind Vornamen, die mit Bindestrichen zu einem Namen verbunden sind,
    wie es die Rechtschreibung für Einrichtungen verlangt, die nach Personen benannt sind
    („Albert-Schweitzer-Schule“), und Vornamen nach „St.“ oder „Sankt“ („Kirchengemeinde St. Michael“). Ohne
    Bindestriche („Albert Schweitzer Schule“) wird der Name abgelehnt;
  - Wörter über Gesundheit, Strafverfahren oder Asylverfahren einer Person (z. B. HIV, krank, suizid…,
    Diagnose, Straftat, Haft, Asylantrag, abgelehnt, Abschiebung); Namen wie „Krankenhaus“,
    „Gesundheitsamt“ oder „Bewährungshilfe“ sind erlaubt;
  - sechs oder mehr Ziffern hintereinander (auch mit Leerzeichen, Schrägstrich oder Bindestrich dazwischen),
    wie in einer Telefonnummer, sowie E-Mail-Adressen, Anschriften und Datumsangaben.
- Die Liste der Vornamen liegt in `data/vornamen.txt`: einige hundert in Deutschland häufige Vornamen,
  deutsche sowie arabische, türkische, persische, kurdische, osteuropäische und afrikanische, in der üblichen
  lateinischen Umschrift. Groß- und Kleinschreibung, Akzente und ä/ae, ö/oe, ü/ue gelten gleich.

## Ortsteile

Die Spalte `ortsteil` nimmt nur Ortsteile aus der Liste der Gemeinde, als Code oder als Name (Groß- und
Kleinschreibung gleich, „Steinförde“ wird zu `steinfoerde`); gespeichert wird der Code. Ein anderer Wert
lehnt die Datei ab; eine eigene Bezeichnung aus der Fallsoftware lässt sich auf der Seite „Daten hochladen“
einmal einem Ortsteil zuordnen („Werte zuordnen“). Werte, die nach einer Person aussehen, werden nicht zum
Zuordnen angeboten. Führt die Installation für eine Gemeinde keine Liste, muss die Spalte leer bleiben.

Die Listen stehen in `data/ortsteile.csv` (UTF-8, Semikolon, eine Zeile je Ortsteil; Spalten
`gemeinde_ags`, `code`, `name`, `quelle`, `hinweis` und für die Karte `breite`, `laenge`, `lage`: ein Punkt je
Ortsteil und was er ist, siehe docs/karte.md). Derzeit:
"""


def _cell(text: str) -> str:
    """A table cell: a | inside it would end the cell."""
    return text.replace("|", "\\|")


def _districts() -> list[str]:
    lists = districts.load()
    if not lists:
        return ["", "Keine Listen: `ortsteil` bleibt überall leer."]
    out = ["", "| Gemeinde | Code | Name | Quelle | Hinweis |", "|---|---|---|---|---|"]
    for ags, rows in lists.items():
        for d in rows:
            out.append(f"| `{ags}` | `{d.code}` | {_cell(d.name)} | {_cell(d.source)} | {_cell(d.note)} |")
    return out


def render_markdown() -> str:
    out = [_INTRO.format(max_mb=settings.MAX_UPLOAD_MB)]
    out.append("\n## Übersicht der Dateien\n")
    out.append("| Datei (Vorlage) | Inhalt | Schlüssel | Zeitraum-Spalte |\n|---|---|---|---|")
    for kind in contract.KINDS:
        key = ", ".join(f"`{kind.field(n).header}`" for n in kind.key)
        out.append(f"| `{kind.slug}.csv` | {kind.label} | {key} | `{kind.field(kind.period).header}` |")
    for kind in contract.KINDS:
        out.append(f"\n## {kind.label} (`{kind.slug}.csv`)\n")
        out.append(kind.description + "\n")
        out.append("| Spalte | Typ | Pflicht | Bedeutung | Erlaubte Werte | Beispiel |\n|---|---|---|---|---|---|")
        for f, row in zip(kind.fields, field_rows(kind)):
            allowed = _codes_cell(f) or row["Erlaubte Werte"]
            example = f"`{f.example}`" if f.example else ""
            out.append(f"| `{f.header}` | {_cell(row['Typ'])} | {row['Pflicht']} | {_cell(row['Bedeutung'])} "
                       f"| {_cell(allowed)} | {_cell(example)} |")
        out.append("\nBeispiel:\n\n```csv\n" + template_text(kind) + "```")
    out.append(_VOCABULARY.format(code_max=contract.CODE_MAX_LENGTH, partners_max=contract.MAX_PARTNERS,
                                  institution_max=contract.INSTITUTION_MAX_LENGTH).rstrip("\n"))
    out.extend(_districts())
    return "\n".join(out) + "\n"


def _number(value: float) -> str:
    text = f"{value:,.2f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value):,}"
    return text.replace(",", "X").replace(".", ",").replace("X", ".")


def template_text(kind: contract.Kind) -> str:
    """Header and one example row, ';'-separated, as the importer reads it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow(kind.headers)
    writer.writerow([f.example for f in kind.fields])
    return buffer.getvalue()


def template_bytes(kind: contract.Kind) -> bytes:
    """The template file of a kind: UTF-8 with BOM (Excel opens umlauts right) and CRLF line ends."""
    return template_text(kind).replace("\n", "\r\n").encode("utf-8-sig")


def template_xlsx(kind: contract.Kind) -> bytes:
    """The template of a kind as an Excel workbook: sheet "Daten" with the header and the example row (every
    column formatted as text, so that keys keep their leading zeros), sheet "Codes" with the allowed codes
    of each code column."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    data = book.active
    data.title = "Daten"
    data.append(kind.headers)
    data.append([f.example for f in kind.fields])
    for column, f in enumerate(kind.fields, start=1):
        data.cell(row=1, column=column).font = Font(bold=True)
        data.column_dimensions[data.cell(row=1, column=column).column_letter].width = max(12, len(f.header) + 2)
        for row in range(2, 1001):
            data.cell(row=row, column=column).number_format = "@"
    codes = book.create_sheet("Codes")
    coded = [f for f in kind.fields if f.codes]
    codes.append([f.header for f in coded])
    for i in range(max((len(f.codes) for f in coded), default=0)):
        codes.append([f.codes[i] if i < len(f.codes) else None for f in coded])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_templates(out_dir: Path) -> list[Path]:
    """One CSV template per kind (template_bytes) into out_dir."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in contract.KINDS:
        path = out_dir / f"{kind.slug}.csv"
        path.write_bytes(template_bytes(kind))
        written.append(path)
    return written


def field_rows(kind: contract.Kind) -> list[dict[str, str]]:
    """The columns of a kind as rows of plain text (column, type, required, meaning, allowed values, example),
    for a table in the app; the keys are the German column titles of docs/datenformat.md."""
    rows = []
    for f in kind.fields:
        allowed = ", ".join(f.codes) if f.codes else ""
        if f.minimum is not None and f.maximum is not None:
            allowed = f"{_number(f.minimum)} bis {_number(f.maximum)}"
        elif f.vocabulary is not None:
            allowed = _ALLOWED[f.vocabulary].format(length=f.max_length, code_max=contract.CODE_MAX_LENGTH,
                                                    partners_max=contract.MAX_PARTNERS,
                                                    institution_max=contract.INSTITUTION_MAX_LENGTH)
        elif f.type == contract.TEXT:
            allowed = f"höchstens {f.max_length} Zeichen"
        label = contract.VOCABULARY_LABELS.get(f.vocabulary or "") or contract.TYPE_LABELS[f.type]
        rows.append({"Spalte": f.header, "Typ": label, "Pflicht": "ja" if f.required else "nein",
                     "Bedeutung": f.description, "Erlaubte Werte": allowed, "Beispiel": f.example})
    return rows


# What a text field takes, by its vocabulary (plain text: also shown in the app's table).
_ALLOWED = {
    contract.OWN_CODE: "Buchstaben, Ziffern und . _ / - ohne Leerzeichen, höchstens {code_max} Zeichen; kein Name",
    contract.OFFICER: "ein Kürzel der Stellenanteile derselben Gemeinde (gespeichert oder im selben Hochladevorgang)",
    contract.PARTNER: ("eine partner_id der Netzwerkpartner derselben Gemeinde (gespeichert oder im selben "
                       "Hochladevorgang)"),
    contract.PARTNER_LIST: "höchstens {partners_max} partner_id der Netzwerkpartner derselben Gemeinde",
    contract.DISTRICT: "ein Code oder Name aus der Ortsteil-Liste der Gemeinde",
    contract.RECORD_ID: "Buchstaben, Ziffern, . _ / - und einzelne Leerzeichen, höchstens {length} Zeichen; "
                        "keine Namen",
    contract.INSTITUTION: "höchstens {institution_max} Zeichen; keine Person",
}
