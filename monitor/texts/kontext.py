"""German texts of the official context statistics (etl.context, monitor.context, `python -m monitor kontext`)."""

# --- where a problem is ---
AT_LINE_COLUMN = "{file}, Zeile {line}, Spalte {column}: {message}"
AT_LINE = "{file}, Zeile {line}: {message}"
AT_FILE = "{file}: {message}"

# --- reading a file (etl.context) ---
EMPTY = "Die Datei ist leer."
UNKNOWN_LAYOUT = (
    "Kein bekanntes Tabellenformat: erwartet wird eine Tabelle aus GENESIS-Online, der Regionaldatenbank, ein "
    "Export der Bundesagentur für Arbeit oder das Gemeindeverzeichnis, mit einer Spalte Regionalschlüssel und "
    "Zahlenspalten (siehe docs/kontext.md).")
NO_REGIONS = "Die Datei enthält keine Zeile mit einem Regionalschlüssel."
NO_VALUE_COLUMNS = "Die Tabelle hat keine Zahlenspalten."
NO_DATE = (
    "Die Kopfzeile nennt keinen Stichtag und kein Jahr (z. B. „31.12.2018“ oder „2018“), und die Datei sonst auch "
    "nicht. Bitte die Tabelle mit der Zeitangabe exportieren oder den Stichtag mit --stichtag angeben.")
TRUNCATED_ROW = (
    "Die Zeile hat {found} statt {expected} Spalten. Ist die Datei abgeschnitten oder beschädigt? Bitte erneut "
    "herunterladen.")
NO_FOOTER = (
    "Die Datei endet mitten in der Tabelle (die Fußzeile mit Quelle und Lizenz fehlt). Ist sie abgeschnitten? "
    "Bitte erneut herunterladen.")
BAD_NUMBER = "„{value}“ ist keine Zahl und kein bekannter Platzhalter (-, ., x, ..., /, *)."
BAD_KEY = "„{value}“ ist kein gültiger Regionalschlüssel (Land 01 bis 16, Kreis 5, Gemeinde 8 Stellen)."
DUPLICATE_KEY = "Der Regionalschlüssel {key} steht zweimal in der Tabelle (zuerst in Zeile {first})."
GV_MISSING_COLUMN = "Im Gemeindeverzeichnis fehlt die Spalte „{column}“."
UNREADABLE = "Die Datei ist keine Textdatei (CSV) oder beschädigt."

# --- metadata ---
TITLE_GV = "Gemeindeverzeichnis: Gemeinden mit Fläche und Bevölkerung"
TITLE_UNKNOWN = "Tabelle ohne Titel"
SOURCE_LABELS = {
    "genesis": "GENESIS-Online (Statistisches Bundesamt)",
    "regionalstatistik": "Regionaldatenbank Deutschland",
    "ba": "Statistik der Bundesagentur für Arbeit",
    "gemeindeverzeichnis": "Gemeindeverzeichnis (Statistisches Bundesamt)",
}
LICENCE_DL_DE_BY_2_0 = "Datenlizenz Deutschland – Namensnennung – 2.0"
ATTRIBUTION_DESTATIS = "© Statistisches Bundesamt (Destatis)"
ATTRIBUTION_LAENDER = "© Statistische Ämter des Bundes und der Länder"
ATTRIBUTION_BA = "© Statistik der Bundesagentur für Arbeit"
LEVEL_LABELS = {
    "bund": "Deutschland", "land": "Land", "bezirk": "Regierungsbezirk / Statistische Region", "kreis": "Kreis",
    "verband": "Gemeindeverband", "gemeinde": "Gemeinde",
}

# --- storing and undoing (monitor.context) ---
UNKNOWN_FILE = "Es gibt keine Kontextdatei mit der Nummer {id}."
STORE_FAILED = "Die Datei {file} konnte nicht gespeichert werden; es wurde nichts gespeichert."
UNDO_FAILED = "Die Kontextdatei {id} konnte nicht entfernt werden; es wurde nichts geändert."

