"""Bad input across every public function that takes a table: one table of cases, one rule.

Each case is a call with one thing wrong. It must raise our InputError (or a TypeError for
the wrong kind of object) whose message names what is wrong -- the column, the row, the
value -- never a KeyError or shape error from deep inside pandas, and never a result.
"""

from __future__ import annotations

import re
import warnings

import numpy as np
import pandas as pd
import pytest

from cxlib import complaints, gaps, measure, rater, report, servqual, triangle, uncertainty
from cxlib._validate import InputError

ITEMS = {"speed": [1], "care": [2]}


def survey() -> pd.DataFrame:
    return pd.DataFrame({"E1": [7, 6, 5, 6], "P1": [6, 6, 4, 5], "E2": [5, 6, 7, 6], "P2": [5, 7, 6, 6],
                         "A1": [4, 4, 3, 4], "A2": [4, 5, 5, 4], "branch": ["N", "S", "N", "S"]})


def ratings() -> pd.DataFrame:
    return pd.DataFrame({"staff": [5, 4, 2, 1, 3, 4], "food": [4, 5, 1, 2, 3, 3], "wifi": [3, 4, 2, 3, 5, 4],
                         "overall": [9, 7, 4, 3, 6, 7]})


def rater_frame() -> pd.DataFrame:
    return pd.DataFrame({f: [4, 3, 5] for f in rater.FACTORS} | {"branch": ["A", "B", "A"]})


def audit() -> pd.DataFrame:
    return pd.DataFrame({level: [6.0, 5.0] for level in gaps.LEVELS}, index=["speed", "care"])


def indicator_table() -> pd.DataFrame:
    return pd.DataFrame({"customers": [400, 380], "praised": [150, 120], "named_brand": [90, 80],
                         "bought_again": [260, 250], "complained": [12, 20]}, index=["2024-01", "2024-02"])


def log() -> pd.DataFrame:
    return pd.DataFrame({"cause": ["quality", "service", "quality"],
                         "escalation_level": ["front_line", "vice_president", "front_line"]})


def grades() -> pd.DataFrame:
    return pd.DataFrame({"staff": ["good", "fair", "good"], "wifi": ["poor", "fair", "good"]})


def tickets() -> pd.DataFrame:
    return pd.DataFrame({"severity": ["ordinary", "major"], "reported_at": ["2024-07-01 08:00", "2024-07-01 09:00"],
                         "responded_at": ["2024-07-01 09:00", "2024-07-01 10:00"],
                         "fixed_at": ["2024-07-01 12:00", "2024-07-02 10:00"]})


