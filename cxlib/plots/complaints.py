"""Plots for lessons 05-06: the complaint iceberg, the complaint pyramid, a Pareto chart.

Each picture is drawn from the tables of :mod:`cxlib.complaints`, so it changes when the
numbers do: layer areas in the iceberg and bar widths in the pyramid are proportional to
the customers in them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Polygon, Rectangle
from matplotlib.transforms import offset_copy

from .. import complaints
from ..show import count as _count
from ._common import PALETTE, new_figure

__all__ = ["iceberg_picture", "move_iceberg", "pyramid_picture", "move_pyramid", "pareto_chart"]

# The iceberg's outline: half-width at depth y (0 = tip, 1 = bottom), widest a third of the way down.
_DEPTH = np.linspace(0.0, 1.0, 801)
_HALF_WIDTH = _DEPTH ** 0.8 * (1 - _DEPTH) ** 1.5
_HALF_WIDTH *= 0.8 / _HALF_WIDTH.max()
_AREA = np.concatenate([[0.0], np.cumsum((_HALF_WIDTH[1:] + _HALF_WIDTH[:-1]) / 2 * np.diff(_DEPTH))])
_AREA /= _AREA[-1]  # share of the iceberg's area above each depth

_ICE_LAYERS = ("to_relations", "to_staff", "silent")  # top to bottom
_ICE_COLOURS = {"to_relations": PALETTE["accent"], "to_staff": PALETTE["expectation"], "silent": "#C9D6DF"}


def _depth_at(area_share: float) -> float:
    """Depth above which ``area_share`` of the iceberg's area lies."""
    return float(np.interp(area_share, _AREA, _DEPTH))


def _layer_outline(top: float, bottom: float, points: int = 60) -> np.ndarray:
    y = np.linspace(top, bottom, points)
    x = np.interp(y, _DEPTH, _HALF_WIDTH)
    return np.column_stack([np.concatenate([-x, x[::-1]]), np.concatenate([y, y[::-1]])])


def iceberg_picture(ax: Axes, ice: pd.DataFrame, numbers: bool = True) -> dict:
    """The dissatisfied customers of ``complaints.iceberg(...)`` drawn as an iceberg.

    Layer areas are proportional to their customers: the tip above the water line holds the
    complainers (customer relations at the very top, then the staff nearby), the bulk below
    holds the silent. Layer names sit in a legend drawn once; only the shapes and (unless
    ``numbers=False``, as in the fast what-if) the counts beside them move. Returns the
    artists by name for :func:`move_iceberg`.

    >>> fig, ax = new_figure()
    >>> art = iceberg_picture(ax, complaints.iceberg(3000))
    >>> art["numbers"]["silent"].get_text()
    '690 (69%)'
    """
    sea = Rectangle((-1.0, 0), 2.2, 1.2, color="#DCEBF5", zorder=0)  # kept clear of the legend
    ax.add_patch(sea)
    layers = {k: ax.add_patch(Polygon(_layer_outline(0, 0.1), closed=True, color=_ICE_COLOURS[k],
                                      ec="white", lw=1, zorder=2, label=ice.loc[k, "label"]))
              for k in _ICE_LAYERS}
    (water,) = ax.plot([-1.0, 1.2], [0, 0], color=PALETTE["accent"], lw=1.5, ls="--", zorder=3)
    numbers = {k: ax.text(0.84, 0, "", va=_LABEL_OFFSET[k][1], fontsize=_LABEL_PT, zorder=4,
                          transform=offset_copy(ax.transData, fig=ax.figure, y=_LABEL_OFFSET[k][0], units="points"))
               for k in _ICE_LAYERS} if numbers else {}
    ax.legend(handles=list(layers.values()), loc="lower left", bbox_to_anchor=(0.68, 0.0), fontsize=8,
              frameon=False, title="dissatisfied customers who ...", title_fontsize=8, alignment="left")
    ax.text(1.52, -0.15, "above the dashed water line:\nthe company hears them;\nbelow it: silent",
            fontsize=8, va="top", color=PALETTE["accent"])
    ax.set_xlim(-1.0, 2.9)
    ax.set_ylim(1.05, -0.2)  # depth grows downward
    ax.set_axis_off()
    artists = {"sea": sea, "water": water, "layers": layers, "numbers": numbers}
    move_iceberg(artists, ice)
    return artists


