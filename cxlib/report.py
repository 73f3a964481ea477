"""One-page manager's report from a SERVQUAL survey: ``report(survey)`` (lesson 08).

It strings the course's tools together on a firm's own data: SERVQUAL gaps per dimension
and per segment, the weighted score, reliability of the scales, a 5GAP reading (gap 5 from
the survey; gaps 1-4 if an internal audit is given), the complaint iceberg the shortfall
implies, and plain-language recommendations. ``report(...).to_html("report.html")`` writes
it as a single self-contained HTML page (tables and figures inline), for staff without code.

>>> import pandas as pd
>>> from cxlib import data
>>> r = report(data.load("servqual_survey"))
>>> r.priority in r.scores.index
True
>>> report(pd.DataFrame({"E1": [7]}))  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
cxlib._validate.InputError: survey has no column P1, E2, ... Rename the columns, or pass items= with your own item numbers.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import complaints, gaps, servqual
from ._validate import InputError, require_frame

__all__ = ["report", "Report", "read_survey"]

SEGMENT_COLUMNS = ("branch", "channel", "segment", "region", "store")
IMPORTANCE_PREFIX = "imp_"


def read_survey(source: str | Path | pd.DataFrame) -> pd.DataFrame:
    """A survey from a CSV path (or a DataFrame, copied), with a clear error if unreadable.

    >>> read_survey("no/such/file.csv")
    Traceback (most recent call last):
    ...
    FileNotFoundError: no survey file at no/such/file.csv; give the path of a CSV with columns E1..E22 and P1..P22
    """
    if isinstance(source, pd.DataFrame):
        return source.copy()
    if not isinstance(source, (str, Path)):
        raise TypeError(f"survey must be a DataFrame or the path of a CSV file, got {type(source).__name__}")
    path = Path(source)
    if not path.is_file():
        raise FileNotFoundError(f"no survey file at {source}; give the path of a CSV with columns E1..E22 and P1..P22")
    try:
        return pd.read_csv(path)
    except UnicodeDecodeError:
        raise InputError(f"{path.name} is not UTF-8 text; save it as CSV UTF-8 (or read it with "
                         "pd.read_csv(path, encoding=...) and pass the DataFrame)") from None
    except pd.errors.ParserError as exc:
        raise InputError(f"{path.name} is not a well-formed CSV: {exc}") from None


def _importance_weights(survey: pd.DataFrame, dims: Iterable[str]) -> pd.Series | None:
    cols = [f"{IMPORTANCE_PREFIX}{d}" for d in dims]
    if not all(c in survey.columns for c in cols):
        return None
    points = survey[cols].apply(pd.to_numeric, errors="coerce").mean()
    if points.isna().any() or (points < 0).any() or points.sum() <= 0:
        return None
    return pd.Series(points.to_numpy(), index=list(dims))


@dataclass
class Report:
    """The tables, figures and recommendations of :func:`report`."""

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

    def to_html(self, path: str | Path) -> Path:
        """Write the report as one self-contained HTML file; returns its path."""
        path = Path(path)
        style = ("body{font-family:sans-serif;max-width:900px;margin:2em auto;line-height:1.45}"
                 "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}"
                 "img{max-width:100%}")
        path.write_text(f"<!doctype html><html><head><meta charset='utf-8'><title>Service quality report"
                        f"</title><style>{style}</style></head><body>{self._html_body()}</body></html>",
                        encoding="utf-8")
        return path


def report(
    survey: pd.DataFrame | str | Path,
    weights: Mapping[str, float] | pd.Series | None = None,
    items: Mapping[str, Iterable[int]] = servqual.ITEMS_1988,
    scale: tuple[float, float] = (1, 7),
    by: Iterable[str] | None = None,
    audit: pd.DataFrame | None = None,
    customers: float | None = None,
    dropna: bool = False,
    figures: bool = True,
) -> Report:
    """Everything a manager needs from one SERVQUAL survey, as tables, figures and advice.

    ``survey``: a DataFrame or CSV path with E/P item columns (``items=``, ``scale=`` for
    your own instrument). ``weights``: importance per dimension; if omitted and the survey has
    ``imp_<dimension>`` columns (100-point allocations) their means are used. ``by``: segment
    columns (default: any of branch, channel, segment, region, store present). ``audit``: a
    5GAP audit table (see :func:`cxlib.gaps.measure`) to locate the causes. ``customers``: the
    firm's customer base for the iceberg (default: the number of respondents).
    """
    frame = require_frame(read_survey(survey), "survey")
    scores = servqual.dimension_scores(frame, items, scale, dropna)
    dims = tuple(scores.index)
    score = servqual.servqual_score(scores["gap"])
    if weights is None:
        weights = _importance_weights(frame, dims)
    weighted = servqual.servqual_score(scores["gap"], weights) if weights is not None else None
    contributions = servqual.weighted_gaps(scores["gap"], weights)
    priority = str(contributions.idxmin())

    segments = [c for c in SEGMENT_COLUMNS if c in frame.columns] if by is None else list(by)
    by_segment = {col: servqual.dimension_scores_by(frame, col, items, scale, dropna) for col in segments}
    reliability = servqual.reliability_table(frame, items, scale, dropna)

    per_respondent = servqual.respondent_gaps(frame, items, scale, dropna).mean(axis=1)
    dissatisfied_share = float((per_respondent < 0).mean())
    n_customers = float(len(per_respondent) if customers is None else customers)
    ice = complaints.iceberg(n_customers, dissatisfied_share=dissatisfied_share)

    if audit is not None and "dimension" in audit.columns:  # as stored in a CSV
        audit = audit.set_index("dimension")
    audit_gaps = gaps.measure(audit) if audit is not None else None
    recs = _recommendations(scores, contributions, priority, by_segment, reliability, audit_gaps,
                            ice, dissatisfied_share)
    result = Report(len(per_respondent), scores, score, weights, weighted, contributions, priority,
                    by_segment, reliability, audit_gaps, ice, dissatisfied_share, recs)
    if figures:
        result.figures = _figures(result, scale)
    return result


def _recommendations(scores, contributions, priority, by_segment, reliability, audit_gaps, ice,
                     dissatisfied_share) -> list[str]:
    recs = []
    gap = scores.loc[priority, "gap"]
    recs.append(f"Work on {priority} first: its gap is {gap:+.2f} and, weighted by what customers "
                f"value, it costs {contributions[priority]:+.2f} of the score.")
    for col, table in by_segment.items():
        worst = table[priority].idxmin()
        if table[priority].min() < scores.loc[priority, "gap"] - 0.2:
            recs.append(f"Look first at {col} {worst}: its {priority} gap is {table.loc[worst, priority]:+.2f}, "
                        f"against {scores.loc[priority, 'gap']:+.2f} overall.")
    if audit_gaps is not None and priority in audit_gaps.index:
        row = audit_gaps.loc[priority]
        recs.append(f"The audit locates the {priority} shortfall: {gaps.advice(row)}")
    elif audit_gaps is None:
        recs.append(f"Run a 5GAP audit for {priority} (management's view, standards, delivery, "
                    "promises) to find which of gaps 1-4 causes it.")
    alphas = reliability[[c for c in reliability.columns if c.startswith("alpha")]]
    weak = alphas[(alphas < 0.7).any(axis=1)].index.tolist()
    if weak:
        recs.append(f"Treat {', '.join(weak)} with care: Cronbach's alpha is below 0.7, so those "
                    "items do not measure one thing well.")
    silent = ice.loc["silent", "customers"]
    recs.append(f"{dissatisfied_share:.0%} of respondents perceive less than they expect; by the "
                f"complaint iceberg about {silent:.0f} of them never complain. Invite complaints "
                "(easy channels, call-backs) so the shortfall becomes visible.")
    return recs


def _figures(result: Report, scale: tuple[float, float]) -> dict:
    from .plots import complaints as cplots
    from .plots import new_figure
    from .plots import servqual as splots

    figs = {}
    fig, ax = new_figure(7.5, 3.4)
    splots.gap_bars(ax, result.scores, scale)
    ax.set_title("Expectation vs perception by dimension")
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
