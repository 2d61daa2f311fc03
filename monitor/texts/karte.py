"""German texts of the page Karte (pages/karte.py, monitor.views.karte, monitor.maps)."""

TITLE = "Karte"
INTRO = ("Wo die Fälle der Integrationsbeauftragten zu Hause sind: die aktiven Fälle am Stichtag und die neuen Fälle "
         "im Zeitraum je Ortsteil, und wo die Maßnahmen des Konzepts stattfinden. Nur Summen: kein Fall erscheint "
         "einzeln, und für den Rat und die Öffentlichkeit nur die geprüften Zahlen.")
TREND_DISTRICTS = "Aktive Fälle je Ortsteil am Stichtag"

# The figure the map shows (views.karte.MEASURES: the breakdown's name -> its label).
MEASURE_LABEL = "Auf der Karte"
MEASURES = {"active_district": "Aktive Fälle am Stichtag", "opened_district": "Neue Fälle im Zeitraum"}
COLUMNS = {"active_district": "Aktiv am Stichtag", "opened_district": "Neu im Zeitraum"}  # the table beside the map

MAP_ALT = ("Karte: {gemeinde} mit ihrer Grenze und den Nachbargemeinden des Landkreises; je Ortsteil ein "
           "Kreis, dessen Fläche der Zahl „{measure}“ entspricht, und die Orte der Maßnahmen. Die Zahlen stehen in der "
           "Tabelle neben der Karte.")
TABLE_NAME = "Fälle je Ortsteil, {period}"
COL_DISTRICT = "Ortsteil"
COL_LOCATION = "Lage"
MERGED = "in „Weitere“"  # an Ortsteil counted in the merged row
OTHER_ROW = "Weitere Ortsteile ({names})"
NO_DISTRICT_ROW = "ohne Angabe des Ortsteils"
TOTAL_ROW = "Zusammen"
NOT_ON_MAP = "nicht auf der Karte (keine Lage hinterlegt)"
NO_NOTE = "ohne Angabe"
TOOLTIP = "{name}: {value} · {measure}"
TOOLTIP_MERGED = "{name}: zusammengefasst unter „Weitere Ortsteile“ ({value}) · {measure}"
TOOLTIP_PLACE = "{kind}: {name} · {location}"

PLACES_TITLE = "Orte der Maßnahmen"
PLACE_KINDS = {"kursort": "Kursort", "cafe": "Integrationscafé", "partner": "Partner-Dienststelle"}
PLACE_SYMBOLS = {"kursort": "K", "cafe": "C", "partner": "P"}  # drawn on the map, explained in the table
COL_SYMBOL = "Zeichen"
COL_PLACE_KIND = "Art"
COL_PLACE = "Ort"
COL_SOURCE = "Quelle"
PLACE_ORTSTEIL = "Ortsteil {name}"
PLACE_GEMEINDE = "{name} (Mittelpunkt der Gemeinde)"
PLACE_BUILDING = "Lage eines öffentlichen Gebäudes"

ATTRIBUTION = ("Grenzen: © GeoBasis-DE / BKG (Daten verändert), Datenlizenz Deutschland – Namensnennung – 2.0. "
               "Mittelpunkte der Gemeinden: © Statistisches Bundesamt (Destatis), Datenlizenz Deutschland – "
               "Namensnennung – 2.0.")
POSITIONS_NOTE = ("Die Ortsteile sind als Punkte eingezeichnet, nicht als Flächen: amtliche Grenzen der Ortsteile "
                  "liegen nicht vor. Lage der Punkte – {notes}. Quelle der Ortsteil-Liste: {source}.")
SUPPRESSED_MAP = ("„•“: nicht ausgewiesen (weniger als 5 Personen oder zum Schutz anderer Zahlen). Ortsteile, die "
                  "nie 10 Fälle erreichen, sind unter „Weitere Ortsteile“ zusammengefasst; die Karte zeigt für sie "
                  "keinen Kreis.")
NO_BOUNDARY = ("Für diese Gemeinde liegt keine Grenze vor; die Karte kann nicht gezeichnet werden. Die Zahlen "
               "stehen in der Tabelle.")
NO_DISTRICTS = ("Für diese Gemeinde wird keine Ortsteil-Liste geführt: Fälle lassen sich keinem Ortsteil zuordnen. "
                "Die Karte zeigt die Grenze und die Orte der Maßnahmen.")
NOT_PUBLISHED = ("Die Fälle je Ortsteil sind für diesen Zeitraum nicht ausgewiesen: fast alle Fälle liegen in einem "
                 "Ortsteil oder es sind zu wenige.")
