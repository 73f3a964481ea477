"""Real browser: dashboards 05-06 on a desktop and a phone, driven by keyboard only.

The same checks as tests/test_browser_dashboards.py, in a file of its own so that pytest-xdist
can run the two side by side. The two "your data" pages (07, 08) get the same checks, with the
sample loaded, in tests/test_browser_your_data.py, on the same visit as their uploads.
"""

from __future__ import annotations

import pytest

from cxlib import widgets

from ._dashboards import check_page, move_slider, open_pages, served_browser, tab_to, verdict_text

pytestmark = pytest.mark.browser
THESE = ["05_complaint_method_picker.ipynb", "06_fuzzy_grade.ipynb"]


def _picker(page) -> str:
    tab_to(page, "Customer is")
    page.keyboard.press("Home")  # the first state (a closed select changes with the keys)
    state = page.evaluate("() => document.activeElement.selectedOptions[0].textContent")
    box = widgets.method_picker()
    box.controls["customer_state"].value = state
    assert state == "calm" and "Humour" in box.verdict.value  # calm, face to face, nobody at fault
    return verdict_text(box).split(" Why ")[0]


def _fuzzy(page) -> str:
    box = move_slider(page, "Weight of waiting time", "ArrowRight", 30, widgets.fuzzy_whatif(), "waiting_time")
    return verdict_text(box).split(" Raising")[0]


KEYBOARD = {"05_complaint_method_picker.ipynb": _picker, "06_fuzzy_grade.ipynb": _fuzzy}


@pytest.fixture(scope="module")
def site(dashboards_server):
    with served_browser(dashboards_server) as (url, _, chromium):
        yield url, chromium


def test_dashboards_fit_a_phone_and_answer_the_keyboard(site, output_dir):
    url, chromium = site
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    pages = open_pages(context, url, THESE)
    failures = []
    for name, page in pages.items():
        failures += check_page(name, page, output_dir, KEYBOARD[name], keyboard_first=True)
        page.close(run_before_unload=True)
    context.close()
    assert not failures, "\n".join(failures)
