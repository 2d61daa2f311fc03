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
