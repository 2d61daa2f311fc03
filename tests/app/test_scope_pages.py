"""The scope of an account on the pages (AppTest): in an installation of three Gemeinden, an account limited to one
Gemeinde sees that one only, on every page of figures and for every role x Gemeinde pair; a choice remembered from
another Gemeinde does not get past it; the public and the administration see every Gemeinde; an upload with rows
of another Gemeinde is refused with row and column."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from etl import demo
from etl.pipeline import import_files
from monitor import auth, bootstrap, context as ctx, db, fmt, overview, roles, scope as scopes
from monitor.texts import errors, kontext as kontext_texts, ui
from tests.app.conftest import use_database
from tests.app.test_pages import PROJECT
from ui import filters, session

WIETZE, ADELHEIDSDORF, AHNSBECK = GEMEINDEN = [g.ags for g in demo.choose_gemeinden(3)]
NAMES = {ags: overview.gemeinde_name(ags) for ags in GEMEINDEN}
FIGURE_PAGES = ("uebersicht", "beratung", "sprachkurse", "praktikumsboerse", "integrationscafe", "netzwerk", "karte",
                "kontext")
PASSWORD = "ein langes Passwort"


@pytest.fixture(scope="module")
def landkreis(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('scope-pages') / 'landkreis.db'}"
    with use_database(url) as engine:
        bootstrap.ensure_ready(engine, load_demo=False)
        bootstrap.load_context_files(engine)  # the official population of each Gemeinde
        paths = demo.generate(tmp_path_factory.mktemp("scope-pages-demo"), scale=3)
        assert import_files(engine, [(p.name, p.read_bytes()) for p in paths], user="demo").ok
        yield engine


def account(engine, role: str, gemeinden: scopes.Scope) -> dict:
    """The session of a local login of an account with `role` that sees `gemeinden`."""
    name = f"{role}-{gemeinden.stored().replace(',', '-').replace('*', 'alle')}"
    if auth.account(engine, name) is None:
        auth.add_user(engine, name, role, PASSWORD, actor="test", gemeinden=gemeinden)
    return {"name": name, "role": role, "last_seen": datetime.now(UTC)}


def run(page: str, login: dict | None, remembered: str | None = None) -> AppTest:
    at = AppTest.from_file(str(PROJECT / "pages" / f"{page}.py"), default_timeout=180)
    at.context = {"locale": "de-DE"}
    if login is not None:
        at.session_state[session.STATE] = login
    if remembered is not None:  # the Gemeinde chosen before (on another page, or under another account)
        at.session_state[filters.REMEMBERED] = {"ags": remembered}
    return at.run()


def gemeinde_box(at: AppTest):
    return next((box for box in at.selectbox if box.label == ui.GEMEINDE), None)


def shown_gemeinde(at: AppTest) -> str:
    """The Gemeinde of the line under the filters."""
    line = next(c.value for c in at.caption if " · Zeitraum " in c.value)
    return line.split(" · ")[0]


@pytest.mark.parametrize("role", [roles.COUNCIL, roles.MAYOR, roles.STAFF])
@pytest.mark.parametrize("own", GEMEINDEN)
def test_an_account_of_one_gemeinde_sees_that_one_only(landkreis, role, own):
    other = next(ags for ags in GEMEINDEN if ags != own)
    at = run("uebersicht", account(landkreis, role, scopes.of([own])), remembered=other)
    assert not at.exception
    assert gemeinde_box(at) is None  # nothing to choose: one Gemeinde
    assert shown_gemeinde(at) == NAMES[own]


@pytest.mark.parametrize("page", FIGURE_PAGES)
def test_every_page_of_figures_keeps_to_the_scope(landkreis, page):
    login = account(landkreis, roles.STAFF, scopes.of([ADELHEIDSDORF, AHNSBECK]))
    at = run(page, login, remembered=WIETZE)
    assert not at.exception
    box = gemeinde_box(at)
    assert sorted(box.options) == sorted([NAMES[ADELHEIDSDORF], NAMES[AHNSBECK]])
    assert shown_gemeinde(at) in (NAMES[ADELHEIDSDORF], NAMES[AHNSBECK])
    assert NAMES[WIETZE] not in shown_gemeinde(at)


def test_the_public_and_the_administration_see_every_gemeinde(landkreis):
    public = run("uebersicht", None)
    assert sorted(gemeinde_box(public).options) == sorted(NAMES.values())
    # an administrator administers the installation: every Gemeinde, whatever is stored for the account
    admin = run("uebersicht", account(landkreis, roles.ADMIN, scopes.of([AHNSBECK])))
    assert sorted(gemeinde_box(admin).options) == sorted(NAMES.values())


def test_an_account_without_gemeinden_sees_no_figures(landkreis):
    at = run("uebersicht", account(landkreis, roles.MAYOR, scopes.NONE))
    assert not at.exception
    assert [i.value for i in at.info] == [ui.NO_DATA_IN_SCOPE] and not at.metric


def test_a_scope_changed_while_logged_in_takes_effect_at_the_next_click(landkreis):
    login = account(landkreis, roles.MAYOR, scopes.of([WIETZE, AHNSBECK]))
    at = run("uebersicht", login)
    assert len(gemeinde_box(at).options) == 2
    auth.set_gemeinden(landkreis, login["name"], scopes.of([AHNSBECK]), "admin")
    at.run()
    assert gemeinde_box(at) is None and shown_gemeinde(at) == NAMES[AHNSBECK]


def test_targets_and_the_meeting_mode_keep_to_the_scope(landkreis):
    targets = run("ziele", account(landkreis, roles.MAYOR, scopes.of([AHNSBECK])))
    assert not targets.exception and gemeinde_box(targets) is None
    assert any(NAMES[AHNSBECK] in h.value for h in targets.subheader)
    assert not any(NAMES[WIETZE] in h.value for h in targets.subheader)
    planner = run("sitzung", account(landkreis, roles.STAFF, scopes.of([AHNSBECK])))
    assert not planner.exception
    assert not [box for box in planner.selectbox if box.label == ui.GEMEINDE]  # only its own to plan for


def test_an_upload_with_rows_of_another_gemeinde_is_refused_with_row_and_column(landkreis):
    at = run("hochladen", account(landkreis, roles.STAFF, scopes.of([AHNSBECK])))
    staffing = ("gemeinde_ags;kuerzel;geschlecht;vze;gueltig_ab;gueltig_bis\r\n"
                f"{AHNSBECK};IB-X;w;0,5;01.01.2024;\r\n{WIETZE};IB-Y;m;0,5;01.01.2024;\r\n").encode("cp1252")
    before = _staffing_rows(landkreis)
    at.file_uploader[0].set_value([("stellenanteile.csv", staffing, "text/csv")]).run()
    assert not at.exception
    assert [e.value for e in at.error] == [ui.UPLOAD_REJECTED]
    problems = at.dataframe[2].value
    assert problems[[ui.UPLOAD_COL_LINE, ui.UPLOAD_COL_COLUMN]].values.tolist() == [["3", "gemeinde_ags"]]
    message = errors.OUTSIDE_SCOPE.format(ags=WIETZE, allowed=AHNSBECK)
    assert message in problems[ui.UPLOAD_COL_MESSAGE].tolist()
    assert _staffing_rows(landkreis) == before


def _staffing_rows(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(db.TABLES["staffing"])).scalar_one()


def comparison_table(at: AppTest):
    return next((t.value for t in at.table if kontext_texts.COMPARE_COL_POPULATION in t.value.columns
                 and kontext_texts.COMPARE_COL_GEMEINDE in t.value.columns), None)


def test_the_gemeinden_of_the_scope_compared_per_thousand_inhabitants(landkreis):
    login = account(landkreis, roles.STAFF, scopes.of([ADELHEIDSDORF, AHNSBECK]))
    at = run("kontext", login)
    assert not at.exception
    table = comparison_table(at)
    assert sorted(table[kontext_texts.COMPARE_COL_GEMEINDE]) == sorted([NAMES[ADELHEIDSDORF], NAMES[AHNSBECK]])
    (chart,) = at.get("deck_gl_json_chart")  # the map of the Landkreis: the two compared filled, the rest outlined
    features = next(layer["data"]["features"] for layer in json.loads(chart.proto.json)["layers"]
                    if layer["id"] == "vergleich")
    filled = {f["properties"]["tooltip"].split(":")[0] for f in features if f["properties"]["fill"][3]}
    assert len(features) == 21 and filled == {NAMES[ADELHEIDSDORF], NAMES[AHNSBECK]}
    short = kontext_texts.OWN_SHORT[("K1", "opened")]
    rate = kontext_texts.COMPARE_COL_RATE.format(figure=short)
    for _, row in table.iterrows():
        ags = next(a for a, n in NAMES.items() if n == row[kontext_texts.COMPARE_COL_GEMEINDE])
        population = ctx.population(landkreis, ags).value  # the Gemeindeverzeichnis' figure
        assert row[kontext_texts.COMPARE_COL_POPULATION] == fmt.number(population)
        count = int(row[short].replace(".", ""))
        assert row[rate] == fmt.number(count * 1000 / population, 1)  # computed here from the two printed
    assert kontext_texts.COMPARE_SECTION.split(",")[0] in at.header[-1].value
    one = run("kontext", account(landkreis, roles.STAFF, scopes.of([AHNSBECK])))
    assert comparison_table(one) is None  # one Gemeinde: nothing to compare


def test_the_public_comparison_shows_the_published_counts_only(landkreis):
    at = run("kontext", None)
    assert not at.exception
    table = comparison_table(at)
    assert sorted(table[kontext_texts.COMPARE_COL_GEMEINDE]) == sorted(NAMES.values())
    assert kontext_texts.OWN_PUBLISHED in [c.value for c in at.caption]


def test_the_import_history_lists_the_batches_of_the_own_gemeinden_only(landkreis):
    own = ("gemeinde_ags;kuerzel;geschlecht;vze;gueltig_ab;gueltig_bis\r\n"
           f"{AHNSBECK};IB-H;w;0,5;01.01.2025;\r\n").encode("cp1252")
    assert import_files(landkreis, [("stellenanteile_ahnsbeck.csv", own)], user="vw-ahnsbeck",
                        scope=scopes.of([AHNSBECK])).ok

    def history(login: dict) -> list[str]:
        at = run("hochladen", login)
        assert not at.exception
        table = next((t.value for t in at.dataframe if ui.UPLOAD_COL_FILE in t.value.columns), None)
        return [] if table is None else list(table[ui.UPLOAD_COL_FILE])

    # the demo's files hold all three Gemeinden: only for who may see all three
    assert history(account(landkreis, roles.STAFF, scopes.of([AHNSBECK]))) == ["stellenanteile_ahnsbeck.csv"]
    assert history(account(landkreis, roles.STAFF, scopes.of([WIETZE]))) == []
    every = history(account(landkreis, roles.STAFF, scopes.ALL))
    assert every[0] == "stellenanteile_ahnsbeck.csv" and "faelle.csv" in every


def test_oidc_groups_give_the_gemeinden(landkreis):
    """The Gemeinden of an OIDC login from its groups (gemeinde_mapping), as the provider fills st.user."""
    from tests.app.test_roles import OIDC_SECRETS

    secrets = {key: dict(value) for key, value in OIDC_SECRETS.items()}
    secrets["integrationsmonitor"]["gemeinde_mapping"] = {"im-ahnsbeck": AHNSBECK, "im-landkreis": "*"}

    def oidc(groups: list[str]) -> AppTest:
        at = AppTest.from_file(str(PROJECT / "pages" / "uebersicht.py"), default_timeout=180)
        at.secrets = secrets
        at.user = {"is_logged_in": True, "sub": f"u-{'-'.join(groups)}", "email": "x@landkreis.example",
                   "groups": groups}
        return at.run()

    own = oidc(["im-verwaltung", "im-ahnsbeck"])
    assert not own.exception and gemeinde_box(own) is None and shown_gemeinde(own) == NAMES[AHNSBECK]
    landkreis_staff = oidc(["im-verwaltung", "im-landkreis"])
    assert sorted(gemeinde_box(landkreis_staff).options) == sorted(NAMES.values())
    none = oidc(["im-verwaltung"])  # a role, but no Gemeinde
    assert [i.value for i in none.info] == [ui.NO_DATA_IN_SCOPE] and not none.metric


def test_the_comparison_does_not_wait_for_the_sets_of_the_other_gemeinden(landkreis, monkeypatch):
    """In the server, after an import: the public comparison shows its Gemeinde's set and, for the others, the
    sets published until then while theirs are built in the background; it says so and reloads itself."""
    from types import SimpleNamespace

    from monitor import audit
    from ui import cache

    run("kontext", None)  # every Gemeinde's set of this data version, built (a page alone builds them)
    audit.record(landkreis, audit.IMPORT, "test", detail="a new data version")
    started = []
    monkeypatch.setattr(cache, "runtime", SimpleNamespace(exists=lambda: True))  # as in the server
    monkeypatch.setattr(cache, "_start", lambda name, target, args: started.append(args[2]))  # not run here
    at = run("kontext", None)
    assert not at.exception
    assert kontext_texts.COMPARE_PENDING in [i.value for i in at.info]
    shown = overview.by_name(GEMEINDEN)[0]  # the page's Gemeinde (the first by name): its new set, built now
    assert sorted(started) == sorted(ags for ags in GEMEINDEN if ags != shown)
    table = comparison_table(at)
    assert sorted(table[kontext_texts.COMPARE_COL_GEMEINDE]) == sorted(NAMES.values())
    # the others: the figures of their sets published until then, or "wird berechnet" where those have nothing for
    # the period (not "nicht veröffentlicht": that is not known before their new sets are built)
    assert kontext_texts.COMPARE_NOT_PUBLISHED not in table.to_numpy()
    # while the server's preparation of this data version runs, it builds them: the view starts nothing itself
    from datetime import date

    started.clear()
    database, version = cache.database()
    monkeypatch.setattr(cache, "_prepared", {(database, version, cache._set_day(date.today()))})
    again = run("kontext", None)
    assert kontext_texts.COMPARE_PENDING in [i.value for i in again.info] and started == []
