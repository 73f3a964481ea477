"""A what-if on a page without a kernel (website, slides, GitHub) shows its current picture.

`WhatIf._repr_mimebundle_` (PLAN contract 5) adds a static `text/html` beside the live widget
view: the control values, the decision, the chart and a note on where the sliders work.
"""

from __future__ import annotations

import base64
import re

import ipywidgets as w
import pytest

from cxlib import widgets

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
FACTORIES = ["triangle_whatif", "rater_whatif", "servqual_whatif", "gap_whatif", "iceberg_whatif",
             "method_picker", "fuzzy_whatif"]


@pytest.mark.parametrize("name", FACTORIES)
def test_static_picture_beside_the_live_view(name):
    box = getattr(widgets, name)()
    bundle = box._repr_mimebundle_()
    assert WIDGET_VIEW in bundle, "the live view must stay (JupyterLab and Voila rank it first)"
    static = bundle["text/html"]
    assert box.verdict.value in static, "the decision line is missing"
    assert "make lab" in static and "make dashboards" in static, "no note on where the sliders work"
    assert "<script" not in static.lower()
    if box.figure is not None:
        src = re.search(r'src="data:image/png;base64,([^"]+)"', static)
        assert src and base64.b64decode(src.group(1))[:4] == b"\x89PNG", "no chart"
    for control in box.controls.values():
        assert control.description in static, f"control {control.description!r} not shown"


def test_static_picture_follows_the_sliders():
    box = widgets.triangle_whatif(experience=8.0, expectation=7.0, rise=0.3)
    before = box._repr_mimebundle_()["text/html"]
    box.controls["experience"].value = 5.5
    after = box._repr_mimebundle_()["text/html"]
    assert "Satisfied now" in before and "Dissatisfied" in after
    assert "8.0 (range" in before and "5.5 (range" in after
    png = lambda html: re.search(r"base64,([^\"]+)", html).group(1)  # noqa: E731
    assert png(before) != png(after), "the picture did not follow the slider"


def test_a_picture_that_cannot_be_drawn_never_breaks_the_live_view(monkeypatch):
    box = widgets.gap_whatif()
    monkeypatch.setattr(box.figure, "png", lambda: (_ for _ in ()).throw(RuntimeError("no canvas")))
    bundle = box._repr_mimebundle_()
    assert WIDGET_VIEW in bundle and "no canvas" in bundle["text/html"]


def test_a_menu_shows_its_label_not_its_key():
    box = widgets.method_picker()
    static = box.static_html()
    menus = [c for c in box.controls.values() if isinstance(c, w.Dropdown)]
    assert menus and all(c.label in static for c in menus)
