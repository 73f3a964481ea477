"""How sure is a survey number? 95 % confidence intervals for means, differences and shares.

A gap of -1.12 from 320 respondents and a gap of -1.12 from 8 say different things. Each
function here returns an :class:`Interval`: the estimate, the range that covers the true
value in 95 % of samples like this one, and how many answers it rests on.

- :func:`mean_ci` -- a mean (e.g. a dimension gap): Student's t interval.
- :func:`difference_ci` -- the difference of two group means (e.g. East against the other
  branches): Welch's t interval, which does not assume equal spreads.
- :func:`proportion_ci` -- a share (e.g. of dissatisfied customers): Wilson's score interval,
  which stays inside 0-1 and works for shares near 0 or 1, where the t interval is wrong.
- :func:`bootstrap_ci` -- any other statistic (a median, Cronbach's alpha, a ratio): a
  seeded percentile bootstrap, the same numbers on every run.
- :func:`t_quantile` -- the t distribution's quantile (no SciPy needed).

>>> mean_ci([-1, 0, -1, 0])
Interval(-0.500, 95% CI -1.419 to 0.419, n=4)
>>> proportion_ci(8, 80).low < 0.1 < proportion_ci(8, 80).high
True
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from statistics import NormalDist
from typing import Any

import numpy as np
import pandas as pd

from ._validate import InputError, require_count, require_number, rows_at, show_rows

__all__ = [
    "Interval",
    "mean_ci",
    "difference_ci",
    "proportion_ci",
    "bootstrap_ci",
    "t_quantile",
    "t_bounds",
    "welch_bounds",
]


@dataclass(frozen=True)
class Interval:
    """An estimate with its confidence interval ``low``..``high`` at ``level`` (0.95 = 95 %).

    ``n`` is the number of answers behind it (for a difference, the two group sizes).
    ``str()`` gives a sentence-ready form: ``-0.50 (95% CI -1.42 to 0.42, n = 4)``.
    """

    estimate: float
    low: float
    high: float
    n: int | tuple[int, int]
    level: float = 0.95
    method: str = "t"

    def __str__(self) -> str:
        return self.text()

    def __repr__(self) -> str:
        n = self.n if isinstance(self.n, int) else " and ".join(map(str, self.n))
        return (f"Interval({self.estimate:.3f}, {self.level:.0%} CI {self.low:.3f} to {self.high:.3f}, "
                f"n={n})")

    def text(self, digits: int = 2, percent: bool = False) -> str:
        """The interval in words, e.g. ``-0.50 (95% CI -1.42 to 0.42, n = 4)``; ``percent`` for shares."""
        fmt = (lambda v: f"{v:.{max(digits - 2, 0)}%}") if percent else (lambda v: f"{v:+.{digits}f}")
        n = f"n = {self.n:,}" if isinstance(self.n, int) else f"n = {self.n[0]:,} and {self.n[1]:,}"
        return f"{fmt(self.estimate)} ({self.level:.0%} CI {fmt(self.low)} to {fmt(self.high)}, {n})"

    @property
    def excludes_zero(self) -> bool:
        """True when the whole interval is on one side of 0: the data support a difference."""
        return self.low > 0 or self.high < 0

    def __contains__(self, value: float) -> bool:
        return self.low <= value <= self.high


# --- the t distribution, without SciPy ----------------------------------------------------------


def _betacf(a: float, b: float, x: float) -> float:
    """Continued fraction of the regularised incomplete beta function (modified Lentz)."""
    tiny, eps = 1e-300, 1e-15
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 100_000):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < eps:
            break
    return h


def _incomplete_beta(a: float, b: float, x: float) -> float:
    """Regularised incomplete beta I_x(a, b) for 0 <= x <= 1."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = (math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
                 + a * math.log(x) + b * math.log1p(-x))
    if x < (a + 1.0) / (a + b + 2.0):
        return math.exp(log_front) * _betacf(a, b, x) / a
    return 1.0 - math.exp(log_front) * _betacf(b, a, 1.0 - x) / b


