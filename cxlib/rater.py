"""The RATER index: five service factors rolled into one score from 0 to 100 (seed 000).

The Forum Corporation's study (seed 000) named five factors of service quality: Reliability,
Assurance, Tangibles, Empathy, Responsiveness. This module turns mean factor scores on a
rating scale (1-5 by default) into one index and says which factor to improve first.

- :func:`rater_index` -- the weighted index, 0 (everything at the bottom) to 100 (at the top).
- :func:`improvement_priority` -- factors ordered by the index points each would add if it
  reached the top of the scale.
- :func:`rater_by` -- factor means and the index for every branch (or any other group).
- ``FACTORS``, ``FACTOR_TABLE`` (names, Chinese terms, meanings), ``STUDY`` (the study's facts).

>>> scores = {"reliability": 4, "assurance": 4, "tangibles": 5, "empathy": 3, "responsiveness": 2}
>>> rater_index(scores)
65.0
>>> improvement_priority(scores).index[0]
'responsiveness'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from ._validate import (InputError, _check_scale, require_columns, require_flag, require_frame, require_number,
                        require_scores, require_weights, rows_at, show_rows)

__all__ = ["FACTORS", "FACTOR_TABLE", "STUDY", "rater_index", "improvement_priority", "rater_by"]

FACTORS = ("reliability", "assurance", "tangibles", "empathy", "responsiveness")
"""The five RATER factors, in the order of the acronym (seed 000)."""

FACTOR_TABLE = pd.DataFrame(
    [
        ("reliability", "R", "信赖度", "keeping every promise made to customers, every time"),
        ("assurance", "A", "专业度", "staff knowledge, skill and courtesy; respect and clear communication"),
        ("tangibles", "T", "有形度", "facilities, surroundings, staff appearance, visible care (a child seat at a restaurant)"),
        ("empathy", "E", "同理度", "seeing the situation through the customer's eyes and understanding their needs"),
        ("responsiveness", "R", "反应度", "willingness to help promptly; fixing problems fast when they occur"),
    ],
    columns=["factor", "letter", "chinese", "meaning"],
).set_index("factor")
"""The five factors with the Chinese terms of seed 000 and what each covers (seed 000).

Seed 000 prints responsiveness as 反映度, a homophone slip for the usual 反应度.
"""

STUDY = {
    "organisation": "Forum Corporation (US)",
    "years": 10,
    "service_staff": 10_000,
    "industries": 14,
    "examples": ("retail", "credit cards", "banking", "manufacturing", "insurance", "service and repair"),
}
"""The study behind the index as seed 000 describes it: nearly ten years, about ten thousand
service staff and their customers, fourteen industries."""


def _factor_columns(frame: pd.DataFrame, columns: Any, what: str) -> list:
    """The frame's column holding each factor, in the order of FACTORS (``columns``: file name -> factor)."""
    if columns is None:
        columns = {}
    if not isinstance(columns, Mapping):
        raise TypeError("columns must map your column names to factor names, e.g. {'REL': 'reliability', "
                        f"'TANG': 'tangibles', ...}}; got {type(columns).__name__}")
    source = {}
    for name, factor in columns.items():
        if factor not in FACTORS:
            raise InputError(f"columns maps {name!r} to {factor!r}, which is not one of: {', '.join(FACTORS)}")
        if factor in source:
            raise InputError(f"columns maps both {source[factor]!r} and {name!r} to {factor}; give each factor one column")
        if name not in frame.columns:
            have = ", ".join(map(str, list(frame.columns)[:12]))
            raise InputError(f"columns names {name!r}, which {what} does not have (it has: {have})")
        source[factor] = name
    labels = [source.get(f, f) for f in FACTORS]
    missing = [f for f, label in zip(FACTORS, labels) if label not in frame.columns]
    if missing:
        have = ", ".join(map(str, list(frame.columns)[:12]))
        raise InputError(
            f"{what} has no column {', '.join(missing)} (it has: {have}). RATER needs the five "
            "factor columns named reliability, assurance, tangibles, empathy, responsiveness; say which "
            "of yours is which with columns={'REL': 'reliability', ...}, or rename them first"
        )
    return labels


def _place(means: np.ndarray, lo: float, hi: float, higher_is_better: Any) -> np.ndarray:
    """Where each score sits between the worst (0) and the best (1) end of the scale."""
    if require_flag(higher_is_better, "higher_is_better"):
        return (means - lo) / (hi - lo)
    return (hi - means) / (hi - lo)


