"""Plots for lesson 07: membership matrix, fuzzy vector B, loadings, drivers, touchpoints."""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import to_hex
from matplotlib.patches import FancyBboxPatch

from .. import measure
from ..show import number
from ._common import PALETTE

__all__ = [
    "grade_colours",
    "membership_bars",
    "fuzzy_bars",
    "move_fuzzy_bars",
    "loadings_bars",
    "driver_bars",
    "touchpoint_chart",
    "indicator_lines",
]


def grade_colours(n: int) -> list[str]:
    """``n`` colours from best grade (green) to worst (vermilion), colour-blind safe.

    >>> grade_colours(5)[0] == PALETTE["good"]
    True
    """
    if n == 5:
        return [PALETTE["good"], "#7FC9B3", PALETTE["neutral"], PALETTE["experience"], PALETTE["bad"]]
    good, bad = np.array([0, 158, 115]) / 255, np.array([213, 94, 0]) / 255
    return [to_hex(good + (bad - good) * t) for t in np.linspace(0, 1, n)]


def membership_bars(ax: Axes, membership: pd.DataFrame) -> list:
    """One stacked horizontal bar per attribute: the share of answers in each grade.

    Returns the bar containers, one per grade (best grade on the left).
    """
    colours = grade_colours(membership.shape[1])
    left = np.zeros(len(membership))
    names = [str(a).replace("_", " ") for a in membership.index]
    containers = []
    for colour, grade in zip(colours, membership.columns):
        share = membership[grade].to_numpy(dtype=float)
        containers.append(ax.barh(names, share, left=left, color=colour, label=str(grade), height=0.65))
        left = left + share
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of respondents (each row sums to 1)")
    ax.legend(ncol=membership.shape[1], loc="lower center", bbox_to_anchor=(0.5, 1.0), frameon=False, fontsize=8)
    return containers


def fuzzy_bars(ax: Axes, vector: pd.Series, grade: object | None = None, top: float = 0.7,
               labels: bool = True) -> dict:
    """Bars of the fuzzy evaluation vector B, the winning grade highlighted, values on top.

    ``labels=False`` leaves out the value labels and the title (a live widget moves faster
    without text). Returns the artists by name; move them with :func:`move_fuzzy_bars`.
    """
    names = [str(g) for g in vector.index]
    bars = ax.bar(names, vector.to_numpy(dtype=float), color=PALETTE["neutral"], width=0.6)
    texts = [ax.text(b.get_x() + b.get_width() / 2, 0, "", ha="center", va="bottom", fontsize=9)
             for b in bars] if labels else []
    title = ax.text(0.02, 0.97, "", transform=ax.transAxes, va="top", fontsize=10, fontweight="bold") if labels else None
    ax.set_ylim(0, top)
    ax.set_ylabel("membership in B")
    ax.set_xlabel("grade")
    artists = {"bars": list(bars), "values": texts, "title": title}
    move_fuzzy_bars(artists, vector, grade)
    return artists


def move_fuzzy_bars(artists: dict, vector: pd.Series, grade: object | None = None) -> None:
    """Move the bars of :func:`fuzzy_bars` to a new B (no redraw of the figure)."""
    values = vector.to_numpy(dtype=float)
    best = int(np.argmax(values)) if grade is None else list(vector.index).index(grade)
    for k, (bar, v) in enumerate(zip(artists["bars"], values)):
        bar.set_height(v)
        bar.set_color(PALETTE["accent"] if k == best else PALETTE["neutral"])
    for text, v in zip(artists["values"], values):
        text.set_y(v + 0.01)
        text.set_text(number(v))
    if artists["title"] is not None:
        artists["title"].set_text(f"grade: {vector.index[best]} ({number(values[best])})")


