"""One-page manager's report from a SERVQUAL survey: ``report(survey)`` (lesson 08).

It strings the course's tools together on a firm's own data: SERVQUAL gaps per dimension
and per segment, the weighted score, reliability of the scales, a 5GAP reading (gap 5 from
the survey; gaps 1-4 if an internal audit is given), the complaint iceberg the shortfall
implies, and plain-language recommendations. ``report(...).to_html("report.html")`` writes
it as a single self-contained HTML page (tables and figures inline), for staff without code.

- :func:`report` -- every table, figure and recommendation, as a :class:`Report`.

>>> import pandas as pd
>>> from cxlib import data
>>> r = report(data.load("servqual_survey"), figures=False)
>>> r.priority in r.scores.index
True
>>> report(pd.DataFrame({"E1": [7]}))  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
cxlib._validate.InputError: survey has expectation columns (E1) but no perception columns P1, P2, ...; ...
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import complaints, gaps, servqual
from .data import read_survey
from ._validate import InputError, require_columns, require_frame, require_scores, require_weights

__all__ = ["report", "Report"]

SEGMENT_COLUMNS = ("branch", "channel", "segment", "region", "store")
"""Columns :func:`report` breaks the gaps down by when ``by=`` is not given (those present)."""

MIN_GROUP = 10
"""A segment needs this many respondents before a recommendation singles it out."""

IMPORTANCE_PREFIX = "imp_"
"""Importance points per dimension are read from columns ``imp_<dimension>`` when present."""

def _require_expectations_and_perceptions(frame: pd.DataFrame) -> None:
    """Explain up front when a survey has no E or no P item columns at all (e.g. SERVPERF)."""
    names = [c for c in frame.columns if isinstance(c, str)]
    e_cols = [c for c in names if re.fullmatch(r"E\d+", c)]
    p_cols = [c for c in names if re.fullmatch(r"P\d+", c)]
    if e_cols and p_cols:
        return
    shown = ", ".join(map(str, list(frame.columns)[:6])) + (f", ... ({frame.shape[1]} in all)" if frame.shape[1] > 6 else "")
    servperf = ("A perceptions-only survey (SERVPERF) has no gap to compute: average its items per "
                "dimension instead, or ask the expectation items too.")
    if p_cols:
        raise InputError(f"survey has perception columns ({', '.join(p_cols[:3])}{', ...' if len(p_cols) > 3 else ''}) "
                         f"but no expectation columns E1, E2, ...; SERVQUAL's gap is P - E, so it needs both. {servperf}")
    if e_cols:
        raise InputError(f"survey has expectation columns ({', '.join(e_cols[:3])}{', ...' if len(e_cols) > 3 else ''}) "
                         "but no perception columns P1, P2, ...; SERVQUAL's gap is P - E, so it needs both. "
                         "Add the perception answers, one column per item.")
    raise InputError(f"survey has no expectation (E1, E2, ...) or perception (P1, P2, ...) columns; its columns "
                     f"are {shown}. report() needs both, one column per item, named E<n> and P<n>: rename "
                     f"your item columns. {servperf}")


def _importance_points(frame: pd.DataFrame, dims: tuple[str, ...], dropna: bool) -> pd.Series | None:
    """Mean ``imp_<dimension>`` points per dimension, or None when the survey has no such columns."""
    cols = [f"{IMPORTANCE_PREFIX}{d}" for d in dims]
    present = [c for c in cols if c in frame.columns]
    if not present:
        return None
    if len(present) < len(cols):
        missing = [c for c in cols if c not in frame.columns]
        raise InputError(f"survey has importance columns {', '.join(present)} but not {', '.join(missing)}; "
                         "give one per dimension, or pass weights= yourself")
    points = require_scores(frame, cols, (0, 100), "survey", dropna).mean()
    if points.sum() <= 0:
        raise InputError(f"survey importance columns {', '.join(cols)} are all zero; nothing to weigh by")
    return pd.Series(points.to_numpy(), index=pd.Index(dims, name="dimension"), name="importance points")


@dataclass
class Report:
    """The tables, figures and recommendations of :func:`report`.

    ``weights`` are the dimension weights used (summing to 1), or None for equal weights;
    ``contributions`` each dimension's weighted gap (they add up to the weighted score, or
    to ``score`` when unweighted); ``priority`` the dimension with the most negative one.
    """

    respondents: int
    scores: pd.DataFrame
    score: float
    weights: pd.Series | None
    weighted_score: float | None
    contributions: pd.Series
    priority: str
    by_segment: dict[str, pd.DataFrame]
    reliability: pd.DataFrame
    audit_gaps: pd.DataFrame | None
    iceberg: pd.DataFrame
    dissatisfied_share: float
    recommendations: list[str]
    figures: dict = field(default_factory=dict, repr=False)

    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table of the report by title."""
        out = {"SERVQUAL gaps by dimension": self.scores.round(2),
               "Scale reliability (Cronbach's alpha)": self.reliability.round(2)}
        for col, table in self.by_segment.items():
            out[f"Gap by {col}"] = table.round(2)
        if self.audit_gaps is not None:
            out["5GAP audit: gaps 1-5 by dimension"] = self.audit_gaps.round(2)
        out["Complaint iceberg implied by the survey"] = self.iceberg[["label", "customers", "share_of_all"]].round(3)
        return out

    def _html_body(self) -> str:
        parts = [f"<h1>Service quality report</h1><p>{self.respondents} respondents. "
                 f"Unweighted SERVQUAL score <b>{self.score:+.2f}</b>"
                 + (f", weighted by customers' importance points <b>{self.weighted_score:+.2f}</b>"
                    if self.weighted_score is not None else "")
                 + " (negative: perceptions fall short of expectations).</p>",
                 "<h2>Recommendations</h2><ol>"
                 + "".join(f"<li>{html.escape(r)}</li>" for r in self.recommendations) + "</ol>"]
        for name, fig in self.figures.items():
            from .plots import to_png

            data = base64.b64encode(to_png(fig)).decode("ascii")
            parts.append(f"<h2>{html.escape(name)}</h2><img alt='{html.escape(name)}' src='data:image/png;base64,{data}'>")
        for title, table in self.tables().items():
            parts.append(f"<h2>{html.escape(title)}</h2>{table.to_html(na_rep='')}")
        return "\n".join(parts)

    def _repr_html_(self) -> str:
        return self._html_body()

    def html(self) -> str:
        """The whole report as one self-contained HTML page (figures inline), as a string.

        What :meth:`to_html` writes; a dashboard offers it as a download without touching disk.
        """
        style = ("body{font-family:sans-serif;max-width:900px;margin:2em auto;line-height:1.45}"
                 "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}"
                 "img{max-width:100%}")
        return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Service quality report"
                f"</title><style>{style}</style></head><body>{self._html_body()}</body></html>")

    def to_html(self, path: str | Path) -> Path:
        """Write the report as one self-contained HTML file (figures inline); returns its path.

        >>> import tempfile, pathlib
        >>> from cxlib import data
        >>> r = report(data.load("servqual_survey"), figures=False)
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     out = r.to_html(pathlib.Path(folder) / "report.html")
        ...     "Recommendations" in out.read_text(encoding="utf-8")
        True
        """
        path = Path(path)
        if not path.parent.is_dir():
            raise FileNotFoundError(f"folder {path.parent} does not exist; create it first or choose another path")
        path.write_text(self.html(), encoding="utf-8")
        return path


