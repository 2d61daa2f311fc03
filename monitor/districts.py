"""The Ortsteile of each Gemeinde, from data/ortsteile.csv: the only values the column ``ortsteil`` takes.

File format (UTF-8, semicolons, one row per Ortsteil; columns are found by name, so that more can be added,
e.g. approximate coordinates for a map):

    gemeinde_ags;code;name;quelle;hinweis
    03351023;steinfoerde;Steinförde;Gemeinde Wietze: ...;In amtlichen Verzeichnissen ein Teil des Ortsteils ...

``code`` is what is stored: lower case ASCII letters, digits and underscores (umlauts spelled out), unique within
its Gemeinde. ``name`` is the German name, which an upload may use instead of the code. ``quelle`` says where
the list comes from, ``hinweis`` anything a reader of the list should know about a row. A Gemeinde without rows
has no list: its files must leave ``ortsteil`` empty.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from monitor import settings
from monitor.codes import NO_DISTRICT

FILE = settings.DATA_DIR / "ortsteile.csv"
REQUIRED = ("gemeinde_ags", "code", "name", "quelle")
_CODE = re.compile(r"[a-z][a-z0-9_]{0,39}")
_AGS = re.compile(r"[0-9]{8}")


@dataclass(frozen=True)
class District:
    ags: str
    code: str
    name: str
    source: str
    note: str = ""
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)  # columns added later


class DistrictsError(ValueError):
    """data/ortsteile.csv cannot be read (a broken shipped file: English, for the developer)."""


@lru_cache(maxsize=4)
def load(path: Path = FILE) -> dict[str, tuple[District, ...]]:
    """AGS -> that Gemeinde's Ortsteile in the file's order. Raises DistrictsError for a malformed file."""
    if not path.exists():
        return {}
    rows = list(csv.DictReader(path.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    missing = [c for c in REQUIRED if rows and c not in rows[0]]
    if missing:
        raise DistrictsError(f"{path.name}: missing columns {missing}")
    out: dict[str, list[District]] = {}
    for line, row in enumerate(rows, start=2):
        ags, code, name = ((row.get(c) or "").strip() for c in ("gemeinde_ags", "code", "name"))
        if not _AGS.fullmatch(ags) or not _CODE.fullmatch(code) or code == NO_DISTRICT or not name:
            raise DistrictsError(f"{path.name}, line {line}: needs an 8-digit AGS, a code like 'steinfoerde', a name")
        known = out.setdefault(ags, [])
        if any(d.code == code or d.name.casefold() == name.casefold() for d in known):
            raise DistrictsError(f"{path.name}, line {line}: code or name twice for {ags}")
        extra = {k: (v or "").strip() for k, v in row.items() if k and k not in (*REQUIRED, "hinweis")}
        known.append(District(ags, code, name, (row.get("quelle") or "").strip(), (row.get("hinweis") or "").strip(),
                              extra))
    return {ags: tuple(districts) for ags, districts in out.items()}


def of(ags: str) -> tuple[District, ...]:
    """The Ortsteile of a Gemeinde (empty: it keeps no list)."""
    return load().get(ags, ())


def codes() -> tuple[str, ...]:
    """Every Ortsteil code of every Gemeinde, each once, in the file's order."""
    return tuple(dict.fromkeys(d.code for districts in load().values() for d in districts))
