"""SERVQUAL: service quality as perception minus expectation, on five dimensions.

Parasuraman, Zeithaml and Berry (1988) ask 22 expectation items (what an excellent firm in
the industry would offer) and the same 22 as perceptions (this firm), on a 7-point scale
(7 = strongly agree); seed 000 summarises the instrument. A survey here is a DataFrame with
one row per respondent and columns ``E1``..``E22`` and ``P1``..``P22``; other columns (branch,
channel...) are ignored. Every function takes ``items=`` (dimension -> item numbers, default
:data:`ITEMS_1988`) and ``scale=`` so your own instrument works too, ``columns=`` for a file
whose columns are named otherwise (``{"E": "exp_", "P": "perc_"}``), and ``dropna=``: blanks
raise (``False``), leave out the respondent (``True``) or leave out just that answer
(``"pairwise"``). A perceptions-only survey is scored the SERVPERF way with
``dimension_scores(..., perceptions_only=True)``.

- :func:`item_gaps` -- P - E for every respondent and item.
- :func:`respondent_gaps` -- each respondent's mean item gap per dimension.
- :func:`dimension_scores` -- mean expectation, perception and gap per dimension.
- :func:`dimension_scores_by` -- the gap per dimension for each branch, channel...
- :func:`weighted_gaps`, :func:`servqual_score` -- the score, unweighted or weighted by importance.
- :func:`seed_sq`, :func:`item_weights_from_dimensions` -- seed 000's SQ = sum_i w_i (P_i - E_i).
- :func:`cronbach_alpha`, :func:`reliability_table` -- do a dimension's items hang together?
  (raw alpha, or ``standardized=True``: the alpha plspm and SmartPLS publish)
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

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

from ._columns import ROLES, ItemColumns, numbered_columns_hint
from ._validate import (
    InputError,
    _check_scale,
    require_columns,
    require_filled,
    require_flag,
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

    def per_dimension_answered(self, matrix: np.ndarray) -> np.ndarray:
        """Mean of the items each row answered, per dimension; NaN where a row answered none."""
        answered = ~np.isnan(matrix)
        sums = np.add.reduceat(np.where(answered, matrix, 0.0), self.starts, axis=-1)
        counts = np.add.reduceat(answered, self.starts, axis=-1, dtype=float)
        with np.errstate(invalid="ignore", divide="ignore"):
            return sums / counts


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


def _check_survey(survey: Any, layout: _Layout, prefixes: str, naming: ItemColumns | None = None) -> None:
    require_frame(survey, "survey")
    naming = naming or ItemColumns(survey)
    cols = naming.cols
    missing = [naming.shown(p, n) for n in layout.numbers for p in prefixes if naming.label(p, n) not in cols]
    if missing:
        more = f" and {len(missing) - 8} more" if len(missing) > 8 else ""
        names = [ROLES[p] for p in prefixes]
        roles = ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]
        roles = ("an " if roles[0] in "ae" else "a ") + roles
        tip = ""
        if "E" in prefixes and not naming.numbers("E"):
            tip = (" The survey has no expectation columns at all: SERVQUAL needs both E and P "
                   "(a perceptions-only survey is SERVPERF: dimension_scores(..., perceptions_only=True) "
                   "averages its P items per dimension).")
        if not any(naming.numbers(p) for p in prefixes):
            tip += numbered_columns_hint(cols, prefixes)
        raise InputError(
            f"survey has no column {', '.join(missing[:8])}{more}, but items= lists those items: "
            f"each item needs {roles} column named like {naming.label(prefixes[0], 1)}.{tip} "
            "Rename the columns (or pass columns=), or pass items= with your own item numbers."
        )
    labels = [naming.label(p, n) for p in prefixes for n in layout.numbers]
    if len(set(labels)) < len(labels):
        twice = next(label for label in labels if labels.count(label) > 1)
        raise InputError(f"column {twice} would answer more than one item; check columns=")
    found = set().union(*(naming.numbers(p) for p in prefixes))
    unmapped = sorted(found - set(layout.numbers))
    if unmapped:
        shown = ", ".join(map(str, unmapped[:8])) + (" ..." if len(unmapped) > 8 else "")
        p = next(p for p in prefixes if unmapped[0] in naming.numbers(p))
        raise InputError(
            f"survey has answers to items {shown} (columns such as {naming.label(p, unmapped[0])}) that no "
            f"dimension in items= lists (it lists {len(layout.numbers)} items). Add them to a "
            "dimension in items=, or drop those columns first, so no answer is silently left out."
        )


_DROPNA_MODES = ("dropna must be False (blanks raise), True (leave out respondents with a blank) or "
                 "'pairwise' (every mean uses the answers given)")


def _dropna_mode(dropna: Any) -> bool | str:
    if isinstance(dropna, (bool, np.bool_)):
        return bool(dropna)
    if isinstance(dropna, str) and dropna.strip().lower() == "pairwise":
        return "pairwise"
    raise InputError(f"{_DROPNA_MODES}; got {dropna!r}")


def _matrix_with_blanks(frame: pd.DataFrame, labels: list, scale: Any, what: str) -> tuple[np.ndarray, pd.Index]:
    """Checked answers as floats, blanks kept as NaN (for ``dropna="pairwise"``)."""
    block = frame.loc[:, labels]
    blank = block.isna().to_numpy()
    if block.shape[1] != len(labels) or not blank.any():
        return require_score_matrix(frame, labels, scale, what)
    if blank.all(axis=0).any():
        raise InputError(f"{what} column {labels[int(np.argmax(blank.all(axis=0)))]} has no answers at all; "
                         "leave that item out of items= (or out of the table)")
    if all(pd.api.types.is_numeric_dtype(t) and not pd.api.types.is_bool_dtype(t) for t in block.dtypes):
        values = block.to_numpy(dtype=float, na_value=np.nan)  # fast path: numbers and NaN only
        low, high = np.where(blank, np.inf, values).min(axis=0), np.where(blank, -np.inf, values).max(axis=0)
        lo, hi = (-np.inf, np.inf) if scale is None else _check_scale(scale)
        if np.isfinite(low).all() and np.isfinite(high).all() and (low >= lo).all() and (high <= hi).all():
            return values, block.index
    stand_in = 0.0 if scale is None else float(scale[0])  # a valid score while checking the rest
    values, rows = require_score_matrix(block.astype(object).where(~blank, stand_in), labels, scale, what)
    values = values.astype(float)
    values[blank] = np.nan
    return values, rows


def _answers(survey: Any, items: Any, scale: Any, dropna: Any, prefixes: str = "EP", columns: Any = None):
    """Checked answer matrices by prefix (rows = respondents kept, columns = items), rows, layout.

    With ``dropna="pairwise"`` the matrices are floats with NaN for blanks and no row is dropped.
    """
    layout = _layout(items)
    mode = _dropna_mode(dropna)
    require_frame(survey, "survey")
    naming = ItemColumns(survey, columns)
    _check_survey(survey, layout, prefixes, naming)
    labels = [naming.label(p, n) for p in prefixes for n in layout.numbers]
    if mode == "pairwise":
        values, rows = _matrix_with_blanks(survey, labels, scale, "survey")
    else:
        values, rows = require_score_matrix(survey, labels, scale, "survey", mode)
    k = len(layout.numbers)
    return {p: values[:, j * k:(j + 1) * k] for j, p in enumerate(prefixes)}, rows, layout


def _item_means(matrix: np.ndarray) -> np.ndarray:
    """Each item's mean over the respondents who answered it."""
    if matrix.dtype.kind == "f" and np.isnan(matrix).any():
        return np.nanmean(matrix, axis=0)
    return matrix.mean(axis=0, dtype=float)


