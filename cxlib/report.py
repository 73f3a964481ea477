"""A manager's service quality report from one SERVQUAL survey: ``report(survey)`` (lesson 08).

It strings the course's tools together on a firm's own data and says how sure each number
is: SERVQUAL gaps per dimension with 95 % intervals, the importance-weighted score behind the
headline, each segment against the rest (a difference is claimed only when its interval
excludes 0, and small segments are marked), a 5GAP reading (gap 5 from the survey; gaps 1-4
if an internal audit is given), the dissatisfied share and the complaint iceberg it implies,
and actions that each name a metric and a target. ``report(...).to_html("report.html")``
writes one self-contained page that prints on two A4 pages.

- :func:`report` -- every number, table, figure and action, as a :class:`Report`.
- :func:`dissatisfied` -- who counts as dissatisfied (the rule the report uses, in words too).

**Who is dissatisfied.** Not "mean gap below 0": expectation items ask what an *excellent*
firm would do, so nearly everyone falls short of them. A respondent is dissatisfied when
their perceptions, averaged over the dimensions, fall below the *adequate* service level they
gave (the bottom of the zone of tolerance; Parasuraman, Zeithaml & Berry 1994), when the
survey has adequate-service items ``A1``.. . Without them, when their mean perception is below
the middle of the scale (4 on 1-7): on balance they do not agree the service is good.

The survey is read, checked and converted once, in chunks of rows, so a million respondents
take about a second and little memory beyond the data.

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

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from . import complaints, gaps, servqual
from ._columns import ItemColumns, numbered_columns_hint
from ._validate import (
    InputError,
    _check_scale,
    require_columns,
    require_count,
    require_frame,
    require_scores,
    require_weights,
)
from .data import _refuse_mangled, read_survey
from ._report_page import _f
from .uncertainty import Interval, compare_segments, proportion_ci, t_quantile

__all__ = ["report", "Report", "Action", "dissatisfied", "Dissatisfaction", "SEGMENT_COLUMNS", "MIN_GROUP"]

SEGMENT_COLUMNS = ("branch", "channel", "segment", "region", "store")
"""Columns :func:`report` breaks the gaps down by when ``by=`` is not given (those present)."""

MIN_GROUP = 10
"""Segments with fewer respondents are marked small and never singled out in an action."""

IMPORTANCE_PREFIX = "imp_"
"""Importance points per dimension are read from columns ``imp_<dimension>`` when present."""

CHUNK = 8_192
"""Rows checked and summed at a time: small enough that the working memory stays a few MB."""


# --- who is dissatisfied ---------------------------------------------------------------------


def _rule(basis: str, scale: tuple[float, float]) -> str:
    if basis == "adequate":
        return ("A respondent counts as dissatisfied when their perceptions, averaged over the "
                "dimensions, fall below the adequate service level they gave (the bottom of the zone "
                "of tolerance; Parasuraman, Zeithaml & Berry 1994).")
    mid = (scale[0] + scale[1]) / 2
    return ("The survey has no adequate-service (A) items, so a respondent counts as dissatisfied when "
            f"their perceptions, averaged over the dimensions, fall below the middle of the "
            f"{scale[0]:g}-{scale[1]:g} scale ({mid:g}): on balance they do not agree the service is good.")


def _below(perceived: np.ndarray, adequate: np.ndarray | None, mid: float) -> np.ndarray:
    """The rule, per respondent: mean perception over dimensions below mean adequate level (or mid)."""
    p = perceived.mean(axis=1)
    return p < (adequate.mean(axis=1) if adequate is not None else mid)


@dataclass(frozen=True, repr=False)
class Dissatisfaction:
    """Outcome of :func:`dissatisfied`: who, how many (with a Wilson 95 % interval), and the rule."""

    flags: pd.Series
    share: Interval
    basis: str
    rule: str

    @property
    def count(self) -> int:
        return int(self.flags.sum())

    def __repr__(self) -> str:
        return (f"{self.count} of {len(self.flags)} respondents dissatisfied, "
                f"{self.share.text(percent=True, digits=2)}. {self.rule}")


def dissatisfied(survey: pd.DataFrame, items: Mapping[str, Iterable[int]] = servqual.ITEMS_1988,
                 scale: tuple[float, float] = (1, 7), dropna: bool = False) -> Dissatisfaction:
    """Which respondents are dissatisfied, by the course's stated rule, and what share they are.

    With adequate-service items (``A1``.. for every item): mean perception over the dimensions
    below the mean adequate level. Without: mean perception below the middle of ``scale``.

    >>> survey = pd.DataFrame({"E1": [7, 7, 7], "P1": [5, 6, 3], "A1": [4, 6, 4]})
    >>> d = dissatisfied(survey, items={"speed": [1]})
    >>> d.flags.tolist(), d.basis
    ([False, False, True], 'adequate')
    >>> d.share.estimate
    0.3333333333333333
    """
    lo, hi = _check_scale(scale)
    layout = servqual._layout(items)
    require_frame(survey, "survey")
    has_a = all(f"A{n}" in survey.columns for n in layout.numbers)
    answers, rows, layout = servqual._answers(survey, items, (lo, hi), dropna, prefixes="AP" if has_a else "P")
    p = layout.per_dimension(answers["P"])
    a = layout.per_dimension(answers["A"]) if has_a else None
    flags = pd.Series(_below(p, a, (lo + hi) / 2), index=rows, name="dissatisfied")
    basis = "adequate" if has_a else "midpoint"
    return Dissatisfaction(flags, proportion_ci(int(flags.sum()), len(flags)), basis, _rule(basis, (lo, hi)))


# --- the report's parts ------------------------------------------------------------------------


@dataclass(frozen=True)
class Action:
    """One recommendation: what to do, why (the numbers), and how to tell it worked."""

    what: str
    why: str
    metric: str
    target: str

    def text(self) -> str:
        """The action as one paragraph."""
        return f"{self.what}. {self.why} Metric: {self.metric}. Target: {self.target}."


@dataclass(repr=False)
class Report:
    """The numbers, tables, figures and actions of :func:`report`.

    ``scores`` mean expectation, perception and gap per dimension; ``gap_ci`` each gap with n
    and its 95 % interval. ``weights`` the dimension weights used (summing to 1), or None for
    equal weights; ``contributions`` each dimension's weighted gap (they add up to the
    weighted score, or to ``score`` when unweighted); ``priority`` the dimension with the most
    negative one; ``headline`` the score the summary leads with, with its interval.
    ``segments`` per segment column a long table (segment x dimension: n, gap, interval,
    difference from the rest, verdict, small); ``by_segment`` the same gaps as a wide table.
    ``dissatisfied`` is the share with its interval and the rule in words; ``iceberg`` the
    complaint iceberg for ``customers`` (or per 1,000 customers when not given).
    ``set_aside`` lists respondents left out and why; ``notes`` what else a reader should know.
    """

    respondents: int
    scores: pd.DataFrame
    gap_ci: pd.DataFrame
    score: float
    weights: pd.Series | None
    points: pd.Series | None
    weighted_score: float | None
    headline: Interval
    contributions: pd.Series
    priority: str
    priority_clear: bool
    segments: dict[str, pd.DataFrame]
    by_segment: dict[str, pd.DataFrame]
    reliability: pd.DataFrame
    audit_gaps: pd.DataFrame | None
    dissatisfied: Interval
    dissatisfied_rule: str
    dissatisfied_basis: str
    iceberg: pd.DataFrame
    customers: int | None
    actions: list[Action]
    set_aside: pd.DataFrame
    rows_read: int
    notes: list[str]
    scale: tuple[float, float]
    organisation: str | None = None
    period: str | None = None
    small: int = MIN_GROUP
    model: str = "SERVQUAL"
    figures: dict = field(default_factory=dict)
    _png: dict = field(default_factory=dict)

    @property
    def dissatisfied_share(self) -> float:
        """Share of respondents dissatisfied by :attr:`dissatisfied_rule` (0-1)."""
        return self.dissatisfied.estimate

    @property
    def recommendations(self) -> list[str]:
        """Every action as one paragraph, most important first."""
        return [a.text() for a in self.actions]

    def __repr__(self) -> str:
        org = f"{self.organisation}: " if self.organisation else ""
        return (f"{org}service quality report on {self.respondents:,} respondents; "
                f"{self._headline_name()} {self.headline.text()}; first action: {self.actions[0].what}.")

    def _headline_name(self) -> str:
        weighted = "weighted " if self.weighted_score is not None else ""
        return f"{weighted}{self.model} score"

    def summary(self) -> str:
        """The executive summary as plain text (what the page opens with)."""
        from ._report_page import summary_text

        return summary_text(self)

    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table of the report by title, with plain column names."""
        from ._report_page import plain_tables

        return plain_tables(self)

    def _repr_html_(self) -> str:
        from ._report_page import NOTEBOOK_CSS, body

        return f"<div class='cx-report'><style>{NOTEBOOK_CSS}</style>{body(self)}</div>"

    def html(self) -> str:
        """The whole report as one self-contained HTML page (figures inline), as a string.

        What :meth:`to_html` writes; a dashboard offers it as a download without touching disk.
        """
        from ._report_page import page

        return page(self)

    def to_html(self, path: str | Path) -> Path:
        """Write the report as one self-contained HTML file (figures inline); returns its path.

        >>> import tempfile, pathlib
        >>> from cxlib import data
        >>> r = report(data.load("servqual_survey"), figures=False)
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     out = r.to_html(pathlib.Path(folder) / "report.html")
        ...     "Top three actions" in out.read_text(encoding="utf-8")
        True
        """
        path = Path(path)
        if not path.parent.is_dir():
            raise FileNotFoundError(f"folder {path.parent} does not exist; create it first or choose another path")
        path.write_text(self.html(), encoding="utf-8")
        return path


