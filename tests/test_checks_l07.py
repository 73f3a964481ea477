"""Lesson 07 checks: blank, correct answer, typical mistakes, garbage."""

from __future__ import annotations

import numpy as np
import pytest

from cxlib import data, measure
from cxlib.exercises import FAIL, NOT_ATTEMPTED, PASS, check

ATTRIBUTES = ["seating", "cleanliness", "food", "drinks_variety", "staff", "wifi"]


@pytest.fixture(scope="module")
def lounge():
    return data.load("satisfaction_drivers")


@pytest.fixture(scope="module")
def hall():
    weights = data.load("fuzzy_weights").set_index("attribute")
    R = measure.membership_matrix(data.load("fuzzy_answers"), attributes=list(weights.index))
    return weights, R


@pytest.mark.parametrize("qid", ["07.q1", "07.q2", "07.q3", "07.q4"])
def test_blank_and_garbage(qid):
    assert check(qid, ...).status == NOT_ATTEMPTED
    assert check(qid, None).status == NOT_ATTEMPTED
    for junk in ("0.5", [0.1, 0.2], {"a": 1}, object()):
        assert check(qid, junk).status == FAIL


def test_q1_complaint_rate():
    may = data.load("satisfaction_indicators").set_index("month").loc["2024-05"]
    rate = measure.complaint_rate(may["complained"], may["customers"])
    assert check("07.q1", rate).status == PASS
    assert "percentage" in check("07.q1", rate * 100).message
    assert "customers / complained" in check("07.q1", 1 / rate).message
    assert "number of customers who complained" in check("07.q1", may["complained"]).message
    assert "praise rate" in check("07.q1", may["praised"] / may["customers"]).message


def test_q2_fuzzy_membership_of_good(hall):
    weights, R = hall
    result = measure.fuzzy_evaluate(weights["weight"], R)
    assert check("07.q2", result.vector["good"]).status == PASS
    assert "not a label" in check("07.q2", "good").message
    equal = measure.fuzzy_evaluate({a: 1 for a in R.index}, R)
    assert "equal weights" in check("07.q2", equal.vector["good"]).message
    counts = weights["weight"].to_numpy() @ (R["good"].to_numpy() * 120)
    assert "counts" in check("07.q2", counts).message
    assert "points" in check("07.q2", result.vector["good"] * 100).message
    one = measure.fuzzy_evaluate(weights["expert_a"], R)
    assert "expert_a" in check("07.q2", one.vector["good"]).message


def test_q3_first_component_share(lounge):
    before = lounge[lounge["period"] == "before"]
    pc = measure.first_component(before, ATTRIBUTES)
    assert check("07.q3", pc.explained).status == PASS
    assert "percentage" in check("07.q3", pc.explained * 100).message
    assert "eigenvalue" in check("07.q3", pc.eigenvalues.iloc[0]).message
    eig = np.linalg.eigvalsh(np.cov(before[ATTRIBUTES].to_numpy(dtype=float), rowvar=False))
    assert "standardise" in check("07.q3", eig[-1] / eig.sum()).message
    assert "both periods" in check("07.q3", measure.first_component(lounge, ATTRIBUTES).explained).message


def test_q4_r_squared_drop(lounge):
    r2 = {p: measure.driver_weights(lounge[lounge["period"] == p], "overall", ATTRIBUTES).r_squared
          for p in ("before", "after")}
    drop = r2["before"] - r2["after"]
    assert check("07.q4", drop).status == PASS
    assert "after - before" in check("07.q4", -drop).message
    assert "one period" in check("07.q4", r2["before"]).message
    assert "percentage points" in check("07.q4", drop * 100).message
