"""Pins for cxlib.rater: behaviour the mutation run (make mutate) found no test holding."""

from __future__ import annotations

import pandas as pd
import pytest

from cxlib import InputError, rater

FACTORS = list(rater.FACTORS)
ALL_FOURS = {f: 4 for f in FACTORS}


def _survey(**columns) -> pd.DataFrame:
    return pd.DataFrame({f: [4, 4] for f in FACTORS}).assign(**columns)


def test_the_study_as_the_source_describes_it():
    # COURSE.md (seed 000): Forum Corporation, nearly ten years, about ten thousand service
    # staff and their customers, 14 industries
    assert (rater.STUDY["years"], rater.STUDY["service_staff"], rater.STUDY["industries"]) == (10, 10_000, 14)


@pytest.mark.parametrize("function", [rater.rater_index, rater.improvement_priority])
@pytest.mark.parametrize("value", [0, 6])
def test_default_scale_is_1_to_5_for_one_set_of_scores(function, value):
    with pytest.raises(InputError, match=rf"scores\['reliability'\] is {value}, outside the 1-5 scale"):
        function({**ALL_FOURS, "reliability": value})


@pytest.mark.parametrize("value", [0, 6])
def test_default_scale_is_1_to_5_for_a_survey(value):
    with pytest.raises(InputError, match=f"survey column reliability has a value outside the 1-5 scale: row 1 is {value}"):
        rater.rater_by(_survey(branch=["a", "b"], reliability=[4, value]))


def test_blank_answers_raise_unless_dropna():
    blank = _survey(branch=["a", "b"], reliability=[4, None])
    with pytest.raises(InputError, match="survey column reliability is blank in row 1"):
        rater.rater_by(blank)
    with pytest.raises(InputError, match="scores column reliability is blank in row 1"):
        rater.improvement_priority(blank.drop(columns="branch"))
    assert rater.rater_by(blank, dropna=True)["n"].to_dict() == {"a": 1}
    assert rater.improvement_priority(blank.drop(columns="branch"), dropna=True)["score"].tolist() == [4.0] * 5


def test_a_survey_without_the_factor_columns_names_what_it_has_up_to_twelve():
    other = pd.DataFrame({f"c{i}": [1] for i in range(14)})
    with pytest.raises(InputError, match=r"scores has no column reliability, assurance, tangibles, empathy, "
                                         r"responsiveness \(it has: c0, c1, .*, c10, c11\)\. RATER needs"):
        rater.rater_index(other)


def test_rater_by_refuses_a_list_and_blank_groups():
    with pytest.raises(TypeError, match="by must be one column name, got list"):
        rater.rater_by(_survey(branch=["a", "b"]), by=["branch"])
    with pytest.raises(InputError, match="survey column branch is blank in row 1"):
        rater.rater_by(_survey(branch=["a", None]))


def test_rater_by_ties_keep_the_groups_in_name_order():
    table = rater.rater_by(_survey(branch=["z", "a"]))
    assert list(table.index) == ["a", "z"] and table["index"].tolist() == [75.0, 75.0]


def test_gains_within_a_billionth_of_a_point_are_ties_in_rater_order():
    # assurance 4 - 4e-11 gains 2e-10 index points more than the others: noise, not a priority
    scores = {**ALL_FOURS, "assurance": 4 - 4e-11}
    assert list(rater.improvement_priority(scores).index) == FACTORS
    # a real difference (a thousandth of a point) does reorder
    assert rater.improvement_priority({**ALL_FOURS, "assurance": 3.999})["gain"].idxmax() == "assurance"


def test_columns_must_be_a_mapping_to_factors():
    with pytest.raises(TypeError, match=r"columns must map your column names to factor names.*; got list"):
        rater.rater_index(_survey(), columns=[("REL", "reliability")])
    with pytest.raises(InputError, match=r"columns names 'zz', which scores does not have \(it has: c0, .*, c11\)$"):
        rater.rater_index(pd.DataFrame({f"c{i}": [1] for i in range(14)}), columns={"zz": "reliability"})