_LABEL_PT = 9.0  # the numbers' font size
# Each number is anchored in data units (its layer, or the water line) and pushed off by a few
# points, so it stays clear of the line and of its neighbour whatever size the figure is drawn
# at, or however a later tight_layout() rescales the axes: (points up, vertical alignment).
_LABEL_OFFSET = {"to_relations": (2 + 1.3 * _LABEL_PT, "bottom"), "to_staff": (2, "bottom"), "silent": (-2, "top")}


def _label_depths(bounds: dict, water: float) -> dict:
    """Each number's anchor depth: its layer's middle, but never past the water line.

    With the offsets of ``_LABEL_OFFSET`` the tip's numbers sit wholly above the line (the
    customer-relations number a line above the staff number) and the silent number below it.
    """
    staff = min((bounds["to_staff"][0] + bounds["to_staff"][1]) / 2, water)
    relations = min((bounds["to_relations"][0] + bounds["to_relations"][1]) / 2, staff)
    silent = max((bounds["silent"][0] + bounds["silent"][1]) / 2, water)
    return {"to_relations": relations, "to_staff": staff, "silent": silent}


def move_iceberg(artists: dict, ice: pd.DataFrame) -> None:
    """Move the iceberg's layers, water line and numbers to a new ``complaints.iceberg`` table.

    Counts are shown as whole people; no number sits on the water line.

    >>> fig, ax = new_figure()
    >>> art = iceberg_picture(ax, complaints.iceberg(3000))
    >>> move_iceberg(art, complaints.iceberg(3000, silent=0.5, to_staff=0.3, to_relations=0.2))
    >>> art["numbers"]["to_relations"].get_text()
    '200 (20%)'
    >>> move_iceberg(art, complaints.iceberg(1700, dissatisfied_share=0.2313))
    >>> art["numbers"]["to_staff"].get_text(), art["numbers"]["to_staff"].get_position()[1] < art["water"].get_ydata()[0]
    ('90 (23%)', True)
    """
    cumulative, top, water = 0.0, 0.0, 0.0
    bounds = {}
    for layer in _ICE_LAYERS:
        share = float(ice.loc[layer, "share_of_dissatisfied"])
        cumulative += share
        bottom = _depth_at(min(cumulative, 1.0))
        artists["layers"][layer].set_xy(_layer_outline(top, bottom))
        bounds[layer] = (top, bottom)
        if layer == "to_staff":
            water = bottom
        top = bottom
    if artists["numbers"]:
        for layer, depth in _label_depths(bounds, water).items():
            share = float(ice.loc[layer, "share_of_dissatisfied"])
            artists["numbers"][layer].set_y(depth)
            artists["numbers"][layer].set_text(f"{_count(ice.loc[layer, 'customers'])} ({share:.0%})")
    artists["water"].set_ydata([water, water])
    artists["sea"].set_y(water)
    artists["sea"].set_height(1.2 - water)


_PYRAMID_COLOURS = (PALETTE["neutral"], PALETTE["expectation"], PALETTE["experience"],
                    PALETTE["bad"], PALETTE["highlight"])


def pyramid_picture(ax: Axes, pyr: pd.DataFrame, numbers: bool = True) -> dict:
    """The levels of ``complaints.pyramid(...)`` as centred bars, widths proportional to counts.

    The base is the dissatisfied customers; each level above is the share that climbs
    further. Level names are drawn once; the bars and (unless ``numbers=False``) the counts
    beside them move.
    Returns the artists by name for :func:`move_pyramid`.

    >>> fig, ax = new_figure()
    >>> art = pyramid_picture(ax, complaints.pyramid(1000))
    >>> round(art["bars"][-1].get_width(), 3), art["numbers"][-1].get_text()  # the VP: 10 of 1,000
    (0.01, '10 (1.0%)')
    """
    levels = list(pyr.index)
    bars = ax.barh(range(len(levels)), [1.0] * len(levels), left=-0.5, height=0.8,
                   color=_PYRAMID_COLOURS[:len(levels)])
    numbers = [ax.text(0.54, k, "", va="center", fontsize=9) for k in range(len(levels))] if numbers else []
    for k, level in enumerate(levels):
        ax.text(1.2 if numbers else 0.56, k, pyr.loc[level, "label"], va="center", fontsize=9)
    ax.set_xlim(-0.52, 2.45 if numbers else 1.8)
    ax.set_ylim(-0.6, len(levels) - 0.4)
    ax.set_axis_off()
    artists = {"bars": list(bars), "numbers": numbers, "levels": levels}
    move_pyramid(artists, pyr)
    return artists


