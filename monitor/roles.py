"""Roles and what each may open. The one place that says who sees what (docs/datenschutz.md: need to know).

- ``oeffentlich``: the public and the meeting screen, no login; suppressed aggregates only.
- ``rat``: council members, read-only; suppressed aggregates only.
- ``buergermeister``: the mayor; exact aggregates.
- ``verwaltung``: the integration officers: upload, exact internal counts.
- ``admin``: users, targets, deletion, audit log.
"""

from __future__ import annotations

PUBLIC, COUNCIL, MAYOR, STAFF, ADMIN = "oeffentlich", "rat", "buergermeister", "verwaltung", "admin"
ROLES = (PUBLIC, COUNCIL, MAYOR, STAFF, ADMIN)  # from the least to the most rights
LOGIN_ROLES = ROLES[1:]  # roles an account can have (the public role needs none)

# Roles that only ever get suppressed aggregates (Regel 5/10), whatever page they open.
SUPPRESSED_ROLES = frozenset({PUBLIC, COUNCIL})

# Page (file stem in pages/) -> roles that may open it.
PAGES: dict[str, frozenset[str]] = {
    "uebersicht": frozenset(ROLES),
    # The measure pages (monitor.views.MEASURE_PAGES): for everyone who sees the overview, with the same figures
    # (suppressed for the public and the council).
    "beratung": frozenset(ROLES),
    "sprachkurse": frozenset(ROLES),
    "praktikumsboerse": frozenset(ROLES),
    "integrationscafe": frozenset(ROLES),
    "netzwerk": frozenset(ROLES),
    "karte": frozenset(ROLES),
    # Official statistics as context, beside the Gemeinde's own figures per 1,000 inhabitants (suppressed as on
    # the measure pages).
    "kontext": frozenset(ROLES),
    # The meeting mode: the published set for everyone (the meeting room's screen needs no login); staff plan it.
    "sitzung": frozenset(ROLES),
    "hochladen": frozenset({STAFF, ADMIN}),
    "datenformat": frozenset({STAFF, ADMIN}),
    "ziele": frozenset({MAYOR, STAFF, ADMIN}),
    "benutzer": frozenset({ADMIN}),
    "protokoll": frozenset({ADMIN}),
    "anmelden": frozenset({PUBLIC}),
}


def suppressed(role: str) -> bool:
    """True if this role sees only suppressed figures. Unknown roles are treated as the public."""
    return role in SUPPRESSED_ROLES or role not in ROLES


def may_open(role: str, page: str) -> bool:
    return role in PAGES.get(page, frozenset())


def may_undo_imports(role: str) -> bool:
    """Undoing an import deletes data: the administration only."""
    return role == ADMIN


def may_plan_meetings(role: str) -> bool:
    """Setting a meeting's period and slides: the integration officers and the administration."""
    return role in (STAFF, ADMIN)


def pages_for(role: str) -> list[str]:
    """The pages of a role, in menu order."""
    return [page for page, allowed in PAGES.items() if role in allowed]


def highest(roles: set[str] | list[str]) -> str | None:
    """The role with the most rights among `roles` (unknown names ignored); None if there is none."""
    known = [r for r in roles if r in ROLES]
    return max(known, key=ROLES.index) if known else None
