"""The page Karte in a real browser, as the public sees it: the map's canvas draws the boundaries and the
circles, the browser asks no host but the app's (no tiles, no CDN, no Mapbox), and neither the page's source nor
what the websocket brings holds a count per Ortsteil that the published set withholds."""

from __future__ import annotations

import io
from datetime import date

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from monitor import db, maps, published, queries
from monitor.texts import karte as texts
from monitor.views.model import category_label
from tests.e2e.conftest import HostLog, running_app

pytestmark = pytest.mark.e2e

FIRST_LOAD_MS = 180_000
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
WIETZE = "03351023"


@pytest.fixture(scope="module")
def map_server(tmp_path_factory):
    with running_app(tmp_path_factory.mktemp("karte")) as (url, database_url):
        yield url, database_url


def withheld(database_url: str) -> list[tuple[str, int]]:
    """(Ortsteil name, exact count) of every active-cases figure per Ortsteil the published set withholds in the
    newest closed year (the page's first choice)."""
    engine = db.make_engine(database_url)
    try:
        pset = published.from_database(engine, date.today())
        period = pset.periods_of(False)[0]
        figures = pset.get(WIETZE, period)["K17"]
        exact = queries.load_source(engine, WIETZE).kpi_values(period, "K17")
    finally:
        engine.dispose()
    breakdown = figures.spec.breakdown_named("active_district")
    return [(category_label(breakdown, code, WIETZE), int(exact[breakdown.part(code)]))
            for code in figures.categories("active_district") if figures.is_hidden(breakdown.part(code))]


def drawn_pixels(png: bytes, colour: list[int], tolerance: int = 40) -> int:
    """Pixels of the colour as drawn: a translucent colour blended with white (the ground under it, at most)."""
    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=int)
    alpha = colour[3] / 255
    target = np.array([round(alpha * c + (1 - alpha) * 255) for c in colour[:3]])
    return int((np.abs(pixels - target) <= tolerance).all(axis=-1).sum())


def test_the_public_map_draws_offline_and_withholds_what_the_set_withholds(page: Page, map_server):
    url, database_url = map_server
    hosts = HostLog(page)
    frames: list[str] = []
    page.on("websocket", lambda ws: ws.on(
        "framereceived", lambda payload: frames.append(
            payload.decode("utf-8", "replace") if isinstance(payload, bytes) else payload)))
    page.goto(f"{url}/karte")
    chart = page.get_by_test_id("stDeckGlJsonChart")
    expect(chart).to_be_visible(timeout=FIRST_LOAD_MS)
    expect(page.locator(IDLE)).to_be_attached(timeout=FIRST_LOAD_MS)
    expect(page.get_by_text(texts.ATTRIBUTION)).to_be_visible()
    canvas = chart.locator("canvas").first
    expect(canvas).to_be_visible()
    # the canvas draws: the Gemeinde's boundary (blue) and circles (red) are on it
    png = canvas.screenshot()
    assert drawn_pixels(png, maps.GEMEINDE_LINE) > 100
    assert drawn_pixels(png, maps.CIRCLE_FILL) > 100
    hosts.assert_only(url)
    hidden = withheld(database_url)
    assert hidden, "the demo data withholds no Ortsteil: nothing to check"
    received = "\n".join(frames)
    source = page.content()
    for name, count in hidden:
        escaped = name.encode("ascii", "backslashreplace").decode().replace("\\x", "\\u00")
        assert f"{escaped}\\n\\u2022" in received  # the label the map gets instead: the search sees the data
        for text in (received, source):
            for leak in (f"{escaped}\\n{count}\"", f"{escaped}: {count} ", f"{name}\n{count}", f"{name}: {count} "):
                assert leak not in text, (name, leak)

