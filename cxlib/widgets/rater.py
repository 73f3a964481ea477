"""What-if for lesson 02: move factor scores and importance weights, watch the RATER index."""

from __future__ import annotations

import ipywidgets as w
import pandas as pd

from .. import data, rater
from ..plots import rater as rplots
from ..plots._common import LiveFigure, new_figure
from ..rater import FACTORS
from ._common import FIGURE_DPI, FIGURE_WIDTH, WhatIf, decision, dropdown, int_slider, slider, table_html

__all__ = ["rater_whatif", "rater_message"]


def rater_message(scores: dict, weights: dict, compare_name: str, compare_scores: dict) -> tuple[str, str, str]:
    """The what-if's verdict as (headline, detail, tone).

    >>> s = dict(zip(FACTORS, [4, 4, 4, 4, 2])); top = dict.fromkeys(FACTORS, 5)
    >>> rater_message(s, dict.fromkeys(FACTORS, 1), "Best", top)[0]
    'Index 65/100. Improve responsiveness first: +15.0 points if it reached the top'
    """
    table = rater.improvement_priority(scores, weights)
    return _message(table, rater.rater_index(compare_scores, weights), compare_name)


def _message(table: pd.DataFrame, other: float, compare_name: str) -> tuple[str, str, str]:
    gains = table["gain"].to_numpy()
    index = 100.0 - float(gains.sum())
    first, gain = table.index[0], float(gains[0])
    if gain <= 0:
        headline = f"Index {index:.0f}/100: every weighted factor is already at the top"
    else:
        headline = f"Index {index:.0f}/100. Improve {first} first: +{gain:.1f} points if it reached the top"
    diff = index - other
    if round(diff) == 0:
        detail = f"{compare_name}: {other:.0f}/100 with the same weights, level with you."
    else:
        points = "point" if abs(round(diff)) == 1 else "points"
        detail = (f"{compare_name}: {other:.0f}/100 with the same weights, so you are "
                  f"{abs(diff):.0f} {points} {'ahead' if diff > 0 else 'behind'}.")
    return headline, detail, "good" if diff >= 0 else "bad"


def rater_whatif(branch: str = "Westgate", compare: str = "Harbour", survey: pd.DataFrame | None = None,
                 weights: pd.Series | dict | None = None) -> WhatIf:
    """Five factor sliders (starting from a branch's means) and five importance weights.

    The verdict gives the index, the factor to improve first and the points it would add, and
    compares with another branch under the same weights. Defaults: the course's
    ``rater_scores`` survey and ``rater_weights`` importance points.

    >>> box = rater_whatif("Westgate", "Harbour")
    >>> "Improve responsiveness first" in box.verdict.value
    True
    >>> box.controls["responsiveness"].value = 5
    >>> "Improve responsiveness first" in box.verdict.value
    False
    """
    survey = data.load("rater_scores") if survey is None else survey
    if weights is None:
        weights = data.load("rater_weights").set_index("factor")["weight"]
    weights = dict(pd.Series(weights))
    means = rater.rater_by(survey)[list(FACTORS)]
    branches = sorted(means.index)
    compare_means = {b: {f: float(means.loc[b, f]) for f in FACTORS} for b in branches}
    for name, value in (("branch", branch), ("compare", compare)):
        if value not in branches:
            raise ValueError(f"{name} {value!r} is not in the survey; branches: {', '.join(branches)}")

    start = dropdown("Start from the scores of", branches, branch)
    other = dropdown("Compare with", branches, compare)
    factor_sliders = {f: slider(f"{f.capitalize()} score (1-5)", round(float(means.loc[branch, f]), 2), 1, 5,
                                step=0.05, fmt=".2f") for f in FACTORS}
    weight_sliders = {f"w_{f}": int_slider(f"Importance of {f} (points)", int(round(weights[f])), 0, 50)
                      for f in FACTORS}

    fig, ax = new_figure(FIGURE_WIDTH, 5.0, dpi=FIGURE_DPI)
    ax.remove()
    top, bottom = fig.subplots(2, 1, gridspec_kw={"height_ratios": [1.15, 1]})
    bars = rplots.factor_bars(top, means.loc[branch], means.loc[compare], labels=("your scores", compare))
    prio = rplots.priority_bars(bottom, means.loc[branch], weights)
    fig.tight_layout()
    live = LiveFigure(fig, [*bars["bars"], *bars["compare"], *prio["bars"], *prio["texts"]])
    state: dict = {}

    def update(v: dict) -> str:
        scores = {f: v[f] for f in FACTORS}
        wts = {f: v[f"w_{f}"] for f in FACTORS}
        cmp_scores = compare_means[v["compare"]]
        legend = top.get_legend()
        if legend is not None and legend.get_texts()[1].get_text() != v["compare"]:
            legend.get_texts()[1].set_text(v["compare"])  # static text: redraw the background once
            live.invalidate()
        rplots.move_factor_bars(bars, scores, cmp_scores)
        table = rplots.move_priority_bars(prio, scores, wts)
        other_index = rater.rater_index(cmp_scores, wts)
        state.update(scores=scores, compare=cmp_scores, table=table, name=v["compare"])
        return decision(*_message(table, other_index, v["compare"]))

    def describe(v: dict) -> str:
        rows = [[f, f"{state['scores'][f]:.2f}", f"{state['compare'][f]:.2f}", f"+{state['table'].loc[f, 'gain']:.1f}"]
                for f in FACTORS]
        return table_html(["factor", "your score", f"{state['name']}", "index points if raised to the top"],
                          rows, "The charts in numbers")

    controls = {"compare": other, **factor_sliders, **weight_sliders}
    box = WhatIf(controls, update, live, title="RATER index: which factor do we improve first?", describe=describe)

    def load_branch(change: dict) -> None:
        for f, s in factor_sliders.items():  # each move refreshes the box
            s.value = round(float(means.loc[change["new"], f]), 2)

    start.observe(load_branch, names="value")
    head = list(box.children[:1]) if box.children and isinstance(box.children[0], w.HTML) else []
    column = w.Layout(flex="1 1 320px", min_width="0", max_width="480px")
    box.children = (*head, w.HBox([start, other], layout=w.Layout(flex_flow="row wrap")),
                    w.HBox([w.VBox(list(factor_sliders.values()), layout=column),
                            w.VBox(list(weight_sliders.values()), layout=column)],
                           layout=w.Layout(flex_flow="row wrap")),
                    box.verdict, box.image, box.chart_text)
    box.start = start
    return box
