"""The what-if widgets as staff and learners use them (headless): plain words, whole people,
one unit, linked shares that always add up, sentences that agree with the maths, every control
visibly doing something, and the complaint-method picker's rule table (issues 10 and 12)."""

from __future__ import annotations

import itertools
import re

import numpy as np
import pandas as pd
import pytest

from cxlib import complaints, data, servqual, triangle, widgets
from cxlib.widgets import complaints as wcomplaints
from cxlib.widgets import triangle as wtriangle


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#x27;", "'").strip()


def _shown(box) -> str:
    """Everything a person reads in a what-if: verdict, chart text, labels, options, chart words."""
    parts = [_text(box.verdict.value), _text(box.chart_text.value)]
    for child in _walk(box):
        for attr in ("description", "value"):
            value = getattr(child, attr, None)
            if isinstance(value, str) and type(child).__name__ in ("HTML", "Label") or attr == "description" and value:
                parts.append(_text(str(value)))
        labels = getattr(child, "_options_labels", None)
        if labels:
            parts.extend(labels)
    if box.figure is not None:
        for text in box.figure.fig.findobj(lambda a: hasattr(a, "get_text")):
            parts.append(text.get_text())
    return " | ".join(p for p in parts if p)


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


CODE_SPEAK = [
    (r"\b[a-z]+_[a-z_]+\b", "a code name (snake_case)"),
    (r"\bseed \d", "a seed number"),
    (r"[×·]", "a formula sign"),
    (r"\bB\s*=|\bW\s*·|membership in", "the fuzzy formula"),
    (r"P\s*[−-]\s*E", "the gap formula"),
    (r"\w+ = \w+ [·×*]", "a formula"),
]


def _moves(control, k: int = 3) -> list:
    import ipywidgets as w
    if isinstance(control, (w.FloatSlider, w.IntSlider)):
        values = np.linspace(control.min, control.max, k)
        return [type(control.value)(round(v)) if isinstance(control, w.IntSlider) else float(v) for v in values]
    options = getattr(control, "options", None)
    if options:
        return [o[1] if isinstance(o, tuple) else o for o in options]
    return []


FACTORIES = {
    "triangle": widgets.triangle_whatif, "rater": widgets.rater_whatif, "servqual": widgets.servqual_whatif,
    "gaps": widgets.gap_whatif, "iceberg": widgets.iceberg_whatif, "picker": widgets.method_picker,
    "fuzzy": widgets.fuzzy_whatif,
}


@pytest.mark.parametrize("name", FACTORIES)
def test_staff_read_words_not_code(name):
    box = FACTORIES[name]()
    seen = [_shown(box)]
    for control in list(box.controls.values()):
        original = control.value
        for value in _moves(control):
            control.value = value
            seen.append(_shown(box))
        control.value = original
    for text in seen:
        for pattern, what in CODE_SPEAK:
            found = re.search(pattern, text)
            assert not found, f"{name} shows {what}: {found.group(0)!r} in {text[:300]!r}"


@pytest.mark.parametrize("name", [n for n in FACTORIES if n != "picker"])
def test_every_chart_has_its_numbers_in_text(name):
    box = FACTORIES[name]()
    assert box.image is not None and len(_text(box.chart_text.value)) > 40
    assert "cx-chart-text" in box.chart_text._dom_classes and "cx-whatif" in box._dom_classes


@pytest.mark.parametrize("name", FACTORIES)
def test_every_control_has_a_visible_label(name):
    box = FACTORIES[name]()
    for key, control in box.controls.items():
        assert len(control.description) >= 5, (name, key)


# --- lesson 01: the triangle ------------------------------------------------------------------------

def test_triangle_prints_the_rise_as_set():
    box = widgets.triangle_whatif(8, 7, 0.3)
    box.controls["rise"].value = 0.25
    assert "At +0.25 a period" in box.verdict.value
    box.controls["rise"].value = 0.15  # half of 0.3: the slider can set it
    assert box.controls["rise"].value == pytest.approx(0.15) and "At +0.15 a period" in box.verdict.value


@pytest.mark.parametrize("experience, expectation, rise", [
    (8, 7, 0.3), (8, 7, 0.15), (8, 7, 0.25), (8, 7, 0.5), (8, 7, 0.1), (7.5, 7, 0.05), (9.9, 7.3, 0.35), (8, 8, 0.2),
])
def test_triangle_sentence_reads_the_period_from_the_library(experience, expectation, rise):
    headline = wtriangle.triangle_message(experience, expectation, rise, horizon=100)[0]
    period = triangle.periods_until_dissatisfied(experience, expectation, rise)
    assert f"in period {period}" in headline, (headline, period)


# --- lesson 03: SERVQUAL ----------------------------------------------------------------------------

