"""The web UI in headless Chromium (Debian's /usr/bin/chromium driven by Playwright's Python API).

Loads the pages over a real SQLite store, uses a filter, opens an event and an entity, checks that
the hostile article's script never ran, and saves screenshots to docs/screenshots/.
"""
from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("MARSAD_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium) "
                "to run the browser tests", allow_module_level=True)
playwright_sync = pytest.importorskip("playwright.sync_api", reason="playwright (python) is not installed")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(db_url: str):
    import uvicorn

    from marsad.web.app import create_app

    port = _free_port()
    config = uvicorn.Config(create_app(db_url), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with playwright_sync.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ar")
    pg = ctx.new_page()
    pg.dialogs = []  # type: ignore[attr-defined]
    pg.errors = []  # type: ignore[attr-defined]
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))  # type: ignore[attr-defined]
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))  # type: ignore[attr-defined]
    # CSP violations and failed loads show up as console errors
    pg.on("console", lambda m: m.type == "error" and pg.errors.append(m.text))  # type: ignore[attr-defined]
    # a request leaving the machine would be a bug (no CDN, no tiles): fail it loudly
    pg.external = []  # type: ignore[attr-defined]

    def guard(route):
        url = route.request.url
        if url.startswith(("http://127.0.0.1", "data:")):
            return route.continue_()
        pg.external.append(url)  # type: ignore[attr-defined]
        return route.abort()

    pg.route("**/*", guard)
    yield pg
    ctx.close()


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def no_xss(page) -> None:
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.dialogs == []
    assert page.external == []
    assert page.errors == []


