"""German for the controls that Streamlit and plotly draw themselves (their own texts are English).

Neither of them can be switched to German: Streamlit's frontend has no translations, and the plotly.js bundled
with Streamlit has only its English locale. So:

- plotly gets its German as a locale passed with every chart (``PLOTLY_DICTIONARY``, ``PLOTLY_FORMAT``; see
  ui.figures), the way plotly.js takes locales it does not bundle;
- Streamlit's own labels for screen readers and tooltips (aria-label, title, placeholder, ...) and the few texts it
  writes itself (the upload field, the hints under text fields, the running indicator) are replaced in the browser
  by their German here (ui.german): ``ATTRIBUTES``/``ATTRIBUTE_PATTERNS`` for attributes anywhere,
  ``TEXTS``/``TEXT_PATTERNS`` for text inside Streamlit's own controls only (never in the app's content).

Keys are Streamlit's and plotly's English exactly as they write it (taken from their frontend bundles); patterns
are JavaScript regular expressions whose replacement may use ``$1``. An empty German text removes an attribute
(the names of Streamlit's icons, "check_circle icon": the text beside an icon says what it means).
"""

MONTHS = {
    "January": "Januar", "February": "Februar", "March": "März", "April": "April", "May": "Mai", "June": "Juni",
    "July": "Juli", "August": "August", "September": "September", "October": "Oktober", "November": "November",
    "December": "Dezember",
}

# --- Streamlit: attributes (aria-label, title, placeholder, aria-valuetext, ...) -----------------------------

ATTRIBUTES = {
    # page frame
    "Sidebar": "Seitenleiste",
    "Collapse sidebar": "Seitenleiste einklappen",
    "Expand sidebar": "Seitenleiste ausklappen",
    "App pages": "Seiten",
    "Navigate to home page": "Zur Startseite",
    "Main menu": "Hauptmenü",
    "Link to heading": "Link zu dieser Überschrift",
    "Notifications": "Benachrichtigungen",
    "Running...": "Wird berechnet …",
    "Stop script": "Berechnung anhalten",
    "Help": "Erläuterung",
    "Close": "Schließen",
    "Dismiss": "Schließen",
    "Fullscreen": "Vollbild",
    "Close fullscreen": "Vollbild beenden",
    "Scrollable table": "Tabelle, seitlich verschiebbar",
    "Scroll tabs left": "Reiter nach links blättern",
    "Scroll tabs right": "Reiter nach rechts blättern",
    "Pagination": "Seiten",
    "Previous page": "Vorherige Seite",
    "Next page": "Nächste Seite",
    # selection boxes
    "Open": "Auswahl öffnen",
    "Choose an option": "Bitte auswählen",
    "Select...": "Bitte auswählen …",
    "Clear value": "Auswahl löschen",
    "Clear all": "Alle entfernen",
    "Clear selection": "Auswahl aufheben",
    "Selected values": "Ausgewählt",
    "Selectbox options": "Auswahlmöglichkeiten",
    "Multiselect options": "Auswahlmöglichkeiten",
    "No results": "Keine Treffer",
    "Select all": "Alle auswählen",
    # text fields
    "Show password": "Eingabe anzeigen",  # not "Passwort …": the field itself is called "Passwort"
    "Hide password": "Eingabe verbergen",
    "Clear entry": "Eingabe löschen",
    "Increment": "Erhöhen",
    "Decrement": "Verringern",
    # upload field
    "file upload": "Dateien auswählen",
    "Add files": "Weitere Dateien auswählen",
    "Upload directories": "Ordner auswählen",
    # dates
    "Choose date": "Datum wählen",
    "Choose date range": "Zeitraum wählen",
    "Choose date and time": "Datum und Uhrzeit wählen",
    "Clear date": "Datum löschen",
    "Clear dates": "Daten löschen",
    "Clear date and time": "Datum und Uhrzeit löschen",
    "Clear time": "Uhrzeit löschen",
    "Date range": "Zeitraum",
    "Quick select a date range": "Zeitraum schnell wählen",
    "Previous month": "Vorheriger Monat",
    "Next month": "Nächster Monat",
    # tables (st.dataframe): its toolbar is hidden (ui.german), its column menu is not
    "Show/hide columns": "Spalten ein- oder ausblenden",
    "Download as CSV": "Als CSV herunterladen",
    "Search": "Suchen",
    "Type to search": "Suchbegriff eingeben",
    "Close Search": "Suche schließen",
    "Previous Result": "Vorheriger Treffer",
    "Next Result": "Nächster Treffer",
    "Dataframe column menu": "Spaltenmenü",
    "Copy column name": "Spaltennamen kopieren",
    "Copy to clipboard": "In die Zwischenablage kopieren",
    "Copied": "Kopiert",
    # main menu (not shown with client.toolbarMode = "minimal"; here in case it is)
    "Settings": "Einstellungen",
    "Print": "Drucken",
    "Record a screencast": "Bildschirmaufnahme",
    "About": "Über",
    "Clear cache": "Zwischenspeicher leeren",
    "Rerun": "Neu berechnen",
    "Deploy": "Veröffentlichen",
    "Theme": "Farbschema",
    "Light": "Hell",
    "Dark": "Dunkel",
}

