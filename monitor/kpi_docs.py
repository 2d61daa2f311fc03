"""The KPI registry rendered for people: German Markdown (docs/kennzahlen.md).

Made from monitor.registry and the KPI texts, so the page cannot drift from what the overview computes and
publishes; a test compares docs/kennzahlen.md with render_markdown(). ``python -m monitor kpi-docs`` prints it.
"""

from __future__ import annotations

from monitor import contract, registry, suppression
from monitor.registry import CASELOAD, COUNT, DOWN, FLOW, MEAN, RATIO, SHARE, STOCK, UP, VALUE, Balance, KpiSpec
from monitor.texts import kpis as texts, ui

_INTRO = """# Kennzahlen

Diese Seite beschreibt jede Kennzahl der Übersicht: was gezählt wird, aus welchen Spalten welcher Datei,
welche Werte veröffentlicht werden, wie sie zusammenhängen und was in der öffentlichen Ansicht und für den
Rat verborgen wird. Sie wird aus dem Kennzahlenregister des Programms erzeugt
(`python -m monitor kpi-docs`) und ändert sich mit ihm; ein Test prüft, dass beide übereinstimmen.

Die Dateien und Spalten sind in [datenformat.md](datenformat.md) beschrieben, die Regeln zum Schutz kleiner
Zahlen in [datenschutz.md](datenschutz.md).

**Zeiträume.** Kennzahlen gibt es je Kalenderjahr und je Quartal. Ein **Stichtag** ist der letzte Tag des
Zeitraums (beim laufenden Jahr oder Quartal der Stand der Daten); ein Bestand am Stichtag ist für ein Jahr und
sein viertes Quartal dieselbe Zahl. Alles andere zählt, was **im Zeitraum** geschah (erster und letzter Tag
eingeschlossen). Ein leeres Datum zählt in keinem Zeitraum.
"""

_HIDDEN = f"""## Was verborgen wird

In der öffentlichen Ansicht, für den Rat und in der Sitzungsansicht jeder Rolle gilt Regel 5/10
(Einzelheiten in [datenschutz.md](datenschutz.md)); verborgene Werte erscheinen als `{ui.SUPPRESSED}`:

- Eine Anzahl von **1 bis {suppression.MIN_COUNT - 1} Personen** wird verborgen (0 wird gezeigt). Anzahlen, die
  keine Personen zählen (Termine, Plätze, Partnerinstitutionen), werden nicht verborgen.
- Ein **Anteil** über Personen erscheint nur, wenn sein Nenner mindestens **{suppression.MIN_GROUP} Personen**
  umfasst, weder der Zähler noch der Rest (Nenner minus Zähler) 1 bis {suppression.MIN_COUNT - 1} ist und er
  nicht 0 % oder 100 % beträgt („7 von 7 haben abgebrochen“ sagt etwas über jede der sieben).
- Ein **Mittelwert** über Personen erscheint nur, wenn er über mindestens **{suppression.MIN_COUNT} Personen**
  gebildet ist.
- Eine **Aufteilung** (aktive Fälle je Zielgruppe) erscheint nicht, wenn die Gruppe weniger als
  {suppression.MIN_GROUP} Personen umfasst oder eine Kategorie alle; Kategorien, die in keinem Zeitraum
  {suppression.MIN_GROUP} erreichen, werden vorher zusammengefasst.
- **Sekundär** wird verborgen, was sich aus den übrigen veröffentlichten Zahlen (allen Kennzahlen, Jahren,
  Quartalen, Gemeinden und den Zusammenhängen unten) auf weniger als {suppression.MIN_RANGE} mögliche Werte
  eingrenzen ließe.
- Nur **abgeschlossene** Quartale und Jahre werden gezeigt; eine Gemeinde wird nur angeboten, wenn sie
  mindestens {suppression.MIN_GROUP} Fälle hat.

Die Angaben „Was verborgen wird“ bei jeder Kennzahl nennen, welche dieser Regeln für ihre Werte gelten.
"""

_DIRECTION = {UP: "höher ist besser", DOWN: "niedriger ist besser", None: "keine Wertung"}

_BASIS = {
    RATIO: ("Ein Jahresziel gilt unverändert für jedes Quartal des Jahres und für das laufende Jahr oder Quartal: "
            "ein Anteil wächst nicht mit der Länge des Zeitraums."),
    STOCK: ("Ein Jahresziel gilt unverändert für jedes Quartal des Jahres und für das laufende Jahr oder Quartal: "
            "ein Bestand am Stichtag wächst nicht mit der Länge des Zeitraums."),
    FLOW: ("Gezählt wird, was im Zeitraum geschieht: ein Quartal hat ein Viertel des Jahresziels. Solange der "
           "Zeitraum läuft, gilt ein Mindestziel erst als erreicht, wenn es erreicht ist (sonst „noch offen“), "
           "ein Höchstziel als verfehlt, sobald es überschritten ist."),
    CASELOAD: ("Das Ziel gilt je Jahr (der Richtwert ist „je Jahr“). Quartale haben kein Ziel, denn ein Fall, der "
               "das ganze Jahr offen ist, zählt in jedem Quartal. Im laufenden Jahr gilt ein Höchstziel als "
               "verfehlt, sobald es überschritten ist, sonst als „noch offen“, bis das Jahr vorbei ist."),
}


