"""Figures of a subgroup of the cases (monitor.subgroups): the case-based frames are restricted before anything
is computed; expected values counted by hand on the Gemeinde of test_views."""

from __future__ import annotations

from datetime import date

import pandas as pd

from monitor import contract, kpis, subgroups
from monitor.periods import Period
from monitor.source import Archive, FigureSource
from monitor.subgroups import Subgroup
from monitor.views import model, praktikumsboerse
from tests.unit.test_views import AGS, build_frames, frame

YEAR = Period(2024)


def k12(frames) -> dict:
    return kpis.k12_internships(frames["internships"], YEAR).details


def test_the_case_based_kinds():
    assert set(subgroups.CASE_KINDS) == {"cases", "contacts", "enrolments", "internships"}


def test_everyone_changes_nothing():
    frames = build_frames()
    assert subgroups.restrict(frames, subgroups.EVERYONE) is frames
    assert not Subgroup() and Subgroup(gender="w")


def test_women_only():
    frames = build_frames()
    women = subgroups.restrict(frames, Subgroup(gender="w"))
    # the women are c1 and c3; their internships i1 (completed, transition) and i3 (completed, none). i4 names no
    # case and falls out, i2 (c2) and i5 (c4) are men's
    assert sorted(women["cases"]["case_id"]) == ["c1", "c3"]
    assert sorted(women["internships"]["internship_id"]) == ["i1", "i3"]
    details = k12(women)
    assert (details["offered"], details["placed"], details["completed"], details["transitions"]) == (2, 2, 2, 1)
    assert details["transition_share"] == 0.5  # 1 of 2
    # frames not about cases stay as they are; the originals are not changed
    assert women["cafe_sessions"] is frames["cafe_sessions"] and women["partners"] is frames["partners"]
    assert len(frames["cases"]) == 4 and len(frames["internships"]) == 5


def test_fields_combine_and_missing_values_never_match():
    frames = build_frames()
    # geduldet and a woman: c3 only (c2 is a man); its internship i3
    both = subgroups.restrict(frames, Subgroup(target_group="geduldet", gender="w"))
    assert list(both["cases"]["case_id"]) == ["c3"] and list(both["internships"]["internship_id"]) == ["i3"]
    # Ortsteil wietze: c1 only; the other cases have no Ortsteil and never match
    place = subgroups.restrict(frames, Subgroup(district="wietze"))
    assert list(place["cases"]["case_id"]) == ["c1"]
    assert k12(place)["placed"] == 1  # i1
    nobody = subgroups.restrict(frames, Subgroup(target_group="asylverfahren"))
    assert nobody["cases"].empty and nobody["internships"].empty


def test_rows_are_joined_by_gemeinde_and_case():
    """A case number of another Gemeinde is another case: its rows do not join."""
    frames = build_frames()
    other = frame(contract.CONTACTS, [{"contact_id": "k1", "case_id": "c1", "date": "2024-05-01",
                                       "contact_type": "telefon", "topics": "wohnen", "officer": "IB-W"}])
    elsewhere = other.assign(ags=pd.Series(["03351001"], dtype="string"))
    frames["contacts"] = pd.concat([other, elsewhere], ignore_index=True)
    women = subgroups.restrict(frames, Subgroup(gender="w"))
    assert list(women["contacts"]["ags"]) == [AGS]


def test_a_subgroup_source_has_no_archive():
    """The archive holds the whole Gemeinde's figures: a subgroup cannot take them, so an archived period has none."""
    frames = build_frames()
    archived = FigureSource(frames, Archive(values={"2023": {"K12": {"placed": 9}}}), cut_off=date(2024, 1, 1))
    women = subgroups.restrict_source(archived, Subgroup(gender="w"))
    assert women.archive == Archive() and women.cut_off == date(2024, 1, 1)
    assert archived.answerable(Period(2023)) and not women.answerable(Period(2023))
    assert model.exact_model(praktikumsboerse.PAGE, women, AGS, Period(2023), False, None, date(2025, 1, 2)) is None
    page = model.exact_model(praktikumsboerse.PAGE, women, AGS, YEAR, False, None, date(2025, 1, 2))
    assert page.cards[0].tile.value == "2"  # i1, i3
    assert page.trends[0].periods == ("2024",)  # from the cut-off on
