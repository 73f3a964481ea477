"""Real browser: lesson 01 served by Voila, the experience slider moved by keyboard."""

from __future__ import annotations

import pytest

from cxlib.widgets.triangle import triangle_message

from ._browser import ROOT, browser_page, page_errors, voila, wait_for_text

pytestmark = pytest.mark.browser

# The lesson's what-if starts at experience 8.0, expectation 7.0, rise 0.3 a period.
START, EXPECTATION, RISE = 8.0, 7.0, 0.3
PRESSES = 25  # 25 steps of 0.1 down: 8.0 -> 5.5, below the 7.0 expectation
TARGET = 5.5


def test_experience_slider_moves_the_verdict(output_dir):
    headline_before = triangle_message(START, EXPECTATION, RISE)[0]
    expected = triangle_message(TARGET, EXPECTATION, RISE)[0]
    assert headline_before.startswith("Satisfied now") and expected.startswith("Dissatisfied")
    with voila(ROOT / "notebooks" / "01_satisfaction_triangle.ipynb") as url, browser_page() as page:
        page.goto(url, timeout=90_000)
        page.locator(".cx-decision").first.wait_for(timeout=90_000)
        wait_for_text(page, ".cx-decision b", headline_before)
        image = page.locator(".widget-image").first
        image_before = image.get_attribute("src")

        handle = page.locator(".widget-slider .noUi-handle").first  # the experience slider
        handle.focus()
        for _ in range(PRESSES):
            page.keyboard.press("ArrowLeft")
        # Wait for the final state, not the first change: under load the kernel answers the
        # 25 intermediate values one by one, and each shows for a while.
        wait_for_text(page, ".widget-readout", f"{TARGET:.1f}")
        wait_for_text(page, ".cx-decision b", expected)
        page.wait_for_function("before => document.querySelector('.widget-image').src !== before",
                               arg=image_before, timeout=30_000)  # the chart follows the verdict
        page.screenshot(path=str(output_dir / "lesson01_after_keyboard.png"), full_page=False)

        assert not page_errors(page), page_errors(page)
        # the lesson's static figures render too (a kernel forced onto Agg would show none)
        figures = page.locator(".jp-OutputArea-output img").count()
        assert figures >= 3, f"only {figures} images on the page"