ATTRIBUTE_PATTERNS = [
    (r"^Help for (.+)$", "Erläuterung zu $1"),
    # the table toolbar's buttons of a table with an accessible name: "Search: Protokoll"
    (r"^Show/hide columns: (.+)$", "Spalten ein- oder ausblenden: $1"),
    (r"^Download as CSV: (.+)$", "Als CSV herunterladen: $1"),
    (r"^Search: (.+)$", "Suchen: $1"),
    (r"^Fullscreen: (.+)$", "Vollbild: $1"),
    (r"^Close fullscreen: (.+)$", "Vollbild beenden: $1"),
    (r"^day, (.+)$", "Tag, $1"),
    (r"^month, (.+)$", "Monat, $1"),
    (r"^year, (.+)$", "Jahr, $1"),
    (r"^hour, (.+)$", "Stunde, $1"),
    (r"^minute, (.+)$", "Minute, $1"),
    (r"^Choose date, (.+)$", "Datum wählen, $1"),
    (r"^Remove (.+)$", "$1 entfernen"),
    (r"^Add: (.+)$", "Hinzufügen: $1"),
    (r"^Select (\d+) matches$", "$1 Treffer auswählen"),
    (r"^[a-z0-9_]+ icon$", ""),  # the name of a Material icon, e.g. "check_circle icon"
    # an uploaded file: "kontakte.csv, 404.7KB" (decimal comma, a space before the unit)
    (r"^(.+), (\d+)\.(\d+)\s?([KMGT]?B)$", "$1, $2,$3 $4"),
    (r"^(.+), (\d+)\s?([KMGT]?B)$", "$1, $2 $3"),
    *((rf"^(\d{{1,2}}) – {english}$", f"$1 – {german}") for english, german in MONTHS.items()),
]

# --- Streamlit: texts inside its own controls ----------------------------------------------------------------

TEXTS = {
    "Skip to main content": "Zum Inhalt springen",
    "Press Enter to submit form": "Mit der Eingabetaste absenden",
    "Press Enter to apply": "Mit der Eingabetaste übernehmen",
    "Upload": "Dateien auswählen",
    "Drag and drop a file here": "Datei hierher ziehen",
    "Add files": "Weitere Dateien auswählen",
    "Only one file is allowed.": "Nur eine Datei ist erlaubt.",
    "Too many files": "Zu viele Dateien",
    "File type not allowed.": "Dieser Dateityp ist nicht erlaubt.",
    "Use arrow keys to navigate dates. Enter to select. Escape to close.":
        "Mit den Pfeiltasten zwischen den Tagen wechseln, mit der Eingabetaste wählen, mit Escape schließen.",
    "No results": "Keine Treffer",
    "Select all": "Alle auswählen",
    "Stop": "Anhalten",
    "Stopping...": "Wird angehalten …",
    "Running...": "Wird berechnet …",
    "Connecting": "Verbindung wird aufgebaut",
    "Connecting to Streamlit server": "Verbindung zum Server wird aufgebaut",
    "Unable to connect to Streamlit server": "Keine Verbindung zum Server",
    "Connection error": "Verbindung unterbrochen",
    "Error": "Fehler",
    "Please wait...": "Bitte warten …",
    "Sort ascending": "Aufsteigend sortieren",
    "Sort descending": "Absteigend sortieren",
    "Pin column": "Spalte fixieren",
    "Unpin column": "Spalte lösen",
    "Hide column": "Spalte ausblenden",
    "Autosize": "Breite anpassen",
    "Format": "Zahlenformat",
    "Statistics": "Statistik",
    "Count": "Anzahl",
    "Distinct": "Verschiedene Werte",
    "Empty": "Leer",
    "Average": "Mittelwert",
    "Sum": "Summe",
    "Standard deviation": "Standardabweichung",
    "Distribution histogram": "Verteilung",
    "Top values frequency chart": "Häufigste Werte",
    "Based on sample": "Aus einer Stichprobe",
    "No data": "Keine Daten",
    "Automatic": "Automatisch",
    "Localized": "Landesüblich",
    "Plain": "Ohne Format",
    "Compact": "Kompakt",
    "Scientific": "Wissenschaftlich",
    "Percent": "Prozent",
    "Accounting": "Buchhaltung",
}

TEXT_PATTERNS = [
    (r"^Press (?:Ctrl|⌘)\+Enter to apply$", "Mit Strg+Eingabetaste übernehmen"),
    (r"^Press (?:Ctrl|⌘)\+Enter to submit form$", "Mit Strg+Eingabetaste absenden"),
    (r"^(\d+)\s?([KMGT]?B) per file$", "höchstens $1 $2 je Datei"),
    (r"^(\d+)\.(\d+)\s?([KMGT]?B) per file$", "höchstens $1,$2 $3 je Datei"),
    (r"^(\d+)\.(\d+)\s?([KMGT]?B)$", "$1,$2 $3"),  # the size of an uploaded file
    (r"^(\d+)\s?([KMGT]?B)$", "$1 $2"),
    (r"^[a-z0-9_]+ icon$", ""),  # the hidden name of an icon button's Material icon
    (r"^(.+) files are not allowed\.$", "Dateien vom Typ $1 sind nicht erlaubt."),
    (r"^File must be (.+) or smaller\.$", "Die Datei darf höchstens $1 groß sein."),
    (r"^File is too large\. Maximum size is (\d+) bytes\.$", "Die Datei ist zu groß (höchstens $1 Byte)."),
    (r"^Choose date, (.+)$", "Datum wählen, $1"),  # the date picker's caption
]

