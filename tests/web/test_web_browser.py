"""Browser tests: Playwright driving Debian's chromium against the app served by uvicorn on 127.0.0.1.

Skipped when /usr/bin/chromium (or the playwright package) is absent; CI installs both. Screenshots go to
test-output/ (gitignored)."""
from __future__ import annotations

import os
from urllib.parse import quote

import pytest
from webhelpers import OUTPUT, XSS_CLAIM, XSS_ID

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

if not os.path.exists(CHROMIUM):
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


class Watched:
    """A page that records console errors, page errors and failed requests."""

    def __init__(self, browser, **context):
        self.context = browser.new_context(**context)
        self.page = self.context.new_page()
        self.problems: list[str] = []
        self.page.on("console", lambda m: self.problems.append(f"console {m.type}: {m.text}")
                     if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        # a request cut short by the next navigation (a favicon, typically) is not a failure
        self.page.on("requestfailed", lambda r: self.problems.append(f"request failed: {r.url} ({r.failure})")
                     if "ERR_ABORTED" not in (r.failure or "") else None)
        self.page.on("response", lambda r: self.problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)

    def goto(self, url: str):
        response = self.page.goto(url)
        assert response is not None and response.status == 200, url
        self.page.wait_for_load_state("load")
        return response

    def close(self):
        self.context.close()


@pytest.fixture
def watched(browser):
    w = Watched(browser, viewport={"width": 1280, "height": 900})
    yield w
    w.close()
    assert not w.problems, w.problems


def _shot(page, name: str) -> None:
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / name), full_page=True)


def test_every_page_loads_without_console_errors(watched, live_server, seed_claim):
    base = live_server.url
    watched.goto(f"{base}/api/claims/{seed_claim}")  # warm: the trail's article ids
    article = watched.page.evaluate("() => JSON.parse(document.body.innerText).events[0].article")
    pages = {"claims": "/claims", "claims-filtered": "/claims?action=denies&type=anonymous&sort=first_seen",
             "claim": f"/claims/{seed_claim}", "article": f"/articles/{article}",
             "speaker": "/speakers/" + quote("Zhao Lijian"), "search": "/search?q=military",
             "home": "/"}
    for name, path in pages.items():
        watched.goto(base + path)
        assert watched.page.title().endswith("newstrace")
        _shot(watched.page, f"page-{name}.png")
    watched.goto(f"{base}/search?q=military")
    assert watched.page.locator(".hits mark").count() >= 1


def test_timeline_mark_leads_to_its_evidence(watched, live_server, seed_claim):
    page = watched.page
    watched.goto(f"{live_server.url}/claims/{seed_claim}")
    marks = page.locator("svg.timeline a.mark-link")
    assert marks.count() >= 5
    # the row labels: the NYT asserting, FT and WaPo repeating, Zhao Lijian denying
    labels = page.locator("svg.timeline .row-label").all_text_contents()
    for name in ("New York Times", "Financial Times", "Washington Post", "Zhao Lijian"):
        assert any(name in label for label in labels), labels
    denial = page.locator('svg.timeline a.mark-link[aria-label^="Zhao Lijian denies"]')
    href = denial.get_attribute("href")
    denial.click()
    page.wait_for_function("(id) => document.activeElement && document.activeElement.id === id", arg=href[1:])
    evidence = page.locator(href)
    assert evidence.is_visible()
    assert page.evaluate("() => window.location.hash") == href
    assert page.evaluate("(id) => document.querySelector(id).matches(':target')", href)
    assert "rejected" in evidence.inner_text() and "Zhao Lijian" in evidence.inner_text()
    box = evidence.bounding_box()
    assert box is not None and 0 <= box["y"] < 900  # scrolled into view
    assert evidence.locator(".sentence mark.hl-cue").inner_text() == "rejected"
    # and by keyboard: focus the NYT mark with Tab and follow it with Enter
    nyt = page.locator('svg.timeline a.mark-link[aria-label^="New York Times asserts"]')
    nyt.focus()
    page.keyboard.press("Enter")
    target = nyt.get_attribute("href")
    page.wait_for_function("(id) => document.activeElement && document.activeElement.id === id", arg=target[1:])
    assert "anonymous" in page.locator(target).inner_text()


def test_seed_claim_screenshot(browser, live_server, seed_claim):
    """The README's screenshot: the seed claim's timeline, graph and first evidence."""
    w = Watched(browser, viewport={"width": 1200, "height": 1100}, device_scale_factor=1)
    try:
        w.goto(f"{live_server.url}/claims/{seed_claim}")
        OUTPUT.mkdir(exist_ok=True)
        w.page.screenshot(path=str(OUTPUT / "screenshot-seed-claim.png"), full_page=False)
        assert not w.problems, w.problems
    finally:
        w.close()


def test_phone_layout_has_no_sideways_scroll(browser, live_server, seed_claim):
    w = Watched(browser, viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    try:
        for path in ("/claims", f"/claims/{seed_claim}", f"/articles/{XSS_ID}"):
            w.goto(live_server.url + path)
            overflow = w.page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 1, (path, overflow)
        _shot(w.page, "phone-article.png")
        assert not w.problems, w.problems
    finally:
        w.close()


def test_hostile_article_never_runs_script(watched, live_server):
    page = watched.page
    for path in (f"/articles/{XSS_ID}", f"/claims/{XSS_CLAIM}", "/speakers/" + quote("Mallory <b>Bold</b>", safe=""),
                 "/search?q=pwned", "/claims?q=harmless"):
        watched.goto(live_server.url + path)
        assert page.evaluate("() => typeof window.__pwned") == "undefined", path
        assert page.locator("main script, main img, main b, main i, main u").count() == 0, path
        assert page.locator('a[href^="javascript:"]').count() == 0, path
    watched.goto(f"{live_server.url}/articles/{XSS_ID}")
    text = page.locator(".text").inner_text()
    assert "<script>window.__pwned=1</script>" in text  # shown as text
    assert 'href="javascript:window.__pwned=2"' in text
    # clicking the words that look like a link does nothing
    page.get_by_text("click here", exact=False).first.click()
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    _shot(page, "hostile-article.png")
