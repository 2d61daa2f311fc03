"""The scope of an account (monitor.scope): which Gemeinden it may see, stored, mapped from OIDC claims, and
enforced in the import, in `kpis` and `report` on the command line, for every role x Gemeinde pair of a database
that holds three Gemeinden of the Landkreis Celle."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import func, select

from etl import demo
from etl.pipeline import REJECTED, import_files
from monitor import audit, auth, cli, db, published, queries, roles, scope as scopes
from tests.unit.test_cli_accounts import run_cli

GEMEINDEN = [g.ags for g in demo.choose_gemeinden(3)]
WIETZE, ADELHEIDSDORF, AHNSBECK = GEMEINDEN
AS_OF = date(2025, 12, 31)
PASSWORD = "ein langes Passwort"


# --- the scope itself -------------------------------------------------------------------------------------------


def test_a_scope_allows_its_gemeinden_only_and_every_gemeinde_only_when_said():
    two = scopes.of([ADELHEIDSDORF, " 03351002 "])
    assert two.allows(ADELHEIDSDORF) and two.allows(AHNSBECK) and not two.allows(WIETZE)
    assert not two.allows(None)
    assert two.restrict([AHNSBECK, WIETZE, ADELHEIDSDORF]) == [AHNSBECK, ADELHEIDSDORF]
    assert two.require(AHNSBECK) == AHNSBECK
    with pytest.raises(scopes.OutOfScope):
        two.require(WIETZE)
    assert scopes.NONE.restrict(GEMEINDEN) == []
    assert scopes.ALL.restrict(GEMEINDEN) == GEMEINDEN
    assert two.stored() == "03351001,03351002" and scopes.parse(two.stored()) == two
    assert scopes.parse("*") is scopes.ALL and scopes.parse("") == scopes.NONE


@pytest.mark.parametrize("text", ["3351001", "0335100A", "03351001;03351002", "Wietze", "*,03351001"])
def test_anything_but_eight_digit_keys_is_no_scope(text):
    with pytest.raises(scopes.BadScope):
        scopes.parse(text)


def test_oidc_groups_map_to_gemeinden_and_an_unmapped_login_sees_none():
    mapping = {"im-adelheidsdorf": ADELHEIDSDORF, "im-sg": f"{AHNSBECK},{WIETZE}", "im-landkreis": "*",
               "im-kaputt": "Wietze"}
    claims = {"groups": ["im-sg", "im-verwaltung"]}
    assert auth.scope_from_claims(claims, "groups", mapping, roles.STAFF) == scopes.of([AHNSBECK, WIETZE])
    assert auth.scope_from_claims({"groups": "im-adelheidsdorf"}, "groups", mapping, roles.COUNCIL) == \
        scopes.of([ADELHEIDSDORF])
    assert auth.scope_from_claims({"groups": ["im-sg", "im-landkreis"]}, "groups", mapping, roles.STAFF) is scopes.ALL
    assert auth.scope_from_claims({"groups": ["im-kaputt"]}, "groups", mapping, roles.STAFF) == scopes.NONE
    assert auth.scope_from_claims({"groups": ["other"]}, "groups", mapping, roles.MAYOR) == scopes.NONE
    assert auth.scope_from_claims({}, "groups", mapping, roles.MAYOR) == scopes.NONE
    # an administrator administers the installation; without a mapping there is one Gemeinde to see
    assert auth.scope_from_claims({"groups": ["other"]}, "groups", mapping, roles.ADMIN) is scopes.ALL
    assert auth.scope_from_claims({"groups": ["other"]}, "groups", None, roles.STAFF) is scopes.ALL


def test_an_account_keeps_its_gemeinden_and_a_change_is_audited(engine):
    auth.add_user(engine, "eva", roles.STAFF, PASSWORD, "admin", scopes.of([AHNSBECK]))
    auth.add_user(engine, "lk", roles.STAFF, PASSWORD, "admin", scopes.ALL)
    auth.add_user(engine, "root", roles.ADMIN, PASSWORD, "admin", scopes.of([AHNSBECK]))
    assert auth.account(engine, "eva").scope == scopes.of([AHNSBECK])
    assert auth.account(engine, "lk").scope is scopes.ALL
    assert auth.account(engine, "root").scope is scopes.ALL  # administrators see every Gemeinde
    assert auth.authenticate(engine, "eva", PASSWORD).account.scope == scopes.of([AHNSBECK])
    auth.set_gemeinden(engine, "eva", scopes.of([AHNSBECK, WIETZE]), "admin")
    assert auth.account(engine, "eva").scope == scopes.of([AHNSBECK, WIETZE])
    assert {s.name: s.gemeinden for s in auth.account_states(engine)}["eva"] == scopes.of([AHNSBECK, WIETZE])
    with engine.connect() as conn:
        entry = conn.execute(select(db.audit_log.c.actor, db.audit_log.c.object, db.audit_log.c.detail)
                             .where(db.audit_log.c.action == audit.SCOPE_CHANGED)).one()
    assert tuple(entry) == ("admin", "eva", "gemeinden=03351002,03351023")
    with pytest.raises(auth.AccountError):
        auth.set_gemeinden(engine, "nobody", scopes.ALL, "admin")


# --- the import -------------------------------------------------------------------------------------------------


def _staffing(rows: list[str]) -> tuple[str, bytes]:
    header = "gemeinde_ags;kuerzel;geschlecht;vze;gueltig_ab;gueltig_bis\n"
    return "stellenanteile.csv", (header + "".join(r + "\n" for r in rows)).encode("utf-8")


def test_a_row_of_another_gemeinde_rejects_the_whole_file_naming_row_and_column(engine):
    file = _staffing([f"{AHNSBECK};IB-A;w;0,5;01.01.2020;", f"{WIETZE};IB-B;m;0,5;01.01.2020;",
                      f"{WIETZE};IB-C;w;0,25;01.01.2021;"])
    report = import_files(engine, [file], user="eva", scope=scopes.of([AHNSBECK]))
    result = report.files[0]
    assert result.status == REJECTED and not report.ok
    problems = [(p.line, p.column, p.message) for p in result.problems]
    assert [(row, column) for row, column, _ in problems] == [(3, "gemeinde_ags"), (4, "gemeinde_ags")]
    assert problems[0][2].startswith(f"Die Gemeinde {WIETZE} gehört nicht zu den Gemeinden Ihres Kontos "
                                     f"({AHNSBECK}).")
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(db.TABLES["staffing"])).scalar_one() == 0
    # the same file by someone who may see both: imported
    assert import_files(engine, [file], user="lk", scope=scopes.of([AHNSBECK, WIETZE])).ok
    assert import_files(engine, [file], user="lk", scope=scopes.ALL).files[0].status == "unchanged"


# --- the command line, for every role x Gemeinde --------------------------------------------------------------


@pytest.fixture(scope="module")
def landkreis(tmp_path_factory):
    """A database with the demo of three Gemeinden and, per role, an account for each Gemeinde that sees that one
    only."""
    url = f"sqlite:///{tmp_path_factory.mktemp('scope') / 'landkreis.db'}"
    engine = db.make_engine(url)
    db.upgrade(engine)
    paths = demo.generate(tmp_path_factory.mktemp("scope-demo"), scale=3)
    assert import_files(engine, [(p.name, p.read_bytes()) for p in paths], user="demo").ok
    assert sorted(queries.gemeinden(engine)) == sorted(GEMEINDEN)
    for role in roles.LOGIN_ROLES:
        for ags in GEMEINDEN:
            auth.add_user(engine, f"{role}-{ags}", role, PASSWORD, "test", scopes.of([ags]))
    yield url, engine
    engine.dispose()


@pytest.fixture
def on(landkreis, monkeypatch):
    """The command line in this process, on the Landkreis' database."""
    url, engine = landkreis
    monkeypatch.setenv("DATABASE_URL", url)
    db.get_engine.cache_clear()
    yield engine
    db.get_engine.cache_clear()


