"""The meeting mode on a 1280x720 projector, in a real browser: it opens without the sidebar and Streamlit's
chrome, the arrow keys move through the slides, and on every slide no visible text is smaller than 28 px nor has a
contrast under 7:1 against what lies behind it (computed from the page's styles, the charts' SVG text included);
headline figures are at least 96 px."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from monitor import meeting
from monitor.texts import sitzung as texts
from ui import slides

pytestmark = pytest.mark.e2e

FIRST_LOAD_MS = 180_000
RERUN_MS = 60_000
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
PROJECTOR = {"width": 1280, "height": 720}
MIN_TEXT_PX, MIN_HEADLINE_PX, MIN_CONTRAST = 28, 96, 7.0

# Every visible text of the page: its size, its colour (SVG: its fill) and the first opaque background behind it.
AUDIT = """() => {
  const parse = (c) => { const m = c.match(/[\\d.]+/g); return m ? m.map(Number) : [0, 0, 0, 0]; };
  const opaque = (c) => { const v = parse(c); return c !== 'transparent' && (v.length < 4 || v[3] > 0.5); };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = getComputedStyle(e).backgroundColor;
      if (c && opaque(c)) return c;
    }
    return 'rgb(255, 255, 255)';
  };
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    if (['STYLE', 'SCRIPT', 'NOSCRIPT', 'TITLE'].includes(el.tagName)) continue;
    const own = [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join('').trim();
    if (!own) continue;
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (box.width < 1 || box.height < 1 || style.visibility === 'hidden' || style.display === 'none') continue;
    if (el.closest('[aria-hidden="true"]') && !(el instanceof SVGElement)) continue;
    let hidden = false;
    for (let e = el; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === 'none' || s.visibility === 'hidden' || parseFloat(s.opacity) === 0) { hidden = true; break; }
    }
    if (hidden) continue;
    const colour = el instanceof SVGElement ? (style.fill || style.color) : style.color;
    out.push({text: own.slice(0, 60), size: parseFloat(style.fontSize), colour, background: background(el),
              svg: el instanceof SVGElement});
  }
  return out;
}"""


def _luminance(colour: str) -> float:
    r, g, b = (float(v) / 255 for v in re.findall(r"[\d.]+", colour)[:3])
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(foreground: str, background: str) -> float:
    light, dark = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_is_computed_as_wcag_says():
    assert round(contrast("rgb(0, 0, 0)", "rgb(255, 255, 255)"), 1) == 21.0
    assert round(contrast("rgb(118, 118, 118)", "rgb(255, 255, 255)"), 1) == 4.5  # the known AA grey
    assert contrast("rgb(49, 51, 63)", "rgb(255, 255, 255)") > 7  # Streamlit's text colour


def counter(page: Page):
    return page.locator(".slide-counter")


def test_the_meeting_mode_on_a_projector(page: Page, app_url):
    page.set_viewport_size(PROJECTOR)
    page.goto(f"{app_url}/sitzung")
    expect(counter(page)).to_be_visible(timeout=FIRST_LOAD_MS)
    expect(page.locator(IDLE)).to_be_attached(timeout=FIRST_LOAD_MS)
    total = len(meeting.catalogue())  # no meeting planned: every slide
    expect(counter(page)).to_have_text(texts.COUNTER.format(number=1, total=total))
    expect(page.get_by_test_id("stSidebar")).to_be_hidden()
    expect(page.get_by_test_id("stHeader")).to_be_hidden()
    headline_sizes = []
    for number in range(1, total + 1):
        expect(counter(page)).to_have_text(texts.COUNTER.format(number=number, total=total), timeout=RERUN_MS)
        expect(page.locator(IDLE)).to_be_attached(timeout=RERUN_MS)
        if page.locator("[data-testid='stPlotlyChart']").count():
            # the chart drawn, its texts (axes, the lines' names) among those audited
            expect(page.locator("[data-testid='stPlotlyChart'] .xtick text").first).to_be_visible(timeout=RERUN_MS)
            expect(page.locator("[data-testid='stPlotlyChart'] .annotation-text").first).to_be_visible()
        texts_seen = page.evaluate(AUDIT)
        assert texts_seen, number
        small = [t for t in texts_seen if t["size"] < MIN_TEXT_PX - 0.01]
        assert small == [], (number, small)
        faint = [(t, round(contrast(t["colour"], t["background"]), 2)) for t in texts_seen
                 if contrast(t["colour"], t["background"]) < MIN_CONTRAST]
        assert faint == [], (number, faint)
        footnote = page.locator(".slide-foot")
        expect(footnote).to_have_text(texts.FOOTNOTE)  # the privacy footnote on every slide
        expect(page.locator(".slide-bar")).to_contain_text("Zeitraum")  # the period on every slide
        value = page.locator(".slide-value")
        if value.count():
            headline_sizes.append(float(value.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")))
        if number < total:
            page.keyboard.press("ArrowRight")
    assert headline_sizes and min(headline_sizes) >= MIN_HEADLINE_PX
    page.keyboard.press("ArrowLeft")
    expect(counter(page)).to_have_text(texts.COUNTER.format(number=total - 1, total=total), timeout=RERUN_MS)
    assert f"{slides.SLIDE_PARAM}={total - 1}" in page.url  # the address keeps the slide
