"""Real browser: dashboards 05-08 on a desktop and a phone, driven by keyboard only.

The same checks as tests/test_browser_dashboards.py (its own Voila server, so pytest-xdist can
run the two files side by side). The two "your data" pages are checked with the sample loaded,
by pressing Enter on "Use the sample ..." (uploads: tests/test_browser_your_data.py).
"""

from __future__ import annotations

import re

import pytest

from cxlib import widgets

from ._dashboards import check_page, move_slider, open_pages, served_browser, tab_to, verdict_text

pytestmark = pytest.mark.browser
THESE = ["05_complaint_method_picker.ipynb", "06_fuzzy_grade.ipynb", "07_your_survey.ipynb",
         "08_your_complaints.ipynb"]


def _sample(page, button: str, understood: str) -> None:
    tab_to(page, button)
    page.keyboard.press("Enter")
    page.wait_for_function("t => (document.querySelector('.cx-understood') || {}).innerText?.includes(t)",
                           arg=understood, timeout=60_000)
    page.locator(".cx-download").wait_for(timeout=60_000)  # the results are all in: the link comes last


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


def _survey(page) -> str:
    from cxlib import data

    _sample(page, "Use the sample survey", "320 respondents")
    box = widgets.servqual_whatif(data.load("servqual_survey"), dropna=True)
    move_slider(page, "by (points on the", "ArrowRight", 5, box, "lift")
    return re.search(r"moves the score from \S+ to \S+", verdict_text(box)).group(0)


def _complaints(page) -> str:
    from cxlib.widgets.your_complaints import log_whatif

    _sample(page, "Use the sample complaint log", "620 complaints")
    box = move_slider(page, "Unhappy customers who complain", "ArrowRight", 9, log_whatif(620, 175, 17), "complain")
    return verdict_text(box).split(" About")[0]


KEYBOARD = {"05_complaint_method_picker.ipynb": _picker, "06_fuzzy_grade.ipynb": _fuzzy,
            "07_your_survey.ipynb": _survey, "08_your_complaints.ipynb": _complaints}


@pytest.fixture(scope="module")
def site(dashboards_server):
    with served_browser(dashboards_server) as (url, _, chromium):
        yield url, chromium


def test_dashboards_fit_a_phone_and_answer_the_keyboard(site, output_dir):
    url, chromium = site
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    pages = open_pages(context, url, THESE)
    failures = []
    for name, page in pages.items():  # keyboard first: the "your data" pages fill in once the sample is in
        failures += check_page(name, page, output_dir, KEYBOARD[name], keyboard_first=True)
        page.close(run_before_unload=True)
    context.close()
    assert not failures, "\n".join(failures)
