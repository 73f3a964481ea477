"""Lessons 05-06 maths: complaint iceberg and pyramid (seed 000), handling methods (seed 001)."""

from __future__ import annotations

import itertools
import math
import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxlib import InputError, complaints, data

share = st.floats(min_value=0, max_value=1, allow_nan=False)
positive_share = st.floats(min_value=0.01, max_value=1, allow_nan=False)
three_weights = st.tuples(share, share, share).filter(lambda w: sum(w) > 0)


# --- iceberg ------------------------------------------------------------------------------------

def test_iceberg_hand_computed():
    ice = complaints.iceberg(3000)
    # 3000 x 1/3 = 1000 dissatisfied; 1000 x 0.69 = 690, x 0.23 = 230, x 0.08 = 80
    expected = {"satisfied": 2000, "dissatisfied": 1000, "silent": 690, "to_staff": 230, "to_relations": 80}
    for layer, n in expected.items():
        assert ice.loc[layer, "customers"] == pytest.approx(n, abs=1e-9)


def test_iceberg_british_airways_shares_seed_000():
    ice = complaints.iceberg(1)
    assert ice.loc["dissatisfied", "share_of_all"] == pytest.approx(1 / 3)
    assert ice.loc["silent", "share_of_dissatisfied"] == 0.69
    assert ice.loc["to_staff", "share_of_dissatisfied"] == 0.23
    assert ice.loc["to_relations", "share_of_dissatisfied"] == 0.08
    # the company hears 23% + 8% = 31% of the dissatisfied, about 10% of all customers
    heard = ice.loc[["to_staff", "to_relations"], "share_of_all"].sum()
    assert heard == pytest.approx(0.31 / 3)


def test_iceberg_counts_are_exact_floats_not_rounded():
    ice = complaints.iceberg(100)  # 100 / 3 x 0.08 = 2.666...
    assert ice.loc["to_relations", "customers"] == pytest.approx(100 / 3 * 0.08)
    assert not float(ice.loc["to_relations", "customers"]).is_integer()


def test_iceberg_layers_must_add_up_to_one_and_the_error_says_what_they_add_to():
    with pytest.raises(InputError, match=r"add up to 0\.91 \(0\.6 \+ 0\.23 \+ 0\.08\)\. Raise one of them by 0\.09"):
        complaints.iceberg(3000, silent=0.60)
    with pytest.raises(InputError, match=r"add up to 1\.1 .*Lower one of them by 0\.1"):
        complaints.iceberg(3000, silent=0.79)


@pytest.mark.parametrize("kwargs, error, message", [
    ({"customers": -5}, InputError, "customers must be zero or more, got -5"),
    ({"customers": "3000"}, TypeError, "customers must be a number, got str '3000'"),
    ({"customers": 3000, "dissatisfied_share": 33}, InputError, r"dissatisfied_share must be a share.*0\.33"),
    ({"customers": 3000, "silent": -0.1}, InputError, "silent must be a share between 0 and 1"),
    ({"customers": 3000, "to_staff": float("nan")}, InputError, "to_staff must be a finite number"),
])
def test_iceberg_bad_inputs(kwargs, error, message):
    with pytest.raises(error, match=message):
        complaints.iceberg(**kwargs)


@settings(max_examples=80, deadline=None)
@given(n=st.integers(min_value=0, max_value=10_000_000), d=share, weights=three_weights)  # whole customers
def test_iceberg_invariants(n, d, weights):
    # three layer shares that add up to 1, generated valid (1 - a - b can be -1e-186 in floats)
    a, b, c = (w / sum(weights) for w in weights)
    ice = complaints.iceberg(n, d, a, b, c)
    assert (ice["customers"] >= -1e-9).all()
    shares = ice[["share_of_all", "share_of_dissatisfied"]].stack().dropna()  # satisfied: blank
    assert ((shares >= -1e-12) & (shares <= 1 + 1e-12)).all()
    assert ice.loc[["satisfied", "dissatisfied"], "customers"].sum() == pytest.approx(n, abs=1e-6)
    layers = ice.loc[["silent", "to_staff", "to_relations"], "customers"].sum()
    assert layers == pytest.approx(ice.loc["dissatisfied", "customers"], abs=1e-6)