# --- command line ---
HELP_KONTEXT = "Amtliche Kontextstatistiken (Bevölkerung, Fläche, Schutzsuchende, …) importieren, auflisten, entfernen."
HELP_KONTEXT_IMPORT = "Amtliche Tabellen so importieren, wie sie heruntergeladen wurden (alle oder keine)."
HELP_KONTEXT_FILES = "CSV-Dateien aus GENESIS-Online, der Regionaldatenbank, der BA oder das Gemeindeverzeichnis."
HELP_KONTEXT_DATE = ("Stichtag JJJJ-MM-TT für Dateien, die keinen nennen (sonst aus der Datei, beim "
                     "Gemeindeverzeichnis aus der Jahreszahl im Dateinamen).")
HELP_KONTEXT_LIST = "Importierte Kontextdateien auflisten."
HELP_KONTEXT_UNDO = "Eine importierte Kontextdatei mit allen ihren Werten entfernen."
HELP_KONTEXT_ID = "Nummer der Kontextdatei (siehe „kontext list“)."
IMPORTED = ("{file}: {source}, Tabelle {table}, Stichtag {dates}: {values} Werte von {regions} Regionen importiert "
            "(Nummer {id}).")
ALREADY_IMPORTED = "{file}: bereits importiert (Nummer {id}), nichts geändert."
REJECTED = "{message}"
NOTHING_IMPORTED = "Es wurde nichts importiert."
UNDONE = "Kontextdatei {id} ({file}) entfernt: {values} Werte."
LIST_HEADER = "Nr.\tQuelle\tTabelle\tStichtag\tWerte\timportiert\tDatei"
LIST_ROW = "{id}\t{source}\t{table}\t{dates}\t{values}\t{imported}\t{file}"
LIST_EMPTY = "Keine Kontextdateien importiert."
NO_TABLE_CODE = "ohne Nummer"

# --- the page Kontext (monitor.views.kontext, ui.kontext, pages/kontext.py) ---
TITLE = "Kontext"
OFFICIAL_NOTE = (
    "**Amtliche Statistik als Kontext – keine Ergebnisse der Integrationsarbeit der Gemeinde.** Die Zahlen auf "
    "dieser Seite stammen aus Veröffentlichungen der Statistischen Ämter und beschreiben die Bevölkerung der Gemeinde, "
    "des Landkreises und des Landes. Sie geben den eigenen Kennzahlen einen Maßstab; was die Gemeinde mit ihren "
    "Angeboten erreicht, zeigen die anderen Seiten.")
INTRO = ("Oben die eigenen Zahlen der Gemeinde je 1.000 Einwohner für den gewählten Zeitraum, darunter der Landkreis "
         "im Vergleich mit dem Land. Unter jeder Grafik und Tabelle stehen Quelle, Stichtag und Lizenz.")
NO_CONTEXT = ("Es sind keine amtlichen Kontextdaten für diese Gemeinde importiert. Die IT kann sie mit "
              "„python -m monitor kontext import DATEI …“ laden (Bevölkerung, Schutzsuchende, …).")

# section 1: the Gemeinde
GEMEINDE_SECTION = "{gemeinde}: Einwohner und eigene Zahlen"
POPULATION_METRIC = "Einwohner am {date}"
POPULATION_NONE = "Für die Gemeinde {gemeinde} ist keine Bevölkerungszahl importiert."
POPULATION_TABLE = "Einwohner: {gemeinde}"
OWN_SECTION = "Eigene Zahlen je 1.000 Einwohner"
OWN_TABLE = "Eigene Zahlen je 1.000 Einwohner, {period}"
OWN_FIGURES = {  # (KPI, part) -> its name in the table
    ("K1", "active"): "Aktive Fälle am Ende des Zeitraums",
    ("K1", "opened"): "Im Zeitraum aufgenommene Fälle",
    ("K6", "started"): "Im Zeitraum Kursberechtigte mit Kursbeginn",
    ("K12", "placed"): "Vermittelte Praktika im Zeitraum",
}
OWN_SHORT = {  # (KPI, part) -> the name on its tile
    ("K1", "active"): "Aktive Fälle",
    ("K1", "opened"): "Neue Fälle",
    ("K6", "started"): "Kursbeginne",
    ("K12", "placed"): "Vermittelte Praktika",
}
OWN_METRIC_HELP = "je 1.000 Einwohner: {count} bei {population} Einwohnern"
OWN_REFERENCE = ("Bezugsgröße: {population} Einwohner der Gemeinde am {date}, der Stichtag der importierten "
                 "Bevölkerungszahlen, der dem Zeitraum {period} am nächsten liegt. Die Anzahlen sind die der "
                 "Gemeinde (eigene Exporte), die Einwohnerzahl ist amtlich.")