def _dims_index(layout: _Layout) -> pd.Index:
    return pd.Index(layout.dims, name="dimension")


# --- gaps and scores ---------------------------------------------------------------------------


def item_gaps(survey: pd.DataFrame, items: Mapping[str, Iterable[int]] = ITEMS_1988,
              scale: tuple[float, float] = (1, 7), dropna: bool | str = False, *,
              columns: Mapping[Any, str] | None = None) -> pd.DataFrame:
    """Gap P - E for every respondent (row) and item (column); negative means the service falls short.

    Blanks raise an error naming the column and rows; ``dropna=True`` leaves out respondents
    with any blank answer instead, and ``dropna="pairwise"`` keeps everyone, with NaN where
    E or P is blank. ``columns=`` reads columns not named E1, P1... (see :func:`dimension_scores`).

    >>> survey = pd.DataFrame({"E1": [7, 7], "P1": [6, 5], "E2": [5, 6], "P2": [4, 7]})
    >>> item_gaps(survey, items={"tangibles": [1, 2]})  # doctest: +NORMALIZE_WHITESPACE
    item    1    2
    0    -1.0 -1.0
    1    -2.0  1.0
    >>> odd = pd.DataFrame({"exp_1": [7, 7], "perc_1": [6, 5]})
    >>> item_gaps(odd, items={"tangibles": [1]}, columns={"E": "exp_", "P": "perc_"})[1].tolist()
    [-1.0, -2.0]
    >>> item_gaps(survey.drop(columns="E2"), items={"tangibles": [1, 2]})
    Traceback (most recent call last):
    ...
    cxlib._validate.InputError: survey has no column E2, but items= lists those items: each item needs an expectation (E) and perception (P) column named like E1. Rename the columns (or pass columns=), or pass items= with your own item numbers.
    """
    answers, rows, layout = _answers(survey, items, scale, dropna, columns=columns)
    return pd.DataFrame(np.subtract(answers["P"], answers["E"], dtype=float), index=rows,
                        columns=pd.Index(layout.numbers, name="item"))