def twice(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """The same table with ``column`` a second time (as pd.concat or a spreadsheet export can give)."""
    return pd.concat([frame, frame[[column]]], axis=1)


def with_value(frame: pd.DataFrame, column: str, row: int, value, index=None) -> pd.DataFrame:
    out = frame.astype({column: object}).copy()
    out.iloc[row, out.columns.get_loc(column)] = value
    return out if index is None else out.set_axis(index)


SURVEY_FUNCTIONS = {
    "item_gaps": lambda s: servqual.item_gaps(s, ITEMS),
    "respondent_gaps": lambda s: servqual.respondent_gaps(s, ITEMS),
    "dimension_scores": lambda s: servqual.dimension_scores(s, ITEMS),
    "dimension_scores_by": lambda s: servqual.dimension_scores_by(s, "branch", ITEMS),
    "servqual_score": lambda s: servqual.servqual_score(s, items=ITEMS),
    "seed_sq": lambda s: servqual.seed_sq(s, items=ITEMS),
    "reliability_table": lambda s: servqual.reliability_table(s, {"both": [1, 2]}),
    "tolerance_zone": lambda s: servqual.tolerance_zone(s, items=ITEMS),
    "gap_intervals": lambda s: servqual.gap_intervals(s, ITEMS),
    "segment_gaps": lambda s: servqual.segment_gaps(s, "branch", ITEMS),
    "report": lambda s: report.report(s, items=ITEMS, figures=False),
    "dissatisfied": lambda s: report.dissatisfied(s, ITEMS),
}

# (name, call, what makes it bad) -> (exception, message pattern)
CASES = []


def case(name, call, error, pattern):
    CASES.append(pytest.param(call, error, pattern, id=name))


for fname, fn in SURVEY_FUNCTIONS.items():
    e1, e2 = ("P1", "P2") if fname == "dissatisfied" else ("E1", "E2")  # the rule reads A and P, not E
    case(f"{fname}: a repeated column", lambda fn=fn: fn(twice(survey(), "P2")), InputError,
         r"more than one column named P2 \(columns 4 and 8")
    case(f"{fname}: text in a score", lambda fn=fn: fn(with_value(survey(), "P1", 2, "good")), InputError,
         r"column P1 is not numeric: row 2 is 'good'")
    case(f"{fname}: off the scale, repeated labels", lambda fn=fn, c=e2: fn(with_value(survey(), c, 2, 9, [0, 1, 0, 1])),
         InputError, rf"column {e2} has a value outside the 1-7 scale: row at position 2 \(label 0\) is 9")
    case(f"{fname}: a blank", lambda fn=fn, c=e1: fn(with_value(survey(), c, 3, None)), InputError,
         rf"column {e1} is blank in row 3\. Fill the blanks, or pass dropna=True")
    case(f"{fname}: not a table", lambda fn=fn: fn([[7, 6]]), TypeError, r"(survey|DataFrame|adequate)")
    case(f"{fname}: no rows", lambda fn=fn: fn(survey().iloc[:0]), InputError, r"survey is empty: it has no rows")

OTHER = [
    # RATER
    ("rater_index: repeated column", lambda: rater.rater_index(twice(rater_frame(), "empathy")), InputError,
     r"scores has more than one column named empathy"),
    ("rater_index: text", lambda: rater.rater_index(with_value(rater_frame(), "tangibles", 1, "x")), InputError,
     r"scores column tangibles is not numeric: row 1 is 'x'"),
    ("rater_index: repeated labels", lambda: rater.rater_index(with_value(rater_frame(), "tangibles", 2, 9, [0, 0, 1])),
     InputError, r"row at position 2 \(label 1\) is 9"),
    ("improvement_priority: repeated column", lambda: rater.improvement_priority(twice(rater_frame(), "assurance")),
     InputError, r"more than one column named assurance"),
    ("rater_by: repeated column", lambda: rater.rater_by(twice(rater_frame(), "branch")), InputError,
     r"more than one column named branch"),
    ("rater_by: blank group, repeated labels",
     lambda: rater.rater_by(with_value(rater_frame(), "branch", 2, None, [5, 5, 5])), InputError,
     r"column branch is blank in row at position 2 \(label 5\)"),
    # measuring
    ("survey_index: repeated column", lambda: measure.survey_index(twice(ratings()[["staff", "food"]], "food")),
     InputError, r"more than one column named food"),
    ("survey_index: blank",
     lambda: measure.survey_index(with_value(ratings()[["staff", "food"]], "food", 1, None)), InputError,
     r"survey column food is blank in row 1\. Fill the blanks, or pass dropna=True"),
    ("first_component: repeated column", lambda: measure.first_component(twice(ratings(), "wifi")), InputError,
     r"ratings has more than one column named wifi"),
    ("driver_weights: repeated column", lambda: measure.driver_weights(twice(ratings(), "staff"), "overall"),
     InputError, r"ratings has more than one column named staff"),
    ("driver_weights: repeated target", lambda: measure.driver_weights(twice(ratings(), "overall"), "overall"),
     InputError, r"ratings has more than one column named overall"),
    ("membership_matrix: repeated column", lambda: measure.membership_matrix(twice(grades(), "wifi"),
                                                                            ["good", "fair", "poor"]),
     InputError, r"survey has more than one column named wifi"),
    ("membership_matrix: unknown grade, repeated labels",
     lambda: measure.membership_matrix(with_value(grades(), "wifi", 2, "great", [7, 8, 7]), ["good", "fair", "poor"]),
     InputError, r"column wifi has answers that are not grades: row at position 2 \(label 7\) is 'great'"),
    ("fuzzy_evaluate: repeated grade column",
     lambda: measure.fuzzy_evaluate({"a": 1}, pd.DataFrame([[0.5, 0.5, 0.0]], columns=["good", "fair", "good"],
                                                           index=["a"])),
     InputError, r"membership matrix has more than one column named good"),
    ("indicators: repeated column", lambda: measure.indicators(twice(indicator_table(), "praised")), InputError,
     r"indicator table has more than one column named praised"),
    ("indicators: fractional people", lambda: measure.indicators(indicator_table().assign(praised=[150.5, 120])),
     InputError, r"praised counts people, so it must hold whole numbers: row 2024-01 is 150\.5"),
    ("indicators: blank offers no dropna it lacks",
     lambda: measure.indicators(with_value(indicator_table(), "complained", 1, None)), InputError,
     r"blank in row 2024-02\. Fill the blanks\.$"),
    ("complaint_rate: fractional people", lambda: measure.complaint_rate(2.5, 40), InputError,
     r"complained counts people, so it must be a whole number, got 2\.5"),
    # gaps
    ("gaps.measure: repeated column", lambda: gaps.measure(twice(audit(), "standard")), InputError,
     r"gap audit has more than one column named standard"),
    ("gaps.measure: blank offers no dropna it lacks", lambda: gaps.measure(with_value(audit(), "standard", 1, None)),
     InputError, r"gap audit column standard is blank in row care\. Fill the blanks\.$"),
    ("gaps.priority: repeated column",
     lambda: gaps.priority(twice(gaps.measure(audit()), "gap3")), InputError, r"gaps has more than one column named gap3"),
    ("sla_breaches: repeated column", lambda: gaps.sla_breaches(twice(tickets(), "fixed_at")), InputError,
     r"tickets has more than one column named fixed_at"),
    ("sla_breaches: bad stamp, repeated labels",
     lambda: gaps.sla_breaches(with_value(tickets(), "fixed_at", 1, "soon", [3, 3])), InputError,
     r"tickets column fixed_at is not a date-time: row at position 1 \(label 3\) is 'soon'"),
    # complaints
    ("cause_pareto: repeated column", lambda: complaints.cause_pareto(twice(log(), "cause")), InputError,
     r"complaint log has more than one column named cause"),
    ("cause_pareto: blank, repeated labels", lambda: complaints.cause_pareto(with_value(log(), "cause", 2, None, [1, 2, 1])),
     InputError, r"column cause is blank in row at position 2 \(label 1\)"),
    ("escalation_summary: repeated column", lambda: complaints.escalation_summary(twice(log(), "escalation_level")),
     InputError, r"complaint log has more than one column named escalation_level"),
    ("iceberg: fractional customers", lambda: complaints.iceberg(1000.5), InputError,
     r"customers counts people, so it must be a whole number, got 1000\.5"),
    ("iceberg: a share above 1 is not called a percentage", lambda: complaints.iceberg(1000, silent=1.5),
     InputError, r"silent must be a share between 0 and 1, got 1\.5 \(a share is a fraction of the whole"),
    # triangle
    ("satisfaction: misaligned Series",
     lambda: triangle.satisfaction(pd.Series([8, 7], index=["a", "b"]), pd.Series([7, 7], index=["b", "c"])),
     InputError, r"different row labels \(experience: a, b; expectation: b, c\)"),
    ("satisfaction: Series against a longer array",
     lambda: triangle.satisfaction(pd.Series([8, 7]), np.array([7, 7, 7])), InputError,
     r"experience has 2 values but expectation has 3"),
    # uncertainty
    ("mean_ci: one answer", lambda: uncertainty.mean_ci([5]), InputError, r"at least 2 answers"),
    ("mean_ci: text", lambda: uncertainty.mean_ci(pd.Series([5, "x"])), InputError,
     r"values is not numeric: row 1 is 'x'"),
    ("proportion_ci: fractional people", lambda: uncertainty.proportion_ci(2.5, 10), InputError,
     r"successes counts people"),
    ("mean_ci: level as a percentage", lambda: uncertainty.mean_ci([1, 2, 3], level=95), InputError,
     r"level must be a confidence level between 0\.5 and 1, such as 0\.95; got 95"),
    # the report's own arguments
    ("report: one respondent", lambda: report.report(survey().head(1), items=ITEMS, figures=False), InputError,
     r"survey has 1 usable respondent; a report needs at least 2"),
    ("report: fractional customers", lambda: report.report(survey(), items=ITEMS, customers=10.5, figures=False),
     InputError, r"customers counts people"),
]
for name, call, error, pattern in OTHER:
    case(name, call, error, pattern)


@pytest.mark.parametrize("call, error, pattern", CASES)
def test_bad_input_gets_a_clear_message(call, error, pattern):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # cause_pareto's merge notice is not the point here
        with pytest.raises(Exception) as caught:
            call()
    assert type(caught.value) is error or (error is InputError and isinstance(caught.value, InputError)), (
        f"{type(caught.value).__name__}: {caught.value}")
    assert re.search(pattern, str(caught.value)), str(caught.value)


def test_every_public_survey_function_is_in_the_table():
    # a new public servqual function that takes a survey must join SURVEY_FUNCTIONS
    takes_survey = {name for name in servqual.__all__ if callable(getattr(servqual, name))
                    and "survey" in getattr(servqual, name).__code__.co_varnames[:1]}
    assert takes_survey <= set(SURVEY_FUNCTIONS), takes_survey - set(SURVEY_FUNCTIONS)


def test_no_input_is_modified_by_a_failing_call():
    frame = with_value(survey(), "E2", 2, 9, [0, 1, 0, 1])
    before = frame.copy(deep=True)
    for name, fn in SURVEY_FUNCTIONS.items():
        if name != "dissatisfied":  # reads A and P only
            with pytest.raises(InputError):
                fn(frame)
    pd.testing.assert_frame_equal(frame, before)
