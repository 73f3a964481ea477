"""report(): a whole SERVQUAL survey to a one-page recommendation (lesson 08).

The hand-checked survey has 2 dimensions x 2 items ("speed" = items 1-2, "care" = items 3-4)
and 4 respondents; every answer is chosen so the arithmetic fits in a comment.
"""

from __future__ import annotations

import html
import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from cxlib import complaints, data, gaps, servqual
from cxlib._validate import InputError
from cxlib.data import read_survey
from cxlib.report import Report, report

ITEMS = {"speed": [1, 2], "care": [3, 4]}


@pytest.fixture
def tiny() -> pd.DataFrame:
    # respondent:        0  1  2  3
    # speed E (E1 = E2): 6  6  7  7   mean 6.5
    # speed P (P1 = P2): 4  5  5  6   mean 5.0   -> gap -1.5
    # care  E (E3 = E4): 5  5  4  4   mean 4.5
    # care  P (P3 = P4): 5  6  4  5   mean 5.0   -> gap +0.5
    # per respondent, mean of (speed gap, care gap): (-2+0)/2=-1, (-1+1)/2=0, (-2+0)/2=-1, (-1+1)/2=0
    #   -> 2 of 4 below zero: dissatisfied share 0.5
    # importance points speed/care: 60/40, 80/20, 70/30, 70/30 -> means 70 / 30
    # branch: South rows 0, 2 (speed gaps -2, -2); North rows 1, 3 (speed gaps -1, -1)
    return pd.DataFrame({
        "E1": [6, 6, 7, 7], "E2": [6, 6, 7, 7], "E3": [5, 5, 4, 4], "E4": [5, 5, 4, 4],
        "P1": [4, 5, 5, 6], "P2": [4, 5, 5, 6], "P3": [5, 6, 4, 5], "P4": [5, 6, 4, 5],
        "imp_speed": [60, 80, 70, 70], "imp_care": [40, 20, 30, 30],
        "branch": ["South", "North", "South", "North"], "channel": ["app", "app", "phone", "phone"],
    })


@pytest.fixture
def audit() -> pd.DataFrame:
    # speed: gap1 6.4-6.5=-0.1, gap2 6.3-6.4=-0.1, gap3 6.0-6.3=-0.3, gap4 6.0-6.8=-0.8 -> close gap 4
    # care:  gap1 4.0-4.5=-0.5, gap2 0, gap3 0, gap4 0                                -> close gap 1
    return pd.DataFrame({
        "dimension": ["speed", "care"], "expectation": [6.5, 4.5], "management_perception": [6.4, 4.0],
        "standard": [6.3, 4.0], "delivered": [6.0, 4.0], "promised": [6.8, 4.0], "perceived": [5.0, 5.0],
    })


def run(survey, **kwargs) -> Report:
    kwargs.setdefault("items", ITEMS)
    kwargs.setdefault("figures", False)
    return report(survey, **kwargs)


# --- the numbers --------------------------------------------------------------------------------


def test_scores_by_hand_and_equal_to_servqual(tiny):
    r = run(tiny)
    assert r.scores.loc["speed", "gap"] == pytest.approx(-1.5)
    assert r.scores.loc["care", "gap"] == pytest.approx(0.5)
    pd.testing.assert_frame_equal(r.scores, servqual.dimension_scores(tiny, ITEMS))
    assert r.score == pytest.approx((-1.5 + 0.5) / 2)  # unweighted: mean of the dimension gaps
    assert r.respondents == 4


def test_importance_columns_are_the_weights(tiny):
    r = run(tiny)
    # mean points 70 / 30 -> weights 0.7 / 0.3; score 0.7 * -1.5 + 0.3 * 0.5 = -0.9
    assert r.weights.to_dict() == pytest.approx({"speed": 0.7, "care": 0.3})
    assert r.weighted_score == pytest.approx(-0.9)
    assert r.contributions.to_dict() == pytest.approx({"speed": -1.05, "care": 0.15})
    assert r.contributions.sum() == pytest.approx(r.weighted_score)
    assert "weighted by what customers value" in r.recommendations[0]