def report(
    survey: pd.DataFrame | str | Path,
    weights: Mapping[str, float] | pd.Series | None = None,
    items: Mapping[str, Iterable[int]] = servqual.ITEMS_1988,
    scale: tuple[float, float] = (1, 7),
    by: str | Iterable[str] | None = None,
    audit: pd.DataFrame | None = None,
    customers: float | None = None,
    dropna: bool = False,
    figures: bool = True,
) -> Report:
    """Everything a manager needs from one SERVQUAL survey, as tables, figures and advice.

    ``survey``: a DataFrame or CSV path with E/P item columns (``items=``, ``scale=`` for
    your own instrument). ``weights``: importance per dimension; if omitted and the survey has
    ``imp_<dimension>`` columns (100-point allocations) their means are used. ``by``: segment
    column(s) (default: any of branch, channel, segment, region, store present). ``audit``: a
    5GAP audit table (see :func:`cxlib.gaps.measure`; a ``dimension`` column or index) to
    locate the causes. ``customers``: the firm's customer base for the iceberg (default: the
    number of respondents). A respondent counts as dissatisfied when their mean gap over the
    dimensions is below zero. ``figures=False`` skips the figures (fast).

    >>> import pandas as pd
    >>> survey = pd.DataFrame({"E1": [7, 6], "P1": [5, 6], "E2": [6, 6], "P2": [6, 7]})
    >>> r = report(survey, items={"tangibles": [1], "reliability": [2]}, figures=False)
    >>> r.priority, r.score
    ('tangibles', -0.25)
    """
    from_file = not isinstance(survey, pd.DataFrame)
    frame = require_frame(read_survey(survey), "survey")
    try:
        return _report(frame, weights, items, scale, by, audit, customers, dropna, figures)
    except InputError as exc:
        message = str(exc)
        if items is servqual.ITEMS_1988 and "items=" in message:
            message += " (Without items=, report() uses the 22 items of the 1988 scale, servqual.ITEMS_1988.)"
        first = re.search(r"\brows? (\d+)", message)
        if from_file and first and "survey" in message:
            n = int(first.group(1))
            message += f" (Rows count from 0 below the header: row {n} is line {n + 2} of {Path(survey).name}.)"
        if message == str(exc):
            raise
        raise InputError(message) from None


