"""What-if for lesson 03: importance points and a perception lift -> the weighted SERVQUAL score."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import ipywidgets as w
import numpy as np
import pandas as pd

from .. import data, servqual
from ..plots import servqual as splots
from ..plots._common import LiveFigure, new_figure
from ._common import FIGURE_DPI, FIGURE_WIDTH, WhatIf, decision, dropdown, int_slider, number, slider, table_html

__all__ = ["servqual_whatif", "servqual_message"]

ALL = "all respondents"


def _signed(x: float) -> str:
    return number(x, 2)


def servqual_message(contributions: pd.Series, gaps: pd.Series,
                     adequate: pd.Series | None = None, perception: pd.Series | None = None) -> tuple[str, str, str]:
    """The what-if's verdict as (headline, detail, tone): which dimension costs the most.

    ``contributions`` are the weighted gaps (each gap times its share of the importance
    points; they sum to the score), ``gaps`` the unweighted gaps. Whether service falls short
    is read from the unweighted gaps: a dimension given no points still falls short for the
    customers who feel it. With ``adequate`` and ``perception`` (means per dimension), a
    dimension perceived below even adequate service is named too.

    >>> c = pd.Series({"tangibles": 0.01, "reliability": -0.42, "empathy": -0.2})
    >>> servqual_message(c, c * 3)[0]
    'Reliability costs the most: −0.42 of the −0.61 score. Work on it first.'
    >>> servqual_message(pd.Series({"tangibles": 0.3, "reliability": 0.0}),
    ...                  pd.Series({"tangibles": 0.3, "reliability": -1.2}))[0]
    'Reliability falls short (−1.20), but your points give it no weight'
    """
    score = float(contributions.sum())
    below = ""
    if adequate is not None and perception is not None:
        under = [d for d in gaps.index if d in adequate.index and perception[d] < adequate[d]]
        if under:
            below = (f" Perceptions of {', '.join(under)} are below even the adequate level customers "
                     "will accept: fix that first.")
    if (gaps >= 0).all():
        return (f"No dimension falls short: the weighted score is {_signed(score)}.",
                "Perceptions meet or beat expectations everywhere; keep what works and watch "
                "expectations, which keep rising.", "good")
    worst_gap = gaps.idxmin()
    if contributions.min() >= 0:  # every shortfall sits on a dimension without points
        return (f"{worst_gap.capitalize()} falls short ({_signed(gaps[worst_gap])}), but your points give it no weight",
                f"The weighted score ({_signed(score)}) counts only the dimensions you gave points to; customers "
                f"still feel every shortfall. Give {worst_gap} some points.{below}", "bad")
    worst = contributions.idxmin()
    rest = contributions.drop(worst)
    nxt = f" Next: {rest.idxmin()} ({_signed(rest.min())})." if (rest < 0).any() else ""
    also = (f" Unweighted, {worst_gap} falls furthest short ({_signed(gaps[worst_gap])})."
            if worst_gap != worst else "")
    return (f"{worst.capitalize()} costs the most: {_signed(contributions[worst])} of the "
            f"{_signed(score)} score. Work on it first.",
            f"Its gap (perception minus expectation) is {_signed(gaps[worst])}.{nxt}{also}{below}",
            "bad" if score < 0 else "neutral")


def _default_points(survey: pd.DataFrame, dims: tuple[str, ...]) -> dict[str, int]:
    cols = [f"imp_{d}" for d in dims]
    if all(c in survey.columns for c in cols):
        means = pd.to_numeric(survey[cols].stack(), errors="coerce").unstack().mean()
        if np.isfinite(means).all() and means.sum() > 0:
            return {d: int(round(100 * means[c] / means.sum())) for d, c in zip(dims, cols)}
    share = 100 // len(dims)
    return {d: share for d in dims}


def _adequate(survey: pd.DataFrame, items: Mapping[str, Iterable[int]], scale) -> pd.Series | None:
    """Mean adequate-service level (A items, lesson 03's zone of tolerance) per dimension, if asked."""
    try:
        means = {d: survey[[f"A{i}" for i in numbers]].apply(pd.to_numeric, errors="raise").to_numpy(dtype=float).mean()
                 for d, numbers in items.items()}
    except (KeyError, ValueError, TypeError):
        return None
    series = pd.Series(means, dtype=float)
    ok = np.isfinite(series).all() and series.between(scale[0], scale[1]).all()
    return series if ok else None


def servqual_whatif(survey: pd.DataFrame | None = None,
                    items: Mapping[str, Iterable[int]] = servqual.ITEMS_1988,
                    scale: tuple[float, float] = (1, 7), by: str | None = "branch",
                    dropna: bool = False) -> WhatIf:
    """Importance-point sliders and a perception lift; the weighted score and its bars move live.

    ``survey`` defaults to the course's ``servqual_survey``; the sliders start at its mean
    ``imp_<dimension>`` points when it has them. Points are normalised, so they need not add
    to 100. If the survey has a ``by`` column (branch), a picker limits the data to one group
    (each shown with its number of respondents). ``dropna=True`` leaves out respondents with
    blank answers (as the "Your survey" dashboard does after saying so).

    >>> box = servqual_whatif()
    >>> box.controls["segment"].value = "East"
    >>> box.verdict.value.count("Reliability costs the most")
    1
    >>> for d in servqual.DIMENSIONS: box.controls[d].value = 0
    >>> "Give the dimensions some importance points" in box.verdict.value
    True
    """
    survey = data.load("servqual_survey") if survey is None else survey
    segments = {ALL: servqual.dimension_scores(survey, items, scale, dropna)}
    adequate = {ALL: _adequate(survey, items, scale)}
    sizes = {ALL: len(servqual.respondent_gaps(survey, items, scale, dropna))}
    dims = tuple(segments[ALL].index)
    if by is not None and by in survey.columns:
        for name in sorted(survey[by].dropna().unique(), key=str):
            part = survey[survey[by] == name]
            segments[str(name)] = servqual.dimension_scores(part, items, scale, dropna)
            adequate[str(name)] = _adequate(part, items, scale)
            sizes[str(name)] = len(servqual.respondent_gaps(part, items, scale, dropna))
    top, max_lift = float(scale[1]), 2.0

    points = _default_points(survey, dims)
    controls: dict[str, w.ValueWidget] = {d: int_slider(f"Importance of {d} (points)", points[d], 0, 100) for d in dims}
    controls["lifted"] = dropdown("Lift perceptions of", list(dims), "reliability" if "reliability" in dims else dims[0])
    span = f"{scale[0]:g}-{scale[1]:g}"
    controls["lift"] = slider(f"by (points on the {span} scale)", 0.0, 0.0, max_lift, step=0.1)
    if len(segments) > 1:
        options = [(f"{'All respondents' if name == ALL else name} ({sizes[name]} people)", name) for name in segments]
        controls["segment"] = dropdown(f"Show ({by})", options, ALL)
    weights_line = w.HTML()

    fig, ax = new_figure(FIGURE_WIDTH, 2.8, dpi=FIGURE_DPI)
    start = pd.Series(points, dtype=float)
    artists = splots.weighted_gap_bars(ax, segments[ALL]["gap"] * start / start.sum())
    ax.set_xlabel("weighted gap (the bars add up to the score)")
    fig.tight_layout()
    live = LiveFigure(fig, [*artists["bars"].values(), *artists["labels"].values()])
    state: dict = {}

    def update(v: dict) -> str:
        pts = pd.Series({d: v[d] for d in dims}, dtype=float)
        total = pts.sum()
        name = v.get("segment", ALL)
        scores = segments[name]
        perception = scores["perception"].copy()
        perception[v["lifted"]] = min(perception[v["lifted"]] + v["lift"], top)  # a mean cannot pass the top
        gaps = perception - scores["expectation"]
        state.update(gaps=gaps, scores=scores, contributions=gaps * 0, perception=perception, name=name)
        if total <= 0:
            weights_line.value = "<span>Importance: every slider is at 0 points.</span>"
            if splots.move_weighted_gap_bars(artists, gaps * 0):
                live.invalidate()
            return decision("Give the dimensions some importance points",
                            "Every slider is at 0. Share 100 points over the dimensions by how much "
                            "each matters to your customers; the score weighs each gap by its share.",
                            "neutral")
        shares = ", ".join(f"{d} {p / total:.0%}" for d, p in pts.items())
        weights_line.value = f"<span>Importance weights (each dimension's share of the points): {shares}</span>"
        contributions = servqual.weighted_gaps(gaps, pts, items=items)
        state["contributions"] = contributions
        if splots.move_weighted_gap_bars(artists, contributions):
            live.invalidate()  # the axis widened: redraw the background once
        headline, detail, tone = servqual_message(contributions, gaps, adequate[name], perception)
        if v["lift"] > 0:
            before = servqual.servqual_score(scores["gap"], pts, items=items)
            detail += (f" Lifting {v['lifted']} perceptions by {v['lift']:.1f} moves the score from "
                       f"{_signed(before)} to {_signed(contributions.sum())}.")
        return decision(headline, detail, tone)

    def describe(v: dict) -> str:
        rows = [[d, f"{state['scores'].loc[d, 'expectation']:.2f}", f"{state['perception'][d]:.2f}",
                 _signed(state["gaps"][d]), _signed(state["contributions"][d])] for d in dims]
        return table_html(["dimension", "expected", "got", "gap", "weighted (bar)"], rows,
                          f"The chart in numbers ({'all respondents' if state['name'] == ALL else state['name']})")

    return WhatIf(controls, update, live, title="Weighted SERVQUAL: where does the score go?",
                  extra=[weights_line], describe=describe)
