"""What-if for lesson 03: importance points and a perception lift -> the weighted SERVQUAL score."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import ipywidgets as w
import numpy as np
import pandas as pd

from .. import data, servqual
from ..plots import servqual as splots
from ..plots._common import LiveFigure, new_figure
from ._common import WhatIf, decision, int_slider, slider

__all__ = ["servqual_whatif", "servqual_message"]

ALL = "all respondents"


def _signed(x: float) -> str:
    return f"{x:+.2f}".replace("-", "−")


def servqual_message(contributions: pd.Series, gaps: pd.Series) -> tuple[str, str, str]:
    """The what-if's verdict as (headline, detail, tone): which dimension costs the most.

    ``contributions`` are the weighted gaps w_d * gap_d (they sum to the score), ``gaps``
    the unweighted gaps.

    >>> c = pd.Series({"tangibles": 0.01, "reliability": -0.42, "empathy": -0.2})
    >>> servqual_message(c, c * 3)[0]
    'Reliability costs the most: −0.42 of the −0.61 score. Work on it first.'
    """
    score = float(contributions.sum())
    worst = contributions.idxmin()
    if contributions[worst] >= 0:
        return (f"No dimension falls short: the weighted score is {_signed(score)}.",
                "Perceptions meet or beat expectations everywhere; keep what works and watch "
                "expectations, which keep rising.", "good")
    rest = contributions.drop(worst)
    nxt = f" Next: {rest.idxmin()} ({_signed(rest.min())})." if (rest < 0).any() else ""
    return (f"{worst.capitalize()} costs the most: {_signed(contributions[worst])} of the "
            f"{_signed(score)} score. Work on it first.",
            f"Its gap P − E is {_signed(gaps[worst])}.{nxt}", "bad" if score < 0 else "neutral")


def _default_points(survey: pd.DataFrame, dims: tuple[str, ...]) -> dict[str, int]:
    cols = [f"imp_{d}" for d in dims]
    if all(c in survey.columns for c in cols):
        means = survey[cols].mean()
        if np.isfinite(means).all() and means.sum() > 0:
            return {d: int(round(100 * means[c] / means.sum())) for d, c in zip(dims, cols)}
    share = 100 // len(dims)
    return {d: share for d in dims}


def servqual_whatif(survey: pd.DataFrame | None = None,
                    items: Mapping[str, Iterable[int]] = servqual.ITEMS_1988,
                    scale: tuple[float, float] = (1, 7), by: str = "branch") -> WhatIf:
    """Importance-point sliders and a perception lift; the weighted score and its bars move live.

    ``survey`` defaults to the course's ``servqual_survey``; the sliders start at its mean
    ``imp_<dimension>`` points when it has them. Points are normalised, so they need not add
    to 100. If the survey has a ``by`` column (branch), a picker limits the data to one group.

    >>> box = servqual_whatif()
    >>> box.controls["segment"].value = "East"
    >>> box.verdict.value.count("Reliability costs the most")
    1
    >>> for d in servqual.DIMENSIONS: box.controls[d].value = 0
    >>> "Give the dimensions some importance points" in box.verdict.value
    True
    """
    survey = data.load("servqual_survey") if survey is None else survey
    segments = {ALL: servqual.dimension_scores(survey, items, scale)}
    dims = tuple(segments[ALL].index)
    if by in survey.columns:
        for name in sorted(survey[by].dropna().unique()):
            segments[str(name)] = servqual.dimension_scores(survey[survey[by] == name], items, scale)
    top, max_lift = float(scale[1]), 2.0

    points = _default_points(survey, dims)
    controls: dict[str, w.ValueWidget] = {d: int_slider(f"{d.capitalize()} points", points[d], 0, 100) for d in dims}
    controls["lifted"] = w.Dropdown(options=list(dims), value="reliability" if "reliability" in dims else dims[0],
                                    description="Lift perceptions of", style={"description_width": "initial"})
    controls["lift"] = slider("by (points on the scale)", 0.0, 0.0, max_lift, step=0.1)
    if len(segments) > 1:
        controls["segment"] = w.Dropdown(options=list(segments), value=ALL, description=f"Data ({by})",
                                         style={"description_width": "initial"})
    weights_line = w.HTML()

    fig, ax = new_figure(6.4, 3.0)
    start = pd.Series(points, dtype=float)
    artists = splots.weighted_gap_bars(ax, segments[ALL]["gap"] * start / start.sum())
    fig.tight_layout()
    live = LiveFigure(fig, [*artists["bars"].values(), *artists["labels"].values()])

    def update(v: dict) -> str:
        pts = pd.Series({d: v[d] for d in dims}, dtype=float)
        total = pts.sum()
        scores = segments[v.get("segment", ALL)]
        perception = scores["perception"].copy()
        perception[v["lifted"]] = min(perception[v["lifted"]] + v["lift"], top)  # a mean cannot pass the top
        gaps = perception - scores["expectation"]
        if total <= 0:
            weights_line.value = "<span>Points: all 0, so there is nothing to weigh the gaps by.</span>"
            if splots.move_weighted_gap_bars(artists, gaps * 0):
                live.invalidate()
            return decision("Give the dimensions some importance points",
                            "Every slider is at 0. Share 100 points over the dimensions by how much "
                            "each matters to your customers; the score weighs each gap by its share.",
                            "neutral")
        shares = " · ".join(f"{d} {p / total:.2f}" for d, p in pts.items())
        weights_line.value = (f"<span>Points: {' + '.join(f'{p:g}' for p in pts)} = {total:g} "
                              f"→ weights (each ÷ {total:g}): {shares}</span>")
        contributions = servqual.weighted_gaps(gaps, pts, items=items)
        if splots.move_weighted_gap_bars(artists, contributions):
            live.invalidate()  # the axis widened: redraw the background once
        headline, detail, tone = servqual_message(contributions, gaps)
        if v["lift"] > 0:
            before = servqual.servqual_score(scores["gap"], pts, items=items)
            detail += (f" Lifting {v['lifted']} perceptions by {v['lift']:.1f} moves the score from "
                       f"{_signed(before)} to {_signed(contributions.sum())}.")
        return decision(headline, detail, tone)

    return WhatIf(controls, update, live, title="Weighted SERVQUAL: where does the score go?",
                  extra=[weights_line])
