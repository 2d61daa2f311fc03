"""German texts of the dashboard: page titles, labels, KPI names and explanations, code display names.

Every string a person reads in the dashboard lives here. Templates use str.format fields; the values put
into them are already formatted (monitor.fmt). No text here may start with a digit followed by a dot,
since captions render Markdown and "1. Quartal" would turn into a list.
"""

APP_TITLE = "Integrationsmonitor"
# An emoji: Streamlit draws it as an inline SVG favicon. A ":material/...:" page icon would make the browser
# fetch the favicon from fonts.gstatic.com (docs/datenschutz.md: no request to any other host).
APP_ICON = "📊"
STARTING = "Datenbank wird vorbereitet …"
UNEXPECTED_ERROR = ("Auf dieser Seite ist ein unerwarteter Fehler aufgetreten. Bitte die Seite neu laden; tritt er "
                    "wieder auf, bitte die IT der Gemeinde informieren (Details im Server-Protokoll).")
START_FAILED = ("Der Integrationsmonitor konnte nicht starten: die Datenbank ist nicht erreichbar oder "
                "nicht aktuell. Bitte die IT der Gemeinde informieren (Details im Server-Protokoll).")

# --- pages -------------------------------------------------------------------------------------------------
PAGE_OVERVIEW = "Übersicht"
PAGE_OVERVIEW_ICON = ":material/bar_chart:"  # not "dashboard": the icon name is text in the menu, like dashboard.py
# The measure pages (monitor.views.MEASURE_PAGES), one KPI area each.
PAGE_BERATUNG = "Beratung"
PAGE_BERATUNG_ICON = ":material/support_agent:"
PAGE_SPRACHKURSE = "Sprachkurse"
PAGE_SPRACHKURSE_ICON = ":material/translate:"
PAGE_PRAKTIKUMSBOERSE = "Praktikumsbörse"
PAGE_PRAKTIKUMSBOERSE_ICON = ":material/work:"
PAGE_INTEGRATIONSCAFE = "Integrationscafé"
PAGE_INTEGRATIONSCAFE_ICON = ":material/local_cafe:"
PAGE_NETZWERK = "Netzwerk"
PAGE_NETZWERK_ICON = ":material/hub:"
PAGE_KARTE = "Karte"
PAGE_KARTE_ICON = ":material/map:"
# page stem -> (menu title, icon) of the measure pages; dashboard.PAGES registers them from here.
MEASURE_PAGE_MENU = {
    "beratung": (PAGE_BERATUNG, PAGE_BERATUNG_ICON),
    "sprachkurse": (PAGE_SPRACHKURSE, PAGE_SPRACHKURSE_ICON),
    "praktikumsboerse": (PAGE_PRAKTIKUMSBOERSE, PAGE_PRAKTIKUMSBOERSE_ICON),
    "integrationscafe": (PAGE_INTEGRATIONSCAFE, PAGE_INTEGRATIONSCAFE_ICON),
    "netzwerk": (PAGE_NETZWERK, PAGE_NETZWERK_ICON),
    "karte": (PAGE_KARTE, PAGE_KARTE_ICON),
}
PAGE_KONTEXT = "Kontext"
PAGE_KONTEXT_ICON = ":material/public:"
PAGE_MEETING = "Sitzungsmodus"
PAGE_MEETING_ICON = ":material/slideshow:"
# Under a tile of the overview: the way to the KPI's own page (an arrow and the page's name: "Mehr dazu: …" did not
# fit a tile's width).
TILE_LINK = "{page}"
TILE_LINK_ICON = ":material/arrow_forward:"

# --- overview: header and filters -------------------------------------------------------------------------
OVERVIEW_TITLE = "Übersicht: Integrationskonzept"
GEMEINDE = "Gemeinde"
GEMEINDE_NAMED = "Gemeinde {name}"
GEMEINDE_FALLBACK = "Gemeinde {ags}"
GRANULARITY = "Zeitraum je"
YEAR = "Jahr"
QUARTER = "Quartal"
PERIOD = "Zeitraum"
PERIOD_HELP = ("Das laufende Jahr (Quartal) reicht bis zum Datenstand und wird mit demselben Zeitraum des "
               "Vorjahres (Vorquartals) verglichen.")
HEADER_LINE = "{gemeinde} · Zeitraum {period} · Datenstand {stand}"
PERIOD_HELP_CLOSED = "Nur abgeschlossene Quartale und Jahre; verglichen wird mit dem Zeitraum davor."
CLOSED_PERIODS_NOTE = ("Hier stehen nur abgeschlossene Quartale und Jahre (Datenstand: Ende des letzten "
                       "abgeschlossenen Quartals). Das laufende Quartal erscheint, wenn es abgeschlossen ist: "
                       "so verrät keine neue Zahl, wer gerade hinzugekommen ist.")
PUBLISHED_SPINNER = "Die Zahlen werden für die Veröffentlichung geprüft (einmal nach jedem Import) …"
NO_CLOSED_PERIOD = "Für diese Gemeinde liegt noch kein abgeschlossenes Quartal vor."

NO_DATA = ("Für diese Datenbank liegen noch keine Daten vor. Bitte die Exporte der Fälle und Stellenanteile "
           "importieren; danach erscheinen hier die Kennzahlen.")