_PREFIXES = {"gap": "EP", "expectation": "E", "perception": "P"}


def respondent_gaps(survey: pd.DataFrame, items: Mapping[str, Iterable[int]] = ITEMS_1988,
                    scale: tuple[float, float] = (1, 7), dropna: bool | str = False,
                    value: str = "gap", *, columns: Mapping[Any, str] | None = None) -> pd.DataFrame:
    """Each respondent's mean answer per dimension: the gap (default), expectation or perception.

    ``value="perception"`` needs only the P columns (a perceptions-only survey works). With
    ``dropna="pairwise"`` each respondent's mean uses the items they answered (for the gap:
    answered both E and P); NaN where they answered none of a dimension's items.

    >>> survey = pd.DataFrame({"E1": [7, 7], "P1": [6, 5], "E2": [5, 6], "P2": [4, 7]})
    >>> respondent_gaps(survey, items={"tangibles": [1, 2]})  # doctest: +NORMALIZE_WHITESPACE
    dimension  tangibles
    0               -1.0
    1               -0.5
    >>> gappy = pd.DataFrame({"E1": [7, 6], "P1": [5, 4], "E2": [6, None], "P2": [4, 5]})
    >>> respondent_gaps(gappy, items={"tangibles": [1, 2]}, dropna="pairwise")  # doctest: +NORMALIZE_WHITESPACE
    dimension  tangibles
    0               -2.0
    1               -2.0
    """
    if value not in _VALUES:
        raise InputError(f"value must be one of {', '.join(_VALUES)}; got {value!r}")
    answers, rows, layout = _answers(survey, items, scale, dropna, _PREFIXES[value], columns)
    matrix = {"expectation": answers.get("E"), "perception": answers.get("P")}.get(value)
    if matrix is None:  # float arithmetic: small integer dtypes (uint8...) must not wrap around
        matrix = np.subtract(answers["P"], answers["E"], dtype=float)
    if _dropna_mode(dropna) == "pairwise":
        return pd.DataFrame(layout.per_dimension_answered(matrix.astype(float)), index=rows,
                            columns=_dims_index(layout))
    return pd.DataFrame(layout.per_dimension(matrix), index=rows, columns=_dims_index(layout))


