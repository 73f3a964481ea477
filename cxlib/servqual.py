"""SERVQUAL: service quality as perception minus expectation, on five dimensions.

Parasuraman, Zeithaml and Berry (1988) ask 22 expectation items (what an excellent firm in
the industry would offer) and the same 22 as perceptions (this firm), on a 7-point scale
(7 = strongly agree); seed 000 summarises the instrument. A survey here is a DataFrame with
one row per respondent and columns ``E1``..``E22`` and ``P1``..``P22``; other columns (branch,
channel...) are ignored. Every function takes ``items=`` (dimension -> item numbers, default
:data:`ITEMS_1988`) and ``scale=`` so your own instrument works too.

- :func:`item_gaps` -- P - E for every respondent and item.
- :func:`respondent_gaps` -- each respondent's mean item gap per dimension.
- :func:`dimension_scores` -- mean expectation, perception and gap per dimension.
- :func:`dimension_scores_by` -- the gap per dimension for each branch, channel...
- :func:`weighted_gaps`, :func:`servqual_score` -- the score, unweighted or weighted by importance.
- :func:`seed_sq`, :func:`item_weights_from_dimensions` -- seed 000's SQ = sum_i w_i (P_i - E_i).
- :func:`cronbach_alpha`, :func:`reliability_table` -- do a dimension's items hang together?
- :func:`tolerance_zone` -- perception against adequate and desired service (1994).
- :func:`importance_performance` -- Martilla & James's (1977) four quadrants.
- :func:`gap_intervals`, :func:`segment_gaps` -- the gaps with n and 95 % intervals, and which
  segments really differ from the rest.

>>> survey = pd.DataFrame({"E1": [7, 6], "P1": [5, 6], "E2": [6, 6], "P2": [6, 7]})
>>> items = {"tangibles": [1], "reliability": [2]}
>>> dimension_scores(survey, items=items)  # doctest: +NORMALIZE_WHITESPACE
             expectation  perception  gap
dimension
tangibles            6.5         5.5 -1.0
reliability          6.0         6.5  0.5
>>> servqual_score(survey, items=items)
-0.25
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

from ._validate import (
    InputError,
    require_columns,
    require_filled,
    require_frame,
    require_number,
    require_score_matrix,
    require_weights,
)

__all__ = [
    "DIMENSIONS",
    "ITEMS_1988",
    "CHINESE",
    "item_gaps",
    "respondent_gaps",
    "dimension_scores",
    "dimension_scores_by",
    "weighted_gaps",
    "servqual_score",
    "seed_sq",
    "item_weights_from_dimensions",
    "cronbach_alpha",
    "reliability_table",
    "tolerance_zone",
    "importance_performance",
    "QUADRANTS",
    "gap_intervals",
    "segment_gaps",
]

DIMENSIONS = ("tangibles", "reliability", "responsiveness", "assurance", "empathy")
"""The five SERVQUAL dimensions, in the order of the 1988 questionnaire."""

ITEMS_1988 = MappingProxyType({
    "tangibles": (1, 2, 3, 4),
    "reliability": (5, 6, 7, 8, 9),
    "responsiveness": (10, 11, 12, 13),
    "assurance": (14, 15, 16, 17),
    "empathy": (18, 19, 20, 21, 22),
})
"""Item numbers of each dimension in the 22-item scale (Parasuraman, Zeithaml & Berry 1988)."""

CHINESE = MappingProxyType({
    "tangibles": "有形性", "reliability": "可靠性", "responsiveness": "响应性",
    "assurance": "保证性", "empathy": "移情性",
})
"""The Chinese name of each dimension, as seed 000 gives them."""

QUADRANTS = ("keep up the good work", "concentrate here", "low priority", "possible overkill")
"""Importance-performance quadrants (Martilla & James 1977): high/high, high/low, low/low, low/high."""

_VALUES = ("gap", "expectation", "perception")


# --- the item map and the survey's columns ----------------------------------------------------


@dataclass(frozen=True)
class _Layout:
    """A checked item map: dimensions, their item numbers in one row, and where each starts."""

    dims: tuple[str, ...]
    numbers: tuple[int, ...]
    starts: np.ndarray
    counts: np.ndarray

    def per_dimension(self, matrix: np.ndarray) -> np.ndarray:
        """Mean of each dimension's items, row by row (``matrix`` has one column per item)."""
        return np.add.reduceat(matrix, self.starts, axis=-1, dtype=float) / self.counts