# --- pyramid ------------------------------------------------------------------------------------

def test_pyramid_hand_computed():
    pyr = complaints.pyramid(1000)
    # 1000 x 0.40 = 400; x 0.25 = 100; x 0.20 = 20; x 0.50 = 10
    assert pyr["customers"].tolist() == pytest.approx([1000, 400, 100, 20, 10])
    assert pyr.loc["vice_president", "share_of_dissatisfied"] == pytest.approx(0.01)


def test_one_vp_complaint_stands_for_100_not_500():
    ratio = complaints.dissatisfied_per_vp_complaint()
    assert abs(ratio - 1 / (0.40 * 0.25 * 0.20 * 0.50)) < 1e-9  # 1 / 0.01
    assert abs(ratio - 100) < 1e-9
    assert abs(ratio - 500) > 1  # seed 000's figure is not what its own shares give
    # 500 would need the four shares to multiply to 0.002, e.g. a VP share of 0.1, not 0.5
    assert complaints.dissatisfied_per_vp_complaint(to_vp=0.10) == pytest.approx(500)


def test_per_vp_ratio_matches_the_pyramid():
    pyr = complaints.pyramid(1000)
    assert 1000 / pyr.loc["vice_president", "customers"] == pytest.approx(complaints.dissatisfied_per_vp_complaint())


@pytest.mark.parametrize("name", ["frontline", "to_middle", "beyond_middle", "to_vp"])
def test_zero_share_means_no_vp_complaint_and_says_which(name):
    with pytest.raises(InputError, match=f"when {name} is 0.*undefined"):
        complaints.dissatisfied_per_vp_complaint(**{name: 0})
    assert complaints.pyramid(1000, **{name: 0}).loc["vice_president", "customers"] == 0


def test_two_zero_shares_are_both_named():
    with pytest.raises(InputError, match="when frontline and to_vp are 0"):
        complaints.dissatisfied_per_vp_complaint(frontline=0, to_vp=0)


@pytest.mark.parametrize("kwargs, error, message", [
    ({"dissatisfied": -1}, InputError, "dissatisfied must be zero or more"),
    ({"dissatisfied": 1000, "to_vp": 50}, InputError, r"write 50% as 0\.5"),
    ({"dissatisfied": 1000, "frontline": "0.4"}, TypeError, "frontline must be a number"),
])
def test_pyramid_bad_inputs(kwargs, error, message):
    with pytest.raises(error, match=message):
        complaints.pyramid(**kwargs)


@settings(max_examples=80, deadline=None)
@given(n=st.floats(min_value=0, max_value=1e7), f=positive_share, m=positive_share, b=positive_share, v=positive_share)
def test_pyramid_invariants(n, f, m, b, v):
    pyr = complaints.pyramid(n, f, m, b, v)
    counts = pyr["customers"].to_numpy()
    assert (np.diff(counts) <= 1e-9).all()  # each level is no larger than the one below
    ratio = complaints.dissatisfied_per_vp_complaint(f, m, b, v)
    assert ratio * f * m * b * v == pytest.approx(1)
    assert counts[-1] * ratio == pytest.approx(n, rel=1e-9, abs=1e-6)


# --- escalation and Pareto ------------------------------------------------------------------------

def test_escalation_summary_hand_computed():
    log = pd.DataFrame({"escalation_level": ["front_line"] * 6 + ["middle_manager"] * 3 + ["vice_president"]})
    out = complaints.escalation_summary(log)
    assert out["complaints"].tolist() == [6, 3, 1]
    assert out["reached"].tolist() == [10, 4, 1]  # reached middle = 3 + 1
    assert out["share_reached"].tolist() == pytest.approx([1.0, 0.4, 0.1])
    assert out["pyramid_share"].tolist() == pytest.approx([1.0, 0.25, 0.025])  # 0.25 x 0.2 x 0.5