def _factor_means(scores: Any, scale: tuple[float, float], dropna: bool, columns: Any = None) -> np.ndarray:
    """Mean score per factor, in the order of FACTORS, after checking every value."""
    lo, hi = _check_scale(scale)
    if isinstance(scores, pd.DataFrame):
        require_frame(scores, "scores")
        labels = _factor_columns(scores, columns, "scores")
        return require_scores(scores, labels, (lo, hi), what="scores", dropna=dropna).mean().to_numpy()
    if columns is not None:
        raise TypeError("columns= renames the columns of a DataFrame of respondents; scores here is a "
                        f"{type(scores).__name__}: name its keys after the factors instead")
    if not isinstance(scores, (Mapping, pd.Series)):
        raise TypeError(
            "scores must be a mapping factor -> mean score, a pandas Series, or a DataFrame of "
            f"respondents with the five factor columns; got {type(scores).__name__}"
        )
    keys = list(scores.keys())
    unknown = [str(k) for k in keys if k not in FACTORS]
    if unknown:
        raise InputError(f"scores name {', '.join(unknown)}, which is not one of: {', '.join(FACTORS)}")
    missing = [f for f in FACTORS if f not in keys]
    if missing:
        raise InputError(f"scores give no value for {', '.join(missing)}; give all five RATER factors")
    values = np.array([require_number(scores[f], f"scores[{f!r}]") for f in FACTORS])
    outside = (values < lo) | (values > hi)
    if outside.any():
        k = int(np.argmax(outside))
        raise InputError(f"scores[{FACTORS[k]!r}] is {values[k]:g}, outside the {lo:g}-{hi:g} scale; "
                         "pass the right scale= or fix it")
    return values


def _weights(weights: Any) -> np.ndarray:
    if weights is None:
        return np.full(len(FACTORS), 1.0 / len(FACTORS))
    return require_weights(weights, FACTORS, what="weights").to_numpy()


def rater_index(
    scores: Any,
    weights: Mapping[str, float] | pd.Series | None = None,
    scale: tuple[float, float] = (1, 5),
    dropna: bool = False,
    *,
    higher_is_better: bool = True,
    columns: Mapping[str, str] | None = None,
) -> float:
    """RATER index from 0 to 100: 100 x the weighted mean of each factor's place on the scale.

    ``index = 100 * sum_f w_f (s_f - lo) / (hi - lo) / sum_f w_f``. ``scores`` is a mapping or
    Series ``factor -> mean score``, or a DataFrame with one row per respondent and the five
    factor columns (other columns are ignored; the column means are used, and ``dropna=True``
    leaves out respondents with a blank). ``weights`` (e.g. importance points out of 100) are
    normalised, so only their proportions matter; ``None`` weighs the factors equally.

    Where the lowest score is the best (1 = excellent), pass ``higher_is_better=False``: each
    score s then counts as lo + hi - s, so 100 still means every factor at the best end.
    ``columns`` maps a DataFrame's own column names to the factors, e.g.
    ``{"REL": "reliability", "TANG": "tangibles", ...}``, so it need not be renamed.

    >>> rater_index({"reliability": 5, "assurance": 5, "tangibles": 5, "empathy": 5, "responsiveness": 5})
    100.0
    >>> round(rater_index({"reliability": 3.4, "assurance": 3.4, "tangibles": 3.4, "empathy": 3.4,
    ...                    "responsiveness": 3.4}), 6)
    60.0
    >>> round(rater_index(dict.fromkeys(FACTORS, 1.8), higher_is_better=False), 6)  # 1 = best
    80.0
    >>> rater_index({"reliability": 6, "assurance": 4, "tangibles": 4, "empathy": 4, "responsiveness": 4})
    Traceback (most recent call last):
    ...
    cxlib._validate.InputError: scores['reliability'] is 6, outside the 1-5 scale; pass the right scale= or fix it
    """
    lo, hi = _check_scale(scale)
    means = _factor_means(scores, (lo, hi), dropna, columns)
    w = _weights(weights)
    return float(100.0 * np.dot(w, _place(means, lo, hi, higher_is_better)))


