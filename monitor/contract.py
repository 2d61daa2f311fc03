"""The data contract: one CSV kind per table, the single source for database tables, validation,
templates and the German documentation (docs/datenformat.md).

Each field has an English ``name`` (database column, data-frame column, code) and a German ``header``
(the column name staff see in their export). Nothing in the contract identifies a person directly;
record IDs that the officers assign are replaced by a keyed hash on import (``pseudonymise``).
"""

from __future__ import annotations

from dataclasses import dataclass

from monitor import codes

# Field types. "codes" is a list of codes in one cell, separated by "|" (also "," or ";").
TEXT, CODE, CODES, INT, DECIMAL, DATE, BOOL, AGS = "text", "code", "codes", "int", "decimal", "date", "bool", "ags"

TYPE_LABELS = {
    TEXT: "Text",
    CODE: "Code",
    CODES: "Liste von Codes, getrennt durch |",
    INT: "ganze Zahl",
    DECIMAL: "Dezimalzahl (Komma oder Punkt)",
    DATE: "Datum TT.MM.JJJJ (oder JJJJ-MM-TT)",
    BOOL: "ja/nein",
    AGS: "Amtlicher Gemeindeschlüssel, 8 Ziffern",
}

# What a text field holds (``Field.vocabulary``): no field of the contract holds free text. Each is a code, a
# reference to a code of another kind, an Ortsteil of the Gemeinde's list, the number of a record, the name of
# an institution, or (``pseudonymise``) a record ID that is replaced by a keyed hash on import.
OWN_CODE = "own_code"  # a code the Gemeinde gives in this kind: an officer's Kürzel, a partner_id
OFFICER = "officer"  # an officer's Kürzel from the staffing (stellenanteile) of the row's Gemeinde
PARTNER = "partner"  # a partner_id from the network partners (netzwerkpartner) of the row's Gemeinde
PARTNER_LIST = "partner_list"  # a list of such partner_ids, separated by |
DISTRICT = "district"  # an Ortsteil from the Gemeinde's list (monitor.districts, data/ortsteile.csv)
RECORD_ID = "record_id"  # the number of a course, internship place or meeting
INSTITUTION = "institution"  # the name of an institution, never of a person

# The kind and field whose stored values a reference must be one of (within the row's Gemeinde).
REFERENCES = {OFFICER: ("staffing", "officer"), PARTNER: ("partners", "partner_id"),
              PARTNER_LIST: ("partners", "partner_id")}
CODE_MAX_LENGTH = 20  # an own code and every reference to one
INSTITUTION_MAX_LENGTH = 80
MAX_PARTNERS = 30  # partner_ids in one cell

VOCABULARY_LABELS = {
    OWN_CODE: "Kürzel",
    OFFICER: "Kürzel (aus Stellenanteile)",
    PARTNER: "partner_id (aus Netzwerkpartner)",
    PARTNER_LIST: "Liste von partner_id, getrennt durch |",
    DISTRICT: "Ortsteil (Code oder Name)",
    RECORD_ID: "Nummer",
    INSTITUTION: "Name einer Einrichtung",
}


@dataclass(frozen=True)
class Field:
    name: str
    header: str
    type: str
    required: bool
    description: str
    example: str
    codes: tuple[str, ...] | None = None
    pseudonymise: bool = False
    max_length: int = 64
    minimum: float | None = None
    maximum: float | None = None
    vocabulary: str | None = None  # for text fields: what they hold (OWN_CODE, OFFICER, ...)


@dataclass(frozen=True)
class Kind:
    name: str  # English, also the database table name
    slug: str  # German file-name stem of the template and demo export
    label: str  # German display name
    description: str
    key: tuple[str, ...]  # field names that identify a row (upsert key)
    fields: tuple[Field, ...]
    # The date field that places a row in time: the period a file covers is its first to last value, and a
    # file that replaces stored rows replaces those of its Gemeinden in that period.
    period: str = ""

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    @property
    def headers(self) -> list[str]:
        return [f.header for f in self.fields]


def _ags() -> Field:
    return Field("ags", "gemeinde_ags", AGS, True, "Gemeindeschlüssel der Gemeinde, zu der die Zeile gehört",
                 "03351023")


def _case_ref(required: bool = True) -> Field:
    return Field(
        "case_id",
        "fall_id",
        TEXT,
        required,
        "Ihre eigene Fallnummer (ohne Namen). Sie wird beim Import durch ein Pseudonym ersetzt",
        "F-2017-0042",
        pseudonymise=True,
    )


def _count(name: str, header: str, description: str, example: str, required: bool = False) -> Field:
    return Field(name, header, INT, required, description, example, minimum=0, maximum=100_000)


