"""Measuring satisfaction four ways (seed 001), plus the satisfaction indicators.

- :func:`survey_index` -- survey scoring: weighted mean of the items, rescaled to 0-100
  (``higher_is_better=False`` where 1 = best).
- :func:`nps` -- Net Promoter Score with its confidence interval; :func:`top_box_share` -- the
  share of answers in the best points of a rating scale.
- :func:`membership_matrix` -- share of respondents giving each grade, per attribute (R).
- :func:`fuzzy_evaluate` -- fuzzy comprehensive evaluation B = W·R and the grade of largest
  membership.
- :func:`first_component` -- principal component analysis: one index from many attributes.
- :func:`driver_weights` -- standardised regression weights of the attributes on an overall
  score, and R².
- :func:`praise_rate`, :func:`designation_rate`, :func:`repeat_purchase_rate`,
  :func:`complaint_rate`, :func:`indicators` -- the satisfaction indicators of seed 001.
- ``TOUCHPOINTS``, ``TENSIONS`` (seed 004) -- the telecom perception-oriented view.

>>> R = pd.DataFrame({"good": [0.6, 0.2], "poor": [0.4, 0.8]}, index=["staff", "wifi"])
>>> fuzzy_evaluate({"staff": 4, "wifi": 1}, R).grade  # B = 0.8*row1 + 0.2*row2: good 0.52
'good'
>>> complaint_rate(complained=12, customers=400)
0.03
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from statistics import NormalDist
from typing import Any

import numpy as np
import pandas as pd

from ._validate import (
    InputError,
    _check_scale,
    _num,
    require_columns,
    require_count,
    require_filled,
    require_flag,
    require_frame,
    require_scores,
    require_weights,
    rows_at,
    show_rows,
)

__all__ = [
    "GRADES",
    "FuzzyResult",
    "fuzzy_evaluate",
    "membership_matrix",
    "PrincipalComponent",
    "first_component",
    "Drivers",
    "driver_weights",
    "praise_rate",
    "designation_rate",
    "repeat_purchase_rate",
    "complaint_rate",
    "indicators",
    "INDICATOR_COLUMNS",
    "SurveyIndex",
    "survey_index",
    "NetPromoterScore",
    "nps",
    "top_box_share",
    "TOUCHPOINTS",
    "TENSIONS",
]

GRADES = ("excellent", "good", "fair", "poor", "bad")
"""The five-grade comment set used by the course's fuzzy evaluation, best first."""

_ROW_TOLERANCE = 1e-6


# --- fuzzy comprehensive evaluation ------------------------------------------------------------


@dataclass(frozen=True)
class FuzzyResult:
    """Outcome of :func:`fuzzy_evaluate`.

    ``vector`` is B (one membership per grade, summing to 1), ``grade`` the grade with the
    largest membership (the first one if two tie), ``weights`` the normalised W used.
    """

    vector: pd.Series
    grade: Any
    weights: pd.Series

    @property
    def membership(self) -> float:
        """B's value at the chosen grade: how strongly the evaluation points there."""
        return float(self.vector[self.grade])

    def __repr__(self) -> str:
        shown = ", ".join(f"{g} {v:.3f}" for g, v in self.vector.items())
        return f"FuzzyResult(grade={self.grade!r}, membership={self.membership:.3f}; B: {shown})"


def _weights_for(weights: Any, names: list) -> pd.Series:
    """Weights as a normalised Series over ``names``; a plain list/array is read in order."""
    if isinstance(weights, (Mapping, pd.Series)):
        return require_weights(weights, names, what="weights")
    if isinstance(weights, (list, tuple, np.ndarray)):
        arr = np.asarray(weights, dtype=object)
        if arr.ndim != 1 or len(arr) != len(names):
            raise InputError(
                f"weights has {arr.size} values but the membership matrix has {len(names)} rows "
                f"({', '.join(map(str, names))}); give one weight per attribute"
            )
        return require_weights(dict(zip(names, arr.tolist())), names, what="weights")
    raise TypeError(
        f"weights must be a mapping such as {{'{names[0]}': 0.3, ...}}, a pandas Series or a list, "
        f"got {type(weights).__name__}"
    )