def test_home_filter_event_entity(server, page):
    page.goto(server + "/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator(".stat .n").first.inner_text() == "4"
    shot(page, "home")

    # events list, filtered to Russia-Iran consultations
    page.goto(server + "/events")
    page.fill("input[name=country]", "RUS,IRN")
    page.select_option("select[name=category]", "CONSULT")
    page.click(".filters button[type=submit]")
    page.wait_for_load_state()
    assert "category=CONSULT" in page.url
    rows = page.locator("table.events tbody tr")
    assert rows.count() == 2
    shot(page, "events")

    # open the merged Tehran visit: two sources, evidence highlighted in its article
    page.goto(server + "/events?country=RUS&country=IRN&category=CONSULT&until=2015-01-31")
    page.locator("table.events a.more").first.click()
    page.wait_for_load_state()
    assert "/events/ev-" in page.url
    assert page.locator("article.source").count() == 2
    evidence = page.locator("mark.evidence").first
    assert "شويغو" in evidence.inner_text()
    assert evidence.locator("a.ent-PER").count() >= 1  # mentions inside the evidence stay linked
    shot(page, "event")

    # follow the visitor to his entity page
    page.locator("table.actors a[href^='/entities/']").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/entities/per-shoigu")
    assert "Sergei Shoigu" in page.inner_text("h1")
    assert page.locator("ol.timeline li").count() >= 3
    assert page.locator("svg.bars rect").count() >= 1
    shot(page, "entity")
    no_xss(page)


def test_document_highlights_and_hostile_page(server, page, client):
    docs = {d["path"]: d["doc_id"] for d in client.get("/api/documents").json()["items"]}
    page.goto(server + f"/documents/{docs['alalam/shoigu-tehran.txt']}")
    marks = page.locator(".article .text a.ent")
    assert marks.count() >= 8
    assert page.locator(".article .text a.ent-WEAPON").first.inner_text() == "إس-300"
    shot(page, "document")

    page.goto(server + f"/documents/{docs['evil/xss.html']}")
    page.wait_for_timeout(300)
    text = page.inner_text(".article .text")
    assert "<script>window.__xss=1;alert(1)</script>" in text  # shown as text
    assert '<img src=x onerror="window.__xss=1;alert(1)">' in text
    assert page.locator(".article img, .article script").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    assert page.inner_text(".article h2") == "<script>window.__xss=1;alert(1)</script>"
    no_xss(page)
    shot(page, "hostile-document")

    ev = client.get("/api/events", params={"since": "2015-03-01", "until": "2015-03-31"}).json()["items"][0]
    page.goto(server + f"/events/{ev['id']}")
    page.wait_for_timeout(300)
    no_xss(page)
    page.goto(server + "/search?q=" + "<script>window.__xss=1</script>")
    no_xss(page)


def test_timeline_graph_map_search(server, page):
    page.goto(server + "/timeline?country=RUS&country=IRN")
    assert page.locator("svg.bars rect").count() >= 2
    assert page.locator("table.dyads tbody tr").count() == 1
    shot(page, "timeline")

    page.goto(server + "/graph")
    page.wait_for_selector("#graph[data-ready='1']", timeout=15000)
    assert page.locator("svg.graph .node").count() >= 7
    page.wait_for_timeout(2200)  # let the layout settle for the screenshot
    shot(page, "graph")

    page.goto(server + "/map")
    page.wait_for_selector("#map[data-ready]", timeout=15000)
    assert int(page.get_attribute("#map", "data-ready")) == 3  # Tehran, Moscow, Damascus
    assert page.locator("svg.worldmap .countries path").count() > 100
    assert page.locator("#map-list li").count() == 3
    shot(page, "map")

    page.goto(server + "/search?q=" + "ايران")  # folded: matches إيران
    assert page.locator("ul.results li a").count() >= 1
    shot(page, "search")
    assert page.errors == []
    no_xss(page)


def test_rtl_legend_swatches_sit_by_their_labels(server, page):
    page.goto(server + "/entities/per-shoigu")
    items = page.locator("figcaption.legend .legend-item")
    assert items.count() >= 2
    for i in range(items.count()):
        item = items.nth(i)
        cat = item.get_attribute("data-cat")
        sw, label = item.locator(".swatch"), item.locator("bdi")
        assert f"cat-{cat}" in (sw.get_attribute("class") or "")
        assert label.inner_text() == cat
        s, t = sw.bounding_box(), label.bounding_box()
        # right to left: the swatch stands just right of its own label, on the same line
        assert 0 <= s["x"] - (t["x"] + t["width"]) <= 12, (cat, s, t)
        assert abs((s["y"] + s["height"] / 2) - (t["y"] + t["height"] / 2)) < 8
    page.locator("figure.chart").first.screenshot(path=str(SHOTS / "legend-rtl.png"))


NARROW_PAGES = ["/", "/events", "/documents", "/entities", "/entities/per-shoigu", "/entities/gpe-tehran",
                "/timeline?country=RUS&country=IRN", "/search?q=ايران", "/map", "/about"]


def test_390px_screens_do_not_overflow(server, browser, client):
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, locale="ar", device_scale_factor=1)
    pg = ctx.new_page()
    ev = client.get("/api/events").json()["items"][0]["id"]
    doc = client.get("/api/documents").json()["items"][0]["doc_id"]
    try:
        for url in NARROW_PAGES + [f"/events/{ev}", f"/documents/{doc}"]:
            pg.goto(server + url)
            width = pg.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, (url, width)
        pg.goto(server + "/events")
        pg.screenshot(path=str(SHOTS / "events-390px.png"), full_page=True)
        pg.goto(server + "/entities/per-shoigu")
        pg.screenshot(path=str(SHOTS / "entity-390px.png"), full_page=True)
        # a place has no offices panel; the persons met are persons
        assert pg.goto(server + "/entities/gpe-tehran").status == 200
        assert pg.locator(".offices-panel").count() == 0
    finally:
        ctx.close()


def test_filter_by_arabic_state_names(server, page):
    page.goto(server + "/events")
    page.fill("input[name=country]", "روسيا، إيران")
    page.select_option("select[name=sort]", "date_asc")
    page.click(".filters button[type=submit]")
    page.wait_for_load_state()
    rows = page.locator("table.events tbody tr")
    assert rows.count() >= 2 and "sort=date_asc" in page.url
    export = page.locator("a.export").first.get_attribute("href")
    assert export.startswith("/api/export/plover?") and "country=" in export
    no_xss(page)