# --- report() ----------------------------------------------------------------------------------


def report(
    survey: pd.DataFrame | str | Path | bytes,
    weights: Mapping[str, float] | pd.Series | None = None,
    items: Mapping[str, Iterable[int]] = servqual.ITEMS_1988,
    scale: tuple[float, float] = (1, 7),
    by: str | Iterable[str] | None = None,
    audit: pd.DataFrame | None = None,
    customers: int | None = None,
    dropna: bool = False,
    figures: bool = True,
    organisation: str | None = None,
    period: str | None = None,
    small: int = MIN_GROUP,
    *,
    perceptions_only: bool = False,
    columns: Mapping[Any, str] | None = None,
) -> Report:
    """Everything a manager needs from one SERVQUAL survey: numbers with intervals, charts, actions.

    ``survey``: a DataFrame (never modified or copied) or a CSV path/upload with E/P item
    columns (``items=``, ``scale=`` for your own instrument; ``A`` columns, adequate service,
    are used to judge who is dissatisfied). ``weights``: importance per dimension; if omitted
    and the survey has ``imp_<dimension>`` columns (100-point allocations) their means are
    used. ``by``: segment column(s) (default: any of branch, channel, segment, region, store
    present). ``audit``: a 5GAP audit table (see :func:`cxlib.gaps.measure`; a ``dimension``
    column or index) to locate the causes. ``customers``: the firm's customer base for the
    iceberg (default: shown per 1,000 customers). ``dropna=True`` sets aside respondents with a
    blank answer (the report says how many and why) instead of refusing. ``organisation`` and
    ``period`` head the page. Segments with fewer than ``small`` respondents are marked.
    ``figures=False`` skips the charts (fast). ``columns=`` reads item columns named otherwise
    (``{"E": "e", "P": "s"}`` for e1.., s1..; see :func:`cxlib.servqual.dimension_scores`).
    ``perceptions_only=True`` reports a survey without expectation items the SERVPERF way
    (Cronin & Taylor 1992): each dimension's mean perception, and its "gap" is the distance
    below the top of the scale (0 = every answer at the top).

    >>> import pandas as pd
    >>> survey = pd.DataFrame({"E1": [7, 6], "P1": [5, 6], "E2": [6, 6], "P2": [6, 7]})
    >>> r = report(survey, items={"tangibles": [1], "reliability": [2]}, figures=False)
    >>> r.priority, r.score
    ('tangibles', -0.25)
    """
    from_file = not isinstance(survey, pd.DataFrame)
    frame = read_survey(survey) if from_file else survey  # a frame is only read, never copied
    try:
        require_frame(frame, "survey")
        return _report(frame, weights, items, scale, by, audit, customers, dropna, figures,
                       organisation, period, small, perceptions_only, columns)
    except InputError as exc:
        message = str(exc)
        if "dimension_scores(..., perceptions_only=True)" in message:
            message += " (In a report: report(..., perceptions_only=True).)"
        if items is servqual.ITEMS_1988 and "items=" in message:
            message += " (Without items=, report() uses the 22 items of the 1988 scale, servqual.ITEMS_1988.)"
        first = re.search(r"\brows? (\d+)", message)
        if from_file and first and "survey" in message and isinstance(survey, (str, Path)):
            n = int(first.group(1))
            message += f" (Rows count from 0 below the header: row {n} is line {n + 2} of {Path(survey).name}.)"
        if message == str(exc):
            raise
        raise InputError(message) from None