def test_servqual_never_says_all_is_well_when_a_dimension_falls_short():
    box = widgets.servqual_whatif()
    box.controls["segment"].value = "East"
    for d in servqual.DIMENSIONS:
        box.controls[d].value = 100 if d == "tangibles" else 0
    text = _text(box.verdict.value)
    assert "meet or beat" not in text and "No dimension falls short" not in text
    assert "Reliability falls short" in text and "no weight" in text
    assert "below even the adequate level" in text  # the survey has adequate-service items


def test_servqual_lift_sentence_on_the_survey_numbers():
    survey = data.load("servqual_survey")
    box = widgets.servqual_whatif(survey)
    box.controls["lift"].value = 0.5
    pts = pd.Series({d: box.controls[d].value for d in servqual.DIMENSIONS}, dtype=float)
    scores = servqual.dimension_scores(survey)
    lifted = scores["gap"].copy()
    lifted["reliability"] += 0.5
    after = servqual.servqual_score(lifted, pts)
    assert f"to {after:+.2f}".replace("-", "−") in _text(box.verdict.value)


# --- lesson 05: the iceberg feeds the pyramid ---------------------------------------------------------

def test_iceberg_layers_always_add_up_and_the_rest_is_shown():
    box = widgets.iceberg_whatif()
    rng = np.random.default_rng(5)
    for _ in range(25):
        key = ["silent", "to_staff"][rng.integers(2)]
        box.controls[key].value = float(rng.integers(0, 101))
        silent, staff, rest = box.controls["silent"].value, box.controls["to_staff"].value, box.relations.value
        assert silent + staff + rest == pytest.approx(100) and min(silent, staff, rest) >= 0
        assert "do not work together" not in box.verdict.value
        table = _text(box.chart_text.value)
        assert re.search(rf"never complain [\d,]+ {silent:.0f}%", table), table


def test_iceberg_making_complaining_easier_reaches_the_vp():
    box = widgets.iceberg_whatif()
    vp_before = _text(box.verdict.value)
    assert "129 unhappy customers" in vp_before and "About 8 complaints reach the VP" in vp_before
    box.controls["silent"].value = 40  # easier to complain: 60 % complain
    after = _text(box.verdict.value)
    assert "About 15 complaints reach the VP" in after and "67 unhappy customers" in after


@pytest.mark.parametrize("key", ["customers", "unhappy", "silent", "to_staff", "to_middle", "beyond_middle", "to_vp"])
def test_iceberg_every_control_changes_what_is_seen(key):
    box = widgets.iceberg_whatif()
    before = (box.image.value, _text(box.verdict.value), _text(box.chart_text.value))
    control = box.controls[key]
    control.value = control.max if control.value < control.max / 2 else control.min + (control.max - control.min) / 10
    after = (box.image.value, _text(box.verdict.value), _text(box.chart_text.value))
    assert after[0] != before[0], f"moving {key} changes no picture"
    assert after[1:] != before[1:]


def test_iceberg_people_are_whole_and_shares_are_percent():
    box = widgets.iceberg_whatif(customers=2900)
    box.controls["to_vp"].value = 33
    shown = _shown(box)
    assert not re.search(r"\b\d+\.\d+ (complain|never|unhappy|customers)", shown)
    assert not re.search(r"(?<![\d.])0\.\d\d(?![\d%])", shown), "a share written as 0.xx on a percent page"
    for text in box.figure.fig.findobj(lambda a: hasattr(a, "get_text")):
        t = text.get_text()
        assert not re.fullmatch(r"[\d,]+\.\d+", t.split(" ")[0] if t else "x"), t


def test_iceberg_nothing_reaches_the_vp_says_why():
    headline, detail, _ = wcomplaints.iceberg_message(to_vp=0)
    assert headline == "No complaint reaches the VP" and "no one goes on to a vice-president" in detail
    headline, detail, _ = wcomplaints.iceberg_message(silent=100, to_staff=0)
    assert "nobody complains" in detail


# --- lesson 06: the method picker's rule table ---------------------------------------------------------

def test_rude_clerk_letter_gets_no_humour():
    card = complaints.ROLE_PLAYS.loc[complaints.ROLE_PLAYS["title"] == "The returns-desk queue"].iloc[0]
    rec = complaints.recommend_method(card["channel"], card["cause"], card["customer_state"], card["finding"])
    assert "humour" not in rec.methods and rec.methods == ("tactful_denial",)


@pytest.mark.parametrize("channel", complaints.CHANNELS.index)
def test_rule_table(channel):
    for cause, state, finding in itertools.product(complaints.CAUSES.index, complaints.CUSTOMER_STATES,
                                                   complaints.FINDINGS.index):
        _check_rules(channel, cause, state, finding)


