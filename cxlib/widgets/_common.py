"""Shared widget pieces: labelled sliders, a decision line, and the :class:`WhatIf` box.

Every what-if in the course is built the same way: controls → pure cxlib maths → a verdict
in an ``HTML`` widget and a plot moved in place (see ``cxlib.plots.LiveFigure``). Widgets are
built and returned, never displayed here, so notebooks, tests and Voila all run them headless.
"""

from __future__ import annotations

import html
import time
from collections.abc import Callable, Mapping
from statistics import median

import ipywidgets as w

from ..plots._common import PALETTE, LiveFigure

__all__ = ["slider", "int_slider", "decision", "WhatIf"]

_STYLE = {"description_width": "initial"}


def slider(description: str, value: float, lo: float, hi: float, step: float = 0.1, fmt: str = ".1f") -> w.FloatSlider:
    """A float slider with the course's look (label in full, value shown, live updates)."""
    return w.FloatSlider(
        value=value, min=lo, max=hi, step=step, description=description,
        readout_format=fmt, continuous_update=True, style=_STYLE,
        layout=w.Layout(width="420px"),
    )


def int_slider(description: str, value: int, lo: int, hi: int, step: int = 1) -> w.IntSlider:
    """An integer slider with the course's look."""
    return w.IntSlider(
        value=value, min=lo, max=hi, step=step, description=description,
        continuous_update=True, style=_STYLE, layout=w.Layout(width="420px"),
    )


def decision(headline: str, detail: str = "", tone: str = "neutral") -> str:
    """HTML for the one-line answer a what-if gives: a bold headline and a plain detail.

    ``tone`` is ``"good"``, ``"neutral"`` or ``"bad"`` (colour of the left rule).

    >>> "<b>Close gap 3 first</b>" in decision("Close gap 3 first", "the largest shortfall", "bad")
    True
    """
    colour = PALETTE.get(tone, PALETTE["neutral"])
    detail_html = f"<br><span>{html.escape(detail)}</span>" if detail else ""
    return (
        f'<div class="cx-decision" style="border-left:6px solid {colour};padding:4px 10px;'
        f'font-size:15px;line-height:1.4"><b>{html.escape(headline)}</b>{detail_html}</div>'
    )


class WhatIf(w.VBox):
    """A what-if: named controls, a verdict line, optional live figure, and a refresh function.

    ``update(values)`` receives ``{name: control value}`` and returns the verdict HTML; it
    moves the figure's artists itself. The box re-renders on every control change and keeps
    each callback's time in :attr:`timings_ms` (``make bench`` reports their median).
    """

    def __init__(
        self,
        controls: Mapping[str, w.ValueWidget],
        update: Callable[[dict], str],
        figure: LiveFigure | None = None,
        title: str = "",
        extra: list[w.Widget] | None = None,
    ) -> None:
        self.controls = dict(controls)
        self._update = update
        self.figure = figure
        self.verdict = w.HTML()
        self.image = None
        if figure is not None:  # shown at its natural pixel size, not stretched to the page
            width_px = int(figure.fig.get_figwidth() * figure.fig.dpi)
            self.image = w.Image(format=figure.format, layout=w.Layout(width=f"{width_px}px", max_width="100%"))
        self.timings_ms: list[float] = []
        header = [w.HTML(f"<h4 style='margin:4px 0'>{html.escape(title)}</h4>")] if title else []
        body = [self.verdict] + ([self.image] if self.image is not None else [])
        super().__init__(header + [w.VBox(list(self.controls.values()))] + (extra or []) + body)
        for control in self.controls.values():
            control.observe(self.refresh, names="value")
        self.refresh()

    def values(self) -> dict:
        """Current value of every control, by name."""
        return {name: c.value for name, c in self.controls.items()}

    def refresh(self, change: object = None) -> None:
        """Recompute the verdict and move the plot; never raises into the browser."""
        start = time.perf_counter()
        try:
            self.verdict.value = self._update(self.values())
        except ValueError as exc:  # invalid combination of inputs: explain instead of failing
            self.verdict.value = decision("These inputs do not work together", str(exc), "bad")
        if self.figure is not None:
            self.image.value = self.figure.frame()
        self.timings_ms.append((time.perf_counter() - start) * 1000)

    def median_ms(self) -> float:
        """Median callback time so far, in milliseconds."""
        return median(self.timings_ms)
