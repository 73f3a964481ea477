"""Pins for cxlib.gaps: behaviour the mutation run (make mutate) found no test holding."""

from __future__ import annotations

import inspect

import numpy as np
import pandas as pd
import pytest

from cxlib import InputError, gaps

# Haier's promise (seed 002): respond within 2 h, fix ordinary faults within 24 h, major
# ones within 72 h. "Within" includes the limit itself: exactly 2 h keeps the promise.
AS_OF = "2024-07-04 08:00"
TICKETS = pd.DataFrame.from_records([
    # name, severity, region, reported, responded, fixed
    ("A", "ordinary", "s", "2024-07-01 08:00", "2024-07-01 10:00", "2024-07-02 08:00"),  # 2 h, 24 h: kept
    ("B", "ordinary", "n", "2024-07-01 08:00", "2024-07-01 10:01", "2024-07-02 08:01"),  # a minute over both
    ("C", "major", "s", "2024-07-01 08:00", "2024-07-01 09:00", "2024-07-04 08:00"),     # 72 h: kept
    ("D", "major", "n", "2024-07-01 08:00", "2024-07-01 09:00", "2024-07-04 08:01"),     # 72 h 1 min
    ("E", "ordinary", "s", "2024-07-04 06:00", None, None),  # open exactly 2 h: pending, no breach yet
    ("F", "ordinary", "n", "2024-07-04 05:59", None, None),  # open 2 h 1 min: response breach
    ("G", "ordinary", "s", "2024-07-03 08:00", "2024-07-03 09:00", None),  # unfixed exactly 24 h: pending
    ("H", "major", "n", "2024-07-01 08:00", "2024-07-01 09:00", None),     # unfixed exactly 72 h: pending
    ("I", "major", "s", "2024-07-01 07:59", "2024-07-01 08:30", None),     # unfixed 72 h 1 min: breach
], columns=["name", "severity", "region", "reported_at", "responded_at", "fixed_at"]).set_index("name")


def _names(mask: pd.Series) -> str:
    return "".join(mask.index[mask])


def test_sla_limits_are_inclusive_for_done_and_open_tickets():
    out = gaps.sla_breaches(TICKETS, as_of=AS_OF)
    assert _names(out["respond_breach"]) == "BF"
    assert _names(out["fix_breach"]) == "BDI"
    assert _names(out["respond_pending"]) == "E"
    assert _names(out["fix_pending"]) == "EFGH"
    assert out.loc["A", ["response_h", "fix_h", "fix_limit_h"]].tolist() == [2.0, 24.0, 24.0]
    assert out.loc["C", "fix_limit_h"] == 72.0


def test_sla_summary_shares_hand_counted():
    table = gaps.sla_summary(gaps.sla_breaches(TICKETS, as_of=AS_OF))
    row = table.loc["all"]
    assert row["tickets"] == 9 and row["pending"] == 4           # E, F, G, H still open within a limit
    assert row["respond"] == pytest.approx(2 / 8)                 # B, F of the 8 decided (E pending)
    assert row["fix_ordinary"] == pytest.approx(1 / 2)            # B of A, B (E, F, G pending)
    assert row["fix_major"] == pytest.approx(2 / 3)               # D, I of C, D, I (H pending)
    assert row["any"] == pytest.approx(4 / 6)                     # B, D, F, I of A, B, C, D, F, I


def test_sla_summary_by_group_is_sorted_and_blank_without_decided_tickets():
    table = gaps.sla_summary(gaps.sla_breaches(TICKETS, as_of=AS_OF), by="region")
    assert list(table.index) == ["n", "s"] and table.index.name == "region"
    assert table["tickets"].tolist() == [4, 5]
    only_pending = gaps.sla_breaches(TICKETS.loc[["E"]], as_of=AS_OF)
    shares = gaps.sla_summary(only_pending).loc["all"]
    assert np.isnan(shares["respond"]) and np.isnan(shares["fix_ordinary"]) and np.isnan(shares["any"])


def test_the_default_limits_are_haiers_promise():
    assert gaps.HAIER_PROMISE == {"respond_h": 2, "ordinary_fix_h": 24, "major_fix_h": 72}
    defaults = {k: p.default for k, p in inspect.signature(gaps.sla_breaches).parameters.items()}
    assert {k: defaults[k] for k in gaps.HAIER_PROMISE} == gaps.HAIER_PROMISE


def test_limits_below_an_hour_are_fine_but_not_zero():
    out = gaps.sla_breaches(TICKETS.loc[["A"]], respond_h=0.5, as_of=AS_OF)
    assert bool(out.loc["A", "respond_breach"])
    with pytest.raises(InputError, match="respond_h must be a positive number of hours, got 0"):
        gaps.sla_breaches(TICKETS, respond_h=0)


def test_time_stamp_edge_cases():
    instant = TICKETS.loc[["A"]].assign(responded_at="2024-07-01 08:00")  # answered at once: 0 h
    assert gaps.sla_breaches(instant, as_of=AS_OF).loc["A", "response_h"] == 0.0
    now = gaps.sla_breaches(TICKETS.loc[["E"]], as_of="2024-07-04 06:00")  # reported at as_of itself
    assert bool(now.loc["E", "respond_pending"]) and not now.loc["E", "respond_breach"]
    third = TICKETS.loc[["A"]].assign(responded_at="2024-07-01 08:20")
    third = third.assign(fixed_at="2024-07-01 09:40")  # fixed 1 h 40 min after the report
    assert gaps.sla_breaches(third, as_of=AS_OF).loc["A", ["response_h", "fix_h"]].tolist() == [0.3333, 1.6667]
    with pytest.raises(InputError, match="as_of must be a date-time such as '2024-09-01 00:00', got 'soon'"):
        gaps.sla_breaches(TICKETS, as_of="soon")
    zoned = TICKETS.assign(reported_at=pd.to_datetime(TICKETS["reported_at"]).dt.tz_localize("Asia/Shanghai"))
    with pytest.raises(InputError, match="tickets column reported_at carries a time zone"):
        gaps.sla_breaches(zoned, as_of=AS_OF)


def test_gap_catalogue_is_numbered_1_to_5():
    assert list(gaps.GAPS.index) == [1, 2, 3, 4, 5]
    assert gaps.GAPS.loc[5, "side"] == "customer" and gaps.GAPS.loc[1, "chinese"] == "不了解客户期望"


def test_priority_ties_within_a_billionth_go_to_the_lower_gap():
    # gap 1 is a billionth above gap 3: a tie on paper, so the lower number wins
    assert gaps.priority({"gap1": -1.0 + 1e-9, "gap2": 0.0, "gap3": -1.0, "gap4": 0.0}) == 1
    assert gaps.priority({"gap1": -1.0 + 1e-6, "gap2": 0.0, "gap3": -1.0, "gap4": 0.0}) == 3


def test_predicted_gap5_takes_lists_and_refuses_true_false():
    as_lists = gaps.predicted_gap5([-0.2, 0.1], [-0.1, 0.0], [-1.2, 0.3], [-0.3, 0.2])
    as_arrays = gaps.predicted_gap5(*(np.array(v) for v in ([-0.2, 0.1], [-0.1, 0.0], [-1.2, 0.3], [-0.3, 0.2])))
    np.testing.assert_allclose(np.asarray(as_lists, dtype=float), np.asarray(as_arrays, dtype=float))
    with pytest.raises(TypeError, match="gap2"):
        gaps.predicted_gap5([0.1], [True], [0.0], [0.0])
