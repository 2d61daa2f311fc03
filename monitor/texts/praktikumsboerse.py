"""German texts of the page Praktikumsbörse (pages/praktikumsboerse.py, monitor.views.praktikumsboerse)."""

TITLE = "Praktikumsbörse"
INTRO = ("Praktikumsplätze, die Betriebe über die Praktikumsbörse anbieten, ihre Vermittlung an Teilnehmende, "
         "abgeschlossene Praktika und was danach kam: ein Übergang in Ausbildung oder Arbeit, der spätestens sechs "
         "Monate nach dem Praktikum beginnt.")
TREND_PLACES = "Plätze, Praktika und Übergänge"
TREND_PLACES_LABELS = ("Angeboten", "Vermittelt", "Abgeschlossen", "Übergang in Ausbildung oder Arbeit")
TREND_MONTHS = "Monate vom Ende des Praktikums bis zum Übergang (Median)"
TREND_MONTHS_LABELS = ("Monate bis zum Übergang",)
