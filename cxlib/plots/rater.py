"""Plots for lesson 02: RATER factor scores, where the index points are, branches side by side."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from .. import rater
from ..rater import FACTORS
from ..show import number
from ._common import PALETTE

__all__ = ["factor_bars", "move_factor_bars", "priority_bars", "move_priority_bars", "branch_heatmap"]

_LABELS = [f.capitalize() for f in FACTORS]


def _values(scores: Mapping[str, float] | pd.Series) -> np.ndarray:
    return np.array([float(scores[f]) for f in FACTORS])


def factor_bars(ax: Axes, scores: Mapping[str, float] | pd.Series, compare: Mapping[str, float] | pd.Series | None = None,
                labels: tuple[str, str] = ("now", "comparison"), scale: tuple[float, float] = (1, 5)) -> dict:
    """Mean score of each factor as bars, with an optional comparison beside each.

    Returns the artists by name (``"bars"``, ``"compare"``, ``"label"``); move them with
    :func:`move_factor_bars`.

    >>> from cxlib.plots import new_figure
    >>> fig, ax = new_figure()
    >>> art = factor_bars(ax, dict.fromkeys(FACTORS, 4), dict.fromkeys(FACTORS, 3))
    >>> len(art["bars"]), len(art["compare"])
    (5, 5)
    """
    lo, hi = scale
    x = np.arange(len(FACTORS))
    width = 0.38 if compare is not None else 0.6
    shift = width / 2 if compare is not None else 0.0
    bars = ax.bar(x - shift, _values(scores) - lo, width, bottom=lo, color=PALETTE["experience"], label=labels[0])
    other = []
    if compare is not None:
        other = list(ax.bar(x + shift, _values(compare) - lo, width, bottom=lo, color=PALETTE["expectation"],
                            label=labels[1]))
    ax.set_xticks(x, _LABELS, rotation=20)
    ax.set_ylim(lo, hi + 0.01 * (hi - lo))
    ax.set_ylabel(f"mean score ({lo:g}-{hi:g})")
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), frameon=False, fontsize=8, ncol=2)
    label = ax.text(0.02, 0.97, "", transform=ax.transAxes, va="top", fontsize=9)
    artists = {"bars": list(bars), "compare": other, "label": label, "lo": lo}
    move_factor_bars(artists, scores, compare)
    return artists


def move_factor_bars(artists: dict, scores: Mapping[str, float] | pd.Series,
                     compare: Mapping[str, float] | pd.Series | None = None, text: str | None = None) -> None:
    """Move the bars of :func:`factor_bars` to new scores (and the label to ``text``)."""
    lo = artists["lo"]
    for bar, v in zip(artists["bars"], _values(scores)):
        bar.set_height(v - lo)
    if compare is not None:
        for bar, v in zip(artists["compare"], _values(compare)):
            bar.set_height(v - lo)
    if text is not None:
        artists["label"].set_text(text)


def priority_bars(ax: Axes, scores: Any, weights: Any = None, scale: tuple[float, float] = (1, 5)) -> dict:
    """Index points each factor would add if raised to the top; the first priority stands out.

    Factors stay in RATER order (top to bottom) so the bars can move in place; returns the
    artists for :func:`move_priority_bars`.

    >>> from cxlib.plots import new_figure
    >>> fig, ax = new_figure()
    >>> art = priority_bars(ax, dict(zip(FACTORS, [4, 4, 4, 4, 2])))
    >>> art["texts"][-1].get_text()
    '+15.0'
    """
    y = np.arange(len(FACTORS))[::-1]
    bars = ax.barh(y, np.zeros(len(FACTORS)), color=PALETTE["neutral"], height=0.6)
    texts = [ax.text(0, yi, "", va="center", fontsize=9) for yi in y]
    ax.set_yticks(y, _LABELS)
    ax.set_xlim(0, 30)
    ax.set_xlabel("index points if raised to the top")
    ax.spines[["top", "right"]].set_visible(False)
    artists = {"bars": list(bars), "texts": texts, "xmax": 30.0}
    move_priority_bars(artists, scores, weights, scale)
    return artists


def move_priority_bars(artists: dict, scores: Any, weights: Any = None, scale: tuple[float, float] = (1, 5)) -> pd.DataFrame:
    """Move :func:`priority_bars` to new scores/weights; returns the priority table used."""
    table = rater.improvement_priority(scores, weights, scale)
    first = table.index[0]
    xmax = artists["xmax"]
    for bar, text, f in zip(artists["bars"], artists["texts"], FACTORS):
        gain = float(table.loc[f, "gain"])
        bar.set_width(min(gain, xmax))
        bar.set_color(PALETTE["bad"] if f == first and gain > 0 else PALETTE["neutral"])
        text.set_x(min(gain, xmax * 0.82) + 0.3)
        text.set_text(number(gain, 1, sign=True))
    return table


def branch_heatmap(ax: Axes, table: pd.DataFrame, scale: tuple[float, float] = (1, 5)) -> Any:
    """Branches (rows) by factors (columns) coloured by mean score, index in the last column.

    ``table`` is the output of :func:`cxlib.rater.rater_by`. Returns the image artist.

    >>> from cxlib.plots import new_figure
    >>> fig, ax = new_figure()
    >>> t = pd.DataFrame([[4, 4, 3, 4, 2, 10, 62.5]], columns=[*FACTORS, "n", "index"], index=["X"])
    >>> type(branch_heatmap(ax, t)).__name__
    'AxesImage'
    """
    lo, hi = scale
    values = table[list(FACTORS)].to_numpy(float)
    image = ax.imshow(values, cmap="RdYlGn", vmin=lo, vmax=hi, aspect="auto")
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            ax.text(j, i, number(values[i, j]), ha="center", va="center", fontsize=9)
        ax.text(len(FACTORS) - 0.35, i, f"index {number(table['index'].iloc[i], 0)}", va="center", fontsize=9,
                fontweight="bold")
    ax.set_xticks(range(len(FACTORS)), _LABELS, rotation=20)
    ax.set_yticks(range(values.shape[0]), [str(b) for b in table.index])
    ax.set_xlim(-0.5, len(FACTORS) + 0.9)
    ax.spines[:].set_visible(False)
    return image
