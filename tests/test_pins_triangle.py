"""Pins for cxlib.triangle: behaviour the mutation run (make mutate) found no test holding."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from cxlib import InputError, triangle


@pytest.mark.parametrize("bad, message", [
    (pd.Series([True, False]), "experience must hold numbers; its dtype is bool"),
    (pd.Series(["8", "7"]), "experience must hold numbers; its dtype is (str|object)"),
    ([True, False], "experience must hold numbers, got values of type bool"),
    (np.array(["8", "7"]), "experience must hold numbers, got values of type <U1"),
])
def test_columns_of_non_numbers_are_refused(bad, message):
    with pytest.raises(TypeError, match=message):
        triangle.satisfaction(bad, [7, 7] if isinstance(bad, (list, np.ndarray)) else pd.Series([7, 7]))


def test_blanks_are_named_by_position_or_row():
    with pytest.raises(InputError, match=r"experience is blank at positions \[1\]$"):
        triangle.satisfaction([8.0, float("nan")], [7, 7])
    many = [1.0] + [float("nan")] * 7  # blank at positions 1..7: the message lists the first five
    with pytest.raises(InputError, match=r"experience is blank at positions \[1, 2, 3, 4, 5\]$"):
        triangle.satisfaction(many, [1.0] * 8)
    with pytest.raises(InputError, match=r"experience is blank in rows 1, 2, 3, 4, 5 and 2 more"):
        triangle.satisfaction(pd.Series(many), pd.Series([1.0] * 8))


def test_satisfaction_of_a_list_is_a_float_array():
    out = triangle.satisfaction([8, 6], [7, 7])
    assert isinstance(out, np.ndarray) and out.dtype == float and out.tolist() == [1.0, -1.0]


def test_a_rise_of_one_billionth_still_overtakes():
    # the smallest rise the exact arithmetic sees: 1 point ahead lasts 10**9 periods, then one more
    assert triangle.periods_until_dissatisfied(8, 7, 1e-9) == 10**9 + 1
    assert triangle.periods_until_dissatisfied(8, 7, 1e-10) == float("inf")  # below a billionth: no rise


def test_verdict_of_exact_zero_is_met_for_any_tolerance():
    assert [triangle.verdict(0.0, t) for t in (0, 0.1, 5)] == ["met"] * 3
    assert triangle.verdict(1e-12) == "satisfied" and triangle.verdict(-1e-12) == "dissatisfied"


def test_mismatched_row_labels_show_four_then_a_count():
    with pytest.raises(InputError, match=r"\(experience: a, b, c, d; expectation: 0, 1, 2, 3\)"):
        triangle.satisfaction(pd.Series([1, 2, 3, 4], index=list("abcd")), pd.Series([1, 2, 3, 4]))
    with pytest.raises(InputError, match=r"\(experience: a, b, c, d, \.\.\. \(5 rows\); expectation: 0, 1, 2, 3, "
                                         r"\.\.\. \(5 rows\)\)"):
        triangle.satisfaction(pd.Series(range(5), index=list("abcde")), pd.Series(range(5)))