def _require_expectations_and_perceptions(frame: pd.DataFrame) -> None:
    """Explain up front when a survey has no E or no P item columns at all (e.g. SERVPERF)."""
    names = [c for c in frame.columns if isinstance(c, str)]
    e_cols = [c for c in names if re.fullmatch(r"E\d+", c)]
    p_cols = [c for c in names if re.fullmatch(r"P\d+", c)]
    if e_cols and p_cols:
        return
    shown = ", ".join(map(str, list(frame.columns)[:6])) + (f", ... ({frame.shape[1]} in all)" if frame.shape[1] > 6 else "")
    servperf = ("A perceptions-only survey is reported the SERVPERF way with report(..., perceptions_only=True).")
    if p_cols:
        raise InputError(f"survey has perception columns ({', '.join(p_cols[:3])}{', ...' if len(p_cols) > 3 else ''}) "
                         f"but no expectation columns E1, E2, ...; SERVQUAL's gap is P - E, so it needs both. {servperf}")
    if e_cols:
        raise InputError(f"survey has expectation columns ({', '.join(e_cols[:3])}{', ...' if len(e_cols) > 3 else ''}) "
                         "but no perception columns P1, P2, ...; SERVQUAL's gap is P - E, so it needs both. "
                         "Add the perception answers, one column per item.")
    hint = numbered_columns_hint(frame.columns, "EP").strip()
    raise InputError(f"survey has no expectation (E1, E2, ...) or perception (P1, P2, ...) columns; its columns "
                     f"are {shown}. report() needs both, one column per item, named E<n> and P<n> (or say "
                     f"which columns hold them with columns=).{' ' + hint if hint else ''} {servperf}")


class _Columns:
    """The survey's columns the report reads, each as a numpy array (a view where possible)."""

    def __init__(self, frame: pd.DataFrame, names: list[str], scale: tuple[float, float], what: str) -> None:
        self.names, self.scale = names, scale
        self.arrays = [self._array(frame, c, scale) for c in names]

    @staticmethod
    def _array(frame: pd.DataFrame, name: str, scale: tuple[float, float]) -> np.ndarray:
        column = frame[name]
        dtype = column.dtype
        if isinstance(dtype, np.dtype) and dtype.kind in "iuf":
            return column.to_numpy()  # a view: no copy of a big survey
        if pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype):
            return column.to_numpy(dtype=float, na_value=np.nan)
        numbers = pd.to_numeric(column, errors="coerce") if not pd.api.types.is_bool_dtype(dtype) else None
        if numbers is None or (numbers.isna() & column.notna()).any():
            require_scores(frame, [name], scale, "survey", dropna=True)  # raises, naming the rows
        return numbers.to_numpy(dtype=float, na_value=np.nan)

    def block(self, start: int, stop: int) -> np.ndarray:
        """Rows ``start:stop`` as one array with a row per column (each row contiguous: fast sums)."""
        return np.stack([a[start:stop] for a in self.arrays], axis=0)