CASES = Kind(
    "cases",
    "faelle",
    "Fälle",
    "Eine Zeile je Fall (Person oder Familie, die von der Integrationsbeauftragten betreut wird).",
    ("ags", "case_id"),
    (
        _ags(),
        _case_ref(),
        Field("target_group", "zielgruppe", CODE, True, "Zielgruppe", "schutz_anerkannt", codes.TARGET_GROUPS),
        Field("residence_status", "aufenthaltsstatus", CODE, False, "Aufenthaltsstatus",
              "aufenthaltserlaubnis_humanitaer", codes.RESIDENCE_STATUS),
        Field("gender", "geschlecht", CODE, True, "Geschlecht (w, m, d, k = keine Angabe)", "w", codes.GENDERS),
        Field("age_band", "altersgruppe", CODE, False, "Altersgruppe (kein Geburtsdatum)", "27_44", codes.AGE_BANDS),
        Field("origin_region", "herkunftsregion", CODE, False, "Herkunftsregion (keine Staatsangehörigkeit)", "syrien",
              codes.ORIGIN_REGIONS),
        Field("district", "ortsteil", TEXT, False,
              "Ortsteil aus der Ortsteil-Liste der Gemeinde (Code oder Name, siehe „Ortsteile“ unten)", "hornbostel",
              max_length=40, vocabulary=DISTRICT),
        Field("officer", "zustaendig", TEXT, False,
              "Kürzel der zuständigen Integrationsbeauftragten, wie in den Stellenanteilen der Gemeinde", "IB-W",
              max_length=20, vocabulary=OFFICER),
        Field("employable", "erwerbsfaehig", BOOL, False,
              "Erwerbsfähig (15 bis Rentenalter, gesundheitlich in der Lage)", "ja"),
        Field("opened_on", "beginn", DATE, True, "Datum der Fallaufnahme", "14.03.2016"),
        Field("closed_on", "abschluss", DATE, False, "Datum des Fallabschlusses (leer = Fall ist offen)", "30.06.2019"),
        Field("closure_reason", "abschlussgrund", CODE, False, "Grund des Abschlusses (Pflicht, wenn abgeschlossen)",
              "ziel_erreicht", codes.CLOSURE_REASONS),
        Field("employment_at_closure", "erwerbsstatus_abschluss", CODE, False, "Erwerbsstatus beim Abschluss",
              "sv_beschaeftigung", codes.EMPLOYMENT_STATUS),
        _count("goals_set", "ziele_gesetzt", "Anzahl vereinbarter Ziele", "3"),
        _count("goals_reached", "ziele_erreicht", "Anzahl vollständig erreichter Ziele", "2"),
        _count("goals_partly", "ziele_teilweise", "Anzahl teilweise erreichter Ziele", "1"),
    ),
    period="opened_on",
)

CONTACTS = Kind(
    "contacts",
    "kontakte",
    "Kontakte",
    "Eine Zeile je Beratungskontakt. Mehrere Themen in einer Zelle, getrennt durch |.",
    ("ags", "contact_id"),
    (
        _ags(),
        Field("contact_id", "kontakt_id", TEXT, True, "Ihre Nummer des Kontakts. Wird beim Import pseudonymisiert",
              "K-000917", pseudonymise=True),
        _case_ref(),
        Field("date", "datum", DATE, True, "Datum des Kontakts", "02.05.2018"),
        Field("contact_type", "kontaktart", CODE, True, "Art des Kontakts", "sprechstunde", codes.CONTACT_TYPES),
        Field("topics", "themen", CODES, True, "Themen des Kontakts (mindestens eines)", "aufenthalt|wohnen",
              codes.TOPICS),
        Field("officer", "beauftragte", TEXT, True,
              "Kürzel der beratenden Integrationsbeauftragten, wie in den Stellenanteilen der Gemeinde", "IB-W",
              max_length=20, vocabulary=OFFICER),
        _count("duration_min", "dauer_minuten", "Dauer in Minuten", "45"),
        Field("referral_partner", "vermittlung_an", TEXT, False,
              "partner_id des Netzwerkpartners, an den vermittelt wurde", "P04", max_length=20, vocabulary=PARTNER),
        Field("referral_feedback", "rueckmeldung", BOOL, False, "Rückmeldung des Partners zur Vermittlung erhalten",
              "ja"),
    ),
    period="date",
)

