"""The page Kontext in a real browser, from a fresh start (the first run loads the demo data and the shipped
official tables), as the public sees it: the note that these are official statistics, both charts drawn (the line
of Celle's population with the census 2011 marker, the bars of the protection seekers), the source with the
licence visible under them, and no request to any host but the app's."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from monitor.texts import kontext as texts
from tests.e2e.conftest import HostLog, running_app

pytestmark = pytest.mark.e2e

FIRST_LOAD_MS = 180_000
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
DESTATIS = "© Statistisches Bundesamt (Destatis), Datenlizenz Deutschland – Namensnennung – 2.0"
LAENDER = "© Statistische Ämter des Bundes und der Länder, Datenlizenz Deutschland – Namensnennung – 2.0"


@pytest.fixture(scope="module")
def kontext_server(tmp_path_factory):
    with running_app(tmp_path_factory.mktemp("kontext")) as (url, _):
        yield url


def test_the_public_page_draws_its_charts_with_their_sources_offline(page: Page, kontext_server):
    url = kontext_server
    hosts = HostLog(page)
    page.goto(f"{url}/kontext")
    charts = page.get_by_test_id("stPlotlyChart")
    expect(charts).to_have_count(2, timeout=FIRST_LOAD_MS)
    expect(page.locator(IDLE)).to_be_attached(timeout=FIRST_LOAD_MS)
    expect(page.get_by_role("heading", name=texts.TITLE, exact=True)).to_be_visible()
    expect(page.get_by_text("Amtliche Statistik als Kontext – keine Ergebnisse der Integrationsarbeit der Gemeinde."
                            )).to_be_visible()
    # drawn: the line of the population with its points, the census marker, the bars
    line = charts.nth(0)
    expect(line.locator(".scatterlayer path.js-line")).to_have_count(1)
    expect(line.locator(".scatterlayer .point")).to_have_count(24)  # 31.12.1995 to 31.12.2018
    expect(line.get_by_text(texts.CENSUS_LABEL)).to_be_visible()
    expect(line.locator(".shapelayer path")).to_have_count(1)
    expect(charts.nth(1).locator(".barlayer .point")).to_have_count(2)  # Landkreis Celle, Niedersachsen
    expect(charts.nth(1).get_by_text("27,2")).to_be_visible()  # 4.860 per 178.936 inhabitants
    # the attribution visible under the charts, the figures as printed in the files
    expect(page.get_by_text(DESTATIS).first).to_be_visible()
    expect(page.get_by_text(LAENDER).first).to_be_visible()
    expect(page.get_by_role("cell", name="178.936").first).to_be_visible()
    expect(page.get_by_text(texts.FOREIGNERS_NONE)).to_be_visible()
    hosts.assert_only(url)