def part_name(spec: KpiSpec, part: str) -> str:
    """The German name of a part (a category's: the breakdown's name and the category)."""
    names = texts.PARTS[spec.id]
    if part in names:
        return names[part]
    breakdown, code = spec.category_of(part)
    return f"{names[f'{breakdown.name}_*']}: {_code(breakdown, code)}"


def _code(breakdown: registry.Breakdown, code: str) -> str:
    """A category in words: its German label where the code list has one, else the code."""
    if code == registry.OTHER:
        return texts.OTHER
    return texts.code_label(breakdown.codes, code)


def _q(spec: KpiSpec, part: str) -> str:
    return f"„{part_name(spec, part)}“"


def _of(part: tuple[str, str]) -> str:
    """A part of another KPI, (KPI id, part), with that KPI's id."""
    return f"{_q(registry.spec(part[0]), part[1])} ({part[0]})"


def _kind(spec: KpiSpec, part: registry.Part) -> str:
    """What kind of figure a part is, in words."""
    if part.kind == SHARE:
        return f"Anteil: {_q(spec, part.of[0])} von {_q(spec, part.of[1])}"
    if part.kind == MEAN:
        return f"Mittelwert: {_q(spec, part.of[0])} je {_q(spec, part.of[1])}"
    if part.kind == VALUE:
        return "Wert"
    if part.stock:
        return "Anzahl am Stichtag"
    if part.additive:
        return "Anzahl im Zeitraum"
    return "Anzahl im Zeitraum (ein Jahr ist nicht die Summe seiner Quartale)"


def _shown(spec: KpiSpec, part: registry.Part) -> str:
    """Whether and how a part is shown."""
    notes = []
    if part.name == spec.headline:
        notes.append("Hauptwert")
    if not part.shown:
        through = [p.name for p in spec.parts if p.kind in (SHARE, MEAN) and part.name in p.of]
        if through:
            notes.append("nicht einzeln gezeigt, nur über " + ", ".join(_q(spec, n) for n in through))
        else:
            notes.append("nicht gezeigt; Rest in den Zusammenhängen")
    return "; ".join(notes)


def _parts_table(spec: KpiSpec) -> list[str]:
    out = ["| Wert | Art | zählt Personen | Hinweis |", "|---|---|---|---|"]
    for part in spec.parts:
        people = "ja" if part.people else "nein"
        out.append(f"| {part_name(spec, part.name)} (`{part.name}`) | {_kind(spec, part)} | {people} | "
                   f"{_shown(spec, part)} |")
    for b in spec.breakdowns:
        total = spec.part(b.total)
        people = "ja" if total.people else "nein"
        notes = ["Kategorien zusammengefasst, siehe unten"] if total.people else []
        if not b.exclusive:
            notes.append("mehrere Kategorien je Einheit möglich")
        out.append(f"| {texts.PARTS[spec.id][f'{b.name}_*']} (`{b.name}_…`) | "
                   f"{_kind(spec, total)}, je Kategorie | {people} | {'; '.join(notes)} |")
    return out


def _identities(spec: KpiSpec) -> list[str]:
    """The identities between the parts, in words."""
    out = []
    for identity in spec.identities:
        if isinstance(identity, Balance):
            out.append(f"{_q(spec, identity.stock)} = {_q(spec, identity.stock)} am Stichtag des Zeitraums davor "
                       f"+ {_q(spec, identity.inflow)} − {_q(spec, identity.outflow)}")
        elif isinstance(identity, registry.CategoryBalance):
            stock, inflow, outflow = (_q(spec, f"{n}_*") for n in (identity.stock, identity.inflow, identity.outflow))
            out.append(f"in jeder Kategorie: {stock} = {stock} am Stichtag des Zeitraums davor + {inflow} − {outflow}")
        else:
            out.append(f"{_q(spec, identity.total)} = " + " + ".join(_q(spec, n) for n in identity.parts))
    for b in spec.breakdowns:
        if b.exclusive:
            out.append(f"{_q(spec, b.total)} = Summe über die Kategorien von {_q(spec, f'{b.name}_*')}")
        else:
            out.append(f"jede Kategorie von {_q(spec, f'{b.name}_*')} ≤ {_q(spec, b.total)} (keine Summe: "
                       "eine Einheit kann in mehrere Kategorien fallen)")
    for link in registry.LINKS:
        if link.total[0] == spec.id:
            out.append(f"{_q(spec, link.total[1])} = {_of(link.stock)} am Stichtag des Zeitraums davor "
                       f"+ {_of(link.inflow)}")
    for same in registry.SAME:
        for mine, theirs in ((same.first, same.second), (same.second, same.first)):
            if mine[0] == spec.id:
                out.append(f"{_q(spec, mine[1])} = {_of(theirs)}")
    flows = [p.name for p in spec.parts if p.kind == COUNT and p.additive]
    if flows:
        out.append("ein Jahr = Summe seiner vier Quartale, für " + ", ".join(_q(spec, n) for n in flows))
    stocks = [p.name for p in spec.parts if p.kind == COUNT and p.stock]
    if stocks:
        out.append("ein Jahr = sein viertes Quartal (derselbe Stichtag), für " + ", ".join(_q(spec, n) for n in stocks))
    return out


