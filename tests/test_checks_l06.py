"""Lesson 06 checks: blank, correct answer, typical mistakes, garbage."""

from __future__ import annotations

import pytest

from cxlib import complaints, data
from cxlib.exercises import FAIL, NOT_ATTEMPTED, PASS, check


@pytest.fixture(scope="module")
def log():
    return data.load("complaint_log")


def test_q1():
    assert check("06.q1", ...).status == NOT_ATTEMPTED
    rec = complaints.recommend_method("face_to_face", "product_quality", "calm", "misunderstanding")
    assert check("06.q1", rec.methods[0]).status == PASS
    assert check("06.q1", "Conversion").status == PASS  # the English name works too
    assert "nobody made a mistake" in check("06.q1", "admit_mistake").message
    assert "baseless" in check("06.q1", "diversion").message
    assert "does not deal with the misunderstanding" in check("06.q1", "humour").message
    assert check("06.q1", "TAPR").status == FAIL


def test_q2(log):
    assert check("06.q2", ...).status == NOT_ATTEMPTED
    pareto = complaints.cause_pareto(log)
    top_two = pareto["share"].iloc[:2].sum()
    assert check("06.q2", top_two).status == PASS
    assert "percentage" in check("06.q2", top_two * 100).message
    assert "top cause alone" in check("06.q2", pareto["share"].iloc[0]).message
    assert "number of complaints" in check("06.q2", pareto["count"].iloc[:2].sum()).message


def test_q3(log):
    assert check("06.q3", ...).status == NOT_ATTEMPTED
    hours = log.groupby("channel")["hours_to_resolve"]
    assert check("06.q3", hours.median().idxmax()).status == PASS
    by_mean = hours.mean().idxmax()
    assert by_mean != hours.median().idxmax()  # the data is built so the mean misleads
    assert "use the median" in check("06.q3", by_mean).message
    assert "fastest" in check("06.q3", hours.median().idxmin()).message


def test_q4(log):
    blank = {"channel": ..., "cause": ..., "share": ...}
    assert check("06.q4", blank).status == NOT_ATTEMPTED
    cells = log.groupby(["channel", "cause"]).size().sort_values(ascending=False)
    (channel, cause), n = cells.index[0], cells.iloc[0]
    passed = check("06.q4", {"channel": channel, "cause": cause, "share": n / len(log)})
    assert passed.status == PASS and "largest cell" in passed.message
    (c2, k2), n2 = cells.index[3], cells.iloc[3]
    other = check("06.q4", {"channel": c2, "cause": k2, "share": n2 / len(log)})
    assert other.status == PASS and "number 4" in other.message
    within = n / (log["channel"] == channel).sum()
    assert "within the" in check("06.q4", {"channel": channel, "cause": cause, "share": within}).message
    assert "percentage" in check("06.q4", {"channel": channel, "cause": cause, "share": 100 * n / len(log)}).message
    assert check("06.q4", {"channel": "fax", "cause": cause, "share": 0.1}).status == FAIL
    assert check("06.q4", (channel, cause, 0.15)).status == FAIL


@pytest.mark.parametrize("qid", ["06.q1", "06.q2", "06.q3", "06.q4"])
def test_garbage_never_raises(qid):
    for junk in ("abc", None, [1, 2], {"a": 1}, True, 3.5):
        assert check(qid, junk, strict=False).status in {FAIL, NOT_ATTEMPTED}
