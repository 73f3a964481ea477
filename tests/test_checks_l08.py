"""Lesson 08 checks: blank, correct answer, typical mistakes, garbage."""

from __future__ import annotations

import pytest

from cxlib import complaints, data, gaps, servqual
from cxlib.exercises import FAIL, NOT_ATTEMPTED, PASS, check
from cxlib.report import report


@pytest.fixture(scope="module")
def survey():
    return data.load("servqual_survey")


@pytest.fixture(scope="module")
def full(survey):
    return report(survey, audit=data.load("gap_audit"), figures=False)


@pytest.mark.parametrize("qid", ["08.q1", "08.q2", "08.q3", "08.q4"])
def test_blank_and_garbage(qid):
    assert check(qid, ...).status == NOT_ATTEMPTED
    assert check(qid, None).status == NOT_ATTEMPTED
    for junk in ("nonsense", [0.1, 0.2], {"a": 1}, object()):
        assert check(qid, junk).status == FAIL


def test_q1_weighted_score(survey, full):
    points = survey[[f"imp_{d}" for d in servqual.DIMENSIONS]].mean().set_axis(list(servqual.DIMENSIONS))
    assert check("08.q1", servqual.servqual_score(survey, points)).status == PASS
    assert check("08.q1", full.weighted_score).status == PASS  # report() gives the same
    assert "unweighted" in check("08.q1", full.score).message
    assert "sign flipped" in check("08.q1", -full.weighted_score).message
    raw = float((points * full.scores["gap"]).sum())
    assert "divide by their total" in check("08.q1", raw).message
    assert "22 item gaps" in check("08.q1", servqual.item_gaps(survey).to_numpy().mean()).message


def test_q2_worst_branch(survey, full):
    table = servqual.dimension_scores_by(survey, "branch")
    worst = table[full.priority].idxmin()
    assert check("08.q2", worst).status == PASS
    assert check("08.q2", worst.lower()).status == PASS
    assert "best" in check("08.q2", table[full.priority].idxmax()).message
    assert "channel" in check("08.q2", "phone").message
    assert "worst on tangibles" in check("08.q2", table["tangibles"].idxmin()).message


def test_q3_gap_to_close(full):
    row = full.audit_gaps.loc[full.priority]
    assert check("08.q3", gaps.priority(row)).status == PASS
    assert "customer gap" in check("08.q3", 5).message
    assert "size of a gap" in check("08.q3", row["gap3"]).message
    assert "for responsiveness" in check("08.q3", gaps.priority(full.audit_gaps.loc["responsiveness"])).message


def test_q4_silent_customers(survey):
    # the exercise's own rule (mean gap below 0); report() now uses the adequate level (C2)
    share = float((servqual.respondent_gaps(survey).mean(axis=1) < 0).mean())
    silent = complaints.iceberg(12_000, dissatisfied_share=share).loc["silent", "customers"]
    assert check("08.q4", silent).status == PASS
    assert check("08.q4", round(silent)).status == PASS  # a whole number of people is fine
    assert "percentage" in check("08.q4", share * 0.69 * 100).message
    assert "share of all customers" in check("08.q4", share * 0.69).message
    assert "1/3" in check("08.q4", 12_000 / 3 * 0.69).message
    assert "all dissatisfied" in check("08.q4", 12_000 * share).message
    assert "respondents" in check("08.q4", len(survey) * share * 0.69).message
