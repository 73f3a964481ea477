"""Shared widget pieces: labelled controls, a decision line, tables, and the :class:`WhatIf` box.

Every what-if in the course is built the same way: controls → pure cxlib maths → a verdict
in an ``HTML`` widget and a plot moved in place (see ``cxlib.plots.LiveFigure``). Widgets are
built and returned, never displayed here, so notebooks, tests and Voila all run them headless.

Staff read these on the dashboards, on a desktop or a phone: words, not code names; one unit
per page (percent for shares); whole people; every chart with its numbers in text beside it.
"""

from __future__ import annotations

import base64
import html
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from statistics import median

import ipywidgets as w

from ..plots._common import PALETTE, LiveFigure
from ..show import count

__all__ = ["slider", "int_slider", "percent_slider", "dropdown", "decision", "table_html", "number",
           "people", "percent", "part_of", "WhatIf", "FIGURE_DPI", "FIGURE_WIDTH"]

_STYLE = {"description_width": "initial"}
FIGURE_WIDTH = 4.3
"""Inches. A phone shows a picture about 360 px wide: text drawn at 8-9 pt on a figure this wide
stays 10-11 px there; wider figures shrink their text to 5-6 px."""
FIGURE_DPI = 120


def _layout(widest: str = "480px") -> w.Layout:
    """As wide as the screen allows, up to ``widest`` (a phone's layout puts the label above).

    A control has a 2 px margin each side: at 100 % width it would stick 4 px out of a narrow
    column (the RATER page's two columns of sliders), which then scrolls sideways.
    """
    return w.Layout(width="calc(100% - 4px)", max_width=widest)


def slider(description: str, value: float, lo: float, hi: float, step: float = 0.1, fmt: str = ".1f") -> w.FloatSlider:
    """A float slider with the course's look (label in full, value shown, live updates)."""
    return w.FloatSlider(
        value=value, min=lo, max=hi, step=step, description=description,
        readout_format=fmt, continuous_update=True, style=_STYLE, layout=_layout("600px"),
    )


def int_slider(description: str, value: int, lo: int, hi: int, step: int = 1) -> w.IntSlider:
    """An integer slider with the course's look."""
    return w.IntSlider(
        value=value, min=lo, max=hi, step=step, description=description,
        continuous_update=True, style=_STYLE, layout=_layout("600px"),
    )


def percent_slider(description: str, value: float, lo: float = 0, hi: float = 100, step: float = 1) -> w.FloatSlider:
    """A slider in whole percent (0-100); say so in ``description``, e.g. "Never complain (%)".

    ``value`` is a percent and may lie between steps (33.3 for a third); moves land on steps.
    """
    return slider(description, value, lo, hi, step=step, fmt=".0f")


def dropdown(description: str, options: Sequence, value: object) -> w.Dropdown:
    """A drop-down with a visible label, as wide as the screen allows."""
    return w.Dropdown(options=options, value=value, description=description, style=_STYLE, layout=_layout())


def decision(headline: str, detail: str = "", tone: str = "neutral") -> str:
    """HTML for the one-line answer a what-if gives: a bold headline and a plain detail.

    ``tone`` is ``"good"``, ``"neutral"`` or ``"bad"`` (colour of the left rule).

    >>> "<b>Close gap 3 first</b>" in decision("Close gap 3 first", "the largest shortfall", "bad")
    True
    """
    colour = PALETTE.get(tone, PALETTE["neutral"])
    detail_html = f"<br><span>{html.escape(detail)}</span>" if detail else ""
    return (
        f'<div class="cx-decision" role="status" style="border-left:6px solid {colour};padding:4px 10px;'
        f'font-size:15px;line-height:1.4"><b>{html.escape(headline)}</b>{detail_html}</div>'
    )


def number(x: float, decimals: int = 2) -> str:
    """A signed number with a real minus sign, e.g. "−0.62", "+0.10".

    >>> number(-0.617), number(0.1, 1)
    ('−0.62', '+0.1')
    """
    text = f"{x:+.{decimals}f}"
    if float(text) == 0:
        text = f"{0:.{decimals}f}"  # no "−0.00"
    return text.replace("-", "−")


def people(n: float) -> str:
    """A count of people, whole: "1,000"; a fraction of one person reads "fewer than 1".

    >>> people(689.6), people(7.75), people(0.4), people(0)
    ('690', '8', 'fewer than 1', '0')
    """
    return count(n)


