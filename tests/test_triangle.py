"""Lesson 01 maths: satisfaction = experience - expectation (seed 003)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cxlib import InputError, triangle

finite = st.floats(min_value=-100, max_value=100, allow_nan=False)


def test_hand_computed_cases():
    assert triangle.satisfaction(experience=6.5, expectation=8.0) == -1.5  # 6.5 - 8.0
    assert triangle.satisfaction(8, 7) == 1.0
    assert triangle.satisfaction(7, 7) == 0.0


def test_the_three_cases_of_seed_003():
    # watch: experience < expectation; class photo: equal; bookshop: experience > expectation
    assert triangle.verdict(triangle.satisfaction(4, 7)) == triangle.CASES.loc["watch", "verdict"]
    assert triangle.verdict(triangle.satisfaction(7, 7)) == triangle.CASES.loc["class photo", "verdict"]
    assert triangle.verdict(triangle.satisfaction(9, 7)) == triangle.CASES.loc["online bookshop", "verdict"]


def test_series_are_aligned_and_not_modified():
    x = pd.Series([8.0, 6.0], index=["a", "b"])
    e = pd.Series([7.0, 7.0], index=["a", "b"])
    before = (x.copy(), e.copy())
    out = triangle.satisfaction(x, e)
    assert out.tolist() == [1.0, -1.0] and list(out.index) == ["a", "b"]
    pd.testing.assert_series_equal(x, before[0])
    pd.testing.assert_series_equal(e, before[1])


def test_arrays_of_different_length_are_refused():
    with pytest.raises(InputError, match="experience has 3 values but expectation has 2"):
        triangle.satisfaction([1, 2, 3], [1, 2])


@pytest.mark.parametrize("bad, error, message", [
    ("8", TypeError, "experience must be a number, got str '8'"),
    (float("nan"), InputError, "finite"),
    (True, TypeError, "got bool"),
])
def test_bad_scalars(bad, error, message):
    with pytest.raises(error, match=message):
        triangle.satisfaction(bad, 7)


def test_blank_in_series_names_the_row():
    with pytest.raises(InputError, match="expectation is blank in rows? 2"):
        triangle.satisfaction(pd.Series([1.0, 2, 3]), pd.Series([1.0, 2, None]))


def test_verdict_tolerance_boundaries():
    assert triangle.verdict(0.0) == "met"
    assert triangle.verdict(0.5, tolerance=0.5) == "met"  # |s| <= tolerance is met
    assert triangle.verdict(0.51, tolerance=0.5) == "satisfied"
    assert triangle.verdict(-0.51, tolerance=0.5) == "dissatisfied"
    with pytest.raises(InputError, match="tolerance must be zero or more"):
        triangle.verdict(1, tolerance=-1)


@given(finite, finite)
def test_satisfaction_is_antisymmetric_and_verdict_consistent(x, e):
    s = triangle.satisfaction(x, e)
    assert s == -triangle.satisfaction(e, x)
    assert triangle.verdict(s) == ("satisfied" if x > e else "met" if x == e else "dissatisfied")


def test_expectation_path_and_crossing():
    assert triangle.expectation_path(7, 0.25, 4).tolist() == [7.0, 7.25, 7.5, 7.75, 8.0]
    # 8 vs 7 rising 0.25: met in period 4 (8.0), dissatisfied first in period 5 (8.25)
    assert triangle.periods_until_dissatisfied(8, 7, 0.25) == 5
    assert triangle.periods_until_dissatisfied(6, 7, 0.25) == 0
    assert math.isinf(triangle.periods_until_dissatisfied(8, 7, 0))
    with pytest.raises(InputError, match="periods must be a whole number"):
        triangle.expectation_path(7, 0.1, -1)


@pytest.mark.parametrize("x, e, r, expected", [
    (8.2, 7.0, 0.3, 5),    # period 4: 7.0 + 4 * 0.3 = 8.2 equals experience (met); 5 exceeds it
    (7.3, 7.0, 0.05, 7),   # period 6: 7.3 met; period 7: 7.35
    (0.35, 0.0, 0.01, 36),  # period 35: 0.35 met; period 36: 0.36
    (8.0, 7.0, 0.4, 3),    # 7.8 in period 2 is still below 8.0; 8.2 in period 3 is above
    (7.0, 7.0, 0.1, 1),    # met now, overtaken next period
    (6.9, 7.0, 0.1, 0),    # already dissatisfied
    (8.0, 7.0, -0.5, math.inf),  # falling expectations never overtake
])
def test_crossing_is_the_first_period_strictly_above_as_on_paper(x, e, r, expected):
    assert triangle.periods_until_dissatisfied(x, e, r) == expected
    if expected not in (0, math.inf):
        path = triangle.expectation_path(e, r, expected)
        assert path[expected] > x and path[expected - 1] <= x


def test_path_is_exact_to_the_stated_decimals():
    assert triangle.expectation_path(7, 0.1, 3).tolist() == [7.0, 7.1, 7.2, 7.3]
    assert triangle.expectation_path(7.0, 0.3, 4)[4] == 8.2
    assert triangle.DECIMALS == 9
    # noise below a billionth is ignored; a billionth is not
    assert triangle.periods_until_dissatisfied(8.2000000000001, 7.0, 0.3) == 5
    assert triangle.periods_until_dissatisfied(8.200000001, 7.0, 0.3) == 5
    assert triangle.periods_until_dissatisfied(8.199999999, 7.0, 0.3) == 4
    with pytest.raises(InputError, match="experience is too large"):
        triangle.periods_until_dissatisfied(1e300, 7.0, 0.3)


@given(st.floats(0, 10), st.floats(0, 10), st.floats(0.01, 2))
@example(8.2, 7.0, 0.3)
@example(7.3, 7.0, 0.05)
@example(0.35, 0.0, 0.01)
@example(1.9, 0.0, 0.01)
def test_crossing_period_agrees_with_the_path(x, e, r):
    """The function's period is the first one at which the path is above experience (as on paper)."""
    t = triangle.periods_until_dissatisfied(x, e, r)
    path = triangle.expectation_path(e, r, int(t) + 1)
    x_paper = round(x, triangle.DECIMALS)
    assert path[int(t)] > x_paper
    if t > 0:
        assert path[int(t) - 1] <= x_paper


def test_catalogues_match_the_sources():
    assert len(triangle.FACTOR_GROUPS) == 5 and len(triangle.LEVELS) == 5
    assert list(triangle.CASES["verdict"]) == ["dissatisfied", "met", "satisfied"]
    assert isinstance(triangle.expectation_path(1, 0, 0), np.ndarray)