# --- plotly: its own texts (mode bar, notices, hover labels of other chart types) and formats ---------------

PLOTLY_DICTIONARY = {
    "Autoscale": "Automatisch skalieren",
    "Box Select": "Rechteck auswählen",
    "Lasso Select": "Lasso-Auswahl",
    "Pan": "Verschieben",
    "Zoom": "Vergrößern (Rahmen ziehen)",
    "Zoom in": "Vergrößern",
    "Zoom out": "Verkleinern",
    "Reset": "Zurücksetzen",
    "Reset axes": "Achsen zurücksetzen",
    "Reset view": "Ansicht zurücksetzen",
    "Reset views": "Ansichten zurücksetzen",
    "Reset camera to default": "Kamera zurücksetzen",
    "Reset camera to last save": "Kamera auf letzte Speicherung zurücksetzen",
    "Orbital rotation": "Frei drehen",
    "Turntable rotation": "Um die Achse drehen",
    "Toggle Spike Lines": "Hilfslinien ein- oder ausblenden",
    "Toggle show closest data on hover": "Nächste Werte beim Zeigen ein- oder ausblenden",
    "Show closest data on hover": "Beim Zeigen den nächsten Wert anzeigen",
    "Compare data on hover": "Beim Zeigen alle Werte vergleichen",
    "Download plot": "Diagramm herunterladen",
    "Download plot as a PNG": "Diagramm als Bild (PNG) herunterladen",
    "Download plot as JSON": "Diagramm als JSON herunterladen",
    "Preparing image - this may take a few seconds": "Das Bild wird erstellt, einen Moment bitte …",
    "Image download succeeded": "Das Bild wurde heruntergeladen.",
    "JSON download succeeded": "Die Datei wurde heruntergeladen.",
    "Sorry, there was a problem downloading your image!": "Das Bild konnte nicht heruntergeladen werden.",
    "Sorry, there was a problem downloading your JSON file!": "Die Datei konnte nicht heruntergeladen werden.",
    "Double-click to zoom back out": "Doppelklick zeigt wieder alles",
    "Double-click on legend to isolate one trace": "Doppelklick in der Legende zeigt nur diese Reihe",
    "Produced with Plotly.js": "Erstellt mit Plotly.js",
    "Draw line": "Linie zeichnen",
    "Draw open freeform": "Freihand zeichnen",
    "Draw closed freeform": "Fläche zeichnen",
    "Draw circle": "Kreis zeichnen",
    "Draw rectangle": "Rechteck zeichnen",
    "Erase active shape": "Form löschen",
    "Share chart...": "Diagramm teilen …",
    "Share chart": "Diagramm teilen",
    "Share": "Teilen",
    "Cancel": "Abbrechen",
    "Click to enter Plot title": "Klicken, um den Titel einzugeben",
    "Click to enter Plot subtitle": "Klicken, um den Untertitel einzugeben",
    "Click to enter X axis title": "Klicken, um den Titel der x-Achse einzugeben",
    "Click to enter Y axis title": "Klicken, um den Titel der y-Achse einzugeben",
    "Click to enter Colorscale title": "Klicken, um den Titel der Farbskala einzugeben",
    "trace": "Reihe",
    "new text": "neuer Text",
    "open:": "Eröffnung:",
    "high:": "Hoch:",
    "low:": "Tief:",
    "close:": "Schluss:",
    "min:": "Min.:",
    "max:": "Max.:",
    "mean:": "Mittelwert:",
    "mean ± σ:": "Mittelwert ± σ:",
    "median:": "Median:",
    "q1:": "1. Quartil:",
    "q3:": "3. Quartil:",
    "lower fence:": "Untere Grenze:",
    "upper fence:": "Obere Grenze:",
    "kde:": "Dichte:",
    "lat:": "Breite:",
    "lon:": "Länge:",
    "source:": "Quelle:",
    "target:": "Ziel:",
    "incoming flow count:": "Eingehende Flüsse:",
    "outgoing flow count:": "Ausgehende Flüsse:",
    "concentration:": "Konzentration:",
}

PLOTLY_FORMAT = {
    "days": ["Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"],
    "shortDays": ["So", "Mo", "Di", "Mi", "Do", "Fr", "Sa"],
    "months": list(MONTHS.values()),
    "shortMonths": ["Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sep.", "Okt.", "Nov.", "Dez."],
    "date": "%d.%m.%Y",
    "decimal": ",",
    "thousands": ".",
}
