"""German texts of the KPIs, keyed by the registry's ids (monitor.registry): name, definition, explanation line
and the names of the published parts. Explanation templates take the parts' formatted values by part name,
and ``end`` (the reference day)."""

from monitor import codes
from monitor.texts import ui

NAMES = {
    "K1": "Aktive Fälle",
    "K2": "Fälle je Vollzeitstelle",
    "K3": "Kontaktintensität",
    "K4": "Themenprofil",
    "K5": "Vermittlungen",
    "K6": "Kurszugang",
    "K7": "Wartezeit bis Kursbeginn",
    "K8": "Kursabschlussquote",
    "K9": "DTZ-B1-Quote",
    "K10": "Zertifikat Integrationskurs",
    "K11": "Übergang in Berufssprachkurse",
    "K11a": "Kursangebot",
    "K12": "Vermittelte Praktika",
    "K13": "Arbeitsmarkt bei Abschluss",
    "K14": "Zielerreichung",
    "K15": "Integrationscafé",
    "K16": "Aktive Netzwerkpartner",
    "K17": "Fälle je Ortsteil",
    "K18": "Frauen von Frauen beraten",
}

# Shown next to each figure: what exactly is counted.
DEFINITIONS = {
    "K1": ("Fälle, die am Stichtag (Ende des Zeitraums) offen sind: aufgenommen und noch nicht abgeschlossen. Dazu "
           "die im Zeitraum neuen und abgeschlossenen Fälle, die abgeschlossenen je Abschlussgrund und die Dauer bis "
           "zum Abschluss: der Median der Tage von der Aufnahme bis zum Abschluss über die im Zeitraum "
           "abgeschlossenen Fälle."),
    "K2": ("Im Zeitraum betreute Fälle (an mindestens einem Tag offen), geteilt durch die mittleren "
           "Vollzeitstellen der Integrationsbeauftragten. Richtwert aus der Migrationsberatung: etwa 150 Fälle "
           "je Vollzeitstelle und Jahr."),
    "K3": ("Beratungskontakte im Zeitraum je im Zeitraum betreutem Fall (an mindestens einem Tag offen, wie bei den "
           "Fällen je Vollzeitstelle). Jeder Kontakt des Zeitraums zählt, auch einer, dessen Fall nicht in der "
           "Fall-Datei steht. Dazu die Kontakte je Kontaktart und je Integrationsbeauftragter (Kürzel) und die "
           "mittlere Dauer in Minuten über die Kontakte, deren Dauer angegeben ist."),
    "K4": ("Beratungskontakte im Zeitraum und je Thema die Kontakte, die es nennen. Ein Kontakt mit mehreren Themen "
           "zählt bei jedem davon, darum ergeben die Themen zusammen mehr als die Kontakte; Kontakte ohne Thema "
           "werden eigens gezählt. Der Anteil eines Themas ist seine Zahl geteilt durch die Kontakte, seine "
           "Entwicklung über die Jahre ergibt sich aus den Zahlen der einzelnen Jahre."),
    "K5": ("Beratungskontakte im Zeitraum mit einer Vermittlung an einen Netzwerkpartner („vermittlung_an“ "
           "ausgefüllt), je Partner; davon der Anteil, zu dem eine Rückmeldung des Partners eingegangen ist (ein "
           "leeres Feld zählt als keine Rückmeldung)."),
    "K6": ("Von den Personen, deren Berechtigung oder Verpflichtung zu einem Kurs im Zeitraum ausgesprochen wurde, "
           "der Anteil, der einen Kurs begonnen hat (auch später als im Zeitraum). Kursbedarf ohne Berechtigung "
           "zählt nicht mit."),
    "K7": ("Mittlere Wartezeit (Median) in Tagen von der Berechtigung (oder, falls unbekannt, der Anmeldung) bis "
           "zum Kursbeginn, über die im Zeitraum begonnenen Kurse; dazu der Anteil, der binnen der Norm von sechs "
           "Wochen (42 Tagen) begann."),
    "K8": ("Von den Kursteilnahmen, die im Zeitraum endeten (regulär oder durch Abbruch), der Anteil der "
           "regulär beendeten."),
    "K9": ("Anteil mit Ergebnis B1 unter allen, die den Deutsch-Test für Zuwanderer (DTZ) im ersten Versuch "
           "abgelegt haben und deren Kursteilnahme im Zeitraum endete; je Person zählt nur ein erster Versuch. "
           "Nie bezogen auf alle Kursteilnehmenden."),
    "K10": ("Von allen, deren Kursteilnahme im Zeitraum endete und die den DTZ abgelegt haben (B1, A2 oder unter "
            "A2, jeder Versuch) und deren Ergebnis im Test „Leben in Deutschland“ bekannt ist, der Anteil mit B1 "
            "und bestandenem Test „Leben in Deutschland“: das Zertifikat Integrationskurs."),
    "K11": ("Von den Personen, die im Zeitraum einen Integrationskurs regulär beendet haben, der Anteil, der danach "
            "in einen Berufssprachkurs (DeuFöV) gewechselt ist. Berufssprachkurse und örtliche Angebote sind keine "
            "Integrationskurse; eine Teilnahme, deren Kurs nicht in der Kursdatei steht, zählt nicht mit."),
    "K11a": ("Kurse, die im Zeitraum begonnen haben, mit ihren Plätzen und Unterrichtseinheiten (UE), je "
             "Kursträger. Ein Kurs ohne Angabe des Trägers zählt nur in den Summen."),
    "K12": ("Im Zeitraum vermittelte Plätze der Praktikumsbörse; dazu die angebotenen Plätze und die "
            "abgeschlossenen Praktika (alle drei auch je Branche) und davon die Übergänge in Ausbildung oder Arbeit, "
            "die spätestens sechs Kalendermonate nach dem Ende des Praktikums beginnen. Wie lange es bis zum Übergang "
            "dauert: der Median der ganzen Kalendermonate vom Ende des Praktikums bis zum Beginn des Anschlusses "
            "über diese Übergänge (ein Anschluss, der vor dem Ende des Praktikums begann, zählt 0 Monate)."),
    "K13": ("Von den erwerbsfähigen Fällen, die im Zeitraum abgeschlossen wurden, der Anteil, der beim Abschluss "
            "sozialversicherungspflichtig beschäftigt, in Ausbildung oder selbstständig ist. Fälle ohne Angabe zum "
            "Erwerbsstatus bleiben im Nenner und werden in der Aufteilung nach Erwerbsstatus eigens gezählt; Fälle "
            "ohne Angabe zur Erwerbsfähigkeit zählen nicht mit."),
    "K14": ("Von den im Zeitraum abgeschlossenen Fällen mit vereinbarten Zielen (mindestens eines): die ganz oder "
            "teilweise erreichten Ziele geteilt durch die vereinbarten Ziele, summiert über diese Fälle; dazu der "
            "Anteil der ganz erreichten. Ziele betreffen Personen: für den Rat und öffentlich erscheinen die "
            "Anteile nur, wo mindestens 5 Fälle mit Zielen dahinterstehen, die Summen der Ziele gar nicht."),
    "K15": ("Anteil der geplanten Termine des Integrationscafés im Zeitraum, die stattgefunden haben, auch je "
            "Kalenderwoche (nach ISO 8601: die erste Woche eines Jahres kann mit Tagen im Dezember beginnen). "
            "Gäste, Ehrenamtliche und mitgebrachte Kinder je Termin im Mittel über die stattgefundenen Termine, "
            "deren Zahl angegeben ist."),
    "K16": "Partnerinstitutionen, die am Stichtag im Netzwerk aktiv sind, je Art des Partners und je Ebene.",
    "K17": ("Die aktiven Fälle am Stichtag und die im Zeitraum neuen und abgeschlossenen Fälle (wie bei den aktiven "
            "Fällen) je Ortsteil der Gemeinde, nach dem Ortsteil des Falls; Fälle ohne Angabe des Ortsteils eigens. "
            "Nur als Summen: kein Fall erscheint einzeln auf der Karte."),
    "K18": ("Frauen mit mindestens einem Beratungskontakt im Zeitraum; davon der Anteil mit mindestens einem "
            "Kontakt bei einer Integrationsbeauftragten (Frau) – das Argument des Konzepts für die Besetzung mit "
            "einer Frau und einem Mann. Gezählt wird aus den Kontakten, wer beraten hat: wechselt die Zuständigkeit "
            "für einen Fall, ändert das die Vergangenheit nicht."),
}