def _check_membership(membership: Any) -> pd.DataFrame:
    membership = require_frame(membership, "membership matrix")
    if membership.shape[1] < 2:
        raise InputError("membership matrix needs at least two grades (columns)")
    if membership.index.has_duplicates:
        dup = membership.index[membership.index.duplicated()].unique().tolist()
        raise InputError(f"membership matrix names attribute {', '.join(map(str, dup))} twice")
    blank = membership.isna().to_numpy()
    if blank.any():
        i, j = np.argwhere(blank)[0]
        raise InputError(
            f"membership matrix is blank at row {membership.index[i]}, column {membership.columns[j]}; "
            "write 0 where nobody chose a grade"
        )
    values = require_scores(membership, list(membership.columns), None, what="membership matrix")
    arr = values.to_numpy()
    if (arr < 0).any():
        i, j = np.argwhere(arr < 0)[0]
        raise InputError(
            f"membership matrix has a negative entry: row {membership.index[i]}, column "
            f"{membership.columns[j]} is {_num(arr[i, j])}; memberships are shares from 0 to 1"
        )
    sums = arr.sum(axis=1)
    off = np.abs(sums - 1) > _ROW_TOLERANCE
    if off.any():
        i = int(np.argmax(off))
        # percentages, perhaps rounded (33.3 + 33.3 + 33.3 = 99.9): the tip still applies
        tip = " (it looks like percentages: divide by 100)" if abs(sums[i] - 100) <= 1 else ""
        raise InputError(
            f"membership row {membership.index[i]} sums to {sums[i]:g}, not 1{tip}; each row shares "
            "out one attribute's answers over the grades"
        )
    return values


def fuzzy_evaluate(weights: Mapping[str, float] | pd.Series | Sequence[float], membership: pd.DataFrame) -> FuzzyResult:
    """Fuzzy comprehensive evaluation: B = W·R, normalised, and the grade of largest membership.

    ``weights`` (W, e.g. from an expert panel) map each attribute to a weight and are
    normalised to sum to 1; a plain list is read in the order of ``membership``'s rows.
    ``membership`` (R) has one row per attribute and one column per grade; each row is a
    distribution over the grades (it sums to 1). Seed 001: expert weights × a membership
    matrix from a questionnaire.

    >>> R = pd.DataFrame({"good": [0.6, 0.2], "fair": [0.3, 0.5], "poor": [0.1, 0.3]},
    ...                  index=["staff", "wifi"])
    >>> result = fuzzy_evaluate({"staff": 0.7, "wifi": 0.3}, R)
    >>> result.vector.round(2).tolist(), result.grade
    ([0.48, 0.36, 0.16], 'good')
    >>> fuzzy_evaluate({"staff": 1, "food": 1}, R)
    Traceback (most recent call last):
    ...
    cxlib._validate.InputError: weights name food, which is not one of: staff, wifi
    """
    R = _check_membership(membership)
    names = list(R.index)
    W = _weights_for(weights, names)
    b = W.to_numpy() @ R.to_numpy()
    vector = pd.Series(b / b.sum(), index=R.columns.copy(), name="membership")
    grade = vector.index[int(np.argmax(vector.to_numpy()))]
    grade = grade.item() if isinstance(grade, np.generic) else grade  # plain 7, not np.int64(7)
    return FuzzyResult(vector=vector, grade=grade, weights=W.rename("weight"))


def _grade_keys(grades: Sequence[Any]) -> tuple[list, bool]:
    grades = list(grades) if not isinstance(grades, str) else None
    if not grades:
        raise InputError("grades must be a non-empty list such as ['excellent', 'good', 'fair', 'poor', 'bad']")
    textual = all(isinstance(g, str) for g in grades)
    numeric = all(isinstance(g, (int, float, np.integer, np.floating)) and not isinstance(g, bool) for g in grades)
    if not (textual or numeric):
        raise TypeError(f"grades must be all labels or all numbers, got {grades!r}")
    keys = [g.strip().lower() for g in grades] if textual else [float(g) for g in grades]
    if len(set(keys)) != len(keys):
        raise InputError(f"grades name the same grade twice: {grades!r}")
    return keys, textual