def _report(frame, weights, items, scale, by, audit, customers, dropna, figures) -> Report:
    _require_expectations_and_perceptions(frame)
    scores = servqual.dimension_scores(frame, items, scale, dropna)
    dims = tuple(scores.index)
    score = servqual.servqual_score(scores, items=items)
    if weights is None:
        points = _importance_points(frame, dims, dropna)
        weights = None if points is None else require_weights(points, dims, "importance points")
    else:
        weights = require_weights(weights, dims, "weights")
    weighted = servqual.servqual_score(scores, weights, items=items) if weights is not None else None
    contributions = servqual.weighted_gaps(scores, weights, items=items)
    priority = str(contributions.idxmin())

    if by is None:
        segments = [c for c in SEGMENT_COLUMNS if c in frame.columns]
    else:
        segments = [by] if isinstance(by, str) else list(by)
        require_columns(frame, segments, "survey")
    by_segment = {col: servqual.dimension_scores_by(frame, col, items, scale, dropna) for col in segments}
    reliability = servqual.reliability_table(frame, items, scale, dropna)

    per_respondent = servqual.respondent_gaps(frame, items, scale, dropna).mean(axis=1)
    dissatisfied_share = float((per_respondent < 0).mean())
    n_customers = float(len(per_respondent) if customers is None else customers)
    ice = complaints.iceberg(n_customers, dissatisfied_share=dissatisfied_share)
    group_sizes = {col: frame.loc[per_respondent.index, col].value_counts() for col in segments}

    audit_gaps = None
    if audit is not None:
        require_frame(audit, "gap audit")
        if "dimension" in audit.columns:  # as stored in a CSV
            audit = audit.set_index("dimension")
        audit_gaps = gaps.measure(audit, scale)
    recs = _recommendations(scores, contributions, weights is not None, priority, by_segment, group_sizes,
                            reliability, audit_gaps, ice, dissatisfied_share)
    result = Report(len(per_respondent), scores, score, weights, weighted, contributions, priority,
                    by_segment, reliability, audit_gaps, ice, dissatisfied_share, recs)
    if figures:
        result.figures = _figures(result, scale)
    return result