def _report(frame, weights, items, scale, by, audit, customers, dropna, figures, organisation, period,
            small, perceptions_only, columns) -> Report:
    lo, hi = _check_scale(scale)
    if isinstance(dropna, str) and dropna.strip().lower() == "pairwise":
        raise InputError("report() keeps whole respondents: pass dropna=True to set aside those with a blank "
                         "(the report says how many and why); for available-case means of every answer use "
                         "servqual.dimension_scores(survey, dropna='pairwise')")
    if not isinstance(dropna, bool):
        raise TypeError(f"dropna must be True or False, got {dropna!r}")
    if not isinstance(perceptions_only, bool):
        raise TypeError(f"perceptions_only must be True or False, got {perceptions_only!r}")
    small = int(require_count(small, "small", whole=True))
    n_customers = None if customers is None else int(require_count(customers, "customers", whole=True))
    for name, text in (("organisation", organisation), ("period", period)):
        if text is not None and not isinstance(text, str):
            raise TypeError(f"{name} must be text, e.g. 'Lakeside Bank'; got {type(text).__name__}")
    if columns is None and not perceptions_only:
        _require_expectations_and_perceptions(frame)
    _refuse_mangled(list(frame.columns), "survey")
    layout = servqual._layout(items)
    naming = ItemColumns(frame, columns)
    prefixes = "P" if perceptions_only else "EP"
    servqual._check_survey(frame, layout, prefixes, naming)
    dims = layout.dims
    notes = list(frame.attrs.get("read_notes", []))
    if perceptions_only and naming.numbers("E"):
        notes.append("Scored the SERVPERF way, on perceptions only: the expectation columns were not used.")

    a_cols = [naming.label("A", n) for n in layout.numbers]
    has_a = all(c in frame.columns for c in a_cols)
    if not has_a and any(c in frame.columns for c in a_cols):
        missing = [c for c in a_cols if c not in frame.columns]
        notes.append(f"Adequate-service columns are incomplete ({', '.join(missing[:4])} missing), so they "
                     "were not used.")
    imp_cols = [f"{IMPORTANCE_PREFIX}{d}" for d in dims]
    imp_present = [c for c in imp_cols if c in frame.columns]
    use_points = weights is None and bool(imp_present)
    if use_points and len(imp_present) < len(imp_cols):
        missing = [c for c in imp_cols if c not in frame.columns]
        raise InputError(f"survey has importance columns {', '.join(imp_present)} but not {', '.join(missing)}; "
                         "give one per dimension, or pass weights= yourself")
    fixed_weights = None if weights is None else require_weights(weights, dims, "weights")

    if by is None:
        segments = [c for c in SEGMENT_COLUMNS if c in frame.columns]
    else:
        segments = [by] if isinstance(by, str) else list(by)
        require_columns(frame, segments, "survey")

    audit_gaps = None
    if audit is not None:
        require_frame(audit, "gap audit")
        if "dimension" in audit.columns:  # as stored in a CSV
            audit = audit.set_index("dimension")
        audit_gaps = gaps.measure(audit, scale)

    labels = {p: [naming.label(p, n) for n in layout.numbers] for p in prefixes + ("A" if has_a else "")}
    scan = _scan(frame, layout, (lo, hi), dropna, labels, imp_cols if use_points else [], segments)
    n = scan["n"]
    if n < 2:
        aside = f" ({frame.shape[0] - n} set aside for blank answers)" if frame.shape[0] > n else ""
        raise InputError(
            f"survey has {n} usable respondent{'s' if n != 1 else ''}{aside}; a report needs at least 2 "
            "(with one answer there is no spread: no interval, no reliability, no share worth quoting)"
        )
    if n < small:
        notes.append(f"Only {n} respondents: every interval is wide; treat this report as a first look.")
    notes.extend(scan["segment_notes"])

    # what falls short
    mid = (lo + hi) / 2  # the scan sums answers minus the scale's middle
    p_mean = layout.per_dimension(scan["p_sum"] / n) + mid
    if perceptions_only:  # SERVPERF: how far below the top of the scale
        scores = pd.DataFrame({"perception": p_mean, "gap": p_mean - hi}, index=pd.Index(dims, name="dimension"))
    else:
        e_mean = layout.per_dimension(scan["e_sum"] / n) + mid
        scores = pd.DataFrame({"expectation": e_mean, "perception": p_mean, "gap": p_mean - e_mean},
                              index=pd.Index(dims, name="dimension"))
    k = len(dims)
    z_mean, z_cov = scan["z_mean"], scan["z_cov"]
    gap_sd = np.sqrt(np.clip(np.diag(z_cov)[:k], 0, None))
    half = t_quantile(0.975, n - 1) * gap_sd / np.sqrt(n)
    gap_ci = pd.DataFrame({"n": n, "gap": scores["gap"].to_numpy(), "low": scores["gap"].to_numpy() - half,
                           "high": scores["gap"].to_numpy() + half}, index=scores.index)

    points = None
    if use_points:
        points = pd.Series(z_mean[k:], index=pd.Index(dims, name="dimension"), name="importance points")
        if points.sum() <= 0:
            raise InputError(f"survey importance columns {', '.join(imp_cols)} are all zero; nothing to weigh by")
        w = require_weights(points, dims, "importance points")
    else:
        w = fixed_weights
    gap = scores["gap"]
    score = float(gap.mean())
    equal = pd.Series(1 / k, index=gap.index)
    contributions = ((w if w is not None else equal) * gap).rename("weighted gap")
    weighted = float(contributions.sum()) if w is not None else None
    grad = _gradients(gap.to_numpy(), (w if w is not None else equal).to_numpy(),
                      points.to_numpy() if points is not None else None)
    headline = _linear_interval(contributions.sum(), grad.sum(axis=0), z_cov, n)
    order = contributions.sort_values(kind="stable").index
    priority = str(order[0])
    priority_clear = True
    if k > 1 and contributions.min() < 0:
        i, j = dims.index(order[0]), dims.index(order[1])
        diff = _linear_interval(contributions.iloc[i] - contributions.iloc[j], grad[i] - grad[j], z_cov, n)
        priority_clear = diff.high < 0

    # where
    seg_tables, by_segment = {}, {}
    for col, acc in scan["segments"].items():
        names = pd.Index(acc["labels"], name=col)
        cols = pd.Index(dims, name="dimension")
        table = compare_segments(pd.Series(acc["n"], index=names), pd.DataFrame(acc["sum"], index=names, columns=cols),
                                 pd.DataFrame(acc["sq"], index=names, columns=cols), 0.95, small)
        table = table.rename(columns={"mean": "gap", "rest_mean": "rest_gap"})
        order_names = sorted(names, key=str)
        table = table.loc[order_names]
        seg_tables[col] = table
        by_segment[col] = table["gap"].unstack("dimension").reindex(index=order_names, columns=list(dims))

    reliability = pd.DataFrame({"items": layout.counts.astype(int), "alpha_expectation": scan["alpha_e"],
                                "alpha_perception": scan["alpha_p"]}, index=scores.index)

    basis = "adequate" if has_a else "midpoint"
    unhappy = proportion_ci(scan["dissatisfied"], n)
    ice = complaints.iceberg(n_customers if n_customers is not None else 1000, dissatisfied_share=unhappy.estimate)

    set_aside = pd.DataFrame({"respondents": pd.Series(scan["aside"], dtype=int)}).rename_axis("reason")
    result = Report(
        respondents=n, scores=scores, gap_ci=gap_ci, score=score, weights=w if w is not None else None,
        points=points, weighted_score=weighted, headline=headline, contributions=contributions,
        priority=priority, priority_clear=priority_clear, segments=seg_tables, by_segment=by_segment,
        reliability=reliability, audit_gaps=audit_gaps, dissatisfied=unhappy,
        dissatisfied_rule=_rule(basis, (lo, hi)), dissatisfied_basis=basis, iceberg=ice,
        customers=n_customers, actions=[], set_aside=set_aside, rows_read=int(frame.shape[0]), notes=notes,
        scale=(lo, hi), organisation=organisation, period=period, small=small,
        model="SERVPERF" if perceptions_only else "SERVQUAL",
    )
    result.actions = _actions(result)
    if figures:
        from ._report_page import draw_figures

        result.figures = draw_figures(result)
    return result


