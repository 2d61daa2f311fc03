"""Deterministic generator of fully synthetic demo exports of every contract kind.

It writes what a staff member of a Gemeinde would export and upload, for the Gemeinde Wietze (and, with
``scale``, further Gemeinden of the Landkreis Celle): Windows-1252 or UTF-8 with BOM (as Excel saves
"CSV (Trennzeichen-getrennt)" and "CSV UTF-8"), semicolons, CRLF, dd.mm.yyyy dates and decimal commas.
No real person is described; every record is drawn from a seeded random generator, so the same seed and
reference day give byte-identical files.

The story the numbers tell follows the Gemeinde's concept: the officer post from October 2015 (1.0 FTE, a man) and the
second half post from July 2017 (0.5 FTE, a woman); the refugee arrivals of 2015/16, EU workers for the
poultry plant over the years, the arrivals from Ukraine in 2022; integration courses whose places lag behind
demand (waiting times), drop-outs and DTZ results; the internship exchange from autumn 2017; the weekly
Integrationscafé with holiday breaks and the COVID-19 cancellations; about 20 network partners, who give
feedback on referrals more often once there is a written agreement; refugees whose case ran two years or more
are more often in work at closure.

Run ``python -m etl.demo`` to rewrite data/demo/ (see ``main``).
"""

from __future__ import annotations

import argparse
import csv
import io
import math
import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from monitor import contract, settings

DEFAULT_SEED = 2015
# The reference day of the shipped demo data ("today" in the story). Fixed, so that the files stay the same.
DEMO_UNTIL = date(2026, 11, 24)
WIETZE = "03351023"
WIETZE_POPULATION = 8271  # 31.12.2018, data/gemeinden.csv
GEMEINDEN_FILE = settings.DATA_DIR / "gemeinden.csv"
POST_START = date(2015, 10, 1)
SECOND_POST_START = date(2017, 7, 1)
INTERNSHIP_EXCHANGE_START = date(2017, 9, 1)
COVID_LOCKDOWN = (date(2020, 3, 16), date(2020, 5, 31))
COVID_CAFE_CLOSED = (date(2020, 3, 16), date(2021, 6, 30))
# Kinds that Excel users here save as "CSV UTF-8" (with BOM); the others as Windows-1252.
UTF8_KINDS = ("contacts", "enrolments")
# Summer holidays in Lower Saxony (the café pauses for three weeks in the middle of them).
SUMMER_HOLIDAYS = {
    2016: date(2016, 6, 23), 2017: date(2017, 6, 22), 2018: date(2018, 6, 28), 2019: date(2019, 7, 4),
    2020: date(2020, 7, 16), 2021: date(2021, 7, 22), 2022: date(2022, 7, 14), 2023: date(2023, 7, 6),
    2024: date(2024, 6, 27), 2025: date(2025, 7, 3), 2026: date(2026, 7, 2),
}
DISTRICTS = {WIETZE: (("wietze", 62), ("hornbostel", 16), ("jeversen", 11), ("wieckenberg", 11))}

# --- arrivals: new cases per month in Wietze, by era ---------------------------------------------------------

ERAS = (
    # (from, until, cases per month in Wietze, target group weights)
    (date(2015, 10, 1), date(2016, 6, 30), 18.0,
     {"asylverfahren": 70, "geduldet": 4, "schutz_anerkannt": 12, "eu_arbeitnehmer": 10, "drittstaat_sonstig": 4}),
    (date(2016, 7, 1), date(2017, 12, 31), 6.5,
     {"asylverfahren": 38, "geduldet": 8, "schutz_anerkannt": 22, "eu_arbeitnehmer": 22, "drittstaat_sonstig": 5,
      "spaetaussiedler": 2, "deutsch_mit_migrationshintergrund": 3}),
    (date(2018, 1, 1), date(2022, 2, 28), 3.6,
     {"asylverfahren": 16, "geduldet": 6, "schutz_anerkannt": 16, "eu_arbeitnehmer": 40, "drittstaat_sonstig": 10,
      "spaetaussiedler": 5, "deutsch_mit_migrationshintergrund": 7}),
    (date(2022, 3, 1), date(2022, 12, 31), 11.0,
     {"ukraine": 78, "asylverfahren": 6, "schutz_anerkannt": 3, "eu_arbeitnehmer": 9, "drittstaat_sonstig": 4}),
    (date(2023, 1, 1), date(2099, 12, 31), 3.8,
     {"ukraine": 12, "asylverfahren": 20, "geduldet": 5, "schutz_anerkannt": 12, "eu_arbeitnehmer": 33,
      "drittstaat_sonstig": 9, "spaetaussiedler": 3, "deutsch_mit_migrationshintergrund": 6}),
)
ORIGINS = {
    "asylverfahren": {"syrien": 40, "afghanistan": 22, "irak": 14, "eritrea": 7, "iran": 6, "somalia": 4, "tuerkei": 4,
                      "afrika_sonstige": 3},
    "geduldet": {"westbalkan": 35, "afghanistan": 20, "irak": 15, "afrika_sonstige": 20, "asien_sonstige": 10},
    "schutz_anerkannt": {"syrien": 50, "eritrea": 14, "irak": 12, "afghanistan": 12, "iran": 6, "somalia": 6},
    "ukraine": {"ukraine": 100},
    "eu_arbeitnehmer": {"eu_osteuropa": 86, "eu_sonstige": 14},
    "drittstaat_sonstig": {"tuerkei": 30, "asien_sonstige": 30, "afrika_sonstige": 20, "westbalkan": 10,
                           "sonstige": 10},
    "spaetaussiedler": {"russland_zentralasien": 100},
    "deutsch_mit_migrationshintergrund": {"tuerkei": 35, "russland_zentralasien": 35, "sonstige": 30},
}
STATUS = {
    "asylverfahren": "gestattung", "geduldet": "duldung", "schutz_anerkannt": "aufenthaltserlaubnis_humanitaer",
    "ukraine": "aufenthaltserlaubnis_humanitaer", "eu_arbeitnehmer": "freizuegigkeit_eu",
    "drittstaat_sonstig": "aufenthaltserlaubnis_sonstig", "spaetaussiedler": "deutsch",
    "deutsch_mit_migrationshintergrund": "deutsch",
}
WOMEN_SHARE = {"asylverfahren": 0.34, "geduldet": 0.30, "schutz_anerkannt": 0.42, "ukraine": 0.74,
               "eu_arbeitnehmer": 0.42, "drittstaat_sonstig": 0.55, "spaetaussiedler": 0.55,
               "deutsch_mit_migrationshintergrund": 0.55}
