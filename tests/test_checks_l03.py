"""Lesson 03 checks: blank, correct answer, typical mistakes, garbage."""

from __future__ import annotations

import numpy as np
import pytest

from cxlib import data, servqual
from cxlib.checks.l03_servqual import POINTS
from cxlib.exercises import FAIL, NOT_ATTEMPTED, PASS, check


@pytest.fixture(scope="module")
def survey():
    return data.load("servqual_survey")


def _cols(prefix, items):
    return [f"{prefix}{i}" for i in items]


@pytest.mark.parametrize("qid", ["03.q1", "03.q2", "03.q3", "03.q4", "03.q5"])
def test_blank_and_garbage(qid):
    assert check(qid, ...).status == NOT_ATTEMPTED
    assert check(qid, None).status == NOT_ATTEMPTED
    for junk in ("-0.5", [1, 2], {"reliability": -1}, object()):
        result = check(qid, junk)
        assert result.status == FAIL and result.message


def test_q1(survey):
    gap = survey[_cols("P", range(10, 14))].to_numpy().mean() - survey[_cols("E", range(10, 14))].to_numpy().mean()
    assert check("03.q1", gap).status == PASS
    assert check("03.q1", np.float64(gap)).status == PASS
    assert "E - P" in check("03.q1", -gap).message
    assert "sum of the four item gaps" in check("03.q1", 4 * gap).message
    off_by_one = survey[_cols("P", range(9, 13))].to_numpy().mean() - survey[_cols("E", range(9, 13))].to_numpy().mean()
    assert "items 9-12" in check("03.q1", off_by_one).message
    reliability = servqual.dimension_scores(survey).loc["reliability", "gap"]
    assert "reliability gap" in check("03.q1", reliability).message


def test_q2(survey):
    gaps = servqual.dimension_scores(survey)["gap"]
    by_hand = sum(POINTS[d] / 100 * gaps[d] for d in servqual.DIMENSIONS)
    assert check("03.q2", by_hand).status == PASS
    assert "not normalised" in check("03.q2", 100 * by_hand).message
    assert "unweighted score" in check("03.q2", gaps.mean()).message
    assert "sign is flipped" in check("03.q2", -by_hand).message
    assert "seed 000's SQ" in check("03.q2", servqual.seed_sq(survey).mean()).message
    own = {d: survey[f"imp_{d}"].mean() for d in servqual.DIMENSIONS}
    assert "own imp_ points" in check("03.q2", servqual.servqual_score(survey, own)).message


def test_q3(survey):
    table = servqual.dimension_scores_by(survey, "branch")["reliability"]
    assert check("03.q3", table.idxmin()).status == PASS
    assert check("03.q3", " " + table.idxmin().lower()).status == PASS  # case and spaces do not matter
    assert "best" in check("03.q3", table.idxmax()).message
    other = [b for b in table.index if b not in (table.idxmin(), table.idxmax())][0]
    assert "not the most negative" in check("03.q3", other).message
    assert "is not one of" in check("03.q3", "Central").message


def test_q4(survey):
    p = survey[_cols("P", range(5, 10))]
    alpha = servqual.cronbach_alpha(p)
    assert check("03.q4", alpha).status == PASS
    assert "expectation items" in check("03.q4", servqual.cronbach_alpha(survey[_cols("E", range(5, 10))])).message
    assert "all 22" in check("03.q4", servqual.cronbach_alpha(survey[_cols("P", range(1, 23))])).message
    mixed = 5 / 4 * (1 - p.to_numpy().var(axis=0).sum() / p.sum(axis=1).var())  # numpy ddof=0, pandas ddof=1
    assert "ddof" in check("03.q4", mixed).message
    assert "cannot exceed 1" in check("03.q4", 1.7).message


def test_q5(survey):
    east = survey[survey["branch"] == "East"]
    a = east[_cols("A", range(5, 10))].to_numpy().mean()
    p = east[_cols("P", range(5, 10))].to_numpy().mean()
    assert check("03.q5", p - a).status == PASS
    assert "sign is flipped" in check("03.q5", a - p).message
    e = east[_cols("E", range(5, 10))].to_numpy().mean()
    assert "MSS" in check("03.q5", p - e).message
    everyone = servqual.tolerance_zone(survey).loc["reliability", "MSA"]
    assert "all branches" in check("03.q5", everyone).message
