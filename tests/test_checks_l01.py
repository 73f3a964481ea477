"""Lesson 01 checks: blank, correct answer, typical mistakes, garbage."""

from __future__ import annotations

import numpy as np
import pytest

from cxlib import data, triangle
from cxlib.exercises import FAIL, NOT_ATTEMPTED, PASS, check


@pytest.fixture(scope="module")
def visits():
    v = data.load("satisfaction_visits")
    v["satisfaction"] = triangle.satisfaction(v["experience"], v["expectation"])
    return v


def test_q1(visits):
    assert check("01.q1", ...).status == NOT_ATTEMPTED
    assert check("01.q1", 6.5 - 8.0).status == PASS
    wrong = check("01.q1", 8.0 - 6.5)
    assert wrong.status == FAIL and "expectation - experience" in wrong.message


def test_q2(visits):
    share = (visits["satisfaction"] < 0).mean()
    assert check("01.q2", share).status == PASS
    assert "percentage" in check("01.q2", share * 100).message
    assert "'met'" in check("01.q2", (visits["satisfaction"] <= 0).mean()).message
    assert "satisfied visits" in check("01.q2", (visits["satisfaction"] > 0).mean()).message


def test_q3(visits):
    q8 = visits[visits["quarter"] == 8].groupby("shop")["satisfaction"].mean()
    assert check("01.q3", q8.idxmin()).status == PASS
    assert check("01.q3", q8.idxmin().upper()).status == PASS  # case does not matter
    assert "highest" in check("01.q3", q8.idxmax()).message


def test_q4(visits):
    means = visits.groupby("quarter")["expectation"].mean()
    slope = np.polyfit(means.index.to_numpy(float), means.to_numpy(), 1)[0]
    assert check("01.q4", slope).status == PASS
    assert check("01.q4", np.float64(slope)).status == PASS
    assert "total rise" in check("01.q4", means.iloc[-1] - means.iloc[0]).message
    assert check("01.q4", -slope).status == FAIL
