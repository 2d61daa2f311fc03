"""German texts of the page Netzwerk (pages/netzwerk.py, monitor.views.netzwerk)."""

TITLE = "Netzwerk"
INTRO = ("Die Partnerinstitutionen des Integrationsnetzwerks am Stichtag, davon die mit schriftlicher "
         "Kooperationsvereinbarung, die Netzwerktreffen und Fallkonferenzen im Zeitraum und die Vermittlungen der "
         "Integrationsbeauftragten an Partner.")
TREND_PARTNERS = "Partner und Vereinbarungen am Stichtag"
TREND_PARTNERS_LABELS = ("Aktive Partner", "Mit schriftlicher Vereinbarung")
TREND_MEETINGS = "Netzwerktreffen und Fallkonferenzen"
TREND_MEETINGS_LABELS = ("Netzwerktreffen", "Fallkonferenzen")
TREND_REFERRALS = "Vermittlungen an Partner im Zeitraum"
TREND_REFERRALS_LABELS = ("Vermittlungen",)
# The referral flow (views.netzwerk.referral_flow): from the integration officers to the partners.
FLOW_TITLE = "Vermittlungen an Partner"
FLOW_SOURCE = "Integrationsbeauftragte"
FLOW_ALT = "Flussdiagramm: Vermittlungen der Integrationsbeauftragten an Partner, je Partner"
FLOW_FILE = "vermittlungen-an-partner"
