"""The page Sitzungsmodus in AppTest: the public, the council and the mayor get the presentation at once, from
the published set whatever the role (the mayor's withheld tile stays "•"), without filters, moving with the
buttons and the address; staff and the administration plan a meeting (day, period, slides), save it, start its
presentation; a planned meeting is what the meeting room's screen shows."""

from __future__ import annotations

from datetime import date
from html import escape

import pandas as pd
import pytest
from sqlalchemy import delete
from streamlit.testing.v1 import AppTest

from monitor import db, meeting, overview, published, roles, targets
from monitor.periods import Period
from monitor.texts import kpis as kpi_texts, sitzung as texts, ui
from tests.app.measures import page_path
from tests.app.test_pages import TIMEOUT, WIETZE, logged_in
from ui import meetings as planner, session, slides

PATH = page_path("sitzung")


def open_page(role: str | None, **params: str) -> AppTest:
    at = AppTest.from_file(PATH, default_timeout=TIMEOUT)
    at.context = {"locale": "de-DE"}
    if role is not None and role != roles.PUBLIC:
        at.session_state[session.STATE] = logged_in(role)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def html(at: AppTest) -> str:
    return "\n".join(h.proto.body for h in at.get("html"))


def counter(at: AppTest) -> str:
    body = next(h.proto.body for h in at.get("html") if "slide-counter" in h.proto.body)
    return body.split('"slide-counter">')[1].split("<")[0]


@pytest.fixture
def no_meetings(demo_db):
    demo_db_engine = db.get_engine()
    with demo_db_engine.begin() as conn:
        conn.execute(delete(db.meetings))
    yield demo_db_engine
    with demo_db_engine.begin() as conn:
        conn.execute(delete(db.meetings))


def newest_year_tiles() -> list[overview.Tile]:
    pset = published.from_database(db.get_engine(), date.today(), WIETZE)
    stored = targets.from_database(db.get_engine())
    return overview.published_tiles(pset, WIETZE, meeting.default_period(pset, WIETZE), stored)


@pytest.mark.parametrize("role", [roles.PUBLIC, roles.COUNCIL, roles.MAYOR])
def test_the_presentation_opens_at_once_without_filters(no_meetings, role):
    at = open_page(role)
    total = len(meeting.catalogue())
    assert counter(at) == texts.COUNTER.format(number=1, total=total)
    page = html(at)
    assert texts.TITLE_GEMEINDE.format(gemeinde="Gemeinde Wietze") in page
    assert texts.FOOTNOTE in page and texts.HEADER.format(gemeinde="Gemeinde Wietze", period="2025") in page
    assert not at.selectbox and not at.radio and not at.get("date_input")  # no filters
    assert [b.label for b in at.button] == [texts.PREVIOUS, texts.NEXT]  # only staff end a presentation


@pytest.mark.parametrize("role", [roles.PUBLIC, roles.MAYOR])
def test_every_kpi_slide_shows_the_published_tile_whatever_the_role(no_meetings, role):
    at = open_page(role)
    tiles = newest_year_tiles()
    assert any(t.value == ui.SUPPRESSED for t in tiles)  # the mayor sees this one exactly on the overview
    assert any(t.target is not None for t in tiles)
    for number, tile in enumerate(tiles, start=2):
        at.button(key="slide_next").click().run()
        assert counter(at) == texts.COUNTER.format(number=number, total=len(meeting.catalogue()))
        assert at.query_params[slides.SLIDE_PARAM] == str(number)
        slide = html(at)
        assert f"<h1>{tile.title}</h1>" in slide
        assert f'<p class="slide-value">{tile.value}</p>' in slide
        assert f"<p>{escape(tile.target_line)}</p>" in slide  # target against actual
        if tile.change:  # the change with the tile's own words, its verdict included
            line = f"Veränderung {tile.change} {tile.change_description}"
            assert f"<p>{escape(line)}</p>" in slide
            assert tile.change_verdict is None or line.endswith(f": {tile.change_verdict}")
    assert any(t.change and t.change_verdict for t in tiles)  # some change is judged better or worse


def test_the_buttons_stop_at_the_ends_and_the_address_opens_a_slide(no_meetings):
    at = open_page(None)
    at.button(key="slide_prev").click().run()
    assert counter(at).startswith("Folie 1 ")
    total = len(meeting.catalogue())
    at = open_page(None, **{slides.SLIDE_PARAM: str(total)})
    assert counter(at) == texts.COUNTER.format(number=total, total=total)
    assert at.get("deck_gl_json_chart")  # the last slide: the map
    at.button(key="slide_next").click().run()
    assert counter(at) == texts.COUNTER.format(number=total, total=total)
    at = open_page(None, **{slides.SLIDE_PARAM: "999"})
    assert counter(at) == texts.COUNTER.format(number=total, total=total)
    at = open_page(None, **{slides.SLIDE_PARAM: "x"})
    assert counter(at).startswith("Folie 1 ")


