"""Real browser: dashboards 05-08 on a desktop and a phone, driven by keyboard only.

The same checks as tests/test_browser_dashboards.py (its own Voila server, so pytest-xdist can
run the two files side by side). The two "your data" pages are checked with the sample loaded,
by pressing Enter on "Use the sample ..." (uploads: tests/test_browser_your_data.py).
"""

from __future__ import annotations

import re

import pytest

from cxlib import widgets

from ._dashboards import check_page, open_pages, served_browser, slider_value, tab_to

pytestmark = pytest.mark.browser
THESE = ["05_complaint_method_picker.ipynb", "06_fuzzy_grade.ipynb", "07_your_survey.ipynb",
         "08_your_complaints.ipynb"]


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#x27;", "'").strip()


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
    return _text(box.verdict.value).split(" Why ")[0]


def _fuzzy(page) -> str:
    tab_to(page, "Weight of waiting time")
    for _ in range(30):
        page.keyboard.press("ArrowRight")
    box = widgets.fuzzy_whatif()
    box.controls["waiting_time"].value = slider_value(page)
    return _text(box.verdict.value).split(" Raising")[0]


def _survey(page) -> str:
    _sample(page, "Use the sample survey", "320 respondents")
    tab_to(page, "by (points on the")
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    from cxlib import data

    box = widgets.servqual_whatif(data.load("servqual_survey"), dropna=True)
    box.controls["lift"].value = slider_value(page)
    return re.search(r"moves the score from \S+ to \S+", _text(box.verdict.value)).group(0)


def _complaints(page) -> str:
    _sample(page, "Use the sample complaint log", "620 complaints")
    tab_to(page, "Unhappy customers who complain")
    for _ in range(9):
        page.keyboard.press("ArrowRight")
    from cxlib.widgets.your_complaints import log_whatif

    box = log_whatif(620, 175, 17)
    box.controls["complain"].value = slider_value(page)
    return _text(box.verdict.value).split(" About")[0]


KEYBOARD = {"05_complaint_method_picker.ipynb": _picker, "06_fuzzy_grade.ipynb": _fuzzy,
            "07_your_survey.ipynb": _survey, "08_your_complaints.ipynb": _complaints}


@pytest.fixture(scope="module")
def site():
    with served_browser("dashboards-b") as (url, _, chromium):
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
