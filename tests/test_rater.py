"""cxlib.rater: hand-computed cases, the source's facts, bad input, no mutation, properties."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxlib import InputError, data, rater
from cxlib.rater import FACTORS, improvement_priority, rater_by, rater_index

R, A, T, E, S = FACTORS
EQUAL = {f: 1 for f in FACTORS}


def scores_of(*values):
    return dict(zip(FACTORS, values))


# --- hand-computed ------------------------------------------------------------------------------

def test_unweighted_by_hand():
    # positions on 1-5: (4-1)/4=.75, (4-1)/4=.75, (5-1)/4=1, (3-1)/4=.5, (2-1)/4=.25 -> mean .65 -> 65
    assert rater_index(scores_of(4, 4, 5, 3, 2)) == pytest.approx(65.0)


def test_weighted_by_hand():
    # weights 40/20/10/10/20 -> .4,.2,.1,.1,.2; positions .75,.5,.25,1,0
    # .4*.75 + .2*.5 + .1*.25 + .1*1 + .2*0 = .3 + .1 + .025 + .1 = .525 -> 52.5
    got = rater_index(scores_of(4, 3, 2, 5, 1), weights={R: 40, A: 20, T: 10, E: 10, S: 20})
    assert got == pytest.approx(52.5)


def test_3_4_on_1_to_5_is_60_not_68():
    # the lesson's spot-the-error: 3.4/5 = 68%, but (3.4 - 1)/(5 - 1) = 0.6 -> 60
    assert rater_index(scores_of(3.4, 3.4, 3.4, 3.4, 3.4)) == pytest.approx(60.0)


def test_other_scale():
    # on 1-7, 4 is the midpoint -> 50; on 0-10, 7.5 -> 75
    assert rater_index(scores_of(4, 4, 4, 4, 4), scale=(1, 7)) == pytest.approx(50.0)
    assert rater_index(scores_of(7.5, 7.5, 7.5, 7.5, 7.5), scale=(0, 10)) == pytest.approx(75.0)


def test_series_and_frame_inputs_agree():
    frame = pd.DataFrame({R: [5, 3], A: [4, 4], T: [2, 4], E: [3, 3], S: [1, 5], "branch": ["x", "y"]})
    # column means 4, 4, 3, 3, 3 -> positions .75,.75,.5,.5,.5 -> mean .6 -> 60
    assert rater_index(frame) == pytest.approx(60.0)
    assert rater_index(frame[list(FACTORS)].mean()) == pytest.approx(60.0)


def test_priority_by_hand():
    # weights .4,.2,.05,.15,.2; shortfalls (5-s)/4: .25,.25,.75,.25,.6
    # gains 100*w*shortfall: 10, 5, 3.75, 3.75, 12 -> responsiveness, reliability, assurance, tangibles, empathy
    table = improvement_priority(scores_of(4, 4, 2, 4, 2.6), weights={R: 40, A: 20, T: 5, E: 15, S: 20})
    assert table.index.tolist() == [S, R, A, T, E]
    assert table.loc[S, "gain"] == pytest.approx(12.0)
    assert table.loc[T, "shortfall"] == pytest.approx(0.75)
    assert list(table.columns) == ["score", "weight", "shortfall", "gain"]


def test_priority_gains_add_up_to_what_is_missing():
    s, w = scores_of(3.2, 4.1, 2.5, 3.9, 2.2), {R: 32, A: 19, T: 11, E: 16, S: 22}
    assert improvement_priority(s, w)["gain"].sum() == pytest.approx(100 - rater_index(s, w))


def test_rater_by_by_hand():
    survey = pd.DataFrame({"branch": ["A", "A", "B"], R: [5, 3, 1], A: [4, 4, 1], T: [4, 4, 1], E: [4, 4, 1], S: [4, 4, 1]})
    table = rater_by(survey)
    # A: means 4,4,4,4,4 -> 75; B: all 1 -> 0
    assert table["index"].tolist() == pytest.approx([75.0, 0.0])
    assert table["n"].tolist() == [2, 1]
    assert table.index.name == "branch"


def test_rater_by_matches_rater_index_on_the_course_data():
    survey = data.load("rater_scores")
    w = data.load("rater_weights").set_index("factor")["weight"]
    table = rater_by(survey, weights=w)
    for branch in table.index:
        alone = rater_index(survey[survey["branch"] == branch], weights=w)
        assert table.loc[branch, "index"] == pytest.approx(alone)
    assert table.index[-1] == "Westgate"  # the weak branch of the story


def test_course_data_story():
    survey = data.load("rater_scores")
    w = data.load("rater_weights").set_index("factor")["weight"]
    assert len(survey) >= 300 and survey["branch"].nunique() in (4, 5)
    old_town = survey[survey["branch"] == "Old Town"]
    # lowest raw score is tangibles, yet by weighted shortfall reliability comes first
    assert old_town[list(FACTORS)].mean().idxmin() == T
    assert improvement_priority(old_town, w).index[0] == R
    assert improvement_priority(survey[survey["branch"] == "Westgate"], w).index[0] == S


def test_source_facts():
    # seed 000: Forum Corporation, nearly ten years, ~10,000 service staff, 14 industries
    assert rater.STUDY["industries"] == 14
    assert rater.STUDY["service_staff"] == 10_000
    assert "Forum" in rater.STUDY["organisation"]
    assert "".join(rater.FACTOR_TABLE["letter"]) == "RATER"
    assert rater.FACTOR_TABLE.loc[R, "chinese"] == "信赖度"


# --- bad input ----------------------------------------------------------------------------------

def test_score_outside_scale():
    with pytest.raises(InputError, match=r"scores\['empathy'\] is 6, outside the 1-5 scale"):
        rater_index(scores_of(4, 4, 4, 6, 4))


def test_frame_value_outside_scale_names_column_and_row():
    frame = pd.DataFrame({R: [5, 3], A: [4, 0], T: [2, 4], E: [3, 3], S: [1, 5]})
    with pytest.raises(InputError, match=r"column assurance .* row 1 is 0"):
        rater_index(frame)


def test_unknown_factor():
    bad = scores_of(4, 4, 4, 4, 4) | {"reliabilty": 3}
    with pytest.raises(InputError, match="reliabilty, which is not one of"):
        rater_index(bad)


def test_missing_factor():
    s = scores_of(4, 4, 4, 4, 4)
    del s[E]
    with pytest.raises(InputError, match="no value for empathy"):
        rater_index(s)


def test_frame_missing_factor_column():
    frame = pd.DataFrame({R: [5], A: [4], T: [2], E: [3]})
    with pytest.raises(InputError, match="no column responsiveness"):
        rater_index(frame)


def test_frame_blank_needs_dropna():
    frame = pd.DataFrame({R: [5, None], A: [4, 4], T: [2, 4], E: [3, 3], S: [1, 5]})
    with pytest.raises(InputError, match="reliability is blank in row 1"):
        rater_index(frame)
    # dropping row 1 leaves 5,4,2,3,1 -> 1,.75,.25,.5,0 -> 50
    assert rater_index(frame, dropna=True) == pytest.approx(50.0)


def test_text_score():
    with pytest.raises(TypeError, match="must be a number, got str '4'"):
        rater_index(scores_of(4, "4", 4, 4, 4))


def test_negative_weight():
    with pytest.raises(InputError, match="must not be negative: tangibles is -1"):
        rater_index(scores_of(4, 4, 4, 4, 4), weights={R: 1, A: 1, T: -1, E: 1, S: 1})


def test_weights_missing_a_factor():
    with pytest.raises(InputError, match="no weight for responsiveness"):
        rater_index(scores_of(4, 4, 4, 4, 4), weights={R: 1, A: 1, T: 1, E: 1})


def test_all_zero_weights():
    with pytest.raises(InputError, match="all zero"):
        rater_index(scores_of(4, 4, 4, 4, 4), weights={f: 0 for f in FACTORS})


def test_bad_scale():
    with pytest.raises(InputError, match="low < high"):
        rater_index(scores_of(4, 4, 4, 4, 4), scale=(5, 1))


def test_wrong_type():
    with pytest.raises(TypeError, match="scores must be a mapping"):
        rater_index([4, 4, 4, 4, 4])


def test_rater_by_missing_group_column():
    with pytest.raises(InputError, match="no column region"):
        rater_by(data.load("rater_scores"), by="region")


def test_inputs_not_modified():
    survey = data.load("rater_scores")
    before = survey.copy()
    w = pd.Series({R: 32, A: 19, T: 11, E: 16, S: 22})
    w_before = w.copy()
    s = scores_of(4, 4, 4, 4, 4)
    rater_index(survey, w)
    improvement_priority(survey, w)
    rater_by(survey, weights=w)
    rater_index(s, w)
    pd.testing.assert_frame_equal(survey, before)
    pd.testing.assert_series_equal(w, w_before)
    assert s == scores_of(4, 4, 4, 4, 4)


# --- properties ---------------------------------------------------------------------------------

score = st.floats(1, 5, allow_nan=False)
five_scores = st.tuples(score, score, score, score, score)
weight = st.floats(0.01, 100, allow_nan=False)
five_weights = st.tuples(weight, weight, weight, weight, weight)


@settings(max_examples=80, deadline=None)
@given(s=five_scores, w=five_weights, k=st.floats(0.01, 1000))
def test_scaling_weights_changes_nothing(s, w, k):
    a = rater_index(scores_of(*s), dict(zip(FACTORS, w)))
    b = rater_index(scores_of(*s), {f: k * x for f, x in zip(FACTORS, w)})
    assert a == pytest.approx(b, abs=1e-9)


@settings(max_examples=80, deadline=None)
@given(s=five_scores, k=st.floats(0.01, 1000))
def test_equal_weights_is_unweighted(s, k):
    assert rater_index(scores_of(*s), {f: k for f in FACTORS}) == pytest.approx(rater_index(scores_of(*s)), abs=1e-9)
    # and unweighted is 100 x the mean position on the scale
    assert rater_index(scores_of(*s)) == pytest.approx(100 * np.mean([(x - 1) / 4 for x in s]), abs=1e-9)


@settings(max_examples=40, deadline=None)
@given(w=five_weights, lo=st.integers(-5, 5), width=st.integers(1, 10))
def test_top_is_100_and_bottom_is_0(w, lo, width):
    hi = lo + width
    weights = dict(zip(FACTORS, w))
    assert rater_index(scores_of(*[hi] * 5), weights, scale=(lo, hi)) == pytest.approx(100.0)
    assert rater_index(scores_of(*[lo] * 5), weights, scale=(lo, hi)) == pytest.approx(0.0, abs=1e-9)


@settings(max_examples=80, deadline=None)
@given(s=five_scores, w=five_weights, which=st.sampled_from(FACTORS), up=st.floats(0, 4))
def test_monotone_in_each_score(s, w, which, up):
    base = scores_of(*s)
    raised = dict(base)
    raised[which] = min(5.0, base[which] + up)
    weights = dict(zip(FACTORS, w))
    assert rater_index(raised, weights) >= rater_index(base, weights) - 1e-9


@settings(max_examples=60, deadline=None)
@given(s=five_scores, w=five_weights)
def test_index_in_range_and_priority_consistent(s, w):
    weights = dict(zip(FACTORS, w))
    idx = rater_index(scores_of(*s), weights)
    assert -1e-9 <= idx <= 100 + 1e-9
    table = improvement_priority(scores_of(*s), weights)
    assert math.isclose(table["gain"].sum(), 100 - idx, abs_tol=1e-7)
    assert (np.diff(table["gain"].to_numpy()) <= 1e-7).all()  # sorted, largest first
    # raising the first factor to the top adds exactly its gain
    top = table.index[0]
    better = scores_of(*s) | {top: 5.0}
    assert rater_index(better, weights) - idx == pytest.approx(table.loc[top, "gain"], abs=1e-7)


# --- the what-if ----------------------------------------------------------------------------------

def test_whatif_moves_in_place_and_explains():
    from cxlib import widgets

    box = widgets.rater_whatif("Westgate", "Harbour")
    image = box.image
    assert "Improve responsiveness first" in box.verdict.value and "behind" in box.verdict.value
    box.controls["responsiveness"].value = 5.0
    assert "Improve responsiveness first" not in box.verdict.value
    assert box.image is image  # the same figure, moved
    box.start.value = "Old Town"  # start from another branch's survey means
    assert box.controls["tangibles"].value < 3 and "Improve reliability first" in box.verdict.value
    for f in FACTORS:
        box.controls[f"w_{f}"].value = 0
    assert "all zero" in box.verdict.value  # an impossible input explains itself
    assert len(box.timings_ms) > 5


def test_whatif_unknown_branch():
    from cxlib import widgets

    with pytest.raises(ValueError, match="'Nowhere' is not in the survey"):
        widgets.rater_whatif("Nowhere")
