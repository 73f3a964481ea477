"""Lesson 04 checks: blank, correct answer, typical mistakes, garbage."""

from __future__ import annotations

import pytest

from cxlib import data, gaps
from cxlib.exercises import FAIL, NOT_ATTEMPTED, PASS, check

AS_OF = "2024-09-01 00:00"


@pytest.fixture(scope="module")
def audit():
    return data.load("gap_audit").set_index("dimension")


@pytest.fixture(scope="module")
def flags():
    return gaps.sla_breaches(data.load("service_tickets"), as_of=AS_OF)


@pytest.mark.parametrize("qid", ["04.q1", "04.q2", "04.q3", "04.q4"])
def test_blank_and_garbage(qid):
    assert check(qid, ...).status == NOT_ATTEMPTED
    for junk in ("gap 3", None, [1, 2], {"a": 1}, object()):
        assert check(qid, junk).status in {FAIL, NOT_ATTEMPTED}


def test_q1(audit):
    row = audit.loc["reliability"]
    gap3 = row["delivered"] - row["standard"]
    assert check("04.q1", gap3).status == PASS
    assert "standard - delivered" in check("04.q1", -gap3).message
    assert "gap 5" in check("04.q1", row["perceived"] - row["expectation"]).message
    assert "gap 4" in check("04.q1", row["delivered"] - row["promised"]).message


def test_q2(audit):
    mean = gaps.measure(audit).mean()
    answer = gaps.priority(mean)
    assert check("04.q2", answer).status == PASS
    assert check("04.q2", float(answer)).status == PASS
    assert "closes only by closing" in check("04.q2", 5).message
    reliability_first = gaps.priority(gaps.measure(audit).loc["reliability"])
    assert reliability_first != answer
    assert "another gap is more negative" in check("04.q2", reliability_first).message
    least = int(mean[["gap1", "gap2", "gap3", "gap4"]].idxmax()[3:])
    assert "smallest shortfall" in check("04.q2", least).message
    assert "1, 2, 3 or 4" in check("04.q2", 7).message


def test_q3(flags):
    summary = gaps.sla_summary(flags, by="region")
    share = summary.loc["South", "respond"]
    assert check("04.q3", share).status == PASS
    assert "percentage" in check("04.q3", share * 100).message
    south = flags[flags["region"] == "South"]
    answered = south[south["response_h"].notna()]
    assert "never got a response" in check("04.q3", (answered["response_h"] > 2).mean()).message
    assert "whole network" in check("04.q3", gaps.sla_summary(flags).loc["all", "respond"]).message
    assert "count" in check("04.q3", south["respond_breach"].sum()).message


def test_q4(audit):
    g = gaps.measure(audit).loc["responsiveness"]
    answer = gaps.predicted_gap5(g["gap1"], g["gap2"], g["gap3"], 0)
    assert check("04.q4", answer).status == PASS
    assert "keeps gap 4" in check("04.q4", gaps.predicted_gap5(g["gap1"], g["gap2"], g["gap3"], g["gap4"])).message
    assert "measured gap 5" in check("04.q4", g["gap5"]).message
    assert "removed gap 4 from the measured" in check("04.q4", g["gap5"] - g["gap4"]).message
    assert "sign is flipped" in check("04.q4", -answer).message
