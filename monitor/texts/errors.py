"""German texts of the import (etl): validation problems shown to staff and the CLI.

Format strings use named fields. ``{value}`` is the offending cell as it stands in the file; it is only
filled in for columns that do not identify anybody (never for pseudonymised IDs, never for cells that look
like personal data).
"""

# How a problem is shown in one line (CLI, reports): place, then message.
AT_LINE_COLUMN = "Zeile {line}, Spalte „{column}“: {message}"
AT_LINE = "Zeile {line}: {message}"
AT_COLUMN = "Spalte „{column}“: {message}"

# --- reading the file (extract) ---
EMPTY_FILE = "Die Datei ist leer."
FILE_TOO_LARGE = (
    "Die Datei ist {size} MB groß; angenommen werden höchstens {limit} MB. Bitte den Export auf einen kürzeren "
    "Zeitraum beschränken (z. B. ein Jahr je Datei)."
)
EXCEL_WORKBOOK = (
    "Die Datei ist eine alte Excel-Arbeitsmappe (.xls). Bitte in Excel „Speichern unter“ wählen und als "
    "„Excel-Arbeitsmappe (.xlsx)“ oder „CSV UTF-8 (durch Trennzeichen getrennt)“ speichern."
)
ENCODING_BROKEN = (
    "Die Datei ist als {encoding} gekennzeichnet, enthält aber ein ungültiges Zeichen. "
    "Bitte die Datei erneut als „CSV UTF-8“ speichern."
)
ENCODING_UNKNOWN = (
    "Die Zeichenkodierung der Datei ist nicht erkennbar (weder UTF-8 noch Windows-1252). "
    "Bitte die Datei als „CSV UTF-8“ speichern."
)
NUL_CHARACTERS = (
    "Die Datei enthält Nullzeichen; vermutlich ist sie UTF-16 ohne Kennung (BOM) oder keine Textdatei. "
    "Bitte als „CSV UTF-8“ speichern."
)
CSV_BROKEN = "Die Datei lässt sich ab hier nicht als CSV lesen ({detail})."
NO_HEADER = "Die Datei enthält keine Kopfzeile mit Spaltennamen."
HEADER_LOOKS_LIKE_DATA = (
    "Die erste Zeile sieht nach Daten aus, nicht nach Spaltennamen: „{file}“ wurde offenbar ohne Kopfzeile "
    "exportiert (Zeile {line}; ihr Inhalt wird hier nicht angezeigt). Bitte erneut mit Spaltennamen exportieren "
    "(in der Fallsoftware oder in Excel die Option für Spaltenüberschriften wählen) oder die Vorlage der Datenart "
    "(Seite „Datenformat“) verwenden. Die Datei wird nicht gelesen, und es lässt sich nichts aus ihr zuordnen."
)
EMPTY_HEADER = "Spalte {position} hat in der Kopfzeile keinen Namen. Bitte benennen oder die Spalte löschen."
DUPLICATE_HEADER = (
    "Die Spalte kommt mehrfach vor (Spalten {positions}). Jede Spalte darf nur einmal vorkommen."
)
RAGGED_ROW = (
    "Die Zeile hat {found} Zellen, die Kopfzeile aber {expected} Spalten. Oft fehlt ein Trennzeichen "
    "({delimiter}) oder ein Anführungszeichen ist nicht geschlossen."
)
DELIMITER_NAMES = {";": "Semikolon", ",": "Komma", "\t": "Tabulator", "|": "senkrechter Strich"}

# --- matching the header to a kind of file ---
KIND_UNKNOWN = (
    "Die Kopfzeile passt zu keiner Datenart. Am ähnlichsten ist „{label}“ (Vorlage {slug}.csv); "
    "die Abweichungen stehen unten. Eigene Spaltennamen lassen sich einmal zuordnen („Spalten zuordnen“)."
)
KIND_NOT_FOUND = ("Die Kopfzeile passt zu keiner Datenart. Bitte auf der Seite „Daten hochladen“ die Spalten "
                  "zuordnen oder eine Vorlage (Seite „Datenformat“) verwenden.")