def dimension_scores(survey: pd.DataFrame, items: Mapping[str, Iterable[int]] = ITEMS_1988,
                     scale: tuple[float, float] = (1, 7), dropna: bool | str = False, *,
                     perceptions_only: bool = False,
                     columns: Mapping[Any, str] | None = None) -> pd.DataFrame:
    """Mean expectation, perception and gap (perception - expectation) for each dimension.

    Each is the mean over respondents of each respondent's mean over the dimension's items.
    As every respondent answers every item (blanks raise, or ``dropna=True`` drops them), this
    equals the pooled mean of all item answers in the dimension.

    - ``perceptions_only=True``: SERVPERF (Cronin & Taylor 1992) scores a survey that asked
      perceptions only; the one column ``perception`` is the mean P per dimension. E columns,
      if the survey has them, are ignored. (Without it, a survey with no E columns is refused.)
    - ``dropna="pairwise"`` (available-case) keeps every respondent: each item's mean uses
      everyone who answered that item, and a dimension's score is the mean of its item means.
      The gap is perception - expectation of those means, so E and P may rest on different
      respondents (one who skipped E7 still counts in P7); with no blanks it is the usual gap.
      A blank counts neither high nor low, but if people skip an item for a reason (it did
      not apply, they were unhappy), its mean speaks only for those who answered (see how many
      with ``survey.notna().sum()``). ``dropna=True`` (listwise) keeps only complete answers.
    - ``columns``: read a file whose columns are not named E1..P22, without renaming it:
      prefixes ``{"E": "exp_", "P": "perc_"}`` (exp_1, perc_1...), a pattern with ``{}`` where
      the number goes ``{"P": "a{:02d}"}`` (a01, a02...), or the file's column names mapped to
      item names ``{"q1_expect": "E1", "q1_got": "P1", ...}``. Messages name your columns.

    >>> survey = pd.DataFrame({"E1": [7, 7], "P1": [6, 5], "E2": [5, 6], "P2": [4, 7]})
    >>> dimension_scores(survey, items={"tangibles": [1, 2]})  # doctest: +NORMALIZE_WHITESPACE
               expectation  perception   gap
    dimension
    tangibles         6.25         5.5 -0.75

    A perceptions-only survey with a blank: item 1's mean is (6 + 4) / 2 = 5, item 2's is 3, so
    the dimension scores (5 + 3) / 2 = 4 (listwise, only the first respondent would count: 4.5).

    >>> perc = pd.DataFrame({"perc_1": [6, 4], "perc_2": [3, None]})
    >>> dimension_scores(perc, items={"tangibles": [1, 2]}, dropna="pairwise",
    ...                  perceptions_only=True, columns={"P": "perc_"})  # doctest: +NORMALIZE_WHITESPACE
               perception
    dimension
    tangibles         4.0
    """
    if require_flag(perceptions_only, "perceptions_only"):
        answers, _, layout = _answers(survey, items, scale, dropna, "P", columns)
        return pd.DataFrame({"perception": layout.per_dimension(_item_means(answers["P"]))},
                            index=_dims_index(layout))
    answers, _, layout = _answers(survey, items, scale, dropna, columns=columns)
    e = layout.per_dimension(_item_means(answers["E"]))
    p = layout.per_dimension(_item_means(answers["P"]))
    return pd.DataFrame({"expectation": e, "perception": p, "gap": p - e}, index=_dims_index(layout))


def dimension_scores_by(survey: pd.DataFrame, by: str = "branch",
                        items: Mapping[str, Iterable[int]] = ITEMS_1988,
                        scale: tuple[float, float] = (1, 7), dropna: bool | str = False,
                        value: str = "gap", *, columns: Mapping[Any, str] | None = None) -> pd.DataFrame:
    """The gap (or ``value="expectation"``/``"perception"``) per dimension for each group in column ``by``.

    Rows are the groups (sorted), columns the dimensions. Each row equals
    :func:`dimension_scores` of that group alone, also with ``dropna="pairwise"`` (then a
    respondent with a blank group is left out, and a group nobody in which answered an item
    gets NaN for that item's dimension). ``value="perception"`` needs only the P columns.

    >>> survey = pd.DataFrame({"E1": [7, 7, 6], "P1": [6, 5, 6], "branch": ["N", "S", "S"]})
    >>> dimension_scores_by(survey, "branch", items={"tangibles": [1]})  # doctest: +NORMALIZE_WHITESPACE
    dimension  tangibles
    branch
    N               -1.0
    S               -1.0
    >>> gappy = survey.assign(E1=[7, 7, None])  # S: E from one answer (7), P from two (5.5)
    >>> dimension_scores_by(gappy, "branch", items={"tangibles": [1]}, dropna="pairwise")  # doctest: +NORMALIZE_WHITESPACE
    dimension  tangibles
    branch
    N               -1.0
    S               -1.5
    """
    require_frame(survey, "survey")
    if not isinstance(by, str):
        raise TypeError(f"by must be the name of one column, e.g. 'branch'; got {type(by).__name__}")
    require_columns(survey, [by], "survey")
    if _dropna_mode(dropna) == "pairwise":
        return _scores_by_pairwise(survey, by, items, scale, value, columns)
    per = respondent_gaps(survey, items, scale, dropna, value, columns=columns)
    groups, filled = _groups_of(survey, by, per, items, value, columns, dropna)
    return per[filled].groupby(pd.Index(groups[filled], name=by), sort=True).mean()