NO_DATA_IN_SCOPE = ("Für die Gemeinden Ihres Kontos liegen keine Daten vor. Welche Gemeinden ein Konto sieht, legt "
                    "die Administration fest.")

TRENDS_TITLE = "Aktive Fälle nach Zielgruppe"
TREND_CAPTION = ("Offene Fälle jeweils am Quartalsende seit {first}; der letzte Wert zeigt den Stand am {stand}. "
                 "Zielgruppen mit wenigen Fällen sind zusammengefasst (Datenschutz).")
TREND_EMPTY = "Für den Verlauf liegen noch keine Fälle vor."
SOURCE_NOTE = ("Alle Zahlen stammen aus den eigenen, anonymisierten Aufzeichnungen der Gemeinde "
               "(Controlling der Integrationsarbeit), nicht aus der amtlichen Statistik.")
SUPPRESSED_NOTE = ("• = weniger als 5 Fälle oder rechnerisch ableitbar (Datenschutz); Quoten erst ab 10 Personen "
                   "und nur, wenn nicht alle in dieselbe Gruppe fallen.")

# --- tiles ------------------------------------------------------------------------------------------------
SUPPRESSED = "•"
CHANGE_VS = "ggü. {period}"
# Whether a change is good or bad, in words beside the colour (not everybody sees red and green apart).
CHANGE_BETTER = "besser"
CHANGE_WORSE = "schlechter"
CHANGE_JUDGED = "{label}: {verdict}"
MISSING_TILES_NOTE = ("– = kein Wert: für den Zeitraum fehlen die Daten, oder eine Quote hat keine Grundlage "
                      "(niemand im Nenner); dann gibt es auch keinen Vergleich.")

WITHHELD = "aus Datenschutzgründen nicht ausgewiesen"

# --- targets ----------------------------------------------------------------------------------------------
DIRECTION = {"mindestens": "mindestens", "hoechstens": "höchstens"}
STATUS = {
    "met": "erreicht",
    "not_met": "nicht erreicht",
    "open": "noch offen",
    "no_target": "kein Ziel",
    "no_value": "nicht bewertbar",
}
TARGET = "Ziel {year}: {direction} {target}"
TARGET_QUARTER = "Quartalsziel: {direction} {target} (ein Viertel von {yearly} im Jahr {year})"
TARGET_LINE = "{target} – {status}"
TARGET_YEAR_ONLY = "Ziel {year} gilt für das ganze Jahr ({direction} {target})"
NO_TARGET = "Kein Ziel festgelegt"

# --- code display names -----------------------------------------------------------------------------------
TARGET_GROUPS = {
    "asylverfahren": "Im Asylverfahren",
    "geduldet": "Geduldet",
    "schutz_anerkannt": "Schutz anerkannt",
    "eu_arbeitnehmer": "EU-Arbeitnehmende",
    "drittstaat_sonstig": "Weitere Drittstaatsangehörige",
    "spaetaussiedler": "Spätaussiedler",
    "deutsch_mit_migrationshintergrund": "Deutsche mit Migrationshintergrund",
}
OTHER_GROUPS = "Weitere Zielgruppen"
HIDDEN_GROUPS = "Nicht ausgewiesen (•)"

CHART_ACTIVE = "Aktive Fälle"
CHART_QUARTER = "Quartal"
CHART_HOVER = "%{x}<br>%{fullData.name}: %{y:,d}<extra></extra>"
CHART_ALT = "Gestapeltes Flächendiagramm: aktive Fälle je Quartal nach Zielgruppe"
CHART_FILE = "aktive-faelle-nach-zielgruppe"

# --- tables and their downloads (ui.tables, ui.downloads) -------------------------------------------------------
MISSING_NOTE = "– = kein Wert (nicht angegeben oder nicht zutreffend)."
SUPPRESSED_TABLE_NOTE = "• = aus Datenschutzgründen nicht ausgewiesen (weniger als 5 Fälle oder rechnerisch ableitbar)."
DOWNLOAD_CSV = "{name} als CSV herunterladen"
DOWNLOAD_XLSX = "{name} als Excel-Datei herunterladen"
DOWNLOAD_OFFICIAL = " (nur für den Dienstgebrauch)"
FOR_OFFICIAL_USE = "Nur für den Dienstgebrauch"


def target_group(code: str) -> str:
    """German display name of a target-group code (the code itself if unknown)."""
    return TARGET_GROUPS.get(code, code)

# --- measure pages (monitor.views, ui.measures): cards, tables, trends, filters ------------------------------------
CARD_TARGET = "{target} · Ist: {actual}"
FIGURES_EXPANDER = "Alle Zahlen des Zeitraums als Tabelle"
FIGURES_TABLE = "Zahlen {page} {period}"
COL_FIGURE = "Kennzahl"
COL_PART = "Angabe"
COL_VALUE = "Wert"
COL_UNIT = "Einheit"
COL_PERIOD = "Zeitraum"
COL_COUNT = "Anzahl"
COL_SHARE = "Anteil"
UNIT_NAMES = {"count": "Anzahl", "share": "Prozent", "mean": "Mittelwert", "value": "Wert"}
TREND_SECTION = "Verlauf"
TREND_TABLE_EXPANDER = "Werte des Verlaufs als Tabelle"
TREND_TABLE = "Verlauf {title}"
TREND_CLOSED = {False: "Je abgeschlossenem Jahr; das laufende Jahr erscheint, wenn es abgeschlossen ist.",
                True: ("Je abgeschlossenem Quartal, bis {stand}; das laufende Quartal erscheint, wenn es abgeschlossen "
                       "ist.")}
