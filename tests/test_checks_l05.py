"""Lesson 05 checks: blank, correct answer, typical mistakes, garbage."""

from __future__ import annotations

import pytest

from cxlib import complaints, data
from cxlib.exercises import FAIL, NOT_ATTEMPTED, PASS, check


@pytest.fixture(scope="module")
def esc():
    return complaints.escalation_summary(data.load("complaint_log"))


def test_q1():
    assert check("05.q1", ...).status == NOT_ATTEMPTED
    ice = complaints.iceberg(3000)
    assert check("05.q1", ice.loc["silent", "customers"]).status == PASS
    assert check("05.q1", 3000 / 3 * 0.69).status == PASS
    assert "share of the dissatisfied third" in check("05.q1", 3000 * 0.69).message
    assert "who do complain" in check("05.q1", 3000 / 3 * (0.23 + 0.08)).message
    assert check("05.q1", "690").status == FAIL


def test_q2():
    assert check("05.q2", ...).status == NOT_ATTEMPTED
    assert check("05.q2", 1 / (0.40 * 0.25 * 0.20 * 0.50)).status == PASS
    assert check("05.q2", complaints.dissatisfied_per_vp_complaint()).status == PASS
    wrong = check("05.q2", 500)
    assert wrong.status == FAIL and "seed 000" in wrong.message
    assert "invert it" in check("05.q2", 0.40 * 0.25 * 0.20 * 0.50).message
    assert "only half" in check("05.q2", 1 / (0.40 * 0.25 * 0.20)).message


def test_q3(esc):
    assert check("05.q3", ...).status == NOT_ATTEMPTED
    log = data.load("complaint_log")
    share = (log["escalation_level"] == "vice_president").mean()
    assert check("05.q3", share).status == PASS
    assert "percentage" in check("05.q3", share * 100).message
    assert "number of VP complaints" in check("05.q3", (log["escalation_level"] == "vice_president").sum()).message
    assert "middle managers or higher" in check("05.q3", esc.loc["middle_manager", "share_reached"]).message


def test_q4(esc):
    assert check("05.q4", ...).status == NOT_ATTEMPTED
    vp = esc.loc["vice_president", "reached"]
    assert check("05.q4", vp * complaints.dissatisfied_per_vp_complaint()).status == PASS
    assert "wrong ratio" in check("05.q4", vp * 500).message
    assert "front line" in check("05.q4", esc.loc["front_line", "reached"] / 0.40).message
    assert check("05.q4", [vp]).status == FAIL


@pytest.mark.parametrize("qid", ["05.q1", "05.q2", "05.q3", "05.q4"])
def test_garbage_never_raises(qid):
    for junk in ("abc", None, [1, 2], {"a": 1}, True, float("nan")):
        assert check(qid, junk, strict=False).status in {FAIL, NOT_ATTEMPTED}
