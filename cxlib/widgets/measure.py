"""What-if for lesson 07: expert weights move the fuzzy evaluation B = W·R and its grade."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import data, measure
from ..plots import measure as mplots
from ..plots._common import LiveFigure, new_figure
from ._common import WhatIf, decision, slider

__all__ = ["fuzzy_whatif", "fuzzy_message", "course_fuzzy_inputs"]


def course_fuzzy_inputs() -> tuple[pd.Series, pd.DataFrame]:
    """The lesson's expert weights and membership matrix (telecom service hall data)."""
    weights = data.load("fuzzy_weights").set_index("attribute")["weight"]
    answers = data.load("fuzzy_answers")
    return weights, measure.membership_matrix(answers, attributes=list(weights.index))


def _tone(grade: object, grades: list) -> str:
    position = grades.index(grade) / max(len(grades) - 1, 1)  # 0 = best grade
    return "good" if position < 0.4 else "neutral" if position <= 0.6 else "bad"


def fuzzy_message(weights: dict | pd.Series, membership: pd.DataFrame) -> tuple[str, str, str]:
    """The what-if's verdict as (headline, detail, tone).

    Giving attribute x more weight moves B in a straight line toward x's own row rₓ. The
    detail names the attribute and grade where that line overtakes the current grade
    soonest, and the share of the weight x must carry for it.

    >>> R = pd.DataFrame({"good": [0.7, 0.2], "fair": [0.3, 0.8]}, index=["staff", "wifi"])
    >>> fuzzy_message({"staff": 0.6, "wifi": 0.4}, R)[:2]
    ('Grade: good (0.50)', 'Raising the weight of wifi moves it toward fair: the grade flips once wifi carries 40% of the weight.')
    """
    return _message(measure.fuzzy_evaluate(weights, membership), membership)


def _message(result: measure.FuzzyResult, membership: pd.DataFrame) -> tuple[str, str, str]:
    R = membership.to_numpy(dtype=float)
    b = result.vector.to_numpy()
    grades = list(result.vector.index)
    now = grades.index(result.grade)
    lead = b[now] - b                      # how far B's winner leads each grade (>= 0)
    edge = R[:, [now]] - R                 # how far each attribute's own row favours the winner
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.where(edge < 0, lead / (lead - edge), np.inf)  # step along B -> r_x where grade j catches up
    t[:, now] = np.inf
    headline = f"Grade: {result.grade} ({result.membership:.2f})"
    tone = _tone(result.grade, grades)
    if not np.isfinite(t).any():
        return headline, f"Every attribute's answers favour {result.grade} most, so no weight can change the grade.", tone
    i, j = np.unravel_index(int(np.argmin(t)), t.shape)
    share = result.weights.iloc[i] + t[i, j] * (1 - result.weights.iloc[i])
    name = str(membership.index[i]).replace("_", " ")
    detail = (f"Raising the weight of {name} moves it toward {grades[j]}: the grade flips once {name} "
              f"carries {share:.0%} of the weight.")
    return headline, detail, tone


def fuzzy_whatif(weights: dict | pd.Series | None = None, membership: pd.DataFrame | None = None) -> WhatIf:
    """Expert-weight sliders, one per attribute; B and the fuzzy grade move live.

    Without arguments it uses the lesson's telecom service-hall data.

    >>> box = fuzzy_whatif()
    >>> box.controls["waiting_time"].value = 0.9
    >>> "fair" in box.verdict.value
    True
    """
    if weights is None or membership is None:
        default_w, default_r = course_fuzzy_inputs()
        weights = default_w if weights is None else weights
        membership = default_r if membership is None else membership
    start = measure.fuzzy_evaluate(weights, membership)  # validates both once
    controls = {a: slider(f"Weight: {str(a).replace('_', ' ')}", round(float(w), 2), 0, 1, step=0.01, fmt=".2f")
                for a, w in start.weights.items()}
    fig, ax = new_figure(5.0, 2.6)
    top = max(0.7, float(membership.to_numpy(dtype=float).max()) + 0.05)
    artists = mplots.fuzzy_bars(ax, start.vector, start.grade, top=top, labels=False)
    fig.tight_layout()
    live = LiveFigure(fig, artists["bars"])

    def update(v: dict) -> str:
        result = measure.fuzzy_evaluate(v, membership)
        mplots.move_fuzzy_bars(artists, result.vector, result.grade)
        headline, detail, tone = _message(result, membership)
        b = " · ".join(f"{g} {x:.2f}" for g, x in result.vector.items())
        return decision(headline, f"{detail} B = {b}.", tone)

    return WhatIf(controls, update, live, title="Fuzzy evaluation: B = W · R (weights are normalised to sum 1)")