# One line under each tile, with the period's further figures (already formatted), by part name.
EXPLANATIONS = {
    "K1": "Stand {end} · im Zeitraum {opened} neu, {closed} abgeschlossen",
    "K2": "{handled} betreute Fälle auf {fte} Vollzeitstellen · Richtwert 150 je Jahr",
    "K3": "{contacts} Kontakte bei {handled} betreuten Fällen · im Mittel {mean_duration} Minuten",
    "K4": "Kontakte im Zeitraum · ohne Thema: {no_topic}",
    "K5": "Rückmeldung des Partners zu {feedback_share}",
    "K6": "{started} von {entitled} Berechtigten haben einen Kurs begonnen",
    "K7": "über {starts} Kursbeginne · binnen sechs Wochen: {within_norm_share}",
    "K8": "von {ended} beendeten Kursteilnahmen · Abbruch {dropout_share}",
    "K9": "von {takers} Erstversuchen im DTZ · mindestens A2: {at_least_a2_share}",
    "K10": "von {takers} Prüfungsteilnahmen",
    "K11": "von {graduates} Absolventinnen und Absolventen eines Integrationskurses",
    "K11a": "{places} Plätze · {lessons} Unterrichtseinheiten",
    "K12": "{offered} angeboten, {completed} abgeschlossen, {transitions} in Ausbildung oder Arbeit",
    "K13": "von {closed} erwerbsfähigen abgeschlossenen Fällen",
    "K14": "über {cases} abgeschlossene Fälle mit Zielen · ganz erreicht: {fully_reached_share}",
    "K15": "{held_share} der geplanten Termine · im Mittel {mean_attendance} Gäste, Frauenanteil {women_share}",
    "K16": ("Stand {end} · Netzwerktreffen: {meetings}, Fallkonferenzen: {case_conferences}, "
            "Vereinbarungen: {agreements}"),
    "K17": "Stand {end} · im Zeitraum {opened} neu, {closed} abgeschlossen",
    "K18": "von {women_clients} beratenen Frauen",
}
# The headline as a tile and a page's card print it, where a bare figure would say less, by part name (formatted);
# the KPI's change and its target stay those of the headline part itself.
HEADLINES = {
    "K15": "{held} von {planned} Terminen",
}
# The explanation when the headline cannot be computed for a reason of its own (instead of the line above).
NO_VALUE = {
    "K18": "Im Zeitraum war keine Integrationsbeauftragte (Frau) im Dienst.",
}

