"""German texts of the PDF report (monitor.report, ui.report, `python -m monitor report`)."""

# --- the document ---------------------------------------------------------------------------------------------
TITLE = "Bericht zum Integrationskonzept"
SUBTITLE = {False: "Öffentlicher Bericht (geprüfte, veröffentlichte Zahlen)",
            True: "Interner Bericht mit exakten Zahlen"}
INTERNAL_MARK = "Nur für den Dienstgebrauch"
PAGE_NUMBER = "Seite {page} von {pages}"  # the running footer; {page} and {pages} are the page counters
COVER_PERIOD = "Zeitraum"
COVER_CREATED = "Erstellt am"
COVER_STAND = "Datenstand"
COVER_GEMEINDE = "Gemeinde"
FILE_NAME = "Bericht_{ags}_{period}{internal}.pdf"
FILE_INTERNAL = "_intern"

# --- the parts --------------------------------------------------------------------------------------------------
CONTENTS = "Inhalt"
FILTERS_TITLE = "Auswahl"
FILTER_GEMEINDE = "Gemeinde"
FILTER_PERIOD = "Zeitraum"
FILTER_STAND = "Datenstand"
FILTER_RULE = "Regel 5/10 (Datenschutz)"
FILTER_RULE_ON = "angewendet: kleine Zahlen und alles, woraus sie sich ableiten ließen, sind verborgen (•)"
FILTER_RULE_OFF = "nicht angewendet: exakte Zahlen, nur für den Dienstgebrauch"
FILTER_FIGURES = "Zahlen"
FILTER_FIGURES_PUBLISHED = "geprüfter veröffentlichter Satz, nur abgeschlossene Zeiträume"
FILTER_FIGURES_EXACT = "exakte Zahlen aus den Aufzeichnungen der Gemeinde"
OVERVIEW_TITLE = "Kennzahlen im Überblick"
COL_KPI = "Kennzahl"
COL_VALUE = "Wert"
COL_CHANGE = "Veränderung"
COL_TARGET = "Ziel"
COL_STATUS = "Stand"
NO_CHANGE = "–"
SECTIONS_TITLE = "Maßnahmen"
CARD_TARGET = "Ziel gegen Ist"
CARD_DEFINITION = "Definition"
FIGURES_TITLE = "Zahlen des Zeitraums"
TREND_TABLE = "Werte des Verlaufs"
DEFINITIONS_TITLE = "Definitionen der Kennzahlen"
DEFINITION_UNIT = "Einheit"
NOTES_TITLE = "Hinweise"
KARTE_NOTE = "Die Karte der Ortsteile steht in der Anwendung; der Bericht zeigt ihre Zahlen als Tabelle."

# --- the download in the app (ui.report) ------------------------------------------------------------------------
BUILD_BUTTON = "Bericht erstellen"
BUILD_HELP = ("Erstellt einen PDF-Bericht (A4) der gezeigten Gemeinde und des gezeigten Zeitraums für die "
              "Sitzungsvorlage: Kennzahlen, Maßnahmen mit Diagrammen und Tabellen, Definitionen. Das dauert einige "
              "Sekunden.")
DOWNLOAD_BUTTON = "Bericht als PDF"
BUILDING = "Bericht wird erstellt …"
FAILED = "Der Bericht konnte nicht erstellt werden: {error}"
PUBLIC_NOTE = "Der Bericht enthält nur die geprüften, veröffentlichten Zahlen dieser Ansicht."
INTERNAL_NOTE = "Der Bericht enthält exakte Zahlen und ist nur für den Dienstgebrauch bestimmt."

# --- the command line (python -m monitor report) ------------------------------------------------------------------
HELP = "Bericht (PDF, A4) eines Jahres oder Quartals schreiben."
HELP_YEAR = "Berichtsjahr, z. B. 2025."
HELP_QUARTER = "Quartal 1 bis 4 (ohne: das ganze Jahr)."
HELP_AGS = "Gemeindeschlüssel (Standard: die einzige Gemeinde, wenn es genau eine gibt)."
HELP_INTERN = "Interner Bericht mit exakten Zahlen („Nur für den Dienstgebrauch“) statt des öffentlichen."
HELP_OUT = "Zieldatei (.pdf)."
WRITTEN = "Bericht geschrieben: {out} ({kind})."
KIND = {False: "öffentlich", True: "intern"}
NO_GEMEINDE = "Keine Gemeinde mit Daten in der Datenbank."
NOT_OFFERED = ("Für die Gemeinde {ags} gibt es keinen öffentlichen Bericht: sie ist nicht in den Daten oder hat zu "
               "wenige Fälle, um Zahlen ohne Rückschluss auf Personen zu zeigen (Datenschutz).")
UNKNOWN_GEMEINDE = "Die Gemeinde {ags} hat keine Daten in der Datenbank."
CHOOSE_GEMEINDE = "Es gibt mehrere Gemeinden; bitte mit --ags eine wählen: {keys}."
NOT_PUBLISHED = ("Für {period} gibt es keinen öffentlichen Bericht: der Zeitraum ist nicht abgeschlossen oder liegt "
                 "nicht in den Daten. Abgeschlossene Zeiträume: {periods}.")
NOT_IN_DATA = "Für {period} gibt es keine Zahlen: der Zeitraum liegt nicht in den Daten. Möglich: {periods}."
NONE = "keine"
CANNOT_RENDER = "Der Bericht konnte nicht erzeugt werden: {error}"
CANNOT_WRITE = "Die Datei {out} konnte nicht geschrieben werden: {error}"
