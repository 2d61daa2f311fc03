"""The meeting mode's presentation (page Sitzungsmodus): one slide at a time, full screen, legible from the back
of a room.

The slides come from monitor.meeting (published figures only). This module draws them: a style sheet that hides
the sidebar and Streamlit's chrome and sets every text to at least 28 px in black on white (headline figures
128 px), the slide itself as fixed HTML (every value escaped), its chart (monitor.charts.slide_trend) or map, and
the row with back, the slide number and forward. The slide's number is in the address (``?folie=3``), so that a
reload or a link opens the same slide; a small script moves with the arrow keys (and a presenter's remote: page
up and down), F switches the browser's full screen.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from html import escape
from pathlib import Path

import streamlit as st

from monitor import charts, fmt, maps, meeting as meetings, overview
from monitor.texts import sitzung as texts
from monitor.views import karte as karte_view
from monitor.views.model import Trend

SLIDE_PARAM = "folie"  # ?folie=3: the presentation, at slide 3
MEETING_PARAM = "termin"  # ?termin=7: the meeting with id 7 (else the next one)
MARKER = "integrationsmonitor-folien"  # the id of the element that carries the script
CHART_HEIGHT_PX = 360
MAP_WIDTH_PX, MAP_HEIGHT_PX = 700, 400
MAP_LABEL_PX = 28

CSS = """
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stStatusWidget"] { display: none !important; }
[data-testid="stAppViewContainer"], [data-testid="stMain"] { background: #FFFFFF; color: #000000; }
[data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"] { gap: 8px; }
[data-testid="stSkipToContent"] { font-size: 28px; color: #000000; }
[data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 8px 32px 8px 32px !important; }
.st-key-slide_nav button { min-height: 56px; padding: 0 24px; color: #000000; background: #FFFFFF;
  border: 2px solid #000000; }
.st-key-slide_nav button p, .st-key-slide_nav button span { font-size: 28px !important; color: #000000; }
.st-key-slide_nav button:focus-visible { outline: 4px solid #003D7A; }
.slide-bar { font-size: 28px; line-height: 1.2; color: #000000; text-align: center; }
.slide h1 { font-size: 52px; line-height: 1.15; font-weight: 700; color: #000000; margin: 0 0 12px 0; padding: 0; }
.slide p { font-size: 32px; line-height: 1.3; color: #000000; margin: 0 0 12px 0; }
.slide .slide-value { font-size: 128px; line-height: 1.05; font-weight: 700; margin: 8px 0 16px 0; }
.slide .slide-big { font-size: 96px; line-height: 1.1; font-weight: 700; margin: 48px 0 24px 0; }
.slide .slide-sub { font-size: 48px; line-height: 1.2; font-weight: 600; }
.slide .slide-small { font-size: 28px; }
.slide-target { position: relative; height: 88px; margin: 0 0 16px 0; max-width: 1100px; }
.slide-target-text { position: absolute; top: 0; transform: translateX(-50%); white-space: nowrap; font-size: 28px;
  color: #000000; }
.slide-target-track { position: absolute; top: 44px; left: 0; right: 0; height: 36px; border: 2px solid #000000; }
.slide-target-actual { height: 100%; background: #003D7A; }
.slide-target-mark { position: absolute; top: -12px; bottom: -12px; width: 6px; margin-left: -3px;
  background: #000000; }
.slide table { border-collapse: collapse; font-size: 28px; color: #000000; }
.slide th, .slide td { border-bottom: 1px solid #000000; padding: 4px 16px 4px 0; text-align: left; }
.slide td.num, .slide th.num { text-align: right; }
.slide-foot { font-size: 28px; line-height: 1.25; color: #000000; border-top: 2px solid #000000; padding-top: 6px; }
[data-testid="stElementContainer"]:has(#MARKER) { display: none; }
""".replace("MARKER", MARKER)


@cache
def script() -> str:
    return Path(__file__).with_name("slides.js").read_text(encoding="utf-8")


def _apply() -> None:
    st.html(f"<style>{CSS}</style>")
    st.html(f'<span id="{MARKER}" hidden></span><script>{script()}</script>', unsafe_allow_javascript=True)


def slide_number(total: int) -> int:
    """The slide asked for in the address, 1 to `total` (the first when none or a wrong one is asked for)."""
    try:
        number = int(st.query_params.get(SLIDE_PARAM, "1"))
    except ValueError:
        number = 1
    return min(max(number, 1), max(total, 1))


def _go(number: int) -> None:
    st.query_params[SLIDE_PARAM] = str(number)


def _nav(number: int, total: int, header: str, on_end: Callable[[], None] | None) -> None:
    with st.container(key="slide_nav", horizontal=True, vertical_alignment="center", gap="medium"):
        st.button(texts.PREVIOUS, key="slide_prev", icon=":material/arrow_back:", on_click=_go,
                  args=(max(number - 1, 1),))
        counter = texts.COUNTER.format(number=number, total=total)
        st.html(f'<div class="slide-bar">{escape(header)} · <span class="slide-counter">{escape(counter)}</span>'
                "</div>", width="stretch")
        st.button(texts.NEXT, key="slide_next", icon=":material/arrow_forward:", on_click=_go,
                  args=(min(number + 1, total),))
        if on_end is not None:
            st.button(texts.END, key="slide_end", icon=":material/close:", on_click=on_end)


def _title(the_meeting: meetings.Meeting, gemeinde: str, stand) -> None:
    st.html('<div class="slide">'
            f'<h1 class="slide-big">{escape(texts.TITLE)}</h1>'
            f'<p class="slide-sub">{escape(texts.TITLE_GEMEINDE.format(gemeinde=gemeinde))}</p>'
            f'<p>{escape(texts.TITLE_MEETING.format(day=fmt.date_de(the_meeting.day)))}</p>'
            f'<p>{escape(texts.TITLE_PERIOD.format(period=the_meeting.period.label, stand=fmt.date_de(stand)))}</p>'
            "</div>")


def _kpi(tile: overview.Tile) -> None:
    target = tile.target_line
    change = texts.CHANGE.format(change=tile.change, description=tile.change_description) if tile.change else ""
    lines = [target, change, tile.explanation]
    bar = meetings.target_bar(tile)
    text_at = None if bar is None else min(max(bar.target, 15), 85)  # the target's words stay on the slide
    bar_html = "" if bar is None else (
        f'<div class="slide-target" role="img" aria-label="{escape(bar.label)}">'
        f'<span class="slide-target-text" style="left: {text_at}%">{escape(bar.target_text)}</span>'
        f'<div class="slide-target-track"><div class="slide-target-actual" style="width: {bar.actual}%"></div>'
        f'<div class="slide-target-mark" style="left: {bar.target}%"></div></div></div>')
    st.html('<div class="slide">'
            f"<h1>{escape(tile.title)}</h1>"
            f'<p class="slide-value">{escape(tile.value)}</p>' + bar_html
            + "".join(f"<p>{escape(line)}</p>" for line in lines if line)
            + "</div>")


def _chart(title: str, trend: Trend | None) -> None:
    st.html(f'<div class="slide"><h1>{escape(title)}</h1>'
            + (f'<p class="slide-small">{escape(trend.title)}</p>' if trend is not None else "") + "</div>")
    if trend is None:
        st.html(f'<div class="slide"><p>{escape(texts.NO_CHART)}</p></div>')
        return
    alt = texts.CHART_ALT.format(title=trend.title, series=", ".join(s.label for s in trend.series),
                                 granularity=texts.QUARTER if trend.quarterly else texts.YEAR)
    st.plotly_chart(charts.slide_trend(trend, CHART_HEIGHT_PX), alt=alt, width="stretch",
                    config={"staticPlot": True, "displayModeBar": False, "locale": "de"})


def _table_html(frame) -> str:
    head = "".join(f"<th>{escape(str(c))}</th>" for c in frame.columns)
    rows = "".join("<tr>" + "".join(f'<td class="{"num" if i else ""}">{escape(str(v))}</td>'
                                    for i, v in enumerate(row)) + "</tr>" for row in frame.itertuples(index=False))
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def _map(slide: meetings.Slide, gemeinde: str) -> None:
    page = slide.page
    model = karte_view.map_model(page, karte_view.measures(page)[0], gemeinde)
    st.html(f'<div class="slide"><h1>{escape(slide.title)}</h1></div>')
    left, right = st.columns([3, 2])
    with left:
        if model.area is None:
            st.html(f'<div class="slide"><p>{escape(texts.MAP_NO_BOUNDARY)}</p></div>')
        else:
            st.pydeck_chart(maps.deck(model, MAP_LABEL_PX, MAP_WIDTH_PX, MAP_HEIGHT_PX, with_places=False),
                            height=MAP_HEIGHT_PX, alt=model.alt)
    with right:
        st.html(f'<div class="slide">{_table_html(model.table.shown)}</div>')


def show(the_meeting: meetings.Meeting, slides: list[meetings.Slide], stand,
         on_end: Callable[[], None] | None = None) -> None:
    """The presentation of `slides`, at the slide the address asks for; with `on_end`, a button that ends it."""
    _apply()
    gemeinde = overview.gemeinde_name(the_meeting.ags)
    header = texts.HEADER.format(gemeinde=gemeinde, period=the_meeting.period.label)
    if not slides:
        _nav(1, 1, header, on_end)
        st.html(f'<div class="slide"><p>{escape(texts.NO_SLIDES)}</p></div>')
        return
    number = slide_number(len(slides))
    _nav(number, len(slides), header, on_end)
    slide = slides[number - 1]
    if slide.key == meetings.TITLE:
        _title(the_meeting, gemeinde, stand)
    elif slide.tile is not None:
        _kpi(slide.tile)
    elif slide.is_map:
        _map(slide, gemeinde)
    else:
        _chart(slide.title, slide.trend)
    st.html(f'<div class="slide-foot">{escape(texts.FOOTNOTE)}</div>')