def membership_matrix(
    survey: pd.DataFrame,
    grades: Sequence[Any] = GRADES,
    attributes: Sequence[str] | None = None,
    dropna: bool = False,
) -> pd.DataFrame:
    """Share of respondents giving each grade, one row per attribute (each row sums to 1).

    ``survey`` has one column per attribute and one row per respondent; every answer must be
    one of ``grades`` (labels compare case-insensitively; numbers such as 1-5 also work:
    pass ``grades=[5, 4, 3, 2, 1]``). ``attributes`` picks the columns (default: all).
    Blank answers raise unless ``dropna=True`` (then each row shares out the answers given).

    >>> answers = pd.DataFrame({"staff": ["good", "good", "fair", "Good"],
    ...                         "wifi": ["poor", "fair", "fair", "good"]})
    >>> membership_matrix(answers, grades=["good", "fair", "poor"])  # doctest: +NORMALIZE_WHITESPACE
    grade      good  fair  poor
    attribute
    staff      0.75  0.25  0.00
    wifi       0.25  0.50  0.25
    >>> membership_matrix(answers, grades=["good", "poor"])
    Traceback (most recent call last):
    ...
    cxlib._validate.InputError: survey column staff has answers that are not grades: row 2 is 'fair'. Grades are: 'good', 'poor'.
    """
    survey = require_frame(survey, "survey")
    keys, textual = _grade_keys(grades)
    labels = list(grades)
    attributes = list(survey.columns) if attributes is None else list(attributes)
    require_columns(survey, attributes, "survey")
    rows = {}
    for col in attributes:  # one pass per attribute; each pass is vectorised over respondents
        answers = survey[col]
        filled = require_filled(answers, col, "survey", dropna, "Fill the blanks",
                                "share out only the answers given").to_numpy()
        if not filled.any():
            raise InputError(f"survey column {col} has no answers")
        every = answers.astype(str).str.strip().str.lower() if textual else pd.to_numeric(answers, errors="coerce")
        unknown = filled & ~every.isin(keys).to_numpy()
        key = every[filled]
        if unknown.any():
            raise InputError(
                f"survey column {col} has answers that are not grades: "
                f"{show_rows(rows_at(answers.index, unknown), answers[unknown].tolist())}. "
                f"Grades are: {', '.join(repr(g) if textual else _num(g) for g in labels)}."
            )
        counts = key.value_counts().reindex(keys, fill_value=0).to_numpy(dtype=float)
        rows[col] = counts / counts.sum()
    out = pd.DataFrame.from_dict(rows, orient="index", columns=labels)
    out.index.name, out.columns.name = "attribute", "grade"
    return out


# --- principal components and regression drivers ----------------------------------------------


def _standardised(frame: pd.DataFrame, columns: list[str], dropna: bool, what: str) -> pd.DataFrame:
    values = require_scores(frame, columns, None, what=what, dropna=dropna)
    if values.shape[0] < 3:
        raise InputError(f"{what} needs at least 3 rows, got {values.shape[0]}")
    sd = values.std(ddof=1)
    flat = sd.index[~(sd > 1e-12)].tolist()
    if flat:
        first = values[flat[0]].iloc[0]
        raise InputError(
            f"{what} column{'s' if len(flat) > 1 else ''} {', '.join(map(str, flat))} "
            f"{'are' if len(flat) > 1 else 'is'} constant (e.g. every row of {flat[0]} is {_num(first)}); "
            "a column that never varies carries no information: leave it out"
        )
    return (values - values.mean()) / sd


@dataclass(frozen=True)
class PrincipalComponent:
    """Outcome of :func:`first_component`.

    ``scores``: the index, one value per respondent (mean 0; higher = more satisfied).
    ``loadings``: correlation of each attribute with the index. ``explained``: share of the
    total variance of the standardised attributes the index keeps (0-1). ``eigenvalues``: all
    eigenvalues of the correlation matrix, largest first (they sum to the number of attributes).
    """

    scores: pd.Series
    loadings: pd.Series
    explained: float
    eigenvalues: pd.Series

    def __repr__(self) -> str:
        shown = ", ".join(f"{a} {v:.2f}" for a, v in self.loadings.items())
        return f"PrincipalComponent(explained={self.explained:.3f}; loadings: {shown})"


def first_component(frame: pd.DataFrame, attributes: Sequence[str] | None = None, dropna: bool = False, *,
                    higher_is_better: bool = True) -> PrincipalComponent:
    """First principal component of the standardised attributes: one index that keeps most of them.

    Seed 001: find the eigenvalues and eigenvectors of the attributes' (standardised)
    covariance matrix; the first eigenvector combines the attributes into one index. The
    sign is fixed so the loadings sum to a positive number: the index rises with satisfaction.
    Where the lowest answer is the best (1 = very satisfied) pass ``higher_is_better=False``:
    the attributes are reversed first, so the index still rises with satisfaction.

    >>> ratings = pd.DataFrame({"staff": [5, 4, 2, 1, 3], "food": [4, 5, 1, 2, 3],
    ...                         "wifi": [3, 4, 2, 3, 5]})
    >>> pc = first_component(ratings)
    >>> round(pc.explained, 3), pc.loadings.round(2).tolist()
    (0.705, [0.86, 0.95, 0.69])
    >>> first_component(6 - ratings, higher_is_better=False).loadings.round(2).tolist()  # 1 = best
    [0.86, 0.95, 0.69]
    >>> first_component(ratings.assign(wifi=3))
    Traceback (most recent call last):
    ...
    cxlib._validate.InputError: ratings column wifi is constant (e.g. every row of wifi is 3); a column that never varies carries no information: leave it out
    """
    frame = require_frame(frame, "ratings")
    attributes = list(frame.columns) if attributes is None else list(attributes)
    if len(attributes) < 2:
        raise InputError(f"first_component needs at least two attributes to combine, got {len(attributes)}")
    z = _standardised(frame, attributes, dropna, "ratings")
    if not require_flag(higher_is_better, "higher_is_better"):
        z = -z  # a reversed scale: z-scores of low + high - x
    corr = (z.T @ z).to_numpy() / (len(z) - 1)
    values, vectors = np.linalg.eigh(corr)  # ascending order
    values, vectors = values[::-1].clip(min=0), vectors[:, ::-1]
    v = vectors[:, 0]
    # the sign: loadings sum to a positive number; if they sum to zero, the first of the
    # largest loadings is positive (with a tolerance, so float noise never decides)
    total = v.sum()
    if abs(total) < 1e-9:
        total = v[np.flatnonzero(np.abs(v) > np.abs(v).max() - 1e-9)[0]]
    if total < 0:
        v = -v
    loadings = pd.Series(v * np.sqrt(values[0]), index=attributes, name="loading")
    scores = pd.Series(z.to_numpy() @ v, index=z.index, name="index")
    eig = pd.Series(values, index=range(1, len(values) + 1), name="eigenvalue")
    return PrincipalComponent(scores, loadings, float(values[0] / values.sum()), eig)