def test_without_importance_columns_weights_are_equal(tiny):
    r = run(tiny.drop(columns=["imp_speed", "imp_care"]))
    assert r.weights is None and r.weighted_score is None
    assert r.contributions.to_dict() == pytest.approx({"speed": -0.75, "care": 0.25})
    assert "weighted equally" in r.recommendations[0]


def test_given_weights_override_importance_columns(tiny):
    r = run(tiny, weights={"speed": 1, "care": 3})
    # 0.25 * -1.5 + 0.75 * 0.5 = -0.375 + 0.375 = 0
    assert r.weighted_score == pytest.approx(0.0)
    assert r.weights.to_dict() == pytest.approx({"speed": 0.25, "care": 0.75})


def test_priority_is_the_most_negative_weighted_contribution():
    # raw gaps: speed -1.0, care -1.5 (care is worse); weights 80 / 20:
    # contributions speed 0.8 * -1.0 = -0.8, care 0.2 * -1.5 = -0.3 -> speed comes first
    survey = pd.DataFrame({"E1": [6, 6], "E2": [6, 6], "P1": [5, 5], "P2": [5, 5],
                           "E3": [6, 6], "E4": [6, 6], "P3": [4, 5], "P4": [4, 5],
                           "imp_speed": [80, 80], "imp_care": [20, 20]})
    r = run(survey)
    assert r.scores["gap"].idxmin() == "care"
    assert r.priority == "speed"
    assert r.recommendations[0].startswith("Work on speed first")
    assert run(survey.drop(columns=["imp_speed", "imp_care"])).priority == "care"  # equal weights


def test_no_shortfall_says_so():
    survey = pd.DataFrame({"E1": [4, 5], "P1": [6, 6], "E3": [5, 5], "P3": [5, 6]})
    r = run(survey, items={"speed": [1], "care": [3]})
    assert r.priority == "care"  # the smallest lead: gap +0.5 against +1.5
    assert "meets or beats" in r.recommendations[0]


def test_iceberg_from_the_dissatisfied_share(tiny):
    r = run(tiny, customers=1000)
    assert r.dissatisfied_share == pytest.approx(0.5)
    # 1000 x 0.5 x 0.69 = 345 silent customers
    assert r.iceberg.loc["silent", "customers"] == pytest.approx(345)
    pd.testing.assert_frame_equal(r.iceberg, complaints.iceberg(1000, dissatisfied_share=0.5))
    assert "Among 1,000 customers that is about 500 dissatisfied" in r.recommendations[-1]
    assert "about 345 of them never complain" in r.recommendations[-1]
    assert run(tiny).iceberg.loc["dissatisfied", "customers"] == pytest.approx(2)  # default: respondents


# --- segments -----------------------------------------------------------------------------------


def test_segments_found_and_by_honoured(tiny):
    r = run(tiny)
    assert list(r.by_segment) == ["branch", "channel"]
    pd.testing.assert_frame_equal(r.by_segment["branch"], servqual.dimension_scores_by(tiny, "branch", ITEMS))
    # South: speed gaps -2, -2 -> -2.0; North: -1, -1 -> -1.0
    assert r.by_segment["branch"].loc[["South", "North"], "speed"].tolist() == pytest.approx([-2.0, -1.0])
    assert list(run(tiny, by="channel").by_segment) == ["channel"]  # one name, not its letters
    assert list(run(tiny, by=["channel", "branch"]).by_segment) == ["channel", "branch"]
    assert run(tiny, by=[]).by_segment == {}


def test_segment_recommendation_needs_enough_respondents(tiny):
    assert not any(r.startswith("By branch") for r in run(tiny).recommendations)  # 2 per branch: too few
    big = pd.concat([tiny] * 10, ignore_index=True)  # 20 per branch, same gaps
    recs = run(big).recommendations
    assert "By branch, South is furthest behind on speed: -2.00 against -1.50 overall (20 respondents)" in recs[1]
    assert not any(r.startswith("By channel") for r in recs)  # app and phone both -1.5: no outlier


# --- the 5GAP audit -----------------------------------------------------------------------------


def test_audit_gives_the_5gap_advice(tiny, audit):
    r = run(tiny, audit=audit)
    expected = gaps.measure(audit.set_index("dimension"))
    pd.testing.assert_frame_equal(r.audit_gaps, expected)
    advice = gaps.advice(expected.loc["speed"])
    assert "gap 4" in advice
    assert any(advice in line for line in r.recommendations)
    assert run(tiny, audit=audit.set_index("dimension")).recommendations == r.recommendations