def _layout(items: Any) -> _Layout:
    if not isinstance(items, Mapping):
        raise TypeError(
            "items must be a mapping dimension -> item numbers, e.g. "
            f"{{'tangibles': [1, 2, 3, 4], ...}}; got {type(items).__name__}"
        )
    if not items:
        raise InputError("items is empty: map at least one dimension to its item numbers")
    owner: dict[int, str] = {}
    dims, counts = [], []
    for dim, numbers in items.items():
        if not isinstance(dim, str) or not dim:
            raise TypeError(f"items keys must be dimension names (text), got {dim!r}")
        if isinstance(numbers, (str, bytes)) or not isinstance(numbers, Iterable):
            raise TypeError(f"items[{dim!r}] must list item numbers, e.g. [1, 2, 3, 4]; got {numbers!r}")
        numbers = list(numbers)
        if not numbers:
            raise InputError(f"items[{dim!r}] lists no item numbers; every dimension needs at least one")
        for n in numbers:
            if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
                raise InputError(f"items[{dim!r}] contains {n!r}; item numbers are whole numbers 1, 2, 3, ...")
            if int(n) in owner:
                where = f"twice under {dim}" if owner[int(n)] == dim else f"under both {owner[int(n)]} and {dim}"
                raise InputError(f"item {n} is listed {where}; each item belongs to exactly one dimension")
            owner[int(n)] = dim
        dims.append(dim)
        counts.append(len(numbers))
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(int)
    return _Layout(tuple(dims), tuple(owner), starts, np.asarray(counts, dtype=float))


def _check_survey(survey: Any, layout: _Layout, prefixes: str) -> None:
    require_frame(survey, "survey")
    cols = set(survey.columns)
    missing = [f"{p}{n}" for n in layout.numbers for p in prefixes if f"{p}{n}" not in cols]
    if missing:
        more = f" and {len(missing) - 8} more" if len(missing) > 8 else ""
        names = [{"A": "adequate (A)", "E": "expectation (E)", "P": "perception (P)"}[p] for p in prefixes]
        roles = ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]
        tip = ""
        if "E" in prefixes and not any(isinstance(c, str) and re.fullmatch(r"E\d+", c) for c in cols):
            tip = (" The survey has no expectation columns at all: SERVQUAL needs both E and P "
                   "(a perceptions-only survey is SERVPERF: average its P items per dimension).")
        raise InputError(
            f"survey has no column {', '.join(missing[:8])}{more}, but items= lists those items: "
            f"each item needs an {roles} column named like {prefixes[0]}1.{tip} "
            "Rename the columns, or pass items= with your own item numbers."
        )
    pattern = re.compile(rf"[{prefixes}](\d+)")
    found = {int(m.group(1)) for c in cols if isinstance(c, str) and (m := pattern.fullmatch(c))}
    unmapped = sorted(found - set(layout.numbers))
    if unmapped:
        shown = ", ".join(map(str, unmapped[:8])) + (" ..." if len(unmapped) > 8 else "")
        raise InputError(
            f"survey has answers to items {shown} (columns such as {prefixes[0]}{unmapped[0]}) that no "
            f"dimension in items= lists (it lists {len(layout.numbers)} items). Add them to a "
            "dimension in items=, or drop those columns first, so no answer is silently left out."
        )


def _answers(survey: Any, items: Any, scale: Any, dropna: bool, prefixes: str = "EP"):
    """Checked answer matrices by prefix (rows = respondents kept, columns = items), rows, layout."""
    layout = _layout(items)
    _check_survey(survey, layout, prefixes)
    columns = [f"{p}{n}" for p in prefixes for n in layout.numbers]
    values, rows = require_score_matrix(survey, columns, scale, "survey", dropna)
    k = len(layout.numbers)
    return {p: values[:, j * k:(j + 1) * k] for j, p in enumerate(prefixes)}, rows, layout


def _dims_index(layout: _Layout) -> pd.Index:
    return pd.Index(layout.dims, name="dimension")


# --- gaps and scores ---------------------------------------------------------------------------


