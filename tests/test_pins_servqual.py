"""Pins for cxlib.servqual: behaviour the mutation run (make mutate) found no test holding."""

from __future__ import annotations

import pandas as pd
import pytest

from cxlib import InputError, servqual

TWO_ITEMS = {"tangibles": [1, 2]}
SURVEY = pd.DataFrame({"A1": [4, 4, 3], "A2": [5, 5, 4], "E1": [7, 6, 6], "P1": [5, 6, 4], "E2": [6, 6, 5],
                       "P2": [6, 7, 5], "branch": ["x", "y", "y"]})
SURVEY_FUNCTIONS = [servqual.item_gaps, servqual.respondent_gaps, servqual.dimension_scores,
                    servqual.dimension_scores_by, servqual.weighted_gaps, servqual.servqual_score,
                    servqual.seed_sq, servqual.reliability_table, servqual.tolerance_zone]


@pytest.mark.parametrize("function", SURVEY_FUNCTIONS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("answer", [0, 8])
def test_default_scale_is_1_to_7(function, answer):
    """A 0 (or 8) on the default 1-7 scale is an error naming column, row and value."""
    with pytest.raises(InputError, match=f"survey column P1 has a value outside the 1-7 scale: row 1 is {answer}"):
        function(SURVEY.assign(P1=[5, answer, 4]), items=TWO_ITEMS)
    function(SURVEY.assign(P1=[1, 7, 4]), items=TWO_ITEMS)  # both ends of the scale are fine


@pytest.mark.parametrize("function", SURVEY_FUNCTIONS, ids=lambda f: f.__name__)
def test_blanks_raise_by_default_and_dropna_leaves_the_respondent_out(function):
    blank = SURVEY.assign(P1=[5, None, 4])
    with pytest.raises(InputError, match="survey column P1 is blank in row 1"):
        function(blank, items=TWO_ITEMS)
    assert function(blank, items=TWO_ITEMS, dropna=True) is not None


def test_missing_columns_message_counts_the_rest_and_names_the_roles():
    with pytest.raises(InputError, match=r"no column P1, E2, P2, E3, P3, E4, P4, E5 and 11 more, but items="):
        servqual.item_gaps(pd.DataFrame({"E1": [7]}), items={"t": list(range(1, 11))})
    with pytest.raises(InputError, match=r"no column E2, P2, E3, P3, E4, P4, E5, P5, but items="):  # exactly 8
        servqual.item_gaps(pd.DataFrame({"E1": [7], "P1": [7]}), items={"t": [1, 2, 3, 4, 5]})
    with pytest.raises(InputError, match=r"no column P1, E2, P2, E3, P3, E4, P4, E5 and 1 more, but items="):  # 9
        servqual.item_gaps(pd.DataFrame({"E1": [7]}), items={"t": [1, 2, 3, 4, 5]})
    with pytest.raises(InputError, match=r"each item needs an adequate \(A\), expectation \(E\) and perception \(P\) "
                                         r"column named like A1\."):
        servqual.tolerance_zone(pd.DataFrame({"E1": [7], "P1": [5]}), items={"t": [1]})


def _answers_to(numbers) -> pd.DataFrame:
    return pd.DataFrame({f"{p}{n}": [7] for n in numbers for p in "EP"})


def test_unlisted_items_are_shown_up_to_eight():
    with pytest.raises(InputError, match=r"answers to items 2, 3, 4, 5, 6, 7, 8, 9 \.\.\. \(columns such as E2\)"):
        servqual.item_gaps(_answers_to(range(1, 11)), items={"t": [1]})  # 9 unlisted
    with pytest.raises(InputError, match=r"answers to items 2, 3, 4, 5, 6, 7, 8, 9 \(columns such as E2\)"):
        servqual.item_gaps(_answers_to(range(1, 10)), items={"t": [1]})  # exactly 8


def test_type_errors_name_the_argument():
    with pytest.raises(TypeError, match="by must be the name of one column, e.g. 'branch'; got list"):
        servqual.dimension_scores_by(SURVEY, by=["branch"], items=TWO_ITEMS)
    with pytest.raises(TypeError, match="importance must be a mapping or Series attribute -> number, got list"):
        servqual.importance_performance([1], {"a": 1})
    with pytest.raises(TypeError, match="performance must be a mapping or Series dimension -> number, got list"):
        servqual.importance_performance({"a": 1}, [1])
    with pytest.raises(TypeError, match="adequate must be a mapping or Series dimension -> score, got list"):
        servqual.tolerance_zone([1], [2], [3])


@pytest.mark.parametrize("desired, perceived", [({"t": 2}, None), (None, {"t": 2})])
def test_tolerance_zone_needs_all_three_mappings(desired, perceived):
    with pytest.raises(TypeError, match="tolerance_zone needs adequate, desired and perceived"):
        servqual.tolerance_zone({"t": 1}, desired, perceived)


@pytest.mark.parametrize("desired, perceived", [({"tangibles": 6}, None), (None, {"tangibles": 6})])
def test_tolerance_zone_refuses_a_survey_mixed_with_mappings(desired, perceived):
    with pytest.raises(TypeError, match="give either one survey with A, E and P columns, or three mappings"):
        servqual.tolerance_zone(SURVEY, desired, perceived, items=TWO_ITEMS)


def test_alpha_with_two_respondents():
    # var(a) = 0.5, var(b) = 2, totals 2 and 5: var 4.5; alpha = 2 * (1 - 2.5 / 4.5) = 8/9
    assert servqual.cronbach_alpha(pd.DataFrame({"a": [1, 2], "b": [1, 3]})) == pytest.approx(8 / 9)
    with pytest.raises(InputError, match="needs at least 2 respondents \\(rows\\); got 1"):
        servqual.cronbach_alpha(pd.DataFrame({"a": [1], "b": [1]}))


def test_alpha_with_small_and_near_zero_variance():
    # total variance 0.5 (below 1) is still a variance: alpha 1 for two identical items
    assert servqual.cronbach_alpha(pd.DataFrame({"a": [1, 1.5], "b": [1, 1.5]})) == pytest.approx(1.0)
    # alpha does not depend on the unit: the doctest's items shrunk a million times give 0.75 too
    tiny = 7 + 1e-6 * pd.DataFrame({"P5": [3, 2, 1], "P6": [3, 4, 1]})
    assert servqual.cronbach_alpha(tiny) == pytest.approx(0.75, abs=1e-6)


def test_alpha_is_undefined_when_totals_never_vary_even_if_items_do():
    with pytest.raises(InputError, match="every respondent has the same total score, so alpha is undefined"):
        servqual.cronbach_alpha(pd.DataFrame({"a": [1, 2], "b": [2, 1]}))
    table = servqual.reliability_table(pd.DataFrame({"E1": [1, 2], "E2": [2, 1], "P1": [1, 2], "P2": [1, 3]}),
                                       items=TWO_ITEMS)
    assert pd.isna(table.loc["tangibles", "alpha_expectation"])
    assert table.loc["tangibles", "alpha_perception"] == pytest.approx(8 / 9)


def test_importance_cut_is_the_first_of_cuts():
    importance = {"a": 30, "b": 20, "c": 10}
    performance = {"a": 1.0, "b": -1.0, "c": 1.0}
    # importance cut 20 (b is on the cut: high), performance cut 0
    table = servqual.importance_performance(importance, performance, cuts=(20, 0))
    assert table["quadrant"].tolist() == ["keep up the good work", "concentrate here", "possible overkill"]
    assert table.attrs["cuts"] == (20.0, 0.0)
    # the same data cut at importance 25: b drops to low importance
    table = servqual.importance_performance(importance, performance, cuts=(25, 0))
    assert table["quadrant"].tolist() == ["keep up the good work", "low priority", "possible overkill"]


def test_importance_cut_defaults_to_the_means():
    # mean importance 20 (b on it counts as high), mean performance (1 - 1 - 0.5) / 3 = -1/6
    table = servqual.importance_performance({"a": 30, "b": 20, "c": 10}, {"a": 1.0, "b": -1.0, "c": -0.5})
    assert table.attrs["cuts"] == (20.0, pytest.approx(-1 / 6))
    assert table["quadrant"].tolist() == ["keep up the good work", "concentrate here", "low priority"]


# --- columns=, pairwise blanks, standardized alpha and segments (added upstream) -------------


def test_unusable_column_patterns_are_named_as_written():
    survey = pd.DataFrame({"E1": [1], "P1": [1]})
    for pattern in ("q{", "q}"):
        with pytest.raises(InputError, match=rf"columns\['E'\] = '{pattern}' is not a usable pattern"):
            servqual.dimension_scores(survey, items={"t": [1]}, columns={"E": pattern})


def test_a_renamed_column_the_survey_lacks_is_named_with_up_to_twelve_columns():
    with pytest.raises(InputError, match=r"columns names 'zz', which the survey does not have "
                                         r"\(it has: c0, c1, .*, c11, \.\.\.\)$"):
        servqual.dimension_scores(pd.DataFrame({f"c{i}": [1] for i in range(13)}), items={"t": [1]},
                                  columns={"zz": "E1"})
    with pytest.raises(InputError, match=r"\(it has: c0, c1, .*, c11\)$"):  # exactly twelve: no "..."
        servqual.dimension_scores(pd.DataFrame({f"c{i}": [1] for i in range(12)}), items={"t": [1]},
                                  columns={"zz": "E1"})


def test_renamed_items_count_under_their_own_prefix():
    # E2 is renamed from column c: the unlisted item is E2, shown by its column's own name
    survey = pd.DataFrame({"a": [1], "b": [2], "c": [3]})
    with pytest.raises(InputError, match=r"answers to items 2 \(columns such as c\)"):
        servqual.dimension_scores(survey, items={"t": [1]}, columns={"a": "E1", "b": "P1", "c": "E2"})


def test_a_column_answering_two_items_is_the_one_named():
    survey = pd.DataFrame({"E1": [1], "P1": [2], "P2": [3]})  # E2 is mapped onto P2, which is P2 too
    with pytest.raises(InputError, match="column P2 would answer more than one item; check columns="):
        servqual.dimension_scores(survey, items={"t": [1, 2]}, columns={"P2": "E2"})


def test_the_numbered_columns_hint_lists_the_largest_families_first():
    columns = ["b09", "b10", "b11", "qq1", "qq2", "qq3", "a5", "a6", "c1", "c2", "m1", "m2"]
    survey = pd.DataFrame({c: [1] for c in columns})
    with pytest.raises(InputError, match=r"Its numbered columns are b09-b11, qq1-qq3, a5-a6, c1-c2: if those are "
                                         r"your items, say which holds which, e.g\. columns=\{'E': 'b\{:02d\}', "
                                         r"'P': 'qq'\}\."):
        servqual.dimension_scores(survey, items={"t": [1]})
    with pytest.raises(InputError, match=r"averages its P items per dimension\)\. Rename the columns"):
        servqual.dimension_scores(pd.DataFrame({"x": [1], "y": [2]}), items={"t": [1]})  # no family: no hint


GAPPY = pd.DataFrame({"E1": [7, 6, 5, 6], "P1": [5, None, 6, 4], "E2": [6, 6, None, 5], "P2": [6, 7, 5, 5],
                      "branch": ["W", "E", None, "W"]})


@pytest.mark.parametrize("value, expected", [
    ("perception", {"E": float("nan"), "W": 5.0}),   # W: P1 (5, 4) 4.5, P2 (6, 5) 5.5; E answered no P1
    ("expectation", {"E": 6.0, "W": 6.0}),           # W: E1 (7, 6) 6.5, E2 (6, 5) 5.5
    ("gap", {"E": float("nan"), "W": -1.0}),
])
def test_pairwise_scores_by_group_leave_out_a_blank_group_and_sort(value, expected):
    table = servqual.dimension_scores_by(GAPPY, "branch", items=TWO_ITEMS, dropna="pairwise", value=value)
    assert list(table.index) == ["E", "W"] and table.index.name == "branch"
    pd.testing.assert_series_equal(table["tangibles"], pd.Series(expected, name="tangibles").rename_axis("branch"),
                                   check_index_type=False)
    with pytest.raises(InputError, match="value must be one of gap, expectation, perception; got 'x'"):
        servqual.dimension_scores_by(GAPPY, "branch", items=TWO_ITEMS, dropna="pairwise", value="x")


def test_pairwise_blanks_in_a_column_of_objects_read_like_numbers():
    numbers = GAPPY.drop(columns="branch").iloc[:2]
    as_objects = numbers.astype(object).where(numbers.notna(), None)
    pd.testing.assert_frame_equal(servqual.dimension_scores(as_objects, items=TWO_ITEMS, dropna="pairwise"),
                                  servqual.dimension_scores(numbers, items=TWO_ITEMS, dropna="pairwise"))


def test_reliability_table_alpha_columns_stay_numbers_for_single_item_dimensions():
    survey = pd.DataFrame({"E1": [1, 2, 3], "P1": [1, 2, 2]})
    table = servqual.reliability_table(survey, items={"t": [1]})
    assert table["alpha_perception"].dtype == float and table["alpha_perception"].isna().all()


def test_standardized_alpha_names_the_item_that_never_varies():
    with pytest.raises(InputError, match=r"item b never varies \(every answer is 2\), so its correlation"):
        servqual.cronbach_alpha(pd.DataFrame({"a": [1, 2, 3], "b": [2, 2, 2]}), standardized=True)
    # items that vary but cancel out (correlation -1) blame the totals, not an item
    with pytest.raises(InputError, match="every respondent has the same total score"):
        servqual.cronbach_alpha(pd.DataFrame({"a": [1, 2, 3], "b": [3, 2, 1]}), standardized=True)


SEGMENTS = pd.DataFrame({"E1": [7] * 19, "P1": [4, 5, 4, 5, 6, 7, 6, 6, 5, 5] + [6, 6, 7, 5, 6, 6, 7, 6, 6],
                         "branch": ["West"] * 10 + ["East"] * 9})


@pytest.mark.parametrize("dropna", [False, "pairwise"])
def test_segment_rows_match_each_segment_on_its_own(dropna):
    table = servqual.segment_gaps(SEGMENTS, "branch", items={"speed": [1]}, dropna=dropna)
    assert list(table.index.get_level_values("branch")) == ["East", "West"]
    for branch in ("East", "West"):
        alone = servqual.gap_intervals(SEGMENTS[SEGMENTS["branch"] == branch], items={"speed": [1]})
        row = table.loc[(branch, "speed")]
        assert row["n"] == alone.loc["speed", "n"]
        assert [row["gap"], row["low"], row["high"]] == pytest.approx(alone.loc["speed", ["gap", "low", "high"]].tolist())
    assert table.loc[("West", "speed"), "gap"] == pytest.approx(-1.7)   # gaps -3 -2 -3 -2 -1 0 -1 -1 -2 -2
    assert table.loc[("East", "speed"), "rest_gap"] == pytest.approx(-1.7)
    assert table["small"].tolist() == [True, False]  # 9 respondents are few; 10 are enough by default


def test_segment_with_a_blank_group_raises_unless_left_out():
    blank = pd.concat([SEGMENTS, pd.DataFrame({"E1": [7], "P1": [1], "branch": [None]})], ignore_index=True)
    with pytest.raises(InputError, match="survey column branch is blank in row 19"):
        servqual.segment_gaps(blank, "branch", items={"speed": [1]})
    for dropna in (True, "pairwise"):
        table = servqual.segment_gaps(blank, "branch", items={"speed": [1]}, dropna=dropna)
        assert table["n"].tolist() == [9, 10]
    with pytest.raises(TypeError, match="by must be the name of one column"):
        servqual.segment_gaps(SEGMENTS, ["branch"], items={"speed": [1]})


def test_pairwise_segments_count_only_the_dimensions_a_respondent_answered():
    # respondent 0 answered no item of "look": it must not count there as a gap of 0
    survey = SEGMENTS.assign(E2=[None] + [6] * 18, P2=[None] + [5] * 18)
    table = servqual.segment_gaps(survey, "branch", items={"speed": [1], "look": [2]}, dropna="pairwise")
    assert table.loc[("West", "look"), "n"] == 9 and table.loc[("West", "look"), "gap"] == pytest.approx(-1.0)


def test_one_role_alone_is_named_with_its_article():
    with pytest.raises(InputError, match=r"survey has no column P1, but items= lists those items: each item needs a "
                                         r"perception \(P\) column named like P1\."):
        servqual.respondent_gaps(pd.DataFrame({"E1": [1]}), items={"t": [1]}, value="perception")