def improvement_priority(
    scores: Any,
    weights: Mapping[str, float] | pd.Series | None = None,
    scale: tuple[float, float] = (1, 5),
    dropna: bool = False,
    *,
    higher_is_better: bool = True,
    columns: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Factors ordered by the index points each would add if raised to the top of the scale.

    One row per factor, largest gain first (ties keep the RATER order), with columns
    ``score`` (mean score), ``weight`` (normalised, sums to 1), ``shortfall`` (share of the
    scale still missing, ``(hi - s) / (hi - lo)``) and ``gain`` (``100 * weight * shortfall``,
    index points). The gains add up to ``100 - rater_index(...)``. Inputs as in
    :func:`rater_index`; with ``higher_is_better=False`` the best end is the bottom of the
    scale, so the shortfall is ``(s - lo) / (hi - lo)``.

    Tangibles score lowest here, yet weighted by importance they come almost last:

    >>> scores = {"reliability": 4, "assurance": 4, "tangibles": 2, "empathy": 4, "responsiveness": 2.6}
    >>> improvement_priority(scores, weights={"reliability": 40, "assurance": 20, "tangibles": 5,
    ...                                       "empathy": 15, "responsiveness": 20})["gain"].round(2)
    factor
    responsiveness    12.00
    reliability       10.00
    assurance          5.00
    tangibles          3.75
    empathy            3.75
    Name: gain, dtype: float64
    >>> improvement_priority(scores, higher_is_better=False).index[0]  # 1 = best: 4 is the weakest
    'reliability'
    """
    lo, hi = _check_scale(scale)
    means = _factor_means(scores, (lo, hi), dropna, columns)
    w = _weights(weights)
    shortfall = _place(means, hi, lo, higher_is_better)  # the place read from the other end: (hi - s) / (hi - lo)
    gain = 100.0 * w * shortfall
    # stable sort on the negated gain keeps the RATER order among (near-)ties
    order = np.argsort(-np.round(gain, 9), kind="stable")
    index = pd.Index([FACTORS[k] for k in order], name="factor")
    return pd.DataFrame({"score": means[order], "weight": w[order], "shortfall": shortfall[order],
                         "gain": gain[order]}, index=index)


def rater_by(
    frame: pd.DataFrame,
    by: str = "branch",
    weights: Mapping[str, float] | pd.Series | None = None,
    scale: tuple[float, float] = (1, 5),
    dropna: bool = False,
    *,
    higher_is_better: bool = True,
    columns: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Mean factor scores, respondent count and RATER index for each group (e.g. branch).

    One row per group, sorted by index from highest to lowest; columns are the five factors,
    ``n`` and ``index``. ``higher_is_better`` and ``columns`` as in :func:`rater_index`.

    >>> survey = pd.DataFrame({"branch": ["A", "A", "B"], "reliability": [5, 3, 2],
    ...     "assurance": [4, 4, 2], "tangibles": [4, 4, 2], "empathy": [4, 4, 2], "responsiveness": [4, 4, 2]})
    >>> rater_by(survey)["index"]
    branch
    A    75.0
    B    25.0
    Name: index, dtype: float64
    >>> rater_by(survey, higher_is_better=False)["index"]  # the same answers where 1 = best
    branch
    B    75.0
    A    25.0
    Name: index, dtype: float64
    >>> hospital = pd.DataFrame({"REL": [5, 3], "ASS": [4, 4], "TANG": [4, 4], "EMP": [4, 4], "RESP": [4, 4]})
    >>> names = {"REL": "reliability", "ASS": "assurance", "TANG": "tangibles", "EMP": "empathy",
    ...          "RESP": "responsiveness"}
    >>> round(rater_index(hospital, columns=names), 6)  # every factor's mean is 4 of 5
    75.0
    """
    require_frame(frame, "survey")
    if not isinstance(by, str):
        raise TypeError(f"by must be one column name, got {type(by).__name__}")
    require_columns(frame, [by], "survey")
    lo, hi = _check_scale(scale)
    labels = _factor_columns(frame, columns, "survey")
    clean = require_scores(frame, labels, (lo, hi), what="survey", dropna=dropna).set_axis(list(FACTORS), axis=1)
    # the rows kept, by position (index labels may repeat)
    keep = (frame[labels].notna().all(axis=1).to_numpy() if len(clean) < len(frame)
            else np.ones(len(frame), dtype=bool))
    blank = keep & frame[by].isna().to_numpy()
    if blank.any():
        raise InputError(f"survey column {by} is blank in {show_rows(rows_at(frame.index, blank))}")
    grouped = clean.groupby(frame[by].to_numpy()[keep], sort=True)
    table = grouped.mean()
    table["n"] = grouped.size()
    w = _weights(weights)
    table["index"] = 100.0 * _place(table[list(FACTORS)].to_numpy(), lo, hi, higher_is_better) @ w
    table.index.name = by
    return table.sort_values("index", ascending=False, kind="stable")
