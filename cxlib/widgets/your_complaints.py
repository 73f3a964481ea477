"""The "Your complaints" dashboard: a manager's own complaint log, read and explained without code.

Upload a CSV (or take the sample log); the page says what it understood (complaints, causes,
rows set aside and why) or, for a file it cannot use, which column and line to fix. Then the
Pareto of causes (the vital few to fix first) and the complaint iceberg and pyramid drawn from
the log's own counts: the complaints logged are the iceberg's tip; a slider sets how many
unhappy customers complain at all, which sizes the silent part below the water line. The log
stays in memory; the summary download is built as a string.

- :func:`guess_columns` -- which columns hold the cause and how far a complaint climbed.
- :func:`complaints_dashboard` -- the page.
"""

from __future__ import annotations

import base64
import html
import re

import ipywidgets as w
import pandas as pd
from matplotlib.figure import Figure

from .. import complaints, data
from .._validate import InputError
from ..plots import complaints as cplots
from ..plots._common import LiveFigure, new_figure, to_png
from ._common import (FIGURE_DPI, FIGURE_WIDTH, WhatIf, decision, dropdown, people, percent, percent_slider,
                      table_html)
from ._upload import YourDataPage, download_link, file_lines, plain_error

__all__ = ["guess_columns", "log_doubts", "complaints_dashboard", "ComplaintsDashboard", "log_whatif", "pareto_figure"]

_CAUSE_NAMES = re.compile(r"cause|reason|issue|categor|type|topic|product|problem", re.IGNORECASE)
_NONE = ""
BRITISH_AIRWAYS_COMPLAIN = 31  # % of unhappy customers who complain (23 % to staff + 8 % to customer relations)


def _levels(values: pd.Series) -> pd.Series:
    """Escalation levels written loosely ("Front line", "VICE-PRESIDENT") in the course's words."""
    return values.astype(str).str.strip().str.lower().str.replace(r"[\s\-]+", "_", regex=True)


def guess_columns(log: pd.DataFrame) -> tuple[list[str], str | None, list[str], str | None]:
    """Candidate cause columns and the best guess; escalation columns and the best guess.

    >>> causes, cause, levels, level = guess_columns(data.load("complaint_log"))
    >>> cause, level
    ('cause', 'escalation_level')
    """
    causes, levels = [], []
    for col in log.columns:
        values = log[col].dropna()
        if values.empty or pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
            continue
        distinct = values.nunique()
        if _levels(values).isin(complaints.ESCALATION_LEVELS).all():
            levels.append(str(col))
        elif 2 <= distinct <= 200 and distinct < len(values):
            causes.append(str(col))
    named = [c for c in causes if _CAUSE_NAMES.search(c)]
    cause = named[0] if named else (causes[0] if causes else None)
    return causes, cause, levels, (levels[0] if levels else None)


_CLOCK = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?")
MANY_MEASURES = 10  # columns of numbers or clock times: a survey or a call record has many, a log few


def _measures(log: pd.DataFrame) -> tuple[int, int]:
    """Columns of numbers, and of clock times such as 7:02:47 (looked at in their first 500 values)."""
    numbers = times = 0
    for col in log.columns:
        values = log[col].dropna().head(500)
        if values.empty or pd.api.types.is_bool_dtype(values):
            continue
        if pd.api.types.is_numeric_dtype(values):
            numbers += 1
        elif values.astype(str).str.strip().str.fullmatch(_CLOCK).all():
            times += 1
    return numbers, times