def loadings_bars(ax: Axes, loadings: pd.Series, explained: float | None = None) -> list:
    """Horizontal bars of the first component's loadings (correlation of each attribute with it)."""
    names = [str(a).replace("_", " ") for a in loadings.index]
    colours = [PALETTE["accent"] if v >= 0 else PALETTE["bad"] for v in loadings]
    bars = ax.barh(names, loadings.to_numpy(dtype=float), color=colours, height=0.6)
    ax.invert_yaxis()
    ax.axvline(0, color="black", lw=0.8)
    ax.set_xlim(min(0.0, float(loadings.min()) - 0.1), 1.0)
    ax.set_xlabel("loading (correlation with the index)")
    if explained is not None:
        ax.set_title(f"first component keeps {explained:.0%} of the variance")
    return list(bars)


def driver_bars(ax: Axes, before: measure.Drivers, after: measure.Drivers | None = None,
                labels: tuple[str, str] = ("before", "after")) -> list:
    """Standardised driver weights as horizontal bars; two periods side by side, R² in the legend."""
    names = [str(a).replace("_", " ") for a in before.weights.index]
    y = np.arange(len(names))
    h = 0.38 if after is not None else 0.6
    out = [ax.barh(y - (h / 2 if after is not None else 0), before.weights.to_numpy(), height=h,
                   color=PALETTE["accent"], label=f"{labels[0]} (R² = {number(before.r_squared)})")]
    if after is not None:
        w = after.weights.reindex(before.weights.index).to_numpy()
        out.append(ax.barh(y + h / 2, w, height=h, color=PALETTE["experience"],
                           label=f"{labels[1]} (R² = {number(after.r_squared)})"))
    ax.set_yticks(y, names)
    ax.invert_yaxis()
    ax.axvline(0, color="black", lw=0.8)
    ax.set_xlabel("standardised weight on the overall score")
    ax.legend(frameon=False, loc="lower right", fontsize=9)
    return out


def touchpoint_chart(ax: Axes, touchpoints: dict | None = None) -> list:
    """The customer journey as boxes (before, during, after sale) listing their touchpoints.

    Defaults to seed 004's touchpoints (``measure.TOUCHPOINTS``). Returns the box patches.
    """
    touchpoints = measure.TOUCHPOINTS if touchpoints is None else touchpoints
    colours = [PALETTE["expectation"], PALETTE["experience"], PALETTE["good"]]
    n = len(touchpoints)
    ax.set_xlim(0, n)
    ax.set_ylim(0, 1)
    ax.axis("off")
    boxes = []
    for k, (stage, points) in enumerate(touchpoints.items()):
        box = FancyBboxPatch((k + 0.1, 0.22), 0.8, 0.66, boxstyle="round,pad=0.02", fc="white",
                             ec=colours[k % len(colours)], lw=2)
        ax.add_patch(box)
        boxes.append(box)
        ax.text(k + 0.5, 0.8, stage, ha="center", va="top", fontsize=10, fontweight="bold")
        body = "\n".join(textwrap.fill(f"• {p}", 24, subsequent_indent="  ") for p in points)
        ax.text(k + 0.5, 0.64, body, ha="center", va="top", fontsize=9)
        if k + 1 < n:
            ax.annotate("", xy=(k + 1.1, 0.55), xytext=(k + 0.9, 0.55),
                        arrowprops=dict(arrowstyle="->", lw=1.5, color="black"))
    ax.text(n / 2, 0.06, "each touchpoint is a key control point (seed 004)", ha="center", fontsize=8,
            style="italic")
    return boxes


def indicator_lines(ax: Axes, table: pd.DataFrame) -> list:
    """One line per indicator rate (columns of ``measure.indicators``) over the table's index."""
    colours = [PALETTE["good"], PALETTE["accent"], PALETTE["experience"], PALETTE["bad"]]
    x = [str(i) for i in table.index]
    lines = []
    for k, col in enumerate(table.columns):
        (line,) = ax.plot(x, table[col].to_numpy(dtype=float), marker="o", ms=3, lw=2,
                          color=colours[k % len(colours)], label=str(col).replace("_", " "))
        lines.append(line)
    ax.set_ylim(0, float(np.nanmax(table.to_numpy(dtype=float))) * 1.25)
    ax.set_ylabel("share of customers")
    ax.tick_params(axis="x", labelrotation=45, labelsize=8)
    ax.legend(frameon=False, fontsize=8, ncol=2, loc="upper center")
    return lines