def _groups_of(survey: pd.DataFrame, by: str, per: pd.DataFrame, items: Any, value: str, columns: Any,
               dropna: Any) -> tuple[np.ndarray, np.ndarray]:
    """The ``by`` value of each respondent in ``per`` and a mask of those with one, matched by position.

    Index labels may repeat, so respondents are matched by position: when ``dropna=True`` left
    some out, they are the rows with a blank among the item columns ``per`` was computed from.
    """
    if len(per) == len(survey):
        keep = np.ones(len(survey), dtype=bool)
    else:
        naming = ItemColumns(survey, columns)
        labels = [naming.label(p, n) for p in _PREFIXES[value] for n in _layout(items).numbers]
        keep = survey[labels].notna().all(axis=1).to_numpy()
    groups = survey[by][keep]
    filled = require_filled(groups, by, "survey", dropna, "Fill it", "leave those respondents out").to_numpy()
    return groups.to_numpy(), filled


def _scores_by_pairwise(survey: pd.DataFrame, by: str, items: Any, scale: Any, value: str,
                        columns: Any) -> pd.DataFrame:
    if value not in _VALUES:
        raise InputError(f"value must be one of {', '.join(_VALUES)}; got {value!r}")
    prefixes = _PREFIXES[value]
    answers, _, layout = _answers(survey, items, scale, "pairwise", prefixes, columns)
    keep = require_filled(survey[by], by, "survey", True).to_numpy()
    groups = survey[by].to_numpy()[keep]
    means = {p: pd.DataFrame(answers[p][keep]).groupby(groups, sort=True).mean() for p in prefixes}
    dims = {p: layout.per_dimension(m.to_numpy()) for p, m in means.items()}
    table = dims["P"] - dims["E"] if value == "gap" else dims[prefixes]
    return pd.DataFrame(table, index=means[prefixes[0]].index.rename(by), columns=_dims_index(layout))


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
                  scale: tuple[float, float] = (1, 7), dropna: bool | str = False, *,
                  columns: Mapping[Any, str] | None = None) -> pd.Series:
    """Each dimension's share of the SERVQUAL score, w_d * gap_d; they add up to :func:`servqual_score`.

    ``weights`` (dimension -> importance, e.g. points out of 100) are normalised to sum to 1;
    ``None`` weighs every dimension equally. ``survey_or_gaps`` is a survey, a
    :func:`dimension_scores` frame, or a mapping/Series dimension -> gap. ``dropna`` and
    ``columns`` apply to a survey, as in :func:`dimension_scores`.

    >>> gaps = {"tangibles": -0.2, "reliability": -1.0}
    >>> two = {"tangibles": [1], "reliability": [2]}
    >>> weighted_gaps(gaps, {"tangibles": 25, "reliability": 75}, items=two).tolist()
    [-0.05, -0.75]
    """
    layout = _layout(items)
    if isinstance(survey_or_gaps, pd.DataFrame) and "gap" in survey_or_gaps.columns:
        gaps = _gaps_by_name(survey_or_gaps["gap"], layout.dims, "the scores' gap column")
    elif isinstance(survey_or_gaps, pd.DataFrame):
        gaps = dimension_scores(survey_or_gaps, items, scale, dropna, columns=columns)["gap"]
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
                   scale: tuple[float, float] = (1, 7), dropna: bool | str = False, *,
                   columns: Mapping[Any, str] | None = None) -> float:
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
    return float(weighted_gaps(survey_or_gaps, weights, items, scale, dropna, columns=columns).sum())


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
            scale: tuple[float, float] = (1, 7), dropna: bool = False, *,
            columns: Mapping[Any, str] | None = None) -> pd.Series:
    """Seed 000's score per respondent: SQ = sum_i (P_i - E_i), or sum_i w_i (P_i - E_i) with sum w_i = 1.

    ``item_weights`` maps item number -> weight and is normalised to sum to 1. Unweighted,
    SQ / 22 is the mean item gap, which weighs each dimension by its item count (4, 5, 4, 4, 5)
    and so differs from :func:`servqual_score`'s mean of dimension gaps. With
    ``item_weights_from_dimensions(v)`` (w_i = v_d / n_d) the mean SQ equals
    ``servqual_score(survey, v)`` exactly. A sum over every item has no stand-in for a blank,
    so ``dropna="pairwise"`` is refused: leave those respondents out with ``dropna=True``.

    >>> survey = pd.DataFrame({"E1": [7, 7], "P1": [6, 5], "E2": [5, 6], "P2": [4, 7]})
    >>> seed_sq(survey, items={"tangibles": [1, 2]}).tolist()
    [-2.0, -1.0]
    >>> seed_sq(survey, {1: 3, 2: 1}, items={"tangibles": [1, 2]}).tolist()
    [-1.0, -1.25]
    """
    if _dropna_mode(dropna) == "pairwise":
        raise InputError("SQ adds up the gaps of every item, so a blank answer has no stand-in: pass "
                         "dropna=True to leave out respondents with a blank, or use "
                         "dimension_scores(..., dropna='pairwise') for means of the answers given")
    answers, rows, layout = _answers(survey, items, scale, dropna, columns=columns)
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


