"""Lesson 03 maths: SERVQUAL gaps, scores, seed 000's SQ, alpha, zone of tolerance, IPA."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxlib import InputError, data, servqual
from cxlib.servqual import DIMENSIONS, ITEMS_1988

TWO = {"tangibles": [1], "reliability": [2, 3]}  # a tiny instrument for hand cases


def full_survey(e: float = 6, p: float = 6, n: int = 2, **overrides) -> pd.DataFrame:
    """A 22-item survey where every E is ``e`` and every P is ``p``; overrides set single columns."""
    cols = {f"E{i}": [e] * n for i in range(1, 23)} | {f"P{i}": [p] * n for i in range(1, 23)}
    cols.update({k: list(v) for k, v in overrides.items()})
    return pd.DataFrame(cols)


@pytest.fixture(scope="module")
def survey():
    return data.load("servqual_survey")


# --- the 1988 instrument --------------------------------------------------------------------


def test_the_1988_item_map():
    # Parasuraman, Zeithaml & Berry 1988: 22 items, 4/5/4/4/5 per dimension, in this order
    assert tuple(ITEMS_1988) == DIMENSIONS
    assert [len(v) for v in ITEMS_1988.values()] == [4, 5, 4, 4, 5]
    assert sorted(i for v in ITEMS_1988.values() for i in v) == list(range(1, 23))
    assert ITEMS_1988["reliability"] == (5, 6, 7, 8, 9)
    assert servqual.CHINESE["reliability"] == "可靠性" and servqual.CHINESE["empathy"] == "移情性"
    with pytest.raises(TypeError):
        ITEMS_1988["reliability"] = (1,)  # read-only: nobody changes the standard map by accident


# --- gaps and scores by hand --------------------------------------------------------------------


def test_item_gaps_by_hand():
    s = pd.DataFrame({"E1": [7, 7], "P1": [6, 5], "E2": [5, 6], "P2": [4, 7], "E3": [4, 4], "P3": [4, 4]})
    gaps = servqual.item_gaps(s, items=TWO)
    # row 0: 6-7, 4-5, 4-4 ; row 1: 5-7, 7-6, 4-4
    assert gaps.to_numpy().tolist() == [[-1, -1, 0], [-2, 1, 0]]
    assert list(gaps.columns) == [1, 2, 3]


def test_dimension_scores_by_hand():
    s = pd.DataFrame({"E1": [7, 7], "P1": [6, 5], "E2": [5, 6], "P2": [4, 7], "E3": [4, 4], "P3": [4, 4]})
    scores = servqual.dimension_scores(s, items=TWO)
    # tangibles: E mean 7, P mean (6+5)/2 = 5.5 -> gap -1.5
    # reliability: E mean (5+4+6+4)/4 = 4.75, P mean (4+4+7+4)/4 = 4.75 -> gap 0
    assert scores.loc["tangibles"].tolist() == [7.0, 5.5, -1.5]
    assert scores.loc["reliability"].tolist() == [4.75, 4.75, 0.0]
    assert list(scores.columns) == ["expectation", "perception", "gap"]


def test_one_weak_dimension_on_the_full_instrument():
    # P is 5 on the five reliability items and 6 elsewhere, E is 6 everywhere
    s = full_survey(**{f"P{i}": [5, 5] for i in range(5, 10)})
    scores = servqual.dimension_scores(s)
    assert scores["gap"].to_dict() == {"tangibles": 0, "reliability": -1, "responsiveness": 0, "assurance": 0, "empathy": 0}
    assert servqual.servqual_score(s) == pytest.approx(-0.2)  # -1 / 5 dimensions
    assert servqual.seed_sq(s).tolist() == [-5.0, -5.0]  # five items at -1 each
    # weighted: reliability carries 32 of 100 points -> 0.32 * -1
    w = {"tangibles": 11, "reliability": 32, "responsiveness": 22, "assurance": 19, "empathy": 16}
    assert servqual.servqual_score(s, w) == pytest.approx(-0.32)


def test_weighted_score_by_hand():
    gaps = {"tangibles": -0.2, "reliability": -1.0, "responsiveness": -0.5, "assurance": 0.0, "empathy": -0.3}
    w = {"tangibles": 10, "reliability": 30, "responsiveness": 20, "assurance": 20, "empathy": 20}
    # 0.1*-0.2 + 0.3*-1.0 + 0.2*-0.5 + 0.2*0 + 0.2*-0.3 = -0.02 - 0.3 - 0.1 - 0.06 = -0.48
    assert servqual.servqual_score(gaps, w) == pytest.approx(-0.48)
    assert servqual.servqual_score(gaps) == pytest.approx(-2.0 / 5)  # unweighted mean
    parts = servqual.weighted_gaps(gaps, w)
    assert parts["reliability"] == pytest.approx(-0.3) and parts.sum() == pytest.approx(-0.48)


def test_score_accepts_survey_scores_frame_mapping_and_series(survey):
    scores = servqual.dimension_scores(survey)
    from_survey = servqual.servqual_score(survey)
    assert servqual.servqual_score(scores) == pytest.approx(from_survey)
    assert servqual.servqual_score(scores["gap"]) == pytest.approx(from_survey)
    assert servqual.servqual_score(scores["gap"].to_dict()) == pytest.approx(from_survey)
    assert from_survey == pytest.approx(scores["gap"].mean())


def test_pooled_equals_mean_of_respondent_means(survey):
    scores = servqual.dimension_scores(survey)
    per = servqual.respondent_gaps(survey)
    for d, items in ITEMS_1988.items():
        pooled_e = survey[[f"E{i}" for i in items]].to_numpy().mean()
        pooled_p = survey[[f"P{i}" for i in items]].to_numpy().mean()
        assert scores.loc[d, "expectation"] == pytest.approx(pooled_e)
        assert scores.loc[d, "gap"] == pytest.approx(pooled_p - pooled_e)
        assert per[d].mean() == pytest.approx(scores.loc[d, "gap"])


def test_scores_by_group_match_scores_of_each_subset(survey):
    table = servqual.dimension_scores_by(survey, "branch")
    assert list(table.index) == sorted(survey["branch"].unique())
    for branch in table.index:
        alone = servqual.dimension_scores(survey[survey["branch"] == branch])
        np.testing.assert_allclose(table.loc[branch].to_numpy(), alone["gap"].to_numpy())
    e = servqual.dimension_scores_by(survey, "channel", value="expectation")
    alone = servqual.dimension_scores(survey[survey["channel"] == "app"])
    np.testing.assert_allclose(e.loc["app"].to_numpy(), alone["expectation"].to_numpy())


# --- seed 000's SQ and how it relates to the dimension score ------------------------------------


def test_seed_sq_by_hand():
    s = pd.DataFrame({"E1": [7, 7], "P1": [6, 5], "E2": [5, 6], "P2": [4, 7], "E3": [4, 4], "P3": [4, 4]})
    assert servqual.seed_sq(s, items=TWO).tolist() == [-2.0, -1.0]  # -1-1+0 ; -2+1+0
    # weights 2:1:1 -> 0.5, 0.25, 0.25: row 0 = -0.5 - 0.25 + 0 ; row 1 = -1 + 0.25 + 0
    assert servqual.seed_sq(s, {1: 2, 2: 1, 3: 1}, items=TWO).tolist() == [-0.75, -0.75]


def test_seed_sq_over_22_is_the_item_count_weighted_score(survey):
    # unweighted SQ / 22 is the mean item gap: dimensions count by their number of items
    mean_item_gap = servqual.item_gaps(survey).to_numpy().mean()
    assert servqual.seed_sq(survey).mean() / 22 == pytest.approx(mean_item_gap)
    counts = {d: len(v) for d, v in ITEMS_1988.items()}  # 4, 5, 4, 4, 5
    assert servqual.seed_sq(survey).mean() / 22 == pytest.approx(servqual.servqual_score(survey, counts))
    # ...so it differs from the unweighted dimension mean, because 4, 5, 4, 4, 5 are not equal
    assert abs(mean_item_gap - servqual.servqual_score(survey)) > 1e-3


@pytest.mark.parametrize("weights", [None, {"tangibles": 11, "reliability": 32, "responsiveness": 22,
                                            "assurance": 19, "empathy": 16}])
def test_item_weights_v_over_n_turn_seed_sq_into_the_weighted_score(survey, weights):
    # w_i = v_d / n_d: sum_i w_i (P_i - E_i) = sum_d v_d * mean gap of d, respondent by respondent
    w_items = servqual.item_weights_from_dimensions(weights)
    assert w_items.sum() == pytest.approx(1.0)
    sq = servqual.seed_sq(survey, w_items)
    parts = servqual.respondent_gaps(survey)
    v = pd.Series(weights or dict.fromkeys(DIMENSIONS, 1.0), dtype=float)
    np.testing.assert_allclose(sq.to_numpy(), parts.to_numpy() @ (v / v.sum()).to_numpy(), atol=1e-12)
    assert sq.mean() == pytest.approx(servqual.servqual_score(survey, weights))


def test_item_weights_from_dimensions_by_hand():
    w = servqual.item_weights_from_dimensions({"tangibles": 1, "reliability": 3}, items=TWO)
    assert w.tolist() == [0.25, 0.375, 0.375]  # 1/4 on one item; 3/4 split over two items


# --- Cronbach's alpha ---------------------------------------------------------------------------


def test_cronbach_alpha_by_hand():
    items = pd.DataFrame({"P5": [3, 2, 1], "P6": [3, 4, 1]})
    # var(P5) = 1, var(P6) = 7/3, totals 6, 6, 2 -> var 16/3 (ddof=1)
    # alpha = 2/1 * (1 - (1 + 7/3) / (16/3)) = 2 * (1 - 10/16) = 0.75
    assert servqual.cronbach_alpha(items) == pytest.approx(0.75)


def test_cronbach_alpha_three_items_by_hand():
    items = pd.DataFrame({"a": [1, 2, 3, 4], "b": [2, 2, 3, 5], "c": [1, 3, 3, 5]})
    # a: mean 2.5, squared deviations 2.25 + 0.25 + 0.25 + 2.25 = 5 -> var 5/3
    # b: mean 3, 1 + 1 + 0 + 4 = 6 -> var 2 ; c: mean 3, 4 + 0 + 0 + 4 = 8 -> var 8/3
    # totals 4, 7, 9, 14: mean 8.5, 20.25 + 2.25 + 0.25 + 30.25 = 53 -> var 53/3
    # alpha = 3/2 * (1 - (5/3 + 2 + 8/3) / (53/3)) = 3/2 * (1 - 19/53) = 3/2 * 34/53 = 51/53
    assert servqual.cronbach_alpha(items) == pytest.approx(51 / 53)


def test_reliability_table_matches_cronbach_alpha(survey):
    table = servqual.reliability_table(survey)
    for d, items in ITEMS_1988.items():
        assert table.loc[d, "alpha_perception"] == pytest.approx(
            servqual.cronbach_alpha(survey[[f"P{i}" for i in items]]))
        assert table.loc[d, "alpha_expectation"] == pytest.approx(
            servqual.cronbach_alpha(survey[[f"E{i}" for i in items]]))
    assert table["items"].tolist() == [4, 5, 4, 4, 5]


def test_reliability_table_gives_nan_where_alpha_is_undefined():
    s = pd.DataFrame({"E1": [7, 5], "P1": [6, 5], "E2": [5, 5], "P2": [4, 4], "E3": [5, 5], "P3": [3, 4]})
    table = servqual.reliability_table(s, items=TWO)
    assert np.isnan(table.loc["tangibles", "alpha_expectation"])  # one item
    assert np.isnan(table.loc["reliability", "alpha_expectation"])  # E2, E3 never vary


# --- zone of tolerance and importance-performance -------------------------------------------


def test_tolerance_zone_by_hand():
    zone = servqual.tolerance_zone(
        {"reliability": 5.0, "tangibles": 4.0, "empathy": 4.5},
        {"reliability": 6.5, "tangibles": 5.5, "empathy": 6.0},
        {"reliability": 4.6, "tangibles": 5.8, "empathy": 5.0},
    )
    assert zone["MSA"].round(9).tolist() == [-0.4, 1.8, 0.5]  # P - adequate
    assert zone["MSS"].round(9).tolist() == [-1.9, 0.3, -1.0]  # P - desired
    assert zone["position"].tolist() == ["below", "above", "inside"]


def test_tolerance_zone_edges_count_as_inside():
    zone = servqual.tolerance_zone({"a": 4.0, "b": 4.0}, {"a": 6.0, "b": 6.0}, {"a": 4.0, "b": 6.0})
    assert zone["position"].tolist() == ["inside", "inside"]


def test_tolerance_zone_from_a_survey_uses_dimension_means(survey):
    zone = servqual.tolerance_zone(survey)
    for d, items in ITEMS_1988.items():
        assert zone.loc[d, "adequate"] == pytest.approx(survey[[f"A{i}" for i in items]].to_numpy().mean())
        assert zone.loc[d, "desired"] == pytest.approx(survey[[f"E{i}" for i in items]].to_numpy().mean())
    scores = servqual.dimension_scores(survey)
    np.testing.assert_allclose(zone["MSS"].to_numpy(), scores["gap"].to_numpy())


def test_importance_performance_by_hand():
    imp = {"a": 30, "b": 30, "c": 10, "d": 10}  # mean 20
    perf = {"a": 5.0, "b": 3.0, "c": 3.0, "d": 5.0}  # mean 4
    table = servqual.importance_performance(imp, perf)
    assert table["quadrant"].tolist() == ["keep up the good work", "concentrate here", "low priority",
                                          "possible overkill"]
    assert table.attrs["cuts"] == (20.0, 4.0)
    at_cut = servqual.importance_performance(imp, perf, cuts=(30, 5))
    assert at_cut.loc["a", "quadrant"] == "keep up the good work"  # on the cut counts as high
    assert at_cut.loc["b", "quadrant"] == "concentrate here"


# --- the course data tells the lesson's story ---------------------------------------------------


def test_course_data_story(survey):
    assert len(survey) >= 240
    scores = servqual.dimension_scores(survey)
    assert scores["gap"].idxmin() == "reliability"  # the largest shortfall
    by_branch = servqual.dimension_scores_by(survey, "branch")
    assert by_branch["reliability"].idxmin() == "East" and by_branch["responsiveness"].idxmin() == "East"
    alphas = servqual.reliability_table(survey)[["alpha_expectation", "alpha_perception"]]
    assert ((alphas > 0.7) & (alphas < 0.9)).all().all()
    imp = survey[[f"imp_{d}" for d in DIMENSIONS]]
    assert (imp.sum(axis=1) == 100).all() and (imp >= 0).all().all()
    a = survey[[f"A{i}" for i in range(1, 23)]].to_numpy()
    e = survey[[f"E{i}" for i in range(1, 23)]].to_numpy()
    assert (a <= e).mean() > 0.9
    east = servqual.tolerance_zone(survey[survey["branch"] == "East"])
    assert east.loc["reliability", "position"] == "below"


# --- bad input: one test per case, the message names the problem ---------------------------------


def test_missing_expectation_column_is_named():
    with pytest.raises(InputError, match=r"no column E7, but items= lists"):
        servqual.dimension_scores(full_survey().drop(columns="E7"))


def test_perceptions_only_survey_is_explained():
    p_only = full_survey()[[f"P{i}" for i in range(1, 23)]]
    with pytest.raises(InputError, match="no expectation columns at all.*SERVPERF"):
        servqual.item_gaps(p_only)


def test_items_the_map_leaves_out_are_named():
    s = full_survey(E23=[6, 6], P23=[5, 5])
    with pytest.raises(InputError, match=r"answers to items 23 .*no\s+dimension in items= lists"):
        servqual.dimension_scores(s)


def test_item_in_two_dimensions():
    items = dict(ITEMS_1988, empathy=(18, 19, 20, 21, 22, 9))
    with pytest.raises(InputError, match="item 9 is listed under both reliability and empathy"):
        servqual.dimension_scores(full_survey(), items=items)


def test_item_twice_in_one_dimension():
    with pytest.raises(InputError, match="item 2 is listed twice under reliability"):
        servqual.seed_sq(full_survey(), items={"reliability": [2, 2]})


@pytest.mark.parametrize("items, error, message", [
    ([1, 2, 3], TypeError, "items must be a mapping"),
    ({}, InputError, "items is empty"),
    ({"tangibles": []}, InputError, "lists no item numbers"),
    ({"tangibles": "1234"}, TypeError, "must list item numbers"),
    ({"tangibles": [1, 2.5]}, InputError, "contains 2.5; item numbers are whole numbers"),
    ({"tangibles": [0, 1]}, InputError, "contains 0"),
    ({3: [1, 2]}, TypeError, "keys must be dimension names"),
])
def test_malformed_item_maps(items, error, message):
    with pytest.raises(error, match=message):
        servqual.item_weights_from_dimensions(items=items)


def test_blank_answer_names_column_and_row_and_dropna_drops_it():
    s = full_survey(n=3, E12=[6, None, 6])
    with pytest.raises(InputError, match="column E12 is blank in row 1.*dropna=True"):
        servqual.dimension_scores(s)
    assert servqual.seed_sq(s, dropna=True).index.tolist() == [0, 2]


def test_text_answer_is_named():
    s = full_survey(P3=["6", "six"])
    with pytest.raises(InputError, match="column P3 is not numeric: row 1 is 'six'"):
        servqual.item_gaps(s)


def test_answer_outside_the_scale_is_named_and_scale_can_change():
    s = full_survey(P4=[6, 9])
    with pytest.raises(InputError, match="column P4 has a value outside the 1-7 scale: row 1 is 9"):
        servqual.dimension_scores(s)
    assert servqual.dimension_scores(s, scale=(1, 10)).loc["tangibles", "perception"] == pytest.approx(6.375)


def test_empty_survey_and_wrong_type():
    with pytest.raises(InputError, match="survey is empty"):
        servqual.dimension_scores(full_survey().iloc[0:0])
    with pytest.raises(TypeError, match="survey must be a pandas DataFrame, got dict"):
        servqual.dimension_scores({"E1": [7]})


@pytest.mark.parametrize("weights, message", [
    ({"tangibles": 50, "reliabilty": 50}, "weights name reliabilty, which is not one of"),
    (dict.fromkeys(DIMENSIONS, 0), "weights are all zero"),
    ({"tangibles": 100}, "weights give no weight for reliability"),
    (dict(dict.fromkeys(DIMENSIONS, 20), empathy=-5), "must not be negative: empathy is -5"),
])
def test_bad_weights(weights, message):
    with pytest.raises(InputError, match=message):
        servqual.servqual_score(full_survey(), weights)


def test_gaps_with_a_missing_or_unknown_dimension():
    gaps = dict.fromkeys(DIMENSIONS, -0.5)
    with pytest.raises(InputError, match="gaps has no value for empathy"):
        servqual.servqual_score({k: v for k, v in gaps.items() if k != "empathy"})
    with pytest.raises(InputError, match="gaps names courtesy, which is not one of"):
        servqual.servqual_score(gaps | {"courtesy": 0.1})
    with pytest.raises(TypeError, match="reliability'\\] must be a number, got str"):
        servqual.servqual_score(gaps | {"reliability": "-1"})
    with pytest.raises(TypeError, match="give a survey DataFrame"):
        servqual.servqual_score([-0.5] * 5)


def test_bad_item_weights():
    with pytest.raises(InputError, match="item_weights give no weight for item 2, 3, 4"):
        servqual.seed_sq(full_survey(), {1: 1.0})
    with pytest.raises(InputError, match="item_weights name item 23, which the item map does not list"):
        servqual.seed_sq(full_survey(), dict.fromkeys(range(1, 24), 1))
    with pytest.raises(InputError, match="item_weights must not be negative: 5 is -1"):
        servqual.seed_sq(full_survey(), dict.fromkeys(range(1, 23), 1) | {5: -1})
    with pytest.raises(TypeError, match="item_weights must be a mapping item number -> weight"):
        servqual.seed_sq(full_survey(), [1] * 22)


@pytest.mark.parametrize("frame, message", [
    (pd.DataFrame({"P5": [1, 2, 3]}), "at least 2 item columns; got 1 \\(P5\\)"),
    (pd.DataFrame({"P5": [1], "P6": [2]}), "at least 2 respondents"),
    (pd.DataFrame({"P5": [4, 4, 4], "P6": [3, 3, 3]}), "same total score, so alpha is undefined"),
    (pd.DataFrame({"P5": [4, None, 4], "P6": [3, 2, 3]}), "column P5 is blank in row 1"),
    (pd.DataFrame({"P5": [4, 5], "branch": ["N", "S"]}), "column branch is not numeric"),
])
def test_bad_alpha_inputs(frame, message):
    with pytest.raises(InputError, match=message):
        servqual.cronbach_alpha(frame)


def test_tolerance_zone_bad_inputs():
    with pytest.raises(InputError, match=r"adequate service is above desired service for b \(6 > 5\).*Swapped"):
        servqual.tolerance_zone({"a": 4, "b": 6}, {"a": 6, "b": 5}, {"a": 5, "b": 5})
    with pytest.raises(InputError, match="desired has no value for b"):
        servqual.tolerance_zone({"a": 4, "b": 4}, {"a": 6}, {"a": 5, "b": 5})
    with pytest.raises(TypeError, match="needs adequate, desired and perceived"):
        servqual.tolerance_zone({"a": 4})
    with pytest.raises(TypeError, match="not a mix"):
        servqual.tolerance_zone(full_survey(), {"a": 6}, {"a": 5})
    with pytest.raises(InputError, match="no column A1"):
        servqual.tolerance_zone(full_survey())  # E and P only: adequate items are missing


def test_importance_performance_bad_inputs():
    with pytest.raises(InputError, match="performance has no value for c"):
        servqual.importance_performance({"a": 1, "c": 2}, {"a": 1.0})
    with pytest.raises(TypeError, match="cuts must be a pair"):
        servqual.importance_performance({"a": 1}, {"a": 1}, cuts=5)


def test_scores_by_group_bad_inputs():
    with pytest.raises(InputError, match="survey has no column region"):
        servqual.dimension_scores_by(full_survey(), "region")
    s = full_survey(n=3)
    s["branch"] = ["N", None, "S"]
    with pytest.raises(InputError, match="survey column branch is blank in row 1"):
        servqual.dimension_scores_by(s, "branch")
    assert servqual.dimension_scores_by(s, "branch", dropna=True).index.tolist() == ["N", "S"]
    with pytest.raises(InputError, match="value must be one of gap, expectation, perception"):
        servqual.dimension_scores_by(s, "branch", value="gaps")


# --- inputs are never modified -------------------------------------------------------------------


def test_inputs_not_modified(survey):
    before = survey.copy()
    items = {d: list(v) for d, v in ITEMS_1988.items()}
    items_before = {d: list(v) for d, v in items.items()}
    weights = {d: 20 for d in DIMENSIONS}
    gaps = servqual.dimension_scores(survey, items)["gap"]
    gaps_before = gaps.copy()
    servqual.item_gaps(survey, items)
    servqual.respondent_gaps(survey, items)
    servqual.dimension_scores_by(survey, "branch", items)
    servqual.servqual_score(survey, weights, items)
    servqual.servqual_score(gaps, weights, items)
    servqual.seed_sq(survey, servqual.item_weights_from_dimensions(weights, items), items)
    servqual.reliability_table(survey, items)
    servqual.cronbach_alpha(survey[["P5", "P6", "P7"]])
    servqual.tolerance_zone(survey, items=items)
    servqual.importance_performance(weights, gaps)
    pd.testing.assert_frame_equal(survey, before)
    pd.testing.assert_series_equal(gaps, gaps_before)
    assert items == items_before and weights == dict.fromkeys(DIMENSIONS, 20)


def test_results_are_writable_copies(survey):
    gaps = servqual.item_gaps(survey)
    gaps.iloc[0, 0] = 99  # must not fail on a read-only view, nor reach the survey
    assert survey.loc[0, "P1"] != 99 + survey.loc[0, "E1"]
    sq = servqual.seed_sq(survey)
    sq.iloc[0] = 123.0


def test_small_unsigned_integers_do_not_wrap_around():
    s = pd.DataFrame({"E1": np.array([7, 1], np.uint8), "P1": np.array([1, 7], np.uint8)})
    one = {"tangibles": [1]}
    assert servqual.item_gaps(s, one)[1].tolist() == [-6.0, 6.0]
    assert servqual.seed_sq(s, items=one).tolist() == [-6.0, 6.0]
    assert servqual.respondent_gaps(s, one)["tangibles"].tolist() == [-6.0, 6.0]


# --- properties ------------------------------------------------------------------------------------

answers = st.lists(st.lists(st.integers(1, 7), min_size=44, max_size=44), min_size=2, max_size=8)


def _frame(rows: list[list[int]]) -> pd.DataFrame:
    cols = [f"E{i}" for i in range(1, 23)] + [f"P{i}" for i in range(1, 23)]
    return pd.DataFrame(rows, columns=cols)


@settings(max_examples=40, deadline=None)
@given(rows=answers)
def test_swapping_expectation_and_perception_flips_every_sign(rows):
    s = _frame(rows)
    swapped = s.rename(columns=lambda c: ("P" if c[0] == "E" else "E") + c[1:])
    assert servqual.servqual_score(swapped) == pytest.approx(-servqual.servqual_score(s), abs=1e-12)
    np.testing.assert_allclose(servqual.seed_sq(swapped), -servqual.seed_sq(s), atol=1e-12)


@settings(max_examples=40, deadline=None)
@given(rows=answers, w=st.lists(st.integers(0, 100), min_size=5, max_size=5).filter(lambda x: sum(x) > 0),
       k=st.integers(1, 9))
def test_scaling_the_points_changes_nothing_and_score_is_a_weighted_mean(rows, w, k):
    s = _frame(rows)
    weights = dict(zip(DIMENSIONS, w))
    score = servqual.servqual_score(s, weights)
    assert servqual.servqual_score(s, {d: k * v for d, v in weights.items()}) == pytest.approx(score)
    gaps = servqual.dimension_scores(s)["gap"]
    assert gaps.min() - 1e-12 <= score <= gaps.max() + 1e-12
    assert servqual.seed_sq(s, servqual.item_weights_from_dimensions(weights)).mean() == pytest.approx(score)


@settings(max_examples=40, deadline=None)
@given(rows=answers)
def test_gap_is_perception_minus_expectation_and_alpha_at_most_one(rows):
    s = _frame(rows)
    scores = servqual.dimension_scores(s)
    np.testing.assert_allclose(scores["gap"], scores["perception"] - scores["expectation"], atol=1e-12)
    uniform = servqual.seed_sq(s, dict.fromkeys(range(1, 23), 1))
    np.testing.assert_allclose(uniform, servqual.item_gaps(s).mean(axis=1), atol=1e-12)
    alphas = servqual.reliability_table(s)[["alpha_expectation", "alpha_perception"]].to_numpy()
    assert np.all(np.isnan(alphas) | (alphas <= 1 + 1e-12))


@settings(max_examples=40, deadline=None)
@given(a=st.floats(1, 7), width=st.floats(0, 3), p=st.floats(1, 7))
def test_zone_position_agrees_with_msa_and_mss(a, width, p):
    zone = servqual.tolerance_zone({"x": a}, {"x": a + width}, {"x": p}).loc["x"]
    expected = "below" if p < a else "above" if p > a + width else "inside"
    assert zone["position"] == expected
    assert zone["MSA"] - zone["MSS"] == pytest.approx(width)


# --- plots and widget (smoke: they build, move, and explain) -----------------------------------------


def test_plots_draw_and_return_artists(survey):
    import matplotlib

    matplotlib.use("Agg")
    from cxlib import plots

    fig, ax = plots.new_figure(8, 4)
    bars = plots.gap_bars(ax, servqual.dimension_scores(survey))
    assert len(bars["expectation"]) == 5 and bars["labels"][1].get_text() == (
        f"gap {servqual.dimension_scores(survey).loc['reliability', 'gap']:+.2f}")
    for draw in (lambda a: plots.respondent_gap_chart(a, survey, by="channel"),
                 lambda a: plots.gap_heatmap(a, servqual.dimension_scores_by(survey, "branch")),
                 lambda a: plots.tolerance_chart(a, servqual.tolerance_zone(survey)),
                 lambda a: plots.importance_performance_chart(
                     a, servqual.importance_performance({"a": 1, "b": 3}, {"a": -1.0, "b": 0.5}))):
        f, a = plots.new_figure(5, 3)
        draw(a)
        assert plots.to_png(f)[:4] == b"\x89PNG"


def test_weighted_bars_move_and_widen_only_when_needed():
    from cxlib import plots

    fig, ax = plots.new_figure(5, 3)
    parts = pd.Series({"tangibles": 0.02, "reliability": -0.36})
    artists = plots.weighted_gap_bars(ax, parts)
    assert artists["bars"]["reliability"].get_width() == pytest.approx(-0.36)
    assert plots.move_weighted_gap_bars(artists, parts * 0.5) is False  # fits: nothing static changes
    assert plots.move_weighted_gap_bars(artists, pd.Series({"tangibles": 0.0, "reliability": -1.9})) is True
    assert ax.get_xlim()[0] <= -1.9 - 0.3


def test_whatif_verdict_zero_points_and_every_move_renders():
    from cxlib import widgets

    box = widgets.servqual_whatif()
    assert "Reliability costs the most" in box.verdict.value
    box.controls["lifted"].value = "reliability"
    box.controls["lift"].value = 1.0
    assert "moves the score from" in box.verdict.value
    for d in DIMENSIONS:
        box.controls[d].value = 0
    assert "Give the dimensions some importance points" in box.verdict.value
    box.controls["reliability"].value = 100  # all weight on one dimension: score = its lifted gap
    gap = servqual.dimension_scores(data.load("servqual_survey")).loc["reliability", "gap"]
    assert f"{gap + 1.0:+.2f}".replace("-", "−") in box.verdict.value
    box.timings_ms.clear()
    for k in range(100):
        box.controls["assurance"].value = k % 60
    assert len(box.timings_ms) >= 99  # every move re-rendered; `make bench` reports the speed


def test_whatif_message_when_nothing_falls_short():
    from cxlib.widgets.servqual import servqual_message

    parts = pd.Series({"tangibles": 0.1, "reliability": 0.0})
    headline, _, tone = servqual_message(parts, parts)
    assert headline.startswith("No dimension falls short") and tone == "good"