def item_gaps(survey: pd.DataFrame, items: Mapping[str, Iterable[int]] = ITEMS_1988,
              scale: tuple[float, float] = (1, 7), dropna: bool = False) -> pd.DataFrame:
    """Gap P - E for every respondent (row) and item (column); negative means the service falls short.

    Blanks raise an error naming the column and rows; ``dropna=True`` leaves out respondents
    with any blank answer instead.

    >>> survey = pd.DataFrame({"E1": [7, 7], "P1": [6, 5], "E2": [5, 6], "P2": [4, 7]})
    >>> item_gaps(survey, items={"tangibles": [1, 2]})  # doctest: +NORMALIZE_WHITESPACE
    item    1    2
    0    -1.0 -1.0
    1    -2.0  1.0
    >>> item_gaps(survey.drop(columns="E2"), items={"tangibles": [1, 2]})
    Traceback (most recent call last):
    ...
    cxlib._validate.InputError: survey has no column E2, but items= lists those items: each item needs an expectation (E) and perception (P) column named like E1. Rename the columns, or pass items= with your own item numbers.
    """
    answers, rows, layout = _answers(survey, items, scale, dropna)
    return pd.DataFrame(np.subtract(answers["P"], answers["E"], dtype=float), index=rows,
                        columns=pd.Index(layout.numbers, name="item"))


def respondent_gaps(survey: pd.DataFrame, items: Mapping[str, Iterable[int]] = ITEMS_1988,
                    scale: tuple[float, float] = (1, 7), dropna: bool = False,
                    value: str = "gap") -> pd.DataFrame:
    """Each respondent's mean answer per dimension: the gap (default), expectation or perception.

    >>> survey = pd.DataFrame({"E1": [7, 7], "P1": [6, 5], "E2": [5, 6], "P2": [4, 7]})
    >>> respondent_gaps(survey, items={"tangibles": [1, 2]})  # doctest: +NORMALIZE_WHITESPACE
    dimension  tangibles
    0               -1.0
    1               -0.5
    """
    if value not in _VALUES:
        raise InputError(f"value must be one of {', '.join(_VALUES)}; got {value!r}")
    answers, rows, layout = _answers(survey, items, scale, dropna)
    matrix = {"expectation": answers["E"], "perception": answers["P"]}.get(value)
    if matrix is None:  # float arithmetic: small integer dtypes (uint8...) must not wrap around
        matrix = np.subtract(answers["P"], answers["E"], dtype=float)
    return pd.DataFrame(layout.per_dimension(matrix), index=rows, columns=_dims_index(layout))


def dimension_scores(survey: pd.DataFrame, items: Mapping[str, Iterable[int]] = ITEMS_1988,
                     scale: tuple[float, float] = (1, 7), dropna: bool = False) -> pd.DataFrame:
    """Mean expectation, perception and gap (perception - expectation) for each dimension.

    Each is the mean over respondents of each respondent's mean over the dimension's items.
    As every respondent answers every item (blanks raise, or ``dropna=True`` drops them), this
    equals the pooled mean of all item answers in the dimension.

    >>> survey = pd.DataFrame({"E1": [7, 7], "P1": [6, 5], "E2": [5, 6], "P2": [4, 7]})
    >>> dimension_scores(survey, items={"tangibles": [1, 2]})  # doctest: +NORMALIZE_WHITESPACE
               expectation  perception   gap
    dimension
    tangibles         6.25         5.5 -0.75
    """
    answers, _, layout = _answers(survey, items, scale, dropna)
    e = layout.per_dimension(answers["E"].mean(axis=0, dtype=float))
    p = layout.per_dimension(answers["P"].mean(axis=0, dtype=float))
    return pd.DataFrame({"expectation": e, "perception": p, "gap": p - e}, index=_dims_index(layout))