def log_doubts(log: pd.DataFrame, cause: str) -> str:
    """Advice when ``log`` looks unlike a complaint log (a survey, a call record), or "".

    >>> log_doubts(pd.DataFrame({"cause": ["late", "rude", "late", "broken"]}), "cause")
    ''
    >>> log_doubts(pd.DataFrame({"flight": ["Domestic", "International"] * 3}), "flight")[:72]
    'Column flight has only 2 values (Domestic, International), one on every '
    """
    doubts = []
    numbers, times = _measures(log)
    if numbers + times >= MANY_MEASURES:
        doubts.append(f"This file looks like a survey: {numbers} of its {log.shape[1]} columns hold numbers, such "
                      "as ratings." if not times else
                      f"This file looks like a record of measurements: {numbers + times} of its {log.shape[1]} "
                      "columns hold numbers or times.")
    values = log[cause]
    if values.notna().all() and values.nunique() == 2:
        first, second = sorted(map(str, values.unique()))
        doubts.append(f"Column {cause} has only 2 values ({first}, {second}), one on every row: more like a way to "
                      "split customers than a cause.")
    if not doubts:
        return ""
    return " ".join(doubts) + (" A complaint log has one row per complaint with its cause: check the file and the "
                               "cause column chosen above.")


def _pareto_sentence(pareto: pd.DataFrame) -> tuple[str, str, str]:
    vital = pareto[pareto["vital_few"]]
    names = [str(c).replace("_", " ") for c in vital.index]
    if len(names) > 1 and any("," in n or " and " in n for n in names):  # "Fix 'A, B' and 'C' first"
        names = [f"“{n}”" for n in names]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    share = vital["share"].sum()
    return (f"Fix {listed} first",
            f"{len(vital)} of {len(pareto)} causes make {percent(share)} of your complaints (the vital few).",
            "bad")


def pareto_figure(pareto: pd.DataFrame) -> Figure:
    """The Pareto chart of causes at the page's width, taller when the cause names stand upright."""
    fig, ax = new_figure(FIGURE_WIDTH, 3.6, dpi=FIGURE_DPI)
    if cplots.pareto_chart(ax, pareto)["upright"]:
        fig.set_figheight(5.0)  # room for names up to 28 characters below the bars
    ax.set_title("")
    fig.tight_layout()
    return fig


