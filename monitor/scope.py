"""Which Gemeinden a viewer may see (docs/betrieb.md, "Mehrere Gemeinden"): the scope of an account.

An installation may serve a whole Landkreis. Then the staff, the mayor and the council of a Gemeinde see that
Gemeinde (or the Gemeinden of their administration) only; the Landkreis' own staff and the administrators see all.
Every read of a Gemeinde's figures takes the viewer's scope as a required argument and refuses a Gemeinde outside
it (``require``); lists of Gemeinden are cut to it (``restrict``). A read has no default scope: who may see
everything says so with ``ALL``. (A new account and the import on the server's command line do default to every
Gemeinde, as an installation of one Gemeinde needs: the import of a person in the app passes theirs.)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

AGS_PATTERN = re.compile(r"\d{8}")
EVERY = "*"  # the stored form of "every Gemeinde"


class OutOfScope(PermissionError):
    """A Gemeinde was asked for that the viewer may not see."""

    def __init__(self, ags: str):
        super().__init__(ags)
        self.ags = ags


class BadScope(ValueError):
    """A stored or entered list of Gemeinden that is not a list of 8-digit keys."""


@dataclass(frozen=True)
class Scope:
    """Every Gemeinde (``gemeinden`` None) or these (8-digit keys; possibly none)."""

    gemeinden: frozenset[str] | None

    @property
    def everything(self) -> bool:
        return self.gemeinden is None

    def allows(self, ags: str | None) -> bool:
        return ags is not None and (self.gemeinden is None or ags in self.gemeinden)

    def require(self, ags: str) -> str:
        """`ags` if the scope allows it; else OutOfScope."""
        if not self.allows(ags):
            raise OutOfScope(ags)
        return ags

    def restrict(self, keys: Iterable[str]) -> list[str]:
        """The keys the scope allows, in their order."""
        return [key for key in keys if self.allows(key)]

    def stored(self) -> str:
        """The form kept in the database: ``*`` or the keys, sorted, comma-separated."""
        return EVERY if self.gemeinden is None else ",".join(sorted(self.gemeinden))


ALL = Scope(None)
NONE = Scope(frozenset())


def of(keys: Iterable[str]) -> Scope:
    """A scope of these Gemeinden; BadScope if one is not an 8-digit key (leading zeros included)."""
    cleaned = set()
    for key in keys:
        key = str(key).strip()
        if not AGS_PATTERN.fullmatch(key):
            raise BadScope(key)
        cleaned.add(key)
    return Scope(frozenset(cleaned))


def parse(text: str) -> Scope:
    """The scope of a stored (or typed) form: ``*`` for every Gemeinde, else keys separated by commas."""
    text = (text or "").strip()
    if text == EVERY:
        return ALL
    return of(part for part in text.split(",") if part.strip())
