"""higher_is_better=False (surveys where 1 = best) on every 0-100 score; columns= for RATER files."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxlib import InputError, measure, rater
from cxlib.rater import FACTORS

# --- survey_index -------------------------------------------------------------------------------


def test_survey_index_where_1_is_best_by_hand():
    metro = pd.DataFrame({"punctual": [1, 2, 2], "clean": [1, 3, 1]})  # 1 = best on 1-5
    idx = measure.survey_index(metro, higher_is_better=False)
    # respondent means 1, 2.5, 1.5 -> (5 - m) / 4: 100, 62.5, 87.5 ; overall 83.33
    assert idx.respondents.tolist() == [100.0, 62.5, 87.5]
    assert idx.overall == pytest.approx(250 / 3)
    # punctual mean 5/3 -> (5 - 5/3) / 4 * 100 = 83.33 ; clean mean 5/3 too
    assert idx.attributes.tolist() == pytest.approx([250 / 3, 250 / 3])
    # the silent inversion this option prevents: read as 5 = best, the same answers give 16.7
    assert measure.survey_index(metro).overall == pytest.approx(100 - 250 / 3)


def test_survey_index_dropna_and_blank_message():
    ratings = pd.DataFrame({"staff": [5, None, 3], "wifi": [4, 2, 2]})
    with pytest.raises(InputError, match="column staff is blank in row 1.*dropna=True"):
        measure.survey_index(ratings)
    idx = measure.survey_index(ratings, dropna=True)
    assert idx.respondents.index.tolist() == [0, 2] and idx.respondents.tolist() == [87.5, 37.5]


def test_first_component_where_1_is_best():
    ratings = pd.DataFrame({"staff": [5, 4, 2, 1, 3], "food": [4, 5, 1, 2, 3], "wifi": [3, 4, 2, 3, 5]})
    reversed_ = 6 - ratings  # the same people on a scale where 1 = best
    usual = measure.first_component(ratings)
    flipped = measure.first_component(reversed_, higher_is_better=False)
    np.testing.assert_allclose(flipped.scores, usual.scores, atol=1e-12)  # still rises with satisfaction
    np.testing.assert_allclose(flipped.loadings, usual.loadings, atol=1e-12)
    assert flipped.explained == pytest.approx(usual.explained)


# --- RATER ----------------------------------------------------------------------------------------


def test_rater_index_and_priority_where_1_is_best_by_hand():
    scores = {"reliability": 1, "assurance": 2, "tangibles": 1, "empathy": 3, "responsiveness": 5}
    # places on 1-5 with 1 = best: (5 - s) / 4 = 1, .75, 1, .5, 0 -> mean .65 -> 65
    assert rater.rater_index(scores, higher_is_better=False) == pytest.approx(65.0)
    table = rater.improvement_priority(scores, higher_is_better=False)
    # shortfall (s - 1) / 4: responsiveness 1, empathy .5, assurance .25 ; gain 100 * .2 * shortfall
    assert table.index[:3].tolist() == ["responsiveness", "empathy", "assurance"]
    assert table.loc["responsiveness", "gain"] == pytest.approx(20.0)
    assert table.loc["responsiveness", "score"] == 5  # the score as given
    assert table["gain"].sum() == pytest.approx(100 - 65)


def test_rater_by_where_1_is_best_by_hand():
    survey = pd.DataFrame({"branch": ["A", "A", "B"], "reliability": [1, 3, 4], "assurance": [2, 2, 4],
                           "tangibles": [2, 2, 4], "empathy": [2, 2, 4], "responsiveness": [2, 2, 4]})
    table = rater.rater_by(survey, higher_is_better=False)
    # A: reliability 2, the rest 2 -> place (5 - 2) / 4 = .75 -> 75 ; B: all 4 -> 25
    assert table["index"].to_dict() == {"A": 75.0, "B": 25.0}
    assert table.index[0] == "A"  # best first, in the reversed reading too


def test_rater_columns_map_the_files_names():
    file = pd.DataFrame({"REL": [5, 3], "ASS": [4, 4], "TANG": [4, 2], "EMP": [3, 3], "RESP": [2, 2],
                         "site": ["x", "y"]})
    cols = {"REL": "reliability", "ASS": "assurance", "TANG": "tangibles", "EMP": "empathy",
            "RESP": "responsiveness"}
    named = file.rename(columns=cols)
    assert rater.rater_index(file, columns=cols) == rater.rater_index(named)
    pd.testing.assert_frame_equal(rater.improvement_priority(file, columns=cols), rater.improvement_priority(named))
    pd.testing.assert_frame_equal(rater.rater_by(file, "site", columns=cols), rater.rater_by(named, "site"))
    with pytest.raises(InputError, match="scores has no column reliability.*columns=\\{'REL': 'reliability'"):
        rater.rater_index(file)
    with pytest.raises(InputError, match="columns maps 'REL' to 'reliable', which is not one of"):
        rater.rater_index(file, columns={"REL": "reliable"})
    with pytest.raises(InputError, match="columns names 'RELY', which scores does not have"):
        rater.rater_index(file, columns={"RELY": "reliability"})
    with pytest.raises(InputError, match="columns maps both 'EMP' and 'RESP' to empathy"):
        rater.rater_index(file, columns={"EMP": "empathy", "RESP": "empathy"})
    with pytest.raises(TypeError, match="columns= renames the columns of a DataFrame"):
        rater.rater_index(dict.fromkeys(FACTORS, 3), columns=cols)


@pytest.mark.parametrize("call", [
    lambda v: measure.survey_index(pd.DataFrame({"q": [1, 2]}), higher_is_better=v),
    lambda v: rater.rater_index(dict.fromkeys(FACTORS, 3), higher_is_better=v),
    lambda v: rater.improvement_priority(dict.fromkeys(FACTORS, 3), higher_is_better=v),
    lambda v: measure.first_component(pd.DataFrame({"a": [1, 2, 3], "b": [2, 1, 3]}), higher_is_better=v),
])
@pytest.mark.parametrize("value, shown", [("False", "str 'False'"), (None, "NoneType"), (0, "int 0")])
def test_higher_is_better_must_be_a_real_flag(call, value, shown):
    # "False" is truthy: taking it as True would silently invert the index
    with pytest.raises(TypeError, match=f"higher_is_better must be True or False, got {shown}"):
        call(value)


def test_inputs_not_modified():
    frame = pd.DataFrame({"reliability": [1, 3], "assurance": [2, 2], "tangibles": [2, 2], "empathy": [2, 2],
                          "responsiveness": [2, 2], "branch": ["A", "B"]})
    before = frame.copy()
    rater.rater_by(frame, higher_is_better=False)
    rater.improvement_priority(frame, higher_is_better=False)
    measure.survey_index(frame, attributes=list(FACTORS), higher_is_better=False)
    pd.testing.assert_frame_equal(frame, before)


# --- properties: reversing the scale and flipping the flag changes nothing ---------------------------

respondents = st.lists(st.lists(st.integers(1, 7), min_size=5, max_size=5), min_size=1, max_size=8)
weights = st.lists(st.integers(0, 50), min_size=5, max_size=5).filter(lambda w: sum(w) > 0)


@settings(max_examples=25, deadline=None)
@given(rows=respondents, w=weights, lo=st.integers(0, 1))
def test_reversed_scale_with_flag_gives_the_same_index(rows, w, lo):
    hi = 7
    frame = pd.DataFrame(rows, columns=list(FACTORS)).clip(lower=lo)
    mirrored = lo + hi - frame  # the same opinions on a scale where lo = best
    wts = dict(zip(FACTORS, w))
    scale = (lo, hi)
    assert rater.rater_index(mirrored, wts, scale, higher_is_better=False) == pytest.approx(
        rater.rater_index(frame, wts, scale), abs=1e-9)
    a = rater.improvement_priority(frame, wts, scale)
    b = rater.improvement_priority(mirrored, wts, scale, higher_is_better=False)
    np.testing.assert_allclose(b.loc[a.index, "gain"], a["gain"], atol=1e-9)
    s1 = measure.survey_index(frame, wts, scale)
    s2 = measure.survey_index(mirrored, wts, scale, higher_is_better=False)
    np.testing.assert_allclose(s2.respondents, s1.respondents, atol=1e-9)
    np.testing.assert_allclose(s2.attributes, s1.attributes, atol=1e-9)
    # and the flag alone mirrors the index: index + flipped index = 100
    assert measure.survey_index(frame, wts, scale, higher_is_better=False).overall + s1.overall == pytest.approx(100)


@settings(max_examples=20, deadline=None)
@given(rows=st.lists(st.lists(st.integers(1, 5), min_size=5, max_size=5), min_size=2, max_size=8),
       groups=st.lists(st.sampled_from("AB"), min_size=8, max_size=8))
def test_rater_by_reversed_with_flag_is_unchanged(rows, groups):
    frame = pd.DataFrame(rows, columns=list(FACTORS)).assign(branch=groups[:len(rows)])
    mirrored = frame.assign(**{f: 6 - frame[f] for f in FACTORS})
    a = rater.rater_by(frame)
    b = rater.rater_by(mirrored, higher_is_better=False)
    np.testing.assert_allclose(b.loc[a.index, "index"], a["index"], atol=1e-9)