def dimension_scores_by(survey: pd.DataFrame, by: str = "branch",
                        items: Mapping[str, Iterable[int]] = ITEMS_1988,
                        scale: tuple[float, float] = (1, 7), dropna: bool = False,
                        value: str = "gap") -> pd.DataFrame:
    """The gap (or ``value="expectation"``/``"perception"``) per dimension for each group in column ``by``.

    Rows are the groups (sorted), columns the dimensions.

    >>> survey = pd.DataFrame({"E1": [7, 7, 6], "P1": [6, 5, 6], "branch": ["N", "S", "S"]})
    >>> dimension_scores_by(survey, "branch", items={"tangibles": [1]})  # doctest: +NORMALIZE_WHITESPACE
    dimension  tangibles
    branch
    N               -1.0
    S               -1.0
    """
    require_frame(survey, "survey")
    if not isinstance(by, str):
        raise TypeError(f"by must be the name of one column, e.g. 'branch'; got {type(by).__name__}")
    require_columns(survey, [by], "survey")
    per = respondent_gaps(survey, items, scale, dropna, value)
    if len(per) == len(survey):
        keep = np.ones(len(survey), dtype=bool)
    else:  # dropna=True left some respondents out: find them by position (labels may repeat)
        columns = [f"{p}{n}" for p in "EP" for n in _layout(items).numbers]
        keep = survey[columns].notna().all(axis=1).to_numpy()
    groups = survey[by][keep]
    filled = require_filled(groups, by, "survey", dropna, "Fill it", "leave those respondents out").to_numpy()
    per = per[filled]
    return per.groupby(pd.Index(groups.to_numpy()[filled], name=by), sort=True).mean()


def _gaps_by_name(values: Any, dims: tuple[str, ...], what: str) -> pd.Series:
    """A mapping/Series dimension -> number, checked to name exactly ``dims``."""
    if not isinstance(values, (Mapping, pd.Series)):
        raise TypeError(f"{what} must be a mapping or Series dimension -> number, got {type(values).__name__}")
    pairs = list(values.items())
    unknown = [str(k) for k, _ in pairs if k not in dims]
    if unknown:
        raise InputError(f"{what} names {', '.join(unknown)}, which is not one of: {', '.join(dims)}")
    given = {k: require_number(v, f"{what}[{k!r}]") for k, v in pairs}
    missing = [d for d in dims if d not in given]
    if missing:
        raise InputError(f"{what} has no value for {', '.join(missing)}; give one for each of: {', '.join(dims)}")
    return pd.Series([given[d] for d in dims], index=pd.Index(dims, name="dimension"), dtype=float)


def weighted_gaps(survey_or_gaps: Any, weights: Mapping[str, float] | pd.Series | None = None,
                  items: Mapping[str, Iterable[int]] = ITEMS_1988,
                  scale: tuple[float, float] = (1, 7), dropna: bool = False) -> pd.Series:
    """Each dimension's share of the SERVQUAL score, w_d * gap_d; they add up to :func:`servqual_score`.

    ``weights`` (dimension -> importance, e.g. points out of 100) are normalised to sum to 1;
    ``None`` weighs every dimension equally. ``survey_or_gaps`` is a survey, a
    :func:`dimension_scores` frame, or a mapping/Series dimension -> gap.

    >>> gaps = {"tangibles": -0.2, "reliability": -1.0}
    >>> two = {"tangibles": [1], "reliability": [2]}
    >>> weighted_gaps(gaps, {"tangibles": 25, "reliability": 75}, items=two).tolist()
    [-0.05, -0.75]
    """
    layout = _layout(items)
    if isinstance(survey_or_gaps, pd.DataFrame) and "gap" in survey_or_gaps.columns:
        gaps = _gaps_by_name(survey_or_gaps["gap"], layout.dims, "the scores' gap column")
    elif isinstance(survey_or_gaps, pd.DataFrame):
        gaps = dimension_scores(survey_or_gaps, items, scale, dropna)["gap"]
    elif isinstance(survey_or_gaps, (Mapping, pd.Series)):
        gaps = _gaps_by_name(survey_or_gaps, layout.dims, "gaps")
    else:
        raise TypeError(
            "give a survey DataFrame, a dimension_scores frame, or a mapping dimension -> gap; "
            f"got {type(survey_or_gaps).__name__}"
        )
    if weights is None:
        w = pd.Series(1 / len(layout.dims), index=gaps.index)
    else:
        w = require_weights(weights, list(layout.dims), "weights").set_axis(gaps.index)
    return (w * gaps).rename("weighted gap")


