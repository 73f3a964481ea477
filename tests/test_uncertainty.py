"""95 % intervals: hand-computed cases, printed-table quantiles, and properties."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxlib import servqual, uncertainty
from cxlib._validate import InputError
from cxlib.uncertainty import (Interval, bootstrap_ci, compare_segments, difference_ci, mean_ci, proportion_ci,
                               t_quantile)

Z = 1.959963984540054  # the normal 97.5 % point


@pytest.mark.parametrize("df, value", [  # two-sided 95 % points from a printed t table
    (1, 12.706205), (2, 4.302653), (3, 3.182446), (5, 2.570582), (10, 2.228139), (30, 2.042272),
    (100, 1.983972), (1_000_000, 1.959966),
])
def test_t_quantile_matches_the_table(df, value):
    assert t_quantile(0.975, df) == pytest.approx(value, abs=2e-6)


def test_t_quantile_other_points_and_symmetry():
    assert t_quantile(0.995, 3) == pytest.approx(5.840909, abs=2e-6)
    assert t_quantile(0.9, 1) == pytest.approx(3.077684, abs=2e-6)  # tan(0.4 pi)
    assert t_quantile(0.025, 7) == pytest.approx(-t_quantile(0.975, 7))
    assert t_quantile(0.5, 4) == 0.0
    assert t_quantile(0.975, 2.5) < t_quantile(0.975, 2)  # fractional df (Welch) lie between
    with pytest.raises(InputError, match="strictly between 0 and 1"):
        t_quantile(1.0, 3)
    with pytest.raises(InputError, match="degrees of freedom must be positive"):
        t_quantile(0.975, 0)


def test_mean_ci_by_hand():
    # 4, 5, 6: mean 5, sd 1, se 1 / sqrt(3); t(0.975, 2) = 4.302653
    ci = mean_ci([4, 5, 6])
    half = 4.302653 / math.sqrt(3)
    assert (ci.estimate, ci.n, ci.level) == (5.0, 3, 0.95)
    assert (ci.low, ci.high) == pytest.approx((5 - half, 5 + half), abs=1e-5)
    assert 5 in ci and 8 not in ci


def test_difference_ci_by_hand():
    # a: 1, 2, 3 (mean 2, var 1); b: 2, 4, 6, 8 (mean 5, var 20/3)
    # se^2 = 1/3 + (20/3)/4 = 2; Welch df = 2^2 / ((1/3)^2/2 + (5/3)^2/3) = 4 / (1/18 + 25/27)
    d = difference_ci([1, 2, 3], [2, 4, 6, 8])
    df = 4 / (1 / 18 + 25 / 27)
    half = t_quantile(0.975, df) * math.sqrt(2)
    assert d.estimate == pytest.approx(-3)
    assert (d.low, d.high) == pytest.approx((-3 - half, -3 + half))
    assert d.n == (3, 4) and d.method == "Welch t"
    assert not d.excludes_zero  # -3 with a wide interval: the data do not show a difference
    assert difference_ci([1, 2, 3, 2, 1], [6, 7, 8, 7, 6]).excludes_zero


def test_proportion_ci_is_wilson():
    ci = proportion_ci(32, 320)
    p, n = 0.1, 320
    centre = (p + Z * Z / (2 * n)) / (1 + Z * Z / n)
    half = Z / (1 + Z * Z / n) * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n))
    assert (ci.low, ci.high) == pytest.approx((centre - half, centre + half))
    none = proportion_ci(0, 20)
    assert none.low == 0 and none.high == pytest.approx(Z * Z / (20 + Z * Z))
    with pytest.raises(InputError, match="exceeds n"):
        proportion_ci(21, 20)


def test_bootstrap_is_seeded_and_fits_a_mean():
    values = np.random.default_rng(3).normal(0, 1, 200)
    a, b = bootstrap_ci(values), bootstrap_ci(values)
    assert (a.low, a.high) == (b.low, b.high)  # same seed, same numbers
    t = mean_ci(values)
    assert a.low == pytest.approx(t.low, abs=0.03) and a.high == pytest.approx(t.high, abs=0.03)
    assert bootstrap_ci(values, seed=1).low != a.low


def test_bootstrap_on_rows_for_cronbach_alpha():
    survey = pd.DataFrame(np.random.default_rng(2).integers(1, 8, (60, 3)), columns=["P1", "P2", "P3"])
    items = survey.to_numpy(float)
    ci = bootstrap_ci(items, lambda x: servqual._alpha(x), resamples=300)
    assert ci.estimate == pytest.approx(servqual.cronbach_alpha(survey))
    assert ci.low < ci.estimate < ci.high


def test_interval_prints_as_a_sentence():
    ci = Interval(-0.5, -1.42, 0.42, 4)
    assert str(ci) == "-0.50 (95% CI -1.42 to +0.42, n = 4)"
    assert ci.text(percent=True) == "-50% (95% CI -142% to 42%, n = 4)"
    assert "np." not in repr(mean_ci(np.array([1.0, 2.0, 4.0])))


@pytest.mark.parametrize("call, message", [
    (lambda: mean_ci([1, np.nan, 2]), "values is blank in row 1"),
    (lambda: mean_ci(pd.DataFrame({"a": [1, 2]})), "one column of numbers"),
    (lambda: mean_ci(np.ones((2, 2))), "one column of numbers"),
    (lambda: mean_ci([1, np.inf]), "infinite"),
    (lambda: difference_ci([1], [2, 3]), "at least 2 answers"),
    (lambda: bootstrap_ci([1, 2, 3], resamples=10), "at least 100"),
    (lambda: bootstrap_ci([1, np.nan]), "blanks"),
    (lambda: mean_ci([1, 2], level=1.5), "level must be a confidence level"),
])
def test_bad_input(call, message):
    with pytest.raises((InputError, TypeError), match=message):
        call()


def test_compare_segments_agrees_with_difference_ci():
    east, west = [-2.0, -2, -1, -3, -2], [-1.0, 0, -1, -1, 0, -1, -2]
    x = pd.DataFrame({"gap": east + west})
    seg = pd.Series(["East"] * 5 + ["West"] * 7, name="branch")
    g = x.groupby(seg)
    table = compare_segments(g.size(), g.sum(), (x ** 2).groupby(seg).sum())
    row = table.loc[("East", "gap")]
    d = difference_ci(east, west)
    m = mean_ci(east)
    assert (row["difference"], row["diff_low"], row["diff_high"]) == pytest.approx((d.estimate, d.low, d.high))
    assert (row["mean"], row["low"], row["high"]) == pytest.approx((m.estimate, m.low, m.high))
    assert (row["n"], row["rest_n"], row["verdict"], row["small"]) == (5, 7, "below the rest", True)


def test_segment_gaps_on_a_tiny_survey():
    survey = pd.DataFrame({"E1": [7] * 6, "P1": [4, 5, 4, 6, 7, 6], "branch": ["A"] * 3 + ["B"] * 3})
    t = servqual.segment_gaps(survey, "branch", items={"speed": [1]})
    d = difference_ci([-3, -2, -3], [-1, 0, -1])
    assert t.loc[("A", "speed"), "difference"] == pytest.approx(d.estimate)
    assert t.loc[("A", "speed"), "diff_low"] == pytest.approx(d.low)


# --- properties --------------------------------------------------------------------------------

answers = st.lists(st.integers(1, 7), min_size=2, max_size=40)


@settings(max_examples=60, deadline=None)
@given(values=answers)
def test_mean_ci_contains_the_mean_and_shrinks_with_n(values):
    ci = mean_ci(values)
    assert ci.low <= ci.estimate <= ci.high
    assert ci.estimate == pytest.approx(np.mean(values))
    bigger = mean_ci(values * 4)  # the same answers from four times as many people
    assert bigger.estimate == pytest.approx(ci.estimate)
    assert bigger.high - bigger.low <= ci.high - ci.low + 1e-12


@settings(max_examples=60, deadline=None)
@given(a=answers, b=answers)
def test_difference_is_antisymmetric(a, b):
    ab, ba = difference_ci(a, b), difference_ci(b, a)
    assert ab.estimate == pytest.approx(-ba.estimate)
    assert (ab.low, ab.high) == pytest.approx((-ba.high, -ba.low))
    assert ab.low <= ab.estimate <= ab.high


@settings(max_examples=80, deadline=None)
@given(n=st.integers(1, 5000), data=st.data())
def test_proportion_ci_stays_in_0_1_and_contains_the_share(n, data):
    k = data.draw(st.integers(0, n))
    ci = proportion_ci(k, n)
    assert 0 <= ci.low <= ci.estimate <= ci.high <= 1
