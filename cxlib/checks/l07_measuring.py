"""Checks for lesson 07, measuring satisfaction (exercises/07_measuring_satisfaction.ipynb)."""

from __future__ import annotations

import numpy as np

from .. import data, measure
from ..exercises import Wrong, close, number, question, refuse_percentage

ATTRIBUTES = ["seating", "cleanliness", "food", "drinks_variety", "staff", "wifi"]
MONTH = "2024-05"  # the month of q1 (stated in the exercise)


def _lounge(period: str | None = None):
    lounge = data.load("satisfaction_drivers")
    return lounge if period is None else lounge[lounge["period"] == period]


def _hall():
    weights = data.load("fuzzy_weights").set_index("attribute")
    answers = data.load("fuzzy_answers")
    return weights, answers, measure.membership_matrix(answers, attributes=list(weights.index))


@question("07.q1", topic="satisfaction indicators", hints=[
    "The complaint rate is the share of customers who complained: complained / customers.",
    "Pick the row of 2024-05 first, e.g. months.set_index('month').loc['2024-05'].",
    "measure.complaint_rate(row['complained'], row['customers']) gives a share between 0 and 1.",
])
def _q1(answer):
    got = number(answer, "a share between 0 and 1")
    months = data.load("satisfaction_indicators").set_index("month")
    row = months.loc[MONTH]
    expected = measure.complaint_rate(row["complained"], row["customers"])
    usual = float(measure.indicators(months.drop(index=MONTH))["complaint_rate"].median())
    if close(got, expected):
        return (f"complaint rate in {MONTH} = {expected:.4f} ({expected:.1%}), against about {usual:.1%} "
                "in a usual month: the new billing system shows at once.")
    refuse_percentage(got, expected)
    if close(got, 1 / expected):
        raise Wrong("got customers / complained; the rate is complained / customers.")
    if close(got, float(row["complained"])):
        raise Wrong("that is the number of customers who complained; divide by the month's customers.")
    whole_year = months["complained"].sum() / months["customers"].sum()
    if close(got, whole_year):
        raise Wrong(f"that is the rate over the whole year; keep only {MONTH}.")
    rates = measure.indicators(months).loc[MONTH]
    for name in ("praise_rate", "designation_rate", "repeat_purchase_rate"):
        if close(got, rates[name]):
            raise Wrong(f"that is the {name.replace('_', ' ')}; the complaint rate uses the complained column.")
    raise Wrong(f"got {got:g}; divide complained by customers in the {MONTH} row.")


@question("07.q2", topic="fuzzy comprehensive evaluation", hints=[
    "Build R with measure.membership_matrix(answers, attributes=list(weights.index)).",
    "Then result = measure.fuzzy_evaluate(weights['weight'], R); B is result.vector.",
    "The answer is one number: result.vector['good'], a share between 0 and 1.",
])
def _q2(answer):
    if isinstance(answer, str):
        raise Wrong(f"got the text {answer!r}; give B's membership at the grade 'good' (a number), not a label.")
    got = number(answer, "a membership between 0 and 1")
    weights, answers, R = _hall()
    result = measure.fuzzy_evaluate(weights["weight"], R)
    expected = float(result.vector["good"])
    if close(got, expected):
        return (f"B['good'] = {expected:.3f}, the largest entry of B, so the hall grades '{result.grade}'; "
                f"'fair' follows with {result.vector['fair']:.3f}.")
    counts = R * len(answers)
    if close(got, float(weights["weight"].to_numpy() @ counts["good"].to_numpy())):
        raise Wrong("that is built from counts of answers; R needs shares (each row sums to 1).")
    if close(got, float(weights["weight"].to_numpy() @ R["good"].to_numpy()) * 100):
        raise Wrong("got 100 times too much: were the weights in points (summing to 100)? Use weights that sum to 1.")
    equal = measure.fuzzy_evaluate({a: 1 for a in R.index}, R)
    if close(got, float(equal.vector["good"])):
        raise Wrong("that is B with equal weights; use the experts' weights from the weight column.")
    for expert in weights.filter(like="expert_").columns:
        one = measure.fuzzy_evaluate(weights[expert], R)
        if close(got, float(one.vector["good"])):
            raise Wrong(f"that uses only {expert}'s points; the panel's weight is their mean (the weight column).")
    if close(got, float(R["good"].mean())):
        raise Wrong("that is the plain mean of the 'good' column; weight each attribute's row by the experts' weight.")
    raise Wrong(f"got {got:g}; compute B = W·R and read its 'good' entry.")