def _hidden(spec: KpiSpec) -> list[str]:
    """Which of the rules apply to the KPI's figures."""
    out = []
    counts = [p.name for p in spec.parts if p.kind == COUNT and p.people and p.shown]
    if counts:
        out.append("Anzahlen von 1 bis 4 Personen: " + ", ".join(_q(spec, n) for n in counts))
    for part in spec.parts:
        if part.kind == SHARE and part.people:
            out.append(f"{_q(spec, part.name)}: nur bei mindestens {suppression.MIN_GROUP} "
                       f"{_q(spec, part.of[1])}, wenn weder {_q(spec, part.of[0])} noch der Rest 1 bis 4 sind, "
                       "nicht bei 0 % oder 100 %")
        elif part.kind == MEAN and part.people:
            out.append(f"{_q(spec, part.name)}: nur, wenn {_q(spec, part.of[0])} mindestens "
                       f"{suppression.MIN_COUNT} Personen sind")
        elif part.kind == VALUE and part.of:
            out.append(f"{_q(spec, part.name)}: nur, wo " + " und ".join(_q(spec, n) for n in part.of)
                       + " veröffentlicht " + ("wird" if len(part.of) == 1 else "werden"))
    for b in (b for b in spec.breakdowns if spec.part(b.total).people):
        single = "; bleibt nur eine Kategorie, wird die Aufteilung nicht gezeigt" if b.exclusive else ""
        merged = f"dieselben Kategorien wie {_q(spec, f'{b.categories_of}_*')}" if b.categories_of is not None \
            else (f"Kategorien, die in keinem Zeitraum {b.merge_below} erreichen, werden zu „{texts.OTHER}“ "
                  f"zusammengefasst{single}")
        years = "; nur für ganze Jahre, nie für ein Quartal" if b.years_only else ""
        out.append(f"Aufteilung {_q(spec, f'{b.name}_*')}: nicht bei weniger als {suppression.MIN_GROUP} "
                   f"{_q(spec, b.total)} oder wenn eine Kategorie alle umfasst; {merged}{years}")
    not_people = [p.name for p in spec.parts if p.kind in (COUNT, SHARE, MEAN) and not p.people and p.shown]
    if not_people:
        out.append("nicht verborgen, da keine Personen gezählt werden: " + ", ".join(_q(spec, n) for n in not_people))
    if any(p.people for p in spec.all_parts()):
        out.append("dazu, was sich aus anderen veröffentlichten Zahlen eingrenzen ließe (sekundär)")
    return out


def _sources(spec: KpiSpec) -> list[str]:
    out = []
    for kind_name, fields in spec.sources:
        kind = contract.kind(kind_name)
        columns = ", ".join(f"`{kind.field(f).header}`" for f in fields)
        out.append(f"`{kind.slug}.csv` ({kind.label}): {columns}")
    return out


def _kpi(spec: KpiSpec) -> list[str]:
    out = [f"\n## {spec.id} – {texts.NAMES[spec.id]}\n", texts.DEFINITIONS[spec.id] + "\n"]
    out.append(f"- **Kennung:** `{spec.id}`")
    out.append(f"- **Einheit:** {texts.UNITS[spec.unit]}")
    out.append(f"- **Bewertung:** {_DIRECTION[spec.good]}")
    out.append(f"- **Ziele:** {_BASIS[spec.target_basis]}")
    out.append("- **Quelle:** " + "; ".join(_sources(spec)))
    if spec.id in texts.NO_VALUE:
        out.append(f"- **Ohne Wert:** {texts.NO_VALUE[spec.id]}")
    out.append("\n**Veröffentlichte Werte**\n")
    out += _parts_table(spec)
    for b in spec.breakdowns:
        if b.codes is None:
            codes = "die in den Daten vorkommenden"
        else:
            codes = ", ".join(f"{_code(b, c)} (`{c}`)" for c in b.codes)
        out.append(f"\nKategorien von {_q(spec, f'{b.name}_*')}: {codes}.")
    identities = _identities(spec)
    if identities:
        out.append("\n**Zusammenhänge**\n")
        out += [f"- {line}" for line in identities]
    out.append("\n**Was verborgen wird**\n")
    out += [f"- {line}" for line in _hidden(spec)]
    return out


def render_markdown() -> str:
    out = [_INTRO, "## Übersicht\n", "| Kennung | Kennzahl | Einheit | Bewertung |", "|---|---|---|---|"]
    for spec in registry.REGISTRY:
        out.append(f"| `{spec.id}` | {texts.NAMES[spec.id]} | {texts.UNITS[spec.unit]} | {_DIRECTION[spec.good]} |")
    out.append("")
    out.append(_HIDDEN)
    for spec in registry.REGISTRY:
        out += _kpi(spec)
    return "\n".join(out).rstrip("\n") + "\n"
