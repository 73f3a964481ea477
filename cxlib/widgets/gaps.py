"""What-if for lesson 04: move gaps 1-4 and see gap 5 by the teaching model, and what to fix first."""

from __future__ import annotations

from .. import gaps
from ..plots import gaps as gplots
from ..plots._common import LiveFigure, new_figure
from ._common import FIGURE_DPI, FIGURE_WIDTH, WhatIf, decision, slider, table_html

__all__ = ["gap_whatif", "gap_message"]

_NAMES = {1: "knowing what customers expect", 2: "designs and standards",
          3: "delivering to standards", 4: "keeping promises"}


def gap_message(gap1: float, gap2: float, gap3: float, gap4: float) -> tuple[str, str, str]:
    """The what-if's verdict as (headline, detail, tone), in plain words.

    >>> gap_message(-0.2, -0.1, -1.2, -0.3)[0]
    'Gap 5 = -1.50: customers get less than they expect. Close gap 3 first.'
    """
    g5 = gaps.predicted_gap5(gap1, gap2, gap3, gap4)
    row = {"gap1": gap1, "gap2": gap2, "gap3": gap3, "gap4": gap4}
    first = gaps.priority(row)
    feel = ("customers get less than they expect" if g5 < 0 else
            "customers get what they expect" if g5 == 0 else "customers get more than they expect")
    if first is None:
        return (f"Gap 5 = {g5:+.2f}: {feel}. No provider gap is negative.",
                "Nothing to close; keep gaps 1-4 at zero or above.", "good")
    causes = "; ".join(gaps.GAPS.loc[first, "causes"][:2])
    return (f"Gap 5 = {g5:+.2f}: {feel}. Close gap {first} first.",
            f"{gaps.advice(row)} Look for causes such as: {causes}.",
            "bad" if g5 < 0 else "neutral")


def gap_whatif(gap1: float = -0.2, gap2: float = -0.1, gap3: float = -1.2, gap4: float = -0.3) -> WhatIf:
    """Sliders for gaps 1-4; gap 5 follows the teaching model ``gaps.predicted_gap5``:
    min(gap1 + gap2 + gap3, gap4).

    >>> box = gap_whatif()
    >>> "Close gap 3 first" in box.verdict.value
    True
    >>> box.controls["gap4"].value = -2
    >>> "Close gap 4 first" in box.verdict.value
    True
    """
    names = _NAMES
    start = {"gap1": gap1, "gap2": gap2, "gap3": gap3, "gap4": gap4}
    controls = {f"gap{k}": slider(f"Gap {k}: {names[k]}", float(start[f"gap{k}"]), -3, 1, step=0.05, fmt="+.2f")
                for k in range(1, 5)}
    fig, ax = new_figure(FIGURE_WIDTH, 3.0, dpi=FIGURE_DPI)
    values = dict(start, gap5=gaps.predicted_gap5(gap1, gap2, gap3, gap4))
    art = gplots.model_gap_bars(ax, values, lo=-5, hi=1.5, gap5_label="Gap 5\n(model)")
    fig.tight_layout()
    live = LiveFigure(fig, [*art["bars"], *art["texts"]])

    def update(v: dict) -> str:
        g5 = gaps.predicted_gap5(v["gap1"], v["gap2"], v["gap3"], v["gap4"])
        gplots.move_model_gap_bars(art, dict(v, gap5=g5))
        return decision(*gap_message(v["gap1"], v["gap2"], v["gap3"], v["gap4"]))

    def describe(v: dict) -> str:
        g5 = gaps.predicted_gap5(v["gap1"], v["gap2"], v["gap3"], v["gap4"])
        rows = [[f"Gap {k}: {_NAMES[k]}", f"{v[f'gap{k}']:+.2f}"] for k in range(1, 5)]
        rows.append(["Gap 5: what customers feel (the model's result)", f"{g5:+.2f}"])
        return table_html(["gap", "size (negative = shortfall)"], rows, "The chart in numbers")

    return WhatIf(controls, update, live, title="Which gap do we close first?", describe=describe)