KIND_INVALID = "Unbekannte Datenart „{kind}“. Möglich sind: {allowed}."
MISSING_COLUMN = "Die Pflichtspalte fehlt."
UNKNOWN_COLUMN = (
    "Unbekannte Spalte: sie ist im Datenformat für {label} nicht beschrieben. Aus Datenschutzgründen "
    "werden nur beschriebene Spalten angenommen; bitte die Spalte löschen oder umbenennen."
)
UNKNOWN_COLUMN_HINT = " Gemeint ist vielleicht „{suggestion}“."
FORBIDDEN_COLUMN = (
    "Die Spalte enthält offenbar personenbezogene Daten ({what}), die nicht hochgeladen werden dürfen "
    "(Datenschutz). Bitte die Spalte löschen."
)
FORBIDDEN_WHAT = {
    "name": "Namen",
    "birth": "Geburtsdaten",
    "address": "Adressen",
    "contact": "Telefon oder E-Mail",
    "file_number": "Aktenzeichen oder Kundennummern",
    "id_number": "Ausweis-, Steuer- oder Versicherungsnummern",
    "bank": "Bankverbindungen",
    "employer": "Arbeitgeber (bitte stattdessen die Branche)",
    "photo": "Fotos",
    "free_text": "Freitext",
    "sensitive": "besonders schützenswerte Angaben",
    "nationality": "Staatsangehörigkeit (bitte stattdessen die Herkunftsregion)",
}

# --- cell values (transform) ---
REQUIRED_EMPTY = "Pflichtfeld ist leer."
INVALID_DATE = "„{value}“ ist kein gültiges Datum (erwartet TT.MM.JJJJ, z. B. 14.03.2016)."
TWO_DIGIT_YEAR = (
    "„{value}“ hat eine zweistellige Jahreszahl. Bitte das Jahr vierstellig angeben (TT.MM.JJJJ, z. B. 14.03.2016)."
)
IMPLAUSIBLE_YEAR = "„{value}“: das Jahr {year} ist nicht plausibel (erwartet 1900 bis 2099)."
INVALID_INT = "„{value}“ ist keine ganze Zahl (erwartet z. B. 45 oder 1.200)."
INVALID_DECIMAL = "„{value}“ ist keine Zahl (erwartet z. B. 0,5)."
OUT_OF_RANGE = "„{value}“ liegt außerhalb des erlaubten Bereichs von {minimum} bis {maximum}."
INVALID_BOOL = "„{value}“ ist kein Ja/Nein-Wert (erlaubt: ja oder nein; leer = unbekannt)."
INVALID_CODE = "„{value}“ ist kein erlaubter Wert. Erlaubt: {allowed}."
INVALID_CODES = "„{value}“ enthält nicht erlaubte Werte: {invalid}. Erlaubt, getrennt durch |: {allowed}."
INVALID_AGS = "„{value}“ ist kein gültiger Gemeindeschlüssel (8 Ziffern, z. B. 03351023)."
TOO_LONG = "Der Text ist {length} Zeichen lang; erlaubt sind höchstens {maximum}."
PERSONAL_CONTENT = (
    "Die Zelle enthält offenbar {what}. Personenbezogene Daten dürfen nicht hochgeladen werden "
    "(der Wert wird deshalb hier nicht angezeigt)."
)
PERSONAL_CONTENT_WHAT = {
    "email": "eine E-Mail-Adresse",
    "phone": "eine Telefonnummer",
    "iban": "eine IBAN",
    "date": "ein Datum (z. B. ein Geburtsdatum)",
    "address": "eine Anschrift (Straße und Hausnummer oder Postleitzahl und Ort)",
    "tax_id": "eine Steuer-Identifikationsnummer",
    "social_insurance": "eine Sozialversicherungsnummer",
    "name": "einen Namen",
    "record_number": "eine Fall-, Akten- oder Kennnummer",
    "title": "eine Anrede oder einen Titel vor einem Namen (Herr, Frau, Familie, Dr., Prof. …)",
    "given_name": "einen Vornamen einer Person",
    "two_names": "zwei großgeschriebene Wörter hintereinander, wie ein Vor- und Nachname",
    "sensitive": "Angaben zu Gesundheit, Strafverfahren oder Asylverfahren einer Person",
}
# What the text fields hold instead of free text (etl.vocabulary). Values are quoted only where they passed the
# checks for personal content.
NAMED_AFTER_PERSON = (" Ist die Einrichtung nach einer Person benannt, bitte den Namen mit Bindestrichen schreiben "
                      "(z. B. Albert-Schweitzer-Schule).")
