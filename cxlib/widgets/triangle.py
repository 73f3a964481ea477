"""What-if for lesson 01: experience, expectation and how fast expectations rise."""

from __future__ import annotations

from .. import triangle
from ..plots import triangle as tplots
from ..plots._common import LiveFigure, new_figure
from ._common import WhatIf, decision, slider

__all__ = ["triangle_whatif", "triangle_message"]


def triangle_message(experience: float, expectation: float, rise: float, horizon: int = 10) -> tuple[str, str, str]:
    """The what-if's verdict as (headline, detail, tone), in plain language.

    >>> triangle_message(8, 7, 0.5)[0]
    'Satisfied now (+1.0), but expectations overtake you in period 3'
    >>> triangle_message(6, 7, 0)[0]
    'Dissatisfied (-1.0): raise the experience by 1.0 to meet expectations'
    """
    s = triangle.satisfaction(experience, expectation)
    t = triangle.periods_until_dissatisfied(experience, expectation, rise)
    if s < 0:
        return (f"Dissatisfied ({s:+.1f}): raise the experience by {-s:.1f} to meet expectations",
                "Or reset expectations: promise only what you deliver.", "bad")
    state = "Satisfied now" if s > 0 else "Expectations met"
    if t == float("inf"):
        return (f"{state} ({s:+.1f}), and it lasts while expectations stand still",
                "In real markets they rarely do: competitors raise the bar.", "good" if s > 0 else "neutral")
    when = f"in period {t}" if t <= horizon else f"after period {horizon}"
    return (f"{state} ({s:+.1f}), but expectations overtake you {when}",
            f"At +{rise:.1f} a period, plan the next improvement before then.", "good" if s > 0 else "neutral")


def triangle_whatif(experience: float = 8.0, expectation: float = 7.0, rise: float = 0.3) -> WhatIf:
    """Sliders for experience, expectation and its rise per period; verdict and plot move live.

    >>> box = triangle_whatif(8, 7, 0.5)
    >>> box.controls["experience"].value = 6
    >>> "Dissatisfied" in box.verdict.value
    True
    """
    controls = {
        "experience": slider("Experience (what they got)", experience, 0, 10),
        "expectation": slider("Expectation (what they wanted)", expectation, 0, 10),
        "rise": slider("Expectation rise per period", rise, 0, 1, step=0.05, fmt=".2f"),
    }
    fig, ax = new_figure(6, 3.2)
    artists = tplots.expectation_drift(ax, experience, expectation, rise)
    fig.tight_layout()
    live = LiveFigure(fig, [artists[k] for k in ("expectation", "experience", "gap", "crossing", "label")])

    def update(v: dict) -> str:
        tplots.move_expectation_drift(artists, v["experience"], v["expectation"], v["rise"])
        return decision(*triangle_message(v["experience"], v["expectation"], v["rise"]))

    return WhatIf(controls, update, live, title="Satisfaction = experience - expectation")