TREND_GAPS = "Lücke in einer Linie: der Wert ist aus Datenschutzgründen nicht ausgewiesen (•)."
TREND_NONE = "Für den Verlauf liegt noch kein abgeschlossener Zeitraum vor."
FLOW_HOVER = "%{source.label} → %{target.label}: %{value:,d}<extra></extra>"
FUNNEL_HOVER = "%{y}: %{x:,d}<extra></extra>"
STAGE_HOVER = "{name} · %{{y}}: %{{x:,d}}<extra></extra>"
TREND_ALT = "Liniendiagramm „{title}“ je {granularity}: {series}"
TREND_GRANULARITY = {False: "Jahr", True: "Quartal"}
AXIS_UNITS = {"count": "Anzahl", "share": "Anteil in Prozent", "mean": "Mittelwert", "value": "Wert"}
LINE_HOVER = {"count": "%{x}<br>%{fullData.name}: %{y:,d}<extra></extra>",
              "share": "%{x}<br>%{fullData.name}: %{y:,.1f}\u00a0%<extra></extra>",
              "mean": "%{x}<br>%{fullData.name}: %{y:,.1f}<extra></extra>",
              "value": "%{x}<br>%{fullData.name}: %{y:,.1f}<extra></extra>"}
BREAKDOWN_TITLE = "{total} nach {dimension}"
BREAKDOWN_TABLE = "{title} {period}"
BREAKDOWN_TOTAL = "Insgesamt"
BREAKDOWN_OTHER = "Weitere"
BREAKDOWN_SHARE_NOTE = ("Anteil an „Insgesamt“; in den geschützten Ansichten nur über mindestens 10 Personen und "
                        "nicht bei 0 % oder 100 %.")
PUBLISHED_UPDATING = ("Neue Daten wurden eingespielt: Die veröffentlichten Zahlen werden gerade neu geprüft "
                      "(Datenschutz). Bis dahin sehen Sie den bisher veröffentlichten Stand; die Seite aktualisiert "
                      "sich in wenigen Sekunden von selbst.")
YEARS_ONLY_NOTE = ("{titles}: in dieser Ansicht nur für ganze Jahre ausgewiesen (Datenschutz: je Quartal sind es "
                   "zu wenige Fälle). Wählen Sie ein Jahr, um sie zu sehen.")
BREAKDOWN_MULTIPLE = "Mehrfachnennungen möglich: zusammen ergeben die Zeilen mehr als „Insgesamt“."
BREAKDOWN_DEFAULT_DIMENSION = "Kategorie"
# Breakdowns: the German name of a dimension (monitor.registry.Breakdown.dimension; none: the target group).
DIMENSIONS = {
    "target_group": "Zielgruppe",
    "sector": "Branche",
    "partner_type": "Art des Partners",
    "level": "Ebene",
    "week": "Kalenderwoche",
    "district": "Ortsteil",
    "officer": "Beauftragte",
    "partner": "Partner",
    "provider": "Kursträger",
    "topic": "Thema",
    "contact_type": "Kontaktart",
    "type": "Kontaktart",  # K3: contacts by type
    "status": "Erwerbsstatus",  # K13: closed cases by employment status
    "reason": "Abschlussgrund",  # K1: closed cases by closure reason
    "course_type": "Kursart",
}
SECTORS = {
    "lebensmittel": "Lebensmittel",
    "pflege_gesundheit": "Pflege und Gesundheit",
    "gastronomie_hotel": "Gastronomie und Hotel",
    "handwerk": "Handwerk",
    "logistik": "Logistik",
    "einzelhandel": "Einzelhandel",
    "landwirtschaft": "Landwirtschaft",
    "industrie_produktion": "Industrie und Produktion",
    "erziehung_soziales": "Erziehung und Soziales",
    "verwaltung_buero": "Verwaltung und Büro",
    "reinigung": "Reinigung",
    "sonstige": "Sonstige Branchen",
}
PARTNER_TYPES = {
    "auslaenderbehoerde": "Ausländerbehörde",
    "jobcenter": "Jobcenter",
    "agentur_fuer_arbeit": "Agentur für Arbeit",
    "kurstraeger": "Kursträger",
    "migrationsberatung": "Migrationsberatung",
    "schule": "Schule",
    "kita": "Kita",
    "gesundheit": "Gesundheit",
    "wohnungsgeber": "Wohnungsgeber",
    "arbeitgeber": "Arbeitgeber",
    "verein": "Verein",
    "ehrenamt": "Ehrenamt",
    "landkreis_koordination": "Koordination des Landkreises",
}
PARTNER_LEVELS = {"gemeinde": "Gemeinde", "landkreis": "Landkreis", "land": "Land", "bund": "Bund"}
WEEK = "KW {week}"
# A data-driven category with a name (a partner institution in the exact views): its name and its code.
NAMED_CATEGORY = "{name} ({code})"
# The names of the categories of a dimension, by dimension.
CATEGORY_NAMES = {"target_group": TARGET_GROUPS, "sector": SECTORS, "partner_type": PARTNER_TYPES,
                  "level": PARTNER_LEVELS, "district": {"ohne_angabe": "ohne Angabe des Ortsteils"}}

