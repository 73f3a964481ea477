"""Checks for lesson 05, the complaint iceberg and pyramid (exercises/05_iceberg_and_pyramid.ipynb)."""

from __future__ import annotations

from .. import complaints, data
from ..exercises import Wrong, close, number, question, refuse_percentage

CUSTOMERS = 3000  # the airline of q1 (stated in the exercise)


@question("05.q1", topic="the iceberg's layers", hints=[
    "Only a third of the customers are dissatisfied; the 69% is a share of those, not of everyone.",
    "complaints.iceberg(3000).loc['silent', 'customers']",
])
def _q1(answer):
    got = number(answer, "a number of customers")
    ice = complaints.iceberg(CUSTOMERS)
    expected = float(ice.loc["silent", "customers"])
    if close(got, expected):
        return (f"{expected:,.0f} of the {ice.loc['dissatisfied', 'customers']:,.0f} dissatisfied customers never "
                "complain: the company never hears from them.")
    if close(got, CUSTOMERS * 0.69):
        raise Wrong(f"got {got:,.0f} = 3,000 x 0.69; the 69% is a share of the dissatisfied third, not of all customers.")
    if close(got, ice.loc["silent", "share_of_all"]):
        raise Wrong(f"got {got:g}, the silent share of all customers; the question asks for a number of customers.")
    if close(got, ice.loc[["to_staff", "to_relations"], "customers"].sum()):
        raise Wrong(f"got {got:,.0f}, the customers who do complain (23% + 8%); the question asks for the silent ones.")
    if close(got, ice.loc["dissatisfied", "customers"]):
        raise Wrong(f"got {got:,.0f}, all the dissatisfied; take the 69% of them who never complain.")
    raise Wrong(f"got {got:g}; multiply 3,000 by the dissatisfied share (1/3), then by the silent share (0.69).")


@question("05.q2", topic="the pyramid's arithmetic", hints=[
    "Multiply the four shares: the share of dissatisfied customers whose complaint reaches a VP.",
    "One VP complaint stands for 1 / (that product) dissatisfied customers.",
    "complaints.dissatisfied_per_vp_complaint() does it for you; do it by hand first.",
])
def _q2(answer):
    got = number(answer, "a number of customers")
    expected = complaints.dissatisfied_per_vp_complaint()
    if close(got, expected):
        return (f"1 / (0.40 x 0.25 x 0.20 x 0.50) = 1 / 0.01 = {expected:.0f}: each complaint on the VP's desk "
                "stands for 100 dissatisfied customers (seed 000's 500 is an arithmetic slip).")
    if close(got, 500):
        raise Wrong("500 is the figure seed 000 prints, but its own shares do not give it; multiply them yourself.")
    if close(got, 1 / expected):
        raise Wrong(f"got {got:g}, the share of dissatisfied customers whose complaint reaches a VP; invert it (1 / {got:g}).")
    if close(got, complaints.dissatisfied_per_vp_complaint(to_vp=1.0)):
        raise Wrong(f"got {got:g}: you left out the last step, only half of the unresolved complaints reach a VP.")
    if close(got, complaints.pyramid(1000).loc["vice_president", "customers"]):
        raise Wrong("that is how many VP complaints 1,000 dissatisfied customers make; the question asks the reverse.")
    raise Wrong(f"got {got:g}; compute 1 / (0.40 x 0.25 x 0.20 x 0.50).")


def _log_escalation():
    return complaints.escalation_summary(data.load("complaint_log"))


@question("05.q3", topic="escalation in the log", hints=[
    "Count the complaints whose escalation_level is 'vice_president', then divide by all complaints.",
    "(log['escalation_level'] == 'vice_president').mean()",
    "A share is between 0 and 1: 0.03, not 3.",
])
def _q3(answer):
    got = number(answer, "a share between 0 and 1")
    esc = _log_escalation()
    expected = float(esc.loc["vice_president", "share_reached"])
    pyramid_share = float(esc.loc["vice_president", "pyramid_share"])
    if close(got, expected):
        return (f"{expected:.1%} of logged complaints reached a vice-president (the pyramid predicts "
                f"{pyramid_share:.1%}): the VP sees about 1 complaint in {1 / expected:.0f}.")
    refuse_percentage(got, expected)
    if close(got, esc.loc["vice_president", "reached"]):
        raise Wrong("that is the number of VP complaints; divide by the number of complaints in the log.")
    if close(got, esc.loc["middle_manager", "share_reached"]):
        raise Wrong("that is the share reaching middle managers or higher; the question asks about the VP.")
    if close(got, esc.loc["middle_manager", "complaints"] / esc["complaints"].sum()):
        raise Wrong("that is the share that stopped at middle managers; the question asks about the VP.")
    raise Wrong(f"got {got:g}; divide the VP complaints by all complaints in the log.")


@question("05.q4", topic="what the VP's desk hides", hints=[
    "Count the complaints in the log that reached a vice-president.",
    "Each of them stands for complaints.dissatisfied_per_vp_complaint() dissatisfied customers.",
])
def _q4(answer):
    got = number(answer, "a number of customers")
    esc = _log_escalation()
    vp = int(esc.loc["vice_president", "reached"])
    per_vp = complaints.dissatisfied_per_vp_complaint()
    expected = vp * per_vp
    from_front = esc.loc["front_line", "reached"] / 0.40
    if close(got, expected):
        return (f"{vp} VP complaints x {per_vp:.0f} = {expected:,.0f} dissatisfied customers behind the VP's desk "
                f"(the front line's {esc.loc['front_line', 'reached']} complaints / 0.40 suggest {from_front:,.0f}).")
    if close(got, vp * 500):
        raise Wrong(f"got {got:,.0f} = {vp} x 500, seed 000's wrong ratio; each VP complaint stands for {per_vp:.0f}.")
    if close(got, vp):
        raise Wrong(f"{vp} is the number of VP complaints; multiply by the customers each one stands for.")
    if close(got, from_front):
        raise Wrong("that estimate starts from the front line (complaints / 0.40); this question starts from the VP's desk.")
    raise Wrong(f"got {got:g}; multiply the VP complaints in the log by {per_vp:.0f}.")