def test_escalation_summary_names_bad_rows():
    log = pd.DataFrame({"escalation_level": ["front_line", "CEO", "middle_manager"]})
    with pytest.raises(InputError, match="must hold front_line, middle_manager, vice_president: row 1 is 'CEO'"):
        complaints.escalation_summary(log)
    with pytest.raises(InputError, match="complaint log has no column level"):
        complaints.escalation_summary(log, column="level")


def test_cause_pareto_hand_computed_and_vital_few():
    log = pd.DataFrame({"cause": list("AAAAABBBCD")})
    out = complaints.cause_pareto(log)
    assert out.index.tolist() == ["A", "B", "C", "D"]
    assert out["share"].tolist() == pytest.approx([0.5, 0.3, 0.1, 0.1])
    assert out["cumulative_share"].tolist() == pytest.approx([0.5, 0.8, 0.9, 1.0])
    # A and B reach exactly 80%: nothing crosses, so C is not vital
    assert out["vital_few"].tolist() == [True, True, False, False]


def test_cause_pareto_includes_the_cause_that_crosses_80_percent():
    out = complaints.cause_pareto(pd.DataFrame({"cause": list("AAAAAABBBC")}))
    assert out["vital_few"].tolist() == [True, True, False]  # 60%, then 90% crosses 80%


def test_cause_pareto_orders_ties_by_name():
    out = complaints.cause_pareto(pd.DataFrame({"cause": ["b", "a", "c", "c"]}))
    assert out.index.tolist() == ["c", "a", "b"]


def test_cause_pareto_blanks_raise_unless_dropped():
    log = pd.DataFrame({"Issue": ["late", None, "late", "rude", None]})
    with pytest.raises(InputError, match="column Issue is blank in rows 1, 4.*dropna=True"):
        complaints.cause_pareto(log, column="Issue")
    out = complaints.cause_pareto(log, column="Issue", dropna=True)
    assert out["count"].tolist() == [2, 1]


def test_cause_pareto_bad_inputs():
    with pytest.raises(InputError, match="has no column cause"):
        complaints.cause_pareto(pd.DataFrame({"Issue": ["x"]}))
    with pytest.raises(TypeError, match="complaint log must be a pandas DataFrame, got list"):
        complaints.cause_pareto(["x"])
    with pytest.raises(InputError, match="vital must be a share"):
        complaints.cause_pareto(pd.DataFrame({"cause": ["x"]}), vital=80)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(list("abcdefg")), min_size=1, max_size=60))
def test_cause_pareto_invariants(causes):
    out = complaints.cause_pareto(pd.DataFrame({"cause": causes}))
    assert out["count"].sum() == len(causes)
    assert (np.diff(out["count"].to_numpy()) <= 0).all()
    assert out["cumulative_share"].iloc[-1] == pytest.approx(1)
    vital = out["vital_few"].to_numpy()
    k = int(vital.sum())
    assert k >= 1 and vital[:k].all() and not vital[k:].any()  # a leading block
    assert out["cumulative_share"].iloc[k - 1] >= 0.8 - 1e-9 or k == len(out)
    if k > 1:
        assert out["cumulative_share"].iloc[k - 2] < 0.8


def test_functions_do_not_modify_the_log():
    log = data.load("complaint_log")
    before = log.copy()
    complaints.cause_pareto(log)
    complaints.escalation_summary(log)
    pd.testing.assert_frame_equal(log, before)


# --- method picker --------------------------------------------------------------------------------

def test_angry_customer_calm_first_then_admit_our_mistake():
    rec = complaints.recommend_method("face_to_face", "product_quality", "angry", "our_mistake")
    assert rec.methods == ("calm_anger", "admit_mistake")
    assert rec.reasons["rule"].tolist() == ["customer_state = angry", "finding = our_mistake"]
    assert len(rec.steps) == 9 and rec.note == ""