def _kpis(capsys, *args: str) -> tuple[int, dict | None, str]:
    code = cli.main(["kpis", "--as-of", AS_OF.isoformat(), "--json", *args])
    out = capsys.readouterr()
    return code, json.loads(out.out) if code == 0 else None, out.err


@pytest.mark.parametrize("role", roles.LOGIN_ROLES)
def test_kpis_as_an_account_give_its_own_gemeinde_and_refuse_every_other(on, capsys, role):
    offered = set(published.offered_in(on, date.today()))
    assert offered  # the published Gemeinden (small ones may be missing)
    for own in GEMEINDEN:
        account = f"{role}-{own}"
        for asked in GEMEINDEN:
            code, payload, err = _kpis(capsys, "--benutzer", account, "--ags", asked)
            if asked != own and role != roles.ADMIN:
                assert code == 2 and payload is None, (account, asked)
                assert f"Die Gemeinde {asked} gehört nicht zu den Gemeinden dieses Kontos." in err
            elif roles.suppressed(role) and asked not in offered:
                assert code == 2 and "wird dieser Rolle nicht angeboten" in err
            else:
                assert code == 0, (account, asked, err)
                assert payload["ags"] == asked and payload["role"] == role
                # the published figures (with what is withheld) for the suppressed roles, else the exact ones
                assert all(("suppressed" in kpi) == roles.suppressed(role) for kpi in payload["kpis"].values())
        # without --ags: the account's own Gemeinde (an administrator sees three and must choose)
        code, payload, err = _kpis(capsys, "--benutzer", account)
        if role == roles.ADMIN:
            assert code == 2 and "bitte mit --ags eine wählen" in err
        elif roles.suppressed(role) and own not in offered:
            assert code == 1  # nothing published for it
        else:
            assert code == 0 and payload["ags"] == own


