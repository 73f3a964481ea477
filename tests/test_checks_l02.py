"""Lesson 02 checks: blank, correct answer, typical mistakes, garbage."""

from __future__ import annotations

import pytest

from cxlib import data, rater
from cxlib.exercises import FAIL, NOT_ATTEMPTED, PASS, check
from cxlib.rater import FACTORS


@pytest.fixture(scope="module")
def survey():
    return data.load("rater_scores")


@pytest.fixture(scope="module")
def w():
    return data.load("rater_weights").set_index("factor")["weight"]


def branch(survey, name):
    return survey[survey["branch"] == name]


@pytest.mark.parametrize("qid", ["02.q1", "02.q2", "02.q3", "02.q4"])
def test_blank_and_garbage(qid):
    assert check(qid, ...).status == NOT_ATTEMPTED
    for junk in ("sixty", None, [1, 2], {"a": 1}, object()):
        assert check(qid, junk).status in {FAIL, NOT_ATTEMPTED}


def test_q1(survey):
    west = branch(survey, "Westgate")
    assert check("02.q1", rater.rater_index(west)).status == PASS
    raw = west[list(FACTORS)].mean().mean()
    assert "starts at 1" in check("02.q1", raw / 5 * 100).message           # the 68% mistake
    assert "a share" in check("02.q1", rater.rater_index(west) / 100).message
    assert "mean raw score" in check("02.q1", raw).message
    assert "whole bank" in check("02.q1", rater.rater_index(survey)).message


def test_q2(survey, w):
    west = branch(survey, "Westgate")
    assert check("02.q2", rater.rater_index(west, weights=w)).status == PASS
    assert "unweighted" in check("02.q2", rater.rater_index(west)).message
    # weights used as raw points (sum 100) without dividing by their total
    raw_points = sum(w[f] * (west[f].mean() - 1) / 4 for f in FACTORS) * 100
    assert "not divided by their total" in check("02.q2", raw_points).message
    assert "whole bank" in check("02.q2", rater.rater_index(survey, weights=w)).message


def test_q3(survey, w):
    old = branch(survey, "Old Town")
    answer = rater.improvement_priority(old, weights=w).index[0]
    assert check("02.q3", answer).status == PASS
    assert check("02.q3", answer.upper()).status == PASS
    lowest = old[list(FACTORS)].mean().idxmin()
    assert lowest != answer
    assert "lowest score" in check("02.q3", lowest).message
    assert check("02.q3", "speed").status == FAIL


def test_q4(survey, w):
    west = branch(survey, "Westgate")[list(FACTORS)].mean()
    harbour = branch(survey, "Harbour")[list(FACTORS)].mean()
    after = west.copy()
    after["responsiveness"] = harbour["responsiveness"]
    rise = rater.rater_index(after, w) - rater.rater_index(west, w)
    assert check("02.q4", rise).status == PASS
    assert "new index" in check("02.q4", rater.rater_index(after, w)).message
    to_top = rater.improvement_priority(west, w).loc["responsiveness", "gain"]
    assert "reached the top" in check("02.q4", to_top).message
    assert "equal weights" in check("02.q4", rater.rater_index(after) - rater.rater_index(west)).message
    assert "1-5" in check("02.q4", harbour["responsiveness"] - west["responsiveness"]).message
