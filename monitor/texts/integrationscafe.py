"""German texts of the page Integrationscafé (pages/integrationscafe.py, monitor.views.integrationscafe)."""

TITLE = "Integrationscafé"
INTRO = ("Das Integrationscafé: wie viele der geplanten Termine stattgefunden haben, wie viele Gäste kamen, wie "
         "viele zum ersten Mal, der Anteil der Frauen, wie viele Kinder mitkamen und wie viele Ehrenamtliche "
         "mithalfen. Gezählt wird je Termin, ohne Namen.")
TREND_SESSIONS = "Termine: geplant und stattgefunden"
TREND_SESSIONS_LABELS = ("Geplant", "Stattgefunden")
TREND_ATTENDANCE = "Gäste, Ehrenamtliche und Kinder je Termin"
TREND_ATTENDANCE_LABELS = ("Gäste je Termin", "Ehrenamtliche je Termin", "Kinder je Termin")
TREND_FIRST_TIME = "Erstbesuche"