def _alpha(values: np.ndarray, standardized: bool = False) -> float:
    """Alpha from the items' covariance (or, standardized, correlation) matrix M: k/(k-1) (1 - tr M / sum M).

    sum M is the variance of the total score, so on raw items this is Cronbach's
    k/(k-1) (1 - sum var_i / var_total); on correlations it equals k r / (1 + (k - 1) r), r the
    mean inter-item correlation. Blanks (NaN) use pairwise-complete pairs, as pandas does.
    """
    values = np.asarray(values, dtype=float)  # small: one dimension's items
    k = values.shape[1]
    if k < 2:
        return float("nan")
    with np.errstate(invalid="ignore", divide="ignore"):  # an item that never varies: NaN, no warning
        if np.isnan(values).any():
            frame = pd.DataFrame(values)
            matrix = (frame.corr() if standardized else frame.cov()).to_numpy()
        else:
            matrix = np.corrcoef(values, rowvar=False) if standardized else np.cov(values, rowvar=False)
    total = matrix.sum()
    if not np.isfinite(matrix).all() or not total > 0:
        return float("nan")
    return float(k / (k - 1) * (1 - np.trace(matrix) / total))


def cronbach_alpha(frame: pd.DataFrame, standardized: bool = False, dropna: bool | str = False) -> float:
    """Cronbach's alpha of the items in ``frame``'s columns: do they measure one thing?

    - ``standardized=False`` (raw alpha, Cronbach 1951): k/(k-1) * (1 - sum var_i / var_total),
      from the items as answered. SPSS's "Cronbach's Alpha", R psych's ``raw_alpha``.
    - ``standardized=True``: the alpha of the items turned into z-scores first, from the mean
      inter-item correlation r: k r / (1 + (k - 1) r). SPSS's "Cronbach's Alpha Based on
      Standardized Items", psych's ``std.alpha``, and the alpha that plspm (R) and SmartPLS
      publish, since they standardise the indicators. The two agree when every item has the
      same variance; report which one you quote.

    Variances use ddof=1. Alpha near 1 means the items move together; 0.7 is the usual lower
    bar. Needs at least 2 items and 2 respondents. Blanks raise; ``dropna=True`` leaves out
    respondents with a blank; ``dropna="pairwise"`` computes each covariance (or correlation)
    from the respondents who answered both items, as psych's ``alpha`` does by default.

    >>> items = pd.DataFrame({"P5": [1, 2, 3], "P6": [1, 5, 3]})
    >>> round(cronbach_alpha(items), 4), round(cronbach_alpha(items, standardized=True), 4)
    (0.5714, 0.6667)

    By hand: var(P5) = 1, var(P6) = 4, totals 2, 7, 6 have variance 7, so raw alpha is
    2 * (1 - 5/7) = 4/7; the correlation is 0.5, so standardized alpha is 2 * 0.5 / 1.5 = 2/3.

    >>> gappy = pd.DataFrame({"x": [1, 2, 3, None], "y": [1, 5, 3, 2]})
    >>> round(cronbach_alpha(gappy, dropna="pairwise"), 4)  # 48/71: var(y) uses all four answers
    0.6761

    >>> cronbach_alpha(pd.DataFrame({"P5": [7, 5, 3]}))
    Traceback (most recent call last):
    ...
    cxlib._validate.InputError: Cronbach's alpha needs at least 2 item columns; got 1 (P5)
    """
    require_frame(frame, "items")
    standardized = require_flag(standardized, "standardized")
    mode = _dropna_mode(dropna)
    if frame.shape[1] < 2:
        raise InputError(
            f"Cronbach's alpha needs at least 2 item columns; got {frame.shape[1]} "
            f"({', '.join(map(str, frame.columns))})"
        )
    columns = list(frame.columns)
    if mode == "pairwise":
        values, _ = _matrix_with_blanks(frame, columns, None, "items")
    else:
        values, _ = require_score_matrix(frame, columns, None, "items", mode)
    if values.shape[0] < 2:
        raise InputError(f"Cronbach's alpha needs at least 2 respondents (rows); got {values.shape[0]}")
    alpha = _alpha(values, standardized)
    if np.isnan(alpha):
        raise InputError(_why_no_alpha(values, columns, standardized))
    return alpha


