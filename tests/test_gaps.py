"""cxlib.gaps: gap arithmetic by hand, priority rules, the teaching model, the service promise."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxlib import InputError, data, gaps
from cxlib.gaps import LEVELS, advice, measure, predicted_gap5, priority, sla_breaches, sla_summary


def audit_row(e=6.0, m=5.5, s=5.0, d=4.0, p=6.0, x=3.5, name="responsiveness"):
    return pd.DataFrame([dict(zip(LEVELS, (e, m, s, d, p, x)))], index=[name])


# --- measure ------------------------------------------------------------------------------------

def test_measure_by_hand():
    g = measure(audit_row()).loc["responsiveness"]
    # gap1 = 5.5 - 6 = -0.5; gap2 = 5 - 5.5 = -0.5; gap3 = 4 - 5 = -1; gap4 = 4 - 6 = -2; gap5 = 3.5 - 6 = -2.5
    assert g.tolist() == pytest.approx([-0.5, -0.5, -1.0, -2.0, -2.5])
    assert list(g.index) == ["gap1", "gap2", "gap3", "gap4", "gap5"]


def test_gaps_1_to_3_telescope_to_delivered_minus_expectation():
    g = measure(data.load("gap_audit").set_index("dimension"))
    audit = data.load("gap_audit").set_index("dimension")
    np.testing.assert_allclose(g[["gap1", "gap2", "gap3"]].sum(axis=1), audit["delivered"] - audit["expectation"])


def test_measure_missing_column():
    frame = audit_row().drop(columns="promised")
    with pytest.raises(InputError, match="no column promised"):
        measure(frame)


def test_measure_blank_names_column_and_row():
    frame = audit_row()
    frame.loc["responsiveness", "standard"] = np.nan
    with pytest.raises(InputError, match="column standard is blank in row responsiveness"):
        measure(frame)


def test_measure_outside_scale():
    with pytest.raises(InputError, match="column perceived has a value outside the 1-7 scale"):
        measure(audit_row(x=8))
    assert measure(audit_row(x=8), scale=None).loc["responsiveness", "gap5"] == pytest.approx(2.0)


def test_measure_not_a_frame():
    with pytest.raises(TypeError, match="gap audit must be a pandas DataFrame"):
        measure({"expectation": 6})


# --- priority and advice ------------------------------------------------------------------------

def test_priority_largest_shortfall():
    assert priority(measure(audit_row()).loc["responsiveness"]) == 4  # gap4 = -2 is the most negative


def test_priority_tie_goes_to_lower_number():
    assert priority({"gap1": -0.3, "gap2": -1.0, "gap3": -1.0, "gap4": 0}) == 2
    # a float tie (0.1 + 0.2 vs 0.3) still counts as a tie
    assert priority({"gap1": 0, "gap2": 0, "gap3": -(0.1 + 0.2), "gap4": -0.3}) == 3


def test_priority_no_shortfall():
    assert priority({"gap1": 0, "gap2": 0.1, "gap3": 0, "gap4": 0.4}) is None
    assert "No shortfall" in advice({"gap1": 0, "gap2": 0.1, "gap3": 0, "gap4": 0.4})


def test_priority_ignores_gap5():
    assert priority({"gap1": -0.1, "gap2": 0, "gap3": 0, "gap4": 0, "gap5": -3}) == 1


def test_priority_per_row_and_on_average():
    g = measure(data.load("gap_audit").set_index("dimension"))
    per_row = priority(g)
    assert per_row["reliability"] == 3 and per_row["responsiveness"] == 4
    assert per_row["assurance"] == 1 and per_row["empathy"] == 2
    assert priority(g.mean()) == 4  # the network's over-promising is the largest shortfall on average
    assert str(per_row.dtype) == "Int64"


def test_priority_table_with_no_shortfall_row():
    table = pd.DataFrame({"gap1": [-1.0, 0.2], "gap2": [0, 0], "gap3": [0, 0], "gap4": [0, 0]}, index=["a", "b"])
    out = priority(table)
    assert out["a"] == 1 and pd.isna(out["b"])


def test_advice_words():
    msg = advice({"gap1": -0.2, "gap2": -0.1, "gap3": -1.2, "gap4": -0.3})
    assert msg.startswith("Close gap 3 (not delivering to service standards) first: -1.20")


def test_priority_bad_input():
    with pytest.raises(InputError, match="no value for gap4"):
        priority({"gap1": -1, "gap2": 0, "gap3": 0})
    with pytest.raises(TypeError, match="gap2 must be a number, got str"):
        priority({"gap1": -1, "gap2": "0", "gap3": 0, "gap4": 0})
    with pytest.raises(TypeError, match="gaps must be a row"):
        priority([-1, 0, 0, 0])
    with pytest.raises(TypeError, match="one row"):
        advice(measure(audit_row()))


# --- the teaching model -------------------------------------------------------------------------

def test_predicted_gap5_by_hand():
    # delivery short of the standard binds: min(-0.2 - 0.1 - 1.2, -0.3) = -1.5
    assert predicted_gap5(-0.2, -0.1, -1.2, -0.3) == pytest.approx(-1.5)
    # over-promising binds: min(-0.2 - 0.1 - 0.4, -1.4) = -1.4
    assert predicted_gap5(-0.2, -0.1, -0.4, -1.4) == pytest.approx(-1.4)
    # a promise below expectation does not lower the bar: delivered 6, expected 6.5, promised 5
    assert predicted_gap5(0, 0, -0.5, 1.0) == pytest.approx(-0.5)


def test_predicted_gap5_counts_one_shortfall_once():
    # issue 10: promise = standard = expectation = 6, delivery 1 point short -> gap 5 = -1, not -2
    g = measure(audit_row(e=6.0, m=6.0, s=6.0, d=5.0, p=6.0)).iloc[0]
    assert (g["gap3"], g["gap4"]) == (pytest.approx(-1.0), pytest.approx(-1.0))
    assert predicted_gap5(g["gap1"], g["gap2"], g["gap3"], g["gap4"]) == pytest.approx(-1.0)


def test_predicted_gap5_is_delivered_minus_higher_of_expectation_and_promise():
    e, m, s, d, p = 6.0, 5.5, 5.0, 4.0, 6.5
    g = measure(audit_row(e, m, s, d, p)).iloc[0]
    assert predicted_gap5(g["gap1"], g["gap2"], g["gap3"], g["gap4"]) == pytest.approx(d - max(e, p))


def test_predicted_gap5_closing_the_non_binding_gap_changes_nothing():
    # responsiveness in the course audit: gap 4 (-1.4) binds, so closing gap 3 (-0.4) alone does nothing
    assert predicted_gap5(-0.2, -0.1, 0.0, -1.4) == pytest.approx(predicted_gap5(-0.2, -0.1, -0.4, -1.4))
    assert predicted_gap5(-0.2, -0.1, -0.4, 0.0) == pytest.approx(-0.7)


def test_predicted_gap5_on_series_keeps_the_index():
    g = measure(data.load("gap_audit").set_index("dimension"))
    pred = predicted_gap5(g["gap1"], g["gap2"], g["gap3"], g["gap4"])
    assert isinstance(pred, pd.Series) and list(pred.index) == list(g.index)
    assert pred["responsiveness"] == pytest.approx(-1.4) and pred["reliability"] == pytest.approx(-1.5)
    assert isinstance(predicted_gap5(-0.2, -0.1, -1.2, -0.3), float)


def test_predicted_gap5_docstring_says_teaching_simplification():
    assert "teaching simplification" in predicted_gap5.__doc__
    assert "Parasuraman" in predicted_gap5.__doc__


def test_predicted_gap5_bad_input():
    with pytest.raises(TypeError, match="gap3 must be a number"):
        predicted_gap5(0, 0, "x", 0)
    with pytest.raises(InputError, match="gap2 is blank in row 1"):
        predicted_gap5(pd.Series([0, 0]), pd.Series([0, np.nan]), 0, 0)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(1, 7), min_size=6, max_size=6))
def test_teaching_model_identity_and_never_above_the_scale(levels):
    e, m, s, d, p, _ = levels
    g = measure(audit_row(*levels)).iloc[0]
    g5 = predicted_gap5(g["gap1"], g["gap2"], g["gap3"], g["gap4"])
    assert g5 == pytest.approx(d - max(e, p), abs=1e-9)
    # the level customers judge against, delivered - gap 5, stays on the 1-7 scale
    assert 1 - 1e-9 <= d - g5 <= 7 + 1e-9
    # never worse than the worse shortfall, never better than either
    assert g5 <= min(d - e, d - p) + 1e-9


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(-3, 3, allow_nan=False), min_size=4, max_size=4))
def test_priority_is_a_most_negative_gap(values):
    row = dict(zip(["gap1", "gap2", "gap3", "gap4"], values))
    g = priority(row)
    if min(values) >= 0:
        assert g is None
    else:
        assert values[g - 1] <= min(values) + 1e-9
        assert all(v > min(values) + 1e-9 for v in values[: g - 1])  # no earlier gap ties it


# --- the Haier promise --------------------------------------------------------------------------

def tickets():
    return pd.DataFrame({
        "ticket_id": ["a", "b", "c", "d", "e"],
        "region": ["N", "N", "S", "S", "S"],
        "severity": ["ordinary", "major", "ordinary", "ordinary", "major"],
        "reported_at": ["2024-07-01 08:00", "2024-07-01 09:00", "2024-07-01 10:00", "2024-07-03 20:00", "2024-07-02 00:00"],
        "responded_at": ["2024-07-01 09:30", "2024-07-01 11:30", "2024-07-01 13:00", None, None],
        "fixed_at": ["2024-07-01 20:00", "2024-07-04 10:00", "2024-07-02 09:00", None, None],
    })


def test_breaches_by_hand():
    out = sla_breaches(tickets(), as_of="2024-07-04 12:00")
    # a: responded 1.5 h, fixed 12 h (ordinary, 24) -> no breach
    # b: responded 2.5 h -> breach; fixed 73 h (major, 72) -> breach
    # c: responded 3 h -> breach; fixed 23 h -> ok
    # d: reported 16 h before as_of, nothing yet -> response overdue; fix pending (16 < 24)
    # e: 60 h waiting, major: response overdue; fix pending (60 < 72)
    assert out["response_h"].tolist()[:3] == pytest.approx([1.5, 2.5, 3.0])
    assert out["respond_breach"].tolist() == [False, True, True, True, True]
    assert out["fix_breach"].tolist() == [False, True, False, False, False]
    assert out["fix_pending"].tolist() == [False, False, False, True, True]
    assert out["respond_pending"].tolist() == [False] * 5
    assert out["fix_limit_h"].tolist() == [24, 72, 24, 24, 72]


def test_open_tickets_become_breaches_once_overdue():
    out = sla_breaches(tickets(), as_of="2024-07-05 01:00")
    # d: 29 h > 24 -> fix breach; e: 73 h > 72 -> fix breach
    assert out["fix_breach"].tolist() == [False, True, False, True, True]
    assert not out["fix_pending"].any()


def test_default_as_of_is_latest_stamp():
    out = sla_breaches(tickets())  # latest stamp: b fixed 2024-07-04 10:00
    assert out.loc[3, "fix_pending"]  # d has waited 14 h, under 24


def test_summary_by_hand():
    out = sla_breaches(tickets(), as_of="2024-07-04 12:00")
    s = sla_summary(out, by="region")
    # N: respond 1/2; fix ordinary 0/1; fix major 1/1; any 1/2
    assert s.loc["N", ["tickets", "respond", "fix_ordinary", "fix_major", "any", "pending"]].tolist() == \
        pytest.approx([2, 0.5, 0.0, 1.0, 0.5, 0])
    # S: respond 3/3; fix ordinary 0/1 (d pending); fix major none decided -> blank; any 3/3
    assert s.loc["S", "respond"] == 1.0 and s.loc["S", "fix_ordinary"] == 0.0
    assert pd.isna(s.loc["S", "fix_major"]) and s.loc["S", "pending"] == 2
    overall = sla_summary(out)
    assert overall.index.tolist() == ["all"] and overall.loc["all", "respond"] == pytest.approx(4 / 5)


def test_custom_promise():
    out = sla_breaches(tickets(), respond_h=4, as_of="2024-07-04 12:00")
    assert out["respond_breach"].tolist()[:3] == [False, False, False]


def test_course_tickets_story():
    t = data.load("service_tickets")
    assert len(t) >= 400
    s = sla_summary(sla_breaches(t, as_of="2024-09-01 00:00"), by="region")
    assert s["respond"].idxmax() == "South" and s.loc["South", "respond"] > 0.3
    assert t["fixed_at"].isna().any()  # some were still open when the extract was taken


def test_haier_promise_numbers():
    # seed 002: respond within 2 h, ordinary faults within 24 h, major within 72 h
    assert gaps.HAIER_PROMISE == {"respond_h": 2, "ordinary_fix_h": 24, "major_fix_h": 72}


def test_gap_catalogue():
    assert list(gaps.GAPS.index) == [1, 2, 3, 4, 5]
    assert gaps.GAPS.loc[5, "side"] == "customer"
    assert gaps.GAPS.loc[1, "formula"] == "management_perception - expectation"
    assert len(gaps.GAPS.loc[3, "causes"]) == 4  # seed 002 lists four human-resource causes


def test_bad_severity():
    t = tickets()
    t.loc[2, "severity"] = "urgent"
    with pytest.raises(InputError, match="severity must be 'ordinary' or 'major': row 2 is 'urgent'"):
        sla_breaches(t)


def test_bad_timestamp():
    t = tickets()
    t.loc[1, "responded_at"] = "yesterday"
    with pytest.raises(InputError, match="responded_at is not a date-time: row 1 is 'yesterday'"):
        sla_breaches(t)


def test_missing_report_time():
    t = tickets()
    t.loc[4, "reported_at"] = None
    with pytest.raises(InputError, match="reported_at is blank in row 4"):
        sla_breaches(t)


def test_fix_before_report():
    t = tickets()
    t.loc[0, "fixed_at"] = "2024-06-30 08:00"
    with pytest.raises(InputError, match="fixed_at is before reported_at in row 0"):
        sla_breaches(t)


def test_missing_severity_column():
    with pytest.raises(InputError, match="no column severity"):
        sla_breaches(tickets().drop(columns="severity"))


def test_bad_limit_and_as_of():
    with pytest.raises(InputError, match="respond_h must be a positive"):
        sla_breaches(tickets(), respond_h=0)
    with pytest.raises(InputError, match="reported after as_of"):
        sla_breaches(tickets(), as_of="2024-07-01 09:30")


def test_summary_needs_breaches():
    with pytest.raises(InputError, match="sla_breaches"):
        sla_summary(tickets())


def test_datetime_columns_accepted():
    t = tickets()
    for c in ("reported_at", "responded_at", "fixed_at"):
        t[c] = pd.to_datetime(t[c])
    a = sla_breaches(t, as_of="2024-07-04 12:00")
    b = sla_breaches(tickets(), as_of="2024-07-04 12:00")
    assert a["respond_breach"].tolist() == b["respond_breach"].tolist()


def test_inputs_not_modified():
    t = tickets()
    before = t.copy()
    out = sla_breaches(t, as_of="2024-07-04 12:00")
    sla_summary(out, by="region")
    pd.testing.assert_frame_equal(t, before)
    audit = data.load("gap_audit").set_index("dimension")
    a_before = audit.copy()
    g = measure(audit)
    g_before = g.copy()
    priority(g)
    advice(g.mean())
    pd.testing.assert_frame_equal(audit, a_before)
    pd.testing.assert_frame_equal(g, g_before)


# --- the what-if ----------------------------------------------------------------------------------

def test_whatif_follows_the_teaching_model():
    from cxlib import widgets

    box = widgets.gap_whatif(-0.2, -0.1, -1.2, -0.3)
    assert "Gap 5 = -1.50" in box.verdict.value and "Close gap 3 first" in box.verdict.value
    box.controls["gap4"].value = -2.0
    assert "Gap 5 = -2.00" in box.verdict.value and "Close gap 4 first" in box.verdict.value
    for k in range(1, 5):
        box.controls[f"gap{k}"].value = 0.5
    assert "No provider gap is negative" in box.verdict.value