NOT_A_CODE = (
    "Kein gültiges Kürzel: erlaubt sind Buchstaben, Ziffern und . _ / - ohne Leerzeichen, höchstens {limit} "
    "Zeichen (ein Kürzel, kein Name; der Wert wird deshalb hier nicht angezeigt)."
)
NOT_A_RECORD_ID = (
    "Keine gültige Nummer: erlaubt sind Buchstaben, Ziffern, . _ / - und einzelne Leerzeichen, höchstens {limit} "
    "Zeichen (der Wert wird hier nicht angezeigt)."
)
TOO_MANY_CODES = "Die Zelle nennt {count} verschiedene Partner; erlaubt sind höchstens {limit}, getrennt durch |."
UNKNOWN_DISTRICT = (
    "„{value}“ ist kein Ortsteil der Gemeinde {ags}. Erlaubt ist ein Code oder Name ihrer Ortsteil-Liste: "
    "{allowed}. Eine eigene Bezeichnung lässt sich einmal einem Ortsteil zuordnen („Werte zuordnen“)."
)
NO_DISTRICTS = (
    "Für die Gemeinde {ags} wird keine Ortsteil-Liste geführt; die Spalte muss deshalb leer bleiben (der Wert "
    "wird hier nicht angezeigt)."
)
UNKNOWN_OFFICER = (
    "Kein Kürzel aus den Stellenanteilen der Gemeinde {ags}: {values}. Bekannt sind: {known}. Bitte das Kürzel "
    "berichtigen oder die Stellenanteile mit diesem Kürzel vorher oder im selben Hochladevorgang hochladen."
)
UNKNOWN_PARTNER = (
    "Keine partner_id der Netzwerkpartner der Gemeinde {ags}: {values}. Bekannt sind: {known}. Bitte berichtigen "
    "oder die Netzwerkpartner mit dieser partner_id vorher oder im selben Hochladevorgang hochladen."
)
OUTSIDE_SCOPE = (
    "Die Gemeinde {ags} gehört nicht zu den Gemeinden Ihres Kontos ({allowed}). Bitte nur Daten dieser Gemeinden "
    "hochladen; die Daten anderer Gemeinden lädt deren Verwaltung oder der Landkreis hoch."
)
NO_GEMEINDE_IN_SCOPE = "keine"
KNOWN_NONE = "keine (für diese Gemeinde ist noch nichts gespeichert)"
KNOWN_MORE = "… ({count} weitere)"
DUPLICATE_KEY = (
    "Doppelter Schlüssel: die Zeilen {lines} haben dieselben Werte in {columns}. Jede Zeile muss eindeutig "
    "sein; bitte die doppelten Zeilen löschen oder zusammenführen."
)
EXCEL_ERROR = (
    "„{value}“ ist ein Excel-Fehlerwert: die Formel dieser Zelle liefert in Excel kein Ergebnis. Bitte den Wert "
    "eintragen oder die Zelle leeren."
)
CONTROL_CHARACTER = (
    "Die Zelle enthält ein unsichtbares Steuerzeichen ({code}), oft ein Rest aus einer Kopie aus einem anderen "
    "Programm. Bitte den Inhalt der Zelle neu eintippen."
)
EXCEL_SERIAL_DATE = (
    "„{value}“ ist eine Excel-Datumszahl und wurde als {date} gelesen. Bitte prüfen; in Excel die Spalte als "
    "Datum (TT.MM.JJJJ) formatieren, dann verschwindet dieser Hinweis."
)
REPEATED_ROW = "Die Zeile wiederholt Zeile {first} Zelle für Zelle und wird nur einmal übernommen."
VALUE_NOT_CHECKED = "Der Wert konnte nicht geprüft werden ({check})."