def test_audit_without_the_priority_row(tiny, audit):
    r = run(tiny, audit=audit[audit["dimension"] == "care"])
    assert any("no row for speed" in line for line in r.recommendations)


def test_no_audit_asks_for_one(tiny):
    assert any(line.startswith("Run a 5GAP audit for speed") for line in run(tiny).recommendations)


# --- output -------------------------------------------------------------------------------------


def test_to_html_is_one_self_contained_file(tiny, audit, tmp_path):
    r = run(tiny, audit=audit, figures=True)
    out = r.to_html(tmp_path / "report.html")
    assert list(tmp_path.iterdir()) == [out]
    page = out.read_text(encoding="utf-8")
    assert page.count("data:image/png;base64,") == len(r.figures) == 4  # gaps, branch, channel, iceberg
    for line in r.recommendations:
        assert html.escape(line) in page
    assert not re.search(r"https?://|<link|<script|src=['\"](?!data:)", page)
    assert "<table" in page and "Service quality report" in page


def test_figures_false_skips_figures(tiny, tmp_path):
    r = run(tiny, figures=False)
    assert r.figures == {}
    page = r.to_html(tmp_path / "r.html").read_text(encoding="utf-8")
    assert "data:image/png" not in page and "Recommendations" in page
    assert "Recommendations" in r._repr_html_()


def test_to_html_into_a_missing_folder(tiny, tmp_path):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        run(tiny).to_html(tmp_path / "nope" / "r.html")


def test_input_not_modified(tiny, audit):
    before_survey, before_audit = tiny.copy(deep=True), audit.copy(deep=True)
    run(tiny, audit=audit, figures=True)
    pd.testing.assert_frame_equal(tiny, before_survey)
    pd.testing.assert_frame_equal(audit, before_audit)


def test_course_survey_end_to_end():
    r = report(data.load("servqual_survey"), audit=data.load("gap_audit"), figures=False)
    assert r.priority == r.contributions.idxmin()
    assert r.weighted_score == pytest.approx(servqual.servqual_score(r.scores, r.weights))
    assert set(r.by_segment) == {"branch", "channel"}


# --- reading a CSV, and bad input ---------------------------------------------------------------


def test_read_survey_from_csv_and_frame(tiny, tmp_path):
    path = tmp_path / "survey.csv"
    tiny.to_csv(path, index=False)
    pd.testing.assert_frame_equal(read_survey(path), tiny, check_dtype=False)
    pd.testing.assert_frame_equal(run(str(path)).scores, run(tiny).scores)
    copy = read_survey(tiny)
    assert copy is not tiny and copy.equals(tiny)


