"""Command line: `python -m monitor import|undo|demo|kpis|report|retention|user|templates|contract-docs|kpi-docs|
                 migrate|db|kontext|backup|restore` (kontext: monitor.kontext_cli).

Scriptable by municipal IT: exit code 0 on success, 1 when a file is rejected or overlaps stored rows without
--replace or --merge (also in a dry run: then it would not be imported as it stands), 2 on wrong usage.
Messages go to stderr, machine output (JSON, Markdown) to stdout.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
import tempfile
from datetime import date
from pathlib import Path

from monitor import contract, db, kontext_cli, queries, registry, roles, scope as scopes, targets
from monitor.periods import Period
from monitor.texts import cli as t


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m monitor", description=t.DESCRIPTION)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("migrate", help=t.HELP_MIGRATE)

    imp = sub.add_parser("import", help=t.HELP_IMPORT)
    imp.add_argument("files", nargs="+", type=Path)
    imp.add_argument("--dry-run", action="store_true", help=t.HELP_DRY_RUN)
    imp.add_argument("--kind", choices=[k.name for k in contract.KINDS], help=t.HELP_KIND)
    overlap = imp.add_mutually_exclusive_group()
    overlap.add_argument("--replace", action="store_true", help=t.HELP_REPLACE)
    overlap.add_argument("--merge", action="store_true", help=t.HELP_MERGE)
    imp.add_argument("--user", default=None, help=t.HELP_USER)

    demo = sub.add_parser("demo", help=t.HELP_DEMO)
    demo.add_argument("--scale", type=int, default=1, help=t.HELP_SCALE)
    demo.add_argument("--seed", type=int, default=None, help=t.HELP_SEED)

    kp = sub.add_parser("kpis", help=t.HELP_KPIS)
    kp.add_argument("--as-of", type=date.fromisoformat, default=None, help=t.HELP_AS_OF)
    kp.add_argument("--ags", default=None, help=t.HELP_AGS)
    kp.add_argument("--quarter", action="store_true", help=t.HELP_QUARTER)
    kp.add_argument("--json", action="store_true", help=t.HELP_JSON)
    as_whom = kp.add_mutually_exclusive_group()
    as_whom.add_argument("--role", choices=roles.ROLES, default=None, help=t.HELP_ROLE)
    as_whom.add_argument("--benutzer", default=None, help=t.HELP_AS_ACCOUNT)

    rep = sub.add_parser("report", help=t.HELP_REPORT)
    rep.add_argument("--year", type=int, required=True, help=t.HELP_REPORT_YEAR)
    rep.add_argument("--quarter", type=int, choices=(1, 2, 3, 4), default=None, help=t.HELP_REPORT_QUARTER)
    rep.add_argument("--ags", default=None, help=t.HELP_REPORT_AGS)
    rep.add_argument("--intern", action="store_true", help=t.HELP_REPORT_INTERN)
    rep.add_argument("--benutzer", default=None, help=t.HELP_AS_ACCOUNT)
    rep.add_argument("--out", type=Path, required=True, help=t.HELP_REPORT_OUT)

    user = sub.add_parser("user", help=t.HELP_USER_CMD)
    user_sub = user.add_subparsers(dest="user_command", required=True)
    add = user_sub.add_parser("add", help=t.HELP_USER_ADD)
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=roles.LOGIN_ROLES)
    add.add_argument("--password-stdin", action="store_true", help=t.HELP_PASSWORD_STDIN)
    add.add_argument("--gemeinden", default=scopes.EVERY, help=t.HELP_USER_GEMEINDEN)
    user_sub.add_parser("list", help=t.HELP_USER_LIST)
    gemeinden = user_sub.add_parser("gemeinden", help=t.HELP_USER_SET_GEMEINDEN)
    gemeinden.add_argument("name")
    gemeinden.add_argument("gemeinden", help=t.HELP_USER_GEMEINDEN)
    role = user_sub.add_parser("role", help=t.HELP_USER_ROLE)
    role.add_argument("name")
    role.add_argument("role", choices=roles.LOGIN_ROLES)
    password = user_sub.add_parser("password", help=t.HELP_USER_PASSWORD)
    password.add_argument("name")
    password.add_argument("--password-stdin", action="store_true", help=t.HELP_PASSWORD_STDIN)
    deactivate = user_sub.add_parser("deactivate", help=t.HELP_USER_DEACTIVATE)
    deactivate.add_argument("name")

    keep = sub.add_parser("retention", help=t.HELP_RETENTION)
    keep.add_argument("--dry-run", action="store_true", help=t.HELP_RETENTION_DRY_RUN)

    undo = sub.add_parser("undo", help=t.HELP_UNDO)
    undo.add_argument("batch", type=int, help=t.HELP_UNDO_BATCH)

    tpl = sub.add_parser("templates", help=t.HELP_TEMPLATES)
    tpl.add_argument("--out", type=Path, default=Path("vorlagen"), help=t.HELP_OUT)
    sub.add_parser("contract-docs", help=t.HELP_CONTRACT_DOCS)
    sub.add_parser("kpi-docs", help=t.HELP_KPI_DOCS)

    database = sub.add_parser("db", help=t.HELP_DB)
    db_sub = database.add_subparsers(dest="db_command", required=True)
    db_sub.add_parser("upgrade", help=t.HELP_DB_UPGRADE)
    kontext_cli.add_parser(sub)

    save = sub.add_parser("backup", help=t.HELP_BACKUP)
    save.add_argument("--out", type=Path, required=True, help=t.HELP_BACKUP_OUT)
    back = sub.add_parser("restore", help=t.HELP_RESTORE)
    back.add_argument("archive", type=Path, help=t.HELP_RESTORE_ARCHIVE)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "contract-docs":
        from monitor import contract_docs

        sys.stdout.write(contract_docs.render_markdown())
        return 0
    if args.command == "kpi-docs":
        from monitor import kpi_docs

        sys.stdout.write(kpi_docs.render_markdown())
        return 0
    if args.command == "templates":
        from monitor import contract_docs

        written = contract_docs.write_templates(args.out)
        print(t.TEMPLATES_WRITTEN.format(count=len(written), out=args.out), file=sys.stderr)
        return 0
    if args.command == "db":
        return _db_upgrade()
    if args.command in ("backup", "restore"):  # as the database is: no migration before a backup or a restore
        return _backup(db.get_engine(), args)
    engine = db.get_engine()
    db.upgrade(engine)
    targets.seed(engine)  # as at the dashboard's start: data/ziele.csv once into a database that never had targets
    if args.command == "migrate":
        print(t.MIGRATED, file=sys.stderr)
        return 0
    if args.command == "import":
        return _import(engine, args.files, args.dry_run, args.kind, args.user or _actor(), args.replace, args.merge)
    if args.command == "demo":
        return _demo(engine, args.scale, args.seed)
    if args.command == "user":
        return _user(engine, args)
    if args.command == "undo":
        return _undo(engine, args.batch)
    if args.command == "retention":
        return _retention(engine, args.dry_run)
    if args.command == "kontext":
        return kontext_cli.run(engine, args)
    from monitor import auth  # here, not at the top: argon2 is for accounts, not for an import

    try:
        role, scope = _as_whom(engine, args)
    except auth.AccountError as err:
        print(str(err), file=sys.stderr)
        return 2
    if args.command == "report":
        if args.benutzer is not None and args.intern and roles.suppressed(role):
            print(t.ACCOUNT_NOT_INTERNAL.format(name=args.benutzer), file=sys.stderr)
            return 2
        return _report(engine, args.year, args.quarter, args.ags, args.intern, args.out, scope=scope)
    return _kpis(engine, args.as_of or date.today(), args.ags, args.quarter, args.json, role, scope)


def _as_whom(engine, args) -> tuple[str | None, scopes.Scope]:
    """(role, scope) of a figures command: with --benutzer that account's (its role and Gemeinden), else the
    operator's on the server (every Gemeinde; the role of --role, if given). AccountError (German) for an account
    that does not exist or is deactivated."""
    from monitor import auth

    name = getattr(args, "benutzer", None)
    if name is None:
        return getattr(args, "role", None), scopes.ALL
    account = auth.account(engine, name)
    if account is None or not account.active:
        raise auth.AccountError(t.NO_ACTIVE_ACCOUNT.format(name=name))
    return account.role, account.scope


def _db_upgrade() -> int:
    """Migrate as the owner of the tables (MONITOR_OWNER_DATABASE_URL, else DATABASE_URL) and, with
    MONITOR_APP_ROLE, give the app's role its rights."""
    from monitor import settings

    role = settings.app_role()
    engine = db.make_engine(settings.owner_database_url())
    try:
        db.upgrade(engine, app_role=role)
    except (db.AppRoleError, db.SchemaNotCurrent) as err:
        print(str(err), file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    print(t.DB_UPGRADED, file=sys.stderr)
    if role is not None:
        print(t.DB_APP_ROLE_GRANTED.format(role=role), file=sys.stderr)
    elif engine.dialect.name == "postgresql":
        print(t.DB_NO_APP_ROLE, file=sys.stderr)
    return 0


def _actor() -> str:
    return f"cli:{getpass.getuser()}"


def _undo(engine, batch: int) -> int:
    from etl.undo import UndoError, undo_batch

    try:
        result = undo_batch(engine, batch, actor=_actor(), role=None)
    except UndoError as err:
        print(str(err), file=sys.stderr)
        return 1
    print(t.UNDONE.format(batch=batch, file=result.file_name, removed=result.removed, restored=result.restored),
          file=sys.stderr)
    return 0


def _retention(engine, dry_run: bool) -> int:
    from monitor import fmt, retention, settings

    try:
        result = retention.run(engine, dry_run=dry_run, actor=_actor())
    except settings.SettingError as err:
        print(str(err), file=sys.stderr)
        return 2
    if dry_run:
        print(t.RETENTION_DRY_RUN, file=sys.stderr)
    if result.cut_off is None:
        print(t.RETENTION_OFF, file=sys.stderr)
    else:
        print(t.RETENTION_CUT_OFF.format(cut_off=fmt.date_de(result.cut_off), years=result.years,
                                         verb=t.RETENTION_WOULD_REMOVE if dry_run else t.RETENTION_REMOVED),
              file=sys.stderr)
        for kind in contract.KINDS:
            print(t.RETENTION_KIND.format(kind=kind.label, count=fmt.number(result.removed.get(kind.name, 0))),
                  file=sys.stderr)
        print(t.RETENTION_VERSIONS.format(count=fmt.number(result.versions)), file=sys.stderr)
        text = t.RETENTION_ARCHIVED_DRY if dry_run else t.RETENTION_ARCHIVED
        print(text.format(count=fmt.number(result.archived)), file=sys.stderr)
    if result.audit_before is None:
        print(t.RETENTION_AUDIT_OFF, file=sys.stderr)
    else:
        print(t.RETENTION_AUDIT.format(months=result.months, before=fmt.date_de(result.audit_before),
                                       count=fmt.number(result.audit_removed),
                                       verb=t.RETENTION_WOULD_DELETE if dry_run else t.RETENTION_DELETED),
              file=sys.stderr)
    return 0


def _backup(engine, args) -> int:
    from monitor import backup

    try:
        if args.command == "backup":
            written = backup.backup(engine, args.out)
            print(t.BACKUP_WRITTEN.format(path=written), file=sys.stderr)
        else:
            backup.restore(engine, args.archive)
            print(t.RESTORED.format(path=args.archive.name), file=sys.stderr)
    except backup.BackupError as err:
        print(str(err), file=sys.stderr)
        return 1
    return 0


def _report(engine, year: int, quarter: int | None, ags: str | None, internal: bool, out: Path, *,
            scope: scopes.Scope, today: date | None = None) -> int:
    """The report of a year or quarter as PDF (monitor.report): the public one from the published set (closed
    periods of offered Gemeinden only), with --intern the exact one; of a Gemeinde in `scope` only. 1 when there
    is nothing to report, 2 when the Gemeinde must be chosen or is outside the scope."""
    from monitor import overview, published, report

    today = today or date.today()
    if ags is not None and not scope.allows(ags):
        print(t.OUTSIDE_SCOPE.format(ags=ags), file=sys.stderr)
        return 2
    keys = scope.restrict(queries.gemeinden(engine))
    if ags is None:
        if not keys:
            print(t.REPORT_NO_GEMEINDE, file=sys.stderr)
            return 1
        if len(keys) > 1:
            print(t.REPORT_CHOOSE_GEMEINDE.format(keys=", ".join(keys)), file=sys.stderr)
            return 2
        ags = keys[0]
    if ags not in keys:
        print(t.REPORT_UNKNOWN_GEMEINDE.format(ags=ags), file=sys.stderr)
        return 1
    period, quarterly = Period(year, quarter), quarter is not None
    table = targets.from_database(engine)
    if internal:
        source = queries.load_source(engine, ags)
        options = overview.period_options(source, quarterly, today)
        chosen = next((p for p in options if (p.year, p.quarter) == (year, quarter)), None)
        if chosen is None:
            labels = ", ".join(p.label for p in options) or t.REPORT_NONE
            print(t.REPORT_NOT_IN_DATA.format(period=period.label, periods=labels), file=sys.stderr)
            return 1
        built = report.exact_report(source, ags, chosen, quarterly, table, today)
    else:
        if ags not in published.offered_in(engine, today):
            print(t.REPORT_NOT_OFFERED.format(ags=ags), file=sys.stderr)
            return 1
        pset = published.from_database(engine, today, ags)
        if not pset.has(ags, period):
            labels = ", ".join(p.label for p in pset.periods_of(quarterly) if pset.has(ags, p)) or t.REPORT_NONE
            print(t.REPORT_NOT_PUBLISHED.format(period=period.label, periods=labels), file=sys.stderr)
            return 1
        built = report.published_report(pset, ags, period, quarterly, table, today)
    try:
        pdf = report.to_pdf(built)
    except Exception as err:  # WeasyPrint's libraries or the browser for the charts missing (docs/bericht.md)
        print(t.REPORT_CANNOT_RENDER.format(error=err), file=sys.stderr)
        return 1
    try:
        out.write_bytes(pdf)
    except OSError as err:
        print(t.REPORT_CANNOT_WRITE.format(out=out, error=err), file=sys.stderr)
        return 1
    print(t.REPORT_WRITTEN.format(out=out, kind=t.REPORT_KIND[internal]), file=sys.stderr)
    return 0


def _scope_arg(text: str) -> scopes.Scope:
    """The Gemeinden of ``--gemeinden``: ``*`` or 8-digit keys separated by commas; AccountError otherwise."""
    from monitor import auth

    try:
        return scopes.parse(text)
    except scopes.BadScope as err:
        raise auth.AccountError(t.BAD_GEMEINDEN.format(value=err.args[0])) from None


def _read_password(from_stdin: bool) -> str:
    """One line from stdin when asked to or when stdin is not a terminal (a pipe, a script), else asked twice at
    the terminal without echo. Raises AccountError (German) if nothing comes or the two entries differ."""
    from monitor import auth

    stdin = sys.stdin
    if from_stdin or stdin is None or not stdin.isatty():
        try:
            line = stdin.readline() if stdin is not None else ""
        except (OSError, UnicodeDecodeError):
            line = ""
        password = line.rstrip("\r\n")
        if not password:
            raise auth.AccountError(t.NO_PASSWORD)
        return password
    try:
        first = getpass.getpass(t.PASSWORD_PROMPT)
        second = getpass.getpass(t.PASSWORD_REPEAT)
    except (EOFError, KeyboardInterrupt):
        raise auth.AccountError(t.NO_PASSWORD) from None
    if second != first:
        raise auth.AccountError(t.PASSWORD_MISMATCH)
    return first


def _user(engine, args) -> int:
    from monitor import auth

    try:
        if args.user_command == "add":
            gemeinden = _scope_arg(args.gemeinden)  # a wrong key is said before the password is asked for
            auth.add_user(engine, args.name, args.role, _read_password(args.password_stdin), _actor(), gemeinden)
            print(t.USER_ADDED.format(name=args.name.strip(), role=args.role), file=sys.stderr)
        elif args.user_command == "role":
            auth.set_role(engine, args.name, args.role, _actor())
            print(t.ROLE_SET.format(name=args.name, role=args.role), file=sys.stderr)
        elif args.user_command == "password":
            auth.set_password(engine, args.name, _read_password(args.password_stdin), _actor())
            print(t.PASSWORD_SET.format(name=args.name), file=sys.stderr)
        elif args.user_command == "gemeinden":
            auth.set_gemeinden(engine, args.name, _scope_arg(args.gemeinden), _actor())
            print(t.GEMEINDEN_SET.format(name=args.name, gemeinden=args.gemeinden), file=sys.stderr)
        elif args.user_command == "deactivate":
            auth.deactivate(engine, args.name, _actor())
            print(t.USER_DEACTIVATED.format(name=args.name), file=sys.stderr)
        else:
            for account in auth.accounts(engine):
                state = "" if account.active else f" ({t.INACTIVE})"
                print(f"{account.name}\t{account.role}\t{account.scope.stored()}{state}")
    except auth.AccountError as err:
        print(str(err), file=sys.stderr)
        return 1
    return 0


def _import(engine, paths: list[Path], dry_run: bool, kind: str | None, user: str, replace: bool = False,
            merge: bool = False) -> int:
    from etl.locks import LockTimeout
    from etl.pipeline import import_files

    missing = [p for p in paths if not p.is_file()]
    for path in missing:
        print(t.FILE_NOT_FOUND.format(file=path), file=sys.stderr)
    if missing:
        return 1
    try:  # plans and writes in one go, under the lock of the Gemeinden and kinds of its files (etl.locks)
        report = import_files(engine, [(p.name, p.read_bytes()) for p in paths], user=user, dry_run=dry_run,
                              kind=kind, replace=replace, merge=merge)
    except LockTimeout as err:
        print(str(err), file=sys.stderr)
        return 1
    print_report(report, dry_run)
    return 0 if report.ok else 1


def print_report(report, dry_run: bool = False) -> None:
    from etl.pipeline import format_problem, overlap_message
    from monitor.texts import errors

    for result in report.files:
        label = contract.kind(result.kind).label if result.kind else "?"
        values = dict(file=result.file, kind=label, rows=result.rows, inserted=result.inserted,
                      updated=result.updated, unchanged=result.unchanged, removed=result.removed,
                      count=result.error_count)
        if result.status == "rejected":
            print(t.REJECTED.format(**values), file=sys.stderr)
            for problem in result.errors:
                print(f"  {format_problem(problem)}", file=sys.stderr)
        elif result.status == "unchanged":
            print(t.ALREADY_IMPORTED.format(**values), file=sys.stderr)
        elif result.status == "overlap":
            print(t.OVERLAP.format(message=overlap_message(result), **values), file=sys.stderr)
        elif result.status == "changed":  # only an import bound to a preview (the upload page) meets this
            print(f"{result.file}: {errors.CHANGED_SINCE_PREVIEW}", file=sys.stderr)
        elif result.status == "valid":
            text = t.VALID if dry_run else t.VALID_NOT_SAVED if report.rejected else t.VALID_NOT_SAVED_OVERLAP
            print(text.format(**values), file=sys.stderr)
        else:
            print(t.IMPORTED.format(**values), file=sys.stderr)
        for problem in result.warnings:
            print(t.WARNING.format(message=format_problem(problem)), file=sys.stderr)
    if report.rejected:
        print(t.DRY_RUN_REJECTED if dry_run else t.NOTHING_IMPORTED, file=sys.stderr)
    elif not report.ok:
        print(t.DRY_RUN_OVERLAP if dry_run else t.NOTHING_IMPORTED_OVERLAP, file=sys.stderr)


def _demo(engine, scale: int, seed: int | None) -> int:
    from etl import demo
    from etl.pipeline import import_files

    chosen = demo.choose_gemeinden(scale)
    with tempfile.TemporaryDirectory() as tmp:
        kwargs = {"scale": scale} if seed is None else {"scale": scale, "seed": seed}
        paths = demo.generate(Path(tmp), **kwargs)
        report = import_files(engine, [(p.name, p.read_bytes()) for p in paths], user="demo")
    print_report(report)
    if report.ok:
        rows = sum(f.rows for f in report.files)
        synthetic = sum(1 for g in chosen if g.ags not in {c.ags for c in demo.load_gemeinden()})
        print(t.DEMO_LOADED.format(gemeinden=len(chosen), celle=len(chosen) - synthetic, synthetic=synthetic,
                                   rows=rows, files=len(report.files)), file=sys.stderr)
    return 0 if report.ok else 1


class NotOffered(Exception):
    """A suppressed role asked for a Gemeinde that its views do not offer."""


class ChooseGemeinde(Exception):
    """No Gemeinde was named, and there are several: nobody gets every Gemeinde's figures by default."""

    def __init__(self, keys: list[str]):
        super().__init__(keys)
        self.keys = keys


def kpis_payload(engine, as_of: date, ags: str | None, quarterly: bool, role: str | None = None,
                 today: date | None = None, *, scope: scopes.Scope) -> dict:
    """The KPIs for the year (or quarter) up to `as_of`, as a JSON-ready dict.

    Without a role (or for a role that sees exact figures) every figure of the year or quarter up to `as_of` is
    given: every KPI of the registry (not only those of the overview) with its headline value, unit and every
    part (the categories of its breakdowns included), from the Gemeinde's FigureSource (an archived period
    from the archive; a period that begins before the archive's cut-off and is not archived has none: then
    ``ags`` is None, as without data). For the suppressed roles (oeffentlich, rat) every KPI's figures come from
    the published set, as the suppressed views show them: only closed periods (a day inside a running period
    is clamped to the last closed one; ``period.clamped`` says so), only offered Gemeinden (else NotOffered),
    the parts that are printed (categories as merged there), withheld figures null with ``"suppressed": true``,
    the change against the period before where both headlines are published.

    Only Gemeinden in `scope` (else OutOfScope); without ``ags`` the only one there is (ChooseGemeinde when there are
    several)."""
    if ags is not None:
        scope.require(ags)
    if role is not None and roles.suppressed(role):
        return _published_payload(engine, as_of, ags, quarterly, role, today or date.today(), scope)
    ags = ags or _only(scope.restrict(queries.gemeinden(engine)))
    period = Period.containing(as_of, quarterly=quarterly, cut_off=True)
    payload = _header(ags, as_of, period, role)
    if ags is None:
        return payload
    values = queries.load_source(engine, ags).values(period)
    if values is None:  # before the archive's cut-off and not an archived closed period
        payload["ags"] = None
        return payload
    payload["kpis"] = {
        kpi_id: {"value": parts[registry.spec(kpi_id).headline], "unit": registry.spec(kpi_id).unit, "parts": parts}
        for kpi_id, parts in values.items()
    }
    return payload


def _header(ags, as_of: date, period: Period, role: str | None) -> dict:
    payload = {"ags": ags, "as_of": as_of.isoformat(),
               "period": {"key": period.key, "start": period.start.isoformat(), "end": period.end.isoformat()}}
    if role is not None:
        payload["role"] = role
    return payload


def _only(keys: list[str]) -> str | None:
    """The one Gemeinde of `keys` (None without any); ChooseGemeinde when there are several."""
    if len(keys) > 1:
        raise ChooseGemeinde(keys)
    return keys[0] if keys else None


def _published_payload(engine, as_of: date, ags: str | None, quarterly: bool, role: str, today: date,
                       scope: scopes.Scope) -> dict:
    from monitor import fmt, published

    offered = scope.restrict(published.offered_in(engine, today))
    if ags is not None and ags not in offered:
        raise NotOffered(ags)
    ags = ags or _only(offered)
    pset = published.from_database(engine, today, ags) if ags else None
    options = [p for p in pset.periods_of(quarterly) if pset.has(ags, p)] if pset else []
    wanted = Period.containing(as_of, quarterly=quarterly)
    period = next((p for p in options if p.full_end <= as_of), options[-1] if options else None)
    payload = _header(ags if period else None, as_of, period or wanted, role)
    if period is None:
        return payload
    payload["period"]["clamped"] = period != wanted
    payload["kpis"] = {}
    current = pset.get(ags, period)
    previous = pset.get(ags, period.previous()) if pset.has(ags, period.previous()) else {}
    for spec in registry.REGISTRY:
        figures, before = current[spec.id], previous.get(spec.id)
        parts = {p.name: {"value": figures[p.name], "suppressed": figures.is_hidden(p.name)}
                 for p in spec.parts_in(figures.values) if p.shown and p.name in figures.values}
        change = None
        if before is not None and not fmt.is_missing(figures.headline) and not fmt.is_missing(before.headline):
            change = figures.headline - before.headline
        payload["kpis"][spec.id] = {"value": figures.headline, "unit": spec.unit,
                                    "suppressed": figures.headline_hidden, "change": change, "parts": parts}
    return payload


def _kpis(engine, as_of: date, ags: str | None, quarterly: bool, as_json: bool, role: str | None,
          scope: scopes.Scope) -> int:
    try:
        payload = kpis_payload(engine, as_of, ags, quarterly, role, scope=scope)
    except NotOffered:
        print(t.NOT_OFFERED.format(ags=ags), file=sys.stderr)
        return 2
    except scopes.OutOfScope:
        print(t.OUTSIDE_SCOPE.format(ags=ags), file=sys.stderr)
        return 2
    except ChooseGemeinde as err:
        print(t.REPORT_CHOOSE_GEMEINDE.format(keys=", ".join(err.keys)), file=sys.stderr)
        return 2
    if payload["ags"] is None:
        print(t.NO_DATA.format(ags=ags or "–"), file=sys.stderr)
        return 1
    if as_json:
        json.dump(_plain(payload), sys.stdout, ensure_ascii=False, indent=2, allow_nan=False)
        sys.stdout.write("\n")
        return 0
    from monitor import fmt, kpi_docs
    from monitor.overview import part_text
    from monitor.texts import kpis as kpi_texts, ui

    key, end = payload["period"]["key"], date.fromisoformat(payload["period"]["end"])
    period = Period.containing(end, quarterly="Q" in key, cut_off=True)  # a running period says "bis ..."
    print(t.KPI_HEADER.format(label=period.label, ags=payload["ags"]))
    for kpi_id, kpi in payload["kpis"].items():
        spec = registry.spec(kpi_id)
        value = ui.SUPPRESSED if kpi.get("suppressed") else fmt.kpi_value(kpi["value"], kpi["unit"])
        print(f"{kpi_id:>4}  {kpi_texts.NAMES[kpi_id]}: {value}")
        for name, part in kpi["parts"].items():
            value, hidden = (part["value"], part["suppressed"]) if isinstance(part, dict) else (part, False)
            if spec.category_of(name) is not None and value == 0:
                continue  # a category without any: the JSON has them all
            print(f"      {kpi_docs.part_name(spec, name)}: {part_text(spec.part(name), value, hidden)}")
    return 0


def _plain(value):
    """numpy/pandas scalars to plain JSON values; NaN and NA to null."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if value is None or isinstance(value, (str, bool)):
        return value
    if hasattr(value, "item"):
        value = value.item()
    try:
        import math

        if math.isnan(value):
            return None
    except TypeError:
        return None  # pandas.NA
    return value