def test_a_measure_slide_shows_its_chart_in_large_type(no_meetings):
    keys = meeting.catalogue()
    at = open_page(None, **{slides.SLIDE_PARAM: str(keys.index("beratung") + 1)})
    (chart,) = at.get("plotly_chart")
    assert "<h1>Beratung</h1>" in html(at)
    figure = chart.proto.spec
    assert '"size":28' in figure.replace(" ", "") and '"showlegend":false' in figure.replace(" ", "")


def test_a_planned_meeting_is_what_the_meeting_room_shows(no_meetings):
    engine = no_meetings
    today = date.today()
    planned = meeting.save(engine, meeting.Meeting(WIETZE, today, Period(2024), ("kpi:K2", "beratung")), "admin")
    at = open_page(None)
    assert counter(at) == texts.COUNTER.format(number=1, total=2)
    assert texts.HEADER.format(gemeinde="Gemeinde Wietze", period="2024") in html(at)
    assert f"<h1>{escape(kpi_texts.NAMES['K2'])}</h1>" in html(at) and planned.slides == ("kpi:K2", "beratung")
    # a meeting asked for by the address
    other = meeting.save(engine, meeting.Meeting(WIETZE, date(2020, 1, 1), Period(2025), ("titel",)), "admin")
    at = open_page(None, **{slides.MEETING_PARAM: str(other.id)})
    assert counter(at) == texts.COUNTER.format(number=1, total=1)
    # every slide, whatever is planned
    at = open_page(None, **{slides.MEETING_PARAM: planner.EVERY_SLIDE})
    assert counter(at) == texts.COUNTER.format(number=1, total=len(meeting.catalogue()))


@pytest.mark.parametrize("role", [roles.STAFF, roles.ADMIN])
def test_staff_plan_save_and_present_a_meeting(no_meetings, role):
    at = open_page(role)
    assert at.title[0].value == ui.PAGE_MEETING and "slide-counter" not in html(at)  # the planner, not slides
    assert at.selectbox(key=f"meeting_{WIETZE}").value == planner.NEW
    period = at.selectbox(key=f"meeting_period_{planner.NEW}_{texts.YEAR}").value
    at.button(key="meeting_save").click().run()
    assert not at.exception
    (saved,) = meeting.meetings(no_meetings, WIETZE)
    assert saved.day == date.today() and saved.period == period and saved.slides == tuple(meeting.catalogue())
    assert [s.value for s in at.success] == [texts.SAVED.format(day=f"{date.today():%d.%m.%Y}",
                                                                count=len(saved.slides))]
    assert at.selectbox(key=f"meeting_{WIETZE}").value == saved.id
    assert texts.ADDRESS.format(address=f"/sitzung?termin={saved.id}") in [c.value for c in at.caption]
    at.button(key="meeting_present").click().run()
    assert at.query_params[slides.SLIDE_PARAM] == "1"
    assert at.query_params[slides.MEETING_PARAM] == str(saved.id)
    assert counter(at) == texts.COUNTER.format(number=1, total=len(saved.slides))
    at.button(key="slide_end").click().run()  # back to the planner
    assert slides.SLIDE_PARAM not in at.query_params and at.title[0].value == ui.PAGE_MEETING
    at.button(key="meeting_remove").click().run()
    assert meeting.meetings(no_meetings, WIETZE) == []


def test_the_planners_order_and_choice(no_meetings):
    rows = planner._slide_rows(None)
    assert list(rows["key"]) == meeting.catalogue() and rows[texts.COL_SHOW].all()
    edited = rows.copy()
    edited.loc[edited["key"] == "karte", texts.COL_POSITION] = 1  # the map first
    edited.loc[edited["key"] == "kpi:K1", texts.COL_SHOW] = False
    chosen = planner.chosen_slides(edited)
    assert chosen[:2] == ("titel", "karte") and "kpi:K1" not in chosen
    assert len(chosen) == len(meeting.catalogue()) - 1
    planned = meeting.Meeting(WIETZE, date.today(), Period(2025), ("beratung", "titel"))
    rows = planner._slide_rows(planned)
    assert list(rows["key"][:2]) == ["beratung", "titel"] and list(rows[texts.COL_SHOW][:3]) == [True, True, False]
    assert planner.chosen_slides(pd.DataFrame(rows)) == ("beratung", "titel")


def test_the_public_cannot_reach_the_planner(no_meetings):
    at = open_page(None, **{slides.SLIDE_PARAM: "1"})
    assert not at.get("data_editor") and not [b for b in at.button if b.key == "meeting_save"]
    at = open_page(roles.COUNCIL)
    assert not [b for b in at.button if b.key == "meeting_save"]