COURSES = Kind(
    "courses",
    "kurse",
    "Kurse",
    "Eine Zeile je Sprach- oder Integrationskurs, den Personen aus der Gemeinde besuchen.",
    ("ags", "course_id"),
    (
        _ags(),
        Field("course_id", "kurs_id", TEXT, True, "Kursnummer (z. B. des Trägers)", "VHS-IK-2017-03", max_length=40,
              vocabulary=RECORD_ID),
        Field("course_type", "kursart", CODE, True, "Kursart", "allgemein", codes.COURSE_TYPES),
        Field("provider", "traeger", TEXT, False,
              "partner_id des Kursträgers: der Träger ist ein Netzwerkpartner der Gemeinde (Partnertyp kurstraeger)",
              "P04", max_length=80, vocabulary=PARTNER),
        Field("start", "beginn", DATE, True, "Kursbeginn", "04.09.2017"),
        Field("end", "ende", DATE, False, "Kursende", "29.06.2018"),
        _count("lessons", "unterrichtseinheiten", "Unterrichtseinheiten (UE)", "700"),
        _count("places", "plaetze", "Plätze im Kurs", "20"),
    ),
    period="start",
)

ENROLMENTS = Kind(
    "enrolments",
    "kursteilnahmen",
    "Kursteilnahmen",
    "Eine Zeile je Kursbedarf einer Person: ab der Berechtigung, auch wenn noch kein Kurs begonnen hat.",
    ("ags", "enrolment_id"),
    (
        _ags(),
        Field("enrolment_id", "teilnahme_id", TEXT, True, "Ihre Nummer der Teilnahme. Wird beim Import pseudonymisiert",
              "T-0311", pseudonymise=True),
        _case_ref(),
        Field("course_id", "kurs_id", TEXT, False, "kurs_id des Kurses (leer, solange kein Kurs begonnen hat)",
              "VHS-IK-2017-03", max_length=40, vocabulary=RECORD_ID),
        Field("entitlement", "berechtigung", CODE, True, "Teilnahmeberechtigung oder -verpflichtung", "verpflichtet",
              codes.ENTITLEMENTS),
        Field("entitled_on", "berechtigung_datum", DATE, False,
              "Datum der Berechtigung oder, falls unbekannt, der Anmeldung", "12.06.2017"),
        Field("started_on", "kursbeginn", DATE, False, "Tag, an dem die Person den Kurs begonnen hat", "04.09.2017"),
        Field("ended_on", "kursende", DATE, False, "Tag, an dem die Teilnahme endete", "29.06.2018"),
        Field("status", "status", CODE, True, "Stand der Teilnahme", "regulaer_beendet", codes.ENROLMENT_STATUS),
        Field("dtz_result", "dtz_ergebnis", CODE, False, "Ergebnis im Deutsch-Test für Zuwanderer", "B1",
              codes.DTZ_RESULTS),
        Field("dtz_attempt", "dtz_versuch", INT, False,
              "Der wievielte DTZ-Versuch (1 = erster). Je Person (gleiche „fall_id“) gibt es nur einen ersten "
              "Versuch mit Ergebnis, auch über mehrere Importe: eine Datei mit einem zweiten wird abgelehnt. "
              "Die DTZ-B1-Quote zählt je Person einen ersten Versuch (den zuerst beendeten)",
              "1", minimum=1, maximum=9),
        Field("lid_passed", "lid_bestanden", BOOL, False, "Test „Leben in Deutschland“ bestanden", "ja"),
        Field("job_course_after", "anschluss_berufssprachkurs", BOOL, False,
              "Nach dem Integrationskurs in einen Berufssprachkurs (DeuFöV) gewechselt", "nein"),
    ),
    period="entitled_on",
)

INTERNSHIPS = Kind(
    "internships",
    "praktika",
    "Praktika",
    "Eine Zeile je Praktikumsplatz der Praktikumsbörse, vom Angebot bis zum Anschluss.",
    ("ags", "internship_id"),
    (
        _ags(),
        Field("internship_id", "praktikum_id", TEXT, True, "Nummer des Praktikumsplatzes", "PB-2019-07", max_length=40,
              vocabulary=RECORD_ID),
        Field("offered_on", "angebot_datum", DATE, True, "Datum, an dem der Platz angeboten wurde", "15.02.2019"),
        Field("sector", "branche", CODE, True, "Branche des Betriebs (kein Firmenname)", "handwerk", codes.SECTORS),
        Field("status", "status", CODE, True, "Stand des Platzes", "abgeschlossen", codes.INTERNSHIP_STATUS),
        _case_ref(required=False),
        Field("placed_on", "vermittlung_datum", DATE, False, "Datum der Vermittlung", "01.03.2019"),
        Field("start", "beginn", DATE, False, "Beginn des Praktikums", "11.03.2019"),
        Field("end", "ende", DATE, False, "Ende des Praktikums", "05.04.2019"),
        Field("outcome", "anschluss", CODE, False, "Anschluss nach dem Praktikum", "ausbildung",
              codes.INTERNSHIP_OUTCOMES),
        Field("outcome_on", "anschluss_datum", DATE, False, "Beginn des Anschlusses", "01.08.2019"),
    ),
    period="offered_on",
)

