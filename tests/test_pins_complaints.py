"""Pins for cxlib.complaints: behaviour the mutation run (make mutate) found no test holding."""

from __future__ import annotations

import dataclasses
import warnings

import pandas as pd
import pytest

from cxlib import InputError, complaints


def test_iceberg_dissatisfied_layer_is_all_of_the_dissatisfied():
    ice = complaints.iceberg(3000)
    assert ice.loc["dissatisfied", "share_of_dissatisfied"] == 1.0
    assert pd.isna(ice.loc["satisfied", "share_of_dissatisfied"])
    assert ice["share_of_dissatisfied"].iloc[2:].tolist() == [0.69, 0.23, 0.08]


def test_pyramid_step_column_is_the_share_applied_at_each_level():
    assert complaints.pyramid(1000)["step"].tolist() == [1.0, 0.40, 0.25, 0.20, 0.50]


def test_escalation_counts_climb_from_the_top_down():
    log = pd.DataFrame({"escalation_level": ["front_line"] * 3 + ["middle_manager"] * 2 + ["vice_president"]})
    table = complaints.escalation_summary(log)
    assert table["complaints"].tolist() == [3, 2, 1]
    assert table["reached"].tolist() == [6, 3, 1]  # this level or higher
    assert table["share_reached"].tolist() == pytest.approx([1.0, 0.5, 1 / 6])
    assert table["pyramid_share"].tolist() == pytest.approx([1.0, 0.25, 0.025])


def test_channel_steps_are_numbered_from_1():
    spans = complaints.CHANNEL_STEPS.groupby("channel")["step"].agg(["min", "max"])
    assert spans.to_dict("index") == {"face_to_face": {"min": 1, "max": 9}, "home_visit": {"min": 1, "max": 5},
                                      "letter": {"min": 1, "max": 6}, "phone": {"min": 1, "max": 3}}


def test_cause_pareto_with_only_blank_causes_left_out_says_so():
    with pytest.raises(InputError, match="complaint log column cause is blank in every row"):
        complaints.cause_pareto(pd.DataFrame({"cause": [None, None]}), dropna=True)


def test_recommendation_reasons_are_a_plain_table():
    rec = complaints.recommend_method("phone", "product_quality", "calm")
    assert "index" not in rec.reasons.columns
    assert list(rec.reasons.index) == list(range(len(rec.reasons)))


def test_recommendation_text_numbers_steps_from_1_and_shows_a_note_only_when_there_is_one():
    empty = complaints.recommend_method("phone", "product_quality", "calm").reasons.iloc[:0]
    plain = complaints.Recommendation((), empty, ("Listen.", "Log it."))
    assert plain.text().splitlines() == ["Methods: no method yet", "Steps (2):", "  1. Listen.", "  2. Log it."]
    noted = complaints.Recommendation((), empty, ("Listen.",), note="Assess first.")
    assert "Note: Assess first." in noted.text().splitlines()


def test_recommendation_cannot_be_changed_after_the_fact():
    rec = complaints.recommend_method("phone", "product_quality", "calm")
    with pytest.raises(dataclasses.FrozenInstanceError):
        rec.note = "edited"


def test_merged_spellings_keep_the_order_they_first_appear_in():
    log = pd.DataFrame({"cause": ["billing", "Billing", "Billing", "late"]})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        table = complaints.cause_pareto(log)
    assert table["count"].to_dict() == {"Billing": 3, "late": 1}  # the most common spelling names it
    assert table.attrs["merged"] == {"Billing": ["billing", "Billing"]}  # in order of first appearance
    assert len(caught) == 1 and caught[0].filename == __file__  # the warning points at the caller's line