@dataclass(frozen=True)
class Drivers:
    """Outcome of :func:`driver_weights`: standardised weights, R² and the rows used."""

    weights: pd.Series
    r_squared: float
    respondents: int

    def __repr__(self) -> str:
        shown = ", ".join(f"{a} {v:+.2f}" for a, v in self.weights.items())
        return f"Drivers(r_squared={self.r_squared:.3f}, respondents={self.respondents}; {shown})"


def driver_weights(
    frame: pd.DataFrame,
    target: str,
    attributes: Sequence[str] | None = None,
    dropna: bool = False,
) -> Drivers:
    """Standardised multiple-regression weights of the attributes on ``target``, and R².

    Every column is turned into z-scores, then ``target`` is regressed on the attributes by
    least squares (seed 001's econometric method, a multiple linear regression). A weight of
    0.4 means: one standard deviation more on that attribute, the others held fixed, goes with
    0.4 standard deviations more on the target. R² is the share of the target's variance the
    attributes explain. ``attributes`` default to every column except ``target``.

    >>> lounge = pd.DataFrame({"staff": [5, 4, 2, 1, 3], "wifi": [3, 4, 2, 3, 5],
    ...                        "overall": [9, 7, 4, 3, 6]})
    >>> d = driver_weights(lounge, "overall")
    >>> d.weights.round(2).tolist(), round(d.r_squared, 3)
    ([0.98, 0.04], 0.988)
    >>> driver_weights(lounge.head(3), "overall")
    Traceback (most recent call last):
    ...
    cxlib._validate.InputError: driver_weights needs at least 4 rows for 2 attributes (attributes + 2), got 3
    """
    frame = require_frame(frame, "ratings")
    if not isinstance(target, str):
        raise TypeError(f"target must be a column name (a string), got {type(target).__name__}")
    require_columns(frame, [target], "ratings")
    attributes = [c for c in frame.columns if c != target] if attributes is None else list(attributes)
    if target in attributes:
        raise InputError(f"the target {target} is also among the attributes; a score cannot explain itself")
    if not attributes:
        raise InputError("driver_weights needs at least one attribute besides the target")
    z = _standardised(frame, attributes + [target], dropna, "ratings")
    n, p = len(z), len(attributes)
    if n < p + 2:
        raise InputError(f"driver_weights needs at least {p + 2} rows for {p} attributes (attributes + 2), got {n}")
    X, y = z[attributes].to_numpy(), z[target].to_numpy()
    beta, _, rank, _ = np.linalg.lstsq(X, y, rcond=None)
    if rank < p:
        raise InputError(
            f"the attributes are linearly dependent (rank {rank} of {p}): one is a combination of "
            "others, so their weights cannot be told apart; leave one out"
        )
    resid = y - X @ beta
    r2 = 1.0 - float(resid @ resid) / float(y @ y)
    return Drivers(pd.Series(beta, index=attributes, name="weight"), r2, n)


# --- the satisfaction indicators of seed 001 ---------------------------------------------------


_MANY = (pd.Series, list, tuple, np.ndarray)


def _rate(part: Any, whole: Any, part_name: str, whole_name: str) -> Any:
    """part / whole with checks: numbers give a float, Series or lists a Series."""
    if isinstance(part, _MANY) or isinstance(whole, _MANY):
        return _rates(part, whole, part_name, whole_name)
    k = require_count(part, part_name, whole=True)
    n = require_count(whole, whole_name, whole=True)
    if n == 0:
        raise InputError(f"{whole_name} must be at least 1 for a rate, got 0")
    if k > n:
        raise InputError(f"{part_name} ({_num(k)}) exceeds {whole_name} ({_num(n)}); count each customer once")
    return k / n