# Filters by subgroup (monitor.subgroups): only where figures are exact (docs/datenschutz.md, Regel 6).
FILTER_TARGET_GROUP = "Zielgruppe"
FILTER_DISTRICT = "Ortsteil"
FILTER_GENDER = "Geschlecht"
FILTER_ALL = "Alle"
GENDERS = {"w": "Frauen", "m": "Männer", "d": "Divers", "k": "Ohne Angabe"}
FILTER_INTERNAL_ONLY = ("Filter nach Zielgruppe, Ortsteil und Geschlecht gibt es nur in der internen Ansicht: "
                        "geschützte Zahlen werden ohne Teilgruppen geprüft (Datenschutz).")
FILTER_ACTIVE = ("Gefiltert ({selection}): gezählt werden nur die Fälle dieser Auswahl mit ihren Kontakten, "
                 "Kursteilnahmen und Praktika; was keinem Fall zugeordnet ist (etwa ein noch nicht vermittelter "
                 "Praktikumsplatz), fällt heraus. Ziele gelten für die ganze Gemeinde und werden hier nicht bewertet.")
FILTER_ARCHIVED = ("Für diesen Zeitraum gibt es nur noch archivierte Gesamtzahlen (Aufbewahrung): gefiltert werden "
                   "kann er nicht. Bitte den Filter aufheben oder einen späteren Zeitraum wählen.")

# --- data format page (Datenformat) ---------------------------------------------------------------------------
PAGE_CONTRACT = "Datenformat"
PAGE_CONTRACT_ICON = ":material/description:"
CONTRACT_TITLE = "Datenformat und Vorlagen"
CONTRACT_INTRO = ("Welche Dateien der Integrationsmonitor annimmt: je Datenart eine CSV-Datei mit den unten genannten "
                  "Spalten, Semikolon als Trennzeichen, Datum als TT.MM.JJJJ. Keine Namen, Geburtsdaten, Adressen "
                  "oder Freitexte; Ihre Fallnummern werden beim Import durch ein Pseudonym ersetzt.")
CONTRACT_FILES = "Dateien"
CONTRACT_KEY = "Schlüssel (eine Zeile je): {key}"
DOWNLOAD_TEMPLATE = "Vorlage {file} herunterladen"
CONTRACT_TABLE = "Spaltenbeschreibung {kind}"
DOWNLOAD_DOCS = "Ganze Beschreibung herunterladen (Markdown)"

# --- roles, login, logout -------------------------------------------------------------------------------------
ROLE_LABELS = {
    "oeffentlich": "Öffentlich",
    "rat": "Rat",
    "buergermeister": "Bürgermeister/in",
    "verwaltung": "Verwaltung",
    "admin": "Administration",
}
NO_ROLE = "ohne Rolle"
PAGE_LOGIN = "Anmelden"
PAGE_LOGIN_ICON = ":material/login:"
PAGE_AUDIT = "Protokoll"
PAGE_AUDIT_ICON = ":material/history:"
LOGIN_TITLE = "Anmelden"
LOGIN_INTRO = ("Ohne Anmeldung zeigt der Integrationsmonitor nur Zahlen, die niemanden erkennbar machen "
               "(kleine Zahlen sind ausgeblendet). Mitglieder des Rates, die Verwaltung und die Administration melden "
               "sich an.")
LOGIN_NAME = "Benutzername"
LOGIN_PASSWORD = "Passwort"
LOGIN_SUBMIT = "Anmelden"
LOGIN_OIDC = "Mit dem Konto der Verwaltung anmelden"
# One message for an unknown name, a wrong password, a locked and a deactivated account: the login page tells
# nobody which names exist, whether a password was right or until when an account is locked (the admin sees it).
LOGIN_FAILED = ("Anmeldung fehlgeschlagen: Benutzername oder Passwort ist falsch, oder das Konto ist gesperrt. "
                "Bei Bedarf hilft die Administration.")
NO_ACCOUNTS = ("Es gibt noch kein Benutzerkonto. Die IT legt das erste Konto (Administration) auf dem Server an mit:")
NO_ACCOUNTS_COMMAND = "python -m monitor user add NAME --role admin"
LOGGED_IN_AS = "Angemeldet: {name} ({role})"
PUBLIC_VIEW = "Öffentliche Ansicht (ohne Anmeldung)"
LOGOUT = "Abmelden"
MEETING_VIEW = "Sitzungsansicht"
MEETING_VIEW_HELP = ("Für öffentliche Sitzungen und den Bildschirm im Sitzungssaal: alle Zahlen wie in der "
                     "öffentlichen Ansicht, kleine Zahlen ausgeblendet, gleich welche Rolle angemeldet ist.")
MEETING_VIEW_ON = "Sitzungsansicht: kleine Zahlen sind ausgeblendet (wie öffentlich)."
LOGGED_OUT = "Sie wurden abgemeldet."
SESSION_EXPIRED = "Ihre Sitzung ist abgelaufen (zu lange keine Aktivität). Bitte melden Sie sich erneut an."
ACCOUNT_REMOVED = ("Ihr Konto wurde deaktiviert oder Ihre Rolle entzogen; Sie wurden abgemeldet. Bitte wenden Sie sich "
                   "an die Administration.")