def test_kpis_name_no_gemeinde_by_default_and_an_unknown_account_is_refused(on, capsys):
    code, _, err = _kpis(capsys)
    assert code == 2 and f"bitte mit --ags eine wählen: {', '.join(sorted(GEMEINDEN))}" in err
    code, payload, _ = _kpis(capsys, "--ags", WIETZE)  # the operator on the server: every Gemeinde
    assert code == 0 and payload["ags"] == WIETZE
    code, _, err = _kpis(capsys, "--benutzer", "niemand", "--ags", AHNSBECK)
    assert code == 2 and "Es gibt kein aktives Konto „niemand“." in err
    auth.deactivate(on, f"{roles.STAFF}-{AHNSBECK}", "test")
    code, _, err = _kpis(capsys, "--benutzer", f"{roles.STAFF}-{AHNSBECK}", "--ags", AHNSBECK)
    assert code == 2 and "kein aktives Konto" in err
    auth.activate(on, f"{roles.STAFF}-{AHNSBECK}", "test")


@pytest.mark.parametrize("role", roles.LOGIN_ROLES)
def test_the_report_as_an_account_only_of_its_gemeinde(on, capsys, tmp_path, role):
    account = f"{role}-{AHNSBECK}"
    out = tmp_path / "bericht.pdf"
    internal = [] if roles.suppressed(role) else ["--intern"]
    refused = cli.main(["report", "--year", "2024", "--ags", ADELHEIDSDORF, "--benutzer", account, "--out", str(out),
                        *internal])
    err = capsys.readouterr().err
    if role == roles.ADMIN:  # every Gemeinde
        assert refused == 0 and out.read_bytes().startswith(b"%PDF")
        return
    assert refused == 2 and "gehört nicht zu den Gemeinden dieses Kontos" in err and not out.exists()
    if role in (roles.COUNCIL, roles.STAFF):  # the public and the internal report of its own Gemeinde
        assert cli.main(["report", "--year", "2024", "--benutzer", account, "--out", str(out), *internal]) == 0
        assert out.read_bytes().startswith(b"%PDF")
    if roles.suppressed(role):  # a council account gets no internal report
        assert cli.main(["report", "--year", "2024", "--benutzer", account, "--intern", "--out", str(out)]) == 2
        assert "nur den öffentlichen Bericht" in capsys.readouterr().err


def test_the_command_line_itself_refuses_another_gemeinde(landkreis):
    url, _ = landkreis
    result = run_cli(url, "kpis", "--benutzer", f"{roles.MAYOR}-{AHNSBECK}", "--ags", ADELHEIDSDORF,
                     "--as-of", AS_OF.isoformat())
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stdout == "" and "gehört nicht zu den Gemeinden dieses Kontos" in result.stderr
