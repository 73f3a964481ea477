"""Real browser: lesson 01 served by Voila, the experience slider moved by keyboard."""

from __future__ import annotations

import pytest

from ._browser import ROOT, browser_page, page_errors, voila

pytestmark = pytest.mark.browser


def test_experience_slider_moves_the_verdict(output_dir):
    with voila(ROOT / "notebooks" / "01_satisfaction_triangle.ipynb") as url, browser_page() as page:
        page.goto(url, timeout=90_000)
        verdict = page.locator(".cx-decision").first
        verdict.wait_for(timeout=90_000)
        before = verdict.inner_text()
        image = page.locator(".widget-image").first
        image_before = image.get_attribute("src")

        handle = page.locator(".widget-slider .noUi-handle").first  # the experience slider
        handle.focus()
        for _ in range(25):  # 25 steps of 0.1 down: 8.0 -> 5.5, below the 7.0 expectation
            page.keyboard.press("ArrowLeft")
        page.wait_for_function(
            "before => document.querySelector('.cx-decision').innerText !== before", arg=before, timeout=10_000
        )
        after = verdict.inner_text()
        page.screenshot(path=str(output_dir / "lesson01_after_keyboard.png"), full_page=False)

        assert before.startswith("Satisfied now") and after.startswith("Dissatisfied"), (before, after)
        assert image.get_attribute("src") != image_before, "the chart did not update"
        assert not page_errors(page), page_errors(page)
        # the lesson's static figures render too (a kernel forced onto Agg would show none)
        figures = page.locator(".jp-OutputArea-output img").count()
        assert figures >= 3, f"only {figures} images on the page"
