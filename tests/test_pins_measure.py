"""Pins for cxlib.measure: behaviour the mutation run (make mutate) found no test holding."""

from __future__ import annotations

import dataclasses
import itertools

import numpy as np
import pandas as pd
import pytest

from cxlib import InputError, measure

R = pd.DataFrame({"good": [0.6, 0.2], "fair": [0.3, 0.5], "poor": [0.1, 0.3]}, index=["staff", "wifi"])
RATINGS = pd.DataFrame({"staff": [5, 4, 2, 1, 3], "food": [4, 5, 1, 2, 3], "wifi": [3, 4, 2, 3, 5]})
LOUNGE = pd.DataFrame({"staff": [5, 4, 2, 1, 3], "wifi": [3, 4, 2, 3, 5], "overall": [9, 7, 4, 3, 6]})


def _results():
    return {
        "fuzzy": measure.fuzzy_evaluate({"staff": 0.7, "wifi": 0.3}, R),
        "component": measure.first_component(RATINGS),
        "drivers": measure.driver_weights(LOUNGE, "overall"),
        "index": measure.survey_index(pd.DataFrame({"staff": [5, 3], "wifi": [4, 2]}), weights={"staff": 3, "wifi": 1}),
    }


def test_results_print_as_one_readable_line():
    shown = {k: repr(v) for k, v in _results().items()}
    assert shown == {
        "fuzzy": "FuzzyResult(grade='good', membership=0.480; B: good 0.480, fair 0.360, poor 0.160)",
        "component": "PrincipalComponent(explained=0.705; loadings: staff 0.86, food 0.95, wifi 0.69)",
        "drivers": "Drivers(r_squared=0.988, respondents=5; staff +0.98, wifi +0.04)",
        "index": "SurveyIndex(overall=68.8 of 100, respondents=2)",
    }


@pytest.mark.parametrize("kind", ["fuzzy", "component", "drivers", "index"])
def test_results_cannot_be_changed_after_the_fact(kind):
    result = _results()[kind]
    field = dataclasses.fields(result)[0].name
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(result, field, None)


def test_membership_matrix_shape_errors():
    with pytest.raises(InputError, match=r"membership matrix needs at least two grades \(columns\)"):
        measure.fuzzy_evaluate({"staff": 1, "wifi": 1}, R[["good"]])
    with pytest.raises(InputError, match="membership matrix names attribute staff twice"):
        measure.fuzzy_evaluate({"staff": 1, "wifi": 1}, pd.concat([R, R.iloc[[0]]]))


def test_the_negative_entry_named_is_the_negative_one_not_a_zero_before_it():
    bad = pd.DataFrame({"good": [0.0, 1.2], "fair": [1.0, -0.2]}, index=["staff", "wifi"])
    with pytest.raises(InputError, match="negative entry: row wifi, column fair is -0.2"):
        measure.fuzzy_evaluate({"staff": 1, "wifi": 1}, bad)


def test_b_is_renormalised_when_rows_are_off_by_rounding():
    off = R.copy()
    off.loc["staff", "good"] += 5e-7  # within the 1e-6 a row may be off by
    assert measure.fuzzy_evaluate({"staff": 0.7, "wifi": 0.3}, off).vector.sum() == pytest.approx(1, abs=1e-12)


def test_grades_and_answers_must_exist():
    with pytest.raises(InputError, match="grades must be a non-empty list"):
        measure.membership_matrix(pd.DataFrame({"a": ["good"]}), grades=[])
    with pytest.raises(InputError, match="survey column b has no answers"):
        measure.membership_matrix(pd.DataFrame({"a": ["good", None], "b": [None, None]}), grades=["good", "bad"],
                                  dropna=True)


def test_too_few_rows_or_attributes():
    with pytest.raises(InputError, match="ratings needs at least 3 rows, got 2"):
        measure.first_component(RATINGS.head(2))
    with pytest.raises(InputError, match="driver_weights needs at least one attribute besides the target"):
        measure.driver_weights(LOUNGE[["overall"]], "overall")


def test_component_sign_follows_the_sum_of_loadings_not_the_largest():
    # the largest loading (staff) is negative, yet the loadings sum to a positive number
    X = pd.DataFrame([[5, 2, 1, 2], [3, 5, 3, 1], [2, 4, 5, 4], [5, 1, 5, 1], [3, 2, 2, 4], [2, 3, 2, 1],
                      [4, 3, 4, 4], [5, 3, 2, 4]], columns=["staff", "food", "wifi", "seats"])
    loadings = measure.first_component(X).loadings
    assert loadings.round(3).tolist() == [-0.87, 0.854, 0.327, 0.114] and loadings.sum() > 0


def test_component_sign_when_loadings_sum_to_zero_does_not_depend_on_column_order():
    # a, b move together, c and d mirror them: loadings +-0.949 that sum to zero; the first of
    # the largest is made positive, whatever the column order and float noise
    a, b = np.array([1, 2, 3, 4.0]), np.array([1, 2, 4, 3.0])
    columns = {"a": a, "b": b, "c": 5 - a, "d": 5 - b}
    for order in itertools.permutations(columns):
        loadings = measure.first_component(pd.DataFrame({k: columns[k] for k in order})).loadings
        assert loadings.iloc[0] == pytest.approx(0.949, abs=1e-3), order
        assert loadings.sum() == pytest.approx(0, abs=1e-9)


def test_rates_pair_rows_or_share_one_denominator():
    assert measure.praise_rate(pd.Series([1, 2, 3]), 10).tolist() == [0.1, 0.2, 0.3]  # one denominator
    assert measure.praise_rate([1, 2], [4, 5]).tolist() == [0.25, 0.4]
    with pytest.raises(InputError, match="praised has 3 values but customers has 2"):
        measure.praise_rate([1, 2, 3], [4, 5])


def test_a_rate_may_be_one_but_not_more():
    assert measure.praise_rate(10, 10) == 1.0
    assert measure.praise_rate(pd.Series([4, 5]), pd.Series([4, 5])).tolist() == [1.0, 1.0]
    with pytest.raises(InputError, match=r"praised exceeds customers in row 1 \(6 > 5\)"):
        measure.praise_rate(pd.Series([4, 6]), pd.Series([4, 5]))


@pytest.mark.parametrize("row_sum, tip", [(100.0, True), (99.9, True), (101.0, True), (99.0, True),
                                          (98.9, False), (50.0, False)])
def test_percentage_tip_for_rows_summing_to_about_100(row_sum, tip):
    rows = pd.DataFrame({"good": [0.6, row_sum - 40.0], "fair": [0.4, 40.0]}, index=["staff", "wifi"])
    with pytest.raises(InputError, match=f"membership row wifi sums to {row_sum:g}, not 1") as error:
        measure.fuzzy_evaluate({"staff": 1, "wifi": 1}, rows)
    assert ("it looks like percentages: divide by 100" in str(error.value)) is tip
