"""`python -m monitor kontext import|list|undo`: official context statistics on the command line (docs/kontext.md).

Like `import`: exit code 0 when every file was imported or had been imported before, 1 when a file was refused
(then nothing of the call is stored) or a file to remove is unknown. Messages in German on stderr, the list on
stdout. An entry point of the domain's package that runs the import pipeline, like monitor.cli.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import date
from pathlib import Path

from monitor.texts import cli as cli_texts, kontext as t


def add_parser(sub) -> None:
    """Add the `kontext` command to the command line's subparsers."""
    kontext = sub.add_parser("kontext", help=t.HELP_KONTEXT)
    commands = kontext.add_subparsers(dest="kontext_command", required=True)
    imp = commands.add_parser("import", help=t.HELP_KONTEXT_IMPORT)
    imp.add_argument("files", nargs="+", type=Path, help=t.HELP_KONTEXT_FILES)
    imp.add_argument("--stichtag", type=date.fromisoformat, default=None, help=t.HELP_KONTEXT_DATE)
    imp.add_argument("--user", default=None, help=cli_texts.HELP_USER)
    commands.add_parser("list", help=t.HELP_KONTEXT_LIST)
    undo = commands.add_parser("undo", help=t.HELP_KONTEXT_UNDO)
    undo.add_argument("id", type=int, help=t.HELP_KONTEXT_ID)
    undo.add_argument("--user", default=None, help=cli_texts.HELP_USER)


def run(engine, args: argparse.Namespace) -> int:
    actor = getattr(args, "user", None) or f"cli:{getpass.getuser()}"
    if args.kontext_command == "import":
        return _import(engine, args.files, actor, args.stichtag)
    if args.kontext_command == "undo":
        return _undo(engine, args.id, actor)
    return _list(engine)


def _dates(first: date, last: date) -> str:
    shown = first.strftime("%d.%m.%Y")
    return shown if first == last else f"{shown}–{last.strftime('%d.%m.%Y')}"


def _import(engine, paths: list[Path], actor: str, reference_date: date | None) -> int:
    from etl.context import import_files
    from monitor import context as ctx

    missing = [p for p in paths if not p.is_file()]
    for path in missing:
        print(cli_texts.FILE_NOT_FOUND.format(file=path), file=sys.stderr)
    if missing:
        return 1
    try:
        results = import_files(engine, [(p.name, p.read_bytes()) for p in paths], actor,
                               reference_date=reference_date)
    except ctx.ContextError as err:
        print(str(err), file=sys.stderr)
        print(t.NOTHING_IMPORTED, file=sys.stderr)
        return 1
    refused = [r for r in results if r.error]
    for result in refused:
        print(t.REJECTED.format(message=result.error), file=sys.stderr)
    if refused:
        print(t.NOTHING_IMPORTED, file=sys.stderr)
        return 1
    for result in results:
        table, stored = result.table, result.stored
        if not stored.stored:
            print(t.ALREADY_IMPORTED.format(file=result.file_name, id=stored.file_id), file=sys.stderr)
            continue
        dates = table.reference_dates
        print(t.IMPORTED.format(file=result.file_name, source=t.SOURCE_LABELS[table.source],
                                table=table.table_code or t.NO_TABLE_CODE, dates=_dates(dates[0], dates[-1]),
                                values=stored.values, regions=stored.regions, id=stored.file_id), file=sys.stderr)
    return 0


def _undo(engine, file_id: int, actor: str) -> int:
    from monitor import context as ctx

    try:
        result = ctx.remove(engine, file_id, actor)
    except ctx.ContextError as err:
        print(str(err), file=sys.stderr)
        return 1
    print(t.UNDONE.format(id=file_id, file=result.file_name, values=result.values), file=sys.stderr)
    return 0


def _list(engine) -> int:
    from monitor import context as ctx

    files = ctx.files(engine)
    if files.empty:
        print(t.LIST_EMPTY, file=sys.stderr)
        return 0
    print(t.LIST_HEADER)
    for row in files.itertuples():
        print(t.LIST_ROW.format(id=row.id, source=row.source, table=row.table_code or t.NO_TABLE_CODE,
                                dates=_dates(row.first_date, row.reference_date), values=row.value_count,
                                imported=row.imported_at.strftime("%d.%m.%Y"), file=row.file_name))
    return 0