@question("07.q3", topic="principal component index", hints=[
    "Keep the 'before' respondents and the six attribute columns.",
    "measure.first_component(before, attributes).explained is the share of variance kept.",
    "A share is between 0 and 1; PCA here works on standardised attributes (the correlation matrix).",
])
def _q3(answer):
    got = number(answer, "a share between 0 and 1")
    before = _lounge("before")
    pc = measure.first_component(before, ATTRIBUTES)
    expected = pc.explained
    if close(got, expected, rel=1e-4):
        return (f"the first component keeps {expected:.1%} of the variance of the six attributes: "
                "one index carries about half of what the questionnaire measured.")
    refuse_percentage(got, expected, rel=1e-4)
    if close(got, float(pc.eigenvalues.iloc[0]), rel=1e-4):
        raise Wrong("that is the first eigenvalue; divide it by the sum of all eigenvalues (6 attributes).")
    cov = np.cov(before[ATTRIBUTES].to_numpy(dtype=float), rowvar=False)
    eig = np.linalg.eigvalsh(cov)
    if close(got, float(eig[-1] / eig.sum()), rel=1e-4):
        raise Wrong("that PCA ran on raw scores (covariance); standardise the attributes first (correlation).")
    if close(got, measure.first_component(_lounge(), ATTRIBUTES).explained, rel=1e-4):
        raise Wrong("that uses both periods; keep only period == 'before'.")
    if close(got, measure.first_component(_lounge("after"), ATTRIBUTES).explained, rel=1e-4):
        raise Wrong("that is the 'after' period; the question asks for 'before'.")
    raise Wrong(f"got {got:g}; run first_component on the before respondents' six attributes.")


@question("07.q4", topic="regression drivers and the missing driver", hints=[
    "Fit measure.driver_weights(period_frame, 'overall', attributes) once per period.",
    "Each result has .r_squared; the drop is R² before minus R² after.",
    "The answer is positive: the attributes explain less after the drink swap.",
])
def _q4(answer):
    got = number(answer, "a drop in R² (a number)")
    r2 = {p: measure.driver_weights(_lounge(p), "overall", ATTRIBUTES).r_squared for p in ("before", "after")}
    expected = r2["before"] - r2["after"]
    if close(got, expected, rel=1e-4):
        return (f"R² fell from {r2['before']:.2f} to {r2['after']:.2f} (a drop of {expected:.2f}): after the swap "
                "the questionnaire explains far less of the overall score. Something it does not ask about "
                "now moves satisfaction.")
    if close(got, -expected, rel=1e-4):
        raise Wrong(f"got {got:+.3f}, i.e. after - before; the drop is before - after (a positive number).")
    if close(got, r2["before"], rel=1e-4) or close(got, r2["after"], rel=1e-4):
        raise Wrong("that is one period's R²; subtract the after R² from the before R².")
    if close(got, expected * 100, rel=1e-4):
        raise Wrong("that is in percentage points; give R² as a share (0-1), so the drop is below 1.")
    pooled = measure.driver_weights(_lounge(), "overall", ATTRIBUTES).r_squared
    if close(got, r2["before"] - pooled, rel=1e-4):
        raise Wrong("you compared 'before' with all respondents; fit the 'after' period on its own.")
    raise Wrong(f"got {got:g}; fit one regression per period and subtract the R² values.")