def _check_rules(channel, cause, state, finding):
    rec = complaints.recommend_method(channel, cause, state, finding)
    methods = set(rec.methods)
    written_or_serious = channel in ("letter", "home_visit")
    our_fault = finding in ("our_mistake", "partly_right")
    assert ("humour" in methods) == (state == "calm" and not written_or_serious and not our_fault
                                      and finding != "not_yet_known")
    assert ("calm_anger" in methods) == (state != "calm")
    if finding == "our_mistake":
        assert "admit_mistake" in methods and "diversion" not in methods and "tactful_denial" not in methods
    if finding in ("misunderstanding", "baseless"):
        assert "admit_mistake" not in methods  # nothing to admit
    if finding == "misunderstanding":
        assert "conversion" in methods
    if finding == "baseless":
        assert {"diversion", "tactful_denial"} <= methods
    if finding == "not_yet_known":
        assert "IANA" in rec.note and methods <= {"calm_anger", "tactful_denial"}
    when = rec.reasons["when"].astype(str)
    assert when.str.len().gt(10).all() and not when.str.contains("_").any()


def test_picker_explains_in_words():
    box = widgets.method_picker("letter", "poor_service", "angry", "our_mistake")
    text = _text(box.verdict.value)
    assert "because the customer is angry" in text and "because the assessment found our mistake" in text
    assert "customer_state" not in text and "=" not in text


# --- the dashboard pages themselves --------------------------------------------------------------

def test_dashboard_pages_speak_plainly_and_say_what_they_are_for():
    import json
    from pathlib import Path

    pages = sorted((Path(__file__).resolve().parent.parent / "notebooks" / "dashboards").glob("*.ipynb"))
    assert len(pages) >= 8
    for path in pages:
        nb = json.loads(path.read_text(encoding="utf-8"))
        meta = nb["metadata"]
        text = "".join(nb["cells"][0]["source"])
        assert text.startswith(f"# {meta['title']}"), path.name  # the tab's title is the page's title
        assert 40 <= len(meta["dashboard"]["purpose"]) <= 160, path.name  # one line on the front page
        words = text.replace("imp_reliability", "")  # a column name the manager's file may use
        for pattern, what in CODE_SPEAK + [(r"`|\bcxlib\b|notebooks/", "code")]:
            found = re.search(pattern, words)
            assert not found, f"{path.name} shows {what}: {found.group(0)!r}"
        code = [c for c in nb["cells"] if c["cell_type"] == "code"]
        assert len(code) == 1 and "".join(code[0]["source"]).startswith("from cxlib import widgets")


def test_rater_legend_names_the_branch_compared():
    box = widgets.rater_whatif("Westgate", "Harbour")
    legend = [t.get_text() for t in box.figure.fig.axes[0].get_legend().get_texts()]
    assert legend == ["your scores", "Harbour"]
    before = box.image.value
    box.controls["compare"].value = "Campus"
    assert box.figure.fig.axes[0].get_legend().get_texts()[1].get_text() == "Campus"
    assert box.image.value != before and "Campus:" in box.verdict.value


@pytest.mark.parametrize("name", [n for n in FACTORIES if n != "picker"] + ["log", "log_estimated"])
def test_chart_text_stays_inside_the_picture(name):
    """No label, legend or number runs off the figure's edge (the figures are phone-narrow)."""
    from cxlib.widgets.your_complaints import log_whatif
    factories = dict(FACTORIES, log=log_whatif, log_estimated=lambda: log_whatif(620, None, None))
    box = factories[name]()
    fig = box.figure.fig
    box.figure.png()  # draw, so every text has its place
    renderer = fig.canvas.get_renderer()
    width, height = fig.bbox.width, fig.bbox.height
    texts = list(fig.texts)
    for ax in fig.axes:
        texts += [*ax.texts, ax.title, ax.xaxis.label, ax.yaxis.label]
        legend = ax.get_legend()
        if legend is not None:
            texts += [legend.get_title(), *legend.get_texts()]
        for axis, (lo, hi) in ((ax.xaxis, sorted(ax.get_xlim())), (ax.yaxis, sorted(ax.get_ylim()))):
            if axis.get_visible() and ax.axison:  # only the ticks drawn: those inside the limits
                texts += [t.label1 for t in axis.get_major_ticks() if lo - 1e-9 <= t.get_loc() <= hi + 1e-9]
    for text in (t for t in texts if t.get_visible() and t.get_text()):
        box_ = text.get_window_extent(renderer)
        inside = box_.x0 >= -1 and box_.y0 >= -1 and box_.x1 <= width + 1 and box_.y1 <= height + 1
        assert inside, f"{name}: {text.get_text()!r} runs off the picture ({box_.x0:.0f}..{box_.x1:.0f} of {width:.0f})"
