"""The meeting mode's model (monitor.meeting): the catalogue of slides, the slides built from the published set
only, the meetings staff save (on every backend, with an audit entry), and the slides' charts (legible: every
text at least 28 px, dark lines with at least 7:1 against white, named at their ends instead of a legend)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from monitor import audit, charts, meeting, overview, registry
from monitor.periods import Period
from monitor.texts import kpis as kpi_texts, sitzung as texts, ui
from monitor.views import MEASURE_PAGES
from monitor.views.model import published_model
from monitor.views.specs import SPECS
from tests.unit import test_council_tables_audit as audited

TODAY = audited.TODAY
demo_set = audited.demo_set  # the published set of the demo data (built once per module)

WIETZE = "03351023"




# --- catalogue --------------------------------------------------------------------------------------------------


def test_the_catalogue_is_the_title_the_overview_kpis_and_the_measures_in_order():
    keys = meeting.catalogue()
    overview_kpis = [s.id for s in registry.REGISTRY if s.overview]
    assert keys == [meeting.TITLE, *(meeting.KPI_PREFIX + k for k in overview_kpis), *MEASURE_PAGES]
    assert "karte" in keys and "beratung" in keys and len(overview_kpis) == 8
    assert meeting.slide_label("kpi:K1") == texts.SLIDE_KPI.format(name=kpi_texts.NAMES["K1"])
    assert meeting.slide_label("sprachkurse") == texts.SLIDE_MEASURE.format(name="Sprachkurse")


def test_unknown_and_repeated_slide_keys_are_dropped():
    assert meeting.clean_slides(["kpi:K1", "kpi:K99", "beratung", "kpi:K1", "<script>", "karte"]) == (
        "kpi:K1", "beratung", "karte")


# --- slides from the published set --------------------------------------------------------------------------------


def test_every_figure_of_the_slides_is_the_published_sets(demo_set):
    planned = meeting.default_meeting(demo_set, WIETZE, TODAY)
    assert planned.period == Period(2025)  # the newest closed year
    slides = meeting.slides(planned, demo_set, None)
    assert [s.key for s in slides] == meeting.catalogue()
    tiles = overview.published_tiles(demo_set, WIETZE, Period(2025), None)
    kpi_slides = [s for s in slides if s.tile is not None]
    assert [s.tile for s in kpi_slides] == tiles  # the published tiles, with their withheld "•"
    assert any(s.tile.value == ui.SUPPRESSED for s in kpi_slides)
    for slide in slides:
        if slide.page is None:
            continue
        expected = published_model(SPECS[slide.key], demo_set, WIETZE, Period(2025), False, None)
        assert slide.page.values() == expected.values(), slide.key
        assert not slide.page.exact
    chart = next(s for s in slides if s.key == "beratung").trend
    assert chart.spec.breakdown is None and chart.spec.kpi_id == "K1"  # the cases, not a breakdown
    assert next(s for s in slides if s.key == "karte").is_map


def test_a_meeting_shows_its_slides_in_its_order(demo_set):
    planned = meeting.Meeting(WIETZE, TODAY, Period(2026, 3), ("karte", "kpi:K8", meeting.TITLE))
    slides = meeting.slides(planned, demo_set, None)
    assert [s.key for s in slides] == ["karte", "kpi:K8", meeting.TITLE]
    k8 = slides[1].tile
    assert k8.figures == demo_set.get(WIETZE, Period(2026, 3))["K8"]


def test_the_slide_chart_is_the_first_trend_with_a_value(demo_set):
    page = published_model(SPECS["sprachkurse"], demo_set, WIETZE, Period(2025), False, None)
    trend = meeting.main_trend(page)
    assert trend is page.trends[0]
    assert any(v is not None for s in trend.series for v in s.values)


# --- storage ------------------------------------------------------------------------------------------------------


def test_meetings_are_saved_replaced_chosen_and_removed_with_audit_entries(engine):
    first = meeting.save(engine, meeting.Meeting(WIETZE, date(2026, 12, 10), Period(2025), ("kpi:K1", "beratung")),
                         "verwaltung-1")
    assert first.id is not None
    assert meeting.by_id(engine, first.id) == first
    # the same day again replaces the meeting (one per Gemeinde and day), keeps its id
    again = meeting.save(engine, meeting.Meeting(WIETZE, date(2026, 12, 10), Period(2026, 3),
                                                 ("karte", "kpi:K99", "titel")), "verwaltung-1")
    assert again.id == first.id and again.slides == ("karte", "titel") and again.period == Period(2026, 3)
    earlier = meeting.save(engine, meeting.Meeting(WIETZE, date(2026, 3, 1), Period(2025), ("titel",)), "admin")
    assert [m.day for m in meeting.meetings(engine, WIETZE)] == [date(2026, 12, 10), date(2026, 3, 1)]
    # the next meeting from today on; after it, the last one
    assert meeting.current(engine, [WIETZE], date(2026, 12, 3)).id == first.id
    assert meeting.current(engine, [WIETZE], date(2026, 12, 11)).id == first.id
    assert meeting.current(engine, [WIETZE], date(2026, 2, 1)).id == earlier.id
    assert meeting.current(engine, ["03351001"], date(2026, 12, 3)) is None
    meeting.remove(engine, again, "admin")
    assert [m.id for m in meeting.meetings(engine, WIETZE)] == [earlier.id]
    entries = audit.entries(engine, audit.Filter(actions=(audit.MEETING_SAVED, audit.MEETING_REMOVED)))
    assert len(entries) == 4
    assert set(entries["object"]) == {f"{WIETZE} 2026-12-10", f"{WIETZE} 2026-03-01"}
    assert texts.AUDIT_SAVED.format(period="2026-Q3", count=2) in set(entries["detail"])


def test_a_meeting_without_a_known_slide_is_refused(engine):
    with pytest.raises(meeting.MeetingError, match=texts.ERROR_NO_SLIDES):
        meeting.save(engine, meeting.Meeting(WIETZE, TODAY, Period(2025), ("kpi:K99",)), "admin")
    assert meeting.meetings(engine, WIETZE) == []


# --- the slides' charts -------------------------------------------------------------------------------------------


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def test_the_slide_colours_have_a_contrast_of_at_least_7_to_1_on_white():
    for colour in (*charts.SLIDE_COLOURS, charts.SLIDE_TEXT):
        assert 1.05 / (_luminance(colour) + 0.05) >= 7.0, colour


def test_a_slide_chart_names_its_lines_at_their_ends_in_large_type(demo_set):
    page = published_model(SPECS["beratung"], demo_set, WIETZE, Period(2025), False, None)
    trend = meeting.main_trend(page)
    fig = charts.slide_trend(trend)
    assert fig.layout.showlegend is False and fig.layout.hovermode is False
    assert fig.layout.font.size >= 28 and fig.layout.xaxis.tickfont.size >= 28
    assert fig.layout.yaxis.tickfont.size >= 28 and fig.layout.yaxis.title.font.size >= 28
    assert len(fig.layout.annotations) == len(trend.series)
    for series, note in zip(trend.series, fig.layout.annotations):
        assert note.font.size >= 28
        last = series.values[-1]
        assert note.text == f"{series.label} {ui.SUPPRESSED if last is None else f'{last:,.0f}'.replace(',', '.')}"
        assert note.x == len(trend.periods) - 1  # the index of the last period, not its label
    assert len(fig.layout.xaxis.tickvals) <= charts.SLIDE_MAX_TICKS
    assert fig.layout.xaxis.tickvals[-1] == trend.periods[-1]
    # the y axis reaches above every value, not only the last ones
    assert fig.layout.yaxis.range[1] > max(v for s in trend.series for v in s.values if v is not None)


def test_line_names_are_spread_apart_but_stay_near_their_lines():
    assert charts._spread([10.0, 10.5, 30.0], 2.0) == [10.0, 12.0, 30.0]
    assert charts._spread([5.0, 1.0], 3.0) == [5.0, 1.0]
    placed = charts._spread([1.0, 1.0, 1.0], 2.0)
    assert sorted(placed) == [1.0, 3.0, 5.0]
    assert all(re.fullmatch(r"#[0-9A-F]{6}", c) for c in charts.SLIDE_COLOURS)


def test_a_kpi_slide_has_a_bar_of_target_against_actual_unless_withheld(demo_set):
    from monitor import targets

    stored = targets.load_targets()
    tiles = overview.published_tiles(demo_set, WIETZE, Period(2025), stored)
    with_target = [t for t in tiles if t.target is not None and not t.suppressed]
    assert with_target
    for tile in with_target:
        bar = meeting.target_bar(tile)
        actual, target = float(tile.figures.headline), tile.target.value
        scale = max(actual, target) * meeting.BAR_HEADROOM
        assert bar.actual == round(100 * actual / scale, 1) and bar.target == round(100 * target / scale, 1)
        assert max(bar.actual, bar.target) == 80.0  # the larger reaches 80 % of the bar
        assert bar.label.startswith(f"Ist {tile.value}, Ziel ")
    for tile in tiles:
        if tile.suppressed or tile.target is None:
            assert meeting.target_bar(tile) is None
    assert any(t.suppressed and t.target is not None for t in tiles)  # a withheld value: no bar that tells it
