"""SERVPERF (perceptions only), columns= for files not named E1..P22, and dropna="pairwise"."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxlib import InputError, servqual

ONE = {"tangibles": [1, 2]}
TWO = {"tangibles": [1, 2], "reliability": [3]}


# --- SERVPERF: perceptions only ---------------------------------------------------------------------


def test_servperf_scores_by_hand():
    p_only = pd.DataFrame({"P1": [6, 4], "P2": [3, 5], "P3": [7, 7]})
    scores = servqual.dimension_scores(p_only, items=TWO, perceptions_only=True)
    # tangibles: P1 mean 5, P2 mean 4 -> 4.5 ; reliability: P3 mean 7
    assert list(scores.columns) == ["perception"]
    assert scores["perception"].to_dict() == {"tangibles": 4.5, "reliability": 7.0}


def test_servperf_equals_the_perception_column_of_servqual_and_ignores_e():
    survey = pd.DataFrame({"E1": [7, 6], "P1": [6, 4], "E2": [5, 5], "P2": [3, 5], "E3": [7, 6], "P3": [7, 7]})
    full = servqual.dimension_scores(survey, items=TWO)
    servperf = servqual.dimension_scores(survey, items=TWO, perceptions_only=True)
    pd.testing.assert_series_equal(servperf["perception"], full["perception"])
    junk_e = survey.assign(E1=["high", "low"])  # E is not read at all
    pd.testing.assert_frame_equal(servqual.dimension_scores(junk_e, items=TWO, perceptions_only=True), servperf)


def test_perceptions_only_survey_is_refused_with_the_way_out():
    p_only = pd.DataFrame({"P1": [6, 4], "P2": [3, 5], "P3": [7, 7]})
    with pytest.raises(InputError, match=r"no expectation columns at all.*perceptions_only=True"):
        servqual.dimension_scores(p_only, items=TWO)
    with pytest.raises(TypeError, match="perceptions_only must be True or False, got str 'True'"):
        servqual.dimension_scores(p_only, items=TWO, perceptions_only="True")


def test_perception_per_respondent_and_per_group_need_only_p():
    p_only = pd.DataFrame({"P1": [6, 4, 2], "P2": [3, 5, 2], "P3": [7, 7, 1], "branch": ["N", "S", "S"]})
    per = servqual.respondent_gaps(p_only, items=TWO, value="perception")
    assert per["tangibles"].tolist() == [4.5, 4.5, 2.0]
    by = servqual.dimension_scores_by(p_only, "branch", items=TWO, value="perception")
    assert by.loc["S"].tolist() == [3.25, 4.0]  # tangibles (4 + 5 + 2 + 2) / 4 ; reliability (7 + 1) / 2
    with pytest.raises(InputError, match="no column E1"):
        servqual.dimension_scores_by(p_only, "branch", items=TWO)  # the gap needs E


# --- columns= ---------------------------------------------------------------------------------------


def _plain() -> pd.DataFrame:
    return pd.DataFrame({"E1": [7, 7], "P1": [6, 5], "E2": [5, 6], "P2": [4, 7]})


def test_columns_as_prefixes():
    odd = _plain().rename(columns=lambda c: ("exp_" if c[0] == "E" else "perc_") + c[1:])
    scores = servqual.dimension_scores(odd, items=ONE, columns={"E": "exp_", "P": "perc_"})
    pd.testing.assert_frame_equal(scores, servqual.dimension_scores(_plain(), items=ONE))
    assert scores.loc["tangibles", "gap"] == -0.75  # E (7 + 7 + 5 + 6) / 4, P (6 + 5 + 4 + 7) / 4


def test_columns_as_a_pattern_with_zero_padding_and_a_suffix():
    p_only = pd.DataFrame({"a01": [80, 60], "a02": [100, 40]})
    scores = servqual.dimension_scores(p_only, items=ONE, scale=(0, 100), perceptions_only=True,
                                       columns={"P": "a{:02d}"})
    assert scores.loc["tangibles", "perception"] == 70.0
    suffixed = _plain().rename(columns=lambda c: f"q{c[1:]}_{'want' if c[0] == 'E' else 'got'}")
    gaps = servqual.item_gaps(suffixed, items=ONE, columns={"E": "q{}_want", "P": "q{}_got"})
    assert gaps.to_numpy().tolist() == [[-1, -1], [-2, 1]]


def test_columns_as_a_mapping_of_the_files_names():
    named = _plain().rename(columns={"E1": "clean_expect", "P1": "clean_got"})
    cols = {"clean_expect": "E1", "clean_got": "P1"}  # E2, P2 keep their names
    scores = servqual.dimension_scores(named, items=ONE, columns=cols)
    pd.testing.assert_frame_equal(scores, servqual.dimension_scores(_plain(), items=ONE))
    assert servqual.seed_sq(named, items=ONE, columns=cols).tolist() == [-2.0, -1.0]


def test_every_survey_function_takes_columns():
    odd = _plain().assign(branch=["N", "S"]).rename(columns=lambda c: c.lower() if c[0] in "EP" else c)
    cols = {"E": "e", "P": "p"}
    plain = _plain().assign(branch=["N", "S"])
    pd.testing.assert_frame_equal(servqual.item_gaps(odd, ONE, columns=cols), servqual.item_gaps(plain, ONE))
    pd.testing.assert_frame_equal(servqual.respondent_gaps(odd, ONE, columns=cols),
                                  servqual.respondent_gaps(plain, ONE))
    pd.testing.assert_frame_equal(servqual.dimension_scores_by(odd, "branch", ONE, columns=cols),
                                  servqual.dimension_scores_by(plain, "branch", ONE))
    assert servqual.servqual_score(odd, items=ONE, columns=cols) == servqual.servqual_score(plain, items=ONE)
    pd.testing.assert_frame_equal(servqual.reliability_table(odd, ONE, columns=cols),
                                  servqual.reliability_table(plain, ONE))
    with_a = odd.assign(a1=[5, 5], a2=[4, 4])
    zone = servqual.tolerance_zone(with_a, items=ONE, columns={"A": "a", "E": "e", "P": "p"})
    assert zone.loc["tangibles", "adequate"] == 4.5


def test_messages_name_the_files_columns():
    odd = pd.DataFrame({"exp_1": [7, 7], "perc_1": [6, None], "exp_2": [5, 6], "perc_2": [4, 7]})
    cols = {"E": "exp_", "P": "perc_"}
    with pytest.raises(InputError, match="survey column perc_1 is blank in row 1"):
        servqual.dimension_scores(odd, items=ONE, columns=cols)
    with pytest.raises(InputError, match=r"no column exp_3 \(E3\), perc_3 \(P3\)"):
        servqual.dimension_scores(odd, items={"tangibles": [1, 2, 3]}, columns=cols)
    with pytest.raises(InputError, match=r"answers to items 3 \(columns such as exp_3\)"):
        servqual.dimension_scores(odd.assign(exp_3=[1, 1], perc_3=[1, 1]), items=ONE, columns=cols)


def test_numbered_columns_are_suggested_as_a_mapping():
    survey = pd.DataFrame({"e1": [7], "e2": [6], "s1": [5], "s2": [4], "age": [30]})
    with pytest.raises(InputError, match=r"numbered columns are e1-e2, s1-s2.*columns=\{'E': 'e', 'P': 's'\}"):
        servqual.dimension_scores(survey, items=ONE)


@pytest.mark.parametrize("columns, error, message", [
    (["E", "exp_"], TypeError, "columns must be a mapping"),
    ({"E": ""}, TypeError, r"columns\['E'\] must be the text in front of the item number"),
    ({"E": "x{name}"}, InputError, r"columns\['E'\] = 'x\{name\}' is not a usable pattern"),
    ({"E": "x{}{}"}, InputError, "is not a usable pattern"),
    ({"clean": "Q1"}, InputError, "columns maps 'clean' to 'Q1'; map the file's columns to item names"),
    ({"nope": "E1"}, InputError, "columns names 'nope', which the survey does not have"),
    ({"P1": "E1"}, InputError, "the survey already has a column E1"),
    ({"E": "P"}, InputError, "column P1 would answer more than one item"),
])
def test_bad_columns(columns, error, message):
    with pytest.raises(error, match=message):
        servqual.dimension_scores(_plain(), items=ONE, columns=columns)


def test_two_columns_for_one_item():
    named = _plain().rename(columns={"E1": "a", "E2": "b"})
    with pytest.raises(InputError, match="columns maps both 'a' and 'b' to E1"):
        servqual.dimension_scores(named, items=ONE, columns={"a": "E1", "b": "E1"})


# --- dropna="pairwise" ------------------------------------------------------------------------------


def _gappy() -> pd.DataFrame:
    return pd.DataFrame({"E1": [7, 6, None], "P1": [5, 4, 6], "E2": [6, None, 5], "P2": [4, 5, None],
                         "branch": ["N", "N", "S"]})


def test_pairwise_dimension_scores_by_hand():
    scores = servqual.dimension_scores(_gappy(), items=ONE, dropna="pairwise")
    # item means: E1 (7 + 6) / 2 = 6.5, E2 (6 + 5) / 2 = 5.5 -> 6.0 ; P1 5, P2 4.5 -> 4.75
    assert scores.loc["tangibles"].tolist() == [6.0, 4.75, -1.25]
    listwise = servqual.dimension_scores(_gappy(), items=ONE, dropna=True)  # row 0 only
    assert listwise.loc["tangibles"].tolist() == [6.5, 4.5, -2.0]
    assert servqual.servqual_score(_gappy(), items=ONE, dropna="pairwise") == -1.25


def test_pairwise_per_respondent_and_per_item_by_hand():
    gaps = servqual.item_gaps(_gappy(), items=ONE, dropna="pairwise")
    np.testing.assert_array_equal(gaps.to_numpy(), [[-2, -2], [-2, np.nan], [np.nan, np.nan]])
    per = servqual.respondent_gaps(_gappy(), items=ONE, dropna="pairwise")
    # row 1: only item 1 has both answers (4 - 6); row 2 has no complete pair: NaN
    np.testing.assert_array_equal(per["tangibles"].to_numpy(), [-2, -2, np.nan])
    seen = servqual.respondent_gaps(_gappy(), items=ONE, dropna="pairwise", value="perception")
    assert seen["tangibles"].tolist() == [4.5, 4.5, 6.0]


def test_pairwise_by_group_by_hand():
    by = servqual.dimension_scores_by(_gappy(), "branch", items=ONE, dropna="pairwise")
    # N: E1 6.5, E2 6 -> 6.25 ; P1 4.5, P2 4.5 -> 4.5 ; gap -1.75
    assert by.loc["N", "tangibles"] == -1.75
    # S answered no E1: its dimension has no mean (NaN), never a number from half the items
    assert np.isnan(by.loc["S", "tangibles"])
    assert by.index.name == "branch"


def test_pairwise_refusals_and_checks():
    with pytest.raises(InputError, match="SQ adds up the gaps of every item.*dropna=True"):
        servqual.seed_sq(_gappy(), items=ONE, dropna="pairwise")
    with pytest.raises(InputError, match="dropna must be False .*'pairwise'.*got 'listwise'"):
        servqual.dimension_scores(_gappy(), items=ONE, dropna="listwise")
    with pytest.raises(InputError, match="survey column P2 has a value outside the 1-7 scale: row 0 is 9"):
        servqual.dimension_scores(_gappy().assign(P2=[9, 5, None]), items=ONE, dropna="pairwise")
    with pytest.raises(InputError, match="survey column E2 has no answers at all"):
        servqual.dimension_scores(_gappy().assign(E2=None), items=ONE, dropna="pairwise")
    assert servqual.dimension_scores(_gappy(), items=ONE, dropna="Pairwise").loc["tangibles", "gap"] == -1.25


def test_inputs_not_modified():
    survey = _gappy()
    before = survey.copy()
    cols = {"E": "E", "P": "P"}
    servqual.dimension_scores(survey, items=ONE, dropna="pairwise", columns=cols)
    servqual.dimension_scores_by(survey, "branch", items=ONE, dropna="pairwise")
    servqual.respondent_gaps(survey, items=ONE, dropna="pairwise")
    servqual.dimension_scores(survey, items=ONE, dropna="pairwise", perceptions_only=True)
    pd.testing.assert_frame_equal(survey, before)
    assert cols == {"E": "E", "P": "P"}


# --- properties -------------------------------------------------------------------------------------

answer = st.one_of(st.integers(1, 7), st.none())


@settings(max_examples=30, deadline=None)
@given(rows=st.lists(st.lists(answer, min_size=6, max_size=6), min_size=3, max_size=8))
def test_pairwise_is_the_mean_of_the_item_means_pandas_would_give(rows):
    survey = pd.DataFrame(rows, columns=["E1", "E2", "E3", "P1", "P2", "P3"], dtype=float)
    if survey.isna().all().any():
        return  # an item nobody answered is refused (tested above)
    scores = servqual.dimension_scores(survey, items=TWO, dropna="pairwise")
    item_means = survey.mean()  # pandas skips blanks
    assert scores.loc["tangibles", "expectation"] == pytest.approx((item_means["E1"] + item_means["E2"]) / 2)
    assert scores.loc["reliability", "perception"] == pytest.approx(item_means["P3"])
    np.testing.assert_allclose(scores["gap"], scores["perception"] - scores["expectation"])
    if not survey.isna().any().any():  # complete answers: pairwise changes nothing
        pd.testing.assert_frame_equal(scores, servqual.dimension_scores(survey, items=TWO))


@settings(max_examples=20, deadline=None)
@given(rows=st.lists(st.lists(st.integers(1, 7), min_size=6, max_size=6), min_size=2, max_size=6),
       e=st.sampled_from(["exp_", "E_", "q{}e", "x{:03d}"]), p=st.sampled_from(["perc_", "P_", "q{}p"]))
def test_columns_give_the_same_scores_as_renaming(rows, e, p):
    plain = pd.DataFrame(rows, columns=["E1", "E2", "E3", "P1", "P2", "P3"])
    fmt = {"E": e if "{" in e else e + "{}", "P": p if "{" in p else p + "{}"}
    odd = plain.rename(columns=lambda c: fmt[c[0]].format(int(c[1:])))
    pd.testing.assert_frame_equal(servqual.dimension_scores(odd, items=TWO, columns={"E": e, "P": p}),
                                  servqual.dimension_scores(plain, items=TWO))