# Names of the published parts (command line, docs/kennzahlen.md), by KPI and part.
PARTS = {
    "K1": {"active": "aktive Fälle am Stichtag", "opened": "neue Fälle im Zeitraum",
           "closed": "abgeschlossene Fälle im Zeitraum", "active_*": "aktive Fälle am Stichtag je Zielgruppe",
           "opened_target_group_*": "neue Fälle im Zeitraum je Zielgruppe",
           "closed_target_group_*": "abgeschlossene Fälle im Zeitraum je Zielgruppe",
           "closed_reason_*": "abgeschlossene Fälle im Zeitraum je Abschlussgrund",
           "median_days_to_closure": "Tage von der Aufnahme bis zum Abschluss (Median)"},
    "K2": {"per_fte": "betreute Fälle je Vollzeitstelle", "handled": "im Zeitraum betreute Fälle",
           "fte": "mittlere Vollzeitstellen"},
    "K3": {"contacts_per_case": "Kontakte je betreutem Fall", "contacts": "Kontakte im Zeitraum",
           "handled": "im Zeitraum betreute Fälle", "timed": "Kontakte mit Angabe der Dauer",
           "mean_duration": "mittlere Dauer in Minuten (über die Kontakte mit Angabe der Dauer)",
           "contacts_type_*": "Kontakte je Kontaktart", "contacts_officer_*": "Kontakte je Beauftragter (Kürzel)"},
    "K4": {"contacts": "Kontakte im Zeitraum", "no_topic": "Kontakte ohne Thema",
           "contacts_topic_*": "Kontakte je Thema"},
    "K5": {"referrals": "Vermittlungen im Zeitraum", "feedback_share": "Anteil mit Rückmeldung",
           "feedback": "davon mit Rückmeldung", "no_feedback": "davon ohne Rückmeldung",
           "referrals_partner_*": "Vermittlungen je Partner (partner_id)"},
    "K6": {"access_share": "Anteil mit Kursbeginn", "entitled": "Berechtigte und Verpflichtete",
           "started": "Berechtigte mit Kursbeginn", "not_started": "Berechtigte ohne Kursbeginn",
           "started_course_type_*": "mit Kursbeginn je Kursart"},
    "K7": {"median_days": "Wartezeit in Tagen (Median)", "starts": "Kursbeginne mit Datum der Berechtigung",
           "within_norm_share": "Anteil binnen sechs Wochen", "within_norm": "davon binnen sechs Wochen",
           "over_norm": "davon später"},
    "K8": {"completion_share": "Anteil regulär beendet", "dropout_share": "Anteil abgebrochen",
           "ended": "beendete Kursteilnahmen", "completed": "regulär beendete Kursteilnahmen",
           "dropped": "abgebrochene Kursteilnahmen", "ended_course_type_*": "beendete Kursteilnahmen je Kursart"},
    "K9": {"b1_share": "Anteil B1", "at_least_a2_share": "Anteil mindestens A2",
           "takers": "Erstversuche im DTZ", "b1": "Ergebnis B1", "a2": "Ergebnis A2", "below_a2": "Ergebnis unter A2",
           "at_least_a2": "Ergebnis mindestens A2", "takers_course_type_*": "Erstversuche im DTZ je Kursart"},
    "K10": {"certificate_share": "Anteil mit Zertifikat", "takers": "Prüfungsteilnahmen",
            "certified": "davon mit Zertifikat", "not_certified": "davon ohne Zertifikat"},
    "K11": {"transition_share": "Anteil mit Wechsel in einen Berufssprachkurs",
            "graduates": "regulär beendete Integrationskurse", "went_on": "davon mit Berufssprachkurs",
            "stayed": "davon ohne Berufssprachkurs"},
    "K11a": {"courses": "begonnene Kurse", "places": "Plätze", "lessons": "Unterrichtseinheiten",
             "courses_provider_*": "Kurse je Träger (partner_id)", "places_provider_*": "Plätze je Träger",
             "lessons_provider_*": "Unterrichtseinheiten je Träger"},
    "K12": {"placed": "vermittelte Plätze", "offered": "angebotene Plätze", "completed": "abgeschlossene Praktika",
            "transitions": "Übergänge in Ausbildung oder Arbeit binnen sechs Monaten",
            "no_transition": "abgeschlossene Praktika ohne solchen Übergang",
            "transition_share": "Anteil mit Übergang",
            "months_to_transition": "Monate bis zum Übergang (Median)",
            "offered_sector_*": "angebotene Plätze je Branche", "placed_sector_*": "vermittelte Plätze je Branche",
            "completed_sector_*": "abgeschlossene Praktika je Branche"},
    "K13": {"integrated_share": "Anteil in Beschäftigung, Ausbildung oder Selbstständigkeit",
            "closed": "erwerbsfähige abgeschlossene Fälle",
            "integrated": "davon in Beschäftigung, Ausbildung oder Selbstständigkeit",
            "not_integrated": "davon mit anderem oder ohne Erwerbsstatus",
            "integrated_status_*": "in Beschäftigung, Ausbildung oder Selbstständigkeit je Erwerbsstatus",
            "not_integrated_status_*": "mit anderem oder ohne Erwerbsstatus je Erwerbsstatus"},
    "K14": {"reached_share": "Anteil ganz oder teilweise erreichter Ziele",
            "fully_reached_share": "Anteil ganz erreichter Ziele", "cases": "abgeschlossene Fälle mit Zielen"},
    "K15": {"held_share": "Anteil stattgefundener Termine", "planned": "geplante Termine",
            "held": "stattgefundene Termine", "cancelled": "ausgefallene Termine",
            "mean_attendance": "Gäste je Termin im Mittel (über die Termine mit Gästezahl)",
            "attendees": "Gäste (Summe über die Termine)", "counted": "stattgefundene Termine mit Gästezahl",
            "volunteers_counted": "stattgefundene Termine mit Zahl der Ehrenamtlichen",
            "first_time": "Erstbesuche", "women_share": "Frauenanteil der Gäste", "women": "Frauen (Summe)",
            "attendees_with_gender": "Gäste mit Angabe zu Frauen (Summe)",
            "mean_volunteers": "Ehrenamtliche je Termin im Mittel", "volunteers": "Ehrenamtliche (Summe)",
            "mean_children": "mitgebrachte Kinder je Termin im Mittel (über die Termine mit Kinderzahl)",
            "children": "mitgebrachte Kinder (Summe)", "children_counted": "stattgefundene Termine mit Kinderzahl",
            "planned_week_*": "geplante Termine je Kalenderwoche",
            "held_week_*": "stattgefundene Termine je Kalenderwoche"},
    "K16": {"partners": "aktive Partner am Stichtag", "meetings": "Netzwerktreffen im Zeitraum",
            "case_conferences": "Fallkonferenzen im Zeitraum", "agreements": "Partner mit schriftlicher Vereinbarung",
            "partners_partner_type_*": "aktive Partner am Stichtag je Art des Partners",
            "partners_level_*": "aktive Partner am Stichtag je Ebene"},
    "K17": {"active": "aktive Fälle am Stichtag", "opened": "neue Fälle im Zeitraum",
            "closed": "abgeschlossene Fälle im Zeitraum", "active_district_*": "aktive Fälle am Stichtag je Ortsteil",
            "opened_district_*": "neue Fälle im Zeitraum je Ortsteil",
            "closed_district_*": "abgeschlossene Fälle im Zeitraum je Ortsteil"},
    "K18": {"by_woman_share": "Anteil mit Kontakt bei einer Beauftragten", "women_clients": "beratene Frauen",
            "by_woman_officer": "davon mit Kontakt bei einer Beauftragten",
            "not_by_woman_officer": "davon ohne Kontakt bei einer Beauftragten"},
}