def move_pyramid(artists: dict, pyr: pd.DataFrame) -> None:
    """Resize the pyramid's bars and renumber them for a new ``complaints.pyramid`` table.

    >>> fig, ax = new_figure()
    >>> art = pyramid_picture(ax, complaints.pyramid(1000))
    >>> move_pyramid(art, complaints.pyramid(1000, frontline=0.8))
    >>> round(art["bars"][1].get_width(), 3)
    0.8
    """
    base = float(pyr["customers"].iloc[0])
    counts = pyr["customers"].to_dict()
    for k, (bar, level) in enumerate(zip(artists["bars"], artists["levels"])):
        width = counts[level] / base if base > 0 else 0.0
        bar.set_width(width)
        bar.set_x(-width / 2)
        if artists["numbers"]:
            share = pyr.loc[level, "share_of_dissatisfied"]
            artists["numbers"][k].set_text(f"{_count(counts[level])} ({share:.1%})")


def pareto_chart(ax: Axes, pareto: pd.DataFrame, vital: float = 0.8, max_bars: int = 15) -> dict:
    """Bars of ``complaints.cause_pareto(...)`` counts, largest first, and the cumulative line.

    Vital-few bars are coloured; a dotted line marks ``vital`` on the cumulative axis (right).
    Only the first ``max_bars`` causes are drawn (real logs can have dozens) and long names
    are shortened; with many causes the names stand upright so that none runs into the next
    (``"upright"`` in the result: give the figure room below). Returns the bars, the line,
    the right-hand axes and ``upright``.

    >>> log = pd.DataFrame({"cause": ["quality"] * 6 + ["service"] * 3 + ["promotion"]})
    >>> fig, ax = new_figure()
    >>> art = pareto_chart(ax, complaints.cause_pareto(log))
    >>> [round(y) for y in art["line"].get_ydata()]
    [60, 90, 100]
    """
    shown = pareto.iloc[:max_bars]
    names = [str(i).replace("_", " ") for i in shown.index]
    names = [n if len(n) <= 28 else n[:27] + "…" for n in names]
    colours = [PALETTE["bad"] if v else PALETTE["neutral"] for v in shown["vital_few"]]
    x = range(len(names))
    bars = ax.bar(x, shown["count"], color=colours)
    # Slanted names need about two lines' height between bars, or each runs into the next:
    # with many causes (or a narrow chart) they stand upright instead.
    line = ax.xaxis.get_ticklabels()[0].get_fontsize() / 72 * 1.2 if ax.xaxis.get_ticklabels() else 0.17
    spacing = ax.get_position().width * ax.figure.get_figwidth() / max(len(names), 1)
    upright = spacing < 2 * line
    ax.set_xticks(x, names, rotation=90 if upright else 30, ha="center" if upright else "right")
    ax.set_ylabel("complaints")
    right = ax.twinx()
    (line,) = right.plot(x, shown["cumulative_share"] * 100, color=PALETTE["accent"], marker="o", lw=2)
    right.axhline(vital * 100, color=PALETTE["accent"], ls=":", lw=1)
    right.set_ylim(0, 105)
    right.set_ylabel("cumulative share (%)")
    more = f" (first {len(shown)} shown)" if len(shown) < len(pareto) else ""
    ax.set_title(f"Vital few (coloured): {int(pareto['vital_few'].sum())} of {len(pareto)} causes{more}")
    return {"bars": list(bars), "line": line, "right": right, "upright": upright}
