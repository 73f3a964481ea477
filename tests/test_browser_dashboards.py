"""Real browser: `make dashboards` pages served by Voila; moving one control changes the answer."""

from __future__ import annotations

import ast

import ipywidgets as w
import nbformat
import pytest

from ._browser import ROOT, browser_page, html_text, page_errors, voila, wait_for_text

pytestmark = pytest.mark.browser
PAGES = sorted((ROOT / "notebooks" / "dashboards").glob("*.ipynb"))


# the answer: the whole verdict widget (decision line plus any reasons and steps under it)
ANSWER = ".widget-html-content:has(.cx-decision)"


def _answer(box) -> str:
    return html_text(box.verdict.value)


def _page_widget(nb):
    """The page's what-if built in this process by running the page's code, as Voila does."""
    source = "\n".join(c.source for c in nbformat.read(nb, as_version=4).cells if c.cell_type == "code")
    *body, last = ast.parse(source).body
    namespace: dict = {}
    exec(compile(ast.Module(body, type_ignores=[]), str(nb), "exec"), namespace)
    box = eval(compile(ast.Expression(last.value), str(nb), "eval"), namespace)
    # The browser snaps every slider to its step grid when it renders and sends that value
    # back (the iceberg's 1/3 becomes 0.33), so the page's first answer is the snapped one.
    for control in box.controls.values():
        if isinstance(control, w.FloatSlider):
            control.value = round(control.min + round((control.value - control.min) / control.step) * control.step, 10)
    return box


def _plan_move(box):
    """One move of the page's first control that changes the answer, and the answer it gives.

    Returns ("slider", key, presses, answer) or ("dropdown", None, option index, answer).
    The move is worked out in Python first, so the browser test can wait for that exact
    answer instead of for "any change" (which reads an intermediate state under load).
    """
    before = _answer(box)
    sliders = [c for c in box.controls.values() if isinstance(c, (w.FloatSlider, w.IntSlider))]
    if sliders:
        control, start = sliders[0], sliders[0].value
        for key, sign in (("ArrowLeft", -1), ("ArrowRight", 1)):
            presses = 15
            control.value = start + sign * presses * control.step  # clamped to min..max
            after = _answer(box)
            if after != before:
                return "slider", key, presses, after
        pytest.fail(f"moving {control.description!r} 15 steps either way leaves the answer at {before!r}")
    control = next(c for c in box.controls.values() if isinstance(c, w.Dropdown))
    index = (control.index + 1) % len(control.options)
    control.index = index
    return "dropdown", None, index, _answer(box)


def _move_first_control(page, plan) -> None:
    """Move the page's first control as a person would: a slider by keyboard, else a dropdown."""
    kind, key, amount, _ = plan
    if kind == "slider":
        page.locator(".widget-slider .noUi-handle").first.focus()
        for _ in range(amount):
            page.keyboard.press(key)
    else:
        page.locator(".widget-dropdown select").first.select_option(index=amount)


def test_dashboards_are_listed():
    assert len(PAGES) >= 5, [p.name for p in PAGES]


def test_every_dashboard_answers_a_move(output_dir):
    failures = []
    with voila(ROOT / "notebooks" / "dashboards") as url, browser_page() as page:
        for nb in PAGES:
            box = _page_widget(nb)
            before = _answer(box)
            plan = _plan_move(box)
            page.goto(f"{url}voila/render/{nb.name}", timeout=90_000)
            page.locator(".cx-decision").first.wait_for(timeout=90_000)
            assert "from cxlib import" not in page.inner_text("body"), f"{nb.name} shows its code"
            try:
                wait_for_text(page, ANSWER, before, ignore_whitespace=True)
                _move_first_control(page, plan)
                # the final answer, not the first change (which under load is an intermediate one)
                wait_for_text(page, ANSWER, plan[-1], ignore_whitespace=True)
            except AssertionError as exc:
                failures.append(f"{nb.name}: {exc}")
            page.screenshot(path=str(output_dir / f"dashboard_{nb.stem}.png"))
            if page_errors(page):
                failures.append(f"{nb.name}: {page_errors(page)}")
    assert not failures, failures
