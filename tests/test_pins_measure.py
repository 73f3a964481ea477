"""Pins for cxlib.measure: behaviour the mutation run (make mutate) found no test holding."""

from __future__ import annotations

import dataclasses
import warnings
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


# --- NPS, top-box shares and whole counts (added upstream) ------------------------------------


def test_counts_of_people_are_whole_numbers_on_both_sides():
    with pytest.raises(InputError, match="praised counts people, so it must be a whole number, got 2.5"):
        measure.praise_rate(2.5, 10)
    with pytest.raises(InputError, match="customers counts people, so it must be a whole number, got 10.5"):
        measure.praise_rate(2, 10.5)


def test_nps_result_is_frozen_and_defaults_to_95_percent():
    built = measure.NetPromoterScore(1.0, (0.0, 2.0), 1, 1, 0, 0)
    assert built.confidence == 0.95 and "95% CI" in repr(built)
    with pytest.raises(dataclasses.FrozenInstanceError):
        measure.nps([10, 9, 0]).score = 0.0


@pytest.mark.parametrize("confidence", [0.0, 1.0, 1.5, 1])
def test_nps_confidence_is_a_share_strictly_between_0_and_1(confidence):
    with pytest.raises(InputError, match="confidence must be a share between 0 and 1"):
        measure.nps([10, 9, 0], confidence=confidence)


def test_nps_scale_must_have_whole_ends():
    for scale in [(0.5, 10.5), (0, 10.5)]:
        with pytest.raises(InputError, match=r"scale must run between whole points, e\.g\. \(0, 10\)"):
            measure.nps([10, 9], scale=scale)


@pytest.mark.parametrize("answers, tip", [
    (pd.Series([11, 1], name="rec"), "The answers run 1-11"),
    (pd.Series([0, 11], name="rec"), "these answers run 0-11"),    # a 0 is no 1-11 file
    (pd.Series([12, 5], name="rec"), "these answers run 5-12"),    # 12 is off any 11-point reading
])
def test_nps_tip_for_a_1_to_11_file_only_when_it_fits(answers, tip):
    with pytest.raises(InputError, match=f"answers column rec has a value outside the 0-10 scale.*{tip}"):
        measure.nps(answers)


def test_unnamed_or_number_named_answers_are_called_answers():
    for name in ("", 3, None):
        with pytest.raises(InputError, match="^answers has a value outside the 0-10 scale"):
            measure.nps(pd.Series([11, 5], name=name))


@pytest.mark.parametrize("answers, warned", [
    ([1, 2, 3, 4, 5, 6, 1, 2, 3, 4], True),    # ten answers in 1-6: a 1-5 (or 1-7) scale read as 0-10?
    ([1, 2, 3, 4, 5, 6, 1, 2, 3], False),      # nine: too few to say
    ([0, 2, 3, 4, 5, 6, 1, 2, 3, 4], False),   # a 0 is on no 1-5 scale
    ([1, 2, 3, 4, 5, 5, 1, 2, 3, 4], True),    # all in 1-5
    ([1, 2, 3, 4, 5, 7, 1, 2, 3, 4], False),   # a 7 is a passive
])
def test_nps_warns_about_a_short_scale_only_when_it_looks_like_one(answers, warned):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        measure.nps(answers)  # called right here: the warning must point at this line's file
    assert bool(caught) is warned
    if warned:
        assert "counts as a detractor" in str(caught[0].message)
        assert caught[0].filename == __file__


def test_top_box_warning_points_at_the_caller():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        measure.top_box_share([1, 2] * 5, scale=(1, 7))
    assert len(caught) == 1 and caught[0].filename == __file__


@pytest.mark.parametrize("boxes, ok", [(3, True), (4, True), (5, False), (0, False)])
def test_top_boxes_run_from_1_to_one_less_than_the_scale_points(boxes, ok):
    if ok:
        assert measure.top_box_share([5, 4, 3, 2, 1], scale=(1, 5), boxes=boxes) == boxes / 5
    else:
        with pytest.raises(InputError, match=r"boxes must be a whole number of scale points from 1 to 4"):
            measure.top_box_share([5, 4], scale=(1, 5), boxes=boxes)