def _rates(part: Any, whole: Any, part_name: str, whole_name: str) -> pd.Series:
    """Row-by-row version of :func:`_rate`; errors name the offending rows."""
    if isinstance(part, pd.Series) and isinstance(whole, pd.Series) and not part.index.equals(whole.index):
        raise InputError(f"{part_name} and {whole_name} have different row labels; align them (same index) first")
    p = part if isinstance(part, pd.Series) else pd.Series(np.atleast_1d(np.asarray(part)))
    w = whole if isinstance(whole, pd.Series) else pd.Series(np.atleast_1d(np.asarray(whole)))
    if len(w) == 1 < len(p):  # one denominator for every row
        w = pd.Series(np.repeat(w.to_numpy(), len(p)))
    if len(p) != len(w):
        raise InputError(f"{part_name} has {len(p)} values but {whole_name} has {len(w)}; pair them one to one")
    both = pd.DataFrame({part_name: p.to_numpy(), whole_name: w.to_numpy()}, index=p.index)
    table = require_scores(both, [part_name, whole_name], None, what="counts")
    for col in (part_name, whole_name):
        bad = table[col] < 0
        if bad.any():
            raise InputError(f"{col} must be zero or more: {show_rows(rows_at(table.index, bad), table[col][bad].tolist())}")
        part_person = table[col] % 1 != 0
        if part_person.any():
            raise InputError(f"{col} counts people, so it must hold whole numbers: "
                             f"{show_rows(rows_at(table.index, part_person), table[col][part_person].tolist())}")
    empty = table[whole_name] == 0
    if empty.any():
        raise InputError(f"{whole_name} is 0 in {show_rows(rows_at(table.index, empty))}; a rate needs at least one")
    over = table[part_name] > table[whole_name]
    if over.any():
        k, n = table[part_name][over].iloc[0], table[whole_name][over].iloc[0]
        raise InputError(f"{part_name} exceeds {whole_name} in {show_rows(rows_at(table.index, over))} ({_num(k)} > {_num(n)}); "
                         "count each customer once")
    return (table[part_name] / table[whole_name]).rename(f"{part_name}_rate")


def praise_rate(praised: Any, customers: Any) -> Any:
    """Reputation (praise) rate (美誉度, seed 001): share of customers who speak well of you.

    >>> praise_rate(praised=150, customers=400)
    0.375
    """
    return _rate(praised, customers, "praised", "customers")


def designation_rate(named_brand: Any, customers: Any) -> Any:
    """Designation (brand-naming) rate (指名度, seed 001): share who ask for your brand by name.

    >>> designation_rate(named_brand=90, customers=400)
    0.225
    """
    return _rate(named_brand, customers, "named_brand", "customers")


def repeat_purchase_rate(bought_again: Any, customers: Any) -> Any:
    """Repeat-purchase rate (回头率, seed 001): share of customers who come back and buy again.

    >>> repeat_purchase_rate(bought_again=260, customers=400)
    0.65
    """
    return _rate(bought_again, customers, "bought_again", "customers")


def complaint_rate(complained: Any, customers: Any) -> Any:
    """Complaint rate (抱怨率/投诉率, seed 001): share of customers who complained.

    Count customers who complained, not complaints: one angry customer with three calls is one.

    >>> complaint_rate(complained=12, customers=400)
    0.03
    >>> complaint_rate(complained=500, customers=400)
    Traceback (most recent call last):
    ...
    cxlib._validate.InputError: complained (500) exceeds customers (400); count each customer once
    """
    return _rate(complained, customers, "complained", "customers")


INDICATOR_COLUMNS = ("customers", "praised", "named_brand", "bought_again", "complained")
"""Columns :func:`indicators` reads: customers, and how many of them did each thing."""


def indicators(frame: pd.DataFrame) -> pd.DataFrame:
    """The four satisfaction indicator rates of seed 001, one row per row of ``frame``.

    ``frame`` needs the counts in ``INDICATOR_COLUMNS`` (e.g. one row per month); the result
    keeps its index and has praise_rate, designation_rate, repeat_purchase_rate, complaint_rate.

    >>> month = pd.DataFrame({"customers": [400], "praised": [150], "named_brand": [90],
    ...                       "bought_again": [260], "complained": [12]}, index=["2024-01"])
    >>> indicators(month)
             praise_rate  designation_rate  repeat_purchase_rate  complaint_rate
    2024-01        0.375             0.225                  0.65            0.03
    """
    frame = require_frame(frame, "indicator table")
    require_columns(frame, INDICATOR_COLUMNS, "indicator table")
    n = frame["customers"]
    return pd.DataFrame({
        "praise_rate": praise_rate(frame["praised"], n),
        "designation_rate": designation_rate(frame["named_brand"], n),
        "repeat_purchase_rate": repeat_purchase_rate(frame["bought_again"], n),
        "complaint_rate": complaint_rate(frame["complained"], n),
    }, index=frame.index)