def _t_upper_tail(t: float, df: float) -> float:
    """P(T > t) for t >= 0."""
    return 0.5 * _incomplete_beta(df / 2.0, 0.5, df / (df + t * t))


@lru_cache(maxsize=4096)
def t_quantile(p: float, df: float) -> float:
    """The p-quantile of Student's t distribution with ``df`` degrees of freedom (df may be fractional).

    >>> round(t_quantile(0.975, 1), 4), round(t_quantile(0.975, 10), 4), round(t_quantile(0.975, 1e9), 4)
    (12.7062, 2.2281, 1.96)
    """
    p, df = float(p), float(df)
    if not 0.0 < p < 1.0:
        raise InputError(f"p must be strictly between 0 and 1, got {p:g}")
    if not df > 0:
        raise InputError(f"degrees of freedom must be positive, got {df:g}")
    if p < 0.5:
        return -t_quantile(1.0 - p, df)
    if p == 0.5:
        return 0.0
    tail = 1.0 - p
    lo, hi = 0.0, 2.0
    while _t_upper_tail(hi, df) > tail:
        lo, hi = hi, hi * 2.0
    for _ in range(200):  # bisection: slow but sure; cached, and called a handful of times
        mid = 0.5 * (lo + hi)
        if _t_upper_tail(mid, df) > tail:
            lo = mid
        else:
            hi = mid
        if hi - lo < 1e-12 * max(1.0, hi):
            break
    return 0.5 * (lo + hi)


def _level(level: Any) -> float:
    f = require_number(level, "level")
    if not 0.5 <= f < 1.0:
        tip = f" (write {f:g}% as {f / 100:g})" if 50 <= f < 100 else ""
        raise InputError(f"level must be a confidence level between 0.5 and 1, such as 0.95; got {f:g}{tip}")
    return f


def t_bounds(mean: Any, sd: Any, n: Any, level: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Low and high ends of the t interval mean +- t(n-1) * sd / sqrt(n), element by element.

    For summaries already computed (e.g. per segment); NaN where ``n < 2`` (no spread to judge).

    >>> low, high = t_bounds([5.0], [1.0], [4])
    >>> round(float(low[0]), 3), round(float(high[0]), 3)
    (3.409, 6.591)
    """
    level = _level(level)
    mean, sd, n = (np.atleast_1d(np.asarray(v, dtype=float)) for v in (mean, sd, n))
    half = np.full(np.broadcast(mean, sd, n).shape, np.nan)
    ok = np.broadcast_to(n >= 2, half.shape)
    if ok.any():
        nn = np.broadcast_to(n, half.shape)[ok]
        tq = np.array([t_quantile(0.5 + level / 2, k - 1) for k in nn])
        half[ok] = tq * np.broadcast_to(sd, half.shape)[ok] / np.sqrt(nn)
    return mean - half, mean + half


def welch_bounds(mean_a: Any, sd_a: Any, n_a: Any, mean_b: Any, sd_b: Any, n_b: Any,
                 level: float = 0.95) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Difference ``mean_a - mean_b`` and its Welch t interval, element by element, from summaries.

    NaN where either group has fewer than 2 answers.

    >>> diff, low, high = welch_bounds([6.0], [1.0], [10], [5.0], [1.0], [10])
    >>> float(diff[0]), round(float(low[0]), 3), round(float(high[0]), 3)
    (1.0, 0.06, 1.94)
    """
    level = _level(level)
    arrays = [np.atleast_1d(np.asarray(v, dtype=float)) for v in (mean_a, sd_a, n_a, mean_b, sd_b, n_b)]
    ma, sa, na, mb, sb, nb = np.broadcast_arrays(*arrays)
    diff = ma - mb
    low, high = np.full(diff.shape, np.nan), np.full(diff.shape, np.nan)
    ok = (na >= 2) & (nb >= 2)
    for idx in zip(*np.nonzero(ok)):
        va, vb = sa[idx] ** 2 / na[idx], sb[idx] ** 2 / nb[idx]
        se = math.sqrt(va + vb)
        if se == 0:
            low[idx] = high[idx] = diff[idx]
            continue
        df = (va + vb) ** 2 / (va ** 2 / (na[idx] - 1) + vb ** 2 / (nb[idx] - 1))
        half = t_quantile(0.5 + level / 2, df) * se
        low[idx], high[idx] = diff[idx] - half, diff[idx] + half
    return diff, low, high


# --- intervals from data ------------------------------------------------------------------------


def _values(values: Any, name: str) -> np.ndarray:
    """A 1-D float array of answers, refusing text and blanks (naming the rows)."""
    if isinstance(values, pd.DataFrame):
        raise TypeError(f"{name} must be one column of numbers (a Series, list or array), not a whole table")
    series = values if isinstance(values, pd.Series) else pd.Series(np.asarray(values).ravel() if np.ndim(values) else [values])
    if isinstance(values, np.ndarray) and values.ndim > 1:
        raise TypeError(f"{name} must be one column of numbers; got an array of shape {values.shape}")
    if not pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series):
        num = pd.to_numeric(series, errors="coerce")
        bad = num.isna() & series.notna()
        if bad.any():
            raise InputError(f"{name} is not numeric: {show_rows(rows_at(series.index, bad), series[bad].tolist())}")
        series = num
    arr = series.to_numpy(dtype=float, na_value=np.nan)
    blank = np.isnan(arr)
    if blank.any():
        raise InputError(f"{name} is blank in {show_rows(rows_at(series.index, blank))}; drop the blanks first")
    if not np.isfinite(arr).all():
        raise InputError(f"{name} holds an infinite value; intervals need finite numbers")
    return arr


