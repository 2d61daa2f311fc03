"""German texts of the page Sprachkurse (pages/sprachkurse.py, monitor.views.sprachkurse)."""

TITLE = "Sprachkurse"
INTRO = ("Der Weg in die Sprachkurse: von der Berechtigung oder Verpflichtung über den Kursbeginn und das reguläre "
         "Kursende bis zum Deutsch-Test für Zuwanderer (DTZ), die Wartezeit bis zum Kursbeginn gegen die Norm von "
         "sechs Wochen, das Zertifikat Integrationskurs, der Wechsel in einen Berufssprachkurs und das Kursangebot "
         "der Träger.")
TREND_ACCESS = "Berechtigte und Kursbeginne"
TREND_ACCESS_LABELS = ("Berechtigt oder verpflichtet", "Davon mit Kursbeginn")
TREND_WAIT = "Wartezeit bis Kursbeginn in Tagen (Median, Norm: 42 Tage)"
TREND_WAIT_LABELS = ("Wartezeit (Median)",)
TREND_SUPPLY = "Kursangebot: begonnene Kurse"
TREND_SUPPLY_LABELS = ("Kurse",)
# The funnel (views.sprachkurse.funnel): the stages of the period, each from its own KPI.
FUNNEL_TITLE = "Vom Kursbedarf zum Deutsch-Test"
FUNNEL_NOTE = ("Jede Stufe zählt die Personen des gewählten Zeitraums für sich: Berechtigungen und Kursbeginne nach "
               "dem Datum der Berechtigung, Kursenden und DTZ-Ergebnisse nach dem Kursende (DTZ: nur der erste "
               "Versuch). Die Stufen stammen darum nicht aus einer Jahrgangsgruppe und können nach unten auch "
               "wachsen.")
FUNNEL_STAGES = ("Berechtigt oder verpflichtet", "Kurs begonnen", "Kurs regulär beendet", "DTZ abgelegt",
                 "DTZ: B1", "DTZ: A2", "DTZ: unter A2")
FUNNEL_ALT = "Trichterdiagramm der Kursstufen im Zeitraum: {stages}"
FUNNEL_FILE = "sprachkurse-trichter"
FUNNEL_NONE = "Für diesen Zeitraum ist keine Stufe ausgewiesen."
# The funnel by course type (views.sprachkurse.by_type): per course type, its stages side by side.
TYPE_TITLE = "Nach Kursart"
TYPE_STAGES = ("Kurs begonnen", "Kurs beendet (regulär oder Abbruch)", "DTZ abgelegt (Erstversuch)")
TYPE_ALT = "Balkendiagramm der Kursstufen im Zeitraum je Kursart: {types}"
TYPE_FILE = "sprachkurse-nach-kursart"