# --- survey scoring ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SurveyIndex:
    """Outcome of :func:`survey_index`, all on a 0-100 scale.

    ``respondents``: one index per respondent; ``attributes``: each attribute's mean;
    ``overall``: the mean of the respondents' indices; ``weights``: the normalised weights.
    """

    respondents: pd.Series
    attributes: pd.Series
    overall: float
    weights: pd.Series

    def __repr__(self) -> str:
        return f"SurveyIndex(overall={self.overall:.1f} of 100, respondents={len(self.respondents)})"


def survey_index(
    frame: pd.DataFrame,
    weights: Mapping[str, float] | pd.Series | None = None,
    scale: tuple[float, float] = (1, 5),
    attributes: Sequence[str] | None = None,
    *,
    higher_is_better: bool = True,
    dropna: bool = False,
) -> SurveyIndex:
    """Survey scoring (seed 001): weighted mean of the item scores, rescaled to 0-100.

    Index = 100 × (Σ wᵢ xᵢ − low) / (high − low): 0 when every item is at the bottom of the
    ``scale``, 100 at the top. ``weights`` default to equal; their keys choose the attributes
    (else ``attributes``, else every column). Where the lowest answer is the best (1 = very
    satisfied), pass ``higher_is_better=False``: each answer x then counts as low + high − x,
    so 100 still means every answer at the best end. Blanks raise; ``dropna=True`` leaves out
    respondents with a blank.

    >>> ratings = pd.DataFrame({"staff": [5, 3], "wifi": [4, 2]})
    >>> idx = survey_index(ratings, weights={"staff": 3, "wifi": 1})
    >>> idx.respondents.tolist(), idx.overall
    ([93.75, 43.75], 68.75)
    >>> metro = pd.DataFrame({"punctual": [1, 2], "clean": [1, 3]})  # 1 = best
    >>> survey_index(metro, higher_is_better=False).respondents.tolist()
    [100.0, 62.5]
    >>> survey_index(ratings, scale=(1, 3))
    Traceback (most recent call last):
    ...
    cxlib._validate.InputError: survey column staff has a value outside the 1-3 scale: row 0 is 5. Fix or remove that row.
    """
    frame = require_frame(frame, "survey")
    better_high = require_flag(higher_is_better, "higher_is_better")
    if attributes is None:
        attributes = list(weights.keys()) if weights is not None else list(frame.columns)
    attributes = list(attributes)
    values = require_scores(frame, attributes, scale, what="survey", dropna=require_flag(dropna, "dropna"))
    lo, hi = float(scale[0]), float(scale[1])
    w = (pd.Series(1.0 / len(attributes), index=attributes) if weights is None
         else require_weights(weights, attributes, what="weights"))
    place = (values - lo) / (hi - lo) if better_high else (hi - values) / (hi - lo)  # 0 worst, 1 best
    respondents = pd.Series(place.to_numpy() @ w.to_numpy() * 100, index=values.index, name="index")
    by_attribute = (place.mean() * 100).rename("index")
    return SurveyIndex(respondents, by_attribute, float(respondents.mean()), w.rename("weight"))


# --- Net Promoter Score and top-box shares -----------------------------------------------------


@dataclass(frozen=True)
class NetPromoterScore:
    """Outcome of :func:`nps`.

    ``score``: % promoters − % detractors, from −100 to +100. ``ci``: its confidence interval
    (95 % unless asked otherwise), in the same points. ``n``: answers counted. ``promoters``,
    ``passives``, ``detractors``: how many gave 9–10, 7–8 and 0–6; the ``*_share`` properties
    give them as shares (0–1) and :attr:`table` as a table.
    """

    score: float
    ci: tuple[float, float]
    n: int
    promoters: int
    passives: int
    detractors: int
    confidence: float = 0.95

    @property
    def promoter_share(self) -> float:
        return self.promoters / self.n

    @property
    def passive_share(self) -> float:
        return self.passives / self.n

    @property
    def detractor_share(self) -> float:
        return self.detractors / self.n

    @property
    def table(self) -> pd.DataFrame:
        """Count and share of promoters, passives and detractors."""
        counts = pd.Series([self.promoters, self.passives, self.detractors],
                           index=pd.Index(["promoters", "passives", "detractors"], name="group"))
        return pd.DataFrame({"count": counts, "share": counts / self.n})

    def __repr__(self) -> str:
        low, high = self.ci
        return (f"NetPromoterScore({self.score:+.1f}, {self.confidence:.0%} CI {low:+.1f} to {high:+.1f}; "
                f"n={self.n}: {self.promoter_share:.0%} promoters, {self.passive_share:.0%} passives, "
                f"{self.detractor_share:.0%} detractors)")


