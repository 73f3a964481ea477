"""Shared widget pieces: labelled sliders, a decision line, and the :class:`WhatIf` box.

Every what-if in the course is built the same way: controls → pure cxlib maths → a verdict
in an ``HTML`` widget and a plot moved in place (see ``cxlib.plots.LiveFigure``). Widgets are
built and returned, never displayed here, so notebooks, tests and Voila all run them headless.
"""

from __future__ import annotations

import base64
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

    # A page without a kernel (the course website, slides, GitHub) cannot move sliders: it shows
    # this text/html instead of the widget view. JupyterLab and Voila rank the widget view higher.
    STATIC_NOTE = ("A picture of this what-if at the values shown. Its sliders and menus work in "
                   "JupyterLab (<code>make lab</code>) or on the staff dashboards (<code>make dashboards</code>).")

    def _repr_mimebundle_(self, **kwargs) -> dict:
        """The live widget view, plus a static ``text/html`` picture beside it.

        >>> from cxlib.widgets import triangle_whatif
        >>> bundle = triangle_whatif()._repr_mimebundle_()
        >>> sorted(bundle)
        ['application/vnd.jupyter.widget-view+json', 'text/html', 'text/plain']
        >>> "data:image/png;base64," in bundle["text/html"] and "make dashboards" in bundle["text/html"]
        True
        """
        bundle = super()._repr_mimebundle_(**kwargs) or {"text/plain": repr(self)}
        try:
            bundle["text/html"] = self.static_html()
        except Exception as exc:  # the live view must never fail because of the picture
            bundle["text/html"] = f"<p><i>{self.STATIC_NOTE}</i> (No picture: {html.escape(str(exc))}.)</p>"
        return bundle

    def static_html(self) -> str:
        """The what-if as it stands, as plain HTML: title, control values, decision, figure, note."""
        parts: list[str] = []
        items: list[str] = []  # consecutive controls become one list
        for kind, piece in self._static_pieces(self):
            if kind == "control":
                items.append(f"<li>{piece}</li>")
                continue
            if items:
                parts.append(f'<ul class="cx-static-controls" style="margin:4px 0 8px;padding-left:20px;font-size:14px">{"".join(items)}</ul>')
                items = []
            parts.append(piece)
        return (
            '<div class="cx-whatif-static" style="border:1px solid #ccc;border-radius:6px;padding:8px 12px;max-width:100%;overflow-x:auto">'
            + "".join(parts)
            + f'<p class="cx-static-note" style="margin:8px 0 0;font-size:13px;opacity:0.8"><i>{self.STATIC_NOTE}</i></p></div>'
        )

    def _static_pieces(self, widget: w.Widget):
        """(kind, html) for ``widget`` and its children, in reading order."""
        if widget is self.image and self.figure is not None:  # PNG: sharper than the live JPEG
            yield "html", _static_image(self.figure.png(), "png", widget.layout.width)
        elif isinstance(widget, w.Box):
            for child in widget.children:
                yield from self._static_pieces(child)
        elif isinstance(widget, (w.HTML, w.HTMLMath)):
            yield "html", widget.value
        elif isinstance(widget, w.Label):
            yield "html", f"<p>{html.escape(widget.value)}</p>"
        elif isinstance(widget, w.Image) and widget.value:
            yield "html", _static_image(widget.value, widget.format, widget.layout.width)
        elif isinstance(widget, w.ValueWidget) and getattr(widget, "description", ""):
            yield "control", _static_value(widget)


def _static_value(control: w.Widget) -> str:
    """``<b>description</b>: value`` for one control (a slider shows its range too)."""
    label = html.escape(control.description)
    value = getattr(control, "label", None) or control.value  # a menu shows its label
    if isinstance(control, (w.FloatSlider, w.IntSlider)):
        fmt = control.readout_format
        value = f"{control.value:{fmt}} (range {control.min:{fmt}} to {control.max:{fmt}})"
    return f"<b>{label}</b>: {html.escape(str(value))}"


def _static_image(data: bytes, fmt: str, width: str | None = None) -> str:
    src = f"data:image/{fmt};base64,{base64.b64encode(data).decode()}"
    size = f"width:{width};" if width else ""
    return f'<img src="{src}" alt="chart of the what-if at the values shown" style="{size}max-width:100%;height:auto">'
