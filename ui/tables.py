"""Tables on a page: st.dataframe made to fit and to explain itself, with German downloads.

- Columns are given widths that fit the page on a 1366 px screen beside the open sidebar (``PAGE_PX``); where the
  texts are longer, the rows get taller and the texts wrap instead of being cut off (``layout``, a pure estimate
  from the number of characters; Streamlit wraps a cell's text only in rows taller than 4rem).
- Streamlit's own toolbar over the table (English) is hidden by ui.german; ``show`` offers the table as CSV and
  XLSX below it (ui.downloads).
- A "–" (no value) or "•" (withheld) in the table is explained in a line below it (``notes``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from monitor import fmt
from monitor.texts import ui
from ui import downloads

# A table's width on a 1366 px screen beside the open sidebar: 906 px, less room for a vertical scrollbar; in an
# expander (or a dialog) 872 px.
PAGE_PX = 880
EXPANDER_PX = 845
CHAR_PX = 6.8  # mean width of a character in a cell (Source Sans, 14 px: 6.0 to 6.6, digits 7), a little more
HEADER_CHAR_PX = 6.5  # header texts are set a little bolder (semibold: 6.3)
PADDING_PX = 20  # left and right padding of a cell
HEADER_PADDING_PX = 20
MIN_COLUMN_PX = 48
LINE_PX = 18  # one line of wrapped text
ROW_PADDING_PX = 12
LONGEST = 200  # texts of a column whose wrapping is estimated: its longest distinct ones
WRAP_MIN_ROW_PX = 66  # Streamlit wraps texts only in rows taller than 4rem (64 px)
MAX_LINES = 5


@dataclass(frozen=True)
class Layout:
    widths: dict[str, int]  # column -> width in px
    row_height: int | None  # None: Streamlit's one-line rows


def _texts(series: pd.Series) -> list[str]:
    """The cells as the page shows them, roughly: moments as "24.11.2026 14:05:00", missing values as "–"."""
    if pd.api.types.is_datetime64_any_dtype(series):
        return [fmt.MISSING if fmt.is_missing(v) else "00.00.0000 00:00:00" for v in series]
    return [fmt.MISSING if fmt.is_missing(v) else str(v) for v in series]


def _lines(text: str, width_px: float) -> int:
    """How many lines `text` takes in a cell `width_px` wide, wrapped between words (a word longer than a line
    runs over several)."""
    room = max(1, int((width_px - PADDING_PX) / CHAR_PX))
    lines, used = 1, 0
    for word in text.split():
        if used and used + 1 + len(word) <= room:
            used += 1 + len(word)
            continue
        if used:
            lines, used = lines + 1, 0
        full, rest = divmod(len(word), room)
        lines += full - (0 if rest else 1)
        used = rest or room
    return lines


def _width_for(values: list[str], lines: int, floor: float, need: float) -> float:
    """The narrowest width (at least `floor`, at most `need`) in which every text takes at most `lines` lines."""
    low, high = floor, need
    if max((_lines(v, low) for v in values), default=1) <= lines:
        return low
    while high - low > 2:
        middle = (low + high) / 2
        if max(_lines(v, middle) for v in values) <= lines:
            high = middle
        else:
            low = middle
    return high


def layout(frame: pd.DataFrame, page_px: int = PAGE_PX) -> Layout:
    """Column widths that fit `page_px`, with as few lines of text per row as that allows: every column as wide
    as its longest text if all fits on one line; otherwise the text columns get the narrowest widths in which
    their texts take two lines (three, ... at most MAX_LINES), and the rows get as tall as that. Words are kept
    whole if that fits, else they break too. A header does not wrap, so no column gets narrower than its header;
    columns of moments and numbers do not wrap at all. Room left over goes to columns whose words break, then to
    those that wrap most; Streamlit stretches the columns over the page's whole width."""
    texts = {str(c): sorted(set(_texts(frame[c])), key=len, reverse=True)[:LONGEST] for c in frame.columns}
    wraps = {str(c): not (pd.api.types.is_datetime64_any_dtype(frame[c]) or pd.api.types.is_numeric_dtype(frame[c])
                          or pd.api.types.is_bool_dtype(frame[c])) for c in frame.columns}
    need, floor, unbroken = {}, {}, {}
    for column, values in texts.items():
        header = len(column) * HEADER_CHAR_PX + HEADER_PADDING_PX
        longest = max((len(v) for v in values), default=0) * CHAR_PX + PADDING_PX
        word = max((len(w) for v in values for w in v.split()), default=0) * CHAR_PX + PADDING_PX
        need[column] = max(MIN_COLUMN_PX, header, longest)
        floor[column] = max(MIN_COLUMN_PX, header) if wraps[column] else need[column]
        unbroken[column] = max(floor[column], min(word, need[column]))  # no word broken in two
    for floors in (unbroken, floor):  # rather no word broken; if that cannot fit, words break as well
        widths, lines = dict(need), 1
        while sum(widths.values()) > page_px and lines < MAX_LINES:
            lines += 1
            widths = {c: _width_for(texts[c], lines, floors[c], need[c]) if wraps[c] else need[c] for c in need}
        if sum(widths.values()) <= page_px:
            break
    if lines == 1:
        return Layout({c: math.ceil(w) for c, w in widths.items()}, None)
    # the room left goes first to columns whose words break, then to those that wrap most
    for target in (unbroken, need):  # (less a pixel a column: the widths are rounded up)
        spare, short = page_px - len(need) - sum(widths.values()), {c: max(0.0, target[c] - widths[c]) for c in need}
        if spare > 0 and sum(short.values()) > 0:
            share = min(1.0, spare / sum(short.values()))
            widths = {c: widths[c] + short[c] * share for c in widths}
    return Layout({c: math.ceil(w) for c, w in widths.items()},
                  max(WRAP_MIN_ROW_PX, ROW_PADDING_PX + LINE_PX * lines))


def notes(frame: pd.DataFrame) -> list[str]:
    """The legend lines a table needs: what "–" and what "•" mean, if it shows them."""
    shown = {v for c in frame.columns for v in _texts(frame[c])}
    return [note for mark, note in ((fmt.MISSING, ui.MISSING_NOTE), (ui.SUPPRESSED, ui.SUPPRESSED_TABLE_NOTE))
            if mark in shown]


def show(frame: pd.DataFrame, *, name: str, exact: bool, column_config: dict | None = None,
         download: pd.DataFrame | bool = True, key: str | None = None, page_px: int = PAGE_PX) -> None:
    """The table, its legend and its downloads: CSV and XLSX of the table itself, of another frame given as
    `download` (e.g. with the values the table shortens), or none (False). `name` is the table's German name
    (accessible name, downloads); `exact` marks figures that are not suppressed (ui.downloads: "nur für den
    Dienstgebrauch"). `column_config` may add formats; the widths are the layout's for `page_px` (EXPANDER_PX
    inside an expander or a dialog)."""
    fitted = layout(frame, page_px)
    extra = column_config or {}
    config = {c: {**extra.get(c, {}), "width": w} for c, w in fitted.widths.items()}
    st.dataframe(frame, hide_index=True, width="stretch", column_config=config, row_height=fitted.row_height,
                 placeholder=fmt.MISSING, alt=name)
    for note in notes(frame):
        st.caption(note)
    if download is not False:
        downloads.download_buttons(frame if download is True else download, name, exact, key=key)