OWN_PUBLISHED = ("Öffentliche Ansicht: nur die veröffentlichten Anzahlen (Regel 5/10); wo eine Anzahl verborgen ist "
                 "(•), ist es ihr Wert je 1.000 Einwohner auch.")
OWN_NO_POPULATION = "Ohne Einwohnerzahl der Gemeinde lassen sich keine Werte je 1.000 Einwohner bilden."
COL_FIGURE = "Kennzahl"
COL_COUNT = "Anzahl"
COL_PER_THOUSAND = "je 1.000 Einwohner"
COL_POPULATION = "Einwohner"
COL_REFERENCE_DATE = "Stichtag"
COL_REGION = "Region"
COL_SOURCE = "Quelle"

# section 2: Landkreis and Land
KREIS_SECTION = "{kreis} im Vergleich mit {land}"

# --- the Gemeinden compared (monitor.views.vergleich) ------------------------------------------------------------
COMPARE_SECTION = "Die Gemeinden im Vergleich, {period}"
COMPARE_INTRO = ("Die eigenen Zahlen jeder Gemeinde, die Sie sehen dürfen, je 1.000 Einwohner: so lassen sich große "
                 "und kleine Gemeinden vergleichen. Die Karte färbt jede Gemeinde nach der gewählten Zahl; je dunkler, "
                 "desto höher.")
COMPARE_FIGURE = "Karte eingefärbt nach"
COMPARE_PENDING = ("Die veröffentlichten Zahlen einiger Gemeinden werden nach dem letzten Import noch berechnet; bis "
                   "dahin stehen hier die bisher veröffentlichten (oder „wird berechnet“). Die Seite lädt sich "
                   "neu, sobald sie fertig sind.")
COMPARE_TABLE = "Gemeinden im Vergleich je 1.000 Einwohner, {period}"
COMPARE_COL_GEMEINDE = "Gemeinde"
COMPARE_COL_AGS = "Gemeindeschlüssel"
COMPARE_COL_POPULATION = "Einwohner"
COMPARE_COL_RATE = "{figure} je 1.000"
COMPARE_NOT_PUBLISHED = "nicht veröffentlicht"
COMPARE_PENDING_CELL = "wird berechnet"
COMPARE_NOT_PUBLISHED_NOTE = ("„nicht veröffentlicht“: für diese Gemeinde gibt es im Zeitraum zu wenige Fälle, um "
                              "Zahlen ohne Rückschluss auf Personen zu zeigen (Datenschutz).")
COMPARE_NO_POPULATION = ("Wo keine Einwohnerzahl importiert ist, steht „–“: ohne sie lässt sich kein Wert je 1.000 "
                         "Einwohner bilden.")
COMPARE_REFERENCE = ("Bezugsgröße: die Einwohner jeder Gemeinde am Stichtag der importierten Bevölkerungszahlen, der "
                     "dem Zeitraum am nächsten liegt (Gemeindeverzeichnis, © Statistisches Bundesamt (Destatis)).")
