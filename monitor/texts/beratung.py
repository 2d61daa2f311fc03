"""German texts of the page Beratung (pages/beratung.py, monitor.views.beratung)."""

TITLE = "Beratung"
INTRO = ("Die Fallarbeit der Integrationsbeauftragten: offene Fälle je Zielgruppe, neue und abgeschlossene Fälle, "
         "die abgeschlossenen je Abschlussgrund und wie lange ein Fall bis zum Abschluss offen war, die "
         "Fälle je Vollzeitstelle mit der Stellenausstattung über die Jahre, Beratungskontakte je Fall, je "
         "Kontaktart und je Beauftragter, die Themen der Beratung und wie sie sich verändern, Vermittlungen an "
         "Netzwerkpartner mit Rückmeldung, der Erwerbsstatus bei Abschluss, erreichte Ziele und wie viele Frauen "
         "von einer Frau beraten wurden.")
TREND_CASES = "Aktive, neue und abgeschlossene Fälle"
TREND_CASES_LABELS = ("Aktiv am Stichtag", "Neu im Zeitraum", "Abgeschlossen im Zeitraum")
TREND_CLOSURE_DAYS = "Dauer bis zum Abschluss (Median in Tagen)"
TREND_CLOSURE_DAYS_LABELS = ("Tage von der Aufnahme bis zum Abschluss",)
TREND_FTE = "Stellenausstattung (mittlere Vollzeitstellen)"
TREND_FTE_LABELS = ("Vollzeitstellen",)
TREND_CASELOAD = "Fälle je Vollzeitstelle"
TREND_CONTACTS = "Kontakte je betreutem Fall"
TREND_TOPICS = "Anteil der Themen an den Kontakten (häufigste Themen)"
TREND_TOPICS_COUNTS = "Kontakte je Thema (häufigste Themen)"
TREND_REFERRALS = "Vermittlungen und Rückmeldungen"