# Cross-field rules.
DATE_ORDER = "Das Datum „{later_value}“ liegt vor „{earlier_header}“ ({earlier_value})."
PART_EXCEEDS_TOTAL = "{part_value} ist mehr als „{total_header}“ ({total_value})."
SUM_EXCEEDS_TOTAL = "{parts} ergeben zusammen {sum}, mehr als „{total_header}“ ({total_value})."
REQUIRED_IF = "Pflicht, weil „{condition_header}“ ausgefüllt ist ({reason})."
REASON_CLOSED_CASE = "abgeschlossener Fall"
FIRST_ATTEMPT_TWICE = (
    "Mehr als ein erster DTZ-Versuch derselben Person: die Zeilen {lines} haben dieselbe „{case_header}“ und "
    "jeweils „{attempt_header}“ 1 mit einem „{result_header}“. Je Person gibt es nur einen ersten Versuch; bitte "
    "bei späteren Versuchen deren Nummer eintragen (z. B. 2)."
)
FIRST_ATTEMPT_STORED = (
    "Für diese Person (dieselbe „{case_header}“) hat ein früherer Import bereits einen ersten DTZ-Versuch "
    "gespeichert („{attempt_header}“ 1 mit einem „{result_header}“). Je Person gibt es nur einen ersten Versuch; "
    "bitte hier die Nummer des Versuchs eintragen (z. B. 2) oder die gespeicherte Teilnahme (dieselbe "
    "„{enrolment_header}“) mit dieser Datei berichtigen."
)

# Summaries when there are too many problems to list.
MORE_IN_COLUMN = "… und {count} weitere Fehler in dieser Spalte."
MORE_ROWS = "… und {count} weitere fehlerhafte Zeilen."
MORE_WARNINGS = "… und {count} weitere Hinweise dieser Art."
WORD_AND = "und"

# --- column and value mappings ---
MAPPING_UNKNOWN_FIELD = "„{field}“ ist keine Spalte des Datenformats für {label}."
MAPPING_TWICE = "„{field}“ ist mehreren Spalten zugeordnet ({columns}); jede Spalte des Datenformats nur einer."
MAPPING_REQUIRED = "Die Pflichtspalte „{field}“ ist keiner Spalte der Datei zugeordnet."
MAPPING_NOT_CODES = "„{field}“ hat keine Liste erlaubter Werte; Werte zuordnen geht nur bei Code-Spalten."
MAPPING_VALUE_TOO_LONG = ("Ein Wert mit {length} Zeichen kann nicht zugeordnet werden (höchstens {limit}); "
                          "bitte die Spalte in der Datei prüfen.")
MAPPING_VALUE_PERSONAL = "Ein Wert sieht nach personenbezogenen Daten aus und wird nicht gespeichert."
MAPPING_VALUE_IS_CODE = ("Ein Wert ist selbst ein erlaubter Wert von „{field}“ und lässt sich nicht umdeuten; "
                         "zugeordnet werden nur eigene Bezeichnungen der Datei.")
MAPPING_HEADER_DATA = ("Die Kopfzeile sieht nach Daten aus, nicht nach Spaltennamen; aus ihr wird keine Zuordnung "
                       "gespeichert. Bitte die Datei mit Spaltennamen exportieren.")
MAPPING_SOURCE_FORBIDDEN = ("Die Spalte „{column}“ enthält offenbar personenbezogene Daten ({what}) und lässt sich "
                            "nicht zuordnen, auch nicht als „nicht übernehmen“. Bitte die Spalte aus der Datei "
                            "löschen.")
MAPPING_SOURCE_PERSONAL = ("Der Name der {position}. Spalte enthält offenbar {what}; er wird nicht gespeichert "
                           "(und hier nicht angezeigt). Bitte die Spalte in der Datei umbenennen oder löschen.")
MAPPING_SOURCE_TOO_LONG = ("Der Name der {position}. Spalte ist {length} Zeichen lang; gespeichert werden "
                           "Spaltennamen mit höchstens {limit} Zeichen. Bitte die Spalte in der Datei umbenennen.")

# --- what the audit log says of mappings and files: counts and the contract's column names, never the file's ---
AUDIT_COLUMNS_MAPPED = "{count} Spalten zugeordnet: {fields}"
AUDIT_COLUMNS_LEFT_OUT = "; {count} nicht übernommen"
AUDIT_VALUES_MAPPED = "{count} Wert(e) zugeordnet"
AUDIT_MAPPING_FORGOTTEN = "Zuordnung gelöscht"
FILE_NAME_WITHHELD = "(Dateiname nicht gespeichert)"

