"""Lesson 01 maths: satisfaction = experience - expectation (seed 003)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
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


@given(st.floats(0, 10), st.floats(0, 10), st.floats(0.01, 2))
def test_crossing_period_is_the_first_dissatisfied_one(x, e, r):
    t = triangle.periods_until_dissatisfied(x, e, r)
    path = triangle.expectation_path(e, r, int(t) + 1)
    assert x < path[int(t)] or (t == 0 and x < e)
    if t > 0:
        assert x >= path[int(t) - 1]


def test_catalogues_match_the_sources():
    assert len(triangle.FACTOR_GROUPS) == 5 and len(triangle.LEVELS) == 5
    assert list(triangle.CASES["verdict"]) == ["dissatisfied", "met", "satisfied"]
    assert isinstance(triangle.expectation_path(1, 0, 0), np.ndarray)