AGE_BANDS = {"default": {"unter_18": 6, "18_26": 27, "27_44": 44, "45_64": 19, "65_plus": 4},
             "ukraine": {"unter_18": 4, "18_26": 12, "27_44": 44, "45_64": 26, "65_plus": 14},
             "eu_arbeitnehmer": {"18_26": 24, "27_44": 52, "45_64": 24}}
TOPICS = {
    "refugee": {"aufenthalt": 22, "familiennachzug": 6, "sprache_kurs": 16, "arbeit_ausbildung": 10,
                "anerkennung": 3, "existenzsicherung": 14, "wohnen": 12, "schule_kita": 7, "gesundheit": 6,
                "behoerdenpost": 14, "finanzen_schulden": 3, "mobilitaet": 3, "teilhabe_ehrenamt": 3,
                "diskriminierung": 1, "psychosozial": 3},
    "eu": {"aufenthalt": 2, "sprache_kurs": 10, "arbeit_ausbildung": 18, "anerkennung": 4, "existenzsicherung": 18,
           "wohnen": 16, "schule_kita": 10, "gesundheit": 6, "behoerdenpost": 14, "finanzen_schulden": 7,
           "mobilitaet": 3, "teilhabe_ehrenamt": 2, "diskriminierung": 2},
}
CONTACT_TYPES = {"sprechstunde": 46, "telefon": 20, "digital": 6, "begleitung": 12, "hausbesuch": 7, "gruppe": 3,
                 "fallkonferenz": 6}
MINUTES = {"sprechstunde": (20, 60), "telefon": (5, 25), "digital": (5, 30), "begleitung": (60, 180),
           "hausbesuch": (30, 90), "gruppe": (60, 120), "fallkonferenz": (45, 90)}
# K5: the share of referrals the partner gives feedback on, with and without a written agreement (K16)
FEEDBACK = {True: 0.8, False: 0.5}
# K3: phone calls were timed only from this day on (the duration stays empty before)
PHONE_TIMED_FROM = date(2018, 1, 1)
# topic -> partner types a referral on that topic goes to
REFERRALS = {"aufenthalt": ("auslaenderbehoerde", "migrationsberatung"), "familiennachzug": ("migrationsberatung",),
             "sprache_kurs": ("kurstraeger",), "arbeit_ausbildung": ("jobcenter", "agentur_fuer_arbeit", "arbeitgeber"),
             "anerkennung": ("migrationsberatung", "agentur_fuer_arbeit"), "existenzsicherung": ("jobcenter",),
             "wohnen": ("wohnungsgeber",), "schule_kita": ("schule", "kita"), "gesundheit": ("gesundheit",),
             "psychosozial": ("gesundheit", "migrationsberatung"), "teilhabe_ehrenamt": ("verein", "ehrenamt")}
CLOSURE_REASONS = {"ziel_erreicht": 40, "weitervermittelt": 19, "wegzug": 21, "kontaktabbruch": 13,
                   "einbuergerung": 2, "sonstiges": 5}
# Employment at closure (K13). Refugees whose case ran for two years or more (language course, recognition,
# apprenticeship) are more often in work at closure than those whose case ended sooner.
EMPLOYMENT = {"refugee": {"sv_beschaeftigung": 20, "ausbildung": 6, "selbststaendig": 2, "geringfuegig": 12,
                          "arbeitsuchend": 34, "schule_studium": 8, "nicht_erwerbstaetig": 18},
              "refugee_long": {"sv_beschaeftigung": 40, "ausbildung": 16, "selbststaendig": 3, "geringfuegig": 8,
                               "arbeitsuchend": 17, "schule_studium": 4, "nicht_erwerbstaetig": 12},
              "eu": {"sv_beschaeftigung": 66, "ausbildung": 3, "selbststaendig": 3, "geringfuegig": 8,
                     "arbeitsuchend": 13, "nicht_erwerbstaetig": 7}}
SECTORS = {"lebensmittel": 20, "pflege_gesundheit": 12, "handwerk": 14, "gastronomie_hotel": 10, "logistik": 10,
           "einzelhandel": 10, "landwirtschaft": 6, "industrie_produktion": 6, "erziehung_soziales": 4,
           "verwaltung_buero": 3, "reinigung": 3, "sonstige": 2}
DTZ = {"allgemein": {"B1": 56, "A2": 32, "unter_A2": 7, "nicht_teilgenommen": 5},
       "alphabetisierung": {"B1": 14, "A2": 48, "unter_A2": 32, "nicht_teilgenommen": 6},
       "frauen": {"B1": 48, "A2": 38, "unter_A2": 9, "nicht_teilgenommen": 5},
       "intensiv": {"B1": 80, "A2": 16, "unter_A2": 2, "nicht_teilgenommen": 2},
       "repeat": {"B1": 42, "A2": 46, "unter_A2": 7, "nicht_teilgenommen": 5}}