def log_whatif(complained: int = 620, reached_middle: float | None = 175, reached_vp: float | None = 17,
               complain: float = BRITISH_AIRWAYS_COMPLAIN) -> WhatIf:
    """The iceberg and pyramid sized by a log's counts; the slider sets the share who complain.

    Defaults: the sample complaint log's counts. ``reached_middle``/``reached_vp``: complaints
    that climbed that far (from the log), or None to estimate them with TARP's shares (25 % go on to middle managers; 20 % of those stay
    unresolved and half of those reach a vice-president).

    >>> box = log_whatif(620, 175, 17)
    >>> "about 2,000 unhappy customers" in box.verdict.value
    True
    """
    estimated = reached_middle is None or reached_vp is None
    if estimated:
        reached_middle, reached_vp = complained * 0.25, complained * 0.25 * 0.20 * 0.50
    controls = {"complain": percent_slider("Unhappy customers who complain to you (%)", complain, 1, 100)}
    fig, ax = new_figure(FIGURE_WIDTH, 5.4, dpi=FIGURE_DPI)
    ax.remove()
    ax_ice, ax_pyr = fig.subplots(2, 1, gridspec_kw={"height_ratios": [1.25, 1]})
    settled = complained - reached_middle

    def tables(c: float) -> tuple[pd.DataFrame, pd.DataFrame]:
        unhappy = max(round(complained / (c / 100)), complained, 1)  # whole people
        front, further = settled / unhappy, reached_middle / unhappy
        ice = complaints.iceberg(unhappy, 1.0, 1 - front - further, front, further)
        ice["label"] = ["", "unhappy (estimated)", "never complained", "complained, settled", "complained, escalated"]
        tag = " (est.)" if estimated else ""
        counts = [unhappy, complained, reached_middle, reached_vp]
        pyr = pd.DataFrame({"customers": counts, "share_of_dissatisfied": [n / unhappy for n in counts],
                            "label": ["unhappy (estimated)", "complained (your log)",
                                      f"reached managers{tag}", f"reached a VP{tag}"]},
                           index=pd.Index(["dissatisfied", "front_line", "middle_managers", "vice_president"]))
        return ice, pyr

    ice, pyr = tables(complain)
    ice_art = cplots.iceberg_picture(ax_ice, ice, numbers=True)
    pyr_art = cplots.pyramid_picture(ax_pyr, pyr, numbers=True)
    ax_ice.set_xlim(-1.0, 3.1)
    legend = ax_ice.get_legend()
    if legend is not None:
        legend.set_loc("lower right")
        legend.set_bbox_to_anchor((1.0, 0.0), transform=ax_ice.transAxes)
        legend.get_title().set_text("unhappy customers:")
    fig.subplots_adjust(left=0.01, right=0.99, top=0.99, bottom=0.01, hspace=0.05)
    live = LiveFigure(fig, [ice_art["sea"], *ice_art["layers"].values(), ice_art["water"],
                            *ice_art["numbers"].values(), *pyr_art["bars"], *pyr_art["numbers"]])
    state: dict = {}

    def update(v: dict) -> str:
        ice, pyr = tables(v["complain"])
        cplots.move_iceberg(ice_art, ice)
        cplots.move_pyramid(pyr_art, pyr)
        for layer, text in ice_art["numbers"].items():
            text.set_text(people(ice.loc[layer, "customers"]))
        for text, n in zip(pyr_art["numbers"], pyr["customers"]):
            text.set_text(people(n))
        state.update(ice=ice, pyr=pyr)
        unhappy, silent = ice.loc["dissatisfied", "customers"], ice.loc["silent", "customers"]
        vp = (f"{people(reached_vp)} reached a vice-president" if not estimated else
              f"by TARP's shares about {people(reached_vp)} would reach a vice-president")
        per_vp = f": each stands for about {people(unhappy / reached_vp)} unhappy customers." if reached_vp > 0 else \
            ": none reached a vice-president, so the top hears nothing of it."
        return decision(f"Your {people(complained)} complaints stand for about {people(unhappy)} unhappy customers",
                        f"About {people(silent)} of them never told you (if {v['complain']:.0f}% of unhappy "
                        f"customers complain). {vp[0].upper() + vp[1:]}{per_vp}", "neutral")

    def describe(v: dict) -> str:
        ice, pyr = state["ice"], state["pyr"]
        rows = [[label, people(n)] for label, n in zip(ice["label"].iloc[1:], ice["customers"].iloc[1:])]
        rows += [[label, people(n)] for label, n in zip(pyr["label"].iloc[2:], pyr["customers"].iloc[2:])]
        return table_html(["unhappy customers", "people"], rows, "The pictures in numbers")

    return WhatIf(controls, update, live, describe=describe,
                  title="Behind your complaints: the iceberg and the pyramid")


