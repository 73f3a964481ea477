"""report(): a whole SERVQUAL survey to a manager's two-page report (lesson 08).

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

from cxlib import complaints, data, gaps, report as report_module, servqual, uncertainty
from cxlib._validate import InputError
from cxlib.data import read_survey
from cxlib.report import Report, dissatisfied, report

ITEMS = {"speed": [1, 2], "care": [3, 4]}
T3 = 3.182446305284263  # t(0.975, 3 degrees of freedom), from a printed table


@pytest.fixture
def tiny() -> pd.DataFrame:
    # respondent:        0  1  2  3
    # speed E (E1 = E2): 6  6  7  7   mean 6.5
    # speed P (P1 = P2): 4  5  5  6   mean 5.0   -> gap -1.5; per respondent -2, -1, -2, -1
    # care  E (E3 = E4): 5  5  4  4   mean 4.5
    # care  P (P3 = P4): 5  6  4  5   mean 5.0   -> gap +0.5; per respondent 0, +1, 0, +1
    # mean perception over the two dimensions: 4.5, 5.5, 4.5, 5.5 (all above the middle, 4)
    # importance points speed/care: 60/40, 80/20, 70/30, 70/30 -> means 70 / 30
    # branch: South rows 0, 2; North rows 1, 3
    return pd.DataFrame({
        "E1": [6, 6, 7, 7], "E2": [6, 6, 7, 7], "E3": [5, 5, 4, 4], "E4": [5, 5, 4, 4],
        "P1": [4, 5, 5, 6], "P2": [4, 5, 5, 6], "P3": [5, 6, 4, 5], "P4": [5, 6, 4, 5],
        "imp_speed": [60, 80, 70, 70], "imp_care": [40, 20, 30, 30],
        "branch": ["South", "North", "South", "North"], "channel": ["app", "app", "phone", "phone"],
    })


@pytest.fixture
def adequate(tiny) -> pd.DataFrame:
    # adequate level per dimension (A1 = A2, A3 = A4): 5/5, 5/5, 4/4, 6/6 -> means 5, 5, 4, 6
    # mean perception 4.5, 5.5, 4.5, 5.5 -> below adequate: respondents 0 and 3 -> 2 of 4
    a_speed, a_care = [5, 5, 4, 6], [5, 5, 4, 6]
    return tiny.assign(A1=a_speed, A2=a_speed, A3=a_care, A4=a_care)


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
    assert r.respondents == 4 and r.rows_read == 4


def test_gap_intervals_by_hand(tiny):
    r = run(tiny)
    # speed gaps -2, -1, -2, -1: mean -1.5, sd sqrt(1/3), half-width t(3) * sd / 2
    half = T3 * np.sqrt(1 / 3) / 2
    assert r.gap_ci.loc["speed", ["low", "high"]].tolist() == pytest.approx([-1.5 - half, -1.5 + half])
    assert r.gap_ci.loc["care", ["low", "high"]].tolist() == pytest.approx([0.5 - half, 0.5 + half])
    assert (r.gap_ci["n"] == 4).all()
    pd.testing.assert_frame_equal(r.gap_ci, servqual.gap_intervals(tiny, ITEMS), check_dtype=False)


def test_headline_interval_with_equal_weights_is_the_t_interval_of_respondent_scores(tiny):
    r = run(tiny.drop(columns=["imp_speed", "imp_care"]))
    # per respondent (speed + care) / 2: -1, 0, -1, 0 -> mean -0.5, sd sqrt(1/3)
    ci = uncertainty.mean_ci([-1, 0, -1, 0])
    assert (r.headline.estimate, r.headline.low, r.headline.high) == pytest.approx((ci.estimate, ci.low, ci.high))
    fixed = run(tiny, weights={"speed": 3, "care": 1})  # per respondent -1.5, -0.5, -1.5, -0.5
    ci = uncertainty.mean_ci([-1.5, -0.5, -1.5, -0.5])
    assert (fixed.headline.low, fixed.headline.high) == pytest.approx((ci.low, ci.high))


def test_headline_interval_with_estimated_weights_agrees_with_a_bootstrap():
    survey = data.load("servqual_survey")
    r = report(survey, figures=False)
    # bootstrap the weighted score itself: resample respondents, recompute mean points and gaps
    per = servqual.respondent_gaps(survey).to_numpy()
    pts = survey[[f"imp_{d}" for d in servqual.DIMENSIONS]].to_numpy(float)
    rng = np.random.default_rng(1)
    stats = []
    for _ in range(600):
        i = rng.integers(0, len(per), len(per))
        m = pts[i].mean(axis=0)
        stats.append(float(per[i].mean(axis=0) @ (m / m.sum())))
    low, high = np.quantile(stats, [0.025, 0.975])
    assert r.headline.estimate == pytest.approx(r.weighted_score)
    assert (r.headline.high - r.headline.low) == pytest.approx(high - low, rel=0.15)
    assert r.headline.low == pytest.approx(low, abs=0.02) and r.headline.high == pytest.approx(high, abs=0.02)


def test_importance_columns_are_the_weights(tiny):
    r = run(tiny)
    # mean points 70 / 30 -> weights 0.7 / 0.3; score 0.7 * -1.5 + 0.3 * 0.5 = -0.9
    assert r.weights.to_dict() == pytest.approx({"speed": 0.7, "care": 0.3})
    assert r.points.to_dict() == pytest.approx({"speed": 70, "care": 30})
    assert r.weighted_score == pytest.approx(-0.9)
    assert r.contributions.to_dict() == pytest.approx({"speed": -1.05, "care": 0.15})
    assert r.contributions.sum() == pytest.approx(r.weighted_score)
    assert "the importance customers give it (70 of 100 points)" in r.recommendations[0]


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
    assert r.actions[0].what == "Improve speed"
    assert run(survey.drop(columns=["imp_speed", "imp_care"])).priority == "care"  # equal weights


def test_a_priority_the_data_cannot_separate_is_said_so():
    # two dimensions with the same gap, noisy: the priority is a coin toss, and the report says so
    rng = np.random.default_rng(5)
    n = 40
    survey = pd.DataFrame({f"E{i}": np.full(n, 6) for i in range(1, 5)})
    for i in range(1, 5):
        survey[f"P{i}"] = rng.integers(3, 8, n)
    r = run(survey)
    assert not r.priority_clear
    assert "the data do not tell the two apart" in r.actions[0].why


def test_no_shortfall_says_so():
    survey = pd.DataFrame({"E1": [4, 5], "P1": [6, 6], "E3": [5, 5], "P3": [5, 6]})
    r = run(survey, items={"speed": [1], "care": [3]})
    assert r.priority == "care"  # the smallest lead: gap +0.5 against +1.5
    assert "meets or beats" in r.actions[0].why


# --- who is dissatisfied ------------------------------------------------------------------------


def test_dissatisfied_below_the_adequate_level(adequate):
    r = run(adequate, customers=1000)
    assert r.dissatisfied_basis == "adequate" and "adequate service level" in r.dissatisfied_rule
    assert r.dissatisfied_share == pytest.approx(0.5)  # respondents 0 and 3
    d = dissatisfied(adequate, ITEMS)
    assert d.flags.tolist() == [True, False, False, True] and d.count == 2
    assert (d.share.low, d.share.high) == pytest.approx((r.dissatisfied.low, r.dissatisfied.high))
    # 1000 x 0.5 = 500 dissatisfied; x 0.69 = 345 silent, 115 to staff, 40 to customer relations
    pd.testing.assert_frame_equal(r.iceberg, complaints.iceberg(1000, dissatisfied_share=0.5))
    assert "about 345 of them never complain" in r.recommendations[-1]


def test_without_adequate_items_the_middle_of_the_scale(tiny):
    r = run(tiny)
    assert r.dissatisfied_basis == "midpoint" and "middle of the 1-7 scale (4)" in r.dissatisfied_rule
    assert r.dissatisfied_share == 0  # mean perceptions 4.5 and 5.5: none below 4
    assert r.actions[-1].what == "Keep complaint channels easy to use"
    low = tiny.assign(P1=[1, 5, 5, 6], P2=[1, 5, 5, 6], P3=[2, 6, 4, 5], P4=[2, 6, 4, 5])
    assert run(low).dissatisfied_share == pytest.approx(0.25)  # respondent 0: mean perception 1.5
    assert "None of the 4 respondents is dissatisfied" in r.summary()


def test_mean_gap_below_zero_is_not_the_rule():
    r = report(data.load("servqual_survey"), figures=False)
    below_zero = float((servqual.respondent_gaps(data.load("servqual_survey")).mean(axis=1) < 0).mean())
    assert below_zero > 0.8  # nearly everyone falls short of an excellent firm...
    assert r.dissatisfied_share < 0.2  # ...but few fall below the service they call adequate
    assert r.dissatisfied_share == pytest.approx(dissatisfied(data.load("servqual_survey")).share.estimate)


def test_iceberg_in_whole_people_per_1000_by_default(adequate):
    r = run(adequate)
    assert r.customers is None
    page = r.html()
    assert "Per 1,000 customers that is about 500, of whom about 345 never complain" in page
    assert not re.search(r"\d\.\d+ (customers|of them|never)", page)


def test_whole_people_add_up():
    ice = complaints.iceberg(9000, dissatisfied_share=0.101)  # 909 dissatisfied: 627.21, 209.07, 72.72
    whole = report_module._whole(ice)
    assert whole["dissatisfied"] == 909 and whole["silent"] + whole["to_staff"] + whole["to_relations"] == 909
    assert (whole["silent"], whole["to_staff"], whole["to_relations"]) == (627, 209, 73)


# --- segments -----------------------------------------------------------------------------------


def test_segments_found_and_by_honoured(tiny):
    r = run(tiny)
    assert list(r.segments) == ["branch", "channel"]
    pd.testing.assert_frame_equal(r.by_segment["branch"], servqual.dimension_scores_by(tiny, "branch", ITEMS),
                                  check_names=False)
    assert list(run(tiny, by="channel").segments) == ["channel"]  # one name, not its letters
    assert list(run(tiny, by=["channel", "branch"]).segments) == ["channel", "branch"]
    assert run(tiny, by=[]).segments == {}


def test_segment_table_has_n_interval_and_verdict(tiny):
    big = pd.concat([tiny] * 10, ignore_index=True)  # 20 per branch, same gaps
    table = run(big).segments["branch"]
    # South speed gaps all -2, North all -1: the rest of South is North
    south = table.loc[("South", "speed")]
    assert (south["n"], south["gap"], south["rest_gap"], south["difference"]) == (20, -2.0, -1.0, -1.0)
    assert south["verdict"] == "below the rest" and not south["small"]
    pd.testing.assert_frame_equal(table, servqual.segment_gaps(big, "branch", ITEMS), check_dtype=False)
    assert run(tiny).segments["branch"]["small"].all()  # 2 per branch


def test_segment_recommendation_needs_enough_respondents(tiny):
    assert "starting in" not in run(tiny).actions[0].what  # 2 per branch: too few
    big = pd.concat([tiny] * 10, ignore_index=True)
    first = run(big).actions[0]
    assert first.what == "Improve speed, starting in South (branch)"
    assert "South: \u22122.00 against \u22121.00 for the rest" in first.why and "n = 20" in first.why
    assert "South at least at the rest's level" in first.target


def test_no_difference_claimed_without_support():
    # East is a little worse on average (4.5 against 4.9), but the answers scatter: its interval includes 0
    east, west = [2, 7, 3, 6, 4, 7, 2, 6, 5, 3], [3, 6, 4, 7, 5, 6, 3, 6, 5, 4]
    survey = pd.DataFrame({"E1": 7, "P1": east + west, "branch": ["East"] * 10 + ["West"] * 10})
    r = run(survey, items={"speed": [1]})
    rows = r.segments["branch"]
    assert rows.loc[("East", "speed"), "difference"] == pytest.approx(-0.4)
    assert (rows["diff_low"] < 0).all() and (rows["diff_high"] > 0).all()
    assert set(rows["verdict"]) == {"no clear difference"}
    assert "starting in" not in r.actions[0].what
    assert "No branch differs from the rest" in r.html()


def test_blank_segment_value_is_left_out_of_that_breakdown_only(tiny):
    holed = tiny.astype({"branch": object})
    holed.loc[0, "branch"] = None
    r = run(holed)
    assert r.respondents == 4
    assert r.segments["branch"]["n"].groupby(level=0).first().to_dict() == {"North": 2, "South": 1}
    assert any("1 respondent gave no branch" in note for note in r.notes)


# --- the 5GAP audit -----------------------------------------------------------------------------


def test_audit_gives_the_5gap_action(tiny, audit):
    r = run(tiny, audit=audit)
    expected = gaps.measure(audit.set_index("dimension"))
    pd.testing.assert_frame_equal(r.audit_gaps, expected)
    second = r.actions[1]
    assert second.what == "Close gap 4 for speed: performance not matching promises"
    assert second.metric == "audit gap 4 for speed" and second.target == "from \u22120.80 to 0 at the next audit"
    assert run(tiny, audit=audit.set_index("dimension")).recommendations == r.recommendations


def test_audit_without_the_priority_row(tiny, audit):
    r = run(tiny, audit=audit[audit["dimension"] == "care"])
    assert any("no row for speed" in line for line in r.recommendations)


def test_no_audit_asks_for_one(tiny):
    assert run(tiny).actions[1].what.startswith("Find the cause of the speed shortfall with a 5GAP audit")


def test_every_action_has_a_metric_and_a_target(tiny, audit):
    for r in (run(tiny), run(tiny, audit=audit), report(data.load("servqual_survey"), figures=False)):
        assert len(r.actions) >= 3
        for a in r.actions:
            assert a.what and a.why and a.metric and a.target


# --- setting rows aside -------------------------------------------------------------------------


def test_dropna_sets_rows_aside_and_says_why(tiny):
    holed = tiny.astype({"P1": float, "E3": float})
    holed.loc[3, "P1"] = np.nan
    holed.loc[2, "E3"] = np.nan
    with pytest.raises(InputError, match="column E3 is blank in row 2.*dropna=True"):
        run(holed)
    r = run(holed, dropna=True)
    assert (r.respondents, r.rows_read) == (2, 4)
    pd.testing.assert_frame_equal(r.scores, servqual.dimension_scores(tiny.head(2), ITEMS))


def test_dropna_counts_each_respondent_once_under_its_first_reason(tiny):
    big = pd.concat([tiny] * 3, ignore_index=True).astype({"P1": float, "E3": float, "imp_care": float})
    big.loc[[0, 1], "P1"] = np.nan
    big.loc[[1, 2], "E3"] = np.nan  # row 1: both an expectation and a perception blank
    big.loc[5, "imp_care"] = np.nan
    r = run(big, dropna=True)
    assert r.respondents == 12 - 4
    assert r.set_aside["respondents"].to_dict() == {
        "a blank expectation answer": 2, "a blank perception answer": 1, "a blank importance answer": 1}
    assert "12 rows read, 4 set aside (2 with a blank expectation answer" in r.html()


def test_one_respondent_is_refused_clearly(tiny):
    with pytest.raises(InputError, match="survey has 1 usable respondent; a report needs at least 2"):
        run(tiny.head(1))
    holed = tiny.astype({"P1": float})
    holed.loc[[1, 2, 3], "P1"] = np.nan
    with pytest.raises(InputError, match=r"1 usable respondent \(3 set aside for blank answers\)"):
        run(holed, dropna=True)


def test_few_respondents_are_flagged(tiny):
    assert any("Only 4 respondents" in n for n in run(tiny).notes)


# --- the page -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def course_report():
    return report(data.load("servqual_survey"), audit=data.load("gap_audit"), customers=9000,
                  organisation="Lakeside Bank", period="2024")


def test_page_opens_with_the_executive_summary(course_report):
    page = course_report.html()
    summary = page[page.index("<section class='summary'>"):page.index("</section>")]
    for piece in ("Lakeside Bank", "Survey period: 2024", "320 respondents", "Weighted SERVQUAL score",
                  "95% CI", "Top three actions"):
        assert piece in page[:page.index("</section>")], piece
    assert summary.count("<li>") == 3 and summary.count("Metric:") == 3 and summary.count("Target:") == 3


def test_page_is_self_contained_and_each_chart_appears_once(course_report, tmp_path):
    out = course_report.to_html(tmp_path / "report.html")
    assert list(tmp_path.iterdir()) == [out]
    page = out.read_text(encoding="utf-8")
    assert page.count("data:image/png;base64,") == len(course_report.figures) == 4  # score, branch, channel, ice
    for title in course_report.figures:
        assert page.count(f"alt='{title}'") == 1
    for action in course_report.actions:
        assert html.escape(action.what) in page
    assert not re.search(r"https?://|<link|<script|src=['\"](?!data:)", page)
    assert "@page{size:A4" in page and "@media print" in page


def test_page_uses_plain_labels_and_shows_n_per_segment(course_report):
    page = course_report.html()
    for raw in ("alpha_expectation", "share_of_all", "gap1", "gap5", "share_of_dissatisfied", "np.float64",
                "Interval(", "weighted gap</th>"):
        assert raw not in page, raw
    table = course_report.tables()["Gap by branch (n per branch)"]
    assert table.index.tolist() == ["East (n = 80)", "North (n = 80)", "South (n = 80)", "West (n = 80)"]
    assert "Gap 3: delivery to the standard" in course_report.tables()["5GAP audit: gaps by dimension"].columns
    assert "\u22120.00" not in page and "-0.00" not in page


def test_small_segments_are_marked_in_tables(tiny):
    table = run(tiny).tables()["Gap by branch (n per branch)"]
    assert table.index.tolist() == ["North (n = 2, few)", "South (n = 2, few)"]
    assert "<tr class='small'>" in run(tiny).html()


def test_reliability_in_one_line(course_report):
    page = course_report.html()
    assert html.escape("Reliability (Cronbach's alpha): expectation items 0.75 to 0.80") in page
    assert "<h2>Reliability" not in page


def test_repr_and_summary_are_sentences(course_report):
    text = repr(course_report)
    assert text.startswith("Lakeside Bank: service quality report on 320 respondents; weighted SERVQUAL score")
    lines = course_report.summary().splitlines()
    assert lines[0] == "Lakeside Bank: service quality report (survey period 2024)"
    assert lines[5] == "Top three actions:"


def test_figures_false_skips_figures_and_shows_tables(tiny, tmp_path):
    r = run(tiny, figures=False)
    assert r.figures == {}
    page = r.to_html(tmp_path / "r.html").read_text(encoding="utf-8")
    assert "data:image/png" not in page and "Top three actions" in page and "North (n = 2, few)" in page
    assert "Top three actions" in r._repr_html_()


def test_to_html_into_a_missing_folder(tiny, tmp_path):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        run(tiny).to_html(tmp_path / "nope" / "r.html")


def test_input_not_modified(tiny, audit):
    before_survey, before_audit = tiny.copy(deep=True), audit.copy(deep=True)
    run(tiny, audit=audit, figures=True)
    pd.testing.assert_frame_equal(tiny, before_survey)
    pd.testing.assert_frame_equal(audit, before_audit)


def test_course_survey_end_to_end(course_report):
    r = course_report
    assert r.priority == r.contributions.idxmin() == "reliability"
    assert r.weighted_score == pytest.approx(servqual.servqual_score(r.scores, r.weights))
    assert set(r.segments) == {"branch", "channel"}
    assert r.actions[0].what == "Improve reliability, starting in East (branch)"


def test_chunked_scan_gives_the_same_numbers(monkeypatch):
    survey = data.load("servqual_survey")
    whole = report(survey, figures=False)
    monkeypatch.setattr(report_module, "CHUNK", 7)  # 46 chunks, the last one short
    chunked = report(survey, figures=False)
    pd.testing.assert_frame_equal(whole.scores, chunked.scores)
    pd.testing.assert_frame_equal(whole.reliability, chunked.reliability)
    pd.testing.assert_frame_equal(whole.reliability, servqual.reliability_table(survey))
    pd.testing.assert_frame_equal(whole.segments["channel"], chunked.segments["channel"])
    pd.testing.assert_frame_equal(whole.segments["channel"], servqual.segment_gaps(survey, "channel"),
                                  check_dtype=False)
    assert whole.headline == pytest.approx(chunked.headline) or (
        whole.headline.low == pytest.approx(chunked.headline.low))
    assert whole.dissatisfied_share == chunked.dissatisfied_share


# --- reading a CSV, and bad input ---------------------------------------------------------------


def test_read_survey_from_csv_and_frame(tiny, tmp_path):
    path = tmp_path / "survey.csv"
    tiny.to_csv(path, index=False)
    pd.testing.assert_frame_equal(read_survey(path), tiny, check_dtype=False)
    pd.testing.assert_frame_equal(run(str(path)).scores, run(tiny).scores)
    copy = read_survey(tiny)
    assert copy is not tiny and copy.equals(tiny)


def test_tab_separated_file_reads_and_says_so(tiny, tmp_path):
    path = tmp_path / "survey.tsv"
    tiny.to_csv(path, index=False, sep="\t")
    r = run(path)
    pd.testing.assert_frame_equal(r.scores, run(tiny).scores)
    assert "columns separated by tabs" in r.notes


def test_semicolon_csv_reads(tiny, tmp_path):
    path = tmp_path / "euro.csv"
    tiny.to_csv(path, index=False, sep=";")
    assert run(path).score == pytest.approx(run(tiny).score)


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
    bad = tiny.copy()
    bad.loc[2, "imp_care"] = 130
    with pytest.raises(InputError, match="column imp_care has a value outside the 0-100 scale: row 2 is 130"):
        run(bad)


def test_repeated_index_labels_are_named_by_position(tiny):
    bad = tiny.set_axis([0, 1, 0, 1])
    bad.loc[:, "E2"] = [6, 6, 9, 7]
    with pytest.raises(InputError, match=r"row at position 2 \(label 0\) is 9"):
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


def test_repeated_or_renamed_columns_are_named(tiny):
    twice = pd.concat([tiny, tiny[["P1"]]], axis=1)
    with pytest.raises(InputError, match="more than one column named P1"):
        run(twice)
    with pytest.raises(InputError, match=r"columns P1 and P1\.1"):
        run(tiny.assign(**{"P1.1": tiny["P1"]}))


def test_default_items_explained(tiny):
    with pytest.raises(InputError, match=r"no column E5.*1988 scale"):
        report(tiny, figures=False)


@pytest.mark.parametrize("drop, message", [
    ("E", r"perception columns \(P1, P2, P3, \.\.\.\) but no expectation columns.*perceptions_only=True"),
    ("P", r"expectation columns \(E1, E2, E3, \.\.\.\) but no perception columns"),
])
def test_one_side_missing(tiny, drop, message):
    with pytest.raises(InputError, match=message):
        run(tiny.drop(columns=[f"{drop}{i}" for i in range(1, 5)]))


def test_no_item_columns_at_all():
    perceptions_only = pd.DataFrame({f"a{i:02d}": [80, 60] for i in range(1, 23)} | {"sat": [80, 80]})
    with pytest.raises(InputError, match=r"no expectation \(E1, E2, \.\.\.\) or perception.*a01, a02.*columns=.*perceptions_only=True"):
        report(perceptions_only)


def test_missing_by_column(tiny):
    with pytest.raises(InputError, match="survey has no column region"):
        run(tiny, by="region")


@pytest.mark.parametrize("kwargs, error, message", [
    ({"weights": {"speedd": 1, "care": 1}}, InputError, "weights name speedd"),
    ({"customers": 9000.5}, InputError, "customers counts people, so it must be a whole number, got 9000.5"),
    ({"customers": -1}, InputError, "customers must be zero or more"),
    ({"organisation": 7}, TypeError, "organisation must be text"),
    ({"dropna": "yes"}, TypeError, "dropna must be True or False"),
    ({"scale": (7, 1)}, InputError, "low < high"),
])
def test_bad_arguments_are_named(tiny, kwargs, error, message):
    with pytest.raises(error, match=re.escape(message)):
        run(tiny, **kwargs)


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


def test_audit_blank_does_not_offer_an_option_it_lacks(tiny, audit):
    holed = audit.copy()
    holed.loc[0, "standard"] = np.nan
    with pytest.raises(InputError, match=r"gap audit column standard is blank in row speed\. Fill the blanks\.$"):
        run(tiny, audit=holed)


def test_empty_csv(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("")
    with pytest.raises(InputError, match="empty.csv is empty"):
        report(path)


# --- properties -----------------------------------------------------------------------------------


answers = arrays(np.int64, (6, 12), elements=st.integers(1, 7))
points = arrays(np.int64, (6, 2), elements=st.integers(0, 100))


@settings(max_examples=30, deadline=None)
@given(values=answers, imp=points)
def test_properties(values, imp):
    cols = ["E1", "E2", "E3", "E4", "P1", "P2", "P3", "P4", "A1", "A2", "A3", "A4"]
    survey = pd.DataFrame(values, columns=cols)
    if imp.sum(axis=0).min() > 0:  # some points for each dimension somewhere
        survey[["imp_speed", "imp_care"]] = imp
    r = run(survey)
    total = r.weighted_score if r.weights is not None else r.score
    assert r.contributions.sum() == pytest.approx(total, abs=1e-9)
    assert r.headline.estimate == pytest.approx(total, abs=1e-9)
    assert r.headline.low <= total <= r.headline.high
    assert (r.gap_ci["low"] <= r.scores["gap"] + 1e-12).all() and (r.scores["gap"] <= r.gap_ci["high"] + 1e-12).all()
    assert r.priority == r.contributions.idxmin()
    assert r.score == pytest.approx(servqual.servqual_score(survey, items=ITEMS), abs=1e-12)
    assert r.dissatisfied_share == pytest.approx(dissatisfied(survey, ITEMS).share.estimate)
    assert 0 <= r.dissatisfied.low <= r.dissatisfied_share <= r.dissatisfied.high <= 1
    whole = report_module._whole(r.iceberg)
    assert whole["silent"] + whole["to_staff"] + whole["to_relations"] == whole["dissatisfied"]


# --- printed ------------------------------------------------------------------------------------


@pytest.mark.browser
def test_prints_on_at_most_two_a4_pages(course_report, tmp_path):
    import subprocess

    from ._browser import CHROMIUM_FLAGS, chromium_path

    page = course_report.to_html(tmp_path / "report.html")
    pdf = tmp_path / "report.pdf"
    subprocess.run([chromium_path(), "--headless", *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}",
                    "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri()],
                   check=True, capture_output=True, timeout=120)
    raw = pdf.read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", raw))
    assert 1 <= pages <= 2, f"{pages} pages"
    box = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", raw)
    assert box and abs(float(box.group(1)) - 595) < 2 and abs(float(box.group(2)) - 842) < 2  # A4 in points


# --- other instruments: SERVPERF and columns named otherwise ------------------------------------


def test_perceptions_only_is_reported_the_servperf_way(tiny):
    perc = tiny.drop(columns=["E1", "E2", "E3", "E4"])
    r = run(perc, perceptions_only=True)
    # speed P 5.0, care P 5.0 on 1-7: each 2.0 below the top; weighted 0.7/0.3 -> 5.0 overall
    assert r.model == "SERVPERF" and list(r.scores.columns) == ["perception", "gap"]
    assert r.scores["perception"].tolist() == pytest.approx([5.0, 5.0])
    assert r.scores["gap"].tolist() == pytest.approx([-2.0, -2.0])
    assert r.headline.estimate == pytest.approx(-2.0)
    # per respondent weighted perception - 7 differs by respondent; the interval is the t interval of it
    per = (perc[["P1", "P2"]].mean(axis=1) * 0.7 + perc[["P3", "P4"]].mean(axis=1) * 0.3).to_numpy()
    per_weights_fixed = run(perc, perceptions_only=True, weights={"speed": 7, "care": 3}).headline
    ci = uncertainty.mean_ci(per - 7)
    assert (per_weights_fixed.low, per_weights_fixed.high) == pytest.approx((ci.low, ci.high))
    assert np.isnan(r.reliability["alpha_expectation"]).all()
    assert "SERVPERF score 5.00 on the 1\u20137 scale" in r.html()
    assert "Gap to the top (7)" in r.tables()["What falls short, by dimension"].columns
    assert r.actions[0].metric.startswith("speed mean perception")
    both = run(tiny, perceptions_only=True)  # E columns present but not used, and the note says so
    assert any("SERVPERF" in note for note in both.notes) and both.score == pytest.approx(r.score)


def test_columns_named_otherwise(tiny):
    renamed = tiny.rename(columns=lambda c: re.sub(r"^E(\d)$", r"exp_\1", re.sub(r"^P(\d)$", r"got_\1", c)))
    r = run(renamed, columns={"E": "exp_", "P": "got_"})
    pd.testing.assert_frame_equal(r.scores, run(tiny).scores)
    with pytest.raises(InputError, match=r"numbered columns are exp_1-exp_4, got_1-got_4.*columns="):
        run(renamed)


def test_pairwise_is_not_a_report_option(tiny):
    with pytest.raises(InputError, match=r"report\(\) keeps whole respondents: pass dropna=True"):
        run(tiny, dropna="pairwise")