def _gradients(gap: np.ndarray, w: np.ndarray, points: np.ndarray | None) -> np.ndarray:
    """Row d: the gradient of contribution w_d * gap_d with respect to the mean vector (gaps, points).

    With weights from the survey's own importance points (w = M / sum M), the weights are
    estimates too: d(w_d G_d)/dM_e = G_d (1[d = e] - w_d) / sum M. Fixed weights: no such part.
    """
    k = len(gap)
    grad = np.zeros((k, 2 * k if points is not None else k))
    grad[:, :k] = np.diag(w)
    if points is not None:
        grad[:, k:] = (gap / points.sum())[:, None] * (np.eye(k) - w[:, None])
    return grad


def _linear_interval(estimate: float, gradient: np.ndarray, cov: np.ndarray, n: int) -> Interval:
    """t interval of a smooth function of means by its linearisation (the delta method)."""
    g = gradient[: cov.shape[0]]
    var = float(g @ cov[: len(g), : len(g)] @ g) / n
    half = t_quantile(0.975, n - 1) * np.sqrt(max(var, 0.0))
    return Interval(float(estimate), float(estimate - half), float(estimate + half), int(n), 0.95, "t (delta method)")


# --- one pass over the survey ---------------------------------------------------------------------


def _scan(frame: pd.DataFrame, layout, scale: tuple[float, float], dropna: bool, labels: dict[str, list],
          imp_cols: list[str], segments: list[str]) -> dict:
    """Check and sum the survey once, chunk by chunk: everything the report needs, in O(columns) memory.

    Sums are of centred values (answers minus the scale's middle), so the variances computed
    from them keep their precision on millions of rows. ``labels``: the columns of each item
    kind ("E", "P", "A"); without "E" (SERVPERF) a respondent's "gap" is perception minus the
    top of the scale.
    """
    lo, hi = scale
    mid = (lo + hi) / 2
    numbers = layout.numbers
    k, m = len(numbers), len(layout.dims)
    groups = dict(labels)
    has_a, has_e = "A" in groups, "E" in groups
    if imp_cols:
        groups["imp"] = imp_cols
    names = [c for cols in groups.values() for c in cols]
    columns = _Columns(frame, names, scale, "survey")
    bounds = {c: ((0.0, 100.0) if g == "imp" else (lo, hi)) for g, cols in groups.items() for c in cols}
    low = np.array([bounds[c][0] for c in names])
    high = np.array([bounds[c][1] for c in names])
    spans = {}
    start = 0
    for g, cols in groups.items():
        spans[g] = slice(start, start + len(cols))
        start += len(cols)
    reasons = {"E": "a blank expectation answer", "P": "a blank perception answer",
               "A": "a blank adequate-service answer", "imp": "a blank importance answer"}

    codes = {}
    segment_notes = []
    for col in segments:
        values = frame[col]
        code, labels = pd.factorize(values, sort=False, use_na_sentinel=True)
        codes[col] = (code.astype(np.int32), [_label(x) for x in labels])
        blank = int((code < 0).sum())
        if blank:
            segment_notes.append(f"{blank} respondent{'s' if blank != 1 else ''} gave no {col}: left out of "
                                 f"the {col} breakdown only.")

    d = 2 * m if imp_cols else m
    centre_z = np.concatenate([np.zeros(m), np.full(m, 100.0 / m)]) if imp_cols else np.zeros(m)
    acc = {"n": 0, "e_sum": np.zeros(k), "p_sum": np.zeros(k), "z_sum": np.zeros(d), "z_sq": np.zeros((d, d)),
           "dissatisfied": 0}
    rel = {p: {"item": np.zeros(k), "item_sq": np.zeros(k), "tot": np.zeros(m), "tot_sq": np.zeros(m)} for p in "EP"}
    seg = {col: {"n": np.zeros(len(lab)), "sum": np.zeros((len(lab), m)), "sq": np.zeros((len(lab), m))}
           for col, (_, lab) in codes.items()}
    aside: dict[str, int] = {}
    rows = frame.shape[0]
    parts = [slice(first, first + count) for first, count in zip(layout.starts, layout.counts.astype(int))]

    def per_dim(values: np.ndarray) -> np.ndarray:
        """Item rows -> dimension rows: the sum of each dimension's items, respondent by respondent."""
        return np.stack([values[part].sum(axis=0) for part in parts])

    for start in range(0, rows, CHUNK):
        stop = min(start + CHUNK, rows)
        block = columns.block(start, stop)  # one row per column, one column per respondent
        keep = None
        if block.dtype.kind == "f":
            blank = np.isnan(block)
            if blank.any():
                bad_col = names[int(np.argmax(blank.any(axis=1)))]
                if not dropna:
                    require_scores(frame, [bad_col], bounds[bad_col], "survey", dropna=False)  # raises
                keep = ~blank.any(axis=0)
                first = np.full(stop - start, "", dtype=object)
                for g in reversed(list(groups)):  # each respondent counted once, under the first reason
                    first[blank[spans[g]].any(axis=0)] = reasons[g]
                for reason, count in zip(*np.unique(first[~keep], return_counts=True)):
                    aside[reason] = aside.get(reason, 0) + int(count)
                block = block[:, keep]
        if block.shape[1] == 0:
            continue
        outside = (block.min(axis=1) < low) | (block.max(axis=1) > high)
        if outside.any():
            bad_col = names[int(np.argmax(outside))]
            require_scores(frame, [bad_col], bounds[bad_col], "survey", dropna=dropna)  # raises, naming rows
            raise InputError(f"survey column {bad_col} has a value outside the {bounds[bad_col][0]:g}-"
                             f"{bounds[bad_col][1]:g} scale")  # not reached: require_scores names the row
        centred = block.astype(np.float64)  # one float copy of the chunk, centred on the scale's middle
        centred -= mid
        p = centred[spans["P"]]
        e = centred[spans["E"]] if has_e else None
        acc["n"] += block.shape[1]
        acc["p_sum"] += p.sum(axis=1)
        p_tot = per_dim(p)
        counts = layout.counts[:, None]
        p_dim = p_tot / counts  # mean per dimension and respondent, minus the middle
        if has_e:
            acc["e_sum"] += e.sum(axis=1)
            e_tot = per_dim(e)
            gap = p_dim - e_tot / counts
        else:
            gap = p_dim - (hi - mid)  # SERVPERF: below the top of the scale
        z = np.concatenate([gap, centred[spans["imp"]] + (mid - centre_z[m:, None])]) if imp_cols else gap
        acc["z_sum"] += z.sum(axis=1)
        acc["z_sq"] += z @ z.T
        a_dim = per_dim(centred[spans["A"]]) / counts if has_a else None
        acc["dissatisfied"] += int(_below(p_dim.T, None if a_dim is None else a_dim.T, 0.0).sum())
        for prefix, values, totals in ((("E", e, e_tot),) if has_e else ()) + (("P", p, p_tot),):
            r = rel[prefix]
            r["item"] += values.sum(axis=1)
            r["item_sq"] += np.einsum("ij,ij->i", values, values)
            r["tot"] += totals.sum(axis=1)
            r["tot_sq"] += np.einsum("ij,ij->i", totals, totals)
        for col, (code, labels) in codes.items():
            c = code[start:stop] if keep is None else code[start:stop][keep]
            valid = c >= 0
            cv, gv = c[valid], gap[:, valid]
            s = seg[col]
            s["n"] += np.bincount(cv, minlength=len(labels))
            for j in range(m):
                s["sum"][:, j] += np.bincount(cv, weights=gv[j], minlength=len(labels))
                s["sq"][:, j] += np.bincount(cv, weights=gv[j] ** 2, minlength=len(labels))

    n = acc["n"]
    out = {"n": n, "e_sum": acc["e_sum"], "p_sum": acc["p_sum"], "dissatisfied": acc["dissatisfied"],
           "aside": aside, "segment_notes": segment_notes}
    if n == 0:
        out.update(z_mean=np.zeros(d), z_cov=np.zeros((d, d)), alpha_e=np.full(m, np.nan),
                   alpha_p=np.full(m, np.nan), segments={})
        return out
    zbar = acc["z_sum"] / n
    cov = (acc["z_sq"] - n * np.outer(zbar, zbar)) / max(n - 1, 1)
    out["z_mean"], out["z_cov"] = zbar + centre_z, cov
    counts = layout.counts.astype(int)
    out["alpha_e"] = np.full(m, np.nan)
    for prefix in ("EP" if has_e else "P"):
        r = rel[prefix]
        item_var = (r["item_sq"] - r["item"] ** 2 / n) / max(n - 1, 1)
        tot_var = (r["tot_sq"] - r["tot"] ** 2 / n) / max(n - 1, 1)
        sum_var = np.add.reduceat(item_var, layout.starts)
        with np.errstate(invalid="ignore", divide="ignore"):
            alpha = counts / np.maximum(counts - 1, 1) * (1 - sum_var / tot_var)
        alpha[(counts < 2) | ~(tot_var > 1e-12) | (n < 2)] = np.nan
        out[f"alpha_{'e' if prefix == 'E' else 'p'}"] = alpha
    out["segments"] = {}
    for col, (_, labels) in codes.items():
        s = seg[col]
        present = s["n"] > 0
        out["segments"][col] = {"labels": [lab for lab, keep in zip(labels, present) if keep],
                                "n": s["n"][present].astype(int), "sum": s["sum"][present], "sq": s["sq"][present]}
    return out