def mean_ci(values: Any, level: float = 0.95) -> Interval:
    """The mean and its t interval: mean +- t(0.975, n-1) * sd / sqrt(n).

    Right for means of survey answers (gaps, scores) when answers are independent; for a
    share use :func:`proportion_ci`. Needs at least 2 answers.

    >>> mean_ci([4, 5, 6])
    Interval(5.000, 95% CI 2.516 to 7.484, n=3)
    >>> mean_ci([5])
    Traceback (most recent call last):
    ...
    cxlib._validate.InputError: a confidence interval needs at least 2 answers (there is no spread to judge from 1); got 1
    """
    arr = _values(values, "values")
    if arr.size < 2:
        raise InputError("a confidence interval needs at least 2 answers (there is no spread to judge from 1); "
                         f"got {arr.size}")
    mean, sd = float(arr.mean()), float(arr.std(ddof=1))
    low, high = t_bounds(mean, sd, arr.size, level)
    return Interval(mean, float(low[0]), float(high[0]), int(arr.size), _level(level), "t")


def difference_ci(a: Any, b: Any, level: float = 0.95) -> Interval:
    """Mean of ``a`` minus mean of ``b`` with Welch's t interval (unequal spreads allowed).

    If the interval includes 0, the data do not show a difference between the groups.

    >>> east, others = [-2, -2, -1, -3], [-1, 0, -1, -1, 0, -1]
    >>> d = difference_ci(east, others)
    >>> round(d.estimate, 2), d.excludes_zero
    (-1.33, True)
    """
    x, y = _values(a, "a"), _values(b, "b")
    if x.size < 2 or y.size < 2:
        raise InputError(f"each group needs at least 2 answers for an interval; got {x.size} and {y.size}")
    diff, low, high = welch_bounds(x.mean(), x.std(ddof=1), x.size, y.mean(), y.std(ddof=1), y.size, level)
    return Interval(float(diff[0]), float(low[0]), float(high[0]), (int(x.size), int(y.size)), _level(level),
                    "Welch t")


