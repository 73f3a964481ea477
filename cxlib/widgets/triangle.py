"""What-if for lesson 01: experience, expectation and how fast expectations rise."""

from __future__ import annotations

from .. import triangle
from ..plots import triangle as tplots
from ..plots._common import LiveFigure, new_figure
from ._common import FIGURE_DPI, FIGURE_WIDTH, WhatIf, decision, slider

__all__ = ["triangle_whatif", "triangle_message"]


def _plain(x: float) -> str:
    """A slider value as people write it: 0.25, 0.3, 1 (no float noise, no trailing zeros).

    >>> _plain(0.25), _plain(0.30000000000000004), _plain(1.0)
    ('0.25', '0.3', '1')
    """
    return f"{x:.2f}".rstrip("0").rstrip(".")


def triangle_message(experience: float, expectation: float, rise: float, horizon: int = 10) -> tuple[str, str, str]:
    """The what-if's verdict as (headline, detail, tone), in plain language.

    The period comes from :func:`cxlib.triangle.periods_until_dissatisfied` (the first period
    in which expectation is above experience), so the sentence and the chart always agree.

    >>> triangle_message(8, 7, 0.5)[0]
    'Satisfied now (+1.0), but expectations overtake you in period 3'
    >>> triangle_message(8, 7, 0.25)[1]
    'At +0.25 a period, plan the next improvement before then.'
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
            f"At +{_plain(rise)} a period, plan the next improvement before then.", "good" if s > 0 else "neutral")


def _describe(experience: float, expectation: float, rise: float, periods: int = 10) -> str:
    """The chart in words (its text alternative)."""
    t = triangle.periods_until_dissatisfied(experience, expectation, rise)
    if rise > 0:
        path = f"rises by {_plain(rise)} a period to {expectation + rise * periods:.1f} in period {periods}"
    else:
        path = "stays there"
    cross = ("expectation is above experience from the start" if t == 0 else
             f"expectation passes experience in period {t}" if t <= periods else
             f"they do not cross within {periods} periods")
    return (f"<p style='margin:2px 0;font-size:13px'>The chart: expectation starts at {expectation:.1f} and "
            f"{path}; experience stays at {experience:.1f}; {cross}.</p>")


def triangle_whatif(experience: float = 8.0, expectation: float = 7.0, rise: float = 0.3) -> WhatIf:
    """Sliders for experience, expectation and its rise per period; verdict and plot move live.

    The rise moves in steps of 0.05, so half of any step (0.3 -> 0.15) can be set.

    >>> box = triangle_whatif(8, 7, 0.5)
    >>> box.controls["experience"].value = 6
    >>> "Dissatisfied" in box.verdict.value
    True
    >>> box.controls["rise"].step
    0.05
    """
    controls = {
        "experience": slider("Experience (what they got, 0-10)", experience, 0, 10),
        "expectation": slider("Expectation (what they wanted, 0-10)", expectation, 0, 10),
        "rise": slider("Expectation rise per period", rise, 0, 1, step=0.05, fmt=".2f"),
    }
    fig, ax = new_figure(FIGURE_WIDTH, 3.0, dpi=FIGURE_DPI)
    artists = tplots.expectation_drift(ax, experience, expectation, rise)
    ax.legend(loc="lower right", frameon=False, fontsize=9)  # inside the axes: the figure is phone-narrow
    fig.tight_layout()
    live = LiveFigure(fig, [artists[k] for k in ("expectation", "experience", "gap", "crossing", "label")])

    def update(v: dict) -> str:
        tplots.move_expectation_drift(artists, v["experience"], v["expectation"], v["rise"])
        return decision(*triangle_message(v["experience"], v["expectation"], v["rise"]))

    def describe(v: dict) -> str:
        return _describe(v["experience"], v["expectation"], v["rise"])

    return WhatIf(controls, update, live, title="Satisfaction = experience - expectation", describe=describe)