def _why_no_alpha(values: np.ndarray, columns: list, standardized: bool) -> str:
    values = np.asarray(values, dtype=float)
    answered = ~np.isnan(values)
    together = answered.T.astype(int) @ answered.astype(int)
    if (together < 2).any():
        i, j = np.argwhere(together < 2)[0]
        return (f"items {columns[i]} and {columns[j]} are answered together by fewer than 2 respondents, "
                "so their covariance is undefined")
    spread = np.nanstd(values, axis=0)
    if standardized and (spread == 0).any():
        j = int(np.argmax(spread == 0))
        first = values[answered[:, j], j][0]
        return (f"item {columns[j]} never varies (every answer is {first:g}), so its correlation with the "
                "others is undefined: leave it out, or use the raw alpha (standardized=False)")
    return ("every respondent has the same total score, so alpha is undefined "
            "(there is no variation for the items to share)")


def reliability_table(survey: pd.DataFrame, items: Mapping[str, Iterable[int]] = ITEMS_1988,
                      scale: tuple[float, float] = (1, 7), dropna: bool | str = False, *,
                      standardized: bool = False, perceptions_only: bool | None = None,
                      columns: Mapping[Any, str] | None = None) -> pd.DataFrame:
    """Cronbach's alpha of the expectation items and of the perception items of each dimension.

    A dimension with one item, or whose answers never vary, has no alpha (NaN).
    ``standardized=True`` gives the alpha on standardized items (see :func:`cronbach_alpha`).
    A perceptions-only survey (no E columns at all; or ``perceptions_only=True``) gets the
    perception column only. ``dropna`` and ``columns`` work as in :func:`dimension_scores`;
    ``dropna="pairwise"`` computes each covariance from the respondents who answered both items.

    >>> survey = pd.DataFrame({"E1": [3, 2, 1], "E2": [3, 4, 1], "P1": [3, 2, 1], "P2": [3, 4, 1]})
    >>> reliability_table(survey, items={"tangibles": [1, 2]})  # doctest: +NORMALIZE_WHITESPACE
               items  alpha_expectation  alpha_perception
    dimension
    tangibles      2               0.75              0.75
    >>> reliability_table(survey[["P1", "P2"]], items={"tangibles": [1, 2]})  # doctest: +NORMALIZE_WHITESPACE
               items  alpha_perception
    dimension
    tangibles      2              0.75
    >>> reliability_table(survey, items={"tangibles": [1, 2]}, standardized=True).round(4)  # doctest: +NORMALIZE_WHITESPACE
               items  alpha_expectation  alpha_perception
    dimension
    tangibles      2             0.7913            0.7913
    """
    standardized = require_flag(standardized, "standardized")
    if perceptions_only is None:  # SERVPERF when the survey has no expectation column at all
        require_frame(survey, "survey")
        perceptions_only = not ItemColumns(survey, columns).numbers("E")
    prefixes = "P" if require_flag(perceptions_only, "perceptions_only") else "EP"
    answers, _, layout = _answers(survey, items, scale, dropna, prefixes, columns)
    names = {"E": "alpha_expectation", "P": "alpha_perception"}
    table = {"items": layout.counts.astype(int)}
    for p in prefixes:
        table[names[p]] = [_alpha(answers[p][:, start:start + count], standardized)
                           for start, count in zip(layout.starts, layout.counts.astype(int))]
    return pd.DataFrame(table, index=_dims_index(layout))