CAFE = Kind(
    "cafe_sessions",
    "integrationscafe",
    "Integrationscafé",
    "Eine Zeile je geplantem Termin des Integrationscafés, auch für ausgefallene Termine. Nur Zahlen, keine Namen.",
    ("ags", "date"),
    (
        _ags(),
        Field("date", "datum", DATE, True, "Datum des Termins", "07.11.2018"),
        Field("cancelled", "ausgefallen", BOOL, False, "Termin ist ausgefallen (leer = nein)", "nein"),
        _count("attendees", "teilnehmende", "Erwachsene Besucherinnen und Besucher insgesamt", "23"),
        _count("first_time", "erstbesuchende", "Davon zum ersten Mal da", "3"),
        _count("women", "frauen", "Davon Frauen", "11"),
        _count("children", "kinder", "Mitgebrachte Kinder (zusätzlich)", "6"),
        _count("volunteers", "ehrenamtliche", "Ehrenamtliche Helferinnen und Helfer", "4"),
    ),
    period="date",
)

PARTNERS = Kind(
    "partners",
    "netzwerkpartner",
    "Netzwerkpartner",
    "Eine Zeile je Partnerinstitution im Netzwerk (Einrichtungen, keine Personen).",
    ("ags", "partner_id"),
    (
        _ags(),
        Field("partner_id", "partner_id", TEXT, True, "Kurzzeichen des Partners", "P04", max_length=20,
              vocabulary=OWN_CODE),
        Field("name", "name", TEXT, True, "Name der Einrichtung (keine Person)", "VHS Celle", max_length=120,
              vocabulary=INSTITUTION),
        Field("partner_type", "partnertyp", CODE, True, "Art des Partners", "kurstraeger", codes.PARTNER_TYPES),
        Field("level", "ebene", CODE, True, "Ebene", "landkreis", codes.PARTNER_LEVELS),
        Field("active_from", "aktiv_seit", DATE, True, "Im Netzwerk seit", "01.01.2016"),
        Field("active_until", "aktiv_bis", DATE, False, "Im Netzwerk bis (leer = weiterhin aktiv)", ""),
        Field("agreement", "vereinbarung", BOOL, False, "Schriftliche Kooperationsvereinbarung", "ja"),
        Field("agreement_on", "vereinbarung_datum", DATE, False, "Datum der Vereinbarung", "15.05.2018"),
    ),
    period="active_from",
)

EVENTS = Kind(
    "network_events",
    "netzwerktreffen",
    "Netzwerktreffen",
    "Eine Zeile je Netzwerktreffen, Fallkonferenz oder Arbeitskreis.",
    ("ags", "event_id"),
    (
        _ags(),
        Field("event_id", "treffen_id", TEXT, True, "Nummer des Treffens", "NT-2018-04", max_length=40,
              vocabulary=RECORD_ID),
        Field("date", "datum", DATE, True, "Datum", "19.04.2018"),
        Field("event_type", "art", CODE, True, "Art des Treffens", "netzwerktreffen", codes.EVENT_TYPES),
        Field("partners", "partner_ids", TEXT, False, "partner_id der beteiligten Partner, getrennt durch |",
              "P04", max_length=400, vocabulary=PARTNER_LIST),
    ),
    period="date",
)

STAFFING = Kind(
    "staffing",
    "stellenanteile",
    "Stellenanteile",
    "Eine Zeile je Person auf der Stelle der Integrationsbeauftragten und Zeitraum, mit Stellenanteil.",
    ("ags", "officer", "valid_from"),
    (
        _ags(),
        Field("officer", "kuerzel", TEXT, True, "Kürzel der Integrationsbeauftragten (kein Name)", "IB-W",
              max_length=20, vocabulary=OWN_CODE),
        Field("gender", "geschlecht", CODE, True, "Geschlecht (w, m, d)", "w", codes.OFFICER_GENDERS),
        Field("fte", "vze", DECIMAL, True, "Stellenanteil in Vollzeitäquivalenten", "0,5", minimum=0.01, maximum=1.0),
        Field("valid_from", "gueltig_ab", DATE, True, "Gültig ab", "01.07.2017"),
        Field("valid_until", "gueltig_bis", DATE, False, "Gültig bis (leer = unbefristet)", ""),
    ),
    period="valid_from",
)

KINDS: tuple[Kind, ...] = (CASES, CONTACTS, COURSES, ENROLMENTS, INTERNSHIPS, CAFE, PARTNERS, EVENTS, STAFFING)
KINDS_BY_NAME = {k.name: k for k in KINDS}

# Order in which kinds are loaded when several files come at once (references before referrers).
LOAD_ORDER = ("staffing", "partners", "network_events", "courses", "cases", "contacts", "enrolments", "internships",
              "cafe_sessions")


def kind(name: str) -> Kind:
    return KINDS_BY_NAME[name]
