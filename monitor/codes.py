"""Code lists of the data contract (docs/kennzahlen.md). Codes are data: German, lower case, stable."""

TARGET_GROUPS = (
    "asylverfahren",
    "geduldet",
    "schutz_anerkannt",
    "eu_arbeitnehmer",
    "drittstaat_sonstig",
    "spaetaussiedler",
    "deutsch_mit_migrationshintergrund",
)
RESIDENCE_STATUS = (
    "gestattung",
    "duldung",
    "aufenthaltserlaubnis_humanitaer",
    "aufenthaltserlaubnis_sonstig",
    "niederlassungserlaubnis",
    "freizuegigkeit_eu",
    "deutsch",
)
GENDERS = ("w", "m", "d", "k")  # weiblich, männlich, divers, keine Angabe
OFFICER_GENDERS = ("w", "m", "d")
AGE_BANDS = ("unter_18", "18_26", "27_44", "45_64", "65_plus")
ORIGIN_REGIONS = (
    "ukraine",
    "syrien",
    "afghanistan",
    "irak",
    "iran",
    "eritrea",
    "somalia",
    "tuerkei",
    "westbalkan",
    "russland_zentralasien",
    "eu_osteuropa",
    "eu_sonstige",
    "afrika_sonstige",
    "asien_sonstige",
    "sonstige",
)
TOPICS = (
    "aufenthalt",
    "familiennachzug",
    "sprache_kurs",
    "arbeit_ausbildung",
    "anerkennung",
    "existenzsicherung",
    "wohnen",
    "schule_kita",
    "gesundheit",
    "behoerdenpost",
    "finanzen_schulden",
    "mobilitaet",
    "teilhabe_ehrenamt",
    "diskriminierung",
    "psychosozial",
)
CONTACT_TYPES = ("sprechstunde", "telefon", "digital", "begleitung", "hausbesuch", "gruppe", "fallkonferenz")
CLOSURE_REASONS = ("ziel_erreicht", "weitervermittelt", "wegzug", "kontaktabbruch", "einbuergerung", "sonstiges")
EMPLOYMENT_STATUS = (
    "sv_beschaeftigung",
    "ausbildung",
    "selbststaendig",
    "geringfuegig",
    "arbeitsuchend",
    "schule_studium",
    "nicht_erwerbstaetig",
)
# K13: employment that counts as labour-market integration at closure.
EMPLOYMENT_COUNTED = ("sv_beschaeftigung", "ausbildung", "selbststaendig")
EMPLOYMENT_NOT_COUNTED = tuple(c for c in EMPLOYMENT_STATUS if c not in EMPLOYMENT_COUNTED)
# K13's categories beside those: the statuses that do not count and the cases without a status (no contract code).
NO_EMPLOYMENT_STATUS = "ohne_angabe"
EMPLOYMENT_OTHER = (*EMPLOYMENT_NOT_COUNTED, NO_EMPLOYMENT_STATUS)

COURSE_TYPES = (
    "allgemein",
    "alphabetisierung",
    "zweitschriftlerner",
    "foerder",
    "intensiv",
    "jugend",
    "eltern",
    "frauen",
    "bsk_basis_b2",
    "bsk_basis_c1",
    "bsk_spezial_a2",
    "bsk_spezial_b1",
    "lokal_sprachtreff",
    "lokal_mit_kinderbetreuung",
)
# The course types as categories of the course KPIs (K6, K8, K9): an enrolment whose course is not in the course
# file (or not yet begun) has no type.
NO_COURSE_TYPE = "ohne_angabe"
COURSE_TYPE_CATEGORIES = (*COURSE_TYPES, NO_COURSE_TYPE)
# The Ortsteil category of a case without one (K17); no Ortsteil list may use it as a code (monitor.districts).
NO_DISTRICT = "ohne_angabe"
ENTITLEMENTS = ("berechtigt", "verpflichtet", "ohne")
ENROLMENT_STATUS = ("wartend", "laufend", "regulaer_beendet", "abgebrochen")
DTZ_RESULTS = ("B1", "A2", "unter_A2", "nicht_teilgenommen")

SECTORS = (
    "lebensmittel",
    "pflege_gesundheit",
    "gastronomie_hotel",
    "handwerk",
    "logistik",
    "einzelhandel",
    "landwirtschaft",
    "industrie_produktion",
    "erziehung_soziales",
    "verwaltung_buero",
    "reinigung",
    "sonstige",
)
INTERNSHIP_STATUS = ("angeboten", "vermittelt", "abgeschlossen", "abgebrochen")
INTERNSHIP_OUTCOMES = ("ausbildung", "beschaeftigung", "weiteres_praktikum", "abbruch", "kein_anschluss")
# K12: outcomes that count as a transition into apprenticeship or job.
INTERNSHIP_TRANSITIONS = ("ausbildung", "beschaeftigung")

PARTNER_TYPES = (
    "auslaenderbehoerde",
    "jobcenter",
    "agentur_fuer_arbeit",
    "kurstraeger",
    "migrationsberatung",
    "schule",
    "kita",
    "gesundheit",
    "wohnungsgeber",
    "arbeitgeber",
    "verein",
    "ehrenamt",
    "landkreis_koordination",
)
PARTNER_LEVELS = ("gemeinde", "landkreis", "land", "bund")
EVENT_TYPES = ("netzwerktreffen", "fallkonferenz", "arbeitskreis", "fachveranstaltung")

BOOL_TRUE = ("ja", "j", "1", "x", "wahr", "true", "yes")
BOOL_FALSE = ("nein", "n", "0", "falsch", "false", "no")
