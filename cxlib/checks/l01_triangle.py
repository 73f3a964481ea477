"""Checks for lesson 01, the satisfaction triangle (exercises/01_satisfaction_triangle.ipynb)."""

from __future__ import annotations

import numpy as np

from .. import data, triangle
from ..exercises import Wrong, choice, close, number, question, refuse_percentage

GUEST_EXPECTATION, GUEST_EXPERIENCE = 8.0, 6.5  # the hotel guest of q1 (stated in the exercise)


def _visits():
    visits = data.load("satisfaction_visits")
    visits["satisfaction"] = triangle.satisfaction(visits["experience"], visits["expectation"])
    return visits


@question("01.q1", topic="the formula", hints=[
    "Satisfaction is experience minus expectation, in that order.",
    "triangle.satisfaction(experience=6.5, expectation=8.0)",
])
def _q1(answer):
    got = number(answer)
    expected = triangle.satisfaction(GUEST_EXPERIENCE, GUEST_EXPECTATION)
    if close(got, expected):
        return f"satisfaction = 6.5 - 8.0 = {expected:+.1f}: the guest is {triangle.verdict(expected)}."
    if close(got, -expected):
        raise Wrong(f"got {got:+g}, i.e. expectation - experience; satisfaction is experience - expectation.")
    raise Wrong(f"got {got:+g}; subtract the expectation (8.0) from the experience (6.5).")


@question("01.q2", topic="shares of outcomes", hints=[
    "Add a satisfaction column, then ask which rows are below zero.",
    "(visits['satisfaction'] < 0).mean() is the share of True values.",
    "A share is between 0 and 1: 0.25, not 25.",
])
def _q2(answer):
    got = number(answer, "a share between 0 and 1")
    s = _visits()["satisfaction"]
    expected = float((s < 0).mean())
    if close(got, expected):
        return f"{expected:.1%} of visits left the customer dissatisfied (experience below expectation)."
    refuse_percentage(got, expected)
    if close(got, float((s <= 0).mean())):
        raise Wrong("you also counted visits where experience exactly met expectation; those are 'met', not dissatisfied.")
    if close(got, float((s > 0).mean())):
        raise Wrong("that is the share of satisfied visits; the question asks for the dissatisfied ones (satisfaction < 0).")
    if close(got, float((s < 0).sum())):
        raise Wrong("that is the number of dissatisfied visits; divide by the number of visits for a share.")
    raise Wrong(f"got {got:g}; expected the share of visits with satisfaction < 0.")


@question("01.q3", topic="grouping by shop", hints=[
    "Keep only quarter 8, then group by shop and average the satisfaction column.",
    "visits[visits['quarter'] == 8].groupby('shop')['satisfaction'].mean().idxmin()",
])
def _q3(answer):
    visits = _visits()
    by_shop = visits[visits["quarter"] == 8].groupby("shop")["satisfaction"].mean()
    got = choice(answer, list(by_shop.index))
    expected = by_shop.idxmin()
    if got == expected:
        return f"{expected} had the lowest mean satisfaction in quarter 8 ({by_shop[expected]:+.2f})."
    if got == by_shop.idxmax():
        raise Wrong(f"{got} is the highest in quarter 8; the question asks for the lowest.")
    overall = visits.groupby("shop")["satisfaction"].mean().idxmin()
    if got == overall:
        raise Wrong(f"{got} is lowest over all eight quarters; keep only quarter 8 first.")
    raise Wrong(f"{got} is not the lowest in quarter 8; compare the three shops' means.")


@question("01.q4", topic="rising expectations", hints=[
    "Average the expectation per quarter, then fit a straight line through the eight points.",
    "np.polyfit(quarters, mean_expectation, 1)[0] is the slope of the line.",
    "The slope is in points per quarter; it should be a small positive number.",
])
def _q4(answer):
    got = number(answer, "a rise per quarter")
    visits = _visits()
    means = visits.groupby("quarter")["expectation"].mean()
    slope = float(np.polyfit(means.index.to_numpy(float), means.to_numpy(), 1)[0])
    if close(got, slope, rel=1e-3):
        return (f"expectations rise by about {slope:.2f} points a quarter; a shop that stands still "
                "loses that much satisfaction every quarter.")
    s_means = visits.groupby("quarter")["satisfaction"].mean()
    s_slope = float(np.polyfit(s_means.index.to_numpy(float), s_means.to_numpy(), 1)[0])
    if close(got, s_slope, rel=1e-3):
        raise Wrong("that is the trend of satisfaction; the question asks how fast expectation rises.")
    if close(got, float(means.iloc[-1] - means.iloc[0])):
        raise Wrong("that is the total rise from quarter 1 to 8; fit a line to get the rise per quarter.")
    raise Wrong(f"got {got:g}; fit a line to mean expectation against quarter and give its slope.")
