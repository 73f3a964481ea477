"""Real browser: `make dashboards` pages served by Voila; moving one control changes the answer."""

from __future__ import annotations

import pytest

from ._browser import ROOT, browser_page, page_errors, voila

pytestmark = pytest.mark.browser
PAGES = sorted((ROOT / "notebooks" / "dashboards").glob("*.ipynb"))
# the answer: the whole verdict widget (decision line plus any reasons and steps under it)
ANSWER_JS = ("() => Array.from(document.querySelectorAll('.cx-decision'))"
             ".map(e => (e.closest('.widget-html-content') || e).innerText).join('|')")


def _move_first_control(page) -> None:
    """Move the page's first control as a person would: a slider by keyboard, else a dropdown."""
    handles = page.locator(".widget-slider .noUi-handle")
    if handles.count():
        handle = handles.first
        handle.focus()
        before = page.evaluate(ANSWER_JS)
        for key, presses in (("ArrowLeft", 15), ("ArrowRight", 30)):
            for _ in range(presses):
                page.keyboard.press(key)
            page.wait_for_timeout(300)
            if page.evaluate(ANSWER_JS) != before:
                return
        return
    select = page.locator(".widget-dropdown select").first
    current = select.evaluate("e => e.selectedIndex")
    select.select_option(index=(current + 1) % select.locator("option").count())


def test_dashboards_are_listed():
    assert len(PAGES) >= 5, [p.name for p in PAGES]


def test_every_dashboard_answers_a_move(output_dir):
    failures = []
    with voila(ROOT / "notebooks" / "dashboards") as url, browser_page() as page:
        for nb in PAGES:
            page.goto(f"{url}voila/render/{nb.name}", timeout=90_000)
            page.locator(".cx-decision").first.wait_for(timeout=90_000)
            assert "from cxlib import" not in page.inner_text("body"), f"{nb.name} shows its code"
            before = page.evaluate(ANSWER_JS)
            _move_first_control(page)
            try:
                page.wait_for_function(f"before => ({ANSWER_JS})() !== before", arg=before, timeout=10_000)
            except Exception:
                failures.append(f"{nb.name}: the answer did not change ({before!r})")
            page.screenshot(path=str(output_dir / f"dashboard_{nb.stem}.png"))
            if page_errors(page):
                failures.append(f"{nb.name}: {page_errors(page)}")
    assert not failures, failures