def servqual_score(survey_or_gaps: Any, weights: Mapping[str, float] | pd.Series | None = None,
                   items: Mapping[str, Iterable[int]] = ITEMS_1988,
                   scale: tuple[float, float] = (1, 7), dropna: bool = False) -> float:
    """The SERVQUAL score: the mean of the dimension gaps, or their importance-weighted sum.

    With ``weights`` (e.g. a 100-point allocation) the score is sum_d w_d * gap_d, the weights
    normalised to sum to 1. Below 0, perceived quality falls short of expectations (seed 000).

    >>> gaps = {"tangibles": -0.2, "reliability": -1.0}
    >>> two = {"tangibles": [1], "reliability": [2]}
    >>> servqual_score(gaps, items=two)
    -0.6
    >>> servqual_score(gaps, {"tangibles": 25, "reliability": 75}, items=two)
    -0.8
    >>> servqual_score(gaps, {"tangibles": 0, "reliability": 0}, items=two)
    Traceback (most recent call last):
    ...
    cxlib._validate.InputError: weights are all zero; at least one must be positive
    """
    return float(weighted_gaps(survey_or_gaps, weights, items, scale, dropna).sum())


def _item_weights(item_weights: Any, numbers: tuple[int, ...]) -> np.ndarray:
    """Weights by item number, checked, normalised to sum to 1, in the order of ``numbers``."""
    if not isinstance(item_weights, (Mapping, pd.Series)):
        raise TypeError("item_weights must be a mapping item number -> weight, e.g. {1: 0.05, 2: 0.04, ...}; "
                        f"got {type(item_weights).__name__}")
    keys = list(item_weights.keys())
    unknown = [repr(k) for k in keys if isinstance(k, bool) or k not in numbers]
    if unknown:
        raise InputError(f"item_weights name item {', '.join(unknown[:8])}, which the item map does not "
                         f"list (its items: {', '.join(map(str, numbers))})")
    missing = [str(n) for n in numbers if n not in keys]
    if missing:
        raise InputError(f"item_weights give no weight for item {', '.join(missing[:8])}"
                         f"{' ...' if len(missing) > 8 else ''}; give every item one (0 is allowed)")
    by_name = {str(int(k)): v for k, v in item_weights.items()}
    return require_weights(by_name, [str(n) for n in numbers], "item_weights").to_numpy()


def seed_sq(survey: pd.DataFrame, item_weights: Mapping[int, float] | pd.Series | None = None,
            items: Mapping[str, Iterable[int]] = ITEMS_1988,
            scale: tuple[float, float] = (1, 7), dropna: bool = False) -> pd.Series:
    """Seed 000's score per respondent: SQ = sum_i (P_i - E_i), or sum_i w_i (P_i - E_i) with sum w_i = 1.

    ``item_weights`` maps item number -> weight and is normalised to sum to 1. Unweighted,
    SQ / 22 is the mean item gap, which weighs each dimension by its item count (4, 5, 4, 4, 5)
    and so differs from :func:`servqual_score`'s mean of dimension gaps. With
    ``item_weights_from_dimensions(v)`` (w_i = v_d / n_d) the mean SQ equals
    ``servqual_score(survey, v)`` exactly.

    >>> survey = pd.DataFrame({"E1": [7, 7], "P1": [6, 5], "E2": [5, 6], "P2": [4, 7]})
    >>> seed_sq(survey, items={"tangibles": [1, 2]}).tolist()
    [-2.0, -1.0]
    >>> seed_sq(survey, {1: 3, 2: 1}, items={"tangibles": [1, 2]}).tolist()
    [-1.0, -1.25]
    """
    answers, rows, layout = _answers(survey, items, scale, dropna)
    E, P = answers["E"], answers["P"]
    if item_weights is None:
        sq = P.sum(axis=1, dtype=float) - E.sum(axis=1, dtype=float)
    else:
        w = _item_weights(item_weights, layout.numbers)
        sq = P @ w - E @ w
    return pd.Series(sq, index=rows, name="SQ")