UNITS = {"count": "Anzahl", "ratio": "Anteil (Prozent)", "per_fte": "Fälle je Vollzeitstelle", "mean": "Mittelwert",
         "days": "Tage"}

# The category into which a breakdown's small categories are merged.
OTHER = "Weitere"

# German names of the codes of a breakdown's fixed code list (docs/kennzahlen.md and the views).
CONTACT_TYPES = {"sprechstunde": "Sprechstunde", "telefon": "Telefon", "digital": "digital", "begleitung": "Begleitung",
                 "hausbesuch": "Hausbesuch", "gruppe": "Gruppe", "fallkonferenz": "Fallkonferenz"}
TOPICS = {"aufenthalt": "Aufenthalt", "familiennachzug": "Familiennachzug", "sprache_kurs": "Sprache und Kurse",
          "arbeit_ausbildung": "Arbeit und Ausbildung", "anerkennung": "Anerkennung von Abschlüssen",
          "existenzsicherung": "Existenzsicherung", "wohnen": "Wohnen", "schule_kita": "Schule und Kita",
          "gesundheit": "Gesundheit", "behoerdenpost": "Behördenpost", "finanzen_schulden": "Finanzen und Schulden",
          "mobilitaet": "Mobilität", "teilhabe_ehrenamt": "Teilhabe und Ehrenamt",
          "diskriminierung": "Diskriminierung", "psychosozial": "psychosoziale Fragen"}