def _one_column(answers: Any) -> pd.Series:
    """The answers as a Series (a list, array, Series or one-column DataFrame); never a copy we write to."""
    if isinstance(answers, pd.DataFrame):
        if answers.shape[1] != 1:
            raise InputError(f"answers has {answers.shape[1]} columns; pass one column, e.g. survey['recommend']")
        answers = answers.iloc[:, 0]
    if isinstance(answers, np.ndarray) and answers.ndim != 1:
        raise InputError(f"answers must be one column of answers; got an array of shape {answers.shape}")
    if isinstance(answers, (list, tuple, np.ndarray)):
        answers = pd.Series(list(answers) if not isinstance(answers, np.ndarray) else answers)
    if not isinstance(answers, pd.Series):
        raise TypeError(f"answers must be a column (Series), a list or an array of answers; got {type(answers).__name__}")
    if answers.empty:
        raise InputError("answers is empty: there is nothing to count")
    if pd.api.types.is_bool_dtype(answers.dtype):
        raise TypeError("answers are True/False; give the points of the rating scale (e.g. 0-10)")
    return answers


def _whole_scale(scale: Any) -> tuple[int, int]:
    lo, hi = _check_scale(scale)
    if not (lo.is_integer() and hi.is_integer()):
        raise InputError(f"scale must run between whole points, e.g. (0, 10); got {scale!r}")
    return int(lo), int(hi)


def _rating_answers(answers: Any, scale: tuple[int, int], dropna: bool, tool: str) -> np.ndarray:
    """Checked whole-number answers on ``scale``; blanks raise unless ``dropna``; errors name row and value."""
    series = _one_column(answers)
    name = series.name if isinstance(series.name, str) and series.name else "answers"
    column = "answers" if name == "answers" else f"answers column {name}"
    clean = require_scores(pd.DataFrame({name: series}), [name], None, what="answers", dropna=dropna)[name]
    values = clean.to_numpy()
    lo, hi = scale
    outside = ~((values >= lo) & (values <= hi))
    if outside.any():
        one = outside.sum() == 1
        found = values[np.isfinite(values)]
        found = found if found.size else np.array([np.nan])
        if tool == "NPS" and (lo, hi) == (0, 10) and found.min() >= 1 and found.max() <= 11:
            tip = ("The answers run 1-11: if your file stores the 0-10 scale as 1-11, pass answers - 1 "
                   "(or scale=(1, 11)).")
        else:
            tip = (f"Fix or remove {'that row' if one else 'those rows'}, or pass the scale your survey used "
                   f"(these answers run {_num(found.min())}-{_num(found.max())}).")
        raise InputError(f"{column} has {'a value' if one else 'values'} outside the {lo}-{hi} scale: "
                         f"{show_rows(clean.index[outside], values[outside].tolist())}. {tip}")
    fractional = values != np.round(values)
    if fractional.any():
        raise InputError(
            f"{column} has decimals: {show_rows(clean.index[fractional], values[fractional].tolist())}. "
            f"{tool} counts answers on the points of the scale ({lo}, {lo + 1}, ..., {hi}); a mean or a "
            "weighted answer is not one of them.")
    return values


