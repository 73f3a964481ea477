"""What-if for lesson 07: expert weights move the fuzzy evaluation (B = W·R) and its grade.

On the page itself: words and percent, no symbols (staff read it on the dashboards).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import data, measure
from ..plots import measure as mplots
from ..plots._common import LiveFigure, new_figure
from matplotlib.ticker import PercentFormatter

from ._common import FIGURE_DPI, FIGURE_WIDTH, WhatIf, decision, percent_slider, table_html

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

    Giving attribute x more weight moves the weighted grade shares B in a straight line toward
    x's own answers. The detail names the attribute and grade where that line overtakes the
    current grade soonest, and the share of the weight x must carry for it.

    >>> R = pd.DataFrame({"good": [0.7, 0.2], "fair": [0.3, 0.8]}, index=["staff", "wifi"])
    >>> fuzzy_message({"staff": 0.6, "wifi": 0.4}, R)[:2]
    ('Grade: good (50% of the weighted answers)', 'Raising the weight of wifi moves it toward fair: the grade flips once wifi carries 40% of the weight.')
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
    headline = f"Grade: {result.grade} ({result.membership:.0%} of the weighted answers)"
    tone = _tone(result.grade, grades)
    if not np.isfinite(t).any():
        return headline, f"Every attribute's answers favour {result.grade} most, so no weight can change the grade.", tone
    i, j = np.unravel_index(int(np.argmin(t)), t.shape)
    share = result.weights.iloc[i] + t[i, j] * (1 - result.weights.iloc[i])
    name = str(membership.index[i]).replace("_", " ")
    detail = (f"Raising the weight of {name} moves it toward {grades[j]}: the grade flips once {name} "
              f"carries {share * 100:.0f}% of the weight.")
    return headline, detail, tone


def fuzzy_whatif(weights: dict | pd.Series | None = None, membership: pd.DataFrame | None = None) -> WhatIf:
    """Expert-weight sliders in percent, one per attribute; the grade shares and the grade move live.

    Without arguments it uses the lesson's telecom service-hall data. Weights are shares of
    the experts' attention; they need not add up to 100 (they are scaled to do so).

    >>> box = fuzzy_whatif()
    >>> box.controls["waiting_time"].value = 90
    >>> "fair" in box.verdict.value
    True
    """
    if weights is None or membership is None:
        default_w, default_r = course_fuzzy_inputs()
        weights = default_w if weights is None else weights
        membership = default_r if membership is None else membership
    start = measure.fuzzy_evaluate(weights, membership)  # validates both once
    names = {a: str(a).replace("_", " ") for a in start.weights.index}
    controls = {a: percent_slider(f"Weight of {names[a]} (%)", round(float(w) * 100), 0, 100)
                for a, w in start.weights.items()}
    fig, ax = new_figure(FIGURE_WIDTH, 2.6, dpi=FIGURE_DPI)
    top = max(0.7, float(membership.to_numpy(dtype=float).max()) + 0.05)
    artists = mplots.fuzzy_bars(ax, start.vector, start.grade, top=top, labels=False)
    ax.set_ylabel("weighted answers")
    ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    fig.tight_layout()
    live = LiveFigure(fig, artists["bars"])
    state: dict = {}

    def update(v: dict) -> str:
        result = measure.fuzzy_evaluate(v, membership)
        state["result"] = result
        mplots.move_fuzzy_bars(artists, result.vector, result.grade)
        headline, detail, tone = _message(result, membership)
        shares = ", ".join(f"{g} {x * 100:.0f}%" for g, x in result.vector.items())
        return decision(headline, f"{detail} Weighted answers per grade: {shares}.", tone)

    def describe(v: dict) -> str:
        vector = state["result"].vector
        rows = [[str(g), f"{x * 100:.0f}%"] for g, x in vector.items()]
        return table_html(["grade", "share of the weighted answers"], rows, "The chart in numbers")

    return WhatIf(controls, update, live, describe=describe,
                  title="Fuzzy evaluation: which expert weight tips the grade?")
