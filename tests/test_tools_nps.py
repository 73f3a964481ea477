"""Net Promoter Score with its interval, and the top-box share."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxlib import InputError, measure

Z95 = 1.959963984540054  # the 97.5 % point of the standard normal

TEN = [10, 9, 8, 7, 6, 0, 10, 9, 3, 10]


# --- by hand ------------------------------------------------------------------------------------------


def test_nps_by_hand():
    result = measure.nps(TEN)
    # promoters 10, 9, 10, 9, 10 = 5 ; passives 8, 7 = 2 ; detractors 6, 0, 3 = 3 ; n = 10
    assert (result.promoters, result.passives, result.detractors, result.n) == (5, 2, 3, 10)
    assert result.score == pytest.approx(20.0)  # 50 % - 30 %
    # Var(p - d) = (p + d - (p - d)^2) / n = (0.5 + 0.3 - 0.04) / 10 = 0.076
    half = 100 * Z95 * math.sqrt(0.076)
    assert result.ci == pytest.approx((20 - half, 20 + half))
    assert (result.promoter_share, result.passive_share, result.detractor_share) == (0.5, 0.2, 0.3)
    assert result.table["count"].tolist() == [5, 2, 3] and result.table["share"].sum() == pytest.approx(1)
    assert repr(result).startswith("NetPromoterScore(+20.0, 95% CI -34.0 to +74.0; n=10")


def test_the_cut_offs_are_9_and_7():
    assert measure.nps([9]).promoters == 1 and measure.nps([8]).passives == 1
    assert measure.nps([7]).passives == 1 and measure.nps([6]).detractors == 1
    assert measure.nps([0]).score == -100 and measure.nps([10]).score == 100


def test_other_confidence_and_the_clipped_edges():
    assert measure.nps(TEN, confidence=0.90).ci == pytest.approx(
        (20 - 100 * 1.6448536269514722 * math.sqrt(0.076), 20 + 100 * 1.6448536269514722 * math.sqrt(0.076)))
    everyone = measure.nps([10, 9, 10])
    assert everyone.score == 100 and everyone.ci == (100.0, 100.0)  # no spread: Var = 1 - 1 = 0
    assert measure.nps([10, 0]).ci == (-100.0, 100.0)  # wider than the scale: clipped


def test_an_11_point_scale_stored_1_to_11_and_a_reversed_one():
    stored = pd.Series([11, 10, 9, 8, 7, 1], name="recommend")
    assert measure.nps(stored, scale=(1, 11)) == measure.nps(stored - 1)
    # 10-11 promoters (2), 8-9 passives (2), 1-7 detractors (2)
    assert measure.nps(stored, scale=(1, 11)).score == 0
    reversed_ = 10 - pd.Series(TEN)  # 0 = extremely likely
    assert measure.nps(reversed_, higher_is_better=False) == measure.nps(TEN)


def test_blanks_dropped_only_when_asked():
    answers = pd.Series([10, None, 3, 9], name="nps")
    with pytest.raises(InputError, match="answers column nps is blank in row 1.*dropna=True"):
        measure.nps(answers)
    result = measure.nps(answers, dropna=True)
    assert result.n == 3 and result.score == pytest.approx(100 / 3)


def test_list_array_series_and_one_column_frame_agree():
    base = measure.nps(TEN)
    assert measure.nps(np.array(TEN)) == base
    assert measure.nps(pd.Series(TEN, index=list("abcdefghij"))) == base
    assert measure.nps(pd.DataFrame({"q": TEN})) == base
    assert measure.nps(pd.Series(TEN, dtype="Int64")) == base


# --- bad input ----------------------------------------------------------------------------------------


def test_an_11_from_a_file_stored_1_to_11_names_the_row_and_the_fix():
    answers = pd.Series([5, 11, 1, 11], name="recommend")
    with pytest.raises(InputError, match=r"answers column recommend has values outside the 0-10 scale: "
                                         r"rows 1, 3 are 11, 11\. .*pass answers - 1 \(or scale=\(1, 11\)\)"):
        measure.nps(answers)


@pytest.mark.parametrize("answers, error, message", [
    ([10, -1], InputError, r"answers has a value outside the 0-10 scale: row 1 is -1\. Fix or remove that row"),
    ([10, 8.5], InputError, r"answers has decimals: row 1 is 8\.5\. NPS counts answers on the points"),
    ([10, "ten"], InputError, "answers is not numeric: row 1 is 'ten'"),
    ([10, float("inf")], InputError, "outside the 0-10 scale: row 1 is inf"),
    ([True, False], TypeError, "answers are True/False"),
    ([], InputError, "answers is empty"),
    (pd.DataFrame({"a": [1], "b": [2]}), InputError, "answers has 2 columns; pass one column"),
    (np.array([[1, 2], [3, 4]]), InputError, r"an array of shape \(2, 2\)"),
    ("9", TypeError, "answers must be a column"),
])
def test_bad_answers(answers, error, message):
    with pytest.raises(error, match=message):
        measure.nps(answers)


@pytest.mark.parametrize("kwargs, error, message", [
    ({"scale": (1, 5)}, InputError, r"defined on the 11-point 0-10 scale; scale=\(1, 5\) has 5 points.*top_box_share"),
    ({"scale": (0.5, 10.5)}, InputError, "scale must run between whole points"),
    ({"scale": (10, 0)}, InputError, "low < high"),
    ({"confidence": 95}, InputError, "confidence must be a share between 0 and 1"),
    ({"dropna": "yes"}, TypeError, "dropna must be True or False"),
    ({"higher_is_better": "False"}, TypeError, "higher_is_better must be True or False"),
])
def test_bad_options(kwargs, error, message):
    with pytest.raises(error, match=message):
        measure.nps(TEN, **kwargs)


def test_answers_from_a_short_scale_get_a_warning():
    with pytest.warns(UserWarning, match="all 12 answers lie between 1 and 5.*shorter scale"):
        result = measure.nps([1, 2, 3, 4, 5, 5, 4, 3, 2, 1, 5, 5])
    assert result.score == -100  # still the arithmetic, but the learner was told
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        measure.nps(TEN)  # a real 0-10 sample: no warning


# --- top-box share -----------------------------------------------------------------------------------


def test_top_box_share_by_hand():
    answers = [5, 4, 4, 2, 1]
    assert measure.top_box_share(answers, scale=(1, 5)) == 0.6  # 5, 4, 4
    assert measure.top_box_share(answers, scale=(1, 5), boxes=1) == 0.2  # 5
    assert measure.top_box_share(answers, scale=(1, 5), higher_is_better=False) == 0.4  # 1, 2
    assert measure.top_box_share([7, None, 6, 1], scale=(1, 7), dropna=True) == pytest.approx(2 / 3)


def test_top_box_share_warns_when_no_answer_reaches_the_top():
    one_to_five = [1, 2, 3, 4, 5, 5, 4, 3, 2, 1]
    with pytest.warns(UserWarning, match=r"none of the 10 answers is in the top 2 boxes \(6-7\); the best "
                                         r"answer given is 5: is scale=\(1, 7\) the survey's scale\?"):
        assert measure.top_box_share(one_to_five, scale=(1, 7)) == 0
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert measure.top_box_share(one_to_five, scale=(1, 5)) == 0.4


@pytest.mark.parametrize("boxes, message", [(0, "got 0"), (5, "got 5"), (2.0, "got 2.0"), (True, "got True")])
def test_top_box_share_bad_boxes(boxes, message):
    with pytest.raises(InputError, match=f"boxes must be a whole number of scale points from 1 to 4.*{message}"):
        measure.top_box_share([5, 4], scale=(1, 5), boxes=boxes)


def test_top_box_share_bad_answers():
    with pytest.raises(InputError, match=r"answers has a value outside the 1-5 scale: row 1 is 6.*run 4-6"):
        measure.top_box_share([4, 6], scale=(1, 5))
    with pytest.raises(InputError, match="answers has decimals: row 0 is 4.5. A top-box share counts"):
        measure.top_box_share([4.5, 3], scale=(1, 5))
    with pytest.raises(InputError, match="is blank in row 1"):
        measure.top_box_share([4, None], scale=(1, 5))


def test_inputs_not_modified():
    answers = pd.Series([10.0, None, 3.0], name="nps")
    before = answers.copy()
    measure.nps(answers, dropna=True)
    measure.top_box_share(answers, scale=(0, 10), dropna=True, higher_is_better=False)
    pd.testing.assert_series_equal(answers, before)


# --- properties ---------------------------------------------------------------------------------------

answers_0_10 = st.lists(st.integers(0, 10), min_size=1, max_size=60)


@pytest.mark.filterwarnings("ignore:all .* answers lie between")
@pytest.mark.filterwarnings("ignore:none of the .* answers is in the top")
@settings(max_examples=40, deadline=None)
@given(answers=answers_0_10, data=st.data())
def test_nps_is_bounded_order_free_and_its_interval_holds_it(answers, data):
    result = measure.nps(answers)
    assert -100 <= result.ci[0] <= result.score <= result.ci[1] <= 100
    assert result.promoters + result.passives + result.detractors == result.n == len(answers)
    assert result.score == pytest.approx(100 * (result.promoter_share - result.detractor_share))
    shuffled = data.draw(st.permutations(answers))
    assert measure.nps(shuffled) == result
    assert measure.top_box_share(answers, scale=(0, 10), boxes=2) == pytest.approx(result.promoter_share)
    assert measure.top_box_share(answers, scale=(0, 10), boxes=7, higher_is_better=False) == pytest.approx(
        result.detractor_share)


@pytest.mark.filterwarnings("ignore:all .* answers lie between")
@settings(max_examples=20, deadline=None)
@given(answers=st.lists(st.integers(0, 10), min_size=2, max_size=40))
def test_more_of_the_same_answers_narrow_the_interval(answers):
    once, four_times = measure.nps(answers), measure.nps(answers * 4)
    assert four_times.score == pytest.approx(once.score)
    width = once.ci[1] - once.ci[0]
    if 0 < width and once.ci[0] > -100 and once.ci[1] < 100:  # not clipped: half as wide with 4x n
        assert four_times.ci[1] - four_times.ci[0] == pytest.approx(width / 2)