EMPLOYMENT_STATUS = {"sv_beschaeftigung": "sozialversicherungspflichtig beschäftigt", "ausbildung": "in Ausbildung",
                     "selbststaendig": "selbstständig", "geringfuegig": "geringfügig beschäftigt",
                     "arbeitsuchend": "arbeitsuchend", "schule_studium": "Schule oder Studium",
                     "nicht_erwerbstaetig": "nicht erwerbstätig", codes.NO_EMPLOYMENT_STATUS: "ohne Angabe"}
CLOSURE_REASONS = {"ziel_erreicht": "Ziel erreicht", "weitervermittelt": "weitervermittelt", "wegzug": "Wegzug",
                   "kontaktabbruch": "Kontaktabbruch", "einbuergerung": "Einbürgerung", "sonstiges": "sonstiger Grund"}

COURSE_TYPES = {"allgemein": "allgemeiner Integrationskurs", "alphabetisierung": "Alphabetisierungskurs",
                "zweitschriftlerner": "Kurs für Zweitschriftlernende", "foerder": "Förderkurs",
                "intensiv": "Intensivkurs", "jugend": "Jugendintegrationskurs", "eltern": "Elternintegrationskurs",
                "frauen": "Frauenintegrationskurs", "bsk_basis_b2": "Berufssprachkurs Basis B2",
                "bsk_basis_c1": "Berufssprachkurs Basis C1", "bsk_spezial_a2": "Berufssprachkurs Spezial A2",
                "bsk_spezial_b1": "Berufssprachkurs Spezial B1", "lokal_sprachtreff": "örtlicher Sprachtreff",
                "lokal_mit_kinderbetreuung": "örtlicher Kurs mit Kinderbetreuung",
                codes.NO_COURSE_TYPE: "Kurs nicht bekannt"}

CODE_LABELS: dict[tuple[str, ...], dict[str, str]] = {
    codes.TARGET_GROUPS: ui.TARGET_GROUPS,
    codes.CONTACT_TYPES: CONTACT_TYPES,
    codes.TOPICS: TOPICS,
    codes.EMPLOYMENT_COUNTED: EMPLOYMENT_STATUS,
    codes.EMPLOYMENT_OTHER: EMPLOYMENT_STATUS,
    codes.COURSE_TYPE_CATEGORIES: COURSE_TYPES,
    codes.SECTORS: ui.SECTORS,
    codes.PARTNER_TYPES: ui.PARTNER_TYPES,
    codes.PARTNER_LEVELS: ui.PARTNER_LEVELS,
    codes.CLOSURE_REASONS: CLOSURE_REASONS,
}


def code_label(code_list: tuple[str, ...] | None, code: str) -> str:
    """A category's German name: from its code list's names, else the code itself (officer codes, Ortsteile)."""
    return CODE_LABELS.get(code_list, {}).get(code, code) if code_list is not None else code