def percent(share: float, decimals: int = 0) -> str:
    """A share (0-1) as a percent: "69%"; small non-zero shares keep one decimal, and one too
    small to show that way is not shown as none.

    >>> percent(0.69), percent(0.014), percent(0), percent(1 / 2067)
    ('69%', '1.4%', '0%', '<0.1%')
    """
    value = 100 * share
    if decimals == 0 and 0 < abs(value) < 10 and round(value) != value:
        decimals = 1
    if value > 0 and round(value, decimals) == 0:
        return f"<{10 ** -decimals:g}%"
    return f"{value:.{decimals}f}%"


def part_of(n: int, total: int, noun: str) -> str:
    """``n`` of ``total`` whole people and their share, e.g. "272 of 1,065 respondents (26%)".

    >>> part_of(272, 1065, "respondents"), part_of(2, 320, "respondents")
    ('272 of 1,065 respondents (26%)', '2 of 320 respondents (0.6%)')
    """
    return f"{people(n)} of {people(total)} {noun} ({percent(n / total if total else 0)})"


def table_html(header: Sequence[str], rows: Iterable[Sequence[object]], caption: str = "") -> str:
    """A small accessible HTML table (header cells, a caption), text left and numbers right.

    >>> table_html(["layer", "customers"], [["silent", "690"]], "The iceberg in numbers").count("<td")
    1
    """
    head = "".join(f"<th scope='col'>{html.escape(str(h))}</th>" for h in header)
    body = ""
    for row in rows:
        cells = []
        for k, cell in enumerate(row):
            text = html.escape(str(cell))
            align = "left" if k == 0 else "right"
            cells.append(f"<th scope='row' style='text-align:left'>{text}</th>" if k == 0
                         else f"<td style='text-align:{align}'>{text}</td>")
        body += f"<tr>{''.join(cells)}</tr>"
    cap = f"<caption style='text-align:left;font-weight:600'>{html.escape(caption)}</caption>" if caption else ""
    return (f"<div class='cx-table-wrap' style='max-width:100%;overflow-x:auto'><table class='cx-table' "
            f"style='border-collapse:collapse;font-size:13px;line-height:1.3'>"
            f"{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>")


class WhatIf(w.VBox):
    """A what-if: named controls, a verdict line, optional live figure, and a refresh function.

    ``update(values)`` receives ``{name: control value}`` and returns the verdict HTML; it
    moves the figure's artists itself. ``describe(values)``, if given, returns the chart's
    text alternative (a short table or sentence with the chart's numbers), shown under the
    chart in :attr:`chart_text` and copied into the picture's ``alt`` text on the dashboards.
    The box re-renders on every control change and keeps each callback's time in
    :attr:`timings_ms` (``make bench`` reports their median).
    """

    def __init__(
        self,
        controls: Mapping[str, w.ValueWidget],
        update: Callable[[dict], str],
        figure: LiveFigure | None = None,
        title: str = "",
        extra: list[w.Widget] | None = None,
        describe: Callable[[dict], str] | None = None,
    ) -> None:
        self.controls = dict(controls)
        self._update = update
        self._describe = describe
        self.figure = figure
        self.verdict = w.HTML()
        self.chart_text = w.HTML()
        self.chart_text.add_class("cx-chart-text")
        self.image = None
        if figure is not None:  # shown at its natural pixel size, never wider than the screen
            width_px = int(figure.fig.get_figwidth() * figure.fig.dpi)
            self.image = w.Image(format=figure.format, layout=w.Layout(width=f"{width_px}px", max_width="100%",
                                                                       height="auto"))
        self.timings_ms: list[float] = []
        header = [w.HTML(f"<h2 style='margin:4px 0;font-size:17px'>{html.escape(title)}</h2>")] if title else []
        body = [self.verdict] + ([self.image] if self.image is not None else [])
        body += [self.chart_text] if describe is not None else []
        super().__init__(header + [w.VBox(list(self.controls.values()))] + (extra or []) + body)
        self.add_class("cx-whatif")
        for control in self.controls.values():
            control.observe(self.refresh, names="value")
        self.refresh()

    def values(self) -> dict:
        """Current value of every control, by name."""
        return {name: c.value for name, c in self.controls.items()}

    def refresh(self, change: object = None) -> None:
        """Recompute the verdict and move the plot; never raises into the browser."""
        start = time.perf_counter()
        values = self.values()
        try:
            self.verdict.value = self._update(values)
            if self._describe is not None:
                self.chart_text.value = self._describe(values)
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