PAGE_REFUSED = ("Diese Seite ist für Ihre Rolle nicht freigegeben. Bitte melden Sie sich mit einem berechtigten Konto "
                "an.")
NO_ROLE_REFUSAL = ("Sie sind angemeldet, aber Ihrem Konto ist keine Rolle im Integrationsmonitor zugeordnet. "
                   "Bitte wenden Sie sich an die Administration; bis dahin werden keine Daten angezeigt.")

# --- accounts page (Benutzer) ---------------------------------------------------------------------------------
PAGE_ACCOUNTS = "Benutzer"
PAGE_ACCOUNTS_ICON = ":material/manage_accounts:"
ACCOUNTS_TITLE = "Benutzer"
ACCOUNTS_INTRO = ("Die Konten der Anmeldung mit Benutzername und Passwort: anlegen, Rolle und Gemeinden ändern, "
                  "Passwort zurücksetzen, Sperre aufheben, deaktivieren. Ein Konto sieht nur die Zahlen seiner "
                  "Gemeinden. Konten werden nie gelöscht (das Protokoll nennt sie). Jede Änderung steht im Protokoll.")
ACCOUNTS_OIDC = ("Die Anmeldung läuft über das Rathaus (OpenID Connect): Rollen kommen von dort. Die Konten hier "
                 "gelten nur, wenn diese Anmeldung wieder abgeschaltet wird.")
ACCOUNTS_NONE = "Es gibt noch kein Konto."
ACCOUNTS_TABLE = "Konten"
ACCOUNT_COLUMNS = {"name": "Benutzername", "role": "Rolle", "gemeinden": "Gemeinden", "status": "Status",
                   "failed": "Fehlversuche", "created": "Angelegt", "changed": "Zuletzt geändert"}
ACCOUNT_ALL_GEMEINDEN = "alle Gemeinden"
ACCOUNT_NO_GEMEINDEN = "keine (sieht keine Zahlen)"
ACCOUNT_EVERY_GEMEINDE = "Alle Gemeinden (Landkreis)"
ACCOUNT_EVERY_GEMEINDE_HELP = ("Das Konto sieht die Zahlen jeder Gemeinde dieser Installation. Sonst nur die hier "
                               "gewählten Gemeinden (z. B. die der eigenen Verwaltung).")
ACCOUNT_GEMEINDEN = "Gemeinden des Kontos"
ACCOUNT_GEMEINDEN_PLACEHOLDER = "Gemeinden wählen"
ACCOUNT_SET_GEMEINDEN = "Gemeinden speichern"
ACCOUNT_GEMEINDEN_SET = "Die Gemeinden von „{name}“ sind gespeichert; sie gelten ab dem nächsten Klick."
ACCOUNT_NO_GEMEINDE = ("Bitte mindestens eine Gemeinde wählen oder „Alle Gemeinden (Landkreis)“ ankreuzen; ein Konto "
                       "ohne Gemeinde sähe keine Zahlen.")
ACCOUNT_ADMIN_EVERY_GEMEINDE = "Admin-Konten sehen immer alle Gemeinden: sie verwalten die ganze Installation."
ACCOUNT_ACTIVE = "aktiv"
ACCOUNT_INACTIVE = "deaktiviert"
ACCOUNT_LOCKED = "gesperrt bis {until}"
ACCOUNT_ADD = "Konto anlegen"
ACCOUNT_NAME = "Benutzername"
ACCOUNT_NAME_HELP = "Ohne Leerzeichen, z. B. „rat-mueller“; er erscheint im Protokoll."
ACCOUNT_ROLE = "Rolle"
ACCOUNT_ADD_BUTTON = "Anlegen"
ACCOUNT_ADDED = ("Das Konto „{name}“ ist angelegt. Das erste Passwort wird nur dieses eine Mal gezeigt; geben Sie es "
                 "der Person auf sicherem Weg weiter:")
ACCOUNT_CHANGE = "Konto ändern"
ACCOUNT_CHOSEN = "Konto"
ACCOUNT_NEW_ROLE = "Neue Rolle"
ACCOUNT_SET_ROLE = "Rolle ändern"
ACCOUNT_RESET = "Passwort zurücksetzen"
ACCOUNT_UNLOCK = "Sperre aufheben"
ACCOUNT_DEACTIVATE = "Deaktivieren"
ACCOUNT_ACTIVATE = "Wieder aktivieren"
ACCOUNT_ROLE_SET = "Die Rolle von „{name}“ ist jetzt „{role}“."
ACCOUNT_RESET_DONE = ("Das Passwort von „{name}“ ist zurückgesetzt (eine Sperre ist aufgehoben). Das neue Passwort "
                      "wird nur dieses eine Mal gezeigt:")
ACCOUNT_UNLOCKED = "Die Sperre von „{name}“ ist aufgehoben."
ACCOUNT_DEACTIVATED = "„{name}“ ist deaktiviert und kann sich nicht mehr anmelden."
ACCOUNT_ACTIVATED = "„{name}“ ist wieder aktiv."

