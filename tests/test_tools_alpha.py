"""Cronbach's alpha, raw and standardized, listwise and pairwise; reliability of a P-only survey."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxlib import InputError, servqual

TWO = {"tangibles": [1, 2], "reliability": [3, 4, 5]}


# --- by hand --------------------------------------------------------------------------------------


def test_raw_and_standardized_alpha_by_hand():
    items = pd.DataFrame({"P5": [1, 2, 3], "P6": [1, 5, 3]})
    # var(P5) = 1, var(P6) = 4; totals 2, 7, 6: mean 5, squares 9 + 4 + 1 -> var 7
    # raw = 2 * (1 - (1 + 4) / 7) = 4/7
    assert servqual.cronbach_alpha(items) == pytest.approx(4 / 7)
    # cov = ((-1)(-2) + 0*2 + 1*0) / 2 = 1, r = 1 / sqrt(1 * 4) = 0.5 -> 2 * 0.5 / (1 + 0.5) = 2/3
    assert servqual.cronbach_alpha(items, standardized=True) == pytest.approx(2 / 3)


def test_standardized_alpha_three_items_by_hand():
    items = pd.DataFrame({"a": [1, 2, 3, 4], "b": [2, 2, 3, 5], "c": [1, 3, 3, 5]})
    # deviations a: -1.5 -.5 .5 1.5 ; b: -1 -1 0 2 ; c: -2 0 0 2   (ddof = 1 -> divide by 3)
    # var a 5/3, b 2, c 8/3 ; cov ab 5/3, ac 2, bc 2
    r_ab = (5 / 3) / math.sqrt(5 / 3 * 2)
    r_ac = 2 / math.sqrt(5 / 3 * 8 / 3)
    r_bc = 2 / math.sqrt(2 * 8 / 3)
    r = (r_ab + r_ac + r_bc) / 3
    assert servqual.cronbach_alpha(items, standardized=True) == pytest.approx(3 * r / (1 + 2 * r))
    assert servqual.cronbach_alpha(items) == pytest.approx(51 / 53)  # the raw one, unchanged


def test_pairwise_alpha_uses_each_pair_of_answers():
    items = pd.DataFrame({"x": [1, 2, 3, None], "y": [1, 5, 3, 2]})
    # cov(x, y) and var(x) from rows 0-2: 1 and 1; var(y) from all four rows: 8.75 / 3 = 35/12
    # sum of the covariance matrix = 1 + 35/12 + 2 * 1 = 71/12, trace = 47/12
    # alpha = 2 * (1 - 47/71) = 48/71
    assert servqual.cronbach_alpha(items, dropna="pairwise") == pytest.approx(48 / 71)
    assert servqual.cronbach_alpha(items, dropna=True) == pytest.approx(4 / 7)  # rows 0-2 only
    with pytest.raises(InputError, match="column x is blank in row 3"):
        servqual.cronbach_alpha(items)


def test_pairwise_equals_listwise_without_blanks():
    items = pd.DataFrame({"a": [1, 2, 3, 4], "b": [2, 2, 3, 5], "c": [1, 3, 3, 5]})
    for standardized in (False, True):
        assert servqual.cronbach_alpha(items, standardized, dropna="pairwise") == pytest.approx(
            servqual.cronbach_alpha(items, standardized))


def test_a_constant_item_has_raw_alpha_but_no_standardized_one():
    items = pd.DataFrame({"P5": [1, 2, 3], "P6": [4, 4, 4]})
    # raw: var 1 and 0, totals 5, 6, 7 -> var 1 -> 2 * (1 - 1/1) = 0
    assert servqual.cronbach_alpha(items) == pytest.approx(0.0)
    with pytest.raises(InputError, match=r"item P6 never varies \(every answer is 4\).*standardized=False"):
        servqual.cronbach_alpha(items, standardized=True)


# --- reliability_table ----------------------------------------------------------------------------


def _survey() -> pd.DataFrame:
    return pd.DataFrame({
        "E1": [7, 6, 5, 6], "E2": [6, 6, 4, 7], "E3": [5, 7, 6, 6], "E4": [6, 5, 6, 7], "E5": [7, 7, 5, 6],
        "P1": [5, 4, 3, 6], "P2": [6, 3, 3, 5], "P3": [4, 5, 2, 6], "P4": [3, 5, 3, 7], "P5": [5, 6, 2, 6],
    })


def test_reliability_table_standardized_matches_cronbach_alpha():
    survey = _survey()
    table = servqual.reliability_table(survey, items=TWO, standardized=True)
    for dim, numbers in TWO.items():
        for prefix, col in (("E", "alpha_expectation"), ("P", "alpha_perception")):
            frame = survey[[f"{prefix}{i}" for i in numbers]]
            assert table.loc[dim, col] == pytest.approx(servqual.cronbach_alpha(frame, standardized=True))
    raw = servqual.reliability_table(survey, items=TWO)
    assert not np.allclose(raw[["alpha_perception"]], table[["alpha_perception"]])  # they do differ


def test_reliability_table_of_a_perceptions_only_survey():
    survey = _survey()
    p_only = survey[[f"P{i}" for i in range(1, 6)]]
    table = servqual.reliability_table(p_only, items=TWO)  # no E columns at all: P only
    assert list(table.columns) == ["items", "alpha_perception"]
    assert table["items"].tolist() == [2, 3]
    assert table.loc["reliability", "alpha_perception"] == pytest.approx(
        servqual.cronbach_alpha(p_only[["P3", "P4", "P5"]]))
    # the same with E present but asked for P only
    explicit = servqual.reliability_table(survey, items=TWO, perceptions_only=True)
    pd.testing.assert_frame_equal(explicit, table)
    with pytest.raises(InputError, match="no column E1"):
        servqual.reliability_table(p_only, items=TWO, perceptions_only=False)


def test_reliability_table_pairwise_and_columns():
    survey = _survey().rename(columns=lambda c: c.replace("E", "exp_").replace("P", "perc_"))
    survey.loc[2, "perc_4"] = None
    table = servqual.reliability_table(survey, items=TWO, dropna="pairwise",
                                       columns={"E": "exp_", "P": "perc_"})
    expected = servqual.cronbach_alpha(survey[["perc_3", "perc_4", "perc_5"]], dropna="pairwise")
    assert table.loc["reliability", "alpha_perception"] == pytest.approx(expected)


# --- bad input -------------------------------------------------------------------------------------


@pytest.mark.parametrize("kwargs, error, message", [
    ({"standardized": "yes"}, TypeError, "standardized must be True or False, got str 'yes'"),
    ({"standardized": 1}, TypeError, "standardized must be True or False, got int 1"),
    ({"dropna": "listwise"}, InputError, "dropna must be False .* True .* or 'pairwise'"),
])
def test_bad_options(kwargs, error, message):
    with pytest.raises(error, match=message):
        servqual.cronbach_alpha(pd.DataFrame({"a": [1, 2, 3], "b": [2, 1, 3]}), **kwargs)


def test_pairwise_with_items_never_answered_together():
    items = pd.DataFrame({"x": [1, 2, None, None], "y": [None, None, 3, 4]})
    with pytest.raises(InputError, match="items x and y are answered together by fewer than 2 respondents"):
        servqual.cronbach_alpha(items, dropna="pairwise")


def test_pairwise_still_checks_every_answer():
    items = pd.DataFrame({"x": [1, 2, None, "four"], "y": [1, 2, 3, 4]})
    with pytest.raises(InputError, match="column x is not numeric: row 3 is 'four'"):
        servqual.cronbach_alpha(items, dropna="pairwise")
    with pytest.raises(InputError, match="column x has no answers at all"):
        servqual.cronbach_alpha(pd.DataFrame({"x": [None, None], "y": [1, 2]}), dropna="pairwise")


def test_inputs_not_modified():
    items = pd.DataFrame({"x": [1, 2, 3, None], "y": [1, 5, 3, 2]})
    before = items.copy()
    servqual.cronbach_alpha(items, standardized=True, dropna="pairwise")
    servqual.reliability_table(_survey(), items=TWO, standardized=True)
    pd.testing.assert_frame_equal(items, before)


# --- properties ------------------------------------------------------------------------------------

column = st.lists(st.integers(1, 7), min_size=4, max_size=10)


@settings(max_examples=30, deadline=None)
@given(base=column, k=st.integers(2, 4), data=st.data())
def test_standardized_equals_raw_when_items_have_equal_variance(base, k, data):
    # every item is a reordering of the same answers, so every item has the same variance
    cols = {f"i{j}": data.draw(st.permutations(base)) for j in range(k)}
    items = pd.DataFrame(cols)
    try:
        raw = servqual.cronbach_alpha(items)
    except InputError:
        return  # no variation at all: neither alpha exists
    assert servqual.cronbach_alpha(items, standardized=True) == pytest.approx(raw, abs=1e-9)


@settings(max_examples=30, deadline=None)
@given(rows=st.lists(st.tuples(st.integers(1, 7), st.integers(1, 7), st.integers(1, 7)), min_size=3, max_size=10),
       stretch=st.integers(1, 9), shift=st.integers(-3, 3))
def test_standardized_alpha_ignores_each_items_unit_and_is_at_most_one(rows, stretch, shift):
    items = pd.DataFrame(rows, columns=["a", "b", "c"])
    try:
        alpha = servqual.cronbach_alpha(items, standardized=True)
    except InputError:
        return
    assert alpha <= 1 + 1e-12
    rescaled = items.assign(b=items["b"] * stretch + shift)  # another unit for one item
    assert servqual.cronbach_alpha(rescaled, standardized=True) == pytest.approx(alpha, abs=1e-9)