COURSE_SPECS = {
    # type: (lessons, weeks, places, prefix of the course number, provider: the partner_id of a network partner)
    "allgemein": (700, 40, 20, "VHS", "P04"),  # VHS Celle
    "alphabetisierung": (1000, 56, 16, "VHS", "P04"),
    "frauen": (1000, 56, 16, "SFC", "P23"),  # Sprachforum Celle
    "intensiv": (500, 22, 20, "SFC", "P23"),
    "bsk_basis_b2": (500, 26, 20, "SFC", "P23"),
    "lokal_sprachtreff": (80, 40, 25, "WZ", "P11"),  # the volunteers' language meeting
    "lokal_mit_kinderbetreuung": (200, 26, 12, "WZ", "P24"),  # Familienzentrum
}
# A provider plans a course when this many people of the Gemeinde wait (the course fills up with people from
# other Gemeinden: `places` is the course's size, not the Gemeinde's share) ...
COURSE_OPENS_AT = {"allgemein": 5, "alphabetisierung": 3, "frauen": 3, "bsk_basis_b2": 3}
# ... and at most one course per type every COURSE_GAP_MONTHS (per Wietze-sized Gemeinde): places are scarce.
COURSE_GAP_MONTHS = 2
PARTNERS = (
    # id, name, type, level, since, until, agreement date (None = no written agreement)
    ("P01", "Landkreis Celle – Ausländerbehörde", "auslaenderbehoerde", "landkreis", "2015-10-01", None, "2018-03-01"),
    ("P02", "Jobcenter im Landkreis Celle", "jobcenter", "landkreis", "2015-11-02", None, "2017-11-15"),
    ("P03", "Agentur für Arbeit Celle", "agentur_fuer_arbeit", "bund", "2016-02-01", None, None),
    ("P04", "VHS Celle", "kurstraeger", "landkreis", "2016-01-11", None, "2018-06-01"),
    ("P05", "Migrationsberatung für Erwachsene (MBE) Celle", "migrationsberatung", "landkreis", "2016-03-01", None,
     "2019-02-01"),
    ("P06", "Jugendmigrationsdienst Celle", "migrationsberatung", "landkreis", "2016-06-01", None, None),
    ("P07", "Landkreis Celle – Koordinierungsstelle Migration und Integration", "landkreis_koordination", "landkreis",
     "2016-01-04", None, "2017-10-01"),
    ("P08", "Grundschule Wietze", "schule", "gemeinde", "2016-02-15", None, None),
    ("P09", "Oberschule Wietze", "schule", "gemeinde", "2016-04-01", None, None),
    ("P10", "Kindertagesstätten der Gemeinde Wietze", "kita", "gemeinde", "2016-09-01", None, "2021-08-01"),
    ("P11", "Unterstützerkreis Flüchtlingshilfe Wietze", "ehrenamt", "gemeinde", "2015-10-01", None, "2017-12-01"),
    ("P12", "Sportverein Wietze", "verein", "gemeinde", "2017-05-01", None, None),
    ("P13", "Landkreis Celle – Gesundheitsamt", "gesundheit", "landkreis", "2016-05-01", None, None),
    ("P14", "Wohnungsverwaltung der Gemeinde Wietze", "wohnungsgeber", "gemeinde", "2017-03-01", None, None),
    ("P15", "Geflügelverarbeitender Betrieb Wietze", "arbeitgeber", "gemeinde", "2018-02-01", None, "2019-09-01"),
    ("P16", "Kreishandwerkerschaft Celle", "arbeitgeber", "landkreis", "2018-09-01", None, "2020-01-15"),
    ("P17", "Ev.-luth. Kirchengemeinde Wietze", "verein", "gemeinde", "2015-12-01", None, None),
    ("P18", "Landesaufnahmebehörde Niedersachsen", "auslaenderbehoerde", "land", "2016-01-01", "2019-12-31", None),
    ("P19", "Tafel-Ausgabestelle Wietze", "verein", "gemeinde", "2016-03-01", "2021-06-30", None),
    ("P20", "Frauentreff Wietze", "verein", "gemeinde", "2019-04-01", None, None),
    ("P21", "Ukraine-Hilfe Wietze", "ehrenamt", "gemeinde", "2022-03-07", None, None),
    ("P22", "Pflegeschule im Landkreis Celle", "arbeitgeber", "landkreis", "2023-02-01", None, "2024-05-01"),
    # Course providers: a provider of courses is a network partner, and the courses name it by its partner_id.
    ("P23", "Sprachforum Celle", "kurstraeger", "landkreis", "2016-01-18", None, "2017-03-01"),
    ("P24", "Familienzentrum Wietze", "kita", "gemeinde", "2018-01-15", None, "2018-08-01"),
)
EVENT_CODES = {"netzwerktreffen": "NT", "arbeitskreis": "AK", "fallkonferenz": "FK", "fachveranstaltung": "FV"}


@dataclass(frozen=True)
class Gemeinde:
    ags: str
    name: str
    population: int

    @property
    def factor(self) -> float:
        """Size relative to Wietze: arrivals, courses and café visitors scale with it."""
        return self.population / WIETZE_POPULATION


@dataclass
class Case:
    case_id: str
    group: str  # target group code, or "ukraine" (target group schutz_anerkannt, origin ukraine)
    gender: str
    age_band: str
    opened: date
    closed: date | None
    officer: str
    employable: bool | None
    reason: str | None = None
    row: dict = field(default_factory=dict)

    @property
    def target_group(self) -> str:
        return "schutz_anerkannt" if self.group == "ukraine" else self.group

    @property
    def refugee(self) -> bool:
        return self.group in ("asylverfahren", "geduldet", "schutz_anerkannt", "ukraine")

    def active_on(self, day: date) -> bool:
        return self.opened <= day and (self.closed is None or self.closed > day)


# --- small helpers ----------------------------------------------------------------------------------------------