# --- targets page (Ziele) -------------------------------------------------------------------------------------
PAGE_TARGETS = "Ziele"
PAGE_TARGETS_ICON = ":material/flag:"
TARGETS_TITLE = "Ziele"
TARGETS_INTRO = ("Die Zielwerte des Integrationskonzepts je Kennzahl und Jahr. Sie gelten sofort auf allen Seiten; "
                 "jede Änderung steht mit altem und neuem Wert im Protokoll. Quoten als Dezimalzahl "
                 "(0,55 = 55 %).")
TARGETS_STATUS = "Stand der Ziele: {gemeinde}, {period}"
TARGETS_STATUS_NONE = "Für {year} ist kein Ziel festgelegt."
TARGETS_COL_KPI = "Kennzahl"
TARGETS_COL_TARGET = "Ziel"
TARGETS_COL_VALUE = "Wert"
TARGETS_COL_STATUS = "Stand"
TARGETS_HISTORY = "Verlauf der Änderungen"
TARGETS_HISTORY_NONE = "Noch keine Änderung in der Anwendung (die Ziele kamen aus data/ziele.csv)."
TARGETS_EDITOR = "Ziele von {gemeinde} bearbeiten"
TARGETS_SAVE = "Ziele speichern"
TARGETS_SAVED = "Die Ziele sind gespeichert und gelten ab sofort auf allen Seiten:"
TARGETS_UNCHANGED = "Nichts geändert."
TARGETS_NOT_SAVED = "Nicht gespeichert: bitte korrigieren Sie die Tabelle."
TARGETS_EXPORT_BUTTON = "Alle Ziele als CSV herunterladen (Format von data/ziele.csv)"
TARGETS_CHANGE = "Änderung"
TARGET_COLUMNS = {"kpi": "Kennzahl", "year": "Jahr", "direction": "Richtung", "value": "Zielwert",
                  "source": "Quelle", "decided_on": "Beschlossen am", "reference": "Aktenzeichen"}
TARGET_SOURCES = {"ratsbeschluss": "Ratsbeschluss", "ausschussbeschluss": "Ausschussbeschluss",
                  "integrationskonzept": "Integrationskonzept", "verwaltungsvorgabe": "Vorgabe der Verwaltung",
                  "foerderbedingung": "Förderbedingung"}
TARGET_REFERENCE_HELP = "Ein Aktenzeichen wie „DS 2017/045“ (Drucksache, Vorlage), keine Namen."
TARGET_ERROR = "Zeile {row}, Spalte „{column}“: {message}"
TARGET_BAD_KPI = "unbekannte Kennzahl."
TARGET_BAD_YEAR = "ein Jahr von 2000 bis 2100."
TARGET_BAD_DIRECTION = "„mindestens“ oder „höchstens“."
TARGET_BAD_VALUE = "eine Zahl, nicht negativ."
TARGET_BAD_RATIO = "Quoten als Dezimalzahl angeben (0,55 für 55 %)."
TARGET_BAD_SOURCE = "eine Quelle aus der Liste."
TARGET_BAD_REFERENCE = "ein Aktenzeichen wie „DS 2017/045“ (Großbuchstaben und Zahlen, keine Namen)."
TARGET_TWICE = "dieses Jahr hat die Kennzahl schon in Zeile {other}."
TARGET_ADDED = "neu: {new}"
TARGET_CHANGED = "{old} → {new}"
TARGET_REMOVED = "entfernt (war {old})"

# --- audit log page -------------------------------------------------------------------------------------------
AUDIT_TITLE = "Protokoll"
AUDIT_INTRO = ("Wer hat wann was getan: Anmeldungen, Importe, Exporte, Löschungen, Benutzer- und Rollenänderungen. "
               "Das Protokoll kann nicht geändert oder gelöscht werden und enthält keine Inhalte der Daten.")
AUDIT_SINCE = "Von"
AUDIT_UNTIL = "Bis"
AUDIT_ACTOR = "Person enthält"
AUDIT_ACTIONS = "Aktionen"
AUDIT_ACTIONS_PLACEHOLDER = "alle Aktionen"
AUDIT_EMPTY = "Keine Einträge für diese Auswahl."
AUDIT_COUNT = "{count} Einträge (höchstens {limit} werden gezeigt)"
AUDIT_HASH_NOTE = "Von der Prüfsumme (SHA-256) einer Datei steht hier der Anfang, vollständig in den Downloads."
AUDIT_PERSON = "Person (Rolle)"
AUDIT_PERSON_ROLE = "{first} ({second})"
AUDIT_OBJECT_SHA = "{first}, Prüfsumme {second}"
AUDIT_OUTCOME_ROWS = "{first}, {second} Zeilen"
AUDIT_DETAIL_NOTE = "Von langen Hinweisen steht hier der Anfang („…“), vollständig in den Downloads."
AUDIT_COLUMNS = {"at": "Zeitpunkt", "actor": "Person", "role": "Rolle", "action": "Aktion", "object": "Objekt",
                 "file_sha256": "Prüfsumme", "row_count": "Zeilen", "outcome": "Ergebnis", "detail": "Hinweis"}