def proportion_ci(successes: Any, n: Any, level: float = 0.95) -> Interval:
    """A share ``successes / n`` and its Wilson score interval (always inside 0-1).

    >>> p = proportion_ci(32, 320)
    >>> round(p.estimate, 3), round(p.low, 3), round(p.high, 3)
    (0.1, 0.072, 0.138)
    >>> proportion_ci(3.5, 10)
    Traceback (most recent call last):
    ...
    cxlib._validate.InputError: successes counts people, so it must be a whole number, got 3.5
    """
    k = require_count(successes, "successes", whole=True)
    m = require_count(n, "n", whole=True)
    if m == 0:
        raise InputError("n must be at least 1 for a share")
    if k > m:
        raise InputError(f"successes ({k:g}) exceeds n ({m:g})")
    level = _level(level)
    z = NormalDist().inv_cdf(0.5 + level / 2)
    p = k / m
    centre = (p + z * z / (2 * m)) / (1 + z * z / m)
    half = z / (1 + z * z / m) * math.sqrt(p * (1 - p) / m + z * z / (4 * m * m))
    low, high = (0.0 if k == 0 else min(p, centre - half)), (1.0 if k == m else max(p, centre + half))
    return Interval(p, low, high, int(m), level, "Wilson")


def bootstrap_ci(values: Any, statistic: Callable[[np.ndarray], float] = np.mean, level: float = 0.95,
                 resamples: int = 2000, seed: int = 0) -> Interval:
    """Any statistic with a seeded percentile bootstrap interval (the same numbers on every run).

    ``values`` is 1-D (answers) or 2-D (rows = respondents, resampled whole, e.g. for
    Cronbach's alpha); ``statistic`` maps such an array to one number. Use it where no formula
    fits (medians, alpha, ratios); for a mean, :func:`mean_ci` is exact and instant.

    >>> b = bootstrap_ci([1, 2, 3, 4, 100], np.median)
    >>> b.estimate, b.low <= 3 <= b.high, b.method
    (3.0, True, 'bootstrap (2000 resamples, seed 0)')
    """
    if isinstance(values, pd.DataFrame):
        arr = values.to_numpy(dtype=float)
    else:
        arr = np.asarray(values, dtype=float)
    if arr.ndim not in (1, 2):
        raise TypeError(f"values must be 1-D (answers) or 2-D (respondents x items); got shape {arr.shape}")
    if np.isnan(arr).any():
        raise InputError("values has blanks; drop them first")
    n = arr.shape[0]
    if n < 2:
        raise InputError(f"a bootstrap needs at least 2 rows; got {n}")
    if not isinstance(resamples, (int, np.integer)) or isinstance(resamples, bool) or resamples < 100:
        raise InputError(f"resamples must be a whole number of at least 100, got {resamples!r}")
    level = _level(level)
    rng = np.random.default_rng(seed)
    estimate = float(statistic(arr))
    stats = np.array([statistic(arr[rng.integers(0, n, n)]) for _ in range(int(resamples))], dtype=float)
    stats = stats[np.isfinite(stats)]
    if stats.size < resamples // 2:
        raise InputError("the statistic is undefined (NaN) in most resamples; too few rows or no variation")
    tail = (1 - level) / 2
    low, high = np.quantile(stats, [tail, 1 - tail])
    return Interval(estimate, float(low), float(high), int(n), level,
                    f"bootstrap ({int(resamples)} resamples, seed {seed})")


# --- segments against the rest ---------------------------------------------------------------------

VERDICTS = ("below the rest", "above the rest", "no clear difference", "too few to tell")
"""What :func:`compare_segments` says of a segment: only an interval that excludes 0 claims a difference."""