def _label(x: Any) -> Any:
    return x.item() if isinstance(x, np.generic) else x


# --- the actions ------------------------------------------------------------------------------------


def _worst_segment(r: Report, dim: str):
    """The segment credibly furthest below the rest on ``dim`` (not small), or None."""
    best = None
    for col, table in r.segments.items():
        rows = table.xs(dim, level="dimension")
        rows = rows[(rows["verdict"] == "below the rest") & ~rows["small"]]
        if rows.empty:
            continue
        name = rows["difference"].idxmin()
        row = rows.loc[name]
        if best is None or row["difference"] < best[2]["difference"]:
            best = (col, name, row)
    return best


def _actions(r: Report) -> list[Action]:
    actions = []
    c, gap, ci = r.contributions, r.scores["gap"], r.gap_ci
    total = r.weighted_score if r.weighted_score is not None else r.score
    weighed = (f"weighted by the importance customers give it ({r.points[r.priority]:.0f} of 100 points)"
               if r.points is not None else "weighted by the weights given" if r.weights is not None
               else "with the dimensions weighted equally")
    servperf = r.model == "SERVPERF"
    top = r.scale[1]

    def level(value: float) -> str:  # a gap as the reader knows it: P - E, or the mean perception
        return f"{value + top:.2f}" if servperf else _f(value)

    def measure(dim: str) -> str:
        return f"{dim} mean perception" if servperf else f"{dim} gap (perception minus expectation)"

    def of(dim: str) -> str:
        return (f"its mean perception is {level(gap[dim])} (95% CI {level(ci.loc[dim, 'low'])} to "
                f"{level(ci.loc[dim, 'high'])})" if servperf else
                f"its gap is {_f(gap[dim])} (95% CI {_f(ci.loc[dim, 'low'])} to {_f(ci.loc[dim, 'high'])})")

    half = "half the distance to the top of the scale" if servperf else "half the shortfall"
    p = r.priority
    if c.min() >= 0:
        actions.append(Action(
            f"Keep {p} where it is", f"Every dimension meets or beats expectations; {p} has the smallest lead "
            f"(gap {_f(gap[p])}), and expectations keep rising.",
            f"{measure(p)} at the next survey", "stays at 0 or above"))
    else:
        where = _worst_segment(r, p)
        what = f"Improve {p}" + (f", starting in {where[1]} ({where[0]})" if where else "")
        why = f"It costs the most of the score: {_f(c[p])} of {_f(total)}, {weighed}; {of(p)}."
        if not r.priority_clear:
            runner = c.drop(p).idxmin()
            why += (f" {runner.capitalize()} costs nearly as much ({_f(c[runner])}); the data do not tell the two apart, "
                    "so plan for both.")
        short = f"{p} mean perception" if servperf else f"{p} gap"
        target = f"{short} from {level(gap[p])} to {level(gap[p] / 2)} or better ({half})"
        metric = f"{measure(p)} at the next survey"
        if where:
            col, name, row = where
            why += (f" {name}: {level(row['gap'])} against {level(row['rest_gap'])} for the rest (difference "
                    f"{_f(row['difference'])}, 95% CI {_f(row['diff_low'])} to {_f(row['diff_high'])}, "
                    f"n = {int(row['n'])}).")
            metric += f", overall and in {name}"
            target += f"; {name} at least at the rest's level ({level(row['rest_gap'])})"
        actions.append(Action(what, why, metric, target))

        if r.audit_gaps is not None and p in r.audit_gaps.index:
            row = r.audit_gaps.loc[p]
            g = gaps.priority(row)
            if g is None:
                actions.append(Action(f"Look beyond gaps 1-4 for {p}",
                                      f"The 5GAP audit shows no shortfall in gaps 1-4 for {p}, yet customers see one.",
                                      f"audit of {p} repeated with fresh evidence", "before the next survey"))
            else:
                cause = gaps.GAPS.loc[g, "causes"][0]
                actions.append(Action(
                    f"Close gap {g} for {p}: {gaps.GAPS.loc[g, 'name']}",
                    f"In the 5GAP audit gap {g} is {_f(row[f'gap{g}'])}, the largest shortfall of gaps 1-4 for {p}. "
                    f"A cause to check first (seed 002) is {cause}.",
                    f"audit gap {g} for {p}", f"from {_f(row[f'gap{g}'])} to 0 at the next audit"))
        elif r.audit_gaps is not None:
            actions.append(Action(f"Add {p} to the 5GAP audit",
                                  f"The audit has no row for {p} (it covers {', '.join(map(str, r.audit_gaps.index))}).",
                                  f"gaps 1-4 measured for {p}", "before acting on the first action"))
        else:
            actions.append(Action(
                f"Find the cause of the {p} shortfall with a 5GAP audit",
                "The survey shows only what customers see (gap 5); gaps 1-4 say whether to fix knowledge of "
                "customers, standards, delivery or promises.",
                f"gaps 1-4 measured for {p}", "before acting on the first action"))

        rest = c.drop(p)
        nxt = rest.idxmin() if len(rest) else None
        if nxt is not None and rest.min() < 0 and ci.loc[nxt, "high"] < 0:
            where = _worst_segment(r, nxt)
            why = f"Next in cost: {_f(c[nxt])} of the score; {of(nxt)}."
            if where:
                col, name, row = where
                why += (f" {name}: {level(row['gap'])} against {level(row['rest_gap'])} for the rest (difference "
                        f"{_f(row['difference'])}, 95% CI {_f(row['diff_low'])} to {_f(row['diff_high'])}).")
            actions.append(Action(f"Then {nxt}" + (f", starting in {where[1]} ({where[0]})" if where else ""), why,
                                  f"{measure(nxt)} at the next survey",
                                  f"from {level(gap[nxt])} to {level(gap[nxt] / 2)} or better"))

    share = r.dissatisfied
    if share.estimate == 0:
        actions.append(Action(
            "Keep complaint channels easy to use",
            f"No respondent is dissatisfied by the rule below (95% CI up to {share.high:.0%}); by the complaint "
            "iceberg most unhappy customers never complain, so only the next survey can confirm it.",
            "share of respondents dissatisfied at the next survey", "still 0%"))
    else:
        whole = _whole(r.iceberg)
        among = (f"; among {r.customers:,} customers about {whole['silent']:,} of them never complain"
                 if r.customers is not None else
                 f"; per 1,000 customers about {whole['silent']:,} of them never complain")
        actions.append(Action(
            "Make silent customers speak: easy complaint channels and call-backs",
            f"{share.estimate:.0%} of respondents are dissatisfied (95% CI {share.low:.0%} to {share.high:.0%}) by "
            f"the rule below; by the complaint iceberg 69% of the dissatisfied never complain{among}.",
            "share of respondents dissatisfied, and complaints logged per month",
            f"dissatisfied from {share.estimate:.0%} to {share.estimate / 2:.0%} or less by the next survey "
            "(logged complaints may rise at first: the iceberg melting)"))

    alphas = r.reliability[["alpha_expectation", "alpha_perception"]]
    weak = alphas[(alphas < 0.7).any(axis=1)].index.tolist()
    if weak:
        low = float(np.nanmin(alphas.loc[weak].to_numpy()))
        actions.append(Action(
            f"Review the survey items of {', '.join(weak)}",
            f"Cronbach's alpha is as low as {low:.2f} there (0.70 is the usual bar): those items do not "
            "measure one thing well, so their gap is less trustworthy.",
            "Cronbach's alpha of those items", "0.70 or more at the next survey"))
    return actions


def _whole(ice: pd.DataFrame) -> dict[str, int]:
    """The iceberg's layers in whole people that still add up (largest remainders)."""
    total = int(round(ice.loc[["satisfied", "dissatisfied"], "customers"].sum()))
    top = _round_to(ice.loc[["satisfied", "dissatisfied"], "customers"].to_numpy(), total)
    layers = _round_to(ice.loc[["silent", "to_staff", "to_relations"], "customers"].to_numpy(), top[1])
    return dict(zip(["satisfied", "dissatisfied", "silent", "to_staff", "to_relations"], [*top, *layers]))


def _round_to(values: np.ndarray, total: int) -> list[int]:
    """Whole numbers as close as possible to ``values`` that add up to ``total``."""
    floors = np.floor(values).astype(int)
    short = int(total - floors.sum())
    order = np.argsort(-(values - floors), kind="stable")
    floors[order[:max(short, 0)]] += 1
    return [int(v) for v in floors]
