"""Figures of a subgroup of the cases (target group, Ortsteil, gender): for the roles that see exact figures only.

The published set is made safe without subgroups; offering a subgroup to the council or the public would need
every subgroup and its complement in its audit (docs/datenschutz.md, "Filter"). So the suppressed views never get
here, and a filtered view is always an exact one.

A subgroup restricts the case-based frames before anything is computed: the cases of the subgroup, and the
contacts, enrolments and internships that name one of them (joined by ags and case_id). Rows that name no case of
the subgroup fall out, also those that name no case at all (an internship place not placed yet). Frames that are
not about cases (café sessions, partners, network events, courses, staffing) stay as they are. The archive holds
the figures of the whole Gemeinde only, so a filtered source has none: archived periods cannot be answered.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import pandas as pd

from monitor import contract
from monitor.source import Archive, FigureSource

Frames = dict[str, pd.DataFrame]

# The kinds whose rows belong to a case: the cases and those that name one by case_id.
CASE_KINDS: tuple[str, ...] = tuple(kind.name for kind in contract.KINDS
                                    if any(f.name == "case_id" for f in kind.fields))


@dataclass(frozen=True)
class Subgroup:
    """The cases' fields a view may be restricted to; None: any value."""

    target_group: str | None = None
    district: str | None = None
    gender: str | None = None

    def chosen(self) -> dict[str, str]:
        """The fields restricted, field name -> code."""
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) is not None}

    def __bool__(self) -> bool:
        return bool(self.chosen())


EVERYONE = Subgroup()


def _keys(frame: pd.DataFrame) -> pd.Series:
    """"ags|case_id" of each row; <NA> where either is missing (such a row names no case)."""
    return frame["ags"].astype("string") + "|" + frame["case_id"].astype("string")


def restrict(frames: Frames, subgroup: Subgroup) -> Frames:
    """The frames with the cases of `subgroup` only and, of the other case-based kinds, the rows that name one of
    those cases. The frames themselves are not changed."""
    if not subgroup:
        return frames
    cases = frames["cases"]
    mask = pd.Series(True, index=cases.index)
    for name, code in subgroup.chosen().items():
        mask &= (cases[name].astype("string") == code).fillna(False).astype(bool)
    chosen = cases[mask]
    keys = set(_keys(chosen).dropna())
    out = dict(frames)
    out["cases"] = chosen
    for kind in CASE_KINDS:
        if kind != "cases" and kind in frames:
            rows = frames[kind]
            out[kind] = rows[_keys(rows).isin(keys).fillna(False).astype(bool)]
    return out


def restrict_source(source: FigureSource | Frames, subgroup: Subgroup) -> FigureSource:
    """A FigureSource of the subgroup: its frames restricted, no archive (it has no subgroups), the same cut-off,
    so that archived periods have no figures rather than those of the whole Gemeinde."""
    source = FigureSource.of(source)
    if not subgroup:
        return source
    return FigureSource(restrict(source.frames, subgroup), Archive(), source.cut_off)