def compare_segments(n: pd.Series, sums: pd.DataFrame, squares: pd.DataFrame, level: float = 0.95,
                     small: int = 10, centre: float = 0.0) -> pd.DataFrame:
    """Each segment's mean per column with its t interval, and its difference from everyone else.

    Works from sums, so it serves a 1,000-row survey and a streamed 10-million-row one alike:
    ``n`` respondents per segment (a Series; or a DataFrame shaped like ``sums`` when the count
    differs by column); ``sums`` and ``squares`` the per-segment sums of
    ``x - centre`` and of ``(x - centre) ** 2`` (rows = segments, columns = e.g. dimensions).
    "The rest" is every respondent outside the segment. ``verdict`` is "below the rest" or
    "above the rest" only when the Welch interval of the difference excludes 0, "no clear
    difference" otherwise, "too few to tell" when either side has fewer than 2 respondents;
    ``small`` flags segments with fewer than ``small`` respondents.

    One row per segment and column (a long table), with columns ``n``, ``mean``, ``low``,
    ``high``, ``rest_n``, ``rest_mean``, ``difference``, ``diff_low``, ``diff_high``,
    ``verdict``, ``small``.

    >>> x = pd.DataFrame({"gap": [-2.0, -2, -1, -3, -1, 0, -1, -1, 0, -1]})
    >>> seg = pd.Series(["East"] * 4 + ["West"] * 6)
    >>> g = x.groupby(seg)
    >>> t = compare_segments(g.size(), g.sum(), (x ** 2).groupby(seg).sum())
    >>> t.loc["East"].round(2)[["n", "mean", "rest_mean", "difference", "verdict"]]  # doctest: +NORMALIZE_WHITESPACE
         n  mean  rest_mean  difference         verdict
    gap  4  -2.0      -0.67       -1.33  below the rest
    """
    level = _level(level)
    if isinstance(n, pd.DataFrame):  # answers per segment and column (e.g. pairwise blanks)
        counts = n.reindex(index=sums.index, columns=sums.columns).astype(float)
    else:
        n = pd.Series(n, dtype=float)
        counts = pd.DataFrame(np.repeat(n.to_numpy()[:, None], sums.shape[1], axis=1), index=n.index,
                              columns=sums.columns)
    sums, squares = sums.reindex(counts.index).astype(float), squares.reindex(counts.index).astype(float)
    total_n, total_s, total_q = counts.sum(), sums.sum(), squares.sum()

    def moments(k, s, q):
        k = np.asarray(k, dtype=float)
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = np.where(k > 0, s / np.where(k > 0, k, 1), np.nan)
            var = np.where(k > 1, (q - s * mean) / np.where(k > 1, k - 1, 1), np.nan)
        return mean, np.sqrt(np.clip(var, 0, None))

    m, sd = moments(counts.to_numpy(), sums.to_numpy(), squares.to_numpy())
    rk, rs, rq = (total_n.to_numpy() - counts.to_numpy(), total_s.to_numpy() - sums.to_numpy(),
                  total_q.to_numpy() - squares.to_numpy())
    rm, rsd = moments(rk, rs, rq)
    low, high = t_bounds(m, sd, counts.to_numpy(), level)
    diff, dlow, dhigh = welch_bounds(m, sd, counts.to_numpy(), rm, rsd, rk, level)
    verdict = np.where(np.isnan(dlow), VERDICTS[3],
                       np.where(dhigh < 0, VERDICTS[0], np.where(dlow > 0, VERDICTS[1], VERDICTS[2])))
    index = pd.MultiIndex.from_product([counts.index, sums.columns], names=[counts.index.name, sums.columns.name])
    flat = {
        "n": counts.to_numpy().astype(int), "mean": m + centre, "low": low + centre, "high": high + centre,
        "rest_n": rk.astype(int), "rest_mean": rm + centre, "difference": diff, "diff_low": dlow,
        "diff_high": dhigh, "verdict": verdict, "small": counts.to_numpy() < small,
    }
    return pd.DataFrame({k: np.asarray(v).ravel() for k, v in flat.items()}, index=index)