def item_weights_from_dimensions(weights: Mapping[str, float] | pd.Series | None = None,
                                 items: Mapping[str, Iterable[int]] = ITEMS_1988) -> pd.Series:
    """Item weights w_i = v_d / n_d that turn seed 000's weighted SQ into the dimension-weighted score.

    ``v`` are the dimension weights normalised to 1 (``None``: equal), ``n_d`` the dimension's
    item count. The result is indexed by item number and sums to 1.

    >>> item_weights_from_dimensions({"tangibles": 1, "reliability": 3},
    ...                              items={"tangibles": [1, 2], "reliability": [3]}).tolist()
    [0.125, 0.125, 0.75]
    """
    layout = _layout(items)
    if weights is None:
        v = np.full(len(layout.dims), 1 / len(layout.dims))
    else:
        v = require_weights(weights, list(layout.dims), "weights").to_numpy()
    per_item = np.repeat(v / layout.counts, layout.counts.astype(int))
    return pd.Series(per_item, index=pd.Index(layout.numbers, name="item"), name="weight")


# --- reliability of the scale -------------------------------------------------------------------


def _alpha(values: np.ndarray) -> float:
    values = values.astype(float)  # small: one dimension's items
    k = values.shape[1]
    total_var = values.sum(axis=1).var(ddof=1)
    if k < 2 or not total_var > 0:
        return float("nan")
    return float(k / (k - 1) * (1 - values.var(axis=0, ddof=1).sum() / total_var))


def cronbach_alpha(frame: pd.DataFrame, dropna: bool = False) -> float:
    """Cronbach's alpha of the items in ``frame``'s columns: k/(k-1) * (1 - sum var_i / var_total).

    Variances use ddof=1. Alpha near 1 means the items move together (measure one thing);
    0.7 is the usual lower bar. Needs at least 2 items and 2 respondents.

    >>> cronbach_alpha(pd.DataFrame({"P5": [3, 2, 1], "P6": [3, 4, 1]}))
    0.75
    >>> cronbach_alpha(pd.DataFrame({"P5": [7, 5, 3]}))
    Traceback (most recent call last):
    ...
    cxlib._validate.InputError: Cronbach's alpha needs at least 2 item columns; got 1 (P5)
    """
    require_frame(frame, "items")
    if frame.shape[1] < 2:
        raise InputError(
            f"Cronbach's alpha needs at least 2 item columns; got {frame.shape[1]} "
            f"({', '.join(map(str, frame.columns))})"
        )
    values, _ = require_score_matrix(frame, list(frame.columns), None, "items", dropna)
    if values.shape[0] < 2:
        raise InputError(f"Cronbach's alpha needs at least 2 respondents (rows); got {values.shape[0]}")
    alpha = _alpha(values)
    if np.isnan(alpha):
        raise InputError("every respondent has the same total score, so alpha is undefined "
                         "(there is no variation for the items to share)")
    return alpha


def reliability_table(survey: pd.DataFrame, items: Mapping[str, Iterable[int]] = ITEMS_1988,
                      scale: tuple[float, float] = (1, 7), dropna: bool = False) -> pd.DataFrame:
    """Cronbach's alpha of the expectation items and of the perception items of each dimension.

    A dimension with one item, or whose answers never vary, has no alpha (NaN).

    >>> survey = pd.DataFrame({"E1": [3, 2, 1], "E2": [3, 4, 1], "P1": [3, 2, 1], "P2": [3, 4, 1]})
    >>> reliability_table(survey, items={"tangibles": [1, 2]})  # doctest: +NORMALIZE_WHITESPACE
               items  alpha_expectation  alpha_perception
    dimension
    tangibles      2               0.75              0.75
    """
    answers, _, layout = _answers(survey, items, scale, dropna)
    rows = []
    for start, count in zip(layout.starts, layout.counts.astype(int)):
        cols = slice(start, start + count)
        rows.append((count, _alpha(answers["E"][:, cols]), _alpha(answers["P"][:, cols])))
    return pd.DataFrame(rows, index=_dims_index(layout),
                        columns=["items", "alpha_expectation", "alpha_perception"])


# --- zone of tolerance and importance-performance ------------------------------------------------