AUDIT_ACTION_LABELS = {
    "login": "Anmeldung", "login_failed": "Anmeldung fehlgeschlagen", "logout": "Abmeldung",
    "session_expired": "Sitzung abgelaufen", "access_denied": "Zugriff verweigert", "upload": "Hochladen",
    "import": "Import", "import_rejected": "Import abgelehnt", "delete": "Löschen", "export": "Export",
    "mapping": "Zuordnung",
    "user_added": "Benutzer angelegt", "role_changed": "Rolle geändert", "user_deactivated": "Benutzer deaktiviert",
    "user_activated": "Benutzer wieder aktiviert", "user_unlocked": "Sperre aufgehoben",
    "target_changed": "Ziel geändert",
    "meeting_saved": "Ratssitzung geplant",
    "meeting_removed": "Ratssitzung gelöscht",
    "gemeinden_changed": "Gemeinden eines Kontos geändert",
    "password_changed": "Passwort geändert", "audit_expired": "Alte Protokolleinträge gelöscht",
    "retention": "Aufbewahrung (Löschlauf)",
}
AUDIT_OUTCOMES = {"ok": "erfolgreich", "refused": "abgelehnt", "failed": "fehlgeschlagen"}

# --- upload page (Daten hochladen) ------------------------------------------------------------------------------
PAGE_UPLOAD = "Daten hochladen"
PAGE_UPLOAD_ICON = ":material/upload_file:"
UPLOAD_TITLE = "Daten hochladen"
UPLOAD_INTRO = ("CSV-Exporte oder Excel-Arbeitsmappen (.xlsx, ohne Makros) der Fälle, Kontakte, Kurse und weiteren "
                "Datenarten hier ablegen (mehrere auf einmal). "
                "Sie werden erst geprüft; importiert wird nur nach Bestätigung und nur, wenn alle Dateien fehlerfrei "
                "sind: ganz oder gar nicht. Überschneidet sich eine Datei mit schon gespeicherten Zeilen, entscheiden "
                "Sie, ob sie diese ersetzt oder ergänzt. Dieselbe Datei zweimal ändert nichts.")
UPLOAD_FILES = "Dateien (CSV oder XLSX)"
UPLOAD_PREVIEW = "Vorschau"
UPLOAD_PROBLEMS = "Prüfbericht: {errors} Fehler, {warnings} Hinweis(e)"
UPLOAD_GROUPS_HELP = ("Alle Fehler und Hinweise auf einmal, nach Spalte und Art zusammengefasst und vollständig "
                      "gezählt. Fehler verhindern den Import, Hinweise nicht (bitte trotzdem prüfen).")
UPLOAD_PROBLEMS_HELP = ("Einzeln, mit Zeile in der Datei und Spalte (je Spalte und Art die ersten 20). "
                        "Als CSV für Excel herunterladen:")
UPLOAD_PROBLEMS_DOWNLOAD = "Prüfbericht herunterladen (CSV)"
UPLOAD_GROUPS_NAME = "Prüfbericht, zusammengefasst"
UPLOAD_PROBLEMS_NAME = "Prüfbericht, einzeln"
UPLOAD_REJECTED = "Nichts wird importiert, solange eine Datei Fehler hat. Bitte korrigieren und erneut hochladen."
UPLOAD_NOTHING_NEW = "Alle Dateien sind bereits importiert; es gibt nichts zu tun."
UPLOAD_CONFIRM = "Import bestätigen"
UPLOAD_DONE = "Importiert: {files} Datei(en), {new} neue, {changed} geänderte und {removed} entfernte Zeilen."
UPLOAD_HISTORY = "Bisherige Importe"
UPLOAD_HISTORY_EMPTY = "Noch keine Importe."
ENCODING_LABELS = {"utf-8-sig": "UTF-8 mit BOM", "utf-8": "UTF-8", "utf-16": "UTF-16", "utf-16-le": "UTF-16",
                   "utf-16-be": "UTF-16", "cp1252": "Windows-1252", "xlsx": "Excel-Arbeitsmappe"}
UPLOAD_STATE_VALID = "fehlerfrei"
UPLOAD_STATE_UNCHANGED = "bereits importiert"
UPLOAD_STATE_REJECTED = "{count} Fehler"
UPLOAD_STATE_WARNINGS = ", {count} Hinweis(e)"
UPLOAD_STATE_OVERLAP = "überschneidet sich: bitte entscheiden"
UPLOAD_STATE_REPLACE = "fehlerfrei, ersetzt gespeicherte Zeilen"
UPLOAD_STATE_MERGE = "fehlerfrei, ergänzt gespeicherte Zeilen"
UPLOAD_STATE_SKIP = "wird nicht importiert"
UPLOAD_KIND_MAPPED = " (Spalten zugeordnet)"
UPLOAD_ERROR = "Fehler"
UPLOAD_WARNING = "Hinweis"
UPLOAD_COL_FILE = "Datei"
UPLOAD_COL_KIND = "Datenart"
UPLOAD_COL_ENCODING = "Zeichensatz"
UPLOAD_COL_DELIMITER = "Trennzeichen"
UPLOAD_COL_ROWS = "Zeilen"
UPLOAD_COL_NEW = "neu"
UPLOAD_COL_CHANGED = "geändert"
UPLOAD_COL_UNCHANGED = "unverändert"
UPLOAD_COL_REMOVED = "entfernt"
UPLOAD_COL_PERIOD = "Zeitraum"
UPLOAD_COL_SEVERITY = "Art"
UPLOAD_COL_STATE = "Ergebnis"
UPLOAD_COL_LINE = "Zeile"
UPLOAD_COL_COLUMN = "Spalte"
UPLOAD_COL_MESSAGE = "Problem"
UPLOAD_COL_COUNT = "Anzahl"
UPLOAD_COL_LINES = "erste Zeilen"
UPLOAD_COL_EXAMPLE = "Problem (erstes Beispiel)"
UPLOAD_COL_WHEN = "Zeitpunkt"
UPLOAD_COL_BY = "von"
UPLOAD_COL_HASH = "SHA-256 (Anfang)"
UPLOAD_COL_NO = "Nr."
OVERLAP_FILE = "{file}: {message}"
OVERLAP_TITLE = "Überschneidung mit bereits importierten Daten"
OVERLAP_QUESTION = "{file}: was soll geschehen?"
OVERLAP_CHOICES = {"replace": "Ersetzen: die Datei gilt für ihren Zeitraum "
                              "(geänderte Zeilen aktualisieren, fehlende entfernen)",
                   "merge": "Ergänzen: neue Zeilen hinzufügen, geänderte aktualisieren, nichts entfernen",
                   "skip": "Nicht importieren"}