COMPARE_TOOLTIP = "{gemeinde}: {rate} {figure} je 1.000 Einwohner ({count} bei {population} Einwohnern)"
COMPARE_LEGEND_TITLE = "Legende (je 1.000 Einwohner)"
COMPARE_LEGEND_UP_TO = "bis {high}"
COMPARE_LEGEND_RANGE = "über {low} bis {high}"
COMPARE_LEGEND_NONE = "grau: kein Wert (nicht veröffentlicht, verborgen oder ohne Einwohnerzahl)"
COMPARE_MAP_ALT = "Karte der Gemeinden, eingefärbt nach {figure} je 1.000 Einwohner, {period}"
COMPARE_NO_BOUNDARY = "Für diese Gemeinden liegen keine Grenzen vor; der Vergleich steht in der Tabelle."
POPULATION_TITLE = "Bevölkerung"
POPULATION_CHART_TITLE = "Bevölkerung: {region}"
POPULATION_TABLE_KREIS = "Bevölkerung {kreis} und {land}"
POPULATION_ALT = ("Liniendiagramm: Einwohner {region} an den Stichtagen {first} bis {last}, von {first_value} auf "
                  "{last_value}; eine senkrechte Linie markiert den Bruch der Zeitreihe durch den Zensus 2011.")
POPULATION_ALT_PLAIN = ("Liniendiagramm: Einwohner {region} an den Stichtagen {first} bis {last}, von {first_value} "
                        "auf {last_value}.")
POPULATION_ONLY_DATES = "Für {region} enthalten die importierten Tabellen die Einwohnerzahl nur am {dates}."
CENSUS_LABEL = "Zensus 2011: Bruch der Zeitreihe"
CENSUS_NOTE = ("Zensus 2011: Ab dem 31.12.2011 schreiben die Statistischen Ämter die Bevölkerung auf der Grundlage "
               "des Zensus 2011 fort, davor auf der Grundlage früherer Volkszählungen. Die Zahlen vor und nach "
               "diesem Stichtag sind deshalb nicht unmittelbar vergleichbar (Bruch der Zeitreihe); der Rückgang "
               "zwischen 2010 und 2011 ist vor allem die Korrektur durch den Zensus.")
SEEKERS_TITLE = "Schutzsuchende je 1.000 Einwohner"
SEEKERS_TABLE = "Schutzsuchende {kreis} und {land}"
SEEKERS_NONE = "Die importierten Tabellen enthalten keine Schutzsuchenden für {kreis} oder {land}."
COL_SEEKERS = "Schutzsuchende"
FOREIGNERS_TITLE = "Ausländeranteil"
FOREIGNERS_TABLE = "Ausländer {kreis} und {land}"
FOREIGNERS_NONE = ("Für den Ausländeranteil ist keine Tabelle importiert. Er braucht eine Datei der Tabelle 12521 "
                   "(Ausländerstatistik, Ausländer nach Kreisen) aus GENESIS-Online oder der Regionaldatenbank; "
                   "bis dahin zeigt diese Seite dazu keine Zahl.")
COL_FOREIGNERS = "Ausländer"
COL_SHARE = "Anteil an der Bevölkerung"
COMPARISON_ALT = "Balkendiagramm: {title} am {date}: {values}."
UNIT_PER_THOUSAND = "je 1.000 Einwohner"
UNIT_SHARE = "Prozent der Einwohner"
BASED_ON = "Einwohner desselben Stichtags."

# under every chart and table
SOURCE_LINE = "Quelle: {publisher}, Tabelle {table}, Stichtag {dates}. {attribution}, {licence}"
SOURCE_LINE_NO_CODE = "Quelle: {publisher}, Stichtag {dates}. {attribution}, {licence}"
PUBLISHERS = {
    "genesis": "Statistisches Bundesamt (Destatis), GENESIS-Online",
    "regionalstatistik": "Statistische Ämter des Bundes und der Länder, Regionaldatenbank Deutschland",
    "ba": "Statistik der Bundesagentur für Arbeit",
    "gemeindeverzeichnis": "Statistisches Bundesamt (Destatis), Gemeindeverzeichnis",
}
HOVER_POPULATION = "%{x}: %{y:,d} Einwohner<extra></extra>"
HOVER_PER_THOUSAND = "%{x}: %{y:,.1f} je 1.000 Einwohner<extra></extra>"
HOVER_SHARE = "%{x}: %{y:,.1f} %<extra></extra>"