def tolerance_zone(adequate: Any, desired: Any = None, perceived: Any = None, *,
                   items: Mapping[str, Iterable[int]] = ITEMS_1988,
                   scale: tuple[float, float] = (1, 7), dropna: bool = False) -> pd.DataFrame:
    """Where perceived service sits against the zone of tolerance, adequate to desired (PZB 1994).

    Give three mappings/Series by dimension, or one survey with ``A``/``E``/``P`` item columns
    (adequate, desired = the expectation items, perceived), whose dimension means are used.
    MSA = perceived - adequate (measure of service adequacy), MSS = perceived - desired
    (measure of service superiority); ``position`` is ``"below"`` (MSA < 0), ``"above"``
    (MSS > 0) or ``"inside"``.

    >>> tolerance_zone({"reliability": 5.0}, {"reliability": 6.5}, {"reliability": 4.6})  # doctest: +NORMALIZE_WHITESPACE
                 adequate  desired  perceived  MSA  MSS position
    dimension
    reliability       5.0      6.5        4.6 -0.4 -1.9    below
    """
    if isinstance(adequate, pd.DataFrame):
        if desired is not None or perceived is not None:
            raise TypeError("give either one survey with A, E and P columns, or three mappings by "
                            "dimension (adequate, desired, perceived), not a mix")
        answers, _, layout = _answers(adequate, items, scale, dropna, prefixes="AEP")
        a, d, p = (layout.per_dimension(answers[k].mean(axis=0, dtype=float)) for k in "AEP")
        dims = layout.dims
    else:
        if desired is None or perceived is None:
            raise TypeError("tolerance_zone needs adequate, desired and perceived (or one survey "
                            "with A, E and P columns)")
        if not isinstance(adequate, (Mapping, pd.Series)):
            raise TypeError("adequate must be a mapping or Series dimension -> score, "
                            f"got {type(adequate).__name__}")
        dims = tuple(adequate.keys())
        a, d, p = (_gaps_by_name(x, dims, name).to_numpy()
                   for x, name in ((adequate, "adequate"), (desired, "desired"), (perceived, "perceived")))
    swapped = np.flatnonzero(a > d)
    if swapped.size:
        j = swapped[0]
        raise InputError(
            f"adequate service is above desired service for {dims[j]} ({a[j]:g} > {d[j]:g}); the zone "
            "of tolerance runs from adequate (the least customers accept) up to desired. Swapped?"
        )
    msa, mss = p - a, p - d
    position = np.where(msa < 0, "below", np.where(mss > 0, "above", "inside"))
    return pd.DataFrame({"adequate": a, "desired": d, "perceived": p, "MSA": msa, "MSS": mss,
                         "position": position}, index=pd.Index(dims, name="dimension"))


def importance_performance(importance: Mapping[str, float] | pd.Series,
                           performance: Mapping[str, float] | pd.Series,
                           cuts: tuple[float, float] | None = None) -> pd.DataFrame:
    """Place each attribute in a Martilla & James (1977) quadrant by its importance and performance.

    The split is at the mean importance and mean performance, or at ``cuts=(importance,
    performance)``; a value on the cut counts as high. Quadrants: high importance and high
    performance "keep up the good work"; high/low "concentrate here"; low/low "low priority";
    low/high "possible overkill".

    >>> importance = {"reliability": 32, "tangibles": 11}
    >>> importance_performance(importance, {"reliability": -1.2, "tangibles": 0.1})  # doctest: +NORMALIZE_WHITESPACE
                 importance  performance               quadrant
    attribute
    reliability        32.0         -1.2       concentrate here
    tangibles          11.0          0.1      possible overkill
    """
    if not isinstance(importance, (Mapping, pd.Series)):
        raise TypeError("importance must be a mapping or Series attribute -> number, "
                        f"got {type(importance).__name__}")
    names = tuple(importance.keys())
    imp = _gaps_by_name(importance, names, "importance").to_numpy()
    perf = _gaps_by_name(performance, names, "performance").to_numpy()
    if cuts is None:
        cut_i, cut_p = imp.mean(), perf.mean()
    else:
        if not isinstance(cuts, (tuple, list)) or len(cuts) != 2:
            raise TypeError(f"cuts must be a pair (importance cut, performance cut); got {cuts!r}")
        cut_i, cut_p = require_number(cuts[0], "importance cut"), require_number(cuts[1], "performance cut")
    high_i, high_p = imp >= cut_i, perf >= cut_p
    quadrant = np.select([high_i & high_p, high_i & ~high_p, ~high_i & ~high_p], QUADRANTS[:3], QUADRANTS[3])
    table = pd.DataFrame({"importance": imp, "performance": perf, "quadrant": quadrant},
                         index=pd.Index(names, name="attribute"))
    table.attrs["cuts"] = (float(cut_i), float(cut_p))
    return table