@pytest.mark.parametrize("finding, method", [
    ("our_mistake", "admit_mistake"), ("misunderstanding", "conversion"),
    ("baseless", "diversion"), ("baseless", "tactful_denial"), ("partly_right", "tactful_denial"),
])
def test_findings_pick_their_method(finding, method):
    rec = complaints.recommend_method("phone", "poor_service", "upset", finding)
    assert method in rec.methods


def test_humour_only_when_calm_spoken_and_no_fault_of_ours():
    for channel, cause, state, finding in itertools.product(
            complaints.CHANNELS.index, complaints.CAUSES.index, complaints.CUSTOMER_STATES, complaints.FINDINGS.index):
        rec = complaints.recommend_method(channel, cause, state, finding)
        assert ("humour" in rec.methods) == (state == "calm" and channel in ("face_to_face", "phone")
                                             and finding in ("misunderstanding", "baseless"))
        assert ("calm_anger" in rec.methods) == (state in ("upset", "angry"))
        assert set(rec.methods) <= set(complaints.METHODS.index)
        assert len(rec.reasons) >= len(rec.methods)


def test_unassessed_complaint_says_assess_first():
    rec = complaints.recommend_method("letter", "product_quality", "upset")
    assert "IANA" in rec.note and rec.methods == ("calm_anger",)
    assert "Steps (6)" in rec.text()


def test_picker_ignores_case_and_spaces():
    rec = complaints.recommend_method("Home visit", "Product_Quality", "ANGRY", "our mistake")
    assert rec.methods == ("calm_anger", "admit_mistake") and len(rec.steps) == 5


@pytest.mark.parametrize("args, message", [
    (("fax", "poor_service", "calm"), "channel 'fax' is not one of: face_to_face, letter, phone, home_visit"),
    (("phone", "price", "calm"), "cause 'price' is not one of: product_quality, poor_service"),
    (("phone", "poor_service", "furious"), "customer_state 'furious' is not one of: calm, upset, angry"),
    (("phone", "poor_service", "calm", "fraud"), "finding 'fraud' is not one of: our_mistake"),
])
def test_picker_unknown_values_list_the_valid_ones(args, message):
    with pytest.raises(InputError, match=message):
        complaints.recommend_method(*args)


def test_picker_refuses_non_strings():
    with pytest.raises(TypeError, match="channel must be a string"):
        complaints.recommend_method(3, "poor_service", "calm")


def test_rules_only_name_known_methods_and_values():
    assert set(complaints.RULES["method"]) <= set(complaints.METHODS.index)
    valid = {"channel": complaints.CHANNELS.index, "cause": complaints.CAUSES.index,
             "customer_state": complaints.CUSTOMER_STATES, "finding": complaints.FINDINGS.index}
    for field, value in zip(complaints.RULES["field"], complaints.RULES["value"]):
        assert value in list(valid[field]), (field, value)


# --- catalogues (seeds 000 and 001) ---------------------------------------------------------------

def test_catalogue_sizes_from_the_seeds():
    assert "".join(complaints.IANA_STEPS["name"].str[0]) == "IANA"
    assert complaints.IANA_STEPS.index.tolist() == ["identify", "assess", "negotiate", "act"]
    assert len(complaints.PRINCIPLES) == 5 and len(complaints.METHODS) == 6
    assert len(complaints.CAUSES) == 5 and len(complaints.SILENCE_REASONS) == 4
    steps = complaints.CHANNEL_STEPS.groupby("channel").size()
    assert steps.to_dict() == {"face_to_face": 9, "letter": 6, "phone": 3, "home_visit": 5}


@pytest.mark.parametrize("name", ["IANA_STEPS", "PRINCIPLES", "METHODS", "CHANNELS", "CAUSES", "SILENCE_REASONS"])
def test_catalogues_are_bilingual_with_descriptions(name):
    table = getattr(complaints, name)
    assert table["chinese"].map(lambda s: bool(re.search(r"[\u4e00-\u9fff]", s))).all()
    assert (table["description"].str.len() > 10).all() and table.index.is_unique


