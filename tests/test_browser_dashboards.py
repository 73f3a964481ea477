"""Real browser: the front page `make dashboards` opens, and dashboards 01-04 on a desktop and a phone.

One Voila server per file, started as `make dashboards` starts it. Every page: no code or error
shown, nothing past the screen's edge at 390 px, labels clear of their controls, charts legible
with a text alternative, screenshots at 1280 and 390 px in test-output/, and one move made with
the keyboard only, waiting for the exact sentence the library computes for that move.
"""

from __future__ import annotations

import json
import re

import pytest

from cxlib import widgets

from ._dashboards import (DASHBOARDS, LAYOUT_JS, PAGES, READY, check_page, full_screenshot, move_slider,
                          open_pages, served_browser, tab_to, verdict_text)

pytestmark = pytest.mark.browser
THESE = ["01_rater.ipynb", "02_servqual_weights.ipynb", "03_five_gaps.ipynb", "04_iceberg_pyramid.ipynb"]


def _headline(box) -> str:
    return re.sub(r"<[^>]+>", "", box.verdict.value.split("<br>")[0]).replace("&#x27;", "'").strip()


def _rater(page) -> str:
    return _headline(move_slider(page, "Responsiveness score", "ArrowRight", 20, widgets.rater_whatif(), "responsiveness"))


def _servqual(page) -> str:
    box = move_slider(page, "by (points on the", "ArrowRight", 5, widgets.servqual_whatif(), "lift")
    return re.search(r"moves the score from \S+ to \S+", verdict_text(box)).group(0)  # "lift reliability by 0.5 -> -0.62"


def _gaps(page) -> str:
    return _headline(move_slider(page, "Gap 4", "ArrowLeft", 40, widgets.gap_whatif(), "gap4"))


def _iceberg(page) -> str:
    box = move_slider(page, "Of those: never complain", "ArrowLeft", 29, widgets.iceberg_whatif(), "silent")
    return re.search(r"About \S+ complaints reach the VP", verdict_text(box)).group(0)


KEYBOARD = {"01_rater.ipynb": _rater, "02_servqual_weights.ipynb": _servqual, "03_five_gaps.ipynb": _gaps,
            "04_iceberg_pyramid.ipynb": _iceberg}


@pytest.fixture(scope="module")
def site(dashboards_server):
    with served_browser(dashboards_server) as (url, _, chromium):
        yield url, chromium


def _titles() -> dict:
    out = {}
    for path in PAGES:
        meta = json.loads(path.read_text(encoding="utf-8"))["metadata"]
        out[path.name] = (meta["title"], meta["dashboard"]["purpose"])
    return out


def test_front_page_then_each_dashboard_on_a_desktop_a_phone_and_a_keyboard(site, output_dir):
    url, chromium = site
    titles = _titles()
    assert len(titles) >= 8 and all(t and len(p) > 30 for t, p in titles.values())
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    front = context.new_page()
    others = open_pages(context, url, THESE[1:])  # their kernels start while the front page is checked
    front.bring_to_front()
    front.goto(url)
    cards = front.locator(".cx-card")
    assert cards.count() == len(titles)
    for k, (name, (title, purpose)) in enumerate(titles.items()):
        card = cards.nth(k)
        link = card.locator("a")
        assert link.inner_text() == title and card.locator("p").inner_text() == purpose
        assert link.get_attribute("href").endswith(f"voila/render/{name}")
    assert "Select items to open" not in front.inner_text("body")
    full_screenshot(front, output_dir / "dashboards_front_1280.png")
    front.set_viewport_size({"width": 390, "height": 844})
    assert front.evaluate(LAYOUT_JS) == []
    full_screenshot(front, output_dir / "dashboards_front_390.png")
    front.set_viewport_size({"width": 1280, "height": 900})

    # by keyboard: Tab to the first dashboard and press Enter
    first, (first_title, _) = next(iter(titles.items()))
    assert first == THESE[0]
    tab_to(front, first_title)
    with front.expect_navigation() as navigation:
        front.keyboard.press("Enter")
    html = navigation.value.text()  # the page as the server streamed it
    starting, kernel = html.find("Starting &ldquo;"), html.find('id="jupyter-config-data"')
    assert 0 < starting < kernel, "the page must say it is starting before its kernel starts"
    assert "cdn.jsdelivr.net" not in html and "fontawesome" not in html.lower()  # a room without internet
    front.locator(READY).first.wait_for(timeout=120_000)
    assert front.title() == first_title
    failures = check_page(first, front, output_dir, KEYBOARD[first])
    for name, page in others.items():
        failures += check_page(name, page, output_dir, KEYBOARD[name])
        page.close(run_before_unload=True)

    # every dashboard leads back to the front page
    front.bring_to_front()
    tab_to(front, "← All dashboards")
    front.keyboard.press("Enter")
    front.locator(".cx-card").first.wait_for(timeout=30_000)
    assert front.url.rstrip("/") == url.rstrip("/")
    context.close()
    assert not failures, "\n".join(failures)


def test_every_dashboard_is_covered_by_a_browser_test():
    from . import test_browser_dashboards_more as more
    from . import test_browser_your_data as your_data

    covered = set(THESE) | set(more.THESE) | set(your_data.THESE)
    assert covered == {p.name for p in DASHBOARDS.glob("*.ipynb")}