def _pick(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _poisson(rng: random.Random, mean: float) -> int:
    """Knuth's method for small means, a rounded normal approximation for large ones."""
    if mean <= 0:
        return 0
    if mean > 40:
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit, k, p = math.exp(-mean), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def _weekday(day: date) -> date:
    """The next working day (Monday to Friday) from `day` on."""
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _day(text: str) -> date:
    return date.fromisoformat(text)


def _months(start: date, until: date) -> Iterable[date]:
    day = date(start.year, start.month, 1)
    while day <= until:
        yield day
        day = date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _de(day: date | None) -> str:
    return "" if day is None else day.strftime("%d.%m.%Y")


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("ja" if value else "nein")


def _in(day: date, span: tuple[date, date]) -> bool:
    return span[0] <= day <= span[1]


def load_gemeinden(path: Path = GEMEINDEN_FILE) -> list[Gemeinde]:
    """The 21 Gemeinden of data/gemeinden.csv (the Landkreis Celle, its gemeindefreie Bezirk Lohheide included:
    it has inhabitants and its own AGS), Wietze first, then by AGS."""
    rows = list(csv.DictReader(path.read_text(encoding="utf-8").splitlines(), delimiter=";"))
    gemeinden = [Gemeinde(r["ags"], r["name"], int(r["einwohner_2018"])) for r in rows]
    return sorted(gemeinden, key=lambda g: (g.ags != WIETZE, g.ags))


# The Landkreise of Niedersachsen besides Celle (Kreis keys): the home of the synthetic Gemeinden of a demo larger
# than the Landkreis Celle (a Land-wide installation has about 940 Gemeinden).
OTHER_KREISE = ("03151", "03153", "03154", "03155", "03157", "03158", "03159", "03241", "03251", "03252", "03254",
                "03255", "03256", "03257", "03352", "03353", "03354", "03355", "03356", "03357", "03358", "03359",
                "03360", "03361", "03451", "03452", "03453", "03454", "03455", "03456", "03457", "03458", "03459",
                "03460", "03461", "03462")
SYNTHETIC_FIRST = 901  # the Gemeinde part of a synthetic AGS: 901, 902, ... (no real Gemeinde has such a number)


def choose_gemeinden(scale: int) -> list[Gemeinde]:
    """The Gemeinden of a demo of `scale` N: the first N of the Landkreis Celle (load_gemeinden), and beyond its
    21, synthetic Gemeinden spread over the other Landkreise of Niedersachsen, each with an AGS of its own
    (<Kreis>901, <Kreis>902, ...) and the population of a Gemeinde of Celle in turn, so that they are of
    realistic sizes."""
    if scale < 1:
        raise ValueError("scale must be at least 1")
    celle = load_gemeinden()
    chosen = celle[:scale]
    for i in range(scale - len(chosen)):
        kreis, number = OTHER_KREISE[i % len(OTHER_KREISE)], SYNTHETIC_FIRST + i // len(OTHER_KREISE)
        model = celle[i % len(celle)]
        chosen.append(Gemeinde(f"{kreis}{number:03d}", f"Beispielgemeinde {kreis}{number:03d}", model.population))
    return chosen


# --- one Gemeinde's story ---------------------------------------------------------------------------------------


class _Story:
    """All records of one Gemeinde, drawn in a fixed order from one seeded generator."""

    def __init__(self, gemeinde: Gemeinde, seed: int, until: date):
        self.g = gemeinde
        self.rng = random.Random(f"{seed}-{gemeinde.ags}")
        self.until = until
        self.volume = gemeinde.factor
        self.rows: dict[str, list[dict]] = {k.name: [] for k in contract.KINDS}
        self.cases: list[Case] = []
        self.partners: list[tuple] = []
        self.agreements: dict[str, date] = {}  # partner_id -> day of the written agreement

    def build(self) -> dict[str, list[dict]]:
        self.staffing()
        self.partner_rows()
        self.case_rows()
        self.contact_rows()
        self.course_and_enrolment_rows()
        self.internship_rows()
        self.cafe_rows()
        self.event_rows()
        return self.rows

    def add(self, kind: str, **values) -> None:
        self.rows[kind].append({"ags": self.g.ags, **values})

    # staffing: a man from October 2015, a woman on a half post from July 2017 (Wietze's concept)
    def staffing(self) -> None:
        self.officer_m, self.officer_w = "IB-M", "IB-W"
        self.add("staffing", officer=self.officer_m, gender="m", fte="1,0", valid_from=_de(POST_START), valid_until="")
        self.add("staffing", officer=self.officer_w, gender="w", fte="0,5", valid_from=_de(SECOND_POST_START),
                 valid_until="")

    def partner_rows(self) -> None:
        for pid, name, ptype, level, since, until, agreement in PARTNERS:
            if self.g.ags != WIETZE:
                name = name.replace("Wietze", self.g.name)
            since_day = _day(since)
            if since_day > self.until:
                continue
            until_day = _day(until) if until else None
            agreement_day = _day(agreement) if agreement and _day(agreement) <= self.until else None
            self.partners.append((pid, ptype, since_day, until_day))
            if agreement_day:
                self.agreements[pid] = agreement_day
            self.add("partners", partner_id=pid, name=name, partner_type=ptype, level=level, active_from=_de(since_day),
                     active_until=_de(until_day if until_day and until_day <= self.until else None),
                     agreement=_yes_no(True) if agreement_day else ("nein" if self.rng.random() < 0.5 else ""),
                     agreement_on=_de(agreement_day))

    def partner_for(self, topic: str, day: date) -> str | None:
        types = REFERRALS.get(topic)
        if not types:
            return None
        active = [p[0] for p in self.partners if p[1] in types and p[2] <= day and (p[3] is None or p[3] >= day)]
        return self.rng.choice(active) if active else None

    # cases ----------------------------------------------------------------------------------------------------
    def case_rows(self) -> None:
        rng, numbers = self.rng, {}
        start = POST_START if self.g.ags == WIETZE else date(2016, 1, 1)
        for month in _months(start, self.until):
            era = next(e for e in ERAS if e[0] <= month <= e[1])
            for _ in range(_poisson(rng, era[2] * self.volume)):
                opened = _weekday(month + timedelta(days=rng.randrange(31)))
                if opened.month != month.month or opened > self.until:
                    continue
                group = _pick(rng, era[3])
                numbers[opened.year] = numbers.get(opened.year, 0) + 1
                self.cases.append(self.new_case(f"F-{opened.year}-{numbers[opened.year]:04d}", group, opened))
        self.cases.sort(key=lambda c: (c.opened, c.case_id))
        for case in self.cases:
            self.add("cases", **case.row)

    def new_case(self, case_id: str, group: str, opened: date) -> Case:
        rng = self.rng
        gender = "w" if rng.random() < WOMEN_SHARE[group] else "m"
        if rng.random() < 0.012:
            gender = rng.choice(("d", "k"))
        age_band = _pick(rng, AGE_BANDS.get(group, AGE_BANDS["default"]))
        # How long a case stays open: log-normal, median about 13 months; shorter for EU workers.
        median_days = 260 if group == "eu_arbeitnehmer" else 400
        closed = opened + timedelta(days=max(14, round(rng.lognormvariate(math.log(median_days), 0.8))))
        closed = _weekday(closed) if closed <= self.until else None
        if closed is not None and closed > self.until:
            closed = None
        officer = self.officer_for(gender, opened, closed)
        employable = None if rng.random() < 0.08 else age_band not in ("unter_18", "65_plus") and rng.random() < 0.93
        reason = _pick(rng, CLOSURE_REASONS) if closed else None
        if reason == "einbuergerung" and (closed - opened).days < 5 * 365:
            reason = "ziel_erreicht"
        case = Case(case_id, group, gender, age_band, opened, closed, officer, employable, reason)
        kind = "eu" if group == "eu_arbeitnehmer" else "refugee"
        if kind == "refugee" and closed and (closed - opened).days >= 2 * 365:
            kind = "refugee_long"
        employment = (_pick(rng, EMPLOYMENT[kind]) if closed and employable and rng.random() < 0.9 else None)
        goals = rng.randint(1, 5)
        reached = rng.randint(0, goals) if closed else rng.randint(0, goals // 2)
        partly = rng.randint(0, goals - reached)
        status = STATUS[group]
        if group == "schutz_anerkannt" and opened.year <= 2017 and rng.random() < 0.3:
            status = "niederlassungserlaubnis"
        districts = DISTRICTS.get(self.g.ags)
        case.row = dict(
            case_id=case_id,
            target_group=case.target_group,
            residence_status="" if rng.random() < 0.07 else status,
            gender=gender,
            age_band="" if rng.random() < 0.03 else age_band,
            origin_region="" if rng.random() < 0.04 else _pick(rng, ORIGINS[group]),
            district=_pick(rng, dict(districts)) if districts else "",
            officer=officer,
            employable=_yes_no(employable),
            opened_on=_de(opened),
            closed_on=_de(closed),
            closure_reason=reason or "",
            employment_at_closure=employment or "",
            goals_set=str(goals),
            goals_reached=str(reached),
            goals_partly=str(partly),
        )
        return case

    def officer_for(self, gender: str, opened: date, closed: date | None) -> str:
        """Before July 2017 the man has every case; after, most women go to the woman officer, and when she
        started she took over half of the women's cases still open."""
        rng = self.rng
        if opened < SECOND_POST_START:
            still_open = closed is None or closed > SECOND_POST_START
            return self.officer_w if gender == "w" and still_open and rng.random() < 0.5 else self.officer_m
        if gender == "w":
            return self.officer_w if rng.random() < 0.8 else self.officer_m
        return self.officer_m if rng.random() < 0.85 else self.officer_w

    # contacts ---------------------------------------------------------------------------------------------------
    def contact_rows(self) -> None:
        rng, contacts = self.rng, []
        for case in self.cases:
            last = min(case.closed or self.until, self.until)
            span = (last - case.opened).days
            n = 1 + _poisson(rng, 1.2 + span / 95)
            days = sorted({case.opened, *(_weekday(case.opened + timedelta(days=round(span * rng.random() ** 1.7)))
                                          for _ in range(n - 1))})
            for day in days:
                if day > last:
                    continue
                contacts.append((day, case, self.contact(case, day)))
        contacts.sort(key=lambda c: (c[0], c[1].case_id))
        for number, (_, _, row) in enumerate(contacts, start=1):
            self.add("contacts", contact_id=f"K-{number:06d}", **row)

    def contact(self, case: Case, day: date) -> dict:
        rng = self.rng
        ctype = _pick(rng, CONTACT_TYPES)
        if _in(day, COVID_LOCKDOWN):
            ctype = "telefon" if rng.random() < 0.7 else "digital"
        elif day.year >= 2021 and ctype == "sprechstunde" and rng.random() < 0.15:
            ctype = "digital"
        topic_weights = TOPICS["eu" if case.group == "eu_arbeitnehmer" else "refugee"]
        topics = {_pick(rng, topic_weights) for _ in range(rng.choice((1, 1, 2, 2, 3)))}
        officer = case.officer
        if day >= SECOND_POST_START and rng.random() < 0.1:
            officer = self.officer_w if officer == self.officer_m else self.officer_m
        elif day < SECOND_POST_START:
            officer = self.officer_m
        low, high = MINUTES[ctype]
        partner = None
        if rng.random() < 0.16:
            partner = self.partner_for(rng.choice(sorted(topics)), day)
        minutes = str(5 * round(rng.randint(low, high) / 5))
        if ctype == "telefon" and day < PHONE_TIMED_FROM:
            minutes = ""
        agreed = partner in self.agreements and self.agreements[partner] <= day
        return dict(case_id=case.case_id, date=_de(day), contact_type=ctype,
                    topics="|".join(t for t in contract.CONTACTS.field("topics").codes if t in topics),
                    officer=officer, duration_min=minutes, referral_partner=partner or "",
                    referral_feedback=_yes_no(rng.random() < FEEDBACK[agreed]) if partner else "")

    # courses and enrolments ----------------------------------------------------------------------------------
    def course_and_enrolment_rows(self) -> None:
        """People with a course need wait from their entitlement; a course opens (with a lag of two months)
        once enough wait, and takes the longest-waiting first. Results follow the course type."""
        rng = self.rng
        needs: list[dict] = []
        for case in self.cases:
            adult = case.age_band not in ("unter_18", "65_plus")
            wants = case.refugee and adult and rng.random() < 0.78 or case.group in (
                "eu_arbeitnehmer", "drittstaat_sonstig") and adult and rng.random() < 0.22
            if not wants:
                continue
            ctype = "allgemein"
            if case.refugee and case.group != "ukraine" and rng.random() < 0.17:
                ctype = "alphabetisierung"
            elif case.gender == "w" and rng.random() < 0.25 and case.opened < date(2024, 6, 1):
                ctype = "frauen"
            if case.group in ("schutz_anerkannt", "ukraine"):
                entitlement = "verpflichtet" if rng.random() < 0.55 else "berechtigt"
            elif case.group in ("asylverfahren", "geduldet"):
                entitlement = "berechtigt" if rng.random() < 0.8 else "ohne"
            else:
                entitlement = "berechtigt" if case.group == "drittstaat_sonstig" else "ohne"
            entitled = _weekday(case.opened + timedelta(days=rng.randint(7, 75)))
            if entitled <= self.until:
                needs.append(dict(case=case, type=ctype, entitlement=entitlement, entitled=entitled, attempt=1))
        self.enrolment_counter = 0
        self.course_numbers: dict[tuple[str, int], int] = {}
        self.run_courses(needs)
        self.local_courses()

    def course_id(self, ctype: str, start: date) -> str:
        provider = COURSE_SPECS[ctype][3]
        key = (provider, start.year)
        self.course_numbers[key] = self.course_numbers.get(key, 0) + 1
        short = {"allgemein": "IK", "alphabetisierung": "AK", "frauen": "FK", "intensiv": "IN", "bsk_basis_b2": "BSK",
                 "lokal_sprachtreff": "ST", "lokal_mit_kinderbetreuung": "KB"}[ctype]
        return f"{provider}-{short}-{start.year}-{self.course_numbers[key]:02d}"

    def add_course(self, ctype: str, start: date) -> tuple[str, date]:
        lessons, weeks, places, _, provider = COURSE_SPECS[ctype]
        end = _weekday(start + timedelta(weeks=weeks + self.rng.randint(0, 3)))
        course_id = self.course_id(ctype, start)
        self.add("courses", course_id=course_id, course_type=ctype, provider=provider, start=_de(start),
                 end=_de(end) if end <= self.until + timedelta(days=365) else "", lessons=str(lessons),
                 places=str(places))
        return course_id, end

    def run_courses(self, needs: list[dict]) -> None:
        """Month by month: the newly entitled join the queue; where enough wait, a provider plans a course that
        starts six to ten weeks later and fills it with the longest-waiting. Providers open at most one course
        per type every COURSE_GAP_MONTHS per Wietze-sized Gemeinde, so in the arrival waves the queue grows."""
        rng = self.rng
        queue: list[dict] = []
        pending = sorted(needs, key=lambda n: (n["entitled"], n["case"].case_id))
        per_month = max(1, round(self.volume))
        next_allowed = {ctype: date(2016, 1, 1) for ctype in COURSE_OPENS_AT}
        for month in _months(date(2016, 1, 1), self.until):
            while pending and pending[0]["entitled"] < month:
                queue.append(pending.pop(0))
            for ctype, threshold in COURSE_OPENS_AT.items():
                places = COURSE_SPECS[ctype][2]
                if month < next_allowed[ctype]:
                    continue
                for _ in range(per_month):
                    waiting = [n for n in queue if n["type"] == ctype]
                    if len(waiting) < max(2, round(threshold * min(1.0, self.volume))):
                        break
                    start = _weekday(month + timedelta(days=rng.randint(42, 70)))
                    if start > self.until:
                        break
                    course_id, end = self.add_course(ctype, start)
                    gap = COURSE_GAP_MONTHS + (2 if month < date(2017, 1, 1) else 0)  # 2016: providers overrun
                    next_allowed[ctype] = month + timedelta(days=31 * gap - 15)
                    for need in waiting[:places]:
                        queue.remove(need)
                        self.enrol(need, course_id, ctype, start, end, pending)
        for need in queue + pending:
            case = need["case"]
            if need["entitled"] <= self.until and (case.active_on(self.until)
                                                    or case.reason not in ("wegzug", "kontaktabbruch")):
                self.enrolment(need, "", None, None, "wartend")

    def enrol(self, need: dict, course_id: str, ctype: str, start: date, end: date, pending: list[dict]) -> None:
        rng, case = self.rng, need["case"]
        if case.closed is not None and case.closed < start and case.reason in ("wegzug", "kontaktabbruch"):
            return  # moved away or out of reach before a place came free
        if start > self.until:
            return
        dropped = rng.random() < (0.2 if ctype == "alphabetisierung" else 0.14)
        if dropped:
            left = _weekday(start + timedelta(days=rng.randint(20, max(21, (end - start).days - 10))))
            if left > self.until:
                self.enrolment(need, course_id, start, None, "laufend")
            else:
                self.enrolment(need, course_id, start, left, "abgebrochen")
            return
        if end > self.until:
            self.enrolment(need, course_id, start, None, "laufend")
            return
        if ctype == "bsk_basis_b2":
            self.enrolment(need, course_id, start, end, "regulaer_beendet")
            return
        result = _pick(rng, DTZ["repeat" if need["attempt"] > 1 else ctype])
        lid = None if result == "nicht_teilgenommen" else rng.random() < 0.86
        job_course = result == "B1" and rng.random() < 0.3
        self.enrolment(need, course_id, start, end, "regulaer_beendet", result, lid, job_course)
        follow_up = end + timedelta(days=rng.randint(25, 90))
        if job_course:
            pending.append(dict(case=case, type="bsk_basis_b2", entitlement="berechtigt",
                                entitled=_weekday(follow_up), attempt=1))
        elif result in ("A2", "unter_A2") and need["attempt"] == 1 and need["entitlement"] == "verpflichtet" \
                and ctype == "allgemein" and rng.random() < 0.45:
            pending.append(dict(need, entitled=_weekday(follow_up), attempt=2))
        pending.sort(key=lambda n: (n["entitled"], n["case"].case_id))

    def enrolment(self, need: dict, course_id: str, start: date | None, end: date | None, status: str,
                  result: str | None = None, lid: bool | None = None, job_course: bool | None = None) -> None:
        self.enrolment_counter += 1
        attempt = str(need["attempt"]) if result and result != "nicht_teilgenommen" else ""
        self.add("enrolments", enrolment_id=f"T-{self.enrolment_counter:04d}", case_id=need["case"].case_id,
                 course_id=course_id, entitlement=need["entitlement"], entitled_on=_de(need["entitled"]),
                 started_on=_de(start), ended_on=_de(end), status=status, dtz_result=result or "",
                 dtz_attempt=attempt, lid_passed=_yes_no(lid), job_course_after=_yes_no(job_course))

    def local_courses(self) -> None:
        """The Gemeinde's own low-threshold offers: a volunteer language meeting each school year from 2016
        and a course with childcare for mothers from 2018."""
        for year in range(2016, self.until.year + 1):
            start = _weekday(date(year, 9, 1))
            if start <= self.until:
                self.add_course("lokal_sprachtreff", start)
            if year >= 2018 and not _in(start, COVID_CAFE_CLOSED):
                start = _weekday(date(year, 10, 1))
                if start <= self.until:
                    self.add_course("lokal_mit_kinderbetreuung", start)

    # internships ---------------------------------------------------------------------------------------------
    def internship_rows(self) -> None:
        rng, number = self.rng, {}
        for month in _months(INTERNSHIP_EXCHANGE_START, self.until):
            if _in(month, COVID_LOCKDOWN):
                continue
            for _ in range(_poisson(rng, 2.1 * self.volume)):
                offered = _weekday(month + timedelta(days=rng.randrange(28)))
                if offered > self.until:
                    continue
                number[offered.year] = number.get(offered.year, 0) + 1
                self.internship(f"PB-{offered.year}-{number[offered.year]:02d}", offered)

    def internship(self, internship_id: str, offered: date) -> None:
        rng = self.rng
        row = dict(internship_id=internship_id, offered_on=_de(offered), sector=_pick(rng, SECTORS), status="angeboten",
                   case_id="", placed_on="", start="", end="", outcome="", outcome_on="")
        placed = _weekday(offered + timedelta(days=rng.randint(5, 70)))
        candidates = [c for c in self.cases if c.employable and c.active_on(placed) and c.age_band != "45_64"]
        if rng.random() < 0.82 and placed <= self.until and candidates:
            case = rng.choice(candidates)
            start = _weekday(placed + timedelta(days=rng.randint(5, 25)))
            end = _weekday(start + timedelta(weeks=rng.randint(2, 8)))
            row.update(status="vermittelt", case_id=case.case_id, placed_on=_de(placed), start=_de(start))
            if start <= self.until:
                if rng.random() < 0.16:
                    left = _weekday(start + timedelta(days=rng.randint(2, max(3, (end - start).days - 1))))
                    if left <= self.until:
                        row.update(status="abgebrochen", end=_de(left), outcome="abbruch")
                elif end <= self.until:
                    outcome = _pick(rng, {"ausbildung": 19, "beschaeftigung": 26, "weiteres_praktikum": 10,
                                          "kein_anschluss": 45})
                    row.update(status="abgeschlossen", end=_de(end), outcome=outcome)
                    if outcome == "ausbildung":
                        # apprenticeships start on 1 August (or 1 September)
                        year = end.year if end.month < 8 else end.year + 1
                        day = date(year, 8 if rng.random() < 0.7 else 9, 1)
                        row["outcome_on"] = _de(day) if day <= self.until else ""
                    elif outcome in ("beschaeftigung", "weiteres_praktikum"):
                        day = _weekday(end + timedelta(days=rng.randint(1, 240)))
                        row["outcome_on"] = _de(day) if day <= self.until else ""
                    if not row["outcome_on"] and outcome != "kein_anschluss":
                        row["outcome"] = ""  # not yet known
        self.add("internships", **row)

    # Integrationscafé ----------------------------------------------------------------------------------------
    def cafe_rows(self) -> None:
        rng = self.rng
        day = date(2016, 2, 3)  # the first Wednesday in February 2016
        while day <= self.until:
            if self.cafe_planned(day):
                cancelled = _in(day, COVID_CAFE_CLOSED) or rng.random() < 0.03
                row = dict(date=_de(day), cancelled="ja" if cancelled else ("nein" if rng.random() < 0.9 else ""),
                           attendees="", first_time="", women="", children="", volunteers="")
                if not cancelled:
                    row.update(self.cafe_visit(day))
                self.add("cafe_sessions", **row)
            day += timedelta(weeks=1)

    def cafe_planned(self, day: date) -> bool:
        """Weekly on Wednesdays, except three weeks in the middle of the summer holidays and over Christmas."""
        if (day.month == 12 and day.day >= 22) or (day.month == 1 and day.day <= 6):
            return False
        summer = SUMMER_HOLIDAYS.get(day.year)
        if summer is not None and summer + timedelta(days=10) <= day < summer + timedelta(days=31):
            return False
        return True

    def cafe_visit(self, day: date) -> dict:
        rng = self.rng
        year = day.year + (day.month - 1) / 12
        if year < 2017:
            mean, women, first, helpers = 34, 0.32, 0.16, 8
        elif year < 2020.2:
            mean, women, first, helpers = 34 - 6 * (year - 2017), 0.42, 0.10, 6
        elif year < 2022.2:
            mean, women, first, helpers = 13, 0.48, 0.08, 4
        elif year < 2023:
            mean, women, first, helpers = 29, 0.66, 0.20, 6
        else:
            mean, women, first, helpers = 21 - 1.2 * (year - 2023), 0.55, 0.09, 5
        mean *= min(3.0, max(0.5, math.sqrt(self.volume)))
        attendees = max(3, _poisson(rng, mean))
        n_women = sum(rng.random() < women for _ in range(attendees))
        first_time = sum(rng.random() < first for _ in range(attendees))
        counted = rng.random() < 0.92  # the list of who came is sometimes not kept
        return dict(attendees=str(attendees), first_time=str(first_time) if counted else "",
                    women=str(n_women) if counted else "", children=str(_poisson(rng, attendees * 0.3)),
                    volunteers=str(max(1, _poisson(rng, helpers))))

    # network events --------------------------------------------------------------------------------------------
    def event_rows(self) -> None:
        rng, events = self.rng, []
        for month in _months(date(2016, 1, 1), self.until):
            if _in(month, COVID_LOCKDOWN):
                continue
            if month.month in (2, 5, 9, 11):
                events.append(("netzwerktreffen", month))
            if month >= date(2017, 9, 1) and month.month % 2 == 0:
                events.append(("arbeitskreis", month))
            for _ in range(_poisson(rng, (0.9 if month >= SECOND_POST_START else 0.4) * min(3, self.volume))):
                events.append(("fallkonferenz", month))
            if month.month == 10 and month.year >= 2017:
                events.append(("fachveranstaltung", month))
        numbers: dict[tuple[str, int], int] = {}
        rows = []
        for etype, month in events:
            day = _weekday(month + timedelta(days=rng.randrange(26)))
            if day > self.until:
                continue
            active = [p[0] for p in self.partners if p[2] <= day and (p[3] is None or p[3] >= day)]
            size = {"fallkonferenz": 2, "arbeitskreis": 6, "netzwerktreffen": 9, "fachveranstaltung": 12}[etype]
            chosen = sorted(rng.sample(active, min(len(active), max(1, size + rng.randint(-1, 2)))))
            rows.append((day, etype, "|".join(chosen) if rng.random() < 0.95 else ""))
        for day, etype, partners in sorted(rows):
            key = (EVENT_CODES[etype], day.year)
            numbers[key] = numbers.get(key, 0) + 1
            self.add("network_events", event_id=f"{key[0]}-{day.year}-{numbers[key]:02d}", date=_de(day),
                     event_type=etype, partners=partners)


# --- writing the exports ------------------------------------------------------------------------------------------


def export_bytes(kind: contract.Kind, rows: list[dict]) -> bytes:
    """One kind's rows as a spreadsheet would save them: German headers, `;`, CRLF; Windows-1252, or UTF-8
    with BOM for the kinds in UTF8_KINDS."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(kind.headers)
    for row in rows:
        writer.writerow([row.get(f.name, "") for f in kind.fields])
    text = buffer.getvalue()
    return text.encode("utf-8-sig") if kind.name in UTF8_KINDS else text.encode("cp1252")


def generate(out_dir: Path, seed: int = DEFAULT_SEED, until: date = DEMO_UNTIL, scale: int = 1) -> list[Path]:
    """Write one export per contract kind into `out_dir` and return their paths (in contract.LOAD_ORDER).

    `scale` N takes N Gemeinden (choose_gemeinden: the Landkreis Celle's first, Wietze first, each with a volume in
    proportion to its population; beyond 21 synthetic ones of other Landkreise). All Gemeinden go into the same
    files, as a Landkreis-wide export would."""
    rows: dict[str, list[dict]] = {k.name: [] for k in contract.KINDS}
    for gemeinde in choose_gemeinden(scale):
        for kind_name, kind_rows in _Story(gemeinde, seed, until).build().items():
            rows[kind_name].extend(kind_rows)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for kind_name in contract.LOAD_ORDER:
        kind = contract.kind(kind_name)
        path = out_dir / f"{kind.slug}.csv"
        path.write_bytes(export_bytes(kind, rows[kind_name]))
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m etl.demo",
                                     description="Schreibt die synthetischen Demo-Exporte (Standard: data/demo/).")
    parser.add_argument("--out", type=Path, default=settings.DEMO_DIR, help="Zielordner")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="Startwert des Zufallsgenerators")
    parser.add_argument("--until", type=date.fromisoformat, default=DEMO_UNTIL, help="Stichtag JJJJ-MM-TT")
    parser.add_argument("--scale", type=int, default=1,
                        help="Anzahl Gemeinden (über 21: zusätzliche synthetische Gemeinden)")
    args = parser.parse_args(argv)
    for path in generate(args.out, args.seed, args.until, args.scale):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