def test_role_plays_use_valid_values():
    for _, card in complaints.ROLE_PLAYS.iterrows():
        rec = complaints.recommend_method(card["channel"], card["cause"], card["customer_state"], card["finding"])
        assert rec.methods


# --- the dataset ----------------------------------------------------------------------------------

def test_complaint_log_tells_its_story():
    log = data.load("complaint_log")
    assert len(log) >= 500 and log["complaint_id"].is_unique
    assert set(log["cause"]) == set(complaints.CAUSES.index)
    assert set(log["channel"]) == set(complaints.CHANNELS.index)
    assert set(log["customer_state"]) == set(complaints.CUSTOMER_STATES)
    dates = pd.to_datetime(log["date"])
    assert dates.dt.year.eq(2024).all() and dates.is_monotonic_increasing
    top_two = complaints.cause_pareto(log)["share"].iloc[:2].sum()
    assert 0.62 <= top_two <= 0.78  # product quality + poor service, about 70%
    esc = complaints.escalation_summary(log)
    assert abs(esc.loc["middle_manager", "share_reached"] - 0.25) < 0.06
    assert abs(esc.loc["vice_president", "share_reached"] - 0.025) < 0.02
    assert (log["hours_to_resolve"].isna() == ~log["resolved"]).all()
    assert (log["hours_to_resolve"].dropna() > 0).all()
    assert math.isclose(log.loc[log["escalation_level"] == "front_line", "resolved"].mean(), 1.0)


# --- widgets (headless) ---------------------------------------------------------------------------

# The iceberg what-if (one chain: the iceberg's tip feeds the pyramid) is tested in tests/test_whatifs.py.


def test_method_picker_follows_the_rules():
    from cxlib import widgets
    box = widgets.method_picker("phone", "poor_service", "calm", "baseless")
    assert "Diversion" in box.verdict.value and "Humour" in box.verdict.value
    assert box.verdict.value.count("<li>") >= 3 + 3  # reasons + the phone's three steps
    box.controls["customer_state"].value = "angry"
    assert "Humour" not in box.verdict.value and "Calm the anger" in box.verdict.value


# --- pictures drawn from the numbers --------------------------------------------------------------

def _area(xy):
    x, y = np.asarray(xy).T
    return 0.5 * abs(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1)))  # shoelace


@pytest.mark.parametrize("silent, to_staff, to_relations", [(0.69, 0.23, 0.08), (0.2, 0.5, 0.3), (0.9, 0.05, 0.05)])
def test_iceberg_layer_areas_are_proportional_to_customers(silent, to_staff, to_relations):
    from cxlib.plots import complaints as cplots
    from cxlib.plots import new_figure
    fig, ax = new_figure()
    ice = complaints.iceberg(3000, silent=silent, to_staff=to_staff, to_relations=to_relations)
    art = cplots.iceberg_picture(ax, ice)
    areas = pd.Series({k: _area(p.get_xy()) for k, p in art["layers"].items()})
    assert (areas / areas.sum()).to_dict() == pytest.approx(
        ice.loc[areas.index, "share_of_dissatisfied"].to_dict(), abs=0.01)
    water = art["water"].get_ydata()[0]  # the water line sits between the complainers and the silent
    assert art["layers"]["to_staff"].get_xy()[:, 1].max() == pytest.approx(water)


def test_pyramid_and_pareto_pictures_follow_the_numbers():
    from cxlib.plots import complaints as cplots
    from cxlib.plots import new_figure
    fig, ax = new_figure()
    art = cplots.pyramid_picture(ax, complaints.pyramid(1000))
    assert [b.get_width() for b in art["bars"]] == pytest.approx([1, 0.4, 0.1, 0.02, 0.01])
    fig, ax = new_figure()
    log = pd.DataFrame({"cause": [f"cause {k}" for k in range(20) for _ in range(20 - k)]})
    art = cplots.pareto_chart(ax, complaints.cause_pareto(log), max_bars=5)
    assert len(art["bars"]) == 5 and "first 5 shown" in ax.get_title()