# --- a file whose period overlaps rows already imported ---
OVERLAP = (
    "Die Datei überschneidet sich mit bereits importierten Daten ({period}): sie ändert {changed} gespeicherte "
    "Zeile(n), und {removed} gespeicherte Zeile(n) ihres Zeitraums fehlen in ihr. Bitte entscheiden: ersetzen (die "
    "Datei gilt für ihren Zeitraum, fehlende Zeilen werden entfernt), ergänzen (nichts wird entfernt) oder nicht "
    "importieren."
)

# --- two imports (or undos) of the same data at once ---
LOCK_TIMEOUT = ("Gerade importiert ein anderer Arbeitsplatz Daten derselben Gemeinde und Datenart (oder macht einen "
                "Import rückgängig); es wurde nichts geändert. Bitte in einer Minute erneut versuchen.")
CHANGED_SINCE_PREVIEW = ("Die Daten wurden seit der Vorschau geändert (anderer Arbeitsplatz); es wurde nichts "
                         "importiert. Bitte Vorschau erneut prüfen.")

# --- undoing an import batch ---
UNDO_UNKNOWN = "Den Import Nr. {batch} gibt es nicht (mehr)."
UNDO_LATER_FIRST = ("Import Nr. {batch} kann nicht allein rückgängig gemacht werden: der spätere Import Nr. {later} "
                    "hat Zeilen daraus geändert. Bitte zuerst Import Nr. {later} rückgängig machen.")
UNDO_FAILED = ("Import Nr. {batch} konnte nicht rückgängig gemacht werden: die Datenbank hat es abgelehnt (vermutlich "
               "wurden dieselben Daten gerade an einem anderen Arbeitsplatz geändert). Es wurde nichts geändert. Bitte "
               "die Seite neu laden und erneut versuchen; bleibt der Fehler, die IT der Gemeinde informieren.")

# --- Excel workbooks ---
XLSX_MACROS = ("Die Arbeitsmappe enthält Makros (.xlsm). Aus Sicherheitsgründen werden nur Arbeitsmappen ohne "
               "Makros (.xlsx) oder CSV-Dateien angenommen.")
XLSX_TOO_LARGE = "Die Arbeitsmappe ist entpackt zu groß oder ungewöhnlich stark gepackt und wird nicht geöffnet."
XLSX_BROKEN = ("Die Datei ist keine lesbare Excel-Arbeitsmappe (.xlsx). Bitte in Excel erneut als „Excel-Arbeitsmappe“ "
               "oder als „CSV UTF-8“ speichern.")
XLSX_TOO_MANY_ROWS = ("Die Arbeitsmappe „{file}“ hat Werte jenseits von Zeile {limit}; gelesen werden höchstens "
                      "{limit} Zeilen. Bitte den Export auf mehrere Dateien aufteilen (z. B. ein Jahr je Datei).")
XLSX_TOO_MANY_COLUMNS = ("Die Arbeitsmappe „{file}“ hat Werte jenseits von Spalte {limit}; gelesen werden höchstens "
                         "{limit} Spalten. Bitte überzählige Spalten löschen.")
XLSX_TOO_MANY_CELLS = ("Die Arbeitsmappe „{file}“ hat mehr als {limit} Zellen (auch leere, aber formatierte Zellen "
                       "zählen). Bitte den Export auf mehrere Dateien aufteilen oder als „CSV UTF-8“ speichern.")
XLSX_TOO_MANY_STRINGS = ("Die Arbeitsmappe „{file}“ enthält mehr als {limit} verschiedene Texte und wird nicht "
                         "geöffnet. Bitte den Export auf mehrere Dateien aufteilen oder als „CSV UTF-8“ speichern.")

# --- retention (monitor.retention): rows of archived periods are not stored again ------------------------------
ARCHIVED_ROWS_SKIPPED = (
    "{count} Zeile(n) liegen ganz vor dem Stichtag {cut_off} der Aufbewahrung und werden nicht gespeichert: "
    "für diese Zeit sind nur noch die Kennzahlen archiviert (siehe Datenschutz, Aufbewahrung)."
)