def _recommendations(scores, contributions, weighted, priority, by_segment, group_sizes, reliability,
                     audit_gaps, ice, dissatisfied_share) -> list[str]:
    gap = scores.loc[priority, "gap"]
    if contributions.min() >= 0:
        recs = [f"Every dimension meets or beats expectations. Guard the smallest lead first, {priority} "
                f"(gap {gap:+.2f}): expectations keep rising."]
    else:
        how = "weighted by what customers value" if weighted else "with the dimensions weighted equally"
        recs = [f"Work on {priority} first: its gap is {gap:+.2f} and, {how}, it costs "
                f"{contributions[priority]:+.2f} of the score."]
    for col, table in by_segment.items():
        sizes = group_sizes[col].reindex(table.index, fill_value=0)
        judged = table.loc[sizes >= MIN_GROUP, priority]  # too few answers say little about a group
        if not judged.empty and judged.min() < gap - 0.2:
            worst = judged.idxmin()
            n = int(sizes[worst])
            recs.append(f"By {col}, {worst} is furthest behind on {priority}: {table.loc[worst, priority]:+.2f} "
                        f"against {gap:+.2f} overall ({n} respondents); look there first.")
    if audit_gaps is not None:
        if priority in audit_gaps.index:
            recs.append(f"The 5GAP audit explains the {priority} shortfall. {gaps.advice(audit_gaps.loc[priority])}")
        else:
            recs.append(f"The 5GAP audit has no row for {priority} (it covers {', '.join(map(str, audit_gaps.index))}); "
                        "add one to find which of gaps 1-4 causes the shortfall.")
    else:
        recs.append(f"Run a 5GAP audit for {priority} (management's view, standards, delivery, "
                    "promises) to find which of gaps 1-4 causes it.")
    alphas = reliability[[c for c in reliability.columns if c.startswith("alpha")]]
    weak = alphas[(alphas < 0.7).any(axis=1)].index.tolist()
    if weak:
        recs.append(f"Treat {', '.join(weak)} with care: Cronbach's alpha is below 0.7, so those "
                    "items do not measure one thing well.")
    base, unhappy, silent = (ice.loc[k, "customers"] for k in ("satisfied", "dissatisfied", "silent"))
    recs.append(f"{dissatisfied_share:.0%} of respondents perceive less than they expect on average. Among "
                f"{base + unhappy:,.0f} customers that is about {unhappy:,.0f} dissatisfied, and by the complaint "
                f"iceberg about {silent:,.0f} of them never complain. Invite complaints (easy channels, "
                "call-backs) so the shortfall becomes visible.")
    return recs


def _figures(result: Report, scale: tuple[float, float]) -> dict:
    from .plots import complaints as cplots
    from .plots import new_figure
    from .plots import servqual as splots

    figs = {}
    fig, ax = new_figure(7.5, 3.4)
    splots.gap_bars(ax, result.scores, scale)
    ax.set_title("Expectation vs perception by dimension", pad=22)  # clear of the legend above the axes
    fig.tight_layout()
    figs["Gaps by dimension"] = fig
    for col, table in result.by_segment.items():
        fig, ax = new_figure(7.5, 0.5 * len(table) + 1.6)
        splots.gap_heatmap(ax, table)
        ax.set_title(f"Gap by {col}")
        fig.tight_layout()
        figs[f"Gap by {col}"] = fig
    fig, ax = new_figure(6.5, 3.6)
    cplots.iceberg_picture(ax, result.iceberg)
    ax.set_title("Complaint iceberg implied by the survey")
    figs["Complaint iceberg"] = fig
    return figs
