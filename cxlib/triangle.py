"""The satisfaction triangle formula: satisfaction = experience - expectation (seed 003).

- :func:`satisfaction` -- experience minus expectation, for numbers, arrays or Series.
- :func:`verdict` -- "satisfied", "met" or "dissatisfied".
- :func:`expectation_path` -- expectations that rise by a fixed step per period.
- :func:`periods_until_dissatisfied` -- how long a fixed experience keeps customers happy.
- ``CASES``, ``FACTOR_GROUPS`` (seed 001), ``LEVELS`` (seed 004) -- the lesson's catalogues.

>>> satisfaction(experience=8, expectation=7)
1.0
>>> verdict(satisfaction(6, 7))
'dissatisfied'
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from ._validate import InputError, require_number, rows_at, show_rows

__all__ = [
    "satisfaction",
    "verdict",
    "expectation_path",
    "periods_until_dissatisfied",
    "DECIMALS",
    "CASES",
    "FACTOR_GROUPS",
    "LEVELS",
]

Number = float | int


def _as_numeric(x: Any, name: str) -> Any:
    if isinstance(x, pd.Series):
        if not pd.api.types.is_numeric_dtype(x) or pd.api.types.is_bool_dtype(x):
            raise TypeError(f"{name} must hold numbers; its dtype is {x.dtype}")
        if x.isna().any():
            raise InputError(f"{name} is blank in {show_rows(rows_at(x.index, x.isna()))}")
        return x.astype(float)
    if isinstance(x, (list, tuple, np.ndarray)):
        arr = np.asarray(x)
        if arr.dtype.kind not in "iuf":
            raise TypeError(f"{name} must hold numbers, got values of type {arr.dtype}")
        arr = arr.astype(float)
        if np.isnan(arr).any():
            raise InputError(f"{name} is blank at positions {np.flatnonzero(np.isnan(arr))[:5].tolist()}")
        return arr
    return require_number(x, name)


def satisfaction(experience: Any, expectation: Any) -> Any:
    """Customer satisfaction = experience - expectation (seed 003; seed 004: perceived - expected).

    Positive: experience beat expectation (satisfied); zero: met; negative: dissatisfied.
    Works on numbers, lists, numpy arrays and pandas Series. Two Series must share their
    index (row labels): Series that do not line up raise instead of giving blank rows.

    >>> satisfaction(6, 7)
    -1.0
    >>> satisfaction([8, 7], [7, 7]).tolist()
    [1.0, 0.0]
    >>> satisfaction(pd.Series([8, 7], index=[1, 2]), pd.Series([7, 7]))
    Traceback (most recent call last):
    ...
    cxlib._validate.InputError: experience and expectation have different row labels (experience: 1, 2; expectation: 0, 1), so pandas would pair them by label and leave blanks. Give both the same index, or pair them by position with .to_numpy().
    >>> satisfaction("8", 7)
    Traceback (most recent call last):
    ...
    TypeError: experience must be a number, got str '8'
    """
    x = _as_numeric(experience, "experience")
    e = _as_numeric(expectation, "expectation")
    if isinstance(x, pd.Series) and isinstance(e, pd.Series) and not x.index.equals(e.index):
        raise InputError(
            f"experience and expectation have different row labels (experience: {_labels(x.index)}; "
            f"expectation: {_labels(e.index)}), so pandas would pair them by label and leave blanks. "
            "Give both the same index, or pair them by position with .to_numpy()."
        )
    many = [v for v in (x, e) if isinstance(v, (pd.Series, np.ndarray))]
    if len(many) == 2 and np.shape(x) != np.shape(e):
        raise InputError(f"experience has {np.size(x)} values but expectation has {np.size(e)}; pair them one to one")
    return x - e


def _labels(index: pd.Index) -> str:
    shown = ", ".join(map(str, index[:4]))
    return f"{shown}, ... ({len(index)} rows)" if len(index) > 4 else shown or "no rows"


def verdict(score: Number, tolerance: float = 0.0) -> str:
    """Name the outcome of a satisfaction score: |score| <= tolerance is ``"met"``.

    >>> verdict(0.4), verdict(0.4, tolerance=0.5), verdict(-2)
    ('satisfied', 'met', 'dissatisfied')
    """
    s = require_number(score, "score")
    tol = require_number(tolerance, "tolerance")
    if tol < 0:
        raise InputError(f"tolerance must be zero or more, got {tolerance}")
    if abs(s) <= tol:
        return "met"
    return "satisfied" if s > 0 else "dissatisfied"


DECIMALS = 9
"""Expectation and experience are compared to 9 decimals, as on paper (see :func:`_billionths`)."""


def _billionths(value: float, name: str) -> int:
    """``value`` as a whole number of billionths (8.2 -> 8_200_000_000), so sums are exact.

    In binary floats 7.0 + 4 * 0.3 is 8.200000000000001, not 8.2; in whole billionths it is
    7_000_000_000 + 4 * 300_000_000 = 8_200_000_000 exactly, as on paper. Differences below a
    billionth of a point are arithmetic noise, not something a customer notices.
    """
    scaled = value * 10**DECIMALS
    if not math.isfinite(scaled):
        raise InputError(f"{name} is too large to compare to {DECIMALS} decimals, got {value!r}")
    return round(scaled)


def expectation_path(start: Number, rise_per_period: Number, periods: int) -> np.ndarray:
    """Expectation in periods 0..periods when it rises by a fixed step each period.

    Expectations keep rising, pushed by your own good service and by competitors (seed 003).
    Values are exact to :data:`DECIMALS` decimals, as on paper (7 + 3 * 0.1 is 7.3, not
    7.300000000000001), so they agree with :func:`periods_until_dissatisfied`.

    >>> expectation_path(7, 0.5, 3).tolist()
    [7.0, 7.5, 8.0, 8.5]
    >>> expectation_path(7, 0.1, 3).tolist()
    [7.0, 7.1, 7.2, 7.3]
    """
    s = _billionths(require_number(start, "start"), "start")
    r = _billionths(require_number(rise_per_period, "rise_per_period"), "rise_per_period")
    if not isinstance(periods, (int, np.integer)) or isinstance(periods, bool) or periods < 0:
        raise InputError(f"periods must be a whole number >= 0, got {periods!r}")
    return np.array([(s + r * t) / 10**DECIMALS for t in range(int(periods) + 1)], dtype=float)


def periods_until_dissatisfied(experience: Number, expectation: Number, rise_per_period: Number) -> int | float:
    """First whole period in which a rising expectation *strictly* exceeds a fixed experience.

    Period 0 is now: returns 0 if customers are already dissatisfied, and ``inf`` if
    expectations never rise. A period where expectation only *equals* experience is still
    "met", so it does not count. The arithmetic is exact to :data:`DECIMALS` decimals, so
    values equal on paper compare equal and the answer agrees with :func:`expectation_path`.

    >>> periods_until_dissatisfied(experience=8, expectation=7, rise_per_period=0.4)
    3
    >>> periods_until_dissatisfied(8.2, 7.0, 0.3)  # period 4: 7.0 + 4 * 0.3 = 8.2, still met
    5
    >>> periods_until_dissatisfied(8, 7, 0)
    inf
    """
    x = _billionths(require_number(experience, "experience"), "experience")
    e = _billionths(require_number(expectation, "expectation"), "expectation")
    r = _billionths(require_number(rise_per_period, "rise_per_period"), "rise_per_period")
    if x < e:
        return 0
    if r <= 0:
        return math.inf
    # smallest whole t with e + r*t > x, in exact whole-number arithmetic
    return (x - e) // r + 1


CASES = pd.DataFrame(
    [
        ("watch", "A buyer paid 50 yuan under his target price for a watch, with no haggling, "
         "and still felt cheated: he expected to bargain.", "experience < expectation", "dissatisfied"),
        ("class photo", "A class photo at the business-school gate, with logo and banner, "
         "exactly as promised.", "experience = expectation", "met"),
        ("online bookshop", "One book of a 12-book sea-freight order was missing; the shop "
         "air-expressed it within 2 days, no questions asked.", "experience > expectation", "satisfied"),
    ],
    columns=["case", "story", "comparison", "verdict"],
).set_index("case")
"""The three cases of seed 003, one per outcome."""

FACTOR_GROUPS = {
    "core": "the product or service itself",
    "auxiliary": "supporting and technical services around it",
    "interaction": "how staff and customer deal with each other",
    "emotional": "how the customer feels during and after",
    "environmental": "the setting, which shifts expectations and tolerance",
}
"""Five groups of factors behind satisfaction (seed 001)."""

LEVELS = (
    "core product and service",
    "supporting services",
    "performance of the promised service",
    "interaction elements (face to face)",
    "emotional factors",
)
"""Five levels of satisfaction factors, from the inside out (seed 004)."""