# --- zone of tolerance and importance-performance ------------------------------------------------


def tolerance_zone(adequate: Any, desired: Any = None, perceived: Any = None, *,
                   items: Mapping[str, Iterable[int]] = ITEMS_1988,
                   scale: tuple[float, float] = (1, 7), dropna: bool | str = False,
                   columns: Mapping[Any, str] | None = None) -> pd.DataFrame:
    """Where perceived service sits against the zone of tolerance, adequate to desired (PZB 1994).

    Give three mappings/Series by dimension, or one survey with ``A``/``E``/``P`` item columns
    (adequate, desired = the expectation items, perceived), whose dimension means are used
    (``dropna`` and ``columns`` as in :func:`dimension_scores`).
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
        answers, _, layout = _answers(adequate, items, scale, dropna, "AEP", columns)
        a, d, p = (layout.per_dimension(_item_means(answers[k])) for k in "AEP")
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
                  scale: tuple[float, float] = (1, 7), dropna: bool | str = False, value: str = "gap",
                  level: float = 0.95, *, columns: Mapping[Any, str] | None = None) -> pd.DataFrame:
    """Each dimension's mean gap (or ``value="perception"``...) with n and its 95 % t interval.

    The gap is the mean over respondents of each respondent's dimension gap, so the t interval
    of those per-respondent values is the interval of the gap (:func:`cxlib.uncertainty.mean_ci`).
    With ``dropna="pairwise"`` each dimension uses the respondents who answered at least one
    of its items, and ``n`` says how many.

    >>> survey = pd.DataFrame({"E1": [7, 7, 6, 6], "P1": [5, 6, 6, 5]})
    >>> gap_intervals(survey, items={"speed": [1]}).round(2)  # gaps -2, -1, 0, -1  # doctest: +NORMALIZE_WHITESPACE
               n  gap  low  high
    dimension
    speed      4 -1.0 -2.3   0.3
    """
    from .uncertainty import t_bounds

    per = respondent_gaps(survey, items, scale, dropna, value, columns=columns)
    n = per.notna().sum().to_numpy()
    mean, sd = per.mean().to_numpy(), per.std(ddof=1).to_numpy()
    low, high = t_bounds(mean, sd, n, level)
    return pd.DataFrame({"n": n, value: mean, "low": low, "high": high}, index=per.columns)


def segment_gaps(survey: pd.DataFrame, by: str = "branch", items: Mapping[str, Iterable[int]] = ITEMS_1988,
                 scale: tuple[float, float] = (1, 7), dropna: bool | str = False, value: str = "gap",
                 level: float = 0.95, small: int = 10, *,
                 columns: Mapping[Any, str] | None = None) -> pd.DataFrame:
    """The gap per segment and dimension with n and its interval, and the segment against the rest.

    One row per segment and dimension: ``n``, the segment's ``gap`` with ``low``/``high``, the
    gap of everyone else (``rest_gap``), the ``difference`` with its Welch interval
    (``diff_low``, ``diff_high``), a ``verdict`` ("below the rest", "above the rest" only when
    that interval excludes 0; else "no clear difference") and ``small`` (fewer than ``small``
    respondents). See :func:`cxlib.uncertainty.compare_segments`. The means are of each
    respondent's own dimension gap (with ``dropna="pairwise"``, of those who answered).

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
    per = respondent_gaps(survey, items, scale, dropna, value, columns=columns)
    groups, filled = _groups_of(survey, by, per, items, value, columns,
                                True if _dropna_mode(dropna) == "pairwise" else dropna)
    per = per[filled].reset_index(drop=True)
    keys = pd.Index(groups[filled], name=by)
    answered = per.notna()
    centre = float(np.nanmean(per.to_numpy())) if answered.to_numpy().any() else 0.0
    shifted = (per - centre).fillna(0.0)
    table = compare_segments(answered.groupby(keys, sort=True).sum(), shifted.groupby(keys, sort=True).sum(),
                             (shifted ** 2).groupby(keys, sort=True).sum(), level, small, centre)
    return table.rename(columns={"mean": value, "rest_mean": f"rest_{value}"})
