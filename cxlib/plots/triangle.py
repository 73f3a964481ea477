"""Plots for lesson 01: experience vs expectation, and expectations that drift upward."""

from __future__ import annotations

from matplotlib.axes import Axes

from .. import triangle
from ._common import PALETTE

__all__ = ["triangle_bars", "expectation_drift", "move_expectation_drift"]


def triangle_bars(ax: Axes, expectation: float, experience: float, top: float = 10.0) -> list:
    """Two bars, expectation and experience, with the gap between them labelled.

    Returns the two bar artists (move them with ``bar.set_height``).
    """
    bars = ax.bar(
        ["Expectation", "Experience"], [expectation, experience],
        color=[PALETTE["expectation"], PALETTE["experience"]], width=0.6,
    )
    s = triangle.satisfaction(experience, expectation)
    ax.set_ylim(0, top)
    ax.set_ylabel("score")
    ax.set_title(f"satisfaction = {experience:g} - {expectation:g} = {s:+g} ({triangle.verdict(s)})")
    return list(bars)


def expectation_drift(ax: Axes, experience: float, expectation: float, rise: float,
                      periods: int = 10, top: float = 12.0) -> dict:
    """Expectation rising by ``rise`` per period against a flat experience.

    Returns the artists by name so a widget can move them with
    :func:`move_expectation_drift`.
    """
    x = list(range(periods + 1))
    (exp_line,) = ax.plot(x, triangle.expectation_path(expectation, rise, periods),
                          color=PALETTE["expectation"], lw=2.5, label="expectation")
    (got_line,) = ax.plot(x, [experience] * len(x), color=PALETTE["experience"], lw=2.5,
                          label="experience")
    (gap_line,) = ax.plot([0, 0], [expectation, experience], lw=6, solid_capstyle="butt")
    cross = ax.axvline(0, color=PALETTE["bad"], ls=":", lw=1.5)
    label = ax.text(0.02, 0.96, "", transform=ax.transAxes, va="top", fontsize=10)
    ax.set_xlim(-0.3, periods + 0.3)
    ax.set_ylim(0, top)
    ax.set_xlabel("period")
    ax.set_ylabel("score (0-10 scale)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    artists = {"expectation": exp_line, "experience": got_line, "gap": gap_line,
               "crossing": cross, "label": label, "periods": periods}
    move_expectation_drift(artists, experience, expectation, rise)
    return artists


def move_expectation_drift(artists: dict, experience: float, expectation: float, rise: float) -> None:
    """Move the artists of :func:`expectation_drift` to new values (no redraw of the figure)."""
    periods = artists["periods"]
    artists["expectation"].set_ydata(triangle.expectation_path(expectation, rise, periods))
    artists["experience"].set_ydata([experience] * (periods + 1))
    s = triangle.satisfaction(experience, expectation)
    gap = artists["gap"]
    gap.set_ydata([expectation, experience])
    gap.set_color(PALETTE["good"] if s > 0 else PALETTE["bad"] if s < 0 else PALETTE["neutral"])
    t = triangle.periods_until_dissatisfied(experience, expectation, rise)
    cross = artists["crossing"]
    visible = t != float("inf") and t <= periods
    cross.set_visible(visible)
    if visible:
        cross.set_xdata([t, t])
    artists["label"].set_text(f"now: {s:+.1f} ({triangle.verdict(s)})")