class ComplaintsDashboard(YourDataPage):
    """The "Your complaints" page (see the module docstring); :attr:`status` says what was understood."""

    def __init__(self) -> None:
        self.cause = dropdown("Which column holds the cause?", [("(none found)", _NONE)], _NONE)
        self.level = dropdown("How far did each complaint climb? (optional)", [("not in my log", _NONE)], _NONE)
        super().__init__("complaint log", lambda: data.load("complaint_log"), w.VBox([self.cause, self.level]))
        self.cause.observe(lambda _: self._refresh(), names="value")
        self.level.observe(lambda _: self._refresh(), names="value")

    def _load(self, frame: pd.DataFrame, name: str) -> None:
        self._frame, self._name = frame, name
        causes, cause, levels, level = guess_columns(frame)
        if cause is None:
            shown = ", ".join(map(str, list(frame.columns)[:8]))
            self._fail(f"{name} has no column that looks like a cause or category of complaint (a column of "
                       f"words repeated across rows). Its columns are: {shown}.")
            return
        self._quiet = True
        self.cause.options = [(c, c) for c in causes]
        self.cause.value = cause
        self.level.options = [("not in my log", _NONE)] + [(c, c) for c in levels]
        self.level.value = level or _NONE
        self._quiet = False
        self._refresh()

    def _refresh(self) -> None:
        if self._quiet or self._frame is None:
            return
        log, name, cause = self._frame, self._name, self.cause.value
        blank = log.index[log[cause].isna()]
        try:
            pareto = complaints.cause_pareto(log, cause, dropna=True)
        except (InputError, ValueError, TypeError) as exc:
            self._fail(plain_error(str(exc), name))
            return
        kept = int(pareto["count"].sum())
        lines = [f"<b>{kept:,} complaints</b> in {html.escape(name)}, {len(pareto)} causes (column "
                 f"{html.escape(cause)})."]
        doubts = log_doubts(log, cause)
        if doubts:
            lines.append(f"<b>Check this file:</b> {html.escape(doubts)}")
        lines.append(f"<b>Set aside: {len(blank)} complaint{'s' if len(blank) > 1 else ''}</b> with no cause "
                     f"({file_lines(blank, name)})." if len(blank) else "No complaint set aside: every one has a cause.")
        middle = vp = None
        if self.level.value:
            levels = _levels(log[self.level.value].dropna())
            try:
                summary = complaints.escalation_summary(levels.to_frame("escalation_level"))
            except (InputError, ValueError) as exc:
                lines.append(f"How far complaints climbed cannot be read: {html.escape(plain_error(str(exc), name))}")
            else:
                scale = kept / summary.loc["front_line", "reached"]  # the same complaints as the Pareto
                middle = float(summary.loc["middle_manager", "reached"]) * scale
                vp = float(summary.loc["vice_president", "reached"]) * scale
                lines.append(f"How far they climbed: column {html.escape(self.level.value)} "
                             f"({people(summary.loc['middle_manager', 'reached'])} reached middle managers, "
                             f"{people(summary.loc['vice_president', 'reached'])} a vice-president).")
        else:
            lines.append("No column says how far complaints climbed: the pyramid's upper levels are estimated "
                         "with TARP's shares.")
        self.status.value = self._understood(lines)
        self.settings.layout.display = "flex"

        png = to_png(pareto_figure(pareto))
        rows = [[str(c).replace("_", " "), f"{r['count']:,}", percent(r["share"]), percent(r["cumulative_share"])]
                for c, r in pareto.head(15).iterrows()]
        table = table_html(["cause", "complaints", "share", "running total"], rows,
                           "Causes, largest first" + (f" (first 15 of {len(pareto)})" if len(pareto) > 15 else ""))
        verdict = decision(*_pareto_sentence(pareto))
        image = w.Image(value=png, format="png", layout=w.Layout(width=f"{int(FIGURE_WIDTH * FIGURE_DPI)}px",
                                                                   max_width="100%", height="auto"))
        pareto_box = w.VBox([w.HTML("<h2 style='margin:4px 0;font-size:17px'>Which causes first?</h2>"),
                             w.HTML(verdict), image, w.HTML(table, _dom_classes=("cx-chart-text",))])
        pareto_box.add_class("cx-whatif")
        self.whatif = log_whatif(kept, middle, vp)
        self.download.value = download_link(self._summary(lines, verdict, png, table), "complaints-summary.html",
                                            "Download summary")
        self.results.children = (pareto_box, self.whatif, self.download)

    def _summary(self, lines: list[str], verdict: str, png: bytes, table: str) -> str:
        pictures = base64.b64encode(self.whatif.figure.png()).decode("ascii")
        pareto = base64.b64encode(png).decode("ascii")
        return ("<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Complaints summary</title>"
                "<style>body{font-family:sans-serif;max-width:760px;margin:2em auto;line-height:1.45}"
                "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px}img{max-width:100%}"
                "</style></head><body><h1>Complaints summary</h1>"
                f"<p>{'<br>'.join(lines)}</p>{verdict}<img alt='Pareto chart of causes' src='data:image/png;base64,{pareto}'>"
                f"{table}{self.whatif.verdict.value}<img alt='Iceberg and pyramid' src='data:image/png;base64,{pictures}'>"
                f"{self.whatif.chart_text.value}</body></html>")


def complaints_dashboard() -> ComplaintsDashboard:
    """The "Your complaints" page: upload or sample, what was read, Pareto, iceberg and pyramid.

    >>> page = complaints_dashboard()
    >>> page.sample.click()
    >>> "620 complaints" in page.status.value and "Fix product quality" in page.results.children[0].children[1].value
    True
    """
    return ComplaintsDashboard()