def nps(answers: Any, scale: tuple[int, int] = (0, 10), dropna: bool = False, *,
        confidence: float = 0.95, higher_is_better: bool = True) -> NetPromoterScore:
    """Net Promoter Score (Reichheld 2003): % promoters (9-10) − % detractors (0-6), from −100 to +100.

    ``answers`` are the 0-10 answers to "How likely are you to recommend us to a friend?";
    passives (7-8) count in n only. Answers off the scale (an 11 from a file that stores 0-10
    as 1-11) and decimals raise, naming the row; blanks raise unless ``dropna=True``, which
    leaves them out of n. Ten or more answers that all lie in 1-6 get a warning: from a 1-5
    scale every answer would count as a detractor. Any other 11-point ``scale`` is read by its
    place on the scale: ``scale=(1, 11)`` counts 10-11 as promoters and 1-7 as detractors.
    Shorter scales have no agreed cut-off and are refused: use :func:`top_box_share` there.
    ``higher_is_better=False`` is for a scale whose lowest point means "extremely likely".

    The interval is the normal approximation for a difference of two shares of one multinomial
    sample: with p, d the promoter and detractor shares, Var(p − d) = (p + d − (p − d)²) / n,
    so ci = score ± z × 100 × sqrt(Var), clipped to ±100. It is rough below about 30 answers,
    or when almost everyone is in one group.

    >>> result = nps([10, 9, 8, 7, 6, 0, 10, 9, 3, 10])
    >>> result
    NetPromoterScore(+20.0, 95% CI -34.0 to +74.0; n=10: 50% promoters, 20% passives, 30% detractors)
    >>> result.score, result.promoters, result.detractors
    (20.0, 5, 3)
    >>> nps(pd.Series([11, 9, 1], name="recommend"))
    Traceback (most recent call last):
    ...
    cxlib._validate.InputError: answers column recommend has a value outside the 0-10 scale: row 0 is 11. The answers run 1-11: if your file stores the 0-10 scale as 1-11, pass answers - 1 (or scale=(1, 11)).
    """
    lo, hi = _whole_scale(scale)
    if hi - lo != 10:
        raise InputError(
            f"the Net Promoter Score is defined on the 11-point 0-10 scale; scale={scale!r} has {hi - lo + 1} "
            f"points and no agreed promoter cut-off. Use top_box_share(answers, scale={scale!r}) for the "
            "share of answers at the top, or ask the 0-10 question.")
    if not (isinstance(confidence, float) and 0 < confidence < 1):
        raise InputError(f"confidence must be a share between 0 and 1, e.g. 0.95; got {confidence!r}")
    values = _rating_answers(answers, (lo, hi), require_flag(dropna, "dropna"), "NPS")
    points = values - lo if require_flag(higher_is_better, "higher_is_better") else hi - values  # 0-10
    n = len(points)
    if n >= 10 and points.min() >= 1 and points.max() <= 6:
        warnings.warn(f"all {n} answers lie between {_num(values.min())} and {_num(values.max())}, so every one "
                      f"counts as a detractor: are they from a shorter scale (1-5, 1-7)? NPS needs the 0-10 "
                      "question; for other scales use top_box_share.", UserWarning, stacklevel=2)
    promoters, detractors = int((points >= 9).sum()), int((points <= 6).sum())
    p, d = promoters / n, detractors / n
    score = 100 * (p - d)
    half = 100 * NormalDist().inv_cdf(0.5 + confidence / 2) * np.sqrt(max(p + d - (p - d) ** 2, 0.0) / n)
    ci = (max(-100.0, score - half), min(100.0, score + half))
    return NetPromoterScore(score, ci, n, promoters, n - promoters - detractors, detractors, confidence)


def top_box_share(answers: Any, scale: tuple[int, int], boxes: int = 2, dropna: bool = False, *,
                  higher_is_better: bool = True) -> float:
    """Share of answers (0-1) in the best ``boxes`` points of the scale: top-2-box by default.

    On a 1-5 scale the top 2 boxes are 4 and 5 ("satisfied" and "very satisfied"); with
    ``higher_is_better=False`` (1 = best) they are 1 and 2. Off-scale values and decimals raise,
    naming the row; blanks raise unless ``dropna=True`` leaves them out. Ten or more answers
    with none in the top boxes get a warning: is the scale right (1-5 answers read as 1-7)?

    >>> top_box_share([5, 4, 4, 2, 1], scale=(1, 5))
    0.6
    >>> top_box_share([5, 4, 4, 2, 1], scale=(1, 5), boxes=1, higher_is_better=False)
    0.2
    """
    lo, hi = _whole_scale(scale)
    if isinstance(boxes, bool) or not isinstance(boxes, (int, np.integer)) or not 1 <= boxes < hi - lo + 1:
        raise InputError(f"boxes must be a whole number of scale points from 1 to {hi - lo} (the {lo}-{hi} "
                         f"scale has {hi - lo + 1}); got {boxes!r}")
    values = _rating_answers(answers, (lo, hi), require_flag(dropna, "dropna"), "A top-box share")
    better_high = require_flag(higher_is_better, "higher_is_better")
    top = values >= hi - boxes + 1 if better_high else values <= lo + boxes - 1
    if len(values) >= 10 and not top.any():
        best = values.max() if better_high else values.min()
        shown = f"{hi - boxes + 1}-{hi}" if better_high else f"{lo}-{lo + boxes - 1}"
        warnings.warn(f"none of the {len(values)} answers is in the top {boxes} box{'es' if boxes > 1 else ''} "
                      f"({shown}); the best answer given is {_num(best)}: is scale={scale!r} the survey's "
                      "scale?", UserWarning, stacklevel=2)
    return float(top.mean())


TOUCHPOINTS = {
    "before sale": ("marketing", "online and e-channel information push"),
    "during sale": ("handling the transaction",),
    "after sale": ("using the service", "complaint handling"),
}
"""Customer touchpoints, the key control points of perception-oriented service (seed 004)."""

TENSIONS = (
    ("long-term value (satisfaction)", "short-term KPIs (revenue, new users)"),
    ("front end (counters, call centre)", "back-end support"),
    ("one-off campaigns", "routine, everyday service work"),
    ("fire-fighting single complaints", "systematic improvement"),
)
"""Four tensions that keep telecom operators from managing service well (seed 004)."""