def test_excel_utf8_bom_is_fine(tiny, tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes(tiny.to_csv(index=False).encode("utf-8-sig"))
    assert list(read_survey(path).columns) == list(tiny.columns)


def test_missing_file():
    with pytest.raises(FileNotFoundError, match="no survey file at no/such.csv"):
        report("no/such.csv")


def test_not_a_frame_or_path():
    with pytest.raises(TypeError, match="DataFrame or the path of a CSV file, got list"):
        report([[7, 6]])


@pytest.mark.parametrize("encoding, branch", [("latin-1", "Zürich"), ("cp949", "서울")])
def test_non_utf8_csv(tiny, tmp_path, encoding, branch):
    path = tmp_path / "survey.csv"
    path.write_bytes(tiny.assign(branch=branch).to_csv(index=False).encode(encoding))
    with pytest.raises(InputError, match=r"survey.csv is not UTF-8 text.*encoding="):
        report(path, items=ITEMS)
    assert read_survey(path, encoding=encoding)["branch"].iloc[0] == branch  # the way out it names


def test_text_value_names_column_and_row(tiny, tmp_path):
    path = tmp_path / "survey.csv"
    tiny.astype({"P3": object}).assign(P3=[5, 6, "five", 5]).to_csv(path, index=False)
    with pytest.raises(InputError, match=r"column P3 is not numeric: row 2 is 'five'.*row 2 is line 4 of survey.csv"):
        report(path, items=ITEMS)


def test_value_off_the_scale_names_column_and_row(tiny):
    bad = tiny.copy()
    bad.loc[1, "E2"] = 9
    with pytest.raises(InputError, match="column E2 has a value outside the 1-7 scale: row 1 is 9"):
        run(bad)


def test_blank_answer_and_dropna(tiny):
    holed = tiny.astype({"P1": float})
    holed.loc[3, "P1"] = np.nan
    with pytest.raises(InputError, match="column P1 is blank in row 3.*dropna=True"):
        run(holed)
    assert run(holed, dropna=True).respondents == 3


def test_missing_columns_are_named(tiny):
    with pytest.raises(InputError, match="no column P4"):
        run(tiny.drop(columns="P4"))


def test_default_items_explained(tiny):
    with pytest.raises(InputError, match=r"no column E5.*1988 scale"):
        report(tiny, figures=False)


@pytest.mark.parametrize("drop, message", [
    ("E", r"perception columns \(P1, P2, P3, \.\.\.\) but no expectation columns.*SERVPERF"),
    ("P", r"expectation columns \(E1, E2, E3, \.\.\.\) but no perception columns"),
])
def test_one_side_missing(tiny, drop, message):
    with pytest.raises(InputError, match=message):
        run(tiny.drop(columns=[f"{drop}{i}" for i in range(1, 5)]))


def test_no_item_columns_at_all():
    perceptions_only = pd.DataFrame({f"a{i:02d}": [80, 60] for i in range(1, 23)} | {"sat": [80, 80]})
    with pytest.raises(InputError, match=r"no expectation \(E1, E2, \.\.\.\) or perception.*a01, a02.*SERVPERF"):
        report(perceptions_only)


def test_missing_by_column(tiny):
    with pytest.raises(InputError, match="survey has no column region"):
        run(tiny, by="region")


def test_unknown_weight_name(tiny):
    with pytest.raises(InputError, match="weights name speedd"):
        run(tiny, weights={"speedd": 1, "care": 1})


def test_importance_columns_incomplete(tiny):
    with pytest.raises(InputError, match="importance columns imp_speed but not imp_care"):
        run(tiny.drop(columns="imp_care"))


def test_importance_text_named(tiny):
    bad = tiny.astype({"imp_care": object})
    bad.loc[0, "imp_care"] = "forty"
    with pytest.raises(InputError, match="column imp_care is not numeric: row 0 is 'forty'"):
        run(bad)


def test_audit_must_be_a_frame(tiny):
    with pytest.raises(TypeError, match="gap audit must be a pandas DataFrame, got dict"):
        run(tiny, audit={"speed": 1})


def test_audit_missing_level(tiny, audit):
    with pytest.raises(InputError, match="gap audit has no column promised"):
        run(tiny, audit=audit.drop(columns="promised"))


def test_semicolon_csv(tiny, tmp_path):
    path = tmp_path / "euro.csv"
    tiny.to_csv(path, index=False, sep=";")
    with pytest.raises(InputError, match="separates its columns with ';'"):
        report(path, items=ITEMS)


def test_empty_csv(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("")
    with pytest.raises(InputError, match="empty.csv is empty"):
        report(path)


# --- properties -----------------------------------------------------------------------------------


answers = arrays(np.int64, (5, 8), elements=st.integers(1, 7))
points = arrays(np.int64, (5, 2), elements=st.integers(0, 100))


@settings(max_examples=40, deadline=None)
@given(values=answers, imp=points)
def test_properties(values, imp):
    cols = ["E1", "E2", "E3", "E4", "P1", "P2", "P3", "P4"]
    survey = pd.DataFrame(values, columns=cols)
    if imp.sum(axis=0).min() > 0:  # some points for each dimension somewhere
        survey[["imp_speed", "imp_care"]] = imp
    r = run(survey)
    total = r.weighted_score if r.weights is not None else r.score
    assert r.contributions.sum() == pytest.approx(total, abs=1e-9)
    assert r.priority == r.contributions.idxmin()
    assert r.score == pytest.approx(servqual.servqual_score(survey, items=ITEMS), abs=1e-12)
    assert 0 <= r.dissatisfied_share <= 1
    assert r.iceberg["customers"].iloc[1:].sum() == pytest.approx(2 * r.iceberg.loc["dissatisfied", "customers"])