# --- how sure: intervals and n -----------------------------------------------------------------


def gap_intervals(survey: pd.DataFrame, items: Mapping[str, Iterable[int]] = ITEMS_1988,
                  scale: tuple[float, float] = (1, 7), dropna: bool = False, value: str = "gap",
                  level: float = 0.95) -> pd.DataFrame:
    """Each dimension's mean gap (or ``value="perception"``...) with n and its 95 % t interval.

    The gap is the mean over respondents of each respondent's dimension gap, so the t interval
    of those per-respondent values is the interval of the gap (:func:`cxlib.uncertainty.mean_ci`).

    >>> survey = pd.DataFrame({"E1": [7, 7, 6, 6], "P1": [5, 6, 6, 5]})
    >>> gap_intervals(survey, items={"speed": [1]}).round(2)  # gaps -2, -1, 0, -1  # doctest: +NORMALIZE_WHITESPACE
               n  gap  low  high
    dimension
    speed      4 -1.0 -2.3   0.3
    """
    from .uncertainty import t_bounds

    per = respondent_gaps(survey, items, scale, dropna, value)
    mean, sd, n = per.mean().to_numpy(), per.std(ddof=1).to_numpy(), len(per)
    low, high = t_bounds(mean, sd, n, level)
    return pd.DataFrame({"n": n, value: mean, "low": low, "high": high}, index=per.columns)


def segment_gaps(survey: pd.DataFrame, by: str = "branch", items: Mapping[str, Iterable[int]] = ITEMS_1988,
                 scale: tuple[float, float] = (1, 7), dropna: bool = False, value: str = "gap",
                 level: float = 0.95, small: int = 10) -> pd.DataFrame:
    """The gap per segment and dimension with n and its interval, and the segment against the rest.

    One row per segment and dimension: ``n``, the segment's ``gap`` with ``low``/``high``, the
    gap of everyone else (``rest_gap``), the ``difference`` with its Welch interval
    (``diff_low``, ``diff_high``), a ``verdict`` ("below the rest", "above the rest" only when
    that interval excludes 0; else "no clear difference") and ``small`` (fewer than ``small``
    respondents). See :func:`cxlib.uncertainty.compare_segments`.

    >>> survey = pd.DataFrame({"E1": [7] * 8, "P1": [4, 5, 4, 5, 6, 7, 6, 6],
    ...                        "branch": ["East"] * 4 + ["West"] * 4})
    >>> t = segment_gaps(survey, "branch", items={"speed": [1]})
    >>> t[["n", "gap", "rest_gap", "verdict"]]  # doctest: +NORMALIZE_WHITESPACE
                    n   gap  rest_gap         verdict
    branch dimension
    East   speed    4 -2.50     -0.75  below the rest
    West   speed    4 -0.75     -2.50  above the rest
    """
    from .uncertainty import compare_segments

    require_frame(survey, "survey")
    if not isinstance(by, str):
        raise TypeError(f"by must be the name of one column, e.g. 'branch'; got {type(by).__name__}")
    require_columns(survey, [by], "survey")
    per = respondent_gaps(survey, items, scale, dropna, value)
    if len(per) == len(survey):
        keep = np.ones(len(survey), dtype=bool)
    else:
        columns = [f"{p}{n}" for p in "EP" for n in _layout(items).numbers]
        keep = survey[columns].notna().all(axis=1).to_numpy()
    groups = survey[by][keep]
    filled = require_filled(groups, by, "survey", dropna, "Fill it", "leave those respondents out").to_numpy()
    per = per[filled].reset_index(drop=True)
    keys = pd.Index(groups.to_numpy()[filled], name=by)
    centre = per.to_numpy().mean()
    shifted = per - centre
    grouped = shifted.groupby(keys, sort=True)
    table = compare_segments(grouped.size(), grouped.sum(), (shifted ** 2).groupby(keys, sort=True).sum(),
                             level, small, centre)
    return table.rename(columns={"mean": value, "rest_mean": f"rest_{value}"})
