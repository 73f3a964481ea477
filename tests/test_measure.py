"""Lesson 07 maths: fuzzy evaluation, PCA index, regression drivers, indicators, survey index."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from cxlib import InputError, data, measure

ATTRIBUTES = ["seating", "cleanliness", "food", "drinks_variety", "staff", "wifi"]

R2x3 = pd.DataFrame({"good": [0.6, 0.2], "fair": [0.3, 0.5], "poor": [0.1, 0.3]}, index=["staff", "wifi"])


# --- fuzzy comprehensive evaluation -----------------------------------------------------------


def test_fuzzy_hand_computed_2x3():
    # B = [0.7, 0.3] . R: good 0.7*0.6+0.3*0.2 = 0.48, fair 0.21+0.15 = 0.36, poor 0.07+0.09 = 0.16
    result = measure.fuzzy_evaluate({"staff": 0.7, "wifi": 0.3}, R2x3)
    assert result.vector.tolist() == pytest.approx([0.48, 0.36, 0.16])
    assert result.grade == "good" and result.membership == pytest.approx(0.48)
    assert list(result.vector.index) == ["good", "fair", "poor"]


def test_fuzzy_weights_are_normalised_and_lists_read_in_row_order():
    points = measure.fuzzy_evaluate({"wifi": 30, "staff": 70}, R2x3)  # 70/100, 30/100
    as_list = measure.fuzzy_evaluate([0.7, 0.3], R2x3)
    as_series = measure.fuzzy_evaluate(pd.Series({"staff": 7, "wifi": 3}), R2x3)
    for r in (points, as_list, as_series):
        assert r.vector.tolist() == pytest.approx([0.48, 0.36, 0.16])
        assert r.weights.tolist() == pytest.approx([0.7, 0.3])


def test_fuzzy_all_weight_on_one_attribute_gives_its_row():
    # B = 1 * wifi row: good 0.2, fair 0.5, poor 0.3 -> fair
    result = measure.fuzzy_evaluate({"staff": 0, "wifi": 1}, R2x3)
    assert result.vector.tolist() == pytest.approx([0.2, 0.5, 0.3]) and result.grade == "fair"


def test_fuzzy_tie_takes_the_first_grade():
    R = pd.DataFrame({"good": [0.5], "fair": [0.5]}, index=["staff"])
    assert measure.fuzzy_evaluate({"staff": 1}, R).grade == "good"


def test_fuzzy_row_not_summing_to_one_names_row_and_sum():
    bad = R2x3.copy()
    bad.loc["wifi", "poor"] = 0.2  # wifi now sums to 0.9
    with pytest.raises(InputError, match="membership row wifi sums to 0.9, not 1"):
        measure.fuzzy_evaluate({"staff": 1, "wifi": 1}, bad)


def test_fuzzy_percentages_get_a_tip():
    with pytest.raises(InputError, match="sums to 100.*percentages: divide by 100"):
        measure.fuzzy_evaluate({"staff": 1, "wifi": 1}, R2x3 * 100)


def test_fuzzy_negative_entry_is_named():
    bad = pd.DataFrame({"good": [1.2, 0.2], "fair": [-0.2, 0.8]}, index=["staff", "wifi"])
    with pytest.raises(InputError, match="negative entry: row staff, column fair is -0.2"):
        measure.fuzzy_evaluate({"staff": 1, "wifi": 1}, bad)


def test_fuzzy_unknown_and_missing_attributes():
    with pytest.raises(InputError, match="weights name food, which is not one of: staff, wifi"):
        measure.fuzzy_evaluate({"staff": 1, "wifi": 1, "food": 1}, R2x3)
    with pytest.raises(InputError, match="give no weight for wifi"):
        measure.fuzzy_evaluate({"staff": 1}, R2x3)


def test_fuzzy_mismatched_shapes():
    with pytest.raises(InputError, match="weights has 3 values but the membership matrix has 2 rows"):
        measure.fuzzy_evaluate([0.5, 0.3, 0.2], R2x3)
    with pytest.raises(InputError, match="weights has 4 values"):
        measure.fuzzy_evaluate(np.ones((2, 2)), R2x3)


def test_fuzzy_bad_types_and_blanks():
    with pytest.raises(TypeError, match="membership matrix must be a pandas DataFrame"):
        measure.fuzzy_evaluate([1, 1], R2x3.to_numpy())
    with pytest.raises(TypeError, match="weights must be a mapping"):
        measure.fuzzy_evaluate("staff", R2x3)
    blank = R2x3.copy()
    blank.loc["staff", "fair"] = np.nan
    with pytest.raises(InputError, match="blank at row staff, column fair"):
        measure.fuzzy_evaluate([1, 1], blank)
    with pytest.raises(InputError, match="all zero"):
        measure.fuzzy_evaluate([0, 0], R2x3)
    with pytest.raises(InputError, match="must not be negative: wifi is -1"):
        measure.fuzzy_evaluate({"staff": 2, "wifi": -1}, R2x3)


def test_fuzzy_does_not_modify_inputs():
    R, w = R2x3.copy(), {"staff": 70, "wifi": 30}
    measure.fuzzy_evaluate(w, R)
    pd.testing.assert_frame_equal(R, R2x3)
    assert w == {"staff": 70, "wifi": 30}


distributions = arrays(float, (3, 4), elements=st.floats(0.01, 1)).map(lambda a: a / a.sum(axis=1, keepdims=True))


@settings(max_examples=60, deadline=None)
@given(distributions, arrays(float, 3, elements=st.floats(0, 10)).filter(lambda w: w.sum() > 1e-3))
def test_fuzzy_vector_is_a_distribution_between_the_rows(R, w):
    frame = pd.DataFrame(R, index=list("abc"), columns=list("ABCD"))
    result = measure.fuzzy_evaluate(dict(zip("abc", w)), frame)
    b = result.vector.to_numpy()
    assert b.sum() == pytest.approx(1) and (b >= 0).all()
    # a weighted mean of the rows lies between the smallest and largest row value, per grade
    assert (b >= R.min(axis=0) - 1e-12).all() and (b <= R.max(axis=0) + 1e-12).all()
    assert result.vector[result.grade] == b.max()


# --- membership matrix ------------------------------------------------------------------------


def test_membership_hand_computed():
    answers = pd.DataFrame({"staff": ["good", "good", "fair", "Good "], "wifi": ["poor", "fair", "fair", "good"]})
    R = measure.membership_matrix(answers, grades=["good", "fair", "poor"])
    # staff: 3 of 4 good (case and spaces ignored), 1 fair; wifi: 1 good, 2 fair, 1 poor
    assert R.loc["staff"].tolist() == [0.75, 0.25, 0.0]
    assert R.loc["wifi"].tolist() == [0.25, 0.5, 0.25]
    assert list(R.columns) == ["good", "fair", "poor"]


def test_membership_default_grades_and_numeric_grades():
    labels = pd.DataFrame({"q": ["excellent", "bad", "fair", "fair"]})
    assert measure.membership_matrix(labels).loc["q"].tolist() == [0.25, 0, 0.5, 0, 0.25]
    numbers = pd.DataFrame({"q": [5, 1, 3, 3]})
    R = measure.membership_matrix(numbers, grades=[5, 4, 3, 2, 1])
    assert R.loc["q"].tolist() == [0.25, 0, 0.5, 0, 0.25]
    grade = measure.fuzzy_evaluate([1], R).grade  # 3 holds 0.5 of the answers
    assert grade == 3 and type(grade) is int  # a plain int, not np.int64


def test_membership_unknown_answers_name_column_and_rows():
    answers = pd.DataFrame({"staff": ["good", "great", "fair", "superb"]})
    with pytest.raises(InputError, match="survey column staff has answers that are not grades: rows 1, 3 are 'great', 'superb'"):
        measure.membership_matrix(answers)
    with pytest.raises(InputError, match="column q has answers that are not grades: row 1 is 6"):
        measure.membership_matrix(pd.DataFrame({"q": [5, 6]}), grades=[1, 2, 3, 4, 5])


def test_membership_blanks_raise_unless_dropped():
    answers = pd.DataFrame({"staff": ["good", None, "fair", "good"]})
    with pytest.raises(InputError, match="survey column staff is blank in row 1"):
        measure.membership_matrix(answers)
    R = measure.membership_matrix(answers, dropna=True)  # 2 good, 1 fair of 3 answers
    assert R.loc["staff", "good"] == pytest.approx(2 / 3)


def test_membership_bad_grades_and_columns():
    answers = pd.DataFrame({"staff": ["good"]})
    with pytest.raises(InputError, match="same grade twice"):
        measure.membership_matrix(answers, grades=["good", "Good"])
    with pytest.raises(TypeError, match="all labels or all numbers"):
        measure.membership_matrix(answers, grades=["good", 3])
    with pytest.raises(InputError, match="survey has no column wifi"):
        measure.membership_matrix(answers, attributes=["wifi"])


def test_membership_rows_feed_fuzzy_evaluate_and_input_untouched():
    answers = data.load("fuzzy_answers")
    before = answers.copy()
    R = measure.membership_matrix(answers.drop(columns="respondent"))
    assert np.allclose(R.sum(axis=1), 1)
    pd.testing.assert_frame_equal(answers, before)
    # by hand: share of "good" answers on waiting_time
    assert R.loc["waiting_time", "good"] == pytest.approx((answers["waiting_time"] == "good").mean())


# --- first principal component ----------------------------------------------------------------


def test_pca_two_attributes_by_formula():
    # two standardised attributes with correlation r: eigenvalues 1 + r and 1 - r,
    # first component keeps (1 + r) / 2, each loading is sqrt((1 + r) / 2)
    frame = pd.DataFrame({"a": [1.0, 2, 3, 4, 5], "b": [2.0, 1, 4, 3, 5]})
    r = np.corrcoef(frame["a"], frame["b"])[0, 1]  # 0.8
    pc = measure.first_component(frame)
    assert pc.explained == pytest.approx((1 + r) / 2)
    assert pc.loadings.tolist() == pytest.approx([math.sqrt((1 + r) / 2)] * 2)
    assert pc.eigenvalues.tolist() == pytest.approx([1 + r, 1 - r])


def test_pca_loadings_are_correlations_with_the_index_and_sign_is_positive():
    lounge = data.load("satisfaction_drivers")
    pc = measure.first_component(lounge, ATTRIBUTES)
    for a in ATTRIBUTES:
        assert pc.loadings[a] == pytest.approx(np.corrcoef(pc.scores, lounge[a])[0, 1])
    flipped = measure.first_component(-lounge[ATTRIBUTES])  # all reversed: loadings still positive
    assert (flipped.loadings > 0).all()
    assert flipped.explained == pytest.approx(pc.explained)


def test_pca_is_deterministic_and_scale_free():
    lounge = data.load("satisfaction_drivers")[ATTRIBUTES]
    a, b = measure.first_component(lounge), measure.first_component(lounge)
    pd.testing.assert_series_equal(a.scores, b.scores)
    c = measure.first_component(lounge * 10 + 3)  # a change of units changes nothing
    assert np.allclose(a.scores, c.scores) and np.allclose(a.loadings, c.loadings)


def test_pca_errors_name_the_problem():
    frame = pd.DataFrame({"a": [1, 2, 3, 4], "b": [4, 4, 4, 4], "c": [2, 2, 2, 2]})
    with pytest.raises(InputError, match="columns b, c are constant"):
        measure.first_component(frame)
    with pytest.raises(InputError, match="ratings column a is blank in row 2"):
        measure.first_component(pd.DataFrame({"a": [1, 2, None, 4], "b": [2, 1, 3, 4]}))
    with pytest.raises(InputError, match="at least two attributes"):
        measure.first_component(frame, ["a"])
    with pytest.raises(InputError, match="not numeric"):
        measure.first_component(pd.DataFrame({"a": [1, 2, 3], "b": ["x", "y", "z"]}))
    ok = measure.first_component(pd.DataFrame({"a": [1, 2, None, 4, 5], "b": [2, 1, 3, 4, 6]}), dropna=True)
    assert len(ok.scores) == 4


# --- regression drivers -----------------------------------------------------------------------


def test_drivers_exact_linear_model_by_hand():
    # a and b are centred, orthogonal and have the same spread s; y = 2a - b has spread s*sqrt(5),
    # so the standardised weights are 2/sqrt(5) and -1/sqrt(5), and R² = 1
    a = np.array([1, -1, 1, -1, 1, -1.0])
    b = np.array([1, 1, -1, -1, 0, 0.0]) * math.sqrt(6 / 4)
    frame = pd.DataFrame({"a": a, "b": b, "y": 2 * a - b + 7})
    d = measure.driver_weights(frame, "y")
    assert d.weights.tolist() == pytest.approx([2 / math.sqrt(5), -1 / math.sqrt(5)])
    assert d.r_squared == pytest.approx(1) and d.respondents == 6


def test_drivers_one_attribute_weight_is_the_correlation():
    frame = pd.DataFrame({"x": [1.0, 2, 3, 4, 5], "y": [2.0, 1, 4, 3, 5]})
    r = np.corrcoef(frame["x"], frame["y"])[0, 1]
    d = measure.driver_weights(frame, "y")
    assert d.weights["x"] == pytest.approx(r) and d.r_squared == pytest.approx(r**2)


def test_drivers_errors():
    frame = pd.DataFrame({"a": [1, 2, 3, 4, 5], "b": [2, 1, 4, 3, 5], "y": [1, 3, 2, 5, 4]})
    with pytest.raises(InputError, match="at least 4 rows for 2 attributes"):
        measure.driver_weights(frame.head(3), "y")
    with pytest.raises(InputError, match="column b is constant"):
        measure.driver_weights(frame.assign(b=3), "y")
    with pytest.raises(InputError, match="column y is blank in row 0"):
        measure.driver_weights(frame.assign(y=[None, 3, 2, 5, 4]), "y")
    with pytest.raises(InputError, match="ratings has no column overall"):
        measure.driver_weights(frame, "overall")
    with pytest.raises(InputError, match="target y is also among the attributes"):
        measure.driver_weights(frame, "y", ["a", "y"])
    with pytest.raises(InputError, match="linearly dependent"):
        measure.driver_weights(frame.assign(c=frame["a"] + frame["b"]), "y")
    with pytest.raises(TypeError, match="target must be a column name"):
        measure.driver_weights(frame, 2)


# Valid regression data by construction, so no example is thrown away: a fixed base whose
# centred columns are orthogonal with length 50, plus any noise in [-5, 5]. The noise's
# centred part has spectral norm <= its Frobenius norm <= 5 * sqrt(48) < 35 < 50, so (Weyl)
# no column is ever constant and the attributes never linearly dependent.
_draw = np.random.default_rng(0).normal(size=(12, 4))
_BASE = 50 * np.linalg.qr(_draw - _draw.mean(axis=0))[0]  # orthonormal columns of mean 0, times 50
regression_data = arrays(float, (12, 4), elements=st.floats(-5, 5)).map(lambda noise: _BASE + noise)


@settings(max_examples=60, deadline=None)
@given(regression_data)
def test_drivers_r_squared_between_0_and_1_and_unit_free(values):
    frame = pd.DataFrame(values, columns=["a", "b", "c", "y"])
    d = measure.driver_weights(frame, "y")
    assert -1e-9 <= d.r_squared <= 1 + 1e-9
    # R² is the ordinary least-squares R² with an intercept on the raw scores
    X = np.column_stack([np.ones(12), values[:, :3]])
    resid = values[:, 3] - X @ np.linalg.lstsq(X, values[:, 3], rcond=None)[0]
    centred = values[:, 3] - values[:, 3].mean()
    assert d.r_squared == pytest.approx(1 - resid @ resid / (centred @ centred), abs=1e-9)
    d2 = measure.driver_weights(frame * 3 + 1, "y")
    assert np.allclose(d.weights, d2.weights, atol=1e-6)


def test_drivers_does_not_modify_input():
    lounge = data.load("satisfaction_drivers")
    before = lounge.copy()
    measure.driver_weights(lounge, "overall", ATTRIBUTES)
    pd.testing.assert_frame_equal(lounge, before)


# --- the course data tells the lesson's story -------------------------------------------------


def test_lounge_story_r_squared_drops_while_sub_scores_hold():
    lounge = data.load("satisfaction_drivers")
    assert len(lounge) >= 300
    by = {p: lounge[lounge["period"] == p] for p in ("before", "after")}
    r2 = {p: measure.driver_weights(f, "overall", ATTRIBUTES).r_squared for p, f in by.items()}
    assert r2["before"] > 0.7 and r2["after"] < 0.55  # the missing driver shows as lost R²
    index = {p: measure.survey_index(f, attributes=ATTRIBUTES).overall for p, f in by.items()}
    assert abs(index["after"] - index["before"]) < 3  # the questionnaire sees no change
    assert by["before"]["overall"].mean() - by["after"]["overall"].mean() > 0.7


def test_fuzzy_course_data_grade():
    weights = data.load("fuzzy_weights").set_index("attribute")
    assert weights["weight"].sum() == pytest.approx(1)
    assert np.allclose(weights.filter(like="expert_").mean(axis=1) / 100, weights["weight"])
    R = measure.membership_matrix(data.load("fuzzy_answers"), attributes=list(weights.index))
    assert len(data.load("fuzzy_answers")) >= 100
    assert measure.fuzzy_evaluate(weights["weight"], R).grade == "good"


# --- indicators -------------------------------------------------------------------------------


def test_indicator_rates_by_hand():
    assert measure.complaint_rate(12, 400) == 0.03  # 12 / 400
    assert measure.praise_rate(150, 400) == 0.375
    assert measure.designation_rate(90, 400) == 0.225
    assert measure.repeat_purchase_rate(260, 400) == 0.65
    rates = measure.complaint_rate(pd.Series([10, 0], index=["jan", "feb"]), pd.Series([100, 50], index=["jan", "feb"]))
    assert rates.tolist() == [0.1, 0.0] and list(rates.index) == ["jan", "feb"]


@pytest.mark.parametrize("part, whole, message", [
    (-1, 10, "complained must be zero or more, got -1"),
    (5, 0, "customers must be at least 1"),
    (11, 10, r"complained \(11\) exceeds customers \(10\)"),
    ("3", 10, "complained must be a number, got str '3'"),
])
def test_indicator_bad_scalars(part, whole, message):
    with pytest.raises((InputError, TypeError), match=message):
        measure.complaint_rate(part, whole)


def test_indicator_bad_series_name_rows():
    with pytest.raises(InputError, match="complained exceeds customers in row 1"):
        measure.complaint_rate(pd.Series([1, 20]), pd.Series([10, 10]))
    with pytest.raises(InputError, match="customers must be zero or more: row 0 is -10"):
        measure.complaint_rate(pd.Series([1, 2]), pd.Series([-10, 10]))
    with pytest.raises(InputError, match="customers is 0 in row 1"):
        measure.complaint_rate(pd.Series([1, 0]), pd.Series([10, 0]))
    with pytest.raises(InputError, match="complained has 3 values but customers has 2"):
        measure.complaint_rate([1, 2, 3], [10, 10])
    with pytest.raises(InputError, match="different row labels"):
        measure.complaint_rate(pd.Series([1, 2], index=["jan", "feb"]), pd.Series([10, 10], index=["feb", "mar"]))


def test_indicators_table():
    months = data.load("satisfaction_indicators").set_index("month")
    before = months.copy()
    table = measure.indicators(months)
    assert list(table.columns) == ["praise_rate", "designation_rate", "repeat_purchase_rate", "complaint_rate"]
    first = months.iloc[0]
    assert table.iloc[0]["complaint_rate"] == first["complained"] / first["customers"]
    assert table["complaint_rate"].idxmax() == "2024-05"  # the billing change of the story
    pd.testing.assert_frame_equal(months, before)
    with pytest.raises(InputError, match="indicator table has no column praised"):
        measure.indicators(months.drop(columns="praised"))


# --- survey index -----------------------------------------------------------------------------


def test_survey_index_by_hand_and_extremes():
    ratings = pd.DataFrame({"staff": [5, 3, 1], "wifi": [4, 2, 1]})
    idx = measure.survey_index(ratings, weights={"staff": 3, "wifi": 1})
    # respondent 0: 0.75*5 + 0.25*4 = 4.75 -> (4.75 - 1) / 4 * 100 = 93.75; respondent 2: all 1 -> 0
    assert idx.respondents.tolist() == [93.75, 43.75, 0.0]
    assert idx.overall == pytest.approx((93.75 + 43.75) / 3)
    assert idx.attributes.tolist() == pytest.approx([50.0, (7 / 3 - 1) / 4 * 100])
    assert measure.survey_index(pd.DataFrame({"q": [5, 5]})).overall == 100


def test_survey_index_errors():
    ratings = pd.DataFrame({"staff": [5, 3], "wifi": [4, 2], "period": ["before", "after"]})
    with pytest.raises(InputError, match="survey column period is not numeric"):
        measure.survey_index(ratings)
    with pytest.raises(InputError, match="survey has no column food"):
        measure.survey_index(ratings, weights={"food": 1})
    with pytest.raises(InputError, match="outside the 1-3 scale"):
        measure.survey_index(ratings, scale=(1, 3), attributes=["staff"])


@settings(max_examples=50, deadline=None)
@given(arrays(np.int64, (6, 3), elements=st.integers(1, 5)), arrays(float, 3, elements=st.floats(0.01, 1)))
def test_survey_index_stays_in_0_100(values, w):
    frame = pd.DataFrame(values, columns=list("abc"))
    idx = measure.survey_index(frame, weights=dict(zip("abc", w)))
    assert ((idx.respondents >= -1e-9) & (idx.respondents <= 100 + 1e-9)).all()


def test_catalogues_from_seed_004():
    assert list(measure.TOUCHPOINTS) == ["before sale", "during sale", "after sale"]
    assert len(measure.TENSIONS) == 4


# --- plots and the what-if --------------------------------------------------------------------


def test_plots_draw_and_move():
    from cxlib.plots import measure as mplots
    from cxlib.plots._common import new_figure, to_png

    weights = data.load("fuzzy_weights").set_index("attribute")["weight"]
    R = measure.membership_matrix(data.load("fuzzy_answers"), attributes=list(weights.index))
    result = measure.fuzzy_evaluate(weights, R)
    fig, ax = new_figure()
    assert len(mplots.membership_bars(ax, R)) == 5
    fig, ax = new_figure()
    artists = mplots.fuzzy_bars(ax, result.vector, result.grade)
    mplots.move_fuzzy_bars(artists, R.loc["waiting_time"], None)
    assert artists["bars"][2].get_height() == pytest.approx(R.loc["waiting_time", "fair"])
    assert artists["title"].get_text().startswith("grade: fair")
    lounge = data.load("satisfaction_drivers")
    fig, ax = new_figure()
    d = measure.driver_weights(lounge, "overall", ATTRIBUTES)
    assert len(mplots.driver_bars(ax, d, d)) == 2
    fig, ax = new_figure()
    mplots.loadings_bars(ax, measure.first_component(lounge, ATTRIBUTES).loadings, 0.5)
    fig, ax = new_figure()
    assert len(mplots.touchpoint_chart(ax)) == 3
    assert to_png(fig)[:4] == b"\x89PNG"


def test_whatif_moves_grade_and_explains_bad_input():
    from cxlib.widgets.measure import fuzzy_whatif

    box = fuzzy_whatif()
    assert "Grade: good" in box.verdict.value
    for name, control in box.controls.items():
        control.value = 1.0 if name == "waiting_time" else 0.0
    assert "Grade: fair" in box.verdict.value  # all weight on waiting time: its own row wins
    for control in box.controls.values():
        control.value = 0.0
    assert "all zero" in box.verdict.value
    assert len(box.timings_ms) >= 5  # every move re-rendered; `make bench` reports the speed