OVERLAP_DECISION_RESET = ("Die gespeicherten Daten dieser Datei(en) wurden seit Ihrer Entscheidung geändert (anderer "
                          "Arbeitsplatz): {files}. Die Vorschau zeigt den neuen Stand; bitte erneut entscheiden.")
MAP_COLUMNS_BUTTON = "Spalten zuordnen: {file}"
MAP_COLUMNS_TITLE = "Spalten zuordnen"
MAP_COLUMNS_HELP = ("Welche Spalte Ihrer Datei ist welche Spalte des Datenformats? Die Zuordnung wird gespeichert und "
                    "gilt ab jetzt für jede Datei mit denselben Spaltennamen, auch beim Import über die Kommandozeile. "
                    "Spalten, die Sie nicht übernehmen, werden nicht gespeichert, aber auf personenbezogene Inhalte "
                    "geprüft.")
MAP_KIND = "Datenart der Datei"
MAP_NOT_TAKEN = "– nicht übernehmen –"
MAP_REQUIRED = " (Pflicht)"
MAP_FORBIDDEN = ("Nicht zuordenbar, weil der Spaltenname auf personenbezogene Daten zeigt oder zu lang ist (bitte "
                 "aus der Datei löschen oder umbenennen): {columns}")
MAP_SAVE = "Zuordnung speichern"
MAP_SAVED = "Zuordnung gespeichert. Sie gilt ab jetzt für alle Dateien mit diesen Spalten."
MAP_VALUES_BUTTON = "Werte zuordnen: {file}"
MAP_VALUES_TITLE = "Werte zuordnen"
MAP_VALUES_HELP = ("Ihre Datei verwendet eigene Bezeichnungen, wo das Datenformat feste Codes erwartet (auch beim "
                   "Ortsteil: die Codes der Ortsteil-Liste). Welcher Code ist jeweils gemeint? Die Zuordnung wird "
                   "gespeichert und gilt ab jetzt für alle Dateien dieser Datenart.")
MAP_VALUES_MORE = ("{count} weitere eigene Werte werden hier nicht angeboten. So viele Werte, die kein Code sind, "
                   "deuten auf eine falsch zugeordnete Spalte hin: bitte die Spaltenzuordnung prüfen.")
MAP_VALUE_PLACEHOLDER = "Code wählen"
MAP_VALUE_LABEL = "„{value}“ in Spalte „{column}“ bedeutet"
MAP_VALUES_SAVED = "{count} Wert(e) zugeordnet. Sie gelten ab jetzt für alle Dateien dieser Datenart."
MAPPINGS_TITLE = "Gespeicherte Zuordnungen"
MAPPINGS_HELP = ("Spalten- und Wertzuordnungen, die beim Hochladen gespeichert wurden. Eine gelöschte Zuordnung gilt "
                 "nicht mehr.")
MAPPINGS_EMPTY = "Noch keine Zuordnungen gespeichert."
MAPPINGS_KIND_COLUMNS = "Spalten"
MAPPINGS_COLUMNS = {"what": "Art", "kind": "Datenart", "mapping": "Zuordnung", "created_by": "von",
                    "created_at": "Zeitpunkt"}
MAPPINGS_CHOOSE = "Zuordnung"
MAPPINGS_FORGET = "Zuordnung löschen"
MAPPINGS_FORGOTTEN = "Zuordnung gelöscht."
UNDO_TITLE = "Import rückgängig machen"
UNDO_HELP = ("Entfernt alle Zeilen, die der Import hinzugefügt hat, und stellt Zeilen, die er geändert oder entfernt "
             "hat, wieder her. "
             "Ein späterer Import, der dieselben Zeilen geändert hat, muss zuerst rückgängig gemacht werden.")
UNDO_CHOOSE = "Import"
UNDO_OPTION = "Nr. {no} · {file} · {when} {time}"
UNDO_SURE = "Ich will diesen Import vollständig rückgängig machen."
UNDO_BUTTON = "Rückgängig machen"
UNDO_DONE = "Import Nr. {no} ({file}) rückgängig gemacht: {removed} Zeilen entfernt, {restored} wiederhergestellt."
