"""Plots for lesson 03 (SERVQUAL): gaps by dimension and segment, the zone of tolerance, the what-if bars.

Each function draws on the ``ax`` you pass and returns its artists. seaborn is imported only
by the functions that use it, so importing ``cxlib.plots`` stays fast.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from .. import servqual
from ..show import number
from ._common import PALETTE

__all__ = [
    "gap_bars",
    "respondent_gap_chart",
    "gap_heatmap",
    "tolerance_chart",
    "importance_performance_chart",
    "weighted_gap_bars",
    "move_weighted_gap_bars",
]


def _sign_colour(value: float) -> str:
    return PALETTE["good"] if value > 0 else PALETTE["bad"] if value < 0 else PALETTE["neutral"]


def gap_bars(ax: Axes, scores: pd.DataFrame, scale: tuple[float, float] = (1, 7)) -> dict:
    """Expectation and perception bars side by side per dimension, each gap written above its pair.

    ``scores`` is a :func:`cxlib.servqual.dimension_scores` frame. Returns the bars and labels.
    """
    dims = list(scores.index)
    x = np.arange(len(dims))
    e_bars = ax.bar(x - 0.2, scores["expectation"], 0.4, color=PALETTE["expectation"], label="expectation (E)")
    p_bars = ax.bar(x + 0.2, scores["perception"], 0.4, color=PALETTE["experience"], label="perception (P)")
    labels = []
    for xi, (_, row) in zip(x, scores.iterrows()):
        top = max(row["expectation"], row["perception"])
        labels.append(ax.text(xi, top + 0.08, f"gap {number(row['gap'], sign=True)}", ha="center", va="bottom",
                              fontsize=9, color=_sign_colour(row["gap"])))
    ax.set_xticks(x, dims)
    top = scale[1] + 0.15 * (scale[1] - scale[0])  # headroom for the gap labels and the legend
    ax.set_ylim(scale[0], top)
    ax.set_ylabel(f"mean score ({scale[0]:g}-{scale[1]:g})")
    ax.legend(loc="upper right", ncol=2, frameon=False, fontsize=9)
    return {"expectation": list(e_bars), "perception": list(p_bars), "labels": labels}


def respondent_gap_chart(ax: Axes, survey: pd.DataFrame, by: str | None = None,
                         items: Mapping[str, Iterable[int]] = servqual.ITEMS_1988,
                         scale: tuple[float, float] = (1, 7), dropna: bool = False) -> Axes:
    """seaborn bars of the mean gap per dimension (one colour per group of ``by``), with ±1 SE whiskers.

    The whiskers show how sure the mean is (standard error), not the spread of answers.
    """
    import seaborn as sns

    per = servqual.respondent_gaps(survey, items, scale, dropna)
    long = per.reset_index(drop=True).melt(var_name="dimension", value_name="gap")
    if by is not None:
        groups = survey[by].loc[per.index].to_numpy()
        long[by] = np.tile(groups, per.shape[1])
    hue_order = sorted(long[by].unique()) if by is not None else None
    sns.barplot(data=long, x="dimension", y="gap", hue=by, hue_order=hue_order, errorbar="se", ax=ax,
                color=None if by else PALETTE["accent"], palette="colorblind" if by else None)
    ax.axhline(0, color="black", lw=0.8)
    ax.set_ylabel("gap P - E (mean per respondent)")
    ax.set_xlabel("")
    if by is not None:
        ax.legend(title=by, frameon=False, fontsize=8, title_fontsize=9)
    return ax


def gap_heatmap(ax: Axes, table: pd.DataFrame, decimals: int = 2) -> Axes:
    """seaborn heatmap of a :func:`cxlib.servqual.dimension_scores_by` table: red falls short, green beats.

    The colour scale is centred on zero and symmetric, so equal shortfalls look equally red.
    Cells are labelled as a table rounded with ``.round(decimals)`` shows them (never -0.00).

    >>> from cxlib.plots import new_figure
    >>> fig, ax = new_figure()
    >>> t = pd.DataFrame({"tangibles": [-0.004, 0.2], "reliability": [-1.925, -0.5]}, index=["East", "West"])
    >>> [text.get_text() for text in gap_heatmap(ax, t).texts]
    ['0.00', '-1.92', '+0.20', '-0.50']
    """
    import seaborn as sns
    from matplotlib.colors import LinearSegmentedColormap

    cmap = LinearSegmentedColormap.from_list("gap", [PALETTE["bad"], "#f7f7f7", PALETTE["good"]])
    values = table.to_numpy(dtype=float)
    limit = float(np.nanmax(np.abs(values))) or 1.0
    labels = np.vectorize(lambda v: number(v, decimals, sign=True))(values)
    sns.heatmap(table, ax=ax, cmap=cmap, center=0, vmin=-limit, vmax=limit, annot=labels, fmt="",
                linewidths=0.5, cbar_kws={"label": "gap P - E"})
    ax.set_xlabel("")
    ax.tick_params(axis="x", rotation=25)
    for label in ax.get_xticklabels():
        label.set_horizontalalignment("right")
    return ax


def tolerance_chart(ax: Axes, zone: pd.DataFrame, scale: tuple[float, float] = (1, 7)) -> dict:
    """The zone of tolerance per dimension: a band from adequate to desired, a dot for perceived.

    ``zone`` is a :func:`cxlib.servqual.tolerance_zone` frame. Dots are red below the zone,
    grey inside, green above. Returns the bands and dots.
    """
    dims = list(zone.index)[::-1]  # first dimension at the top
    y = np.arange(len(dims))
    rows = zone.loc[dims]
    bands = ax.barh(y, rows["desired"] - rows["adequate"], left=rows["adequate"], height=0.5,
                    color=PALETTE["expectation"], alpha=0.35, label="zone of tolerance (adequate to desired)")
    colour = {"below": PALETTE["bad"], "inside": PALETTE["neutral"], "above": PALETTE["good"]}
    dots = ax.scatter(rows["perceived"], y, s=70, zorder=3, color=[colour[p] for p in rows["position"]],
                      edgecolor="black", label="perceived")
    for yi, (_, row) in zip(y, rows.iterrows()):
        ax.text(row["perceived"], yi + 0.3, row["position"], ha="center", fontsize=8)
    ax.set_yticks(y, dims)
    ax.set_xlim(scale[0], scale[1])
    ax.set_xlabel(f"mean score ({scale[0]:g}-{scale[1]:g})")
    ax.set_ylim(-0.6, len(dims) - 0.2)
    # the legend sits under the axis title, outside the plot, so it never covers a band
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.28), ncol=2, frameon=False, fontsize=8)
    return {"bands": list(bands), "dots": dots}


def _room(low: float, high: float, cut: float, share: float = 0.38, pad: float = 0.15) -> tuple[float, float]:
    """Axis limits around ``low..high`` that leave each side of ``cut`` at least ``share`` of the axis."""
    pad = pad * (high - low or 1.0)
    low, high = min(low, cut) - pad, max(high, cut) + pad
    span = high - low
    if cut - low < share * span:
        low = cut - share * (high - cut) / (1 - share)
    if high - cut < share * (high - low):
        high = cut + share * (cut - low) / (1 - share)
    return low, high


def importance_performance_chart(ax: Axes, table: pd.DataFrame, xlabel: str = "performance",
                                 ylabel: str = "importance") -> dict:
    """Martilla & James's grid: attributes as labelled dots, cut lines, and the four quadrant names.

    ``table`` is a :func:`cxlib.servqual.importance_performance` frame. The axes leave every
    quadrant room for its name, so no cut line runs through a label.

    >>> from cxlib.plots import new_figure
    >>> fig, ax = new_figure(6, 3.6)
    >>> t = servqual.importance_performance(pd.Series({"a": 32, "b": 11}), pd.Series({"a": -1.1, "b": 0.1}), cuts=(20, 0))
    >>> art = importance_performance_chart(ax, t)
    >>> left, right = ax.get_xlim(); bool((0 - left) / (right - left) >= 0.38)
    True
    """
    cut_i, cut_p = table.attrs.get("cuts", (table["importance"].mean(), table["performance"].mean()))
    dots = ax.scatter(table["performance"], table["importance"], s=60, color=PALETTE["accent"], zorder=3)
    names = []
    for name, row in table.iterrows():
        names.append(ax.annotate(str(name), (row["performance"], row["importance"]), xytext=(5, 4),
                                 textcoords="offset points", fontsize=9, zorder=4))
    ax.axvline(cut_p, color="grey", lw=1, ls="--", zorder=1)
    ax.axhline(cut_i, color="grey", lw=1, ls="--", zorder=1)
    ax.set_xlim(*_room(float(table["performance"].min()), float(table["performance"].max()), float(cut_p)))
    ax.set_ylim(*_room(float(table["importance"].min()), float(table["importance"].max()), float(cut_i), 0.3, pad=0.3))
    corners = {"concentrate here": (0.02, 0.97, "left", "top"), "keep up the good work": (0.98, 0.97, "right", "top"),
               "low priority": (0.02, 0.03, "left", "bottom"), "possible overkill": (0.98, 0.03, "right", "bottom")}
    for name, (x, y, ha, va) in corners.items():
        ax.text(x, y, name, transform=ax.transAxes, ha=ha, va=va, fontsize=8, color="dimgrey", style="italic",
                zorder=2)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    return {"dots": dots, "names": names}


def _span(contributions: pd.Series, limits: tuple[float, float] = (0.0, 0.0)) -> tuple[float, float]:
    """Axis limits (in steps of 0.25) that hold 0, the bars, room for labels, and ``limits``."""
    lo = min(float(contributions.min()) - 0.3, limits[0], -0.25)
    hi = max(float(contributions.max()) + 0.3, limits[1], 0.25)
    return float(np.floor(lo * 4) / 4), float(np.ceil(hi * 4) / 4)


def weighted_gap_bars(ax: Axes, contributions: pd.Series, limits: tuple[float, float] | None = None) -> dict:
    """Horizontal bars of each dimension's weighted gap w_d * gap_d, for the what-if to move.

    ``limits`` (default: just around the bars) fixes the x axis; it only widens when a bar
    would leave it. Returns the artists by name; move them with :func:`move_weighted_gap_bars`.
    """
    dims = list(contributions.index)[::-1]
    y = np.arange(len(dims))
    bars = ax.barh(y, [0.0] * len(dims), height=0.6)
    labels = [ax.text(0, yi, "", va="center", fontsize=9) for yi in y]
    ax.axvline(0, color="black", lw=0.8)
    ax.set_yticks(y, dims)
    ax.set_xlim(*(limits or _span(contributions)))
    ax.set_xlabel("weighted gap  w × (P − E); the bars add up to the score")
    artists = {"ax": ax, "bars": dict(zip(dims, bars)), "labels": dict(zip(dims, labels))}
    move_weighted_gap_bars(artists, contributions)
    return artists


def move_weighted_gap_bars(artists: dict, contributions: pd.Series) -> bool:
    """Set the bars of :func:`weighted_gap_bars` (and their labels) to new weighted gaps.

    Returns True if the x axis had to widen, i.e. the static background changed (a
    ``LiveFigure`` must then be invalidated).
    """
    ax = artists["ax"]
    old = ax.get_xlim()
    new = _span(contributions, old)
    widened = new != tuple(old)
    if widened:
        ax.set_xlim(*new)
    pad = 0.01 * (new[1] - new[0])
    for dim, value in contributions.items():
        bar, label = artists["bars"][dim], artists["labels"][dim]
        bar.set_width(value)
        bar.set_color(_sign_colour(value))
        label.set_text(number(value, sign=True))
        label.set_x(value + pad if value >= 0 else value - pad)
        label.set_horizontalalignment("left" if value >= 0 else "right")
    return widened
