"""Plots for lesson 04: the gap model as a diagram, gap bars that move, promise breaches by region."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from .. import gaps
from ..show import number
from ._common import PALETTE

__all__ = ["gap_model_diagram", "model_gap_bars", "move_model_gap_bars", "sla_chart"]

# box name -> (centre x, centre y, width, text, side)
_BOXES = {
    "wom": (2.2, 11.0, 2.3, "Word of mouth", "customer"),
    "needs": (4.7, 11.0, 2.3, "Personal needs", "customer"),
    "past": (7.2, 11.0, 2.3, "Past experience", "customer"),
    "expected": (4.7, 9.2, 4.0, "Expected service", "customer"),
    "perceived": (4.7, 7.4, 4.0, "Perceived service", "customer"),
    "delivery": (4.7, 5.0, 4.0, "Service delivery", "provider"),
    "external": (9.6, 5.0, 2.8, "External communications\nto customers", "provider"),
    "standards": (4.7, 3.0, 4.0, "Service designs\nand standards", "provider"),
    "management": (4.7, 1.0, 4.0, "Management perceptions\nof customer expectations", "provider"),
}
_H = 1.0  # box height


def _edge(name: str, where: str) -> tuple[float, float]:
    x, y, w, _, _ = _BOXES[name]
    return {"top": (x, y + _H / 2), "bottom": (x, y - _H / 2), "left": (x - w / 2, y),
            "right": (x + w / 2, y)}[where]


def gap_model_diagram(ax: Axes, highlight: int | None = None) -> dict:
    """Draw the 5GAP model (after Parasuraman, Zeithaml and Berry, 1985) with gaps 1-5 marked.

    Customer side above the dashed line, provider side below; solid arrows show what shapes
    what, red dashed arrows mark the gaps. ``highlight`` (1-5) draws one gap thicker.
    Returns ``{"boxes": {name: patch}, "gaps": {n: (arrow, text)}}``.

    >>> from cxlib.plots import new_figure
    >>> fig, ax = new_figure(8, 6)
    >>> sorted(gap_model_diagram(ax, highlight=3)["gaps"])
    [1, 2, 3, 4, 5]
    """
    boxes = {}
    for name, (x, y, w, text, side) in _BOXES.items():
        colour = PALETTE["expectation"] if side == "customer" else "#dddddd"
        patch = FancyBboxPatch((x - w / 2, y - _H / 2), w, _H, boxstyle="round,pad=0.02,rounding_size=0.15",
                               facecolor=colour, edgecolor="#333333", lw=1, alpha=0.9)
        ax.add_patch(patch)
        ax.text(x, y, text, ha="center", va="center", fontsize=8.5)
        boxes[name] = patch

    def flow(a: tuple[float, float], b: tuple[float, float], **kw: Any) -> None:
        ax.add_patch(FancyArrowPatch(a, b, arrowstyle="-|>", mutation_scale=11, color="#333333", lw=1, **kw))

    for src in ("wom", "needs", "past"):
        flow(_edge(src, "bottom"), (_BOXES["expected"][0] + (_BOXES[src][0] - 4.7) * 0.5, 9.2 + _H / 2))
    flow(_edge("delivery", "top"), _edge("perceived", "bottom"))
    flow(_edge("management", "top"), _edge("standards", "bottom"))
    flow(_edge("standards", "top"), _edge("delivery", "bottom"))
    flow((_BOXES["external"][0], 5.0 + _H / 2), (6.7, 9.2), connectionstyle="arc3,rad=0.2")
    ax.plot([0, 11.2], [6.2, 6.2], ls="--", color="#555555", lw=1)
    ax.text(0.05, 6.35, "CUSTOMER", fontsize=8, color="#555555", va="bottom")
    ax.text(0.05, 6.05, "PROVIDER", fontsize=8, color="#555555", va="top")

    gap_arrows = {}
    specs = {  # gap -> (start, end, label position, alignment)
        5: ((2.0, 9.2), (2.0, 7.4), (1.85, 8.3), "right"),
        1: ((1.0, 9.2), (1.0, 1.0), (0.85, 3.8), "right"),
        2: ((7.2, 3.0), (7.2, 1.0), (7.35, 2.0), "left"),
        3: ((7.2, 5.0), (7.2, 3.0), (7.35, 4.0), "left"),
        4: ((6.7, 5.0), (8.2, 5.0), (7.45, 5.25), "center"),
    }
    for g, (a, b, (tx, ty), align) in specs.items():
        lw = 3.0 if g == highlight else 1.6
        arrow = FancyArrowPatch(a, b, arrowstyle="<|-|>", mutation_scale=10, color=PALETTE["bad"], lw=lw, ls="--")
        ax.add_patch(arrow)
        if g != 4:  # short ties from the boxes to the vertical gap lines
            edge = 2.7 if g in (5, 1) else 6.7
            for y in (a[1], b[1]):
                ax.plot([a[0], edge], [y, y], color=PALETTE["bad"], lw=0.8, ls=":")
        text = ax.text(tx, ty, f"Gap {g}", ha=align, va="center", fontsize=9.5, color=PALETTE["bad"],
                       fontweight="bold" if g == highlight else "normal")
        gap_arrows[g] = (arrow, text)
    ax.set_xlim(-0.1, 11.2)
    ax.set_ylim(0.2, 11.8)
    ax.set_axis_off()
    return {"boxes": boxes, "gaps": gap_arrows}


def model_gap_bars(ax: Axes, values: Mapping[str, float] | pd.Series, lo: float = -3.0, hi: float = 1.0,
             gap5_label: str = "Gap 5") -> dict:
    """Bars for gap1..gap5 (negative = shortfall) with value labels; the gap to close first stands out.

    ``values`` maps ``gap1``..``gap5`` to numbers (a row of :func:`cxlib.gaps.measure`).
    Returns the artists for :func:`move_model_gap_bars`.

    >>> from cxlib.plots import new_figure
    >>> fig, ax = new_figure()
    >>> art = model_gap_bars(ax, {"gap1": -0.2, "gap2": -0.1, "gap3": -1.2, "gap4": -0.3, "gap5": -1.8})
    >>> art["texts"][2].get_text()
    '-1.20'
    """
    names = ["Gap 1", "Gap 2", "Gap 3", "Gap 4", gap5_label]
    x = np.arange(5)
    bars = ax.bar(x, np.zeros(5), color=PALETTE["neutral"], width=0.6)
    texts = [ax.text(xi, 0, "", ha="center", fontsize=9) for xi in x]
    ax.axhline(0, color="#333333", lw=0.8)
    ax.axvline(3.5, color="#bbbbbb", lw=0.8, ls=":")
    ax.set_xticks(x, names)
    ax.set_ylim(lo, hi)
    ax.set_ylabel("gap (negative = shortfall)")
    ax.spines[["top", "right"]].set_visible(False)
    artists = {"bars": list(bars), "texts": texts, "lo": lo, "hi": hi}
    move_model_gap_bars(artists, values)
    return artists


def move_model_gap_bars(artists: dict, values: Mapping[str, float] | pd.Series) -> None:
    """Move :func:`model_gap_bars` to new gap values (colours and labels follow)."""
    first = gaps.priority({k: values[k] for k in ("gap1", "gap2", "gap3", "gap4")})
    lo, hi = artists["lo"], artists["hi"]
    for k, (bar, text) in enumerate(zip(artists["bars"], artists["texts"]), start=1):
        v = float(values[f"gap{k}"])
        bar.set_height(v)
        if k == 5:
            bar.set_color(PALETTE["accent"])
        else:
            bar.set_color(PALETTE["bad"] if k == first else PALETTE["neutral"] if v < 0 else PALETTE["good"])
        shown = min(max(v, lo), hi)
        text.set_y(shown - 0.18 if v < 0 else shown + 0.05)
        text.set_va("top" if v < 0 else "bottom")
        text.set_text(number(v, sign=True))


def sla_chart(ax: Axes, summary: pd.DataFrame, promise: Mapping[str, float] | None = None) -> list:
    """Share of tickets breaking each promise, per region (the output of :func:`cxlib.gaps.sla_summary`).

    Returns the bar containers (one per promise).

    >>> from cxlib.plots import new_figure
    >>> fig, ax = new_figure()
    >>> s = pd.DataFrame({"respond": [0.1, 0.5], "fix_ordinary": [0.05, 0.2], "fix_major": [0.1, 0.3]},
    ...                  index=["North", "South"])
    >>> len(sla_chart(ax, s))
    3
    """
    p = dict(gaps.HAIER_PROMISE if promise is None else promise)
    columns = [("respond", f"response > {p['respond_h']:g} h", PALETTE["bad"]),
               ("fix_ordinary", f"ordinary fix > {p['ordinary_fix_h']:g} h", PALETTE["experience"]),
               ("fix_major", f"major fix > {p['major_fix_h']:g} h", PALETTE["accent"])]
    y = np.arange(len(summary))[::-1]
    height = 0.26
    containers = []
    top = 0.0
    for k, (col, label, colour) in enumerate(columns):
        share = summary[col].fillna(0).to_numpy(float) * 100
        top = max(top, float(share.max()))
        containers.append(ax.barh(y + (1 - k) * height, share, height, color=colour, label=label))
    ax.set_yticks(y, [str(r) for r in summary.index])
    ax.set_xlabel("% of decided tickets breaking the promise")
    ax.set_xlim(0, min(100.0, max(10.0, 10 * np.ceil(top * 1.25 / 10))))
    ax.legend(loc="lower right", frameon=False, fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    return containers
